"""One refresh: the latest offers (Offres d'emploi v2) and employers (La Bonne Boîte v2) for a
job group around a place, as plain records that a cache can keep and a template can show.

Strict timeouts and a single retry: a refresh that takes longer than a few seconds is worth less
than the links that stand in for it.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from bob_emploi.francetravail import (
    Client,
    ClientConfig,
    Company,
    CompanySearch,
    FranceTravailError,
    Offer,
    OfferFilters,
    RateLimitedError,
    RetryPolicy,
    Timeouts,
)

OFFERS_SHOWN = 5
COMPANIES_SHOWN = 5
TIMEOUTS = Timeouts(connect=2.0, read=4.0, write=4.0, pool=2.0)
RETRY = RetryPolicy(attempts=2, backoff=0.5, max_backoff=1.0, max_retry_after=5.0)
# Where a person reads an offer: its page on France Travail's site.
OFFER_URL = "https://candidat.francetravail.fr/offres/recherche/detail/{id}"
CONTRACTS = {"CDI": "CDI", "CDD": "CDD", "MIS": "Intérim", "SAI": "Saisonnier", "LIB": "Profession libérale"}


@dataclass(frozen=True, slots=True)
class OfferRecord:
    title: str
    company: str
    place: str
    contract: str
    published: str  # ISO date
    url: str


@dataclass(frozen=True, slots=True)
class CompanyRecord:
    name: str
    city: str
    activity: str
    headcount: str
    hiring_potential: float | None


@dataclass(frozen=True, slots=True)
class Opportunities:
    code_rome: str
    place: str  # INSEE commune code, or a département code
    fetched_at: str  # ISO datetime, UTC
    offers: tuple[OfferRecord, ...] = ()
    offers_total: int | None = None
    companies: tuple[CompanyRecord, ...] = ()
    companies_total: int | None = None
    errors: tuple[str, ...] = field(default=())  # which API failed, for the page's honest sentence
    retry_after: float | None = None  # a 429's Retry-After that outlived the retries: no call before then

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Opportunities:
        return cls(
            code_rome=data["code_rome"],
            place=data["place"],
            fetched_at=data["fetched_at"],
            offers=tuple(OfferRecord(**offer) for offer in data.get("offers", ())),
            offers_total=data.get("offers_total"),
            companies=tuple(CompanyRecord(**company) for company in data.get("companies", ())),
            companies_total=data.get("companies_total"),
            errors=tuple(data.get("errors", ())),
            retry_after=data.get("retry_after"),
        )


def _offer(offer: Offer) -> OfferRecord:
    company = offer.entreprise.nom if offer.entreprise and offer.entreprise.nom else ""
    place = offer.lieuTravail.libelle or "" if offer.lieuTravail else ""
    published = (offer.dateCreation or "")[:10]
    return OfferRecord(
        title=offer.intitule,
        company=company,
        place=place,
        contract=CONTRACTS.get(offer.typeContrat or "", offer.typeContrat or ""),
        published=published,
        url=OFFER_URL.format(id=offer.id),
    )


def _company(company: Company) -> CompanyRecord:
    if company.headcount_min is not None and company.headcount_max is not None:
        headcount = f"{company.headcount_min} à {company.headcount_max} salariés"
    else:
        headcount = ""
    return CompanyRecord(
        name=company.company_name,
        city=company.city or "",
        activity=company.naf_label or "",
        headcount=headcount,
        hiring_potential=company.hiring_potential,
    )


def client_for(config: ClientConfig) -> Client:
    """A client with this module's strict timeouts and short retries (its rate limits are the API's)."""
    return Client(config.with_changes(timeouts=TIMEOUTS, retry=RETRY))


# Offres d'emploi v2's `natureContrat` for an apprenticeship contract: the employers who hire apprentices now.
APPRENTICESHIP = "E2"


def fetch_alternance(client: Client, code_rome: str, commune: str | None, departement: str) -> Opportunities:
    """The latest apprenticeship offers (La Bonne Boîte's API has no alternance filter)."""
    errors: list[str] = []
    filters = OfferFilters(
        code_rome=code_rome,
        commune=commune,
        departement=None if commune else departement,
        nature_contrat=APPRENTICESHIP,
    )
    offers, offers_total, retry_after = _latest_offers(client, filters, errors)
    return Opportunities(
        code_rome=code_rome,
        place=commune or departement,
        fetched_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        offers=offers,
        offers_total=offers_total,
        errors=tuple(errors),
        retry_after=retry_after,
    )


def _latest_offers(
    client: Client, filters: OfferFilters, errors: list[str]
) -> tuple[tuple[OfferRecord, ...], int | None, float | None]:
    """The first offers of a search, their total and a 429's wait; a failure is named in `errors`."""
    try:
        results = client.offers.search(filters, max_results=OFFERS_SHOWN)
        return tuple(_offer(offer) for offer in results), results.total, None
    except RateLimitedError as error:
        errors.append("offres")
        return (), None, error.retry_after
    except FranceTravailError:
        errors.append("offres")
        return (), None, None


def fetch(client: Client, code_rome: str, commune: str | None, departement: str) -> Opportunities:
    """Asks both APIs; a failing one leaves its part empty and is named in `errors`."""
    companies: tuple[CompanyRecord, ...] = ()
    companies_total = None
    errors: list[str] = []
    filters = OfferFilters(code_rome=code_rome, commune=commune, departement=None if commune else departement)
    offers, offers_total, retry_after = _latest_offers(client, filters, errors)
    if commune:  # La Bonne Boîte searches around a commune
        try:
            page = client.labonneboite.page(CompanySearch(rome=code_rome, citycode=commune), page_size=COMPANIES_SHOWN)
            companies = tuple(_company(company) for company in page.items[:COMPANIES_SHOWN])
            companies_total = page.hits
        except RateLimitedError as error:
            errors.append("entreprises")
            retry_after = max(retry_after or 0.0, error.retry_after or 0.0) or None
        except FranceTravailError:
            errors.append("entreprises")
    return Opportunities(
        code_rome=code_rome,
        place=commune or departement,
        fetched_at=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        offers=offers,
        offers_total=offers_total,
        companies=companies,
        companies_total=companies_total,
        errors=tuple(errors),
        retry_after=retry_after,
    )
