"""ROME 4.0 APIs: métiers, appellations, compétences, contextes de travail.

Formats follow the catalogue pages
https://francetravail.io/data/api/rome-4-0-metiers,
https://francetravail.io/data/api/rome-4-0-competences and
https://francetravail.io/data/api/rome-4-0-contextes-travail
(each a list resource and a by-code resource; camelCase JSON).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import httpx
from pydantic import Field

from bob_emploi.francetravail._config import ROME_COMPETENCES, ROME_CONTEXTES, ROME_METIERS, ApiSpec
from bob_emploi.francetravail._models import FTModel, Operation, json_body

if TYPE_CHECKING:
    from bob_emploi.francetravail._client import AsyncClient, Client

M = TypeVar("M", bound=FTModel)


class Appellation(FTModel):
    code: str
    libelle: str = ""
    libelleCourt: str | None = None
    metier: dict[str, object] | None = None


class ContexteTravail(FTModel):
    code: str
    libelle: str = ""
    categorie: str | None = None


class Competence(FTModel):
    code: str
    libelle: str = ""
    type: str | None = None
    codeOgr: str | None = None
    riasecMajeur: str | None = None
    riasecMineur: str | None = None


class Metier(FTModel):
    """A fiche métier; the list resource only fills `code` and `libelle`."""

    code: str
    libelle: str = ""
    definition: str | None = None
    accesEmploi: str | None = None
    riasecMajeur: str | None = None
    riasecMineur: str | None = None
    appellations: list[Appellation] = Field(default_factory=list)
    contextesTravail: list[ContexteTravail] = Field(default_factory=list)


def _list(api: ApiSpec, path: str, model: type[M]) -> Operation[list[M]]:
    def parse(response: httpx.Response) -> list[M]:
        return [model.model_validate(item) for item in json_body(response) or []]

    return Operation(api, "GET", path, parse)


def _one(api: ApiSpec, path: str, model: type[M]) -> Operation[M]:
    return Operation(api, "GET", path, lambda response: model.model_validate(json_body(response)))


def metiers_operation() -> Operation[list[Metier]]:
    return _list(ROME_METIERS, "/metier", Metier)


def metier_operation(code: str) -> Operation[Metier]:
    return _one(ROME_METIERS, f"/metier/{code}", Metier)


def appellations_operation() -> Operation[list[Appellation]]:
    return _list(ROME_METIERS, "/appellation", Appellation)


def appellation_operation(code: str) -> Operation[Appellation]:
    return _one(ROME_METIERS, f"/appellation/{code}", Appellation)


def competences_operation() -> Operation[list[Competence]]:
    return _list(ROME_COMPETENCES, "/competence", Competence)


def competence_operation(code: str) -> Operation[Competence]:
    return _one(ROME_COMPETENCES, f"/competence/{code}", Competence)


def contextes_operation() -> Operation[list[ContexteTravail]]:
    return _list(ROME_CONTEXTES, "/contexte-travail", ContexteTravail)


class Rome:
    """`client.rome`: the four ROME 4.0 resources."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def metiers(self) -> list[Metier]:
        return self._client.execute(metiers_operation())

    def metier(self, code_rome: str) -> Metier:
        return self._client.execute(metier_operation(code_rome))

    def appellations(self) -> list[Appellation]:
        return self._client.execute(appellations_operation())

    def appellation(self, code: str) -> Appellation:
        return self._client.execute(appellation_operation(code))

    def competences(self) -> list[Competence]:
        return self._client.execute(competences_operation())

    def competence(self, code: str) -> Competence:
        return self._client.execute(competence_operation(code))

    def contextes_travail(self) -> list[ContexteTravail]:
        return self._client.execute(contextes_operation())


class AsyncRome:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def metiers(self) -> list[Metier]:
        return await self._client.execute(metiers_operation())

    async def metier(self, code_rome: str) -> Metier:
        return await self._client.execute(metier_operation(code_rome))

    async def appellations(self) -> list[Appellation]:
        return await self._client.execute(appellations_operation())

    async def appellation(self, code: str) -> Appellation:
        return await self._client.execute(appellation_operation(code))

    async def competences(self) -> list[Competence]:
        return await self._client.execute(competences_operation())

    async def competence(self, code: str) -> Competence:
        return await self._client.execute(competence_operation(code))

    async def contextes_travail(self) -> list[ContexteTravail]:
        return await self._client.execute(contextes_operation())
