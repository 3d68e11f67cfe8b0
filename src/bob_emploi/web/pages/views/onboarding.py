"""The onboarding steps: plain form posts, each answer checked on the server and kept as typed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bob_emploi.advisor import explore as explore_jobs
from bob_emploi.advisor import schema
from bob_emploi.advisor.errors import InvalidInput
from bob_emploi.data.referential import Gender, Referential
from bob_emploi.web import bundle
from bob_emploi.web.accounts.models import User
from bob_emploi.web.pages import diagnosis, onboarding
from bob_emploi.web.pages.forms import STEP_FORMS, ProjectForm, SearchForm, StepForm
from bob_emploi.web.pages.layout import Crumb, page
from bob_emploi.web.projects import services as projects

STEP_TITLES = {step: form.title for step, form in STEP_FORMS.items()}


def start(request: HttpRequest) -> HttpResponse:
    """The start button: a new onboarding from the first step (a signed-in person keeps their profile)."""
    if request.method == "POST":
        onboarding.reset(request.session)
        request.session.pop(onboarding.EDIT_KEY, None)
    return redirect("pages:onboarding", step=onboarding.STEPS[0])


@require_http_methods(["GET", "HEAD", "POST"])
def step_view(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEP_FORMS:
        return redirect("pages:onboarding", step=onboarding.STEPS[0])
    index = onboarding.STEPS.index(step)
    previous = onboarding.STEPS[index - 1] if index else None
    # A step is reached only once the previous ones are done: the missing one comes first.
    missing = onboarding.first_missing_step(request.session)
    if missing is not None and onboarding.STEPS.index(missing) < index:
        return redirect("pages:onboarding", step=missing)
    today = timezone.localdate()
    form_class = STEP_FORMS[step]
    extra: dict[str, Any] = {}
    if request.method == "POST":
        onboarding.save_raw(request.session, step, request.POST)
        if request.POST.get("action") == "back" and previous:
            return redirect("pages:onboarding", step=previous)
        form = form_class(request.POST, today=today)
        valid = form.is_valid()
        if valid and _check(request, form, extra):
            return _next(request, step)
        if not valid and isinstance(form, ProjectForm):
            _resolve_places(request, form, extra)  # every error at once: the job and city too
        onboarding.drop_clean(request.session, step)  # the later steps wait until this one is right
    else:
        stored = onboarding.raw_data(request.session, step)
        form = form_class(stored, today=today) if stored is not None else form_class(today=today)
        if stored is not None:
            form.is_valid()  # shows the stored answers, and any error they still have
            if isinstance(form, ProjectForm):
                if form.errors:
                    _resolve_places(request, form, extra)
                else:
                    _check(request, form, extra)
            for field, message in onboarding.pop_errors(request.session, step).items():
                form.add_error(field if field in form.fields else None, message)
    return _render(request, step, form, extra)


def _render(request: HttpRequest, step: str, form: StepForm, extra: dict[str, Any]) -> HttpResponse:
    index = onboarding.STEPS.index(step)
    next_step = onboarding.STEPS[index + 1] if index + 1 < len(onboarding.STEPS) else None
    gender = onboarding.gender(request.session)
    if isinstance(form, ProjectForm):
        form.fields["area"].label = {
            "feminine": "Jusqu'où êtes-vous prête à aller travailler ?",
            "masculine": "Jusqu'où êtes-vous prêt à aller travailler ?",
        }.get(gender, form.fields["area"].label)
    error_count = sum(len(errors) for errors in form.errors.values())
    title = f"Étape {index + 1} sur {len(onboarding.STEPS)} : {form.title}"
    if error_count:
        title = f"Erreur : {title}"
    context = page(
        title,
        [Crumb("Votre diagnostic", reverse("pages:onboarding_start"))],
        nav="onboarding",
        form=form,
        step=step,
        step_number=index + 1,
        step_count=len(onboarding.STEPS),
        next_title=STEP_TITLES.get(next_step or "", ""),
        previous_step=onboarding.STEPS[index - 1] if index else None,
        error_count=error_count,
        job_api="/api/v1/jobs/suggest",
        city_api="/api/v1/cities/suggest",
        job_gender=gender if gender in ("masculine", "feminine") else "",
        **extra,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, f"pages/onboarding_{step}.html", context, status=status)


def _check(request: HttpRequest, form: StepForm, extra: dict[str, Any]) -> bool:
    """Checks a step with the advisor's models; stores its cleaned values when they pass."""
    step = next(name for name, form_class in STEP_FORMS.items() if isinstance(form, form_class))
    values: dict[str, Any] | None
    if step == "vous":
        values = onboarding.profile_values(form)
        if not onboarding.check_with_model(form, schema.Profile, values):
            return False
    elif isinstance(form, ProjectForm):
        values = _project_values(request, form, extra)
        if values is None:
            return False
        # The job done, said on the explorer (not a field of this step): kept when the step is sent again.
        done = onboarding.load(request.session)["clean"].get("projet", {}).get("previous_job")
        if done and "previous_job" not in values:
            values["previous_job"] = done
    elif isinstance(form, SearchForm):
        data = form.cleaned_data
        # A question left blank is null ("non renseigné"), never a default answer (issue 12).
        values = {
            "search_started": data.get("search_started"),
            "weekly_applications": data.get("weekly_applications") or None,
            "interviews": data.get("interviews"),
            "network": data.get("network") or None,
            "employment_types": list(data["employment_types"]) or None,
        }
        project = {**onboarding.load(request.session)["clean"].get("projet", {}), **values}
        if not onboarding.check_with_model(form, schema.Project, project):
            return False
        if not onboarding.check_with_model(form, schema.Profile, {"frustrations": list(data["frustrations"])}):
            return False
        values["frustrations"] = list(data["frustrations"])
    else:  # pragma: no cover - every step is one of the above
        return False
    onboarding.save_clean(request.session, step, values)
    return True


