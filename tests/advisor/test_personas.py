"""Realistic job seekers (personas/*.json): expected main challenge, advice that must rank in the
top 5, advice that must not appear. Each runs on the small bundle with the test market files and
without market data (`expect_with_market` overrides `expect` where the figures change the advice);
the `slow` test runs them on the full bundle built from the real open data (no market data).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bob_emploi import advisor
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY

PERSONAS = sorted((Path(__file__).parent / "personas").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    persona: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return persona


def _check(persona: dict[str, Any], referential: Referential, expect: dict[str, Any]) -> None:
    request = advisor.parse_input(persona["input"], referential, TODAY)
    output = advisor.advise(request, referential, TODAY)
    ids = [advice.id for advice in output.advice]
    summary = f"{output.diagnostic.main_challenge.id}: {ids}"
    assert output.diagnostic.main_challenge.id == expect["main_challenge"], summary
    for advice_id in expect["top5"]:
        assert advice_id in ids[:5], f"{advice_id} not in the top 5: {summary}"
    for advice_id in expect["absent"]:
        assert advice_id not in ids, f"{advice_id} should not appear: {summary}"
    for advice in output.advice:
        assert advice.explanations and all(text.strip() for text in advice.explanations)
        for text in (advice.title, advice.summary, *advice.explanations, *advice.steps):
            assert "{" not in text and "·" not in text, text


def test_there_are_enough_personas() -> None:
    assert len(PERSONAS) >= 20
    challenges = {_load(path)["expect"]["main_challenge"] for path in PERSONAS}
    assert challenges >= {
        "undefined_project",
        "start_your_search",
        "missing_diploma",
        "find_what_you_like",
        "enhance_methods",
        "bravo",
        "convert_interviews",
        "create_company",
    }


@pytest.mark.parametrize("path", PERSONAS, ids=[path.stem for path in PERSONAS])
def test_persona_without_market_data(path: Path, plain_ref: Referential) -> None:
    persona = _load(path)
    _check(persona, plain_ref, persona["expect"])


@pytest.mark.parametrize("path", PERSONAS, ids=[path.stem for path in PERSONAS])
def test_persona_with_market_data(path: Path, market_ref: Referential) -> None:
    persona = _load(path)
    _check(persona, market_ref, {**persona["expect"], **persona.get("expect_with_market", {})})


def test_market_data_changes_some_diagnostics() -> None:
    changed = [path.stem for path in PERSONAS if "main_challenge" in _load(path).get("expect_with_market", {})]
    assert {"accountant_56_long_search", "arrondissement_seller"} <= set(changed)


@pytest.mark.slow
def test_personas_on_the_real_bundle(referential: Referential) -> None:
    assert not referential.market_available
    for path in PERSONAS:
        persona = _load(path)
        _check(persona, referential, {**persona["expect"], **persona.get("expect_real", {})})
