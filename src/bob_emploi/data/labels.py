"""Cleaning of ROME labels: doubled apostrophes and missing accents on capitals.

The ROME files double every apostrophe (`d''application`) and, following an
old typewriter habit, drop the accent on capital letters (`Electricien`,
`Agent de l''Etat`, ROME 4.0's `Etre à l'écoute`). French typography keeps it
(`Électricien`, `État`, `Être`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CAPITAL_E_WORD = re.compile(r"\bE([a-zà-ÿ]{2,})")
_STEM = 4  # letters after the initial that must agree for a word to count as evidence
_ACCENTED_E = "éêè"


def undouble_apostrophes(text: str) -> str:
    return text.replace("''", "'")


class AccentRestorer:
    """Puts back the accent of a capital É (or Ê, È) where the rest of the ROME proves it.

    Evidence is counted on lowercase words of the whole referential: a word
    `Eleveuse` becomes `Éleveuse` when lowercase words starting with `éleve`
    (éleveur, élevage…) outnumber those starting with `eleve`. This needs no
    hand-kept list and leaves `Enseignant`, `Expert` or `Entretien` alone.
    """

    def __init__(self, corpus: Iterable[str]) -> None:
        self._stems: Counter[str] = Counter()
        for text in corpus:
            for word in _WORD.findall(text):
                if word.islower():
                    for length in range(3, min(len(word), _STEM + 1) + 1):
                        self._stems[word[:length]] += 1
        self.restored: Counter[str] = Counter()
        self.replacements: dict[str, str] = {}  # restored word -> what it became

    def _accent(self, rest: str) -> str | None:
        """The accented capital the lowercase words prove for `E` + rest, None when they prove none."""
        stem = rest[:_STEM]
        best = max(_ACCENTED_E, key=lambda accented: self._stems[accented + stem])
        return best.upper() if self._stems[best + stem] > self._stems["e" + stem] else None

    def restore(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            rest = match.group(1)
            accent = self._accent(rest)
            if accent is not None:
                self.restored["E" + rest] += 1
                self.replacements["E" + rest] = accent + rest
                return accent + rest
            return match.group(0)

        return _CAPITAL_E_WORD.sub(replace, text)


def clean_label(text: str, restorer: AccentRestorer | None = None) -> str:
    """A ROME label as it should be displayed."""
    text = " ".join(undouble_apostrophes(text).split())
    return restorer.restore(text) if restorer else text
