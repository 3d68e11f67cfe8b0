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
# An arrondissement number as people type it after the city name: "11", "11e", "11eme", "11ème", "1er".
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|eme|em|ieme|er|ere|re)?$")
# How a code typed matched a commune, best first: its postcode, its INSEE code, or their start.
POSTCODE, INSEE, PREFIX = 0, 1, 2


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
class CitySuggestion:
    code: str  # INSEE code
    name: str
    postcodes: tuple[str, ...]
    departement: str
    population: int
    score: float
    spans: tuple[tuple[int, int], ...] = ()
    # Why a commune is listed when its name does not say it, in French: "code INSEE 13013".
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "postcodes": list(self.postcodes),
            "departement": self.departement,
            "population": self.population,
            "score": round(self.score, 4),
            "spans": [list(span) for span in self.spans],
            "note": self.note,
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

    def _search(self, tokens: tuple[str, ...], limit: int) -> tuple[Plan, tuple[Hit, ...], dict[int, str]]:
        ordinal = self._arrondissement(tokens, limit)
        if ordinal is not None:
            return (*ordinal, {})
        codes = [token for token in tokens if _CODE.match(token)]
        names = tuple(token for token in tokens if not _CODE.match(token))
        plan = self._engine.plan(names)
        if not codes:
            return plan, tuple(self._engine.search_plan(plan, limit)), {}
        allowed = self._docs_with_codes(codes)
        notes = {doc: f"code INSEE {self._communes[doc].code}" for doc, match in allowed.items() if match == INSEE}
        if not names:
            # A postcode first ("13013": Marseille 13e, then Marseille), an arrondissement before its
            # city; then the commune with that INSEE code (Belcodène), then codes starting so, biggest first.
            def rank(item: tuple[int, int]) -> tuple[int, bool, int, int]:  # ("69": Lyon, then the biggest)
                commune = self._communes[item[0]]
                arrondissement_first = item[1] == POSTCODE and commune.kind == "arrondissement"
                return item[1], not arrondissement_first, -commune.population, item[0]

            ranked = sorted(allowed.items(), key=rank)
            return plan, tuple(Hit(doc, float(PREFIX - match)) for doc, match in ranked[:limit]), notes
        hits = [hit for hit in self._engine.search_plan(plan, max(limit * 4, 64)) if hit.doc in allowed]
        # "lyon 69003": the arrondissement whose postcode it is before its city (a stable sort).
        hits.sort(key=lambda hit: (allowed[hit.doc], allowed[hit.doc] != POSTCODE or self._is_city_of_many(hit.doc)))
        return plan, tuple(hits[:limit]), notes

    def _is_city_of_many(self, doc: int) -> bool:
        return self._communes[doc].kind != "arrondissement"

    def _arrondissement(self, tokens: tuple[str, ...], limit: int) -> tuple[Plan, tuple[Hit, ...]] | None:
        """ "paris 11", "marseille 13", "lyon 3e": a name then a small number is an arrondissement.

        The number is read as the ordinal of the names ("11e", "1er") when a commune's name has it
        after the words typed; otherwise the query is left to the code lookup ("lyon 69").
        """
        if len(tokens) < 2 or _CODE.match(tokens[0]):
            return None
        match = _ORDINAL.match(tokens[-1])
        if match is None or not 1 <= int(match.group(1)) <= 20:
            return None
        number = int(match.group(1))
        plan = self._engine.plan((*tokens[:-1], "1er" if number == 1 else f"{number}e"))
        hits = tuple(self._engine.search_plan(plan, limit))
        return (plan, hits) if hits and self._communes[hits[0].doc].kind == "arrondissement" else None

    def _docs_with_codes(self, codes: list[str]) -> dict[int, int]:
        """Communes with a postcode or INSEE code starting with every code typed: doc -> how it matched."""
        result: dict[int, int] | None = None
        for code in codes:
            lo = bisect_left(self._code_keys, code)
            hi = bisect_left(self._code_keys, code + "~", lo)
            found: dict[int, int] = {}
            for key in self._code_keys[lo:hi]:
                for doc in self._docs_by_code[key]:
                    if key != code:
                        match = PREFIX
                    elif code in self._communes[doc].postcodes:
                        match = POSTCODE
                    else:
                        match = INSEE
                    found[doc] = min(found.get(doc, PREFIX), match)
            result = (
                found if result is None else {doc: min(result[doc], m) for doc, m in found.items() if doc in result}
            )
        return result or {}

    def suggest(self, query: str, limit: int = 10, *, cache: bool = True) -> list[CitySuggestion]:
        """Communes for what has been typed so far, most relevant then most populated first."""
        tokens = tuple(query_tokens(query))
        if not tokens or limit <= 0:
            return []
        plan, hits, notes = self._cached(tokens, limit) if cache else self._search(tokens, limit)
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
                    note=notes.get(hit.doc, ""),
                )
            )
        return results
