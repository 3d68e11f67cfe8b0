"""API Offres d'emploi v2: search, offer by id, referentials.

Formats follow the API's catalogue page and OpenAPI description,
https://francetravail.io/data/api/offres-emploi (documentation tab
"Rechercher par critères", "Consulter une offre", "Référentiels"), and the
former https://www.emploi-store-dev.fr/portail-developpeur-cms/home/catalogue-des-api/documentation-des-api/api/api-offres-demploi-v2/rechercher-par-criteres.html

Paging: `range=p-d` asks for results p..d (at most 150 of them, p ≤ 3000,
d ≤ 3149); the answer says which ones it holds in `Content-Range: offres
p-d/total` and is 206 when more exist, 200 when complete, 204 when none.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import Field

from bob_emploi.francetravail._config import OFFRES
from bob_emploi.francetravail._models import FTModel, Operation, json_body, params_of

if TYPE_CHECKING:
    from bob_emploi.francetravail._client import AsyncClient, Client

PAGE_SIZE = 150
MAX_FIRST_INDEX = 3000
MAX_LAST_INDEX = 3149

# --- Models -----------------------------------------------------------------------------


class LieuTravail(FTModel):
    libelle: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    codePostal: str | None = None
    commune: str | None = None


class Entreprise(FTModel):
    nom: str | None = None
    description: str | None = None
    logo: str | None = None
    url: str | None = None
    entrepriseAdaptee: bool | None = None


class Salaire(FTModel):
    libelle: str | None = None
    commentaire: str | None = None
    complement1: str | None = None
    complement2: str | None = None


class Competence(FTModel):
    code: str | None = None
    libelle: str | None = None
    exigence: str | None = None


class OrigineOffre(FTModel):
    origine: str | None = None
    urlOrigine: str | None = None


class Offer(FTModel):
    """One offer as `/offres/search` and `/offres/{id}` describe it."""

    id: str
    intitule: str = ""
    description: str | None = None
    dateCreation: str | None = None
    dateActualisation: str | None = None
    lieuTravail: LieuTravail | None = None
    romeCode: str | None = None
    romeLibelle: str | None = None
    appellationlibelle: str | None = None
    entreprise: Entreprise | None = None
    typeContrat: str | None = None
    typeContratLibelle: str | None = None
    natureContrat: str | None = None
    experienceExige: str | None = None
    experienceLibelle: str | None = None
    competences: list[Competence] = Field(default_factory=list)
    salaire: Salaire | None = None
    dureeTravailLibelle: str | None = None
    dureeTravailLibelleConverti: str | None = None
    alternance: bool | None = None
    nombrePostes: int | None = None
    accessibleTH: bool | None = None
    qualificationCode: str | None = None
    qualificationLibelle: str | None = None
    codeNAF: str | None = None
    secteurActivite: str | None = None
    secteurActiviteLibelle: str | None = None
    origineOffre: OrigineOffre | None = None


class Agregation(FTModel):
    valeurPossible: str
    nbResultats: int


class FiltrePossible(FTModel):
    filtre: str
    agregation: list[Agregation] = Field(default_factory=list)


class ReferentialItem(FTModel):
    """An entry of a `/referentiel/...` list (communes add codePostal, codeDepartement…)."""

    code: str
    libelle: str = ""


@dataclass(frozen=True, slots=True)
class ContentRange:
    unit: str
    first: int
    last: int
    total: int | None

    @classmethod
    def parse(cls, header: str | None) -> ContentRange | None:
        match = re.match(r"^\s*(\w+)\s+(\d+)-(\d+)/(\d+|\*)\s*$", header or "")
        if not match:
            return None
        total = None if match[4] == "*" else int(match[4])
        return cls(match[1], int(match[2]), int(match[3]), total)


@dataclass(frozen=True, slots=True)
class OfferPage:
    """One answer of `/offres/search`: offers, facets and where it sits in the whole result."""

    status: int
    offers: list[Offer]
    facets: list[FiltrePossible]
    content_range: ContentRange | None

    @property
    def complete(self) -> bool:
        return self.status in (200, 204)


# --- Requests ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfferFilters:
    """The documented search criteria (Python names; None means "not filtered")."""

    code_rome: str | Sequence[str] | None = None
    appellation: str | None = None
    mots_cles: str | None = None
    commune: str | None = None
    distance: int | None = None
    departement: str | Sequence[str] | None = None
    region: str | None = None
    type_contrat: str | Sequence[str] | None = None
    nature_contrat: str | None = None
    experience: str | None = None
    qualification: str | None = None
    publiee_depuis: int | None = None
    min_creation_date: str | None = None
    max_creation_date: str | None = None
    temps_plein: bool | None = None
    domaine: str | None = None
    secteur_activite: str | None = None
    origine_offre: int | None = None
    sort: int | None = None

    def to_params(self) -> tuple[tuple[str, str], ...]:
        def listed(value: str | Sequence[str] | None) -> Any:
            return value if value is None or isinstance(value, str) else list(value)

        return params_of(
            {
                "codeROME": listed(self.code_rome),
                "appellation": self.appellation,
                "motsCles": self.mots_cles,
                "commune": self.commune,
                "distance": self.distance,
                "departement": listed(self.departement),
                "region": self.region,
                "typeContrat": listed(self.type_contrat),
                "natureContrat": self.nature_contrat,
                "experience": self.experience,
                "qualification": self.qualification,
                "publieeDepuis": self.publiee_depuis,
                "minCreationDate": self.min_creation_date,
                "maxCreationDate": self.max_creation_date,
                "tempsPlein": self.temps_plein,
                "domaine": self.domaine,
                "secteurActivite": self.secteur_activite,
                "origineOffre": self.origine_offre,
                "sort": self.sort,
            }
        )


def _parse_page(response: httpx.Response) -> OfferPage:
    data = json_body(response) or {}
    return OfferPage(
        status=response.status_code,
        offers=[Offer.model_validate(item) for item in data.get("resultats", [])],
        facets=[FiltrePossible.model_validate(item) for item in data.get("filtresPossibles", [])],
        content_range=ContentRange.parse(response.headers.get("Content-Range")),
    )


def search_page_operation(filters: OfferFilters, first: int, last: int) -> Operation[OfferPage]:
    if not 0 <= first <= MAX_FIRST_INDEX or not first <= last <= min(MAX_LAST_INDEX, first + PAGE_SIZE - 1):
        raise ValueError(f"invalid range {first}-{last}: at most {PAGE_SIZE} results, p ≤ 3000, d ≤ 3149")
    return Operation(OFFRES, "GET", "/offres/search", _parse_page, (*filters.to_params(), ("range", f"{first}-{last}")))


def offer_operation(offer_id: str) -> Operation[Offer]:
    return Operation(OFFRES, "GET", f"/offres/{offer_id}", lambda response: Offer.model_validate(json_body(response)))


def referential_operation(name: str) -> Operation[list[ReferentialItem]]:
    """`name` is one of the documented referentials: typesContrats, communes, departements, metiers…"""
    return Operation(
        OFFRES,
        "GET",
        f"/referentiel/{name}",
        lambda response: [ReferentialItem.model_validate(item) for item in json_body(response) or []],
    )


class _Pager:
    """Which range to ask next, from what the previous answers said (shared by sync and async)."""

    def __init__(self, max_results: int | None, page_size: int) -> None:
        if not 1 <= page_size <= PAGE_SIZE:
            raise ValueError(f"page_size must be within 1..{PAGE_SIZE}")
        self.max_results = max_results
        self.page_size = page_size
        self.first = 0
        self.total: int | None = None
        self.pages = 0
        self.done = max_results is not None and max_results <= 0

    def next_range(self) -> tuple[int, int] | None:
        if self.done:
            return None
        last_allowed = MAX_LAST_INDEX
        if self.max_results is not None:
            last_allowed = min(last_allowed, self.max_results - 1)
        if self.total is not None:
            last_allowed = min(last_allowed, self.total - 1)
        if self.first > MAX_FIRST_INDEX or self.first > last_allowed:
            self.done = True
            return None
        return self.first, min(self.first + self.page_size - 1, last_allowed)

    def advance(self, page: OfferPage) -> None:
        self.pages += 1
        if page.content_range and page.content_range.total is not None:
            self.total = page.content_range.total
        if page.complete or not page.offers:
            self.done = True
            if page.status == 204:
                self.total = self.total or 0
            return
        self.first = page.content_range.last + 1 if page.content_range else self.first + len(page.offers)

    @property
    def truncated(self) -> bool:
        """True when the platform holds more offers than its paging lets anyone read."""
        return self.total is not None and self.total > MAX_LAST_INDEX + 1


class SearchResults(Iterator[Offer]):
    """Offers of a search, fetched page by page only as the caller iterates.

    `total` (the server's count) is known once the first page is in;
    `truncated` tells that it exceeds the 3,150 offers the API lets one read.
    """

    def __init__(self, client: Client, filters: OfferFilters, max_results: int | None, page_size: int) -> None:
        self._client = client
        self._filters = filters
        self._pager = _Pager(max_results, page_size)
        self._offers = self._iterate()

    @property
    def total(self) -> int | None:
        return self._pager.total

    @property
    def pages_fetched(self) -> int:
        return self._pager.pages

    @property
    def truncated(self) -> bool:
        return self._pager.truncated

    def _iterate(self) -> Iterator[Offer]:
        while (span := self._pager.next_range()) is not None:
            page = self._client.execute(search_page_operation(self._filters, *span))
            self._pager.advance(page)
            yield from page.offers

    def __next__(self) -> Offer:
        return next(self._offers)


class AsyncSearchResults(AsyncIterator[Offer]):
    """The async twin of `SearchResults`."""

    def __init__(self, client: AsyncClient, filters: OfferFilters, max_results: int | None, page_size: int) -> None:
        self._client = client
        self._filters = filters
        self._pager = _Pager(max_results, page_size)
        self._offers = self._iterate()

    @property
    def total(self) -> int | None:
        return self._pager.total

    @property
    def pages_fetched(self) -> int:
        return self._pager.pages

    @property
    def truncated(self) -> bool:
        return self._pager.truncated

    async def _iterate(self) -> AsyncIterator[Offer]:
        while (span := self._pager.next_range()) is not None:
            page = await self._client.execute(search_page_operation(self._filters, *span))
            self._pager.advance(page)
            for offer in page.offers:
                yield offer

    async def __anext__(self) -> Offer:
        return await anext(self._offers)


class Offers:
    """`client.offers`: the Offres d'emploi v2 API."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def search(
        self,
        filters: OfferFilters | None = None,
        *,
        max_results: int | None = None,
        page_size: int = PAGE_SIZE,
    ) -> SearchResults:
        return SearchResults(self._client, filters or OfferFilters(), max_results, page_size)

    def search_page(self, filters: OfferFilters | None = None, first: int = 0, last: int = PAGE_SIZE - 1) -> OfferPage:
        return self._client.execute(search_page_operation(filters or OfferFilters(), first, last))

    def get(self, offer_id: str) -> Offer:
        return self._client.execute(offer_operation(offer_id))

    def referential(self, name: str) -> list[ReferentialItem]:
        return self._client.execute(referential_operation(name))


class AsyncOffers:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def search(
        self,
        filters: OfferFilters | None = None,
        *,
        max_results: int | None = None,
        page_size: int = PAGE_SIZE,
    ) -> AsyncSearchResults:
        return AsyncSearchResults(self._client, filters or OfferFilters(), max_results, page_size)

    async def search_page(
        self, filters: OfferFilters | None = None, first: int = 0, last: int = PAGE_SIZE - 1
    ) -> OfferPage:
        return await self._client.execute(search_page_operation(filters or OfferFilters(), first, last))

    async def get(self, offer_id: str) -> Offer:
        return await self._client.execute(offer_operation(offer_id))

    async def referential(self, name: str) -> list[ReferentialItem]:
        return await self._client.execute(referential_operation(name))
