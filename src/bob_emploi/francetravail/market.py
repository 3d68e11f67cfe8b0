"""API Marché du travail: offers, job seekers and hiring tension per job and territory.

Formats follow https://francetravail.io/data/api/marche-travail (resources
"indicateur/stat-offres", "indicateur/stat-demandeurs" and
"indicateur/stat-perspective-employeur"): a POST whose JSON body names the
territory (`codeTypeTerritoire`, `codeTerritoire`), the activity
(`codeTypeActivite`, `codeActivite`), the period type and the nomenclature;
the answer lists one value per period in `listeValeursParPeriode`, each with
`valeurPrincipaleNombre` and a breakdown in `listeValeurParCaract`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import httpx
from pydantic import Field

from bob_emploi.francetravail._config import MARCHE_TRAVAIL
from bob_emploi.francetravail._models import FTModel, Operation, json_body

if TYPE_CHECKING:
    from bob_emploi.francetravail._client import AsyncClient, Client

Indicator = Literal["stat-offres", "stat-demandeurs", "stat-perspective-employeur"]
TerritoryType = Literal["NAT", "REG", "DEP", "BASSIN", "COM"]

# The breakdown each indicator is asked with by default.
DEFAULT_NOMENCLATURE: dict[Indicator, str] = {
    "stat-offres": "TYPE_CONTRAT",
    "stat-demandeurs": "CATCAND",
    "stat-perspective-employeur": "TENSION",
}


class ValeurParCaract(FTModel):
    codeTypeCaract: str | None = None
    codeCaract: str | None = None
    libCaract: str | None = None
    nombre: float | None = None
    pourcentage: float | None = None


class ValeurParPeriode(FTModel):
    codeTerritoire: str | None = None
    libTerritoire: str | None = None
    codeTypeTerritoire: str | None = None
    codeActivite: str | None = None
    libActivite: str | None = None
    codeNomenclature: str | None = None
    libNomenclature: str | None = None
    codePeriode: str | None = None
    libPeriode: str | None = None
    valeurPrincipaleNombre: float | None = None
    listeValeurParCaract: list[ValeurParCaract] = Field(default_factory=list)


class IndicatorResult(FTModel):
    listeValeursParPeriode: list[ValeurParPeriode] = Field(default_factory=list)

    def latest(self) -> ValeurParPeriode | None:
        """The value of the most recent period (period codes sort chronologically)."""
        values = [value for value in self.listeValeursParPeriode if value.valeurPrincipaleNombre is not None]
        return max(values, key=lambda value: value.codePeriode or "") if values else None


@dataclass(frozen=True, slots=True)
class MarketQuery:
    territory: str
    activity: str
    territory_type: TerritoryType = "DEP"
    activity_type: str = "ROME"
    period_type: str = "TRIMESTRE"
    nomenclature: str | None = None

    def body(self, indicator: Indicator) -> dict[str, str]:
        return {
            "codeTypeTerritoire": self.territory_type,
            "codeTerritoire": self.territory,
            "codeTypeActivite": self.activity_type,
            "codeActivite": self.activity,
            "codeTypePeriode": self.period_type,
            "codeTypeNomenclature": self.nomenclature or DEFAULT_NOMENCLATURE[indicator],
        }


def indicator_operation(indicator: Indicator, query: MarketQuery) -> Operation[IndicatorResult]:
    def parse(response: httpx.Response) -> IndicatorResult:
        return IndicatorResult.model_validate(json_body(response) or {})

    return Operation(MARCHE_TRAVAIL, "POST", f"/indicateur/{indicator}", parse, json=query.body(indicator))


@dataclass(frozen=True, slots=True)
class MarketFigures:
    """The latest figures for one job group in one territory; None where the API has none."""

    code_rome: str
    territory: str
    territory_name: str | None
    job_name: str | None
    offers: int | None
    job_seekers: int | None
    tension: float | None
    period: str | None


def _figures(
    code_rome: str,
    territory: str,
    offers: IndicatorResult,
    seekers: IndicatorResult,
    tension: IndicatorResult,
) -> MarketFigures:
    latest = [result.latest() for result in (offers, seekers, tension)]
    named = next((value for value in latest if value is not None), None)

    def number(value: ValeurParPeriode | None) -> int | None:
        return None if value is None or value.valeurPrincipaleNombre is None else round(value.valeurPrincipaleNombre)

    return MarketFigures(
        code_rome=code_rome,
        territory=territory,
        territory_name=named.libTerritoire if named else None,
        job_name=named.libActivite if named else None,
        offers=number(latest[0]),
        job_seekers=number(latest[1]),
        tension=latest[2].valeurPrincipaleNombre if latest[2] else None,
        period=named.codePeriode if named else None,
    )


class Market:
    """`client.market`: the Marché du travail API."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def indicator(self, indicator: Indicator, query: MarketQuery) -> IndicatorResult:
        return self._client.execute(indicator_operation(indicator, query))

    def offers(self, query: MarketQuery) -> IndicatorResult:
        return self.indicator("stat-offres", query)

    def job_seekers(self, query: MarketQuery) -> IndicatorResult:
        return self.indicator("stat-demandeurs", query)

    def tension(self, query: MarketQuery) -> IndicatorResult:
        return self.indicator("stat-perspective-employeur", query)

    def figures(self, code_rome: str, departement: str) -> MarketFigures:
        """Offers, job seekers and tension of a job group in a département (three calls)."""
        query = MarketQuery(territory=departement, activity=code_rome)
        return _figures(code_rome, departement, self.offers(query), self.job_seekers(query), self.tension(query))


class AsyncMarket:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def indicator(self, indicator: Indicator, query: MarketQuery) -> IndicatorResult:
        return await self._client.execute(indicator_operation(indicator, query))

    async def offers(self, query: MarketQuery) -> IndicatorResult:
        return await self.indicator("stat-offres", query)

    async def job_seekers(self, query: MarketQuery) -> IndicatorResult:
        return await self.indicator("stat-demandeurs", query)

    async def tension(self, query: MarketQuery) -> IndicatorResult:
        return await self.indicator("stat-perspective-employeur", query)

    async def figures(self, code_rome: str, departement: str) -> MarketFigures:
        query = MarketQuery(territory=departement, activity=code_rome)
        return _figures(
            code_rome,
            departement,
            await self.offers(query),
            await self.job_seekers(query),
            await self.tension(query),
        )
