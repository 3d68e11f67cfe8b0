"""Explicit configuration objects: hosts, credentials, timeouts, retries and rate limits.

Everything that changes between production, the "recette" sandbox and the
tests lives here, so that no module reads the environment on its own.
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import httpx

from bob_emploi.francetravail._exceptions import ConfigurationError

DEFAULT_API_URL = "https://api.francetravail.io/partenaire"
# https://francetravail.io/data/documentation/utilisation-api-france-travail/generer-access-token
DEFAULT_AUTH_URL = "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire"


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most `calls` requests started in any window of `period` seconds."""

    calls: int
    period: float = 1.0


@dataclass(frozen=True, slots=True)
class ApiSpec:
    """One partner API: where it lives under the base URL, the scopes it needs, its quota."""

    name: str
    prefix: str
    scopes: tuple[str, ...]
    rate_limit: RateLimit
    documentation: str


# The scopes and quotas come from each API's page of the francetravail.io catalogue.
OFFRES = ApiSpec(
    "offres",
    "/offresdemploi/v2",
    ("api_offresdemploiv2", "o2dsoffre"),
    RateLimit(10),
    "https://francetravail.io/data/api/offres-emploi",
)
ROME_METIERS = ApiSpec(
    "rome-metiers",
    "/rome-metiers/v1/metiers",
    ("api_rome-metiersv1", "nomenclatureRome"),
    RateLimit(1),
    "https://francetravail.io/data/api/rome-4-0-metiers",
)
ROME_COMPETENCES = ApiSpec(
    "rome-competences",
    "/rome-competences/v1/competences",
    ("api_rome-competencesv1", "nomenclatureRome"),
    RateLimit(1),
    "https://francetravail.io/data/api/rome-4-0-competences",
)
ROME_CONTEXTES = ApiSpec(
    "rome-contextes-travail",
    "/rome-contextes-travail/v1/contextes-travail",
    ("api_rome-contextes-travailv1", "nomenclatureRome"),
    RateLimit(1),
    "https://francetravail.io/data/api/rome-4-0-contextes-travail",
)
MARCHE_TRAVAIL = ApiSpec(
    "marche-travail",
    "/stats-offres-demandes-emploi/v1",
    ("api_stats-offres-demandes-emploiv1", "offresetdemandesemploi"),
    RateLimit(10),
    "https://francetravail.io/data/api/marche-travail",
)
LA_BONNE_BOITE = ApiSpec(
    "labonneboite",
    "/labonneboite/v2",
    ("api_labonneboitev2", "search", "office"),
    RateLimit(2),
    "https://francetravail.io/data/api/la-bonne-boite",
)
APIS: dict[str, ApiSpec] = {
    spec.name: spec for spec in (OFFRES, ROME_METIERS, ROME_COMPETENCES, ROME_CONTEXTES, MARCHE_TRAVAIL, LA_BONNE_BOITE)
}


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 5.0
    read: float = 30.0
    write: float = 30.0
    pool: float = 5.0

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with jitter for connection errors, 5xx and 429.

    `attempts` counts the first try. A 429's `Retry-After` wins over the
    backoff, capped by `max_retry_after` so a confused server cannot stall us.
    """

    attempts: int = 4
    backoff: float = 0.5
    max_backoff: float = 30.0
    jitter: float = 0.25
    max_retry_after: float = 120.0
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})

    def delay(self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """Seconds to wait before try number `attempt + 1` (attempt starts at 1)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        base = min(self.max_backoff, self.backoff * 2.0 ** (attempt - 1))
        spread = base * self.jitter
        return max(0.0, base + (rng or random).uniform(-spread, spread))


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """All a client needs; build it from the environment with `ClientConfig.from_env()`."""

    client_id: str
    client_secret: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    auth_url: str = DEFAULT_AUTH_URL
    timeouts: Timeouts = Timeouts()
    retry: RetryPolicy = RetryPolicy()
    rate_limits: Mapping[str, RateLimit] = field(default_factory=dict)
    # Renew a token this long before it expires (at most half its lifetime).
    token_margin: float = 60.0
    user_agent: str = "bob-emploi-francetravail/1"

    def rate_limit(self, api: ApiSpec) -> RateLimit:
        return self.rate_limits.get(api.name, api.rate_limit)

    def with_changes(self, **changes: object) -> ClientConfig:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> ClientConfig:
        """Credentials from FT_CLIENT_ID / FT_CLIENT_SECRET, hosts from FT_API_URL / FT_AUTH_URL."""
        env = os.environ if env is None else env
        client_id = env.get("FT_CLIENT_ID", "").strip()
        client_secret = env.get("FT_CLIENT_SECRET", "").strip()
        missing = [
            name for name, value in (("FT_CLIENT_ID", client_id), ("FT_CLIENT_SECRET", client_secret)) if not value
        ]
        if missing:
            raise ConfigurationError(
                f"missing France Travail credentials: set {' and '.join(missing)} "
                "(identifiant client and clé secrète of your francetravail.io application)"
            )
        config = cls(
            client_id=client_id,
            client_secret=client_secret,
            api_url=env.get("FT_API_URL", "").strip() or DEFAULT_API_URL,
            auth_url=env.get("FT_AUTH_URL", "").strip() or DEFAULT_AUTH_URL,
        )
        return config.with_changes(**overrides) if overrides else config
