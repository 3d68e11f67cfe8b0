"""One row per limit, client and time window: how many times the client was counted."""

from __future__ import annotations

from django.db import models


class Counter(models.Model):
    """Hits of one limit by one client in one fixed window (see `throttling.services`).

    `key` is "<limit>:<window number>:<hash of the client>": an e-mail address or an IP
    address is never stored in clear. Rows are deleted once `expires_at` (the window's end)
    has passed.
    """

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "compteur de limite"
