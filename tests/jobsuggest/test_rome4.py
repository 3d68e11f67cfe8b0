"""JobSuggest on ROME 4.0 (v460): its titles and flags, the words of statistics pages and job boards, describe mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bob_emploi.data import Referential
from bob_emploi.jobsuggest import JobIndex, service
from bob_emploi.jobsuggest.index import clean_tokens, family_labels, title_static_score


def test_the_bundle_is_rome4(referential: Referential) -> None:
    assert referential.rome_version.startswith("4") or int(referential.rome_version) >= 400
    assert len(referential.job_groups) > 1000


@pytest.mark.parametrize(
    ("query", "code_ogr"),
    [
        # titles only ROME 4.0 has, from their everyday spelling
        ("brand content manager", None),
        ("project management officer", None),
        ("consultant geothermie", None),
        ("consultante géothermie", None),
        ("brand contant manager", None),  # a typo
    ],
)
def test_rome4_only_titles(job_index: JobIndex, referential: Referential, query: str, code_ogr: None) -> None:
    first = job_index.suggest(query, 1)[0]
    assert referential.job_titles[first.code_ogr].frequency == 0  # new in 4.0: nobody chose it on v347
    words = [w for w in query.replace("é", "e").split() if len(w) > 3 and w != "contant"]
    assert all(w[:6] in first.title.lower().replace("é", "e") for w in words), first.title


def test_main_title_first_among_equals(job_index: JobIndex, referential: Referential) -> None:
    """Typing a job group's main title gives it first (all but a handful of 1,584)."""
    mains = [t for t in referential.job_titles.values() if t.main]
    misses = [t.masculine for t in mains if job_index.suggest(t.masculine, 1)[0].code_ogr != t.code_ogr]
    assert len(misses) <= 5, misses
    assert job_index.suggest("docteur", 1)[0].title == "Médecin généraliste"  # not "Docteur big data"


def test_static_rank_reads_the_rome4_flags(referential: Referential) -> None:
    from dataclasses import replace

    title = referential.job_titles["11573"]  # Boulanger, D1102's main title
    plain = replace(title, main=False, rarely_used=False)
    assert title_static_score(replace(plain, main=True)) > title_static_score(plain)
    assert title_static_score(replace(plain, rarely_used=True)) < title_static_score(plain)


def test_rarely_used_titles_go_down(job_index: JobIndex, referential: Referential) -> None:
    # "Agent hospitalier" is marked rarely used: the titles people use for the job come first
    ranked = [referential.job_titles[s.code_ogr] for s in job_index.suggest("agent hospitalier", 5)]
    assert any(t.rarely_used for t in ranked)
    first_rare = next(i for i, t in enumerate(ranked) if t.rarely_used)
    assert all(not t.rarely_used for t in ranked[:first_rare])


@pytest.mark.parametrize(
    ("query", "rome_v3"),
    [
        # BMO job families (FAP 2021) and DARES families (FAP 2009), as published
        ("Formateurs professionnels", "K2111"),
        ("Aides de cuisine et employés polyvalents de la restauration", "G1602"),
        ("Serveurs de cafés restaurants", "G1803"),
        ("Agents d'entretien de locaux", "K2204"),
        ("Ouvriers non qualifiés de l'emballage et manutentionnaires", "N1105"),
        ("Aides à domicile et aides ménagères", "K1304"),
        ("Boulangers, pâtissiers", "D1102"),
        ("Conducteurs routiers", "N4101"),
        # plurals, descriptions with stop words, any word order
        ("Infirmiers", "J1506"),
        ("aides-soignants", "J1501"),
        ("Caissiers", "D1505"),
        ("maçons", "F1703"),
        ("cuisine aide", "G1602"),
        ("je suis vendeuse dans une boutique de vêtements", "D1214"),
        # job-board noise
        ("Serveur H/F - CDI 35h", "G1803"),
        ("plombier chauffagiste (H/F) en CDD", "F1603"),
        ("Aide-soignant F/H temps plein", "J1501"),
    ],
)
def test_long_plural_and_noisy_queries_find_the_job_group(job_index: JobIndex, query: str, rome_v3: str) -> None:
    groups = job_index.suggest_job_groups(query, 5)
    assert rome_v3 in [job_index.v3_code(g.code_rome) for g in groups], [g.name for g in groups]


def test_family_labels_come_from_the_bundle(referential: Referential) -> None:
    labels = family_labels(referential)
    assert "Serveurs de cafés restaurants" in labels["G1803"]  # FAP 2021, the BMO 2024+ level
    assert any("Formateurs" in label for label in labels["K2111"])


