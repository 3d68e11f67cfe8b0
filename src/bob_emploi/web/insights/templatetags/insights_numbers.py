"""How the staff page writes a count or a share: "2 795", "23,4 %", "masqué"."""

from __future__ import annotations

from django import template

from bob_emploi.data.figures import french_number
from bob_emploi.web.insights.rates import Share

register = template.Library()

HIDDEN = "masqué"
NBSP = "\u00a0"


@register.filter
def count(value: int | None) -> str:
    return HIDDEN if value is None else french_number(value)


@register.filter
def percent(share: Share) -> str:
    """The share in percent, "masqué" when a count is hidden, "—" when nobody is counted yet."""
    if share.hidden:
        return HIDDEN
    rate = share.rate
    return "—" if rate is None else f"{french_number(100 * rate, 1)}{NBSP}%"


@register.filter
def interval(share: Share) -> str:
    """The 95 % confidence interval, "19–27 %"; empty when there is no share to show."""
    bounds = share.interval
    if bounds is None:
        return ""
    low, high = (french_number(100 * bound, 1) for bound in bounds)
    return f"{low}–{high}{NBSP}%"
