"""OAuth2 client-credentials tokens, cached per scope set and renewed before they expire.

Follows https://francetravail.io/data/documentation/utilisation-api-france-travail/generer-access-token
(formerly emploi-store-dev.fr "Client Credentials Grant — Étape 1 : générer un access token"):
POST the form `grant_type=client_credentials, client_id, client_secret,
scope="application_<client_id> <api scopes>"` to the token endpoint of the
`/partenaire` realm; the answer is JSON `{access_token, expires_in, scope, token_type}`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from bob_emploi.francetravail._config import ApiSpec, ClientConfig
from bob_emploi.francetravail._exceptions import (
    AuthenticationError,
    error_for_response,
    redact_text,
    redact_url,
    server_message,
)

logger = logging.getLogger("bob_emploi.francetravail")

Scopes = frozenset[str]


@dataclass(frozen=True, slots=True)
class Token:
    access_token: str = field(repr=False)
    scopes: Scopes
    lifetime: float
    expires_at: float  # on the monotonic clock


class TokenStore:
    """Tokens by scope set; a token is "fresh" until `margin` seconds before it expires."""

    def __init__(self, config: ClientConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self._config = config
        self._clock = clock
        self._tokens: dict[Scopes, Token] = {}
        self._lock = threading.Lock()
        self.fetched = 0  # how many tokens were requested: a figure for tests and benchmarks

    def scopes_for(self, api: ApiSpec) -> Scopes:
        return frozenset((f"application_{self._config.client_id}", *api.scopes))

    def fresh(self, scopes: Scopes) -> Token | None:
        with self._lock:
            token = self._tokens.get(scopes)
        if token is None:
            return None
        margin = min(self._config.token_margin, token.lifetime / 2)
        return token if self._clock() < token.expires_at - margin else None

    def invalidate(self, scopes: Scopes, token: Token) -> None:
        """Forget a token the API refused, unless another caller already replaced it."""
        with self._lock:
            if self._tokens.get(scopes) is token:
                del self._tokens[scopes]

    def request(self, scopes: Scopes) -> httpx.Request:
        self.fetched += 1
        return httpx.Request(
            "POST",
            self._config.auth_url,
            data={
                "grant_type": "client_credentials",
                "client_id": self._config.client_id,
                "client_secret": self._config.client_secret,
                "scope": " ".join(sorted(scopes)),
            },
            headers={"Accept": "application/json", "User-Agent": self._config.user_agent},
        )

    def store(self, scopes: Scopes, response: httpx.Response) -> Token:
        """Read the token endpoint's answer; 400 invalid_client / invalid_scope become AuthenticationError."""
        secrets = (self._config.client_secret,)
        if response.status_code != 200:
            if response.status_code in (400, 401, 403):
                body = redact_text(response.text, secrets)
                raise AuthenticationError(
                    f"token refused: {server_message(body)}",
                    status=response.status_code,
                    url=redact_url(response.request.url),
                    body=body,
                )
            raise error_for_response(response, secrets)
        try:
            data = response.json()
            access_token = str(data["access_token"])
            lifetime = float(data.get("expires_in", 0)) or 60.0
        except (ValueError, KeyError, TypeError) as error:
            raise AuthenticationError(
                f"unreadable token answer ({type(error).__name__})",
                status=response.status_code,
                url=redact_url(response.request.url),
            ) from error
        token = Token(access_token, scopes, lifetime, self._clock() + lifetime)
        with self._lock:
            self._tokens[scopes] = token
        public_scopes = sorted(scope for scope in scopes if not scope.startswith("application_"))
        logger.debug("new token for scopes %s, valid %.0f s", " ".join(public_scopes), lifetime)
        return token
