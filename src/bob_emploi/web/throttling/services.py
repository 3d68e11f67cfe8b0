"""Fixed-window rate limits, counted in the database so that they hold across workers and machines.

A `Limit` allows `max_hits` per `period` seconds for one client (an IP address, an e-mail
address). `hit` counts a request and refuses it with `Throttled` beyond the limit; the
upsert that counts is one SQL statement, so concurrent requests never lose a hit.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.db.models import F

from bob_emploi.web.throttling.models import Counter


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    max_hits: int
    period: int  # seconds
    message: str  # French, what the person is refused; " Réessayez dans …" is added


class Throttled(Exception):
    """A limit is reached: `message` is French and `retry_after` says when to come back (seconds)."""

    def __init__(self, limit: Limit, retry_after: int) -> None:
        self.limit = limit
        self.retry_after = retry_after
        self.message = f"{limit.message} Réessayez dans {wait_text(retry_after)}."
        super().__init__(self.message)


def wait_text(seconds: int) -> str:
    """ "1 minute", "12 minutes", "45 secondes": how long to wait, in words."""
    if seconds < 60:
        return f"{seconds} seconde{'s' if seconds > 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


# Logins: on top of django-axes (5 failures for one address from one IP, then 30 minutes),
# failures per IP slow down password spraying, failures per account a botnet's guessing.
LOGIN_FAILURES_PER_IP = Limit(
    "login-ip", 20, 15 * 60, "Trop de tentatives de connexion échouées depuis votre adresse IP."
)
LOGIN_FAILURES_PER_ACCOUNT = Limit(
    "login-account",
    10,
    15 * 60,
    "Trop de tentatives de connexion échouées pour ce compte : par sécurité, il est bloqué un moment. "
    "Vous pouvez aussi choisir un nouveau mot de passe (« Mot de passe oublié »).",
)
SIGNUPS_PER_IP = Limit("signup-ip", 10, 3600, "Trop de créations de compte depuis votre adresse IP.")
SIGNUPS_PER_ADDRESS = Limit("signup-address", 3, 3600, "Trop de demandes de création de compte pour cette adresse.")
RESETS_PER_IP = Limit("reset-ip", 10, 3600, "Trop de demandes de nouveau mot de passe depuis votre adresse IP.")
RESETS_PER_ADDRESS = Limit("reset-address", 3, 3600, "Trop de demandes de nouveau mot de passe pour cette adresse.")
RESENDS_PER_IP = Limit("resend-ip", 10, 3600, "Trop d'e-mails de confirmation demandés depuis votre adresse IP.")
RESENDS_PER_ACCOUNT = Limit("resend-account", 3, 3600, "Trop d'e-mails de confirmation demandés pour ce compte.")


def clock() -> float:
    """Seconds since the epoch: the windows are aligned on it, on every machine alike."""
    return time.time()


def _key(limit: Limit, who: str, window: int) -> str:
    # Keyed with SECRET_KEY: the table says nothing about who was counted.
    digest = hashlib.blake2b(who.encode("utf-8"), key=settings.SECRET_KEY.encode("utf-8")[:64], digest_size=20)
    return f"{limit.name}:{window}:{digest.hexdigest()}"


def _window(limit: Limit, now: float) -> tuple[int, float]:
    """The current window's number and the time it ends."""
    window = int(now // limit.period)
    return window, (window + 1) * limit.period


def _add_one(limit: Limit, who: str, now: float) -> tuple[int, int]:
    """Counts one hit for the client; returns the new count and the seconds left in the window.

    One statement (an upsert that returns the count): concurrent hits are all counted.
    """
    window, ends = _window(limit, now)
    quote = connection.ops.quote_name
    table = quote(Counter._meta.db_table)
    key, count, expires_at = quote("key"), quote("count"), quote("expires_at")
    expires = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(ends, UTC))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {count}, {expires_at}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}",
            [_key(limit, who, window), expires],
        )
        row = cursor.fetchone()
    return int(row[0]), max(1, math.ceil(ends - now))


def _forget_expired(now: float) -> None:
    """Deletes the counters of past windows (an indexed range: nothing to read when none)."""
    Counter.objects.filter(expires_at__lt=datetime.fromtimestamp(now, UTC)).delete()


def hit(*checks: tuple[Limit, str]) -> None:
    """Counts one request against each (limit, client); raises `Throttled` when any is exceeded."""
    now = clock()
    _forget_expired(now)
    exceeded: list[tuple[Limit, int]] = []
    for limit, who in checks:
        count, left = _add_one(limit, who, now)
        if count > limit.max_hits:
            exceeded.append((limit, left))
    if exceeded:
        limit, left = max(exceeded, key=lambda item: item[1])
        raise Throttled(limit, left)


def undo(*checks: tuple[Limit, str]) -> None:
    """Takes back one hit (a login that succeeded is not a failure)."""
    now = clock()
    for limit, who in checks:
        window, _ = _window(limit, now)
        Counter.objects.filter(key=_key(limit, who, window), count__gt=0).update(count=F("count") - 1)


def count_of(limit: Limit, who: str) -> int:
    """The client's count in the current window (for tests and checks)."""
    window, _ = _window(limit, clock())
    found = Counter.objects.filter(key=_key(limit, who, window)).values_list("count", flat=True).first()
    return int(found or 0)
