"""The diagnostic and the advice pages, for a visitor (from the session) or for a saved project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bob_emploi.advisor import schema
from bob_emploi.advisor.errors import InvalidInput
from bob_emploi.web import bundle
from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.opportunities import display as opportunities
from bob_emploi.web.pages import diagnosis, labels, market, onboarding
from bob_emploi.web.pages.layout import Crumb, page
from bob_emploi.web.pages.views import jobs
from bob_emploi.web.projects import services as projects


class NeedsEdit(Exception):
    """A saved project the advisor cannot read any more: the person must edit it."""

    def __init__(self, project_id: int, error: Exception) -> None:
        super().__init__(str(error))
        self.project_id = project_id
        self.messages = [problem.message for problem in error.errors] if isinstance(error, InvalidInput) else []


def _edit_instead(request: HttpRequest, needs: NeedsEdit) -> HttpResponse:
    messages.error(
        request,
        "Vos réponses ne correspondent plus aux données de Bob : vérifiez-les pour obtenir un nouveau diagnostic. "
        + " ".join(needs.messages),
    )
    return redirect("pages:project_edit", project_id=needs.project_id)


@dataclass(frozen=True, slots=True)
class Shown:
    """A diagnostic as a page shows it, wherever it is kept."""

    input: schema.AdvisorInput
    output: schema.AdvisorOutput
    feedback: dict[str, str]
    base_url: str  # the diagnostic page; advice pages are below it
    project_id: int | None = None
    checkin: CheckIn | None = None  # the project's latest "Où en êtes-vous ?" answer


def _summary(request_input: schema.AdvisorInput) -> dict[str, Any]:
    referential = bundle.referential()
    gender = request_input.profile.gender
    project = request_input.project
    title = referential.job_titles.get(project.target_job or "")
    commune = referential.current_commune(project.city)
    departement = referential.departements.get(commune.departement) if commune else None
    close_jobs = []
    if title is not None:
        seen = set()
        for link in referential.mobility(title.code_rome):
            group = referential.job_groups.get(link.target_rome)
            if link.is_close and group is not None and group.code_rome not in seen:
                seen.add(group.code_rome)
                close_jobs.append(group)
    return {
        "close_jobs": close_jobs[:6],
        "job_label": onboarding.job_label(project.target_job, gender),
        "code_rome": title.code_rome if title else "",
        # The commune chosen, arrondissement included ("Paris 11e Arrondissement"), not its city.
        "city_label": getattr(referential.communes.get(project.city), "name", "")
        or (commune.name if commune else project.city),
        "departement": departement,
        # The commune chosen (an arrondissement included), else the current commune a former one merged into.
        "commune_code": project.city if project.city in referential.communes else getattr(commune, "code", None),
        "area_label": labels.AREAS.get(project.area or "", ""),
        "title_code": title.code_ogr if title else "",
        "gender": gender or "",
    }


def _market_sample() -> bool:
    """Whether the market figures the advisor quotes come from format samples (see `market`)."""
    return bundle.referential().market_available and not market.market_is_real()


def _job_url(summary: dict[str, Any], saved: bool) -> str:
    """The job page for the person's département; from a saved project, with their own job title and
    gender too (a visitor's page reads them from the onboarding in the session)."""
    if not summary["code_rome"]:
        return ""
    departement = summary["departement"].code if summary["departement"] else ""
    if not saved:
        return jobs.job_url(summary["code_rome"], departement=departement)
    return jobs.job_url(
        summary["code_rome"], title_code=summary["title_code"], gender=summary["gender"], departement=departement
    )


def _render_diagnostic(request: HttpRequest, shown: Shown, crumbs: list[Crumb]) -> HttpResponse:
    summary = _summary(shown.input)
    diagnostic = shown.output.diagnostic
    # The advisor orders the advice and marks the priorities, the feedback included: the page follows it.
    priorities = [item for item in shown.output.advice if item.priority]
    if not priorities:  # a diagnostic stored before the advisor marked priorities (issue 12)
        priorities = [item for item in shown.output.advice if item.feedback not in ("done", "not_for_me")][
            : schema.PRIORITIES
        ]
    others = [item for item in shown.output.advice if item not in priorities]
    live = _live(shown, summary, [item.id for item in shown.output.advice])
    in_cards = opportunities.shown_in_cards(live)  # the diagnostic's own section would repeat them
    context = page(
        "Votre diagnostic",
        crumbs,
        nav="diagnostic" if shown.project_id is None else "projects",
        diagnostic=diagnostic,
        sub_diagnostics=[(labels.TOPICS.get(sub.topic, sub.topic), sub) for sub in diagnostic.sub_diagnostics],
        priorities=priorities,
        others=others,
        base_url=shown.base_url,
        summary=summary,
        job_url=_job_url(summary, saved=shown.project_id is not None),
        is_guest=shown.project_id is None,
        project_id=shown.project_id,
        computed_on=labels.french_date(shown.output.today),
        computed_today=shown.output.today >= timezone.localdate().isoformat(),
        checkin=shown.checkin,
        market_sample=_market_sample(),
        opportunities=None if in_cards else _opportunities(summary, shown.input.project.area),
        live=live,
        live_in_cards=in_cards,
    )
    return render(request, "pages/diagnostic.html", context)


def _opportunities(summary: dict[str, Any], area: schema.Area | None) -> dict[str, Any] | None:
    """France Travail's latest offers and employers near the person, or the links that stand in
    (never waits on France Travail: see `bob_emploi.web.opportunities`)."""
    if not summary["code_rome"] or summary["departement"] is None:
        return None
    label = summary["job_label"] or bundle.referential().job_groups[summary["code_rome"]].name
    return opportunities.context(
        summary["code_rome"], label, summary["commune_code"], summary["departement"].code, area
    )


def _live(shown: Shown, summary: dict[str, Any], advice_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The live offers or employers each advice concerning them shows (`opportunities.display.for_advice`)."""
    if not summary["code_rome"] or summary["departement"] is None:
        return {}
    title = bundle.referential().job_titles.get(shown.input.project.target_job or "")
    keyword = title.masculine if title else bundle.referential().job_groups[summary["code_rome"]].name
    return opportunities.for_advice(
        advice_ids,
        summary["code_rome"],
        keyword,
        summary["commune_code"],
        summary["departement"].code,
        shown.input.project.area,
    )


def _guest(request: HttpRequest) -> Shown | None:
    found = diagnosis.guest(request.session)
    if found is None:
        return None
    return Shown(found.input, found.output, found.feedback, reverse("pages:guest_diagnostic"))


def _project(request: HttpRequest, project_id: int) -> Shown:
    try:
        project = projects.get_project(request.user, project_id)  # type: ignore[arg-type]
    except projects.Project.DoesNotExist:
        raise Http404("Ce projet n'existe pas ou n'est pas le vôtre.") from None
    try:
        output = schema.AdvisorOutput.model_validate(project.diagnostic) if project.diagnostic else None
    except ValueError:  # written by an older advisor: computed again below
        output = None
    try:
        request_input = projects.advisor_input(project)
        if output is None:
            output = projects.diagnose(project)
    except (InvalidInput, ValueError) as error:
        # The answers no longer fit the data (a job or city a new bundle dropped): to be edited.
        raise NeedsEdit(project.pk, error) from None
    except projects.Project.DoesNotExist:  # deleted by another request meanwhile
        raise Http404("Ce projet n'existe pas ou n'est pas le vôtre.") from None
    return Shown(
        request_input,
        output,
        projects.feedback_of(project),
        reverse("pages:project_diagnostic", kwargs={"project_id": project.pk}),
        project.pk,
        checkins.latest_for_project(project),
    )


def guest_diagnostic(request: HttpRequest) -> HttpResponse:
    shown = _guest(request)
    if shown is None:
        messages.info(request, "Répondez d'abord à quelques questions pour obtenir votre diagnostic.")
        return redirect("pages:onboarding_start")
    return _render_diagnostic(request, shown, [])


@login_required
def project_diagnostic(request: HttpRequest, project_id: int) -> HttpResponse:
    try:
        shown = _project(request, project_id)
    except NeedsEdit as needs:
        return _edit_instead(request, needs)
    return _render_diagnostic(request, shown, [Crumb("Mes projets", reverse("pages:projects"))])


@login_required
def project_rediagnose(request: HttpRequest, project_id: int) -> HttpResponse:
    """The diagnostic again, as of today: the months of search, the figures and the feedback have moved on."""
    try:
        project = projects.get_project(request.user, project_id)  # type: ignore[arg-type]
        projects.diagnose(project)
    except projects.Project.DoesNotExist:
        raise Http404("Ce projet n'existe pas ou n'est pas le vôtre.") from None
    except (InvalidInput, ValueError) as error:
        return _edit_instead(request, NeedsEdit(project_id, error))
    messages.success(
        request, f"Votre diagnostic a été refait le {labels.french_date(timezone.localdate().isoformat())}."
    )
    return redirect("pages:project_diagnostic", project_id=project_id)


def _render_advice(request: HttpRequest, shown: Shown, advice_id: str, crumbs: list[Crumb]) -> HttpResponse:
    advice = next((item for item in shown.output.advice if item.id == advice_id), None)
    if advice is None:
        raise Http404("Ce conseil ne fait pas partie de votre diagnostic.")
    context = page(
        advice.title,
        [*crumbs, Crumb("Votre diagnostic", shown.base_url)],
        nav="diagnostic" if shown.project_id is None else "projects",
        advice=advice,
        feedback=shown.feedback.get(advice.id, ""),
        feedback_choices=list(labels.FEEDBACK.items()),
        feedback_url=f"{shown.base_url}conseils/{advice.id}/avis",
        base_url=shown.base_url,
        is_guest=shown.project_id is None,
        project_id=shown.project_id,
        market_sample=_market_sample(),
        live=_live(shown, _summary(shown.input), [advice.id]).get(advice.id),
    )
    return render(request, "pages/advice.html", context)


def guest_advice(request: HttpRequest, advice_id: str) -> HttpResponse:
    shown = _guest(request)
    if shown is None:
        return redirect("pages:onboarding_start")
    return _render_advice(request, shown, advice_id, [])


@login_required
def project_advice(request: HttpRequest, project_id: int, advice_id: str) -> HttpResponse:
    try:
        shown = _project(request, project_id)
    except NeedsEdit as needs:
        return _edit_instead(request, needs)
    return _render_advice(request, shown, advice_id, [Crumb("Mes projets", reverse("pages:projects"))])


def _feedback_value(request: HttpRequest) -> str:
    value = request.POST.get("value", "")
    if value not in labels.FEEDBACK:
        raise Http404("Avis inconnu.")
    return value


@require_POST
def guest_feedback(request: HttpRequest, advice_id: str) -> HttpResponse:
    shown = _guest(request)
    if shown is None or all(item.id != advice_id for item in shown.output.advice):
        raise Http404("Ce conseil ne fait pas partie de votre diagnostic.")
    diagnosis.set_guest_feedback(request.session, advice_id, _feedback_value(request), timezone.localdate())
    messages.success(request, "Merci, votre avis est enregistré.")
    return redirect("pages:guest_advice", advice_id=advice_id)


@login_required
@require_POST
def project_feedback(request: HttpRequest, project_id: int, advice_id: str) -> HttpResponse:
    try:
        projects.set_feedback(request.user, project_id, advice_id, _feedback_value(request))  # type: ignore[arg-type]
    except (projects.Project.DoesNotExist, projects.UnknownAdvice):
        raise Http404("Ce conseil ne fait pas partie de votre diagnostic.") from None
    messages.success(request, "Merci, votre avis est enregistré.")
    return redirect("pages:project_advice", project_id=project_id, advice_id=advice_id)
