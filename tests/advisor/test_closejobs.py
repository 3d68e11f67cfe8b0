"""Close jobs on skills (advisor.closejobs): what is compared, in which order, and the sentences."""

from __future__ import annotations

import pytest

from bob_emploi.advisor import closejobs
from bob_emploi.advisor.jobdata import referential_data
from bob_emploi.data import Referential
from bob_emploi.data.referential import Skill
from tests.advisor.texts import check_french

pytestmark = pytest.mark.slow


def test_soft_skills_and_certifications_are_not_compared(referential: Referential) -> None:
    skills = referential_data(referential).skills("N1101")
    assert skills.skills and all(skill.kind != "savoir-etre" for skill in skills.skills)
    assert all(skill.category != "Certifications et habilitations" for skill in skills.skills)
    assert referential_data(referential).skills("N1101") is skills  # read once per job group


def test_shared_and_missing_skills_of_a_cariste_becoming_order_picker(referential: Referential) -> None:
    match = closejobs.compare(referential, "N1101", "N1103")
    base = referential_data(referential).skills("N1101")
    assert match.total == len(referential_data(referential).skills("N1103").skills)
    assert {skill.code_ogr for skill in match.shared} <= base.codes
    assert not {skill.code_ogr for skill in match.missing} & base.codes
    assert not {skill.label for skill in match.missing} & base.macros  # a macro-skill already practised
    # Most important first: the order picker's core skills, then the really new ones.
    cores = [skill.core for skill in match.missing]
    assert cores == sorted(cores, reverse=True)
    kinds = [skill.kind != "savoir-faire" for skill in match.shared]
    assert kinds == sorted(kinds)
    assert closejobs.compare(referential, "N1101", "N1103") is match  # cached per pair


def test_close_jobs_follow_the_rome_and_carry_the_local_hiring(referential: Referential) -> None:
    jobs = closejobs.close_jobs(referential, "N1101", "N1101", "38")
    assert [job.code_rome for job in jobs] == list(referential_data(referential).job("N1101").close_groups)
    assert any(job.facts.projects is not None and job.facts.projects.year == 2025 for job in jobs)
    assert all(job.facts.projects is None for job in closejobs.close_jobs(referential, "N1101", "N1101", None))
    ranked = closejobs.by_skills_then_hiring(jobs)
    assert all(job.match.shared_count >= closejobs.MIN_SHARED for job in ranked)
    assert [job.match.shared_count for job in ranked] == sorted(
        (job.match.shared_count for job in ranked), reverse=True
    )


def test_sentences_follow_the_french_rules(referential: Referential) -> None:
    sentences = []
    for code in referential_data(referential).job("J1501").close_groups:
        match = closejobs.compare(referential, "J1501", code)
        sentences += [closejobs.skills_sentence(match), closejobs.skills_sentence(match, own=False, shown=2)]
        facts = referential_data(referential).facts(code, "59")
        sentences.append(closejobs.hiring_text(facts, "dans le Nord"))
    assert any(sentence.startswith("vous avez déjà ") for sentence in sentences)
    assert any("en commun avec le métier que vous visez" in sentence for sentence in sentences)
    check_french(sentences)


def test_a_trailing_ellipsis_is_dropped_from_a_skill_label() -> None:
    assert closejobs.skill_label(Skill("1", "Constituer les colis, lots, ...", "savoir-faire", 1, 1)) == (
        "«\u00a0Constituer les colis, lots\u00a0»"
    )
    assert closejobs.skill_label(Skill("2", "Informatique nomade (PDA, GPS...)", "savoir", 3, 1)) == (
        "«\u00a0Informatique nomade (PDA, GPS)\u00a0»"
    )
