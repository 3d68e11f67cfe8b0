"""The page for a form sent for an account deleted meanwhile (in another tab, or through the API).

The services refuse such a write with `AccountGone` (see `bob_emploi.web.accounts.locks`); the
person then reads why nothing was saved, signed out, instead of the server-error page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bob_emploi.web.accounts.locks import AccountGone
from bob_emploi.web.pages.layout import page

MESSAGE = "Ce compte a été supprimé : ce que vous venez d'envoyer n'a pas été enregistré."


class AccountGoneMiddleware:
    """Answers `AccountGone` raised by a page's view with 410 and a French page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AccountGone):
            return None
        logout(request)
        return render(request, "pages/account/message.html", page("Compte supprimé", [], text=MESSAGE), status=410)
