"""Who publishes this deployment of Bob, from the settings (see docs/deployment.md).

The legal notice, the privacy page, the header and the footer read it. Nothing is invented:
when the publisher is not set, the pages say that this is a development instance, and the
State's Marianne block ("République française") appears only with `BOB_STATE_SERVICE=1`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True, slots=True)
class Deployment:
    publisher: str
    address: str
    director: str
    contact: str
    host: str
    state_service: bool

    @property
    def declared(self) -> bool:
        """Whether the operator said who publishes the service (else: a development instance)."""
        return bool(self.publisher)


def deployment() -> Deployment:
    return Deployment(
        publisher=settings.BOB_PUBLISHER_NAME,
        address=settings.BOB_PUBLISHER_ADDRESS,
        director=settings.BOB_PUBLICATION_DIRECTOR,
        contact=settings.BOB_CONTACT_EMAIL,
        host=settings.BOB_HOST,
        state_service=settings.BOB_STATE_SERVICE,
    )
