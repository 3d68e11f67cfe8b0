"""What every page's template needs: its title (the <title> and the breadcrumb's last item)
and the way to it from the home page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings


@dataclass(frozen=True, slots=True)
class Crumb:
    label: str
    url: str


def page(title: str, breadcrumbs: list[Crumb] | None = None, **context: Any) -> dict[str, Any]:
    """A template context with the page title and its breadcrumbs (None: no breadcrumb, for the home page)."""
    # How long a visitor's answers stay on the server, said wherever the pages mention it.
    session_days = settings.SESSION_COOKIE_AGE // 86_400
    return {"page_title": title, "breadcrumbs": breadcrumbs, "session_days": session_days, **context}
