"""The editorial content: checked at import, with errors that name the file and the key."""

from __future__ import annotations

import inspect
import re
import shutil
from pathlib import Path

import pytest

from bob_emploi.advisor import schema
from bob_emploi.advisor.challenges import RULES
from bob_emploi.advisor.content import CONTENT, CONTENT_DIR, PLACEHOLDERS, ContentError, Text, load_content, typography
from bob_emploi.advisor.diagnostic import TOPICS
from bob_emploi.advisor.modules import MODULES
from bob_emploi.advisor.reference import END, START, module_reference
from tests.advisor.texts import check_french


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_content_loads() -> None:
    assert load_content() == CONTENT
    assert len(CONTENT.advice) == len(MODULES) >= 25


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "advice.toml",
            "{job_of}",
            "{jbo_of}",
            "advice.toml: [training.explanations.required]: unknown placeholder {jbo_of}",
        ),
        ("advice.toml", 'url = "https://vae.gouv.fr"', 'url = "vae.gouv.fr"', "advice.toml: [vae.links[0].url]"),
        ("advice.toml", "[vae]\ntitle", "[vae]\ntitel", "advice.toml: [vae]: missing key(s): title"),
        (
            "challenges.toml",
            'neutral = "Vous venez',
            'neutre = "Vous venez',
            "challenges.toml: [bravo.explanations.just_started]",
        ),
        ("topics.toml", 'no_data = "', 'no_data = "{', "topics.toml: [market.no_data]: broken placeholder"),
        ("sources.toml", 'title = "Enquête', 'titel = "Enquête', "sources.toml: [bmo]: missing key(s): title"),
        ("advice.toml", "[vae]\n", "[vae\n", "advice.toml: not valid TOML"),
    ],
)
def test_a_typo_fails_loudly_with_file_and_key(content_copy: Path, file: str, old: str, new: str, message: str) -> None:
    _edit(content_copy / file, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert message in str(caught.value)


def test_a_missing_file_is_named(content_copy: Path) -> None:
    (content_copy / "labels.toml").unlink()
    with pytest.raises(ContentError, match=r"labels\.toml: content file missing"):
        load_content(content_copy)


def test_every_module_documents_when_score_and_data() -> None:
    for advice_id, declared in MODULES.items():
        doc = inspect.getdoc(declared.score) or ""
        for part in ("When:", "Score:", "Data:"):
            assert part in doc, f"{advice_id}: docstring lacks {part!r}"
        assert declared.reasons <= set(CONTENT.advice[advice_id].explanations)


def test_every_rule_and_topic_key_has_its_sentence() -> None:
    for challenge_id, rule in RULES:
        keys = re.findall(r'\("([a-z_]+)", \{', inspect.getsource(rule))
        assert keys, challenge_id
        assert set(keys) <= set(CONTENT.challenges[challenge_id].explanations), challenge_id
    for topic, topic_rule in TOPICS:
        keys = re.findall(r'"([a-z_]+)", \{\}', inspect.getsource(topic_rule))
        assert keys, topic
        assert set(keys) <= set(CONTENT.topics[topic]), topic
    assert {f"passion_{passion}" for passion in schema.Passion.__args__} <= set(CONTENT.topics["project"])  # type: ignore[attr-defined]
    assert set(CONTENT.challenges) == {challenge_id for challenge_id, _ in RULES}


def test_neutral_texts_do_not_use_inclusive_dots() -> None:
    texts = [
        text
        for advice in CONTENT.advice.values()
        for text in (advice.title, advice.summary, *advice.steps, *advice.explanations.values())
    ]
    texts += [text for challenge in CONTENT.challenges.values() for text in challenge.explanations.values()]
    for text in texts:
        assert "·" not in text.neutral and "(e)" not in text.neutral, text.neutral


def test_the_documentation_lists_every_module_and_challenge() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "advisor.md").read_text(encoding="utf-8")
    for advice_id in MODULES:
        assert f"### `{advice_id}`" in doc, advice_id
    for challenge_id, _ in RULES:
        assert f"`{challenge_id}`" in doc, challenge_id


