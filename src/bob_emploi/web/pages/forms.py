"""The onboarding steps as Django forms: each field says its label, hint and allowed values.

Django checks the types and the choices; `onboarding.py` then checks each step against the
advisor's own pydantic models, so that the web app never accepts what the advisor refuses.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

from django import forms

from bob_emploi.advisor.validate import MAX_AGE, MIN_AGE
from bob_emploi.web.pages import labels

YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*$")
MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[-/.]\s*(\d{4})\s*$")


def _choices(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return list(mapping.items())


class StepForm(forms.Form):
    """A step of the onboarding; `title` and `intro` are shown above its fields."""

    title: ClassVar[str] = ""
    intro: ClassVar[str] = ""
    # Fieldsets: (legend, field names), in order.
    groups: ClassVar[tuple[tuple[str, tuple[str, ...]], ...]] = ()

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or date.today()


class AboutYouForm(StepForm):
    title = "Vous"
    intro = "Quelques questions sur vous, pour adapter les conseils à votre situation."

    gender = forms.ChoiceField(
        label="Comment préférez-vous que Bob s'adresse à vous ?",
        help_text="Facultatif : cela ne sert qu'à accorder les textes au masculin ou au féminin.",
        choices=_choices(labels.GENDERS),
        widget=forms.RadioSelect,
        required=False,
        initial="unknown",
    )
    year_of_birth = forms.IntegerField(
        label="Année de naissance",
        help_text="Facultatif. Format : 4 chiffres, par exemple 1990.",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
        error_messages={"invalid": "Saisissez une année en chiffres, par exemple 1990."},
    )
    highest_degree = forms.ChoiceField(
        label="Votre diplôme le plus élevé", choices=_choices(labels.DEGREES), initial="none"
    )
    has_driving_license = forms.BooleanField(label="J'ai le permis B", required=False)
    has_car = forms.BooleanField(label="J'ai une voiture", required=False)
    has_disability = forms.BooleanField(
        label="J'ai une reconnaissance de la qualité de travailleur handicapé (RQTH)",
        help_text="Facultatif : Bob peut alors vous indiquer les aides et les interlocuteurs dédiés.",
        required=False,
    )
    family = forms.ChoiceField(
        label="Votre situation familiale",
        help_text="Facultatif.",
        choices=_choices(labels.FAMILIES),
        widget=forms.RadioSelect,
        required=False,
    )

    def clean_year_of_birth(self) -> int | None:
        year: int | None = self.cleaned_data.get("year_of_birth")
        if year is None:
            return None
        youngest, oldest = self.today.year - MIN_AGE, self.today.year - MAX_AGE  # the advisor's own bounds
        if not oldest <= year <= youngest:
            raise forms.ValidationError(f"Saisissez une année entre {oldest} et {youngest}.")
        return year


class ProjectForm(StepForm):
    title = "Votre projet"
    intro = "Le métier que vous cherchez, et où."

    kind = forms.ChoiceField(
        label="Votre projet", choices=_choices(labels.PROJECT_KINDS), widget=forms.RadioSelect, initial="new_job"
    )
    job = forms.CharField(
        label="Métier recherché",
        help_text="Tapez le nom du métier, même approximatif, par exemple : boulanger, aide-soignante, AESH.",
        max_length=200,
        error_messages={"required": "Indiquez le métier que vous recherchez."},
    )
    # The JobSuggest widget fills it with the chosen title's code; without JavaScript the
    # server proposes titles for what was typed (see onboarding.resolve_job).
    job_code = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)
    city = forms.CharField(
        label="Votre ville",
        help_text="Le nom de votre commune ou son code postal, par exemple : Lyon, 42000.",
        max_length=200,
        error_messages={"required": "Indiquez la ville où vous habitez."},
    )
    city_code = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)
    area = forms.ChoiceField(
        label="Jusqu'où êtes-vous prêt ou prête à aller travailler ?",
        choices=_choices(labels.AREAS),
        widget=forms.RadioSelect,
        initial="departement",
    )
    seniority = forms.ChoiceField(
        label="Votre expérience dans ce métier", choices=_choices(labels.SENIORITIES), initial="none"
    )
    passion = forms.ChoiceField(
        label="Ce métier, pour vous…", choices=_choices(labels.PASSIONS), widget=forms.RadioSelect, initial="likeable"
    )
    training = forms.ChoiceField(
        label="Avez-vous les diplômes que ce métier demande ?",
        choices=_choices(labels.TRAININGS),
        widget=forms.RadioSelect,
        initial="unknown",
    )


class SearchForm(StepForm):
    title = "Votre recherche"
    intro = "Où en est votre recherche d'emploi."

    search_started = forms.CharField(
        label="Depuis quand cherchez-vous ?",
        help_text="Mois et année, par exemple 09/2026. Laissez vide si vous n'avez pas encore commencé.",
        required=False,
        max_length=20,
    )
    weekly_applications = forms.ChoiceField(
        label="Combien de candidatures envoyez-vous ?",
        choices=_choices(labels.WEEKLY_APPLICATIONS),
        widget=forms.RadioSelect,
        initial="0-2",
    )
    interviews = forms.IntegerField(
        label="Combien d'entretiens d'embauche avez-vous passés depuis le début de votre recherche ?",
        help_text="Un nombre, 0 si aucun.",
        min_value=0,
        max_value=10_000,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Saisissez un nombre, par exemple 2.",
            "required": "Indiquez un nombre d'entretiens, 0 si aucun.",
            "min_value": "Le nombre d'entretiens ne peut pas être négatif.",
            "max_value": "Saisissez un nombre d'entretiens inférieur à 10 000.",
        },
    )
    network = forms.ChoiceField(
        label="Votre réseau pour ce métier",
        help_text="Des personnes qui peuvent vous recommander ou vous parler d'offres.",
        choices=_choices(labels.NETWORKS),
        widget=forms.RadioSelect,
        initial="medium",
    )
    employment_types = forms.MultipleChoiceField(
        label="Les contrats qui vous intéressent",
        choices=_choices(labels.EMPLOYMENT_TYPES),
        widget=forms.CheckboxSelectMultiple,
        initial=["cdi", "cdd"],
        error_messages={"required": "Cochez au moins un type de contrat."},
    )
    frustrations = forms.MultipleChoiceField(
        label="Qu'est-ce qui vous freine ou vous pèse dans votre recherche ?",
        help_text="Facultatif : cochez tout ce qui vous concerne.",
        choices=_choices(labels.FRUSTRATIONS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_search_started(self) -> str | None:
        text: str = self.cleaned_data.get("search_started", "").strip()
        if not text:
            return None
        if match := YEAR_MONTH.match(text):
            year, month = int(match[1]), int(match[2])
        elif match := MONTH_YEAR.match(text):
            month, year = int(match[1]), int(match[2])
        else:
            raise forms.ValidationError("Saisissez le mois et l'année, par exemple 09/2026.")
        if not 1 <= month <= 12:
            raise forms.ValidationError("Le mois doit être entre 01 et 12, par exemple 09/2026.")
        if (year, month) > (self.today.year, self.today.month):
            raise forms.ValidationError("Cette date est dans le futur : indiquez le mois où vous avez commencé.")
        if year < self.today.year - 60:
            raise forms.ValidationError(f"Saisissez une année après {self.today.year - 60}.")
        return f"{year:04d}-{month:02d}"


STEP_FORMS: dict[str, type[StepForm]] = {
    "vous": AboutYouForm,
    "projet": ProjectForm,
    "recherche": SearchForm,
}
