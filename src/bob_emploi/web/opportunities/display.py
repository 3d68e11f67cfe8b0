"""What a page shows of the live opportunities: the results, or the search link that stands in.

`context(...)` is what `pages/includes/opportunities.html` renders; any page that knows a job
group, its label and a place includes it (the diagnostic, the advice about applications).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from bob_emploi.web.opportunities.service import lookup

# France Travail's offer search, pre-filled: keywords, a commune's INSEE code (or a département
# as "73D"), and a radius in km (the `lieux` and `rayon` parameters of candidat.francetravail.fr).
OFFER_SEARCH = "https://candidat.francetravail.fr/offres/recherche"
RADIUS_KM = 10
LA_BONNE_BOITE = "https://labonneboite.francetravail.fr/"


def offer_search_url(keywords: str, commune: str | None, departement: str) -> str:
    place = commune if commune else f"{departement}D"
    parameters = {"motsCles": keywords, "lieux": place, "offresPartenaires": "true", "tri": "0"}
    if commune:
        parameters["rayon"] = str(RADIUS_KM)
    return f"{OFFER_SEARCH}?{urlencode(parameters)}"


def _date(iso: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(iso[:10])
    except ValueError:
        return None


def context(code_rome: str, job_label: str, commune: str | None, departement: str) -> dict[str, Any]:
    """The include's context; never waits on France Travail (see `service.lookup`)."""
    found = lookup(code_rome, commune, departement)
    opportunities = found.opportunities
    offers = [
        {"record": offer, "published": _date(offer.published)}
        for offer in (opportunities.offers if opportunities else ())
    ]
    fetched = datetime.datetime.fromisoformat(opportunities.fetched_at) if opportunities else None
    return {
        "status": found.status,
        "offers": offers,
        "offers_total": opportunities.offers_total if opportunities else None,
        "companies": opportunities.companies if opportunities else (),
        "errors": opportunities.errors if opportunities else (),
        "fetched_at": fetched,
        "search_url": offer_search_url(job_label, commune, departement),
        "la_bonne_boite_url": LA_BONNE_BOITE,
        "job_label": job_label,
    }
