"""The follow-up e-mails' pages: the settings (signed in) and the unsubscribe link (anyone holding it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bob_emploi.web.accounts.models import User
from bob_emploi.web.coaching import services
from bob_emploi.web.coaching.forms import CoachingForm
from bob_emploi.web.pages.layout import Crumb, page
from bob_emploi.web.projects.services import profile_of


def _schedule_text(user: User) -> str:
    from bob_emploi.web.coaching.templatetags.coaching import schedule_sentence

    return schedule_sentence(services.subscription_of(user))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    sub = services.subscription_of(user)
    form = CoachingForm(request.POST or None, initial={"consent": sub.consent, "frequency": sub.frequency_weeks})
    if request.method == "POST" and form.is_valid():
        services.set_consent(user, form.cleaned_data["consent"], form.cleaned_data["frequency"])
        messages.success(request, "Vos choix sont enregistrés. " + _schedule_text(user))
        return redirect(reverse("pages:account") + "#emails-de-suivi")
    errors = sum(len(problems) for problems in form.errors.values())
    title = "E-mails de suivi"
    context = page(
        f"Erreur : {title}" if errors else title,
        [Crumb("Mon compte", reverse("pages:account"))],
        form=form,
        error_count=errors,
        schedule=_schedule_text(user),
    )
    return render(request, "coaching/settings.html", context, status=400 if errors else 200)


# RFC 8058: a mail client unsubscribes by POSTing "List-Unsubscribe=One-Click" to the link of the
# List-Unsubscribe header, with no cookie and no page: no CSRF token can come with it. The signed
# token in the URL is what authorises the request, as a CSRF token would; the worst a forged
# request can do is stop e-mails for the person whose link it holds. GET only shows a button
# (link checkers and previews open links; opening one must never unsubscribe).
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user = services.user_for_token(token)
    if user is None:
        context = page(
            "Lien non valable",
            [],
            text="Ce lien de désabonnement n'est pas valable, ou le compte n'existe plus. "
            "Si vous recevez encore des e-mails de Bob, changez vos choix depuis votre compte.",
        )
        return render(request, "pages/account/message.html", context, status=404)
    if request.method == "POST":
        services.unsubscribe(user)
        context = page(
            _unsubscribed_title(str(profile_of(user).gender)),
            [],
            text="Vous ne recevrez plus d'e-mails de suivi de Bob. Vous pouvez les demander à nouveau à tout moment "
            "depuis votre compte.",
        )
        return render(request, "pages/account/message.html", context)
    return render(request, "coaching/unsubscribe.html", page("Ne plus recevoir les e-mails de suivi", [], token=token))


def _unsubscribed_title(gender: str) -> str:
    """In the person's gender when their profile gives it, else a neutral sentence."""
    if gender in ("masculine", "feminine"):
        return f"Vous êtes désabonné{'e' if gender == 'feminine' else ''} des e-mails de suivi"
    return "Désabonnement enregistré"
