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


# A select starts on "not answered": the advisor reads the blank as null, never as "no" (issue 12).
NOT_ANSWERED = ("", "Je préfère ne pas répondre")
YES_NO = [("yes", "Oui"), ("no", "Non")]


class YesNoField(forms.ChoiceField):
    """A Oui / Non radio, optional; "on" (the checkbox these questions were before issue 12) means Oui."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=YES_NO, widget=forms.RadioSelect, required=False, **kwargs)

    def to_python(self, value: Any) -> str:
        text: str = super().to_python(value)
        return "yes" if text in ("on", "true") else text


def yes_no(value: str | None) -> bool | None:
    """A Oui / Non radio: True, False, or None when not answered."""
    return {"yes": True, "no": False}.get(value or "")


def yes_no_answer(value: object) -> list[str]:
    """The typed answer of a Oui / Non radio for a stored boolean (None: nothing checked)."""
    return [] if value is None else ["yes" if value else "no"]


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
        label="Votre diplôme le plus élevé",
        help_text="Facultatif.",
        choices=[NOT_ANSWERED, *_choices(labels.DEGREES)],
        required=False,
    )
    has_driving_license = YesNoField(label="Avez-vous le permis B ?", help_text="Facultatif.")
    has_car = YesNoField(label="Avez-vous une voiture ?", help_text="Facultatif.")
    has_disability = YesNoField(
        label="Avez-vous une reconnaissance de la qualité de travailleur handicapé (RQTH) ?",
        help_text=(
            "Facultatif. Pourquoi cette question : avec une RQTH, Bob vous indique Cap emploi, les aides de "
            "l'Agefiph et les limites d'âge qui ne s'appliquent pas à vous (apprentissage, Service civique). "
            "Vous pouvez ne pas répondre, et effacer cette réponse à tout moment depuis votre compte."
        ),
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
        required=False,
    )
    # The undecided path (issue 12): no job yet, Bob proposes some from what the person likes.
    undecided = forms.BooleanField(label="Je ne sais pas encore quel métier viser", required=False)
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

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not data.get("job") and not data.get("undecided") and "job" not in self.errors:
            self.add_error(
                "job", "Indiquez le métier que vous recherchez, ou cochez « Je ne sais pas encore quel métier viser »."
            )
        return data

    area = forms.ChoiceField(
        label="Jusqu'où êtes-vous prêt ou prête à aller travailler ?",
        help_text="Facultatif.",
        choices=_choices(labels.AREAS),
        widget=forms.RadioSelect,
        required=False,
    )
    seniority = forms.ChoiceField(
        label="Votre expérience dans ce métier",
        help_text="Facultatif.",
        choices=[NOT_ANSWERED, *_choices(labels.SENIORITIES)],
        required=False,
    )
    passion = forms.ChoiceField(
        label="Ce métier, pour vous…",
        help_text="Facultatif.",
        choices=_choices(labels.PASSIONS),
        widget=forms.RadioSelect,
        required=False,
    )
    training = forms.ChoiceField(
        label="Avez-vous les diplômes que ce métier demande ?",
        help_text="Facultatif.",
        choices=_choices(labels.TRAININGS),
        widget=forms.RadioSelect,
        required=False,
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
        help_text="Facultatif.",
        choices=_choices(labels.WEEKLY_APPLICATIONS),
        widget=forms.RadioSelect,
        required=False,
    )
    interviews = forms.IntegerField(
        label="Combien d'entretiens d'embauche avez-vous passés depuis le début de votre recherche ?",
        help_text="Un nombre, 0 si aucun. Facultatif : laissez vide si vous préférez ne pas répondre.",
        min_value=0,
        max_value=10_000,
        required=False,
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
        help_text="Facultatif. Des personnes qui peuvent vous recommander ou vous parler d'offres.",
        choices=_choices(labels.NETWORKS),
        widget=forms.RadioSelect,
        required=False,
    )
    employment_types = forms.MultipleChoiceField(
        label="Les contrats qui vous intéressent",
        help_text="Facultatif : sans réponse, Bob ne suppose aucun type de contrat.",
        choices=_choices(labels.EMPLOYMENT_TYPES),
        widget=forms.CheckboxSelectMultiple,
        required=False,
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
