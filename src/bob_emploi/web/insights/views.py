"""The staff page `/equipe/chiffres` and its CSV export: for logged-in staff with the
`insights.view_aggregates` permission only. Anyone else logged in gets a French 403 page; a visitor
is sent to the login page first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from bob_emploi.web.accounts.models import User
from bob_emploi.web.insights import disclosure, export, figures
from bob_emploi.web.pages.layout import page

PERMISSION = "insights.view_aggregates"
CACHE_KEY = "insights:figures:1"  # a new number when Figures changes shape
CACHE_SECONDS = 600


def allowed(user: User | AnonymousUser) -> bool:
    """Active staff (`is_staff`) holding the permission: a superuser must be staff too."""
    return user.is_active and user.is_staff and user.has_perm(PERMISSION)


def _figures() -> figures.Figures:
    """The figures computed at most CACHE_SECONDS ago: the page and the CSV file downloaded from it then
    show the same snapshot, a reload costs nothing (seconds of queries on 100,000 projects), and counts
    that move at most every few minutes make it harder to spot one person's answer by reloading."""
    cached: figures.Figures | None = cache.get(CACHE_KEY)
    if cached is None:
        cached = figures.published()
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/forbidden.html", page("Accès réservé à l'équipe", []), status=403)


@require_safe
@never_cache  # nor kept by a shared proxy or the browser's history
@login_required
def figures_page(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user):
        return _forbidden(request)
    context = page("Chiffres pour l'équipe", [], figures=_figures(), threshold=disclosure.THRESHOLD)
    return render(request, "insights/figures.html", context)


@require_safe
@never_cache  # nor kept by a shared proxy or the browser's history
@login_required
def figures_csv(request: HttpRequest) -> HttpResponse:
    if not allowed(request.user):
        return _forbidden(request)
    name = f"bob-chiffres-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(export.to_csv(_figures()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