def test_clean_tokens() -> None:
    assert clean_tokens(["serveur", "h", "f", "cdi", "35h"]) == ["serveur"]
    assert clean_tokens(["cdi"]) == ["cdi"]  # never emptied
    assert clean_tokens(["serveurs", "animaux"], {"serveur": 1, "animal": 1}) == ["serveur", "animal"]
    assert clean_tokens(["gros"], {"gro": 1, "gros": 1}) == ["gros"]  # a word of the index stays


def test_describe(job_index: JobIndex) -> None:
    answer = job_index.describe("je prépare le pain et les viennoiseries dans une boulangerie", 5)
    assert answer.items and job_index.v3_code(answer.items[0].code_rome) == "D1102"
    assert 0.0 <= answer.confidence <= 1.0
    assert [i.score for i in answer.items] == sorted((i.score for i in answer.items), reverse=True)
    sure = job_index.describe("boulanger", 3)
    assert not sure.unsure and sure.message == ""
    vague = job_index.describe("travail", 3)
    assert vague.unsure and vague.message  # never a bare guess
    nothing = job_index.describe("zzqxw kkvvbb", 3)
    assert nothing.items == () and nothing.unsure and "Aucun métier" in nothing.message
    assert job_index.describe("x", 3).unsure  # a letter is no description
    empty = job_index.describe("  ", 3)
    assert empty.items == () and empty.unsure and empty.message


def test_describe_api(job_index: JobIndex) -> None:
    body = service.suggest_job_groups(job_index, {"q": "serveuse en brasserie", "mode": "describe"}).json()
    assert set(body) == {"mode", "unsure", "confidence", "message", "items"}
    assert body["mode"] == "describe" and body["items"][0]["code_rome"] == "G1803"
    bad = service.suggest_job_groups(job_index, {"q": "x", "mode": "devine"})
    assert bad.status == 400 and "mode" in bad.json()["error"]
    assert isinstance(service.suggest_job_groups(job_index, {"q": "x", "mode": "suggest"}).json(), list)


def test_describe_cli(real_bundle: Path, tmp_path: Path) -> None:
    from bob_emploi.cli import app

    runner = CliRunner()
    arguments = [
        "jobs",
        "groups",
        "serveuse en brasserie",
        "--mode",
        "describe",
        "--json",
        "--bundle",
        str(real_bundle),
    ]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["items"][0]["code_rome"] == "G1803"
    queries = tmp_path / "q.txt"
    queries.write_text("boulanger\nzzqxw\n", encoding="utf-8")
    batch = runner.invoke(
        app, ["jobs", "groups", "--batch", str(queries), "--mode", "describe", "--bundle", str(real_bundle)]
    )
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [line["unsure"] for line in lines] == [False, True]
    wrong = runner.invoke(app, ["jobs", "groups", "x", "--mode", "devine", "--bundle", str(real_bundle)])
    assert wrong.exit_code == 2


def test_describe_over_http(suggest_server: str) -> None:
    import httpx

    with httpx.Client(base_url=suggest_server) as client:
        response = client.get("/api/v1/job-groups/suggest", params={"q": "je conduis des camions", "mode": "describe"})
        body = response.json()
        assert response.status_code == 200 and body["mode"] == "describe"
        assert body["items"] and isinstance(body["unsure"], bool)
        assert body["unsure"] == bool(body["message"])
        assert client.get("/api/v1/job-groups/suggest", params={"q": "x", "mode": "?"}).status_code == 400


@settings(max_examples=80, deadline=None)
@given(query=st.text(max_size=80), limit=st.integers(1, 50))
def test_describe_any_text(job_index: JobIndex, query: str, limit: int) -> None:
    answer = job_index.describe(query, limit)
    assert len(answer.items) <= limit
    assert len({i.code_rome for i in answer.items}) == len(answer.items)
    assert answer.items or (answer.unsure and answer.message)  # never empty without saying so


def test_a_rome_v3_bundle_still_works(real_bundle_v347: Path) -> None:
    """A v347 bundle: every fiche is its own v3 parent, and the v3 names of the fiches are searched."""
    index = JobIndex.from_referential(Referential.load(real_bundle_v347))
    assert index.v3_code("D1102") == "D1102"
    assert index.suggest("boulanjer", 1)[0].code_rome == "D1102"
    assert index.suggest_job_groups("boulangerie", 1)[0].code_rome == "D1102"
    assert "G1803" in [g.code_rome for g in index.suggest_job_groups("Serveurs de cafés restaurants", 5)]
    assert index.describe("serveuse en brasserie", 3).items[0].code_rome in {
        "G1801",
        "G1803",
    }  # v3: Café, bar brasserie
