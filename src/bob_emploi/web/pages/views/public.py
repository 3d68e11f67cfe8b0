"""Pages anyone can read: home, legal pages, and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template

from bob_emploi.web.pages import diagnosis
from bob_emploi.web.pages.layout import page


def home(request: HttpRequest) -> HttpResponse:
    context = page("Accueil", None, nav="home", has_guest=diagnosis.guest(request.session) is not None)
    return render(request, "pages/home.html", context)


def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/legal/legal_notice.html", page("Mentions légales", []))


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/legal/privacy.html", page("Données personnelles", []))


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/legal/accessibility.html", page("Déclaration d'accessibilité", []))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "pages/404.html", page("Page introuvable", []), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request context: whatever broke must not break this page too."""
    html = get_template("pages/500.html").render({"page_title": "Erreur du serveur"})
    return HttpResponse(html, status=500)