def _resolve_places(request: HttpRequest, form: ProjectForm, extra: dict[str, Any]) -> tuple[str | None, str | None]:
    """The job title and city codes for what was typed; errors and choices for those not found."""
    data = form.cleaned_data
    gender = onboarding.gender(request.session)
    job_code = city_code = None
    if data.get("job") and not data.get("undecided"):
        job_code, job_choices = onboarding.resolve_job(data["job"], data.get("job_code", ""), gender)
        chosen_job = request.POST.get("job_choice", "")
        if job_code is None and chosen_job and onboarding.job_label(chosen_job, gender):
            job_code, job_choices = chosen_job, []
        if job_code is None:
            form.add_error(
                "job",
                "Choisissez votre métier parmi les propositions ci-dessous."
                if job_choices
                else "Aucun métier ne correspond : vérifiez l'orthographe ou essayez un autre mot.",
            )
            extra["job_choices"] = job_choices
    if data.get("city"):
        city_code, city_choices = onboarding.resolve_city(data["city"], data.get("city_code", ""))
        chosen_city = request.POST.get("city_choice", "")
        if city_code is None and chosen_city and onboarding.city_label(chosen_city):
            city_code, city_choices = chosen_city, []
        if city_code is None:
            form.add_error(
                "city",
                "Choisissez votre ville parmi les propositions ci-dessous."
                if city_choices
                else "Aucune commune ne correspond : vérifiez l'orthographe ou saisissez le code postal.",
            )
            extra["city_choices"] = city_choices
    return job_code, city_code


def _project_values(request: HttpRequest, form: ProjectForm, extra: dict[str, Any]) -> dict[str, Any] | None:
    data = form.cleaned_data
    gender = onboarding.gender(request.session)
    job_code, city_code = _resolve_places(request, form, extra)
    undecided = bool(data.get("undecided")) and job_code is None
    if (job_code is None and not undecided) or city_code is None:
        return None
    values = {
        "kind": data["kind"],
        "target_job": job_code,
        "city": city_code,
        "area": data.get("area") or None,
        "seniority": data.get("seniority") or None,
        "passion": data.get("passion") or None,
        "training": data.get("training") or None,
    }
    if not onboarding.check_with_model(form, schema.Project, values):
        return None
    # What the person sees next time is the chosen title and city, not the typo.
    raw = onboarding.load(request.session)["raw"].get("projet", {})
    raw.update(
        job=[onboarding.job_label(job_code, gender)] if job_code else [],
        job_code=[job_code] if job_code else [],
        city=[onboarding.city_label(city_code)],
        city_code=[city_code],
    )
    raw.pop("job_choice", None)
    raw.pop("city_choice", None)
    state = onboarding.load(request.session)
    state["raw"]["projet"] = raw
    request.session[onboarding.SESSION_KEY] = state
    return values


def _next(request: HttpRequest, step: str) -> HttpResponse:
    if step == "projet" and not onboarding.load(request.session)["clean"].get("projet", {}).get("target_job"):
        return redirect("pages:onboarding_explore")  # undecided: what do you like?
    index = onboarding.STEPS.index(step)
    if index + 1 < len(onboarding.STEPS):
        return redirect("pages:onboarding", step=onboarding.STEPS[index + 1])
    return _finish(request)


def _finish(request: HttpRequest) -> HttpResponse:
    """Every step is done: the advisor's diagnostic, for the guest or the signed-in person."""
    data = onboarding.advisor_input(request.session)
    try:
        advisor_input, output = diagnosis.run(data, timezone.localdate())
    except InvalidInput as error:
        # The advisor refused what the steps accepted (e.g. a city the bundle no longer knows):
        # back to the first step concerned, each message next to its field.
        state = onboarding.load(request.session)
        pending: dict[str, dict[str, str]] = {}
        for problem in error.errors:
            problem_step, field = onboarding.step_of_field(problem.field)
            state["clean"].pop(problem_step, None)
            pending.setdefault(problem_step, {}).setdefault(field, problem.message)
        state["errors"] = pending
        request.session[onboarding.SESSION_KEY] = state
        first = min(pending, key=onboarding.STEPS.index) if pending else onboarding.STEPS[0]
        return redirect("pages:onboarding", step=first)
    if request.user.is_authenticated:
        return _save_for_user(request, advisor_input)
    diagnosis.store_guest(request.session, advisor_input, output)
    return HttpResponseRedirect(reverse("pages:guest_diagnostic"))


