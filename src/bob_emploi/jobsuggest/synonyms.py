"""The reviewable synonym table (synonyms.tsv): everyday names, acronyms and English titles.

Three kinds of rows: `ogr` (the alias is another name of one job title), `rome`
(of every title of a job group) and `word` (a query word read as another word).
The table is data so that someone who does not code can review and extend it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from bob_emploi.jobsuggest.normalize import normalize

SynonymKind = Literal["ogr", "rome", "word"]
_KINDS = ("ogr", "rome", "word")


class SynonymError(ValueError):
    """The synonym table is malformed: the message says which line and why."""


@dataclass(frozen=True, slots=True)
class Synonym:
    alias: str  # normalised
    kind: SynonymKind
    target: str  # a code, or a normalised word
    note: str


@dataclass(frozen=True, slots=True)
class SynonymTable:
    entries: tuple[Synonym, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> SynonymTable:
        """The table shipped with Bob, or another one (same format)."""
        if path is None:
            text = resources.files("bob_emploi.jobsuggest").joinpath("synonyms.tsv").read_text("utf-8")
            return cls.parse(text, "synonyms.tsv")
        return cls.parse(path.read_text("utf-8"), str(path))

    @classmethod
    def parse(cls, text: str, source: str = "<synonyms>") -> SynonymTable:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and line[0] != "#"]
        entries: list[Synonym] = []
        rows = csv.reader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
        for (number, _), row in zip(lines, rows, strict=True):
            if row[:2] == ["alias", "kind"]:
                continue
            if len(row) < 3:
                raise SynonymError(f"{source}:{number}: expected alias, kind, target, note separated by tabs")
            alias, kind, target = (cell.strip() for cell in row[:3])
            if kind not in _KINDS:
                raise SynonymError(f"{source}:{number}: kind must be one of {', '.join(_KINDS)}, not {kind!r}")
            if not normalize(alias):
                raise SynonymError(f"{source}:{number}: empty alias")
            if kind == "word" and (len(normalize(alias).split()) != 1 or len(normalize(target).split()) != 1):
                raise SynonymError(f"{source}:{number}: a word synonym maps one word to one word")
            note = row[3].strip() if len(row) > 3 else ""
            value = normalize(target) if kind == "word" else target
            entries.append(Synonym(normalize(alias), kind, value, note))  # type: ignore[arg-type]
        return cls(tuple(entries))

    def word_synonyms(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for entry in self.entries:
            if entry.kind == "word":
                result.setdefault(entry.alias, []).append(entry.target)
        return result

    def aliases_by_target(self, kind: SynonymKind) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for entry in self.entries:
            if entry.kind == kind:
                result.setdefault(entry.target, []).append(entry.alias)
        return result