def test_the_documentation_matches_the_module_docstrings() -> None:
    """Regenerate with `python -m bob_emploi.advisor.reference docs/advisor.md` when a docstring changes."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "advisor.md").read_text(encoding="utf-8")
    assert f"{START}\n{module_reference()}\n{END}" in doc


# Public services and the social partners' joint bodies: never a commercial job board.
_OFFICIAL_HOSTS = {
    "bpifrance-creation.fr",
    "candidat.francetravail.fr",
    "immersion-facile.beta.gouv.fr",
    "labonnealternance.apprentissage.beta.gouv.fr",
    "labonneboite.francetravail.fr",
    "mesevenementsemploi.francetravail.fr",
    "monsoutienpsy.ameli.fr",
    "place-emploi-public.gouv.fr",
    "snc.asso.fr",
    "vae.gouv.fr",
    "www.1jeune1solution.gouv.fr",
    "www.agefiph.fr",
    "www.anefa.org",
    "www.apec.fr",
    "www.autoentrepreneur.urssaf.fr",
    "www.caf.fr",
    "www.francetravail.fr",
    "www.jeveuxaider.gouv.fr",
    "www.moncompteformation.gouv.fr",
    "www.monparcourshandicap.gouv.fr",
    "www.nqt.fr",
    "www.service-civique.gouv.fr",
    "www.service-public.fr",
    "www.unml.info",
}


def test_links_go_to_known_services_without_tracking() -> None:
    texts = [text for advice in CONTENT.advice.values() for text in advice.explanations.values()]
    urls = [link.url for advice in CONTENT.advice.values() for link in advice.links]
    urls += [url.rstrip(".") for text in texts for url in re.findall(r"https?://[^\s)]+", text.neutral)]
    assert len(urls) > 30
    for url in urls:
        assert url.startswith("https://") and url.split("/")[2] in _OFFICIAL_HOSTS, url
        assert "?" not in url and "#" not in url, url


# Sample values for every placeholder, themselves written by the rules (the real ones are checked on
# the outputs of the personas and of the property tests).
_SAMPLE_WORDS = {name: "x" for name in PLACEHOLDERS} | {
    "job": "opérateur",
    "job_of": "d'opérateur",
    "job_group": "opérateur ou opératrice",
    "city_in": "à Lyon",
    "departement_in": "en Isère",
    "departement_in_cap": "En Isère",
    "departement_of": "de l'Isère",
    "interviews_text": "2 entretiens",
    "applications": "3 à 5",
    "projects": "environ 2\u00a0795",
    "offers": "2\u00a0795",
    "applicants": "1\u00a0200",
    "facts": "En Savoie, les employeurs prévoient 2\u00a0795 recrutements (enquête BMO 2025, France Travail).",
    "figure": "En Savoie, les employeurs prévoient 2\u00a0795 recrutements (enquête BMO 2025, France Travail).",
    "quote": "Cet emploi est accessible avec un CAP.",
}


def test_every_text_follows_the_french_rules() -> None:
    """Every template of every content file, rendered in each gender: elision, no slash, no-break
    spaces, French numbers, no raw address (issue 12)."""
    texts: list[Text] = []
    for advice in CONTENT.advice.values():
        texts += [advice.title, advice.summary, *advice.steps, *advice.explanations.values()]
    for challenge in CONTENT.challenges.values():
        texts += [challenge.title, *challenge.explanations.values()]
    texts += [text for group in CONTENT.topics.values() for text in group.values()]
    rendered = [text.render(gender, _SAMPLE_WORDS) for text in texts for gender in ("masculine", "feminine", "neutral")]
    rendered += [link.label for advice in CONTENT.advice.values() for link in advice.links]
    check_french([typography(text) for text in rendered])
