"""Data bundle: full build time and peak memory, bundle size, and load time.

Baselines, measured in the same run:
- build: reading and parsing the same raw files with the standard library
  alone (csv, json) and the xlsx sheets with python-calamine, the floor any
  importer pays before checking anything; and the ROME v347 build (the raw
  directory without `rome4/`), the bundle before ROME 4.0 and the statistics;
- load: fetching the same rows with plain SQLite, without building objects.

Targets (issue 11): build <= 30 s and <= 600 MB; load <= 300 ms.
"""

from __future__ import annotations

import csv
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._fixtures import raw_dir
from benchmarks._stats import summary
from bob_emploi.data import Referential


def _parse_only(raw: Path) -> None:
    from python_calamine import CalamineWorkbook

    for path in sorted(raw.glob("*/**/*.csv")):
        if path.parts[-2] == "market-samples":
            continue
        # latin-1 never fails: the floor, whatever the file's real encoding.
        encoding = "utf-8" if path.parts[-2] in {"rome", "rome4"} else "latin-1"
        with path.open(encoding=encoding, newline="") as file:
            for _ in csv.reader(file, delimiter=";" if b";" in path.read_bytes()[:200] else ","):
                pass
    for path in [*sorted((raw / "geo").glob("*.json")), raw / "jobsuggest" / "jobs_frequency.json"]:
        json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((raw / "crosswalks").glob("*.txt")):
        path.read_bytes().decode("cp1252").splitlines()
    for path in sorted(raw.glob("*/*.xlsx")):
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()


def _without_rome4(raw: Path, into: Path) -> Path:
    """A raw directory of links to `raw`'s entries but `rome4/`: the build reads ROME v347."""
    into.mkdir()
    for entry in raw.iterdir():
        if entry.name != "rome4":
            (into / entry.name).symlink_to(entry.resolve())
    return into


def _build_in_child(raw: Path, out: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of `bob data build` in a fresh process."""
    code = (
        "import resource, sys, time; from pathlib import Path; from bob_emploi.data import build_bundle;"
        "start = time.perf_counter(); build_bundle(Path(sys.argv[1]), Path(sys.argv[2]), quiet=True);"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code, str(raw), str(out)], check=True, capture_output=True, text=True
    ).stdout
    seconds, megabytes = output.split()
    return float(seconds), float(megabytes)


def _load_rows_only(path: Path) -> None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    for table in ("job_groups", "job_titles", "regions", "departements", "communes", "former_communes", "rome_fap"):
        connection.execute(f"SELECT * FROM {table}").fetchall()
    connection.close()


def run(quick: bool) -> None:
    raw = raw_dir()
    builds = 1 if quick else 3
    loads = 3 if quick else 30
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "bundle.sqlite"
        parse_times = []
        for _ in range(builds):
            start = time.perf_counter()
            _parse_only(raw)
            parse_times.append(time.perf_counter() - start)
        results = [_build_in_child(raw, out) for _ in range(builds)]
        build_times = [seconds for seconds, _ in results]
        v347_raw = _without_rome4(raw, Path(directory) / "raw-v347")
        v347_out = Path(directory) / "bundle-v347.sqlite"
        v347_results = [_build_in_child(v347_raw, v347_out) for _ in range(builds)]
        v347_times = [seconds for seconds, _ in v347_results]
        print(summary("full build (fresh process, target <= 30 s)", build_times))
        print(summary("  baseline: parse the raw files only", parse_times))
        print(summary("  baseline: build of ROME v347 without rome4/", v347_times))
        print(
            f"  build / parse-only ratio: {min(build_times) / min(parse_times):.1f}x; "
            f"peak memory of the build: {max(mb for _, mb in results):.0f} MB (target <= 600 MB; "
            f"v347 build: {max(mb for _, mb in v347_results):.0f} MB)"
        )
        print(f"bundle size: {out.stat().st_size / 1e6:.1f} MB (v347 build: {v347_out.stat().st_size / 1e6:.1f} MB)")

        load_times, rows_times = [], []
        for _ in range(loads):
            start = time.perf_counter()
            Referential.load(out).close()
            load_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            _load_rows_only(out)
            rows_times.append(time.perf_counter() - start)
        print(summary("Referential.load (target <= 300 ms)", load_times))
        print(summary("  baseline: SELECT the same rows with sqlite3", rows_times))
        print(f"  load / rows-only ratio: {min(load_times) / min(rows_times):.1f}x")
        print(f"(peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
