"""« Où en êtes-vous ? »: the check-in form, from the account page at any time."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.pages.views.account import _form_page, _user

BLANK = [("", "Je préfère ne pas répondre")]


class CheckInForm(forms.Form):
    status = forms.ChoiceField(
        label="Où en êtes-vous de votre recherche\u00a0?",
        choices=CheckIn.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Dites où vous en êtes\u00a0: c'est la seule question obligatoire."},
    )
    contract = forms.ChoiceField(
        label="Si vous avez trouvé un emploi\u00a0: quel contrat\u00a0?",
        choices=BLANK + list(CheckIn.Contract.choices),
        required=False,
    )
    in_target_job = forms.ChoiceField(
        label="Si vous avez trouvé un emploi\u00a0: est-ce le métier que vous visiez\u00a0?",
        choices=[("oui", "Oui"), ("non", "Non, un autre métier")],
        widget=forms.RadioSelect,
        required=False,
    )
    helped = forms.ChoiceField(
        label="Bob vous a-t-il aidé\u00a0?",
        choices=list(CheckIn.Helped.choices),
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label="Un commentaire pour l'équipe de Bob (facultatif)",
        help_text="1\u00a0000 caractères au plus\u00a0; ne donnez pas d'information sur votre santé.",
        max_length=checkins.MAX_COMMENT,
        required=False,
        error_messages={"max_length": "Votre commentaire dépasse 1\u00a0000 caractères\u00a0: raccourcissez-le."},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = {"oui": True, "non": False}.get(data["in_target_job"])
        saved = checkins.record(
            user,
            data["status"],
            contract=data["contract"],
            in_target_job=target,
            helped=data["helped"],
            comment=data["comment"],
        )
        if saved.status == CheckIn.Status.FOUND_JOB:
            messages.success(
                request, "Félicitations pour votre nouvel emploi, et merci d'avoir pris le temps de répondre\u00a0!"
            )
        else:
            messages.success(
                request, "Merci\u00a0! Si votre situation a changé, refaites votre diagnostic depuis « Mes projets »."
            )
        return redirect("pages:account")
    title = "Où en êtes-vous\u00a0?"
    return _form_page(request, "pages/account/checkin.html", title, form, latest=checkins.latest(user))
