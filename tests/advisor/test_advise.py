"""advise: the diagnostic, the ranking, the texts and the sources, on the small bundles."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from bob_emploi import advisor
from bob_emploi.advisor.content import CONTENT
from bob_emploi.advisor.modules import MODULES
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY


def _request(ref: Referential, **project: Any) -> advisor.AdvisorInput:
    profile = project.pop("profile", {"gender": "feminine", "year_of_birth": 1990, "highest_degree": "bac"})
    data = {"profile": profile, "project": {"target_job": "19427", "city": "69123", **project}}
    return advisor.parse_input(data, ref, TODAY)


def test_output_shape_and_determinism(small_ref: Referential) -> None:
    request = _request(small_ref, search_started="2026-03", interviews=0, weekly_applications="6-15")
    first = advisor.advise(request, small_ref, TODAY)
    again = advisor.advise(request, small_ref, TODAY)
    assert first == again
    assert first.today == "2026-11-29"
    assert first.bundle_checksum == small_ref.checksum
    assert [sub.topic for sub in first.diagnostic.sub_diagnostics] == ["market", "profile", "project", "search"]
    assert 0 <= first.diagnostic.score <= 100
    scores = [advice.score for advice in first.advice]
    assert scores == sorted(scores, reverse=True)
    assert len({advice.id for advice in first.advice}) == len(first.advice)
    assert all(advice.explanations and advice.title for advice in first.advice)


def test_enhance_methods_cites_the_answers(small_ref: Referential) -> None:
    output = advisor.advise(
        _request(small_ref, search_started="2026-03", interviews=0, weekly_applications="6-15"), small_ref, TODAY
    )
    challenge = output.diagnostic.main_challenge
    assert challenge.id == "enhance_methods"
    assert "8 mois" in challenge.explanation and "6 à 15" in challenge.explanation
    assert "aucun entretien" in challenge.explanation
    assert "improve_resume" in [advice.id for advice in output.advice[:5]]


def test_market_topic_says_when_data_is_missing(plain_ref: Referential, market_ref: Referential) -> None:
    plain = advisor.advise(_request(plain_ref, search_started="2026-10"), plain_ref, TODAY)
    market_text = plain.diagnostic.sub_diagnostics[0].text
    assert market_text.startswith("Non évalué") and "dans le Rhône" in market_text
    assert plain.diagnostic.sub_diagnostics[0].score is None and not plain.diagnostic.sub_diagnostics[0].evaluated
    assert "non évalué" in plain.diagnostic.score_note
    evaluated = [sub.score for sub in plain.diagnostic.sub_diagnostics if sub.score is not None]
    assert plain.diagnostic.score == round(sum(evaluated) / len(evaluated))
    with_data = advisor.advise(_request(market_ref, search_started="2026-10"), market_ref, TODAY)
    assert "300 offres pour 600 demandeurs d'emploi" in with_data.diagnostic.sub_diagnostics[0].text


def test_stuck_market_only_with_market_data(plain_ref: Referential, market_ref: Referential) -> None:
    # Comptabilité in the Rhône: 20 offers for 400 applicants in the test market files.
    kwargs = {"target_job": "12786", "search_started": "2026-06", "interviews": 1, "training": "enough_diplomas"}
    stuck = advisor.advise(_request(market_ref, **kwargs), market_ref, TODAY)
    assert stuck.diagnostic.main_challenge.id == "stuck_market"
    assert "400 demandeurs d'emploi pour 20 offres" in stuck.diagnostic.main_challenge.explanation
    plain = advisor.advise(_request(plain_ref, **kwargs), plain_ref, TODAY)
    assert plain.diagnostic.main_challenge.id != "stuck_market"


@pytest.mark.parametrize(
    ("gender", "expected", "unwanted"),
    [
        ("feminine", "bien partie", "bien parti."),
        ("masculine", "bien parti.", "partie"),
        ("unknown", "démarre", "parti"),
    ],
)
def test_texts_follow_the_gender(plain_ref: Referential, gender: str, expected: str, unwanted: str) -> None:
    profile = {"gender": gender, "year_of_birth": 1990, "highest_degree": "bac"}
    output = advisor.advise(_request(plain_ref, profile=profile, search_started="2026-11"), plain_ref, TODAY)
    assert output.diagnostic.main_challenge.id == "bravo"
    explanation = output.diagnostic.main_challenge.explanation
    assert expected in explanation and unwanted not in explanation
    assert "·" not in explanation


def test_sources_name_the_bundle_data(plain_ref: Referential) -> None:
    request = _request(plain_ref, target_job="15545", search_started="2026-10", training="training_needed")
    output = advisor.advise(request, plain_ref, TODAY)
    assert output.diagnostic.main_challenge.id == "missing_diploma"
    training = next(advice for advice in output.advice if advice.id == "training")
    assert training.sources and training.sources[0].date == "v347"
    assert "France Travail" in training.sources[0].publisher
    assert "Diplôme d'État" in " ".join(training.explanations)
    applying = [advice for advice in output.advice if MODULES[advice.id].applies]
    assert applying and all(advice.score == 1 for advice in applying)
    assert output.advice[0].id == "training"


def test_the_date_matters(plain_ref: Referential) -> None:
    request = _request(plain_ref, search_started="2026-10")
    early = advisor.advise(request, plain_ref, datetime.date(2026, 10, 15))
    late = advisor.advise(request, plain_ref, datetime.date(2027, 10, 15))
    assert early.diagnostic.main_challenge.id == "bravo"
    assert late.diagnostic.main_challenge.id != "bravo"


def test_advise_rejects_codes_the_bundle_does_not_know(plain_ref: Referential) -> None:
    request = advisor.AdvisorInput.model_validate({"profile": {}, "project": {"city": "75056", "target_job": "1"}})
    with pytest.raises(advisor.InvalidInput) as caught:
        advisor.advise(request, plain_ref, TODAY)
    assert {error.field for error in caught.value.errors} == {"project.city", "project.target_job"}


def test_every_source_resolves_in_the_bundles(market_ref: Referential, plain_ref: Referential) -> None:
    from bob_emploi.advisor.jobdata import referential_data

    real_figures = {"bmo_2025", "bmo_2023", "dares_tensions", "dares_salaries", "mobiville"}  # not in the small bundle
    assert set(referential_data(market_ref).sources) == set(CONTENT.sources) - real_figures
    plain = referential_data(plain_ref).sources
    assert set(plain) == {"rome", "rome_texts", "rome_mobility", "rome_skills", "rome_environments", "geo"}
    assert plain["rome"].publisher == "Pôle emploi (aujourd'hui France Travail)" and plain["rome"].date == "v347"


@pytest.mark.parametrize(
    ("gender", "job"),
    [
        ("feminine", "serveuse de restaurant"),
        ("masculine", "serveur de restaurant"),
        ("unknown", "serveur ou serveuse de restaurant"),
    ],
)
def test_the_job_title_follows_the_gender(plain_ref: Referential, gender: str, job: str) -> None:
    profile = {"gender": gender, "year_of_birth": 1990}
    output = advisor.advise(_request(plain_ref, profile=profile, search_started="2026-11"), plain_ref, TODAY)
    assert f"comme {job} et" in output.diagnostic.main_challenge.explanation


@pytest.mark.parametrize(
    ("age", "disability", "civic", "young"),
    [
        (15, False, False, False),
        (16, False, True, True),
        (25, False, True, True),
        (26, False, False, False),
        (29, True, True, True),
        (30, True, True, False),
        (31, True, False, False),
    ],
)
def test_age_limits_of_youth_programmes(
    plain_ref: Referential, age: int, disability: bool, civic: bool, young: bool
) -> None:
    profile = {"year_of_birth": TODAY.year - age, "has_disability": disability}
    ids = {a.id for a in advisor.advise(_request(plain_ref, profile=profile), plain_ref, TODAY).advice}
    assert ("civic_service" in ids) == civic
    assert ("young_support" in ids) == young


def test_job_group_facts_are_cached_per_referential(market_bundle: Path) -> None:
    """The first diagnostic for a job group queries the bundle; the next ones do not."""
    referential = Referential.load(market_bundle)
    queries: list[str] = []
    query = referential._query

    def counting(sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        queries.append(sql)
        return query(sql, parameters)

    referential._query = counting  # type: ignore[method-assign]
    request = _request(referential, target_job="12786", area="country", search_started="2026-01")
    first = advisor.advise(request, referential, TODAY)
    assert queries, "the first call reads the job group's facts"
    queries.clear()
    for _ in range(3):
        assert advisor.advise(request, referential, TODAY) == first
    assert queries == []
    referential.close()


def test_one_person_from_stdin(plain_bundle: Path) -> None:
    from typer.testing import CliRunner

    from bob_emploi.cli import app

    person = {"profile": {}, "project": {"city": "38185", "target_job": "13861", "search_started": "2026-10"}}
    result = CliRunner().invoke(
        app, ["advise", "-", "--json", "--bundle", str(plain_bundle), "--today", "2026-11-29"], input=json.dumps(person)
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["diagnostic"]["main_challenge"]["id"] == "bravo"


def test_three_priorities_and_feedback_as_input(small_ref: Referential) -> None:
    """Issue 12: at most three priorities, the main challenge's own advice first; "not_for_me" takes an
    advice out of the priorities (to the end), "done" moves it down; the feedback is echoed."""
    base = {"search_started": "2026-03", "interviews": 0, "weekly_applications": "6-15"}
    output = advisor.advise(_request(small_ref, **base), small_ref, TODAY)
    priorities = [advice.id for advice in output.advice if advice.priority]
    assert 1 <= len(priorities) <= 3 and [advice.id for advice in output.advice[: len(priorities)]] == priorities
    assert priorities[0] in CONTENT.challenges[output.diagnostic.main_challenge.id].advice
    refused, done = priorities[0], priorities[1]
    data = {
        "profile": {"gender": "feminine", "year_of_birth": 1990, "highest_degree": "bac"},
        "project": {"target_job": "19427", "city": "69123", **base},
        "feedback": {refused: "not_for_me", done: "done", "no_such_advice": "done"},
    }
    again = advisor.advise(advisor.parse_input(data, small_ref, TODAY), small_ref, TODAY)
    ids = [advice.id for advice in again.advice]
    assert ids[-1] == refused and not again.advice[-1].priority and again.advice[-1].feedback == "not_for_me"
    assert refused not in [advice.id for advice in again.advice if advice.priority]
    assert done not in [advice.id for advice in again.advice if advice.priority]
    assert ids.index(done) > max(ids.index(advice.id) for advice in again.advice if advice.priority)


def test_null_answers_are_not_read_as_no(small_ref: Referential) -> None:
    """Only a job and a city: no "vous nous avez dit", no missing qualification, no licence advice."""
    data = {"profile": {}, "project": {"target_job": "19427", "city": "69123", "search_started": "2026-09"}}
    output = advisor.advise(advisor.parse_input(data, small_ref, TODAY), small_ref, TODAY)
    ids = [advice.id for advice in output.advice]
    assert "driving_license" not in ids and "vae" not in ids and "less_applications" not in ids
    texts = [output.diagnostic.main_challenge.explanation, *(sub.text for sub in output.diagnostic.sub_diagnostics)]
    texts += [text for advice in output.advice for text in advice.explanations]
    assert not any("Vous nous avez dit" in text or "vous plaît" in text for text in texts), texts
    search = output.diagnostic.sub_diagnostics[3]
    assert search.score is None and search.text.startswith("Non évalué")


def test_old_clients_sending_every_field_still_work(small_ref: Referential) -> None:
    data = {
        "profile": {
            "gender": "masculine",
            "year_of_birth": 1990,
            "highest_degree": "none",
            "has_driving_license": False,
        },
        "project": {
            "target_job": "19427",
            "city": "69123",
            "area": "region",
            "seniority": "none",
            "passion": "likeable",
            "training": "unknown",
            "weekly_applications": "0-2",
            "interviews": 0,
            "network": "medium",
            "employment_types": ["cdi", "cdd"],
            "part_time": False,
        },
    }
    output = advisor.advise(advisor.parse_input(data, small_ref, TODAY), small_ref, TODAY)
    assert output.diagnostic.main_challenge.id == "start_your_search"
    assert "driving_license" in [advice.id for advice in output.advice]  # "false" is a real "no"
