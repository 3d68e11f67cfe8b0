"""Advice modules that read the market data: what they say with the figures, and without them."""

from __future__ import annotations

from typing import Any

from bob_emploi import advisor
from bob_emploi.advisor.situation import in_sentence
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY

MARKET_SOURCES = {"imt", "imt_contracts", "imt_channels", "bmo"}


def _advice(
    ref: Referential, profile: dict[str, Any] | None = None, **project: Any
) -> dict[str, advisor.schema.Advice]:
    data = {"profile": profile or {}, "project": {"city": "69123", "search_started": "2026-06", **project}}
    output = advisor.advise(advisor.parse_input(data, ref, TODAY), ref, TODAY)
    return {advice.id: advice for advice in output.advice}


def test_relocate_names_better_departements_within_the_area(market_ref: Referential, plain_ref: Referential) -> None:
    region = _advice(market_ref, target_job="20556", area="region")
    assert region["relocate"].score == 3
    assert "en Isère (50 offres pour 100 demandeurs d'emploi)" in region["relocate"].explanations[0]
    assert {source.id for source in region["relocate"].sources} == {"imt"}
    assert "relocate" not in _advice(market_ref, target_job="20556", area="departement")
    assert "relocate" not in _advice(plain_ref, target_job="20556", area="region")


def test_close_jobs_with_and_without_figures(market_ref: Referential, plain_ref: Referential) -> None:
    with_figures = _advice(market_ref, target_job="12786", training="enough_diplomas")["reorient_to_close_job"]
    assert "secrétariat (60 offres pour 90 demandeurs d'emploi)" in with_figures.explanations[0]
    without = _advice(plain_ref, target_job="12786", search_started="2025-06")["reorient_to_close_job"]
    assert without.score == 1
    assert "secrétariat" in without.explanations[0]
    assert "pas de chiffres du marché" in without.explanations[0]
    assert not {source.id for source in without.sources} & MARKET_SOURCES


def test_bmo_and_imt_channels_feed_spontaneous_applications(market_ref: Referential) -> None:
    advice = _advice(market_ref, target_job="20556")["spontaneous_application"]
    assert advice.score == 3
    text = " ".join(advice.explanations)
    assert "41\u00a0%" in text and "Candidature spontanée" in text
    # BMO, R1Z61 in the Rhône: 70.2 of 120.5 projects difficult, one catchment area withheld.
    assert "58\u00a0%" in text and "(au moins 120)" in text and "chiffres de toute la famille" in text
    assert {source.id for source in advice.sources} == {"imt_channels", "bmo"}


def test_seasonal_jobs_from_imt_bmo_or_rome(market_ref: Referential, plain_ref: Referential) -> None:
    imt = _advice(market_ref, target_job="19427")["seasonal_jobs"]
    assert "juin, juillet, août" in imt.explanations[0] and imt.score == 2  # November: the peak is not near
    bmo = _advice(market_ref, target_job="10688")["seasonal_jobs"]
    assert "50\u00a0%" in bmo.explanations[0] and bmo.sources[0].id == "bmo"
    rome = _advice(plain_ref, target_job="19427")["seasonal_jobs"]
    assert rome.score == 1 and "saisonniers" in rome.explanations[0]
    assert "seasonal_jobs" not in _advice(plain_ref, target_job="10688")


def test_interim_share_from_the_contract_types(market_ref: Referential, plain_ref: Referential) -> None:
    chosen = _advice(market_ref, target_job="17993", employment_types=["interim"])["interim"]
    assert chosen.score == 3 and "70\u00a0%" in chosen.explanations[1]
    not_chosen = _advice(market_ref, target_job="17993", employment_types=["cdi"])["interim"]
    assert "Vous n'avez pas coché l'intérim" in not_chosen.explanations[0]
    assert "interim" not in _advice(plain_ref, target_job="17993", employment_types=["cdi"])


def test_without_market_data_no_advice_cites_market_figures(plain_ref: Referential) -> None:
    for job in ("19427", "12786", "20556", "17993", "10688", "38500"):
        for advice in _advice(plain_ref, target_job=job, area="country", search_started="2024-01").values():
            assert not {source.id for source in advice.sources} & MARKET_SOURCES, advice.id
            assert all("offres pour" not in text for text in advice.explanations), advice.id


def test_driving_licence_quotes_the_rome(plain_ref: Referential) -> None:
    advice = _advice(plain_ref, {"has_driving_license": False}, target_job="11989", training="in_training")
    assert advice["driving_license"].score == 3
    assert "permis poids lourds" in advice["driving_license"].explanations[0]
    assert "driving_license" not in _advice(plain_ref, {"has_driving_license": True}, target_job="11989")


def test_other_work_environments_come_from_the_rome(plain_ref: Referential) -> None:
    advice = _advice(plain_ref, target_job="12786")["other_work_env"]
    assert "association, cabinet comptable, collectivité territoriale" in advice.explanations[0]
    assert advice.sources[0].id == "rome_environments"


def test_rural_driving_licence_names_the_commune(plain_ref: Referential) -> None:
    advice = _advice(plain_ref, {"has_driving_license": False}, target_job="10688", city="38001", area="city")
    assert advice["driving_license"].score == 2
    assert "vous habitez aux Abrets en Dauphiné, une petite commune" in advice["driving_license"].explanations[0]
    assert advice["driving_license"].sources[0].id == "geo"


def test_rome_labels_in_a_sentence_keep_their_acronyms() -> None:
    assert in_sentence("Bâtiment / EHPAD") == "bâtiment ou EHPAD"
    assert in_sentence("Grande Surface Alimentaire -GSA-") == "grande Surface Alimentaire -GSA-"
