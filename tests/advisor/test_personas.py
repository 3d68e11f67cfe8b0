"""Realistic job seekers (personas/*.json): expected main challenge, advice that must rank in the
top 3 (`top3`) or top 5 (`top5`), advice that must not appear, and text checks.

The reference run is on the full bundle built from the real open data (`slow`: ROME 4.0 and the
real BMO, DARES and Mobiville figures; `expect_real` overrides `expect` there). Personas without
`real_only` also run on the small synthetic bundle, with the IMT-format test market files and
without market data (`expect_with_market` overrides `expect` where those figures change the advice):
those keep testing the logic.

Text checks: `contains` (each string must appear in some text of the output), `not_contains`
(no text may contain it), and `market_evaluated` (whether the market topic has a score).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bob_emploi import advisor
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY
from tests.advisor.texts import all_texts, check_french

PERSONAS = sorted((Path(__file__).parent / "personas").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    persona: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return persona


SYNTHETIC = [path for path in PERSONAS if not _load(path).get("real_only")]


def _check(persona: dict[str, Any], referential: Referential, expect: dict[str, Any]) -> None:
    request = advisor.parse_input(persona["input"], referential, TODAY)
    output = advisor.advise(request, referential, TODAY)
    ids = [advice.id for advice in output.advice]
    summary = f"{output.diagnostic.main_challenge.id}: {ids}"
    assert output.diagnostic.main_challenge.id == expect["main_challenge"], summary
    for advice_id in expect.get("top3", []):
        assert advice_id in ids[:3], f"{advice_id} not in the top 3: {summary}"
    for advice_id in expect.get("top5", []):
        assert advice_id in ids[:5], f"{advice_id} not in the top 5: {summary}"
    for advice_id in expect["absent"]:
        assert advice_id not in ids, f"{advice_id} should not appear: {summary}"
    texts = all_texts(output)
    for advice in output.advice:
        assert advice.explanations and all(text.strip() for text in advice.explanations)
    for text in texts:
        assert "{" not in text and "·" not in text, text
    joined = "\n".join(texts)
    for needle in expect.get("contains", []):
        assert needle in joined, f"{needle!r} missing from the texts: {summary}\n{joined}"
    for needle in expect.get("not_contains", []):
        assert needle not in joined, f"{needle!r} should not be written: {summary}"
    if "market_evaluated" in expect:
        assert output.diagnostic.sub_diagnostics[0].evaluated == expect["market_evaluated"], joined


def test_there_are_enough_personas() -> None:
    assert len(PERSONAS) >= 40
    challenges = {_load(path)["expect"]["main_challenge"] for path in PERSONAS}
    assert challenges >= {
        "undefined_project",
        "start_your_search",
        "missing_diploma",
        "stuck_market",
        "find_what_you_like",
        "enhance_methods",
        "bravo",
        "convert_interviews",
        "create_company",
    }


@pytest.mark.parametrize("path", SYNTHETIC, ids=[path.stem for path in SYNTHETIC])
def test_persona_without_market_data(path: Path, plain_ref: Referential) -> None:
    persona = _load(path)
    _check(persona, plain_ref, persona["expect"])


@pytest.mark.parametrize("path", SYNTHETIC, ids=[path.stem for path in SYNTHETIC])
def test_persona_with_market_data(path: Path, market_ref: Referential) -> None:
    persona = _load(path)
    _check(persona, market_ref, {**persona["expect"], **persona.get("expect_with_market", {})})


def test_market_data_changes_some_diagnostics() -> None:
    changed = [path.stem for path in PERSONAS if "main_challenge" in _load(path).get("expect_with_market", {})]
    assert {"accountant_56_long_search", "arrondissement_seller"} <= set(changed)


@pytest.mark.slow
@pytest.mark.parametrize("path", PERSONAS, ids=[path.stem for path in PERSONAS])
def test_persona_on_the_real_bundle(path: Path, referential: Referential) -> None:
    assert not referential.market_available  # the real figures, not the IMT test files
    persona = _load(path)
    expect = {**persona["expect"], **persona.get("expect_real", {})}
    _check(persona, referential, expect)
    output = advisor.advise(advisor.parse_input(persona["input"], referential, TODAY), referential, TODAY)
    check_french(all_texts(output))
