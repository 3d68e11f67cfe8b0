"""« Où en êtes-vous ? »: the check-in form, from the account page at any time."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.pages.views.account import _form_page, _user, project_rows

BLANK = [("", "Je préfère ne pas répondre")]


class CheckInForm(forms.Form):
    project = forms.ChoiceField(
        label="Pour quel projet ?",
        required=False,
        help_text="Votre réponse s'affiche sur ce projet, et vous pourrez refaire son diagnostic.",
    )
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

    def __init__(self, *args: Any, projects: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not projects:
            del self.fields["project"]
            return
        field = self.fields["project"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Aucun en particulier")] + [
            (str(row["id"]), f"{row['job']} — {row['city']}" if row["city"] else row["job"]) for row in projects
        ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = project_rows(user)
    # The project asked for (from its diagnostic page), else the one updated last.
    asked = request.GET.get("projet", "")
    chosen = asked if any(str(row["id"]) == asked for row in rows) else (str(rows[0]["id"]) if rows else "")
    form = CheckInForm(request.POST or None, projects=rows, initial={"project": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = {"oui": True, "non": False}.get(data["in_target_job"])
        project_id = data.get("project") or None
        saved = checkins.record(
            user,
            data["status"],
            contract=data["contract"],
            in_target_job=target,
            helped=data["helped"],
            comment=data["comment"],
            project_id=project_id,
        )
        if saved.status == CheckIn.Status.FOUND_JOB:
            messages.success(
                request, "Félicitations pour votre nouvel emploi, et merci d'avoir pris le temps de répondre !"
            )
        elif project_id is not None:
            messages.success(
                request,
                "Merci ! Votre réponse est notée sur ce projet. Refaites son diagnostic pour qu'il tienne compte "
                "de votre situation d'aujourd'hui.",
            )
            return redirect("pages:project_diagnostic", project_id=int(project_id))
        else:
            messages.success(
                request, "Merci ! Si votre situation a changé, refaites votre diagnostic depuis « Mes projets »."
            )
        return redirect("pages:account")
    title = "Où en êtes-vous ?"
    return _form_page(request, "pages/account/checkin.html", title, form, latest=checkins.latest(user))