def _save_for_user(request: HttpRequest, advisor_input: schema.AdvisorInput) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # called only for a signed-in person
    editing = request.session.get(onboarding.EDIT_KEY)
    with transaction.atomic():  # the profile, the project and its diagnostic are saved together or not at all
        projects.save_profile(user, advisor_input.profile)
        project = None
        if editing is not None:
            try:
                project = projects.update_project(user, editing, advisor_input.project)
            except projects.Project.DoesNotExist:
                project = None
        if project is None:
            project = projects.create_project(user, advisor_input.project)
        projects.diagnose(project, timezone.localdate())
    onboarding.reset(request.session)
    request.session.pop(onboarding.EDIT_KEY, None)
    return redirect("pages:project_diagnostic", project_id=project.pk)


# --- The undecided path: centres of interest and a job done → a shortlist of jobs hiring nearby ---------


def _explore_url(interest: str | None) -> str:
    url = reverse("pages:onboarding_explore")
    return f"{url}?interet={interest}" if interest else url


@require_http_methods(["GET", "HEAD", "POST"])
def explore(request: HttpRequest) -> HttpResponse:
    """ "Je ne sais pas encore quel métier viser": the person picks what they like (a ROME 4.0 centre of
    interest, `?interet=CODE`) and may say a job they have done (what they can already do: a POST with
    `action=savoir-faire`, kept as `previous_job` in the project); the shortlist gives job groups with
    their local hiring (BMO 2025), whether a qualification is required and, with a job done, the skills
    already had. The person picks one (a POST) for a full diagnostic, or goes on without a job.
    Plain links and forms: works without JavaScript (a job typed without the suggestions is resolved
    on the server, with choices when it is ambiguous)."""
    state = onboarding.load(request.session)
    projet = state["clean"].get("projet")
    if not projet or not projet.get("city"):
        return redirect("pages:onboarding", step="projet")
    referential = bundle.referential()
    gender = onboarding.gender(request.session)
    interest_code = request.POST.get("interet") or request.GET.get("interet") or None
    done_error = ""
    done_choices: list[onboarding.Choice] = []
    done_typed: str | None = None
    if request.method == "POST" and request.POST.get("action") == "savoir-faire":
        done_typed = request.POST.get("metier", "").strip()[:200]
        if not done_typed:
            projet.pop("previous_job", None)  # "what I did" emptied: forgotten
        else:
            code, done_choices = onboarding.resolve_job(done_typed, request.POST.get("metier_code", ""), gender)
            picked = request.POST.get("metier_choix", "")
            if code is None and picked and onboarding.job_label(picked, gender):
                code, done_choices = picked, []
            if code is None:
                done_error = (
                    "Choisissez le métier que vous avez exercé parmi les propositions ci-dessous."
                    if done_choices
                    else "Aucun métier ne correspond\u00a0: vérifiez l'orthographe ou essayez un autre mot."
                )
            else:
                projet["previous_job"] = code
        if not done_error:
            request.session[onboarding.SESSION_KEY] = state
            return redirect(_explore_url(interest_code if _known_interest(referential, interest_code) else None))
    elif request.method == "POST":
        code = request.POST.get("job_code", "")
        if code and code in referential.job_titles:
            projet["target_job"] = code
            raw = state["raw"].setdefault("projet", {})
            raw.update(job=[onboarding.job_label(code, gender)], job_code=[code], undecided=[])
        request.session[onboarding.SESSION_KEY] = state
        return redirect("pages:onboarding", step="recherche")
    commune = referential.current_commune(projet["city"])
    departement = referential.departements.get(commune.departement) if commune else None
    interests = referential.centres_of_interest()
    chosen = next((item for item in interests if item.code == interest_code), None)
    job_gender: Gender | None = "masculine" if gender == "masculine" else "feminine" if gender == "feminine" else None
    where = departement.code if departement else ""
    done_code = projet.get("previous_job")
    done_title = referential.job_titles.get(done_code) if done_code else None
    done_rome = done_title.code_rome if done_title is not None else None
    leads = (
        explore_jobs.shortlist(referential, chosen.code if chosen else None, where, job_gender, done_rome)
        if chosen is not None or done_rome
        else []
    )
    context = page(
        "Erreur\u00a0: Trouver un métier à viser" if done_error else "Trouver un métier à viser",
        [Crumb("Votre diagnostic", reverse("pages:onboarding", kwargs={"step": "projet"}))],
        nav="diagnostic",
        interests=interests,
        chosen=chosen,
        leads=leads,
        departement=departement,
        done_label=done_typed if done_typed is not None else onboarding.job_label(done_code, gender),
        done_known=done_title is not None,
        done_error=done_error,
        done_choices=done_choices,
        job_api="/api/v1/jobs/suggest",
        job_gender=gender if gender in ("masculine", "feminine") else "",
    )
    return render(request, "pages/onboarding_explore.html", context, status=400 if done_error else 200)


def _known_interest(referential: Referential, code: str | None) -> bool:
    return bool(code) and any(item.code == code for item in referential.centres_of_interest())
