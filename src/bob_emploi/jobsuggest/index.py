"""JobSuggest for job titles and job groups, built from a loaded Referential."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bob_emploi.data.referential import Gender, JobGroup, JobTitle, Referential
from bob_emploi.jobsuggest.engine import Document, Hit, Plan, SearchEngine, frequency_score, no_gc
from bob_emploi.jobsuggest.normalize import words
from bob_emploi.jobsuggest.synonyms import SynonymTable

MAX_QUERY_LENGTH = 200
GENDERS: tuple[str, ...] = ("masculine", "feminine")


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
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


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
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

    def __init__(self, titles: list[JobTitle], job_groups: Mapping[str, JobGroup], synonyms: SynonymTable) -> None:
        self._titles = titles
        self._group_names = {code: group.name for code, group in job_groups.items()}
        by_ogr = synonyms.aliases_by_target("ogr")
        by_rome = synonyms.aliases_by_target("rome")
        documents = [
            Document(
                # The neutral form only joins the other two ("Vendeur / Vendeuse"): no need to index it.
                forms=tuple(dict.fromkeys((title.masculine, title.feminine))),
                hidden_forms=(*by_ogr.get(title.code_ogr, ()), *by_rome.get(title.code_rome, ())),
                static_score=frequency_score(title.frequency),
            )
            for title in titles
        ]
        word_synonyms = synonyms.word_synonyms()
        self._engine = SearchEngine(documents, word_synonyms=word_synonyms)
        # Job-group mode: group names (and group-level synonyms) in a small engine of their own,
        # merged with the groups of the best matching titles.
        self._groups = [job_groups[code] for code in sorted(job_groups)]
        group_documents = [
            Document(forms=(group.name,), hidden_forms=tuple(by_rome.get(group.code_rome, ())))
            for group in self._groups
        ]
        self._group_engine = SearchEngine(group_documents, word_synonyms=word_synonyms, fuzzy_prefix_max_length=0)
        self._cached = lru_cache(maxsize=4096)(self._search)

    @classmethod
    def from_referential(cls, referential: Referential, synonyms: SynonymTable | None = None) -> JobIndex:
        titles = sorted(referential.job_titles.values(), key=lambda t: t.code_ogr)
        synonyms = synonyms or SynonymTable.load()
        with no_gc():
            return cls(titles, referential.job_groups, synonyms)

    def __len__(self) -> int:
        return len(self._titles)

    def _search(self, tokens: tuple[str, ...], limit: int) -> tuple[Plan, tuple[Hit, ...]]:
        plan = self._engine.plan(tokens)
        return plan, tuple(self._engine.search_plan(plan, limit + 5))

    def suggest(
        self, query: str, limit: int = 10, gender: Gender | None = None, *, cache: bool = True
    ) -> list[JobSuggestion]:
        """Job titles for what has been typed so far, most relevant then most chosen first."""
        if gender is not None and gender not in GENDERS:
            raise ValueError(f"unknown gender {gender!r}: use masculine or feminine")
        tokens = tuple(query_tokens(query))
        if not tokens or limit <= 0:
            return []
        plan, hits = self._cached(tokens, limit) if cache else self._search(tokens, limit)
        results: list[JobSuggestion] = []
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            title = self._titles[hit.doc]
            label = title.title(gender)
            key = (label.casefold(), title.code_rome)
            if key in seen:
                continue
            seen.add(key)
            spans = tuple(self._engine.spans(plan, label))
            results.append(
                JobSuggestion(
                    code_ogr=title.code_ogr,
                    code_rome=title.code_rome,
                    title=label,
                    job_group=self._group_names.get(title.code_rome, ""),
                    score=hit.score,
                    spans=spans,
                )
            )
            if len(results) == limit:
                break
        return results

    def suggest_job_groups(self, query: str, limit: int = 10) -> list[JobGroupSuggestion]:
        """Job groups (fiches ROME) for a query: by name, by synonym, or through their titles."""
        tokens = query_tokens(query)
        if not tokens or limit <= 0:
            return []
        best: dict[str, float] = {}
        plan = self._group_engine.plan(tokens)
        for hit in self._group_engine.search_plan(plan, limit):
            best[self._groups[hit.doc].code_rome] = hit.score + 0.5
        for hit in self._engine.search(tokens, limit * 3):
            code = self._titles[hit.doc].code_rome
            if code in self._group_names and hit.score > best.get(code, 0.0):
                best[code] = hit.score
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [
            JobGroupSuggestion(
                code, self._group_names[code], score, tuple(self._group_engine.spans(plan, self._group_names[code]))
            )
            for code, score in ranked
        ]
