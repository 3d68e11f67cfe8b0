"""JobSuggest for French communes: by name, postcode or INSEE code, biggest first."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bob_emploi.data.referential import Commune, Referential
from bob_emploi.jobsuggest.engine import Document, Hit, Plan, SearchEngine, no_gc
from bob_emploi.jobsuggest.index import query_tokens

# Abbreviations people type for the saints of French place names.
CITY_TOKEN_MAP = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# What a postcode or an INSEE code looks like once normalised (Corsica: 2a004, 20167).
_CODE = re.compile(r"^\d[\dab]\d*$")


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
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
            Document(forms=(commune.name,), static_score=0.1 * math.log1p(max(0, commune.population)))
            for commune in communes
        ]
        # Typos are looked up at query time (one per word): a typo index of 27,000 place-name
        # words and their prefixes would more than double the build time.
        self._engine = SearchEngine(documents, token_map=CITY_TOKEN_MAP, typos="at_query")
        # Postcodes and INSEE codes are looked up apart: prefixes of digits need no typo
        # tolerance, and 40,000 codes in the word index would slow its build down.
        docs_by_code: dict[str, list[int]] = {}
        for doc, commune in enumerate(communes):
            for code in (*commune.postcodes, commune.code.lower()):  # Corsica: 2A004 -> 2a004, as typed
                docs_by_code.setdefault(code, []).append(doc)
        self._docs_by_code = docs_by_code
        self._code_keys = sorted(docs_by_code)
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
        codes = [token for token in tokens if _CODE.match(token)]
        names = tuple(token for token in tokens if not _CODE.match(token))
        plan = self._engine.plan(names)
        if not codes:
            return plan, tuple(self._engine.search_plan(plan, limit))
        allowed = self._docs_with_codes(codes)
        if not names:
            # Exact codes first ("69003" is a postcode of Lyon and of its 3rd arrondissement), then biggest.
            ranked = sorted(allowed.items(), key=lambda item: (-item[1], -self._communes[item[0]].population, item[0]))
            return plan, tuple(Hit(doc, float(exact)) for doc, exact in ranked[:limit])
        hits = self._engine.search_plan(plan, max(limit * 4, 64))
        return plan, tuple(hit for hit in hits if hit.doc in allowed)[:limit]

    def _docs_with_codes(self, codes: list[str]) -> dict[int, bool]:
        """Communes with a postcode or INSEE code starting with every code typed: doc -> exact match."""
        result: dict[int, bool] | None = None
        for code in codes:
            lo = bisect_left(self._code_keys, code)
            hi = bisect_left(self._code_keys, code + "~", lo)
            found: dict[int, bool] = {}
            for key in self._code_keys[lo:hi]:
                for doc in self._docs_by_code[key]:
                    found[doc] = found.get(doc, False) or key == code
            result = (
                found
                if result is None
                else {doc: result[doc] or exact for doc, exact in found.items() if doc in result}
            )
        return result or {}

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
