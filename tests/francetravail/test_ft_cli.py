"""`bob ft offers` and `bob data fetch-market` from the command line, against the fake server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bob_emploi.francetravail import cli as ft_cli
from bob_emploi.francetravail import market_download
from bob_emploi.francetravail.fake_server import FakeServer
from bob_emploi.francetravail.market_download import COLUMNS, Target


@pytest.fixture
def env(server: FakeServer) -> dict[str, str]:
    return {
        "FT_CLIENT_ID": server.client_id,
        "FT_CLIENT_SECRET": server.client_secret,
        "FT_API_URL": server.api_url,
        "FT_AUTH_URL": server.auth_url,
    }


def test_offers_as_json_lines(env: dict[str, str], server: FakeServer) -> None:
    server.control(offers_total=300)
    result = CliRunner().invoke(
        ft_cli.app, ["offers", "--rome", "M1805", "--departement", "69", "--max", "5", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    offers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(offers) == 5
    for offer in offers:
        assert {"id", "intitule", "romeCode"} <= offer.keys()
        assert offer["romeCode"] == "M1805"
    assert server.stats()["calls"][0]["query"] == "codeROME=M1805&departement=69&range=0-4"


def test_offers_as_a_table(env: dict[str, str]) -> None:
    command = ["offers", "--rome", "F1702", "--commune", "09122", "--max", "3"]
    result = CliRunner().invoke(ft_cli.app, command, env={**env, "COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Offre 1 — Construction de routes et voies" in result.stdout
    assert "3 offre(s) affichée(s) sur 42." in result.stdout


def test_missing_credentials_exit_2_with_one_line(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FT_CLIENT_ID", raising=False)
    monkeypatch.delenv("FT_CLIENT_SECRET", raising=False)
    result = CliRunner().invoke(ft_cli.app, ["offers", "--rome", "M1805"], env={"FT_API_URL": env["FT_API_URL"]})
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "FT_CLIENT_ID" in result.stderr and "FT_CLIENT_SECRET" in result.stderr


def test_api_failure_is_reported_without_traceback(env: dict[str, str], server: FakeServer) -> None:
    server.control(fail_next=[{"status": 400, "message": "Le code ROME M9999 est inconnu"}])
    result = CliRunner().invoke(ft_cli.app, ["offers", "--rome", "M9999", "--json"], env=env)
    assert result.exit_code == 1
    assert "Le code ROME M9999 est inconnu" in result.stderr
    assert "Traceback" not in result.output
    assert server.client_secret not in result.stderr


def test_companies_as_json_lines_and_table(env: dict[str, str], server: FakeServer) -> None:
    result = CliRunner().invoke(
        ft_cli.app, ["companies", "--rome", "G1803", "--commune", "73065", "--max", "3", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    companies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(companies) == 3
    assert {company["citycode"] for company in companies} == {"73065"}
    assert server.stats()["calls"][-1]["query"] == "rome=G1803&citycode=73065&page=1&page_size=3"
    table = CliRunner().invoke(
        ft_cli.app, ["companies", "--rome", "G1803", "--commune", "73065"], env={**env, "COLUMNS": "250"}
    )
    assert table.exit_code == 0, table.output
    assert "Boîte 0" in table.stdout and "10–19" in table.stdout


def test_companies_need_a_commune_and_report_api_failures(env: dict[str, str], server: FakeServer) -> None:
    missing = CliRunner().invoke(ft_cli.app, ["companies", "--rome", "G1803"], env=env)
    assert missing.exit_code == 2
    server.control(fail_next=[{"status": 400, "message": "citycode inconnu"}])
    failed = CliRunner().invoke(ft_cli.app, ["companies", "--rome", "G1803", "--commune", "00000"], env=env)
    assert failed.exit_code == 1
    assert "citycode inconnu" in failed.stderr and "Traceback" not in failed.output


def test_commands_are_registered_on_bob() -> None:
    from bob_emploi.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["ft", "offers", "--help"]).exit_code == 0
    assert runner.invoke(app, ["ft", "companies", "--help"]).exit_code == 0
    result = runner.invoke(app, ["data", "fetch-market", "--help"])
    assert result.exit_code == 0
    assert "--to" in result.stdout and "--bundle" in result.stdout


def test_fetch_market_command(
    env: dict[str, str], server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [Target("F1702", "09", "Routes", "Ariège"), Target("K2204", "10", "Nettoyage", "Aube")]
    seen: list[Path | None] = []

    def fake_targets(bundle: Path | None) -> list[Target]:
        seen.append(bundle)
        return targets

    monkeypatch.setattr(market_download, "targets_from_bundle", fake_targets)
    runner = CliRunner()
    command = ["--to", str(tmp_path), "--bundle", str(tmp_path / "b.sqlite"), "--quiet"]
    result = runner.invoke(_market_app(), command, env=env)
    assert result.exit_code == 0, result.output
    assert seen == [tmp_path / "b.sqlite"]
    lines = (tmp_path / "imt" / "market_score.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 3
    assert lines[1].startswith("09,ARIEGE,D,Département,")

    missing = runner.invoke(_market_app(), command, env={"FT_CLIENT_ID": "", "FT_CLIENT_SECRET": ""})
    assert missing.exit_code == 2
    assert "FT_CLIENT_ID" in missing.stderr


def _market_app() -> object:
    import typer

    app = typer.Typer()
    app.command()(market_download.fetch_market)
    return app
