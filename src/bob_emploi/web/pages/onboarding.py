"""The onboarding kept in the session: answers per step, checked with the advisor's models.

A visitor needs no account: the answers live in the session until the diagnostic, and an
account created afterwards takes them over (`projects.services.claim_guest`). Each step's
answers are stored as typed (so going back shows them unchanged) and as cleaned values
(the advisor's input fields).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.http import QueryDict
from pydantic import BaseModel, ValidationError

from bob_emploi.advisor import schema
from bob_emploi.web import bundle
from bob_emploi.web.pages.forms import STEP_FORMS, StepForm, yes_no, yes_no_answer

SESSION_KEY = "bob_onboarding"
GUEST_KEY = "bob_guest"
EDIT_KEY = "bob_editing_project"  # the saved project the onboarding edits, if any
STEPS = tuple(STEP_FORMS)
PROFILE_FIELDS = tuple(schema.Profile.model_fields)
PROJECT_FIELDS = tuple(schema.Project.model_fields)
# Form fields whose advisor field has another name.
FORM_FIELD_OF = {"target_job": "job", "city": "city"}
MAX_CHOICES = 6


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    label: str
    detail: str


def step_of_field(field: str) -> tuple[str, str]:
    """The step and form field that hold an advisor input field ("project.city" → ("projet", "city"))."""
    name = field.split(".")[-1] if "." in field else field
    name = FORM_FIELD_OF.get(name, name)
    if name == "previous_job":  # said on the explorer, kept with the project's answers
        return "projet", ""
    for step, form_class in STEP_FORMS.items():
        if name in form_class.base_fields:
            return step, name
    return STEPS[0], ""


def load(session: SessionBase) -> dict[str, Any]:
    stored = session.get(SESSION_KEY)
    return stored if isinstance(stored, dict) else {"raw": {}, "clean": {}}


# Besides a step's own fields, the choice made among the server's suggestions (no JavaScript).
CHOICE_FIELDS = ("job_choice", "city_choice")
# What is kept of a typed answer: no field takes more, and a session must stay small.
MAX_RAW_VALUES, MAX_RAW_LENGTH = 20, 1000


def save_raw(session: SessionBase, step: str, data: QueryDict) -> None:
    """Keeps what was typed on a step, valid or not, to show it again: the step's fields only,
    each cut to a size no answer needs, so that a post cannot fill a visitor's session."""
    known = (*STEP_FORMS[step].base_fields, *CHOICE_FIELDS)
    state = load(session)
    state["raw"][step] = {
        key: [value[:MAX_RAW_LENGTH] for value in data.getlist(key)[:MAX_RAW_VALUES]] for key in known if key in data
    }
    session[SESSION_KEY] = state


def save_clean(session: SessionBase, step: str, values: dict[str, Any]) -> None:
    state = load(session)
    state["clean"][step] = values
    session[SESSION_KEY] = state


def drop_clean(session: SessionBase, step: str) -> None:
    state = load(session)
    if state["clean"].pop(step, None) is not None:
        session[SESSION_KEY] = state


def raw_data(session: SessionBase, step: str) -> QueryDict | None:
    """The answers typed on a step, as a bound form's data, or None when never answered."""
    raw = load(session)["raw"].get(step)
    if raw is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, [str(value) for value in values])
    return data


def pop_errors(session: SessionBase, step: str) -> dict[str, str]:
    """The advisor's messages for a step's fields, shown once."""
    state = load(session)
    errors: dict[str, str] = state.get("errors", {}).pop(step, {})
    if errors:
        session[SESSION_KEY] = state
    return errors


def completed_steps(session: SessionBase) -> set[str]:
    return set(load(session)["clean"])


def first_missing_step(session: SessionBase) -> str | None:
    done = completed_steps(session)
    return next((step for step in STEPS if step not in done), None)


def gender(session: SessionBase) -> str:
    about: dict[str, Any] = load(session)["clean"].get("vous", {})
    return str(about.get("gender") or "unknown")


# --- Checking a step with the advisor's models ------------------------------------------


_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "literal_error": "Choisissez une des réponses proposées.",
    "greater_than_equal": "La valeur est trop petite.",
    "less_than_equal": "La valeur est trop grande.",
    "string_pattern_mismatch": "Le format n'est pas le bon.",
    "string_too_short": "Ce champ est trop court.",
    "string_too_long": "Ce champ est trop long.",
    "int_parsing": "Saisissez un nombre.",
    "too_long": "Trop de réponses cochées.",
}


def pydantic_errors(error: ValidationError) -> dict[str, str]:
    """Field name → French message, for the errors pydantic found."""
    messages: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        messages.setdefault(field, _MESSAGES.get(item["type"], "Cette réponse n'est pas valide."))
    return messages


def check_with_model(form: StepForm, model: type[BaseModel], values: dict[str, Any]) -> bool:
    """Validates `values` with an advisor model; puts each error next to its form field."""
    try:
        model.model_validate(values)
    except ValidationError as error:
        for field, message in pydantic_errors(error).items():
            name = FORM_FIELD_OF.get(field, field)
            form.add_error(name if name in form.fields else None, message)
        return False
    return True


def profile_values(form: StepForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "gender": data.get("gender") or "unknown",
        "year_of_birth": data.get("year_of_birth"),
        "highest_degree": data.get("highest_degree") or None,  # blank: not answered (null), not "no diploma"
        "has_driving_license": yes_no(data.get("has_driving_license")),
        "has_car": yes_no(data.get("has_car")),
        "has_disability": yes_no(data.get("has_disability")),
        "family": data.get("family") or None,
    }


