"""What a page shows of the live opportunities: the results, or the pre-filled links that stand in.

`context(...)` is what `pages/includes/opportunities.html` renders (the diagnostic's section on
offers and employers near the person); `for_advice(...)` is what the advice they concern show,
on the diagnostic's cards and on the advice page (`pages/includes/advice_opportunities.html`):
the latest offers in the offers advice, La Bonne Boîte's employers in the spontaneous-application
advice, the latest apprenticeship offers in the alternance advice. Neither waits on France Travail.
The links that stand in are `advisor.prefilled`'s, the same the advice cite.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Literal

from bob_emploi.advisor import prefilled
from bob_emploi.advisor.schema import Area
from bob_emploi.data.figures import french_number
from bob_emploi.web.opportunities.fetch import Opportunities
from bob_emploi.web.opportunities.service import Kind, Lookup, lookup
from bob_emploi.web.pages.labels import french_date

Shows = Literal["offers", "companies", "alternance"]
# Which advice shows which live results (advice ids of advisor/content/advice.toml).
ADVICE_SHOWS: dict[str, Shows] = {
    "job_boards": "offers",
    "seasonal_jobs": "offers",
    "spontaneous_application": "companies",
    "alternance": "alternance",
}
CARD_ITEMS = 3  # a card shows the first few; the advice page all that were fetched


def _place(commune: str | None, departement: str, area: Area | None) -> prefilled.Place:
    if commune is None:  # a former commune without a current one: the département only
        return prefilled.Place("", "", None, departement, "departement" if area != "country" else "country")
    return prefilled.Place(commune, "", None, departement, area)


def offer_search_url(code_rome: str, commune: str | None, departement: str, area: Area | None = None) -> str:
    """France Travail's offer search for the job group and place (see `advisor.prefilled`)."""
    return prefilled.francetravail_offers(prefilled.Job(code_rome, ""), _place(commune, departement, area))


def _date(iso: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _offers(opportunities: Opportunities | None) -> list[dict[str, Any]]:
    return [
        {"record": offer, "published": _date(offer.published)}
        for offer in (opportunities.offers if opportunities else ())
    ]


def _total(count: int | None) -> str | None:
    """ "2 795" (no-break space), or None when France Travail gave no count."""
    return french_number(count) if count else None


def _fetched(opportunities: Opportunities | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(opportunities.fetched_at) if opportunities else None


def context(
    code_rome: str, job_label: str, commune: str | None, departement: str, area: Area | None = None
) -> dict[str, Any]:
    """The diagnostic section's context; never waits on France Travail (see `service.lookup`)."""
    found = lookup(code_rome, commune, departement)
    opportunities = found.opportunities
    return {
        "status": found.status,
        "offers": _offers(opportunities),
        "offers_total": _total(opportunities.offers_total if opportunities else None),
        "companies": opportunities.companies if opportunities else (),
        "errors": opportunities.errors if opportunities else (),
        "fetched_at": _fetched(opportunities),
        "search_url": offer_search_url(code_rome, commune, departement, area),
        "la_bonne_boite_url": prefilled.LA_BONNE_BOITE,
        "job_label": job_label,
    }


def shown_in_cards(live: dict[str, dict[str, Any]]) -> bool:
    """Whether the advice cards show both the live offers and employers (the diagnostic's section then
    would only repeat them)."""
    shows = {entry["shows"] for entry in live.values() if entry["status"] != "not_configured"}
    return {"offers", "companies"} <= shows


def for_advice(
    advice_ids: Iterable[str],
    code_rome: str,
    keyword: str,
    commune: str | None,
    departement: str,
    area: Area | None = None,
) -> dict[str, dict[str, Any]]:
    """Advice id → what its card and page show of the live results, for the advice that concern them.

    `keyword` is the job as links may say it (the title's masculine form: see `advisor.prefilled`).
    One look-up per kind of results, shared by the advice that show it.
    """
    job, place = prefilled.Job(code_rome, keyword), _place(commune, departement, area)
    found: dict[Kind, Lookup] = {}
    shown: dict[str, dict[str, Any]] = {}
    for advice_id in advice_ids:
        shows = ADVICE_SHOWS.get(advice_id)
        if shows is None:
            continue
        kind: Kind = "alternance" if shows == "alternance" else "local"
        if kind not in found:
            found[kind] = lookup(code_rome, commune, departement, kind)
        result = found[kind]
        opportunities = result.opportunities
        if shows == "companies":
            url = prefilled.la_bonne_boite(job, place)
        elif shows == "alternance":
            url = prefilled.la_bonne_alternance(job, place)
        else:
            url = prefilled.francetravail_offers(job, place)
        offers = [
            {"record": offer, "published": french_date(offer.published) if offer.published else ""}
            for offer in (opportunities.offers if opportunities and shows != "companies" else ())
        ]
        companies = opportunities.companies if opportunities and shows == "companies" else ()
        shown[advice_id] = {
            "shows": shows,
            "status": result.status,
            "offers": offers,
            "card_offers": offers[:CARD_ITEMS],
            "offers_total": _total(opportunities.offers_total if opportunities and shows != "companies" else None),
            "companies": companies,
            "card_companies": companies[:CARD_ITEMS],
            "failed": bool(
                opportunities and ("entreprises" if shows == "companies" else "offres") in opportunities.errors
            ),
            "needs_commune": shows == "companies" and commune is None,
            "fetched_on": french_date(opportunities.fetched_at) if opportunities else "",
            "search_url": url,
        }
    return shown
