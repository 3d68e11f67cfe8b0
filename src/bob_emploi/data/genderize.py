"""Masculine and feminine forms of ROME job titles.

The ROME writes both genders in one label, in two notations:

- slashes: `Vendeur / Vendeuse`, `Ouvrier/Ouvrière`, with shared words before
  or after (`Secrétaire polyvalent / polyvalente`,
  `Vendeur expert / Vendeuse experte retail`), and sometimes several pairs
  (`Agent / Agente d'administration principal / principale des impôts`);
- brackets: `Technicien(ne)`, `Accompagnateur(trice)`, `chargé(e)`.

A slash is also used for alternatives that have nothing to do with gender
(`biologie/microbiologie`, `Conducteur / Conductrice de métro/RER`). A slash
counts as a gender mark only when the word after it is a gender variant of a
word before it (same stem: `chargeur` / `chargeuse`); otherwise it is kept.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

_BRACKET = re.compile(r"(?<=[^\W\d_])\(([^\W\d_]{1,5})\)")
_PLURAL_MARKS = {"s", "x"}

# Feminine words end so: French -e, English -woman/-maid, Italian and Spanish -a (pizzaïola).
_FEMININE_ENDINGS = ("e", "es", "woman", "maid", "a")
_GLUED = "\x01"  # a gender slash written without spaces: `Ouvrier/Ouvrière`

# Pairs that share no stem, seen in the ROME (folded: lowercase, no accents).
IRREGULAR_PAIRS = {
    "garcon": {"fille", "serveuse"},
    "homme": {"femme"},
    "monsieur": {"dame"},
    "steward": {"hotesse"},
    "valet": {"femme"},
    "man": {"woman"},
    "groupman": {"groupwoman"},
    "traminot": {"employee"},
    "pere": {"mere"},
    "parrain": {"marraine"},
}


@dataclass(frozen=True, slots=True)
class GenderedLabel:
    masculine: str
    feminine: str
    # Why the rules could not be sure, for the build report; None when they were.
    problem: str | None = None


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _simple_variants(masculine: str, feminine: str) -> bool:
    masculine, feminine = _fold(masculine), _fold(feminine)
    if masculine == feminine or feminine in IRREGULAR_PAIRS.get(masculine, ()):
        return True
    if not masculine or not feminine:
        return False
    if not feminine.endswith(_FEMININE_ENDINGS):
        return False  # `groupman` is no feminine of `Groupiste`.
    if feminine.endswith("woman") and not masculine.endswith("man"):
        return False
    common = 0
    for a, b in zip(masculine, feminine, strict=False):
        if a != b:
            break
        common += 1
    shortest = min(len(masculine), len(feminine))
    if common < min(3, shortest):
        return False
    # Same stem (directeur / directrice), or one letter off (a typo of the source: Techicienne).
    same_stem = common >= shortest - 4 and 2 * common >= len(masculine)
    return same_stem or SequenceMatcher(None, masculine, feminine).ratio() >= 0.85


def is_gender_variant(masculine: str, feminine: str) -> bool:
    """Whether two words are plausibly the masculine and feminine of one word.

    Compound words are compared part by part (`Accastilleur-gréeur` /
    `Accastilleuse-gréeuse`).
    """
    masculine, feminine = masculine.strip(".,;"), feminine.strip(".,;")
    masculine_parts, feminine_parts = masculine.split("-"), feminine.split("-")
    if len(masculine_parts) == len(feminine_parts) > 1:
        return all(_simple_variants(m, f) for m, f in zip(masculine_parts, feminine_parts, strict=True))
    return _simple_variants(masculine_parts[0], feminine_parts[0])


def _head(word: str) -> str:
    """The part of a word before any slash or elision: `d'atelier` -> `atelier`."""
    word = word.split("/")[0]
    return word.rsplit("'", 1)[-1]


def _split_gender_slashes(words: list[str]) -> list[str]:
    """Splits `Ouvrier/Ouvrière` into `Ouvrier`, `/`, `Ouvrière` when the slash marks gender."""
    result: list[str] = []
    region: list[str] = []  # words since the last gender slash
    for word in words:
        if word == "/":
            result.append(word)
            region = []
            continue
        parts = word.split("/")
        current = parts[0]
        region_heads = [_head(w) for w in region for w in w.split("/")]
        for part in parts[1:]:
            candidates = [*region_heads, *current.split("/")]
            if part and any(is_gender_variant(c, _head(part)) for c in candidates if c):
                result.append(current)
                result.append(_GLUED)
                region, region_heads = [], []
                current = part
            else:
                current = f"{current}/{part}"
        result.append(current)
        region.append(current)
    return result


def _feminine_of_bracket(stem: str, suffix: str) -> str:
    """`Technicien` + `ne` -> `Technicienne`; `Vendeur` + `euse` -> `Vendeuse`."""
    if suffix in {"e", "es"}:
        return stem + suffix
    if len(suffix) == 2 and suffix[1] == "e" and stem.endswith(suffix[0]):
        return stem + suffix  # Chef(fe), Technicien(ne), professionnel(le)
    folded_stem, first = _fold(stem), _fold(suffix[0])
    start = max(0, len(stem) - 5)
    index = folded_stem.rfind(first, start)
    if index >= 0:
        return stem[:index] + suffix
    if stem.endswith("e"):
        return stem + suffix  # Maître(sse)
    return stem[:-1] + suffix  # Accastilleur(se)


def _apply_brackets(text: str, feminine: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        suffix = match.group(1)
        if suffix.lower() in _PLURAL_MARKS:
            return match.group(0)
        if not feminine:
            return ""
        return f"\x00{suffix}"

    marked = _BRACKET.sub(replace, text)
    if not feminine:
        return marked
    # Rebuild each marked word: the stem is the run of letters before the marker.
    return re.sub(r"([^\W\d_]+)\x00([^\W\d_]+)", lambda m: _feminine_of_bracket(m.group(1), m.group(2)), marked)


def _pair(left: list[str], right: list[str]) -> tuple[int, int, bool] | None:
    """Where the gendered words before a slash start, how many there are, and whether the
    feminine comes first; None when the slash marks no gender."""
    # Feminine first only when the word after the slash cannot itself be feminine.
    orders = (False, True) if not _fold(_head(right[0])).endswith(_FEMININE_ENDINGS) else (False,)
    for feminine_first in orders:
        matches = []
        for index, word in enumerate(left):
            pair = (_head(right[0]), _head(word)) if feminine_first else (_head(word), _head(right[0]))
            if not is_gender_variant(*pair):
                continue
            size = len(left) - index
            # Either the right side holds all the gendered words, or (masculine first) it is
            # shorter and the left side's last words are shared.
            fits = size <= len(right) or (
                not feminine_first
                and all(is_gender_variant(_head(m), _head(f)) for m, f in zip(left[index:], right, strict=False))
            )
            if fits:
                matches.append((index, size))
        if matches:
            return (*matches[-1], feminine_first)
    return None


def genderize(label: str) -> GenderedLabel:
    """The masculine and feminine forms of a cleaned ROME label."""
    words = _split_gender_slashes(label.split())
    if "/" not in words and _GLUED not in words:
        return GenderedLabel(_apply_brackets(label, False), _apply_brackets(label, True))

    parts: list[list[str]] = [[]]
    separators: list[str] = []
    for word in words:
        if word in {"/", _GLUED}:
            parts.append([])
            separators.append(" / " if word == "/" else "/")
        else:
            parts[-1].append(word)

    masculine: list[str] = []
    feminine: list[str] = []
    problem = None
    pending = parts[0]
    for separator, right in zip(separators, parts[1:], strict=True):
        if not pending or not right:
            return GenderedLabel(label, label, "a slash with nothing on one side")
        match = _pair(pending, right)
        if match is None:
            # Not a gender mark after all (`Pilote de chasse / transport`): keep the slash as text.
            problem = f"slash kept as text: {pending[-1]!r} / {right[0]!r} are no gender pair"
            pending = [*pending[:-1], f"{pending[-1]}{separator}{right[0]}", *right[1:]]
            continue
        start, size, feminine_first = match
        if size > len(right):
            # `Pharmacien distributeur en gros / Pharmacienne distributrice`: the words after the
            # shorter side are shared.
            masculine += pending
            feminine += pending[:start] + right + pending[start + len(right) :]
            pending = []
            continue
        first, second = pending, pending[:start] + right[:size]
        if feminine_first:  # `Agente / Agent de bio-nettoyage` (ROME 4.0 sometimes puts the feminine first)
            first, second = second, first
        masculine += first
        feminine += second
        pending = right[size:]
    masculine += pending
    feminine += pending
    return GenderedLabel(
        _apply_brackets(" ".join(masculine), False), _apply_brackets(" ".join(feminine), True), problem
    )