# --- Job and city: the code chosen in the widget, else found from the text typed ---------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


def job_choices(text: str, job_gender: str) -> list[Choice]:
    word_gender = job_gender if job_gender in ("masculine", "feminine") else None
    return [
        Choice(item.code_ogr, item.title, item.job_group)
        for item in bundle.job_index().suggest(text, MAX_CHOICES, word_gender)  # type: ignore[arg-type]
    ]


def city_choices(text: str) -> list[Choice]:
    return [
        # the note says why a commune whose name was not typed is listed ("code INSEE 13013")
        Choice(
            item.code,
            item.name,
            " · ".join(filter(None, (", ".join(item.postcodes[:3]) or item.departement, item.note))),
        )
        for item in bundle.city_index().suggest(text, MAX_CHOICES)
    ]


def resolve_job(text: str, code: str, job_gender: str) -> tuple[str | None, list[Choice]]:
    """The job title code for what was typed: the widget's code when it names this text,
    else the only suggestion whose title is the text; otherwise the suggestions to choose from."""
    referential = bundle.referential()
    title = referential.job_titles.get(code) if code else None
    if title is not None and _fold(text) in {_fold(title.title(g)) for g in (None, "masculine", "feminine")}:
        return title.code_ogr, []
    choices = job_choices(text, job_gender)
    exact = [choice for choice in choices if _fold(choice.label) == _fold(text)]
    if len({choice.code for choice in exact}) == 1:
        return exact[0].code, []
    return None, choices


def resolve_city(text: str, code: str) -> tuple[str | None, list[Choice]]:
    """The INSEE code for what was typed, as `resolve_job` does for jobs."""
    referential = bundle.referential()
    commune = referential.communes.get(code) if code else None
    if commune is not None and _fold(commune.name) == _fold(text):
        return commune.code, []
    choices = city_choices(text)
    exact = [choice for choice in choices if _fold(choice.label) == _fold(text) or text.strip() in choice.detail]
    if len(exact) == 1 or (exact and _fold(exact[0].label) == _fold(text) and len(choices) == 1):
        return exact[0].code, []
    return None, choices


def job_label(code_ogr: str | None, job_gender: str = "unknown") -> str:
    if not code_ogr:
        return ""
    title = bundle.referential().job_titles.get(code_ogr)
    if title is None:
        return ""
    return title.title(job_gender if job_gender in ("masculine", "feminine") else None)  # type: ignore[arg-type]


def city_label(code: str | None) -> str:
    commune = bundle.referential().communes.get(code or "")
    return commune.name if commune else ""


# --- The advisor's input, once every step is done -------------------------------------------


def advisor_input(session: SessionBase) -> dict[str, Any]:
    clean = load(session)["clean"]
    profile = dict(clean.get("vous", {}))
    project = {**clean.get("projet", {}), **clean.get("recherche", {})}
    profile["frustrations"] = project.pop("frustrations", [])
    return {"profile": profile, "project": project}


def input_from_answers(advisor_data: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """The typed answers of each step for an existing advisor input, to edit a saved project."""
    profile, project = advisor_data.get("profile", {}), advisor_data.get("project", {})
    gender_value = str(profile.get("gender", "unknown"))

    def answer(value: object) -> list[str]:
        """A stored answer as typed; nothing when it was not answered (null)."""
        return [] if value is None else [str(value)]

    year = profile.get("year_of_birth")
    started = project.get("search_started")
    return {
        "vous": {
            "gender": [gender_value],
            "year_of_birth": [str(year)] if year else [],
            "highest_degree": answer(profile.get("highest_degree")),
            "has_driving_license": yes_no_answer(profile.get("has_driving_license")),
            "has_car": yes_no_answer(profile.get("has_car")),
            "has_disability": yes_no_answer(profile.get("has_disability")),
            "family": [str(profile["family"])] if profile.get("family") else [],
        },
        "projet": {
            "kind": [str(project.get("kind", "new_job"))],
            "job": [job_label(project.get("target_job"), gender_value)],
            "job_code": [str(project.get("target_job") or "")],
            "city": [city_label(project.get("city"))],
            "city_code": [str(project.get("city", ""))],
            "area": answer(project.get("area")),
            "seniority": answer(project.get("seniority")),
            "passion": answer(project.get("passion")),
            "training": answer(project.get("training")),
        },
        "recherche": {
            "search_started": [f"{started[5:7]}/{started[:4]}"] if started else [],
            "weekly_applications": answer(project.get("weekly_applications")),
            "interviews": answer(project.get("interviews")),
            "network": answer(project.get("network")),
            "employment_types": [str(value) for value in project.get("employment_types") or []],
            "frustrations": [str(value) for value in profile.get("frustrations", [])],
        },
    }


def start_from(session: SessionBase, advisor_data: dict[str, Any], today: date) -> None:
    """Fills the onboarding with a saved project's answers (to edit it)."""
    raw = input_from_answers(advisor_data)
    state: dict[str, Any] = {"raw": raw, "clean": {}}
    profile, project = advisor_data.get("profile", {}), dict(advisor_data.get("project", {}))
    state["clean"]["vous"] = {key: value for key, value in profile.items() if key != "frustrations"}
    step_two = ("kind", "target_job", "previous_job", "city", "area", "seniority", "passion", "training")
    state["clean"]["projet"] = {key: project[key] for key in step_two if key in project}
    state["clean"]["recherche"] = {key: value for key, value in project.items() if key not in step_two}
    state["clean"]["recherche"]["frustrations"] = list(profile.get("frustrations", []))
    session[SESSION_KEY] = state


def reset(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)
