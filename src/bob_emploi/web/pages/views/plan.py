"""The action plan of a saved project: its page, adding an advice's steps, ticking a step.

Plain forms (POST, then a redirect), so that everything works without JavaScript.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bob_emploi.web.pages import labels, onboarding
from bob_emploi.web.pages.layout import Crumb, page
from bob_emploi.web.pages.views.account import _user
from bob_emploi.web.plan import services as plan
from bob_emploi.web.projects import services as projects

WHEN_CHOICES = {"cette_semaine": "Cette semaine", "date": "À une date", "plus_tard": "Plus tard, sans date"}


def _due(request: HttpRequest) -> tuple[datetime.date | None, str | None]:
    """The date the form asks for, or an error message (French) when it is not a date."""
    when = request.POST.get("quand", "cette_semaine")
    today = timezone.localdate()
    if when == "plus_tard":
        return None, None
    if when == "date":
        text = request.POST.get("date", "").strip()
        try:  # a date field sends 2027-01-12; typed by hand (old browsers), 12/01/2027
            if "/" in text:
                due = datetime.datetime.strptime(text, "%d/%m/%Y").date()
            else:
                due = datetime.date.fromisoformat(text)
        except ValueError:
            return None, "Indiquez une date au format jj/mm/aaaa (par exemple 12/01/2027)."
        return due, None
    return plan.end_of_week(today), None


@login_required
def plan_page(request: HttpRequest, project_id: int) -> HttpResponse:
    user = _user(request)
    try:
        project = projects.get_project(user, project_id)
        steps = plan.plan_of(user, project_id)
    except projects.Project.DoesNotExist:
        raise Http404("Vous n'avez pas de projet avec cet identifiant.") from None
    gender = projects.profile_of(user).gender
    job = onboarding.job_label(project.data.get("target_job"), gender) or "votre projet"
    crumbs = [
        Crumb("Mes projets", reverse("pages:projects")),
        Crumb("Diagnostic", reverse("pages:project_diagnostic", kwargs={"project_id": project_id})),
    ]
    context = page("Mon plan d'action", crumbs, nav="projects", plan=steps, project_id=project_id, job=job)
    return render(request, "pages/plan.html", context)


@login_required
@require_POST
def plan_add(request: HttpRequest, project_id: int) -> HttpResponse:
    advice_id = request.POST.get("advice_id", "")
    due, problem = _due(request)
    back = reverse("pages:project_advice", kwargs={"project_id": project_id, "advice_id": advice_id[:64] or "-"})
    if problem:
        messages.error(request, problem)
        return redirect(back)
    try:
        added = plan.add_advice(_user(request), project_id, advice_id, due)
    except plan.PastDate as error:
        messages.error(request, str(error))
        return redirect(back)
    except (projects.Project.DoesNotExist, projects.UnknownAdvice):
        raise Http404("Ce conseil ne fait pas partie de votre diagnostic.") from None
    when = f"pour le {labels.french_date(due.isoformat())}" if due else "pour plus tard"
    plural = "s" if len(added) > 1 else ""
    messages.success(request, f"{len(added)}\u00a0étape{plural} ajoutée{plural} à votre plan {when}.")
    return redirect("pages:plan", project_id=project_id)


@login_required
@require_POST
def plan_step(request: HttpRequest, project_id: int, step_id: int) -> HttpResponse:
    user = _user(request)
    try:
        step = plan.step_of(user, project_id, step_id)
        if request.POST.get("action") == "retirer":
            plan.remove(user, step.pk)
            messages.success(request, "L'étape est retirée de votre plan.")
        else:
            plan.set_done(user, step.pk, request.POST.get("fait") == "1")
    except plan.UnknownStep:
        raise Http404("Cette étape n'est pas dans votre plan.") from None
    return redirect("pages:plan", project_id=project_id)
