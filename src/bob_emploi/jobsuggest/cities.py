"""JobSuggest for French communes: by name, postcode or INSEE code, biggest first."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bob_emploi.data.referential import Commune, Referential
from bob_emploi.jobsuggest.engine import Document, Hit, Plan, SearchEngine, no_gc
from bob_emploi.jobsuggest.index import query_tokens

# Abbreviations people type for the saints of French place names.
CITY_TOKEN_MAP = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


@dataclass(frozen=True, slots=True)
class CitySuggestion:
    code: str  # INSEE code
    name: str
    postcodes: tuple[str, ...]
    departement: str
    population: int
    score: float
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "postcodes": list(self.postcodes),
            "departement": self.departement,
            "population": self.population,
            "score": round(self.score, 4),
            "spans": [list(span) for span in self.spans],
        }


class CityIndex:
    """Typo-tolerant autocomplete over communes and Paris/Lyon/Marseille arrondissements."""

    def __init__(self, communes: list[Commune]) -> None:
        self._communes = communes
        documents = [
            Document(
                forms=(commune.name,),
                hidden_forms=(" ".join((*commune.postcodes, commune.code)),),
                static_score=0.1 * math.log1p(max(0, commune.population)),
            )
            for commune in communes
        ]
        # Typo-tolerant prefixes up to 7 letters only: there are many more place names than titles.
        self._engine = SearchEngine(documents, token_map=CITY_TOKEN_MAP, fuzzy_prefix_max_length=7)
        self._cached = lru_cache(maxsize=4096)(self._search)

    @classmethod
    def from_referential(cls, referential: Referential) -> CityIndex:
        communes = sorted(
            (c for c in referential.communes.values() if c.kind in ("commune", "arrondissement")),
            key=lambda c: c.code,
        )
        with no_gc():
            return cls(communes)

    def __len__(self) -> int:
        return len(self._communes)

    def _search(self, tokens: tuple[str, ...], limit: int) -> tuple[Plan, tuple[Hit, ...]]:
        plan = self._engine.plan(tokens)
        return plan, tuple(self._engine.search_plan(plan, limit))

    def suggest(self, query: str, limit: int = 10, *, cache: bool = True) -> list[CitySuggestion]:
        """Communes for what has been typed so far, most relevant then most populated first."""
        tokens = tuple(query_tokens(query))
        if not tokens or limit <= 0:
            return []
        plan, hits = self._cached(tokens, limit) if cache else self._search(tokens, limit)
        results = []
        for hit in hits:
            commune = self._communes[hit.doc]
            results.append(
                CitySuggestion(
                    code=commune.code,
                    name=commune.name,
                    postcodes=commune.postcodes,
                    departement=commune.departement,
                    population=commune.population,
                    score=hit.score,
                    spans=tuple(self._engine.spans(plan, commune.name)),
                )
            )
        return results
