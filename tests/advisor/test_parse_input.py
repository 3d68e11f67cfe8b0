"""parse_input: shape errors and meaning errors, all reported at once with their dotted field."""

from __future__ import annotations

from typing import Any

import pytest

from bob_emploi import advisor
from bob_emploi.advisor.situation import situation_of
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY


def _valid() -> dict[str, Any]:
    return {
        "profile": {"gender": "feminine", "year_of_birth": 1990, "highest_degree": "bac"},
        "project": {"target_job": "19427", "city": "69123", "search_started": "2026-05"},
    }


def _errors(data: object, ref: Referential) -> dict[str, str]:
    with pytest.raises(advisor.InvalidInput) as caught:
        advisor.parse_input(data, ref, TODAY)
    return {error.field: error.message for error in caught.value.errors}


def test_a_valid_input_parses(plain_ref: Referential) -> None:
    request = advisor.parse_input(_valid(), plain_ref, TODAY)
    assert request.project.target_job == "19427"
    assert request.profile.gender == "feminine"


def test_every_problem_is_reported_with_its_field(plain_ref: Referential) -> None:
    data = _valid()
    data["profile"].update(gender="other", year_of_birth=2020, frustrations=["resume", "boredom"])
    data["project"].update(target_job="99999", city="00000", search_started="2027-01", extra=1, interviews=-1)
    errors = _errors(data, plain_ref)
    assert set(errors) == {
        "profile.gender",
        "profile.year_of_birth",
        "profile.frustrations.1",
        "project.target_job",
        "project.city",
        "project.search_started",
        "project.extra",
        "project.interviews",
    }
    assert "feminine, masculine, unknown" in errors["profile.gender"]
    assert "Âge impossible : 6 ans" in errors["profile.year_of_birth"]
    assert "« 99999 »" in errors["project.target_job"]
    assert "futur" in errors["project.search_started"]
    assert errors["project.extra"] == "Champ inconnu."
    assert "au moins 0" in errors["project.interviews"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("search_started", "1949-12", "avant 1950"),
        ("search_started", "2026-13", "AAAA-MM"),
        ("search_started", "2026-12", "futur"),
        ("city", "6912", "au moins 5"),
        ("weekly_applications", "7", "valeurs possibles"),
        ("employment_types", ["cdi", "freelance"], "valeurs possibles"),
        ("search_started", "２０２６-01", "AAAA-MM"),  # full-width digits are not a date
        ("search_started", "٢٠٢٦-01", "AAAA-MM"),  # nor are Arabic-Indic ones
        ("interviews", "3", "Nombre entier attendu"),
        ("interviews", True, "Nombre entier attendu"),
        ("interviews", 2.0, "Nombre entier attendu"),
        ("part_time", "true", "vrai/faux"),
        ("part_time", 1, "vrai/faux"),
    ],
)
def test_project_errors(plain_ref: Referential, field: str, value: object, expected: str) -> None:
    data = _valid()
    data["project"][field] = value
    errors = _errors(data, plain_ref)
    assert any(name.startswith(f"project.{field}") and expected in message for name, message in errors.items()), errors


def test_age_limits(plain_ref: Referential) -> None:
    data = _valid()
    data["profile"]["year_of_birth"] = TODAY.year - 91
    assert "au plus 90 ans" in _errors(data, plain_ref)["profile.year_of_birth"]
    data["profile"]["year_of_birth"] = TODAY.year - 90
    assert advisor.parse_input(data, plain_ref, TODAY).profile.year_of_birth == TODAY.year - 90
    data["profile"]["year_of_birth"] = TODAY.year - 14
    assert advisor.parse_input(data, plain_ref, TODAY).profile.year_of_birth == TODAY.year - 14


def test_arrondissements_and_former_communes_are_accepted(plain_ref: Referential) -> None:
    for city in ("69383", "38001"):  # Lyon 3e; Les Abrets, merged into Les Abrets en Dauphiné
        data = _valid()
        data["project"]["city"] = city
        request = advisor.parse_input(data, plain_ref, TODAY)
        output = advisor.advise(request, plain_ref, TODAY)
        assert output.advice


def test_missing_parts_and_wrong_root(plain_ref: Referential) -> None:
    assert set(_errors({}, plain_ref)) == {"profile", "project"}
    assert set(_errors([1, 2], plain_ref)) == {"(racine)"}
    assert set(_errors({"profile": {}, "project": {}}, plain_ref)) == {"project.city"}


def test_no_target_job_is_valid(plain_ref: Referential) -> None:
    data = _valid()
    data["project"]["target_job"] = None
    assert advisor.parse_input(data, plain_ref, TODAY).project.target_job is None


@pytest.mark.slow
def test_real_former_communes_and_arrondissements(referential: Referential) -> None:
    former = next(
        f for f in sorted(referential.former_communes, key=lambda f: f.code) if f.code not in referential.communes
    )
    for city, expected in ((former.code, referential.communes[former.parent].name), ("75111", "Paris")):
        data = _valid()
        data["project"]["city"] = city
        request = advisor.parse_input(data, referential, TODAY)
        assert situation_of(request, referential, TODAY).commune.name == expected
        assert advisor.advise(request, referential, TODAY).advice


@pytest.mark.parametrize("value", [True, False, "1990", 1990.0])
def test_a_year_of_birth_must_be_a_number(plain_ref: Referential, value: object) -> None:
    """`true` used to become the year 1 ("trop petite"): a boolean or a string is not a number."""
    data = _valid()
    data["profile"]["year_of_birth"] = value
    message = _errors(data, plain_ref)["profile.year_of_birth"]
    assert message.startswith("Nombre entier attendu"), message


@pytest.mark.parametrize("field", ["has_driving_license", "has_car", "has_disability"])
def test_profile_flags_are_booleans(plain_ref: Referential, field: str) -> None:
    data = _valid()
    data["profile"][field] = "yes"
    assert "vrai/faux" in _errors(data, plain_ref)[f"profile.{field}"]


def test_previous_job_is_optional_and_checked_against_the_bundle(plain_ref: Referential) -> None:
    data = _valid()
    data["project"]["previous_job"] = "19427"
    assert advisor.parse_input(data, plain_ref, TODAY).project.previous_job == "19427"
    data["project"]["previous_job"] = "99999"
    errors = _errors(data, plain_ref)
    assert set(errors) == {"project.previous_job"} and "Code métier inconnu" in errors["project.previous_job"]
    for bad in ("", "12345678901", 19427, True):
        data["project"]["previous_job"] = bad
        assert set(_errors(data, plain_ref)) == {"project.previous_job"}, bad
    # Advising directly (without parse_input) on a code the bundle does not know: it is ignored, not a crash.
    data["project"]["previous_job"] = None
    request = advisor.parse_input(data, plain_ref, TODAY)
    unknown = request.model_copy(update={"project": request.project.model_copy(update={"previous_job": "99999"})})
    assert advisor.advise(unknown, plain_ref, TODAY).advice
