"""API La Bonne Boîte v2: companies likely to hire for a ROME code around a place.

Formats follow https://francetravail.io/data/api/la-bonne-boite (resource
`GET /v2/recherche` with `rome`, `citycode` or `latitude`/`longitude`,
`distance`, `page`, `page_size`; answer `{hits, items: [company…]}`). It
replaces the v1 API (`/labonneboite/v1/company/`) that python-emploi-store's
`get_lbb_companies` called.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
from pydantic import Field

from bob_emploi.francetravail._config import LA_BONNE_BOITE
from bob_emploi.francetravail._models import FTModel, Operation, json_body, params_of

if TYPE_CHECKING:
    from bob_emploi.francetravail._client import AsyncClient, Client

MAX_PAGE_SIZE = 100


class Location(FTModel):
    lat: float | None = None
    lon: float | None = None


class Company(FTModel):
    siret: str
    company_name: str = ""
    naf: str | None = None
    naf_label: str | None = None
    rome: str | None = None
    city: str | None = None
    citycode: str | None = None
    postcode: str | None = None
    department: str | None = None
    region: str | None = None
    location: Location | None = None
    headcount_min: int | None = None
    headcount_max: int | None = None
    hiring_potential: float | None = None
    is_high_volume_hiring: bool | None = None
    distance: float | None = None


class CompanyPage(FTModel):
    hits: int = 0
    items: list[Company] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CompanySearch:
    rome: str
    citycode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    distance: int | None = None
    naf: str | None = None

    def __post_init__(self) -> None:
        if self.citycode is None and (self.latitude is None or self.longitude is None):
            raise ValueError("La Bonne Boîte needs a citycode or both latitude and longitude")


def page_operation(search: CompanySearch, page: int, page_size: int) -> Operation[CompanyPage]:
    params = params_of(
        {
            "rome": search.rome,
            "citycode": search.citycode,
            "latitude": search.latitude,
            "longitude": search.longitude,
            "distance": search.distance,
            "naf": search.naf,
            "page": page,
            "page_size": page_size,
        }
    )

    def parse(response: httpx.Response) -> CompanyPage:
        return CompanyPage.model_validate(json_body(response) or {})

    return Operation(LA_BONNE_BOITE, "GET", "/recherche", parse, params)


def _more(page: CompanyPage, page_number: int, page_size: int) -> bool:
    return len(page.items) == page_size and page_number * page_size < page.hits


class LaBonneBoite:
    """`client.labonneboite`."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def page(self, search: CompanySearch, page: int = 1, page_size: int = MAX_PAGE_SIZE) -> CompanyPage:
        return self._client.execute(page_operation(search, page, page_size))

    def companies(
        self, search: CompanySearch, *, max_results: int | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> Iterator[Company]:
        """All companies of a search, fetched lazily page by page."""
        number, count = 1, 0
        while True:
            page = self.page(search, number, page_size)
            for company in page.items:
                if max_results is not None and count >= max_results:
                    return
                count += 1
                yield company
            # Enough already: no call for a page that would be thrown away.
            if not _more(page, number, page_size) or (max_results is not None and count >= max_results):
                return
            number += 1


class AsyncLaBonneBoite:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def page(self, search: CompanySearch, page: int = 1, page_size: int = MAX_PAGE_SIZE) -> CompanyPage:
        return await self._client.execute(page_operation(search, page, page_size))

    async def companies(
        self, search: CompanySearch, *, max_results: int | None = None, page_size: int = MAX_PAGE_SIZE
    ) -> AsyncIterator[Company]:
        number, count = 1, 0
        while True:
            page = await self.page(search, number, page_size)
            for company in page.items:
                if max_results is not None and count >= max_results:
                    return
                count += 1
                yield company
            # Enough already: no call for a page that would be thrown away.
            if not _more(page, number, page_size) or (max_results is not None and count >= max_results):
                return
            number += 1
