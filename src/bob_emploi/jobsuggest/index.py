"""JobSuggest for job titles and job groups, built from a loaded Referential."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bob_emploi.data.referential import Gender, JobGroup, JobTitle, Referential
from bob_emploi.jobsuggest.engine import Document, SearchEngine, frequency_score
from bob_emploi.jobsuggest.normalize import words
from bob_emploi.jobsuggest.synonyms import SynonymTable

MAX_QUERY_LENGTH = 200
GENDERS: tuple[str, ...] = ("masculine", "feminine")


@dataclass(frozen=True, slots=True)
class JobSuggestion:
    """A job title to propose, with the character ranges of `title` that matched the query."""

    code_ogr: str
    code_rome: str
    title: str
    job_group: str
    score: float
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code_ogr": self.code_ogr,
            "code_rome": self.code_rome,
            "title": self.title,
            "job_group": self.job_group,
            "score": round(self.score, 4),
            "spans": [list(span) for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class JobGroupSuggestion:
    code_rome: str
    name: str
    score: float
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code_rome": self.code_rome,
            "name": self.name,
            "score": round(self.score, 4),
            "spans": [list(span) for span in self.spans],
        }


def query_tokens(query: str) -> list[str]:
    """The normalised words of a query; over-long input is cut rather than refused here."""
    return words(query[:MAX_QUERY_LENGTH])


class JobIndex:
    """Typo-tolerant, gender-aware autocomplete over the ROME job titles."""

    def __init__(
        self, titles: list[JobTitle], job_groups: Mapping[str, JobGroup], synonyms: SynonymTable
    ) -> None:
        self._titles = titles
        self._group_names = {code: group.name for code, group in job_groups.items()}
        by_ogr = synonyms.aliases_by_target("ogr")
        by_rome = synonyms.aliases_by_target("rome")
        documents = [
            Document(
                forms=tuple(dict.fromkeys((title.masculine, title.feminine, title.neutral))),
                hidden_forms=(*by_ogr.get(title.code_ogr, ()), *by_rome.get(title.code_rome, ())),
                static_score=frequency_score(title.frequency),
            )
            for title in titles
        ]
        word_synonyms = synonyms.word_synonyms()
        self._engine = SearchEngine(documents, word_synonyms=word_synonyms)
        group_codes = sorted(job_groups)
        self._groups = [job_groups[code] for code in group_codes]
        titles_by_group: dict[str, list[str]] = {}
        counts: dict[str, int] = {}
        for title in titles:
            titles_by_group.setdefault(title.code_rome, []).extend((title.masculine, title.feminine))
            counts[title.code_rome] = counts.get(title.code_rome, 0) + title.frequency
        group_documents = [
            Document(
                forms=(group.name,),
                hidden_forms=(
                    *dict.fromkeys(titles_by_group.get(group.code_rome, ())),
                    *by_rome.get(group.code_rome, ()),
                ),
                static_score=frequency_score(counts.get(group.code_rome, 0)),
            )
            for group in self._groups
        ]
        self._group_engine = SearchEngine(group_documents, word_synonyms=word_synonyms, fuzzy_prefixes=False)
        self._cached = lru_cache(maxsize=4096)(self._search)

    @classmethod
    def from_referential(cls, referential: Referential, synonyms: SynonymTable | None = None) -> JobIndex:
        titles = sorted(referential.job_titles.values(), key=lambda t: t.code_ogr)
        return cls(titles, referential.job_groups, synonyms or SynonymTable.load())

    def __len__(self) -> int:
        return len(self._titles)

    def _search(self, tokens: tuple[str, ...], limit: int) -> tuple[tuple[int, float], ...]:
        hits = self._engine.search(list(tokens), limit * 2)
        return tuple((self._engine.external[hit.doc], hit.score) for hit in hits)

    def suggest(
        self, query: str, limit: int = 10, gender: Gender | None = None, *, cache: bool = True
    ) -> list[JobSuggestion]:
        """Job titles for what has been typed so far, most relevant then most chosen first."""
        if gender is not None and gender not in GENDERS:
            raise ValueError(f"unknown gender {gender!r}: use masculine or feminine")
        tokens = tuple(query_tokens(query))
        if not tokens or limit <= 0:
            return []
        hits = self._cached(tokens, limit) if cache else self._search(tokens, limit)
        results: list[JobSuggestion] = []
        seen: set[tuple[str, str]] = set()
        for index, score in hits:
            title = self._titles[index]
            label = title.title(gender)
            key = (label.casefold(), title.code_rome)
            if key in seen:
                continue
            seen.add(key)
            spans = tuple(self._engine.spans(list(tokens), label))
            results.append(
                JobSuggestion(
                    code_ogr=title.code_ogr,
                    code_rome=title.code_rome,
                    title=label,
                    job_group=self._group_names.get(title.code_rome, ""),
                    score=score,
                    spans=spans,
                )
            )
            if len(results) == limit:
                break
        return results

    def suggest_job_groups(self, query: str, limit: int = 10) -> list[JobGroupSuggestion]:
        """Job groups (fiches ROME) for a query: by name, by any of their titles, or by synonym."""
        tokens = query_tokens(query)
        if not tokens or limit <= 0:
            return []
        results = []
        for hit in self._group_engine.search(tokens, limit):
            group = self._groups[self._group_engine.external[hit.doc]]
            spans = tuple(self._group_engine.spans(tokens, group.name))
            results.append(JobGroupSuggestion(group.code_rome, group.name, hit.score, spans))
        return results
