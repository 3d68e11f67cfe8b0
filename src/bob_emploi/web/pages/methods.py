"""No dead end on a URL that only takes a form's POST.

A person who opens such a URL (a bookmark, a link shared by mistake, the browser's history)
gets the page that holds the form, by a redirect (303: see other); any other method gets a
French page that says what to do, with the 405 status and its Allow header, never an empty
405. Applied in `urls.py` around the POST-only views, which stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from bob_emploi.web.pages.layout import page

View = Callable[..., HttpResponse]


def post_only(form_page: str, *kwarg_names: str) -> Callable[[View], View]:
    """Wraps a POST-only view: GET and HEAD redirect to the URL named `form_page` (reversed with
    the view's URL arguments named in `kwarg_names`), other methods show a French 405 page."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                return view(request, *args, **kwargs)
            target = reverse(form_page, kwargs={name: kwargs[name] for name in kwarg_names})
            if request.method in ("GET", "HEAD"):
                return HttpResponseRedirect(target, status=303)
            context = page("Action impossible à cette adresse", [], target=target)
            response = render(request, "pages/405.html", context, status=405)
            response["Allow"] = "POST"
            return response

        return wrapper

    return decorate
