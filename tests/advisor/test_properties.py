"""Property tests: any valid input gives a valid, explained, deterministic answer."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bob_emploi import advisor
from bob_emploi.advisor import schema
from bob_emploi.advisor.content import CONTENT
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY
from tests.advisor.smallraw import JOB_TITLES
from tests.advisor.texts import all_texts, check_french

FRUSTRATIONS = list(schema.Frustration.__args__)  # type: ignore[attr-defined]
JOBS = [ogr for ogr, *_ in JOB_TITLES] + ["20556", "10688", "38500", "19689"]
CITIES = ["69123", "69383", "38185", "38001", "97411", "97801"]


def _enum(literal: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(list(literal.__args__))


@st.composite
def inputs(draw: st.DrawFn) -> dict[str, Any]:
    started = draw(st.none() | st.dates(datetime.date(1950, 1, 1), TODAY).map(lambda day: day.strftime("%Y-%m")))
    profile = {
        "gender": draw(_enum(schema.Gender)),
        "year_of_birth": draw(st.none() | st.integers(TODAY.year - 90, TODAY.year - 14)),
        "highest_degree": draw(st.none() | _enum(schema.Degree)),
        "has_driving_license": draw(st.none() | st.booleans()),
        "has_car": draw(st.none() | st.booleans()),
        "has_disability": draw(st.none() | st.booleans()),
        "family": draw(st.none() | _enum(schema.Family)),
        "frustrations": draw(st.lists(st.sampled_from(FRUSTRATIONS), max_size=6, unique=True)),
    }
    project = {
        "kind": draw(_enum(schema.ProjectKind)),
        "target_job": draw(st.none() | st.sampled_from(JOBS)),
        "city": draw(st.sampled_from(CITIES)),
        "area": draw(st.none() | _enum(schema.Area)),
        "seniority": draw(st.none() | _enum(schema.Seniority)),
        "passion": draw(st.none() | _enum(schema.Passion)),
        "training": draw(st.none() | _enum(schema.Training)),
        "search_started": started,
        "weekly_applications": draw(st.none() | _enum(schema.WeeklyApplications)),
        "interviews": draw(st.none() | st.integers(0, 10_000)),
        "network": draw(st.none() | _enum(schema.Network)),
        "employment_types": draw(st.none() | st.lists(_enum(schema.EmploymentType), max_size=4, unique=True)),
        "part_time": draw(st.none() | st.booleans()),
    }
    # Null answers are sent as null or left out (issue 12: null is "not answered").
    omitted = draw(st.sets(st.sampled_from(sorted(key for key in project if key not in ("city",)))))
    project = {key: value for key, value in project.items() if not (key in omitted and value is None)}
    return {"profile": profile, "project": project}


def _check(data: dict[str, Any], referential: Referential) -> None:
    request = advisor.parse_input(data, referential, TODAY)
    output = advisor.advise(request, referential, TODAY)
    assert 0 <= output.diagnostic.score <= 100
    for sub in output.diagnostic.sub_diagnostics:
        assert (sub.score is None) == (not sub.evaluated), sub
        assert sub.score is None or 0 <= sub.score <= 100
    evaluated = [sub.score for sub in output.diagnostic.sub_diagnostics if sub.score is not None]
    assert output.diagnostic.score == round(sum(evaluated) / len(evaluated))
    assert bool(output.diagnostic.score_note) == (len(evaluated) < len(output.diagnostic.sub_diagnostics))
    assert output.diagnostic.main_challenge.explanation
    assert output.advice, "every situation gets at least one advice"
    for advice in output.advice:
        assert 1 <= advice.score <= 3
        assert advice.explanations and all(text.strip() for text in advice.explanations)
        assert all("{" not in text for text in advice.explanations)
    # By score, except the main challenge's own best advice, which leads (issue 12: its advice first).
    rest = [advice.score for advice in output.advice[1:]]
    assert rest == sorted(rest, reverse=True)
    if output.advice and output.advice[0].score < max(advice.score for advice in output.advice):
        assert output.advice[0].id in CONTENT.challenges[output.diagnostic.main_challenge.id].advice
    assert sum(advice.priority for advice in output.advice) <= 3
    assert advisor.advise(request, referential, TODAY) == output
    check_french(all_texts(output))
    for sub in output.diagnostic.sub_diagnostics:  # every figure cited comes with its source and year
        assert all(source.date for source in sub.sources)
    if not referential.market_available:  # never a figure without the data
        market = {"imt", "imt_contracts", "imt_channels", "bmo"}
        assert not any(source.id in market for advice in output.advice for source in advice.sources)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs())
def test_any_valid_input_with_market_data(market_ref: Referential, data: dict[str, Any]) -> None:
    _check(data, market_ref)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs())
def test_any_valid_input_without_market_data(plain_ref: Referential, data: dict[str, Any]) -> None:
    _check(data, plain_ref)


@settings(max_examples=100, deadline=None)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
        max_leaves=12,
    )
)
def test_any_json_is_either_valid_or_a_field_error(plain_ref: Referential, data: object) -> None:
    try:
        advisor.parse_input(data, plain_ref, TODAY)
    except advisor.InvalidInput as error:
        assert error.errors and all(item.field and item.message for item in error.errors)
