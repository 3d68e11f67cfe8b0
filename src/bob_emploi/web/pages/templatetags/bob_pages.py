"""Template tags of the pages: what the layout needs to know about the visitor's session."""

from __future__ import annotations

from typing import Any

from django import template

from bob_emploi.web.pages.deployment import Deployment
from bob_emploi.web.pages.deployment import deployment as current_deployment
from bob_emploi.web.pages.onboarding import GUEST_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def has_guest_diagnostic(context: dict[str, Any]) -> bool:
    """Whether a visitor without an account has a diagnostic in the session (for the menu)."""
    request = context.get("request")
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(GUEST_KEY))


@register.simple_tag
def deployment() -> Deployment:
    """Who publishes this deployment (settings BOB_PUBLISHER_NAME…, BOB_STATE_SERVICE)."""
    return current_deployment()


@register.filter
def live_for(live: dict[str, Any] | None, advice_id: str) -> Any:
    """The live results an advice card shows (`bob_emploi.web.opportunities.display.for_advice`), or None."""
    return (live or {}).get(advice_id)
