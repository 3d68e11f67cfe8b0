"""`bob advise`: one file, a batch with bad lines, worker processes, and the errors."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from bob_emploi.advisor.batch import advise_line
from bob_emploi.cli import app
from bob_emploi.data import Referential
from tests.advisor.conftest import TODAY

runner = CliRunner()

PERSON: dict[str, Any] = {
    "profile": {"gender": "masculine", "year_of_birth": 2006, "highest_degree": "none"},
    "project": {"kind": "first_job", "target_job": "19427", "city": "69123", "search_started": "2026-09"},
}


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_one_person_as_text_and_json(tmp_path: Path, market_bundle: Path) -> None:
    person = _write(tmp_path / "person.json", PERSON)
    text = runner.invoke(app, ["advise", str(person), "--bundle", str(market_bundle), "--today", "2026-11-29"])
    assert text.exit_code == 0, text.output
    assert "Diagnostic :" in text.output and "young_support" in text.output
    result = runner.invoke(
        app, ["advise", str(person), "--json", "--bundle", str(market_bundle), "--today", "2026-11-29"]
    )
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["today"] == "2026-11-29"
    assert output["diagnostic"]["main_challenge"]["id"]
    assert "young_support" in [advice["id"] for advice in output["advice"][:5]]


def test_invalid_input_names_the_field(tmp_path: Path, plain_bundle: Path) -> None:
    bad = json.loads(json.dumps(PERSON))
    bad["project"]["target_job"] = "00000"
    bad["profile"]["gender"] = "x"
    person = _write(tmp_path / "bad.json", bad)
    result = runner.invoke(app, ["advise", str(person), "--bundle", str(plain_bundle), "--today", "2026-11-29"])
    assert result.exit_code == 1
    assert "project.target_job: Code métier inconnu" in result.output
    assert "profile.gender: Valeur inconnue" in result.output


def test_usage_errors(tmp_path: Path, plain_bundle: Path) -> None:
    person = _write(tmp_path / "person.json", PERSON)
    bad_date = runner.invoke(app, ["advise", str(person), "--bundle", str(plain_bundle), "--today", "29/11/2026"])
    assert bad_date.exit_code == 2 and "--today" in bad_date.output
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    broken = runner.invoke(app, ["advise", str(tmp_path / "broken.json"), "--bundle", str(plain_bundle)])
    assert broken.exit_code == 1 and "not valid JSON" in broken.output
    missing = runner.invoke(app, ["advise", str(person), "--bundle", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1 and "no data bundle" in missing.output
    nothing = runner.invoke(app, ["advise", "--bundle", str(plain_bundle)])
    assert nothing.exit_code == 2


def _batch_lines(count: int) -> list[str]:
    lines = []
    for index in range(count):
        person = json.loads(json.dumps(PERSON))
        person["project"]["interviews"] = index % 7
        person["project"]["search_started"] = f"2026-{1 + index % 11:02d}"
        lines.append(json.dumps(person))
    lines[3] = "{not json"
    lines[5] = json.dumps({"profile": {}, "project": {"city": "99999"}})
    return lines


def test_batch_keeps_the_order_and_reports_bad_lines(tmp_path: Path, market_bundle: Path) -> None:
    lines = _batch_lines(40)
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        result = runner.invoke(
            app,
            [
                *("advise", "--batch", str(source), "--out", str(out), "--workers", workers),
                *("--bundle", str(market_bundle), "--today", "2026-11-29"),
            ],
        )
        assert result.exit_code == 0, result.output
        outputs[workers] = out.read_text(encoding="utf-8").splitlines()
    assert outputs["1"] == outputs["2"]
    results = [json.loads(line) for line in outputs["1"]]
    assert len(results) == 40
    assert "JSON invalide" in results[3]["error"]["message"]
    assert results[5]["error"]["fields"] == [
        {"field": "project.city", "message": "Code INSEE de commune inconnu : « 99999 »."}
    ]
    # Line N answers input line N: each equals the advice computed for that line alone.
    referential = Referential.load(market_bundle)
    expected = [json.loads(advise_line(line, referential, TODAY)) for line in lines]
    assert results == expected
    assert len({json.dumps(result["diagnostic"]) for result in results if "diagnostic" in result}) > 5


def test_batch_from_the_installed_command(tmp_path: Path, plain_bundle: Path) -> None:
    """The real `bob` entry point in a subprocess, reading stdin and writing stdout."""
    lines = _batch_lines(8)
    result = subprocess.run(
        [
            *(sys.executable, "-m", "bob_emploi", "advise", "--batch", "-", "--bundle", str(plain_bundle)),
            *("--today", "2026-11-29", "--workers", "2"),
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    results = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(results) == 8 and "error" in results[3] and "diagnostic" in results[0]


def test_batch_survives_undecodable_bytes_and_empty_lines(tmp_path: Path, plain_bundle: Path) -> None:
    source = tmp_path / "in.jsonl"
    good = json.dumps(PERSON).encode()
    source.write_bytes(good + b"\n\xff\xfe{\n\n" + b"null\n" + good + b"\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        ["advise", "--batch", str(source), "--out", str(out), "--bundle", str(plain_bundle), "--today", "2026-11-29"],
    )
    assert result.exit_code == 0, result.output
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert ["diagnostic" in r for r in results] == [True, False, False, False, True]
    assert results[1]["error"]["message"] == (
        "Encodage invalide : cette ligne n'est pas du texte UTF-8 (octet 0xff en position 1)."
    )
    assert "JSON invalide" in results[2]["error"]["message"]
    assert results[3]["error"]["fields"][0]["field"] == "(racine)"


def test_deeply_nested_json_is_an_error_not_a_traceback(tmp_path: Path, plain_bundle: Path) -> None:
    deep = '{"profile": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    one = runner.invoke(app, ["advise", str(tmp_path / "deep.json"), "--bundle", str(plain_bundle)])
    assert one.exit_code == 1
    assert "not valid JSON: nested too deep" in one.output and "Traceback" not in one.output
    source = tmp_path / "in.jsonl"
    source.write_text(deep + "\n" + json.dumps(PERSON) + "\n", encoding="utf-8")
    batch = runner.invoke(
        app, ["advise", "--batch", str(source), "--bundle", str(plain_bundle), "--today", "2026-11-29"]
    )
    assert batch.exit_code == 0, batch.output
    first, second = (json.loads(line) for line in batch.stdout.splitlines())
    assert first == {"error": {"message": "JSON invalide : trop de niveaux d'imbrication."}}
    assert "diagnostic" in second


def test_a_file_that_is_not_utf8_says_encoding(tmp_path: Path, plain_bundle: Path) -> None:
    (tmp_path / "latin1.json").write_bytes(json.dumps(PERSON).replace("masculine", "masculin\xe9").encode("latin-1"))
    result = runner.invoke(app, ["advise", str(tmp_path / "latin1.json"), "--bundle", str(plain_bundle)])
    assert result.exit_code == 1
    assert "not UTF-8 text (encoding): invalid byte 0xe9" in result.output


def test_a_boolean_year_of_birth_is_not_a_number(tmp_path: Path, plain_bundle: Path) -> None:
    person = json.loads(json.dumps(PERSON))
    person["profile"]["year_of_birth"] = True
    result = runner.invoke(app, ["advise", str(_write(tmp_path / "p.json", person)), "--bundle", str(plain_bundle)])
    assert result.exit_code == 1
    assert "profile.year_of_birth: Nombre entier attendu (reçu : true)." in result.output
    assert "trop petite" not in result.output


def _advise_batch(source: Path, out: Path, bundle: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "bob_emploi", "advise", "--batch", str(source), "--out", str(out)),
            *("--bundle", str(bundle), "--today", "2026-11-29", *options),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_killed_batch_rerun_keeps_the_output_and_resumes(tmp_path: Path, plain_bundle: Path) -> None:
    """A rerun killed midway leaves the previous output whole and its own lines in OUT.partial
    (the last one maybe cut); --resume goes on after the last complete line."""
    lines = _batch_lines(40) * 50
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _advise_batch(source, out, plain_bundle)
    assert done.returncode == 0, done.stderr
    full = out.read_bytes()
    assert len(full.splitlines()) == 2000

    partial = out.with_name("out.jsonl.partial")
    rerun = subprocess.Popen(
        [
            *(sys.executable, "-m", "bob_emploi", "advise", "--batch", str(source), "--out", str(out)),
            *("--bundle", str(plain_bundle), "--today", "2026-11-29", "--chunk-lines", "20"),
        ],
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while (not partial.exists() or partial.stat().st_size < 50_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    rerun.send_signal(signal.SIGKILL)
    rerun.wait(timeout=30)
    written = partial.read_bytes()
    assert 0 < len(written) < len(full), "killed midway"
    assert out.read_bytes() == full, "the previous output is untouched"

    resumed = _advise_batch(source, out, plain_bundle, "--resume", "--chunk-lines", "7")
    assert resumed.returncode == 0, resumed.stderr
    kept = written.count(b"\n")
    assert f"{2000 - kept} line(s) advised" in resumed.stderr and f"{kept} kept" in resumed.stderr
    assert out.read_bytes() == full, "the resumed output is the one a full run writes"
    assert not partial.exists()


def test_a_batch_that_fails_keeps_the_previous_output(tmp_path: Path, plain_bundle: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps(PERSON) + "\n", encoding="utf-8")
    out.write_text("the previous run\n", encoding="utf-8")
    failed = _advise_batch(source, out, plain_bundle, "--dask", "tcp://127.0.0.1:1", "--dask-timeout", "1")
    assert failed.returncode == 1
    assert out.read_text(encoding="utf-8") == "the previous run\n"
    assert not out.with_name("out.jsonl.partial").exists(), "nothing written, nothing to resume"


def test_unreachable_dask_scheduler_is_a_clear_error(tmp_path: Path, plain_bundle: Path) -> None:
    source = _write(tmp_path / "in.jsonl", PERSON)
    result = runner.invoke(
        app,
        [
            *("advise", "--batch", str(source), "--out", str(tmp_path / "out.jsonl")),
            *("--bundle", str(plain_bundle), "--dask", "tcp://127.0.0.1:1", "--dask-timeout", "1"),
        ],
    )
    assert result.exit_code == 1
    assert "Dask scheduler tcp://127.0.0.1:1" in result.output
