"""A typed, resilient client for France Travail's partner APIs (francetravail.io).

Successor of Bayes Impact's `python-emploi-store`. Sync (`Client`) and async
(`AsyncClient`) clients share one implementation; see docs/francetravail.md.

    from bob_emploi.francetravail import Client, ClientConfig, OfferFilters

    with Client(ClientConfig.from_env()) as client:
        for offer in client.offers.search(OfferFilters(code_rome="M1805", departement="75"), max_results=20):
            print(offer.id, offer.intitule)
"""

from bob_emploi.francetravail._client import AsyncClient, Client
from bob_emploi.francetravail._config import (
    APIS,
    DEFAULT_API_URL,
    DEFAULT_AUTH_URL,
    ApiSpec,
    ClientConfig,
    RateLimit,
    RetryPolicy,
    Timeouts,
)
from bob_emploi.francetravail._exceptions import (
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    FranceTravailError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from bob_emploi.francetravail._models import FTModel, Operation
from bob_emploi.francetravail._ratelimit import RateLimiter
from bob_emploi.francetravail.labonneboite import Company, CompanyPage, CompanySearch
from bob_emploi.francetravail.market import IndicatorResult, MarketFigures, MarketQuery, ValeurParPeriode
from bob_emploi.francetravail.offers import (
    MAX_FIRST_INDEX,
    MAX_LAST_INDEX,
    PAGE_SIZE,
    AsyncSearchResults,
    ContentRange,
    Offer,
    OfferFilters,
    OfferPage,
    ReferentialItem,
    SearchResults,
)
from bob_emploi.francetravail.rome import Appellation, ContexteTravail, Metier
from bob_emploi.francetravail.rome import Competence as RomeCompetence

__all__ = [
    "APIS",
    "DEFAULT_API_URL",
    "DEFAULT_AUTH_URL",
    "MAX_FIRST_INDEX",
    "MAX_LAST_INDEX",
    "PAGE_SIZE",
    "ApiSpec",
    "Appellation",
    "AsyncClient",
    "AsyncSearchResults",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientConfig",
    "Company",
    "CompanyPage",
    "CompanySearch",
    "ConfigurationError",
    "ContentRange",
    "ContexteTravail",
    "FTModel",
    "FranceTravailError",
    "IndicatorResult",
    "MarketFigures",
    "MarketQuery",
    "Metier",
    "NotFoundError",
    "Offer",
    "OfferFilters",
    "OfferPage",
    "Operation",
    "RateLimit",
    "RateLimitedError",
    "RateLimiter",
    "ReferentialItem",
    "RetryPolicy",
    "RomeCompetence",
    "SearchResults",
    "ServerError",
    "Timeouts",
    "TransportError",
    "ValeurParPeriode",
]
