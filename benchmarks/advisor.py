"""Advisor: one diagnostic's latency (p50/p99) and batch throughput with 1 and 2 worker processes.

People are synthetic (seeded random answers over the bundle's real job titles and
communes, about one answer in four left null as the onboarding allows since issue 12): the
figures measure speed, not advice quality. With the real statistics in the bundle, each
diagnostic also reads the market figures (BMO, DARES, Mobiville) of the job and its close jobs,
and of the région's départements (advisor.marketfacts), cached per job group and département.

Baselines, measured in the same run:
- one diagnostic: the same `advise` with its per-job-group caches (ROME facts and market
  figures) cleared before every call, i.e. what it costs to query SQLite and parse the ROME
  texts for each person;
- batch: a process that only reads the same JSON Lines and writes them back (json.loads
  + json.dumps), the floor any batch runner pays. Each batch command runs 3 times, interleaved
  (the machine may be shared): best and median are printed, with the load average.

Targets (issue 7): p99 <= 5 ms with the full bundle; >= 2,000 people/s with `--workers 2`.
The bundle: $BOB_BUNDLE, else var/bundle.sqlite, else built from $BOB_RAW_DATA. When it has
no market data, the diagnostic is also measured on a bundle built with the IMT/BMO format
samples of the raw directory (market-samples/), so the market modules run too.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._fixtures import find_bundle, raw_dir
from benchmarks._stats import summary
from bob_emploi import advisor
from bob_emploi.advisor import schema
from bob_emploi.advisor.batch import advise_line
from bob_emploi.advisor.jobdata import referential_data
from bob_emploi.data import Referential, build_bundle

TODAY = datetime.date(2026, 11, 29)
MARKET_SAMPLES = {
    "imt_market_score.sample.csv": "imt/market_score.csv",
    "imt_employment_type.sample.csv": "imt/employment_type.csv",
    "imt_application_modes.sample.csv": "imt/application_modes.csv",
    "bmo.sample.csv": "bmo/bmo.csv",
}


def _market_bundle(tmp: Path) -> Path | None:
    raw = raw_dir()
    samples = raw / "market-samples"
    if not samples.is_dir():
        return None
    copy = tmp / "raw-with-market"
    shutil.copytree(raw, copy, ignore=shutil.ignore_patterns("market-samples"))
    for sample, target in MARKET_SAMPLES.items():
        (copy / target).parent.mkdir(exist_ok=True)
        shutil.copy(samples / sample, copy / target)
    out = tmp / "bundle-market.sqlite"
    build_bundle(copy, out, quiet=True)
    return out


OPTIONAL_ANSWERS = frozenset(
    {
        "highest_degree",
        "has_driving_license",
        "has_disability",
        "area",
        "seniority",
        "passion",
        "training",
        "weekly_applications",
        "interviews",
        "network",
        "employment_types",
    }
)


def _choice(rng: random.Random, literal: Any) -> Any:
    return rng.choice(list(literal.__args__))


def people(referential: Referential, count: int, seed: int = 7, market_jobs: bool = False) -> list[dict[str, Any]]:
    """Synthetic answers: real job titles (those with market rows first when asked) and communes."""
    rng = random.Random(seed)
    titles = sorted(referential.job_titles)
    if market_jobs:
        with_market = {row[0] for row in referential.iter_rows("market_stats")}
        titles = [code for code in titles if referential.job_titles[code].code_rome in with_market] or titles
    communes = sorted(code for code, commune in referential.communes.items() if commune.kind == "commune")
    if market_jobs:
        departements = {row[1] for row in referential.iter_rows("market_stats")}
        communes = [code for code in communes if referential.communes[code].departement in departements] or communes
    frustrations = list(schema.Frustration.__args__)  # type: ignore[attr-defined]
    result = []
    for _ in range(count):
        started = None if rng.random() < 0.15 else f"{rng.randint(2020, 2026)}-{rng.randint(1, 11):02d}"
        person = {
            "profile": {
                "gender": _choice(rng, schema.Gender),
                "year_of_birth": rng.randint(TODAY.year - 65, TODAY.year - 16),
                "highest_degree": _choice(rng, schema.Degree),
                "has_driving_license": rng.random() < 0.7,
                "has_disability": rng.random() < 0.08,
                "family": _choice(rng, schema.Family),
                "frustrations": rng.sample(frustrations, rng.randint(0, 4)),
            },
            "project": {
                "kind": _choice(rng, schema.ProjectKind),
                "target_job": None if rng.random() < 0.1 else rng.choice(titles),
                "city": rng.choice(communes),
                "area": _choice(rng, schema.Area),
                "seniority": _choice(rng, schema.Seniority),
                "passion": _choice(rng, schema.Passion),
                "training": _choice(rng, schema.Training),
                "search_started": started,
                "weekly_applications": _choice(rng, schema.WeeklyApplications),
                "interviews": rng.randint(0, 20),
                "network": _choice(rng, schema.Network),
                "employment_types": rng.sample(["cdi", "cdd", "interim", "alternance"], rng.randint(1, 3)),
            },
        }
        # Issue 12: a question may be left unanswered (null); about one answer in four is.
        for part in ("profile", "project"):
            for key in [key for key in person[part] if key in OPTIONAL_ANSWERS and rng.random() < 0.25]:
                person[part][key] = None
        result.append(person)
    return result


def _one_diagnostic(label: str, bundle: Path, count: int, market_jobs: bool = False) -> None:
    referential = Referential.load(bundle)
    inputs = people(referential, count, market_jobs=market_jobs)
    requests = [advisor.parse_input(data, referential, TODAY) for data in inputs]
    cache = referential_data(referential)
    uncached = []
    for request in requests[: max(50, count // 10)]:
        cache.job.cache_clear()  # type: ignore[attr-defined]
        cache.facts.cache_clear()  # type: ignore[attr-defined]
        start = time.perf_counter()
        advisor.advise(request, referential, TODAY)
        uncached.append(time.perf_counter() - start)
    cache.job.cache_clear()  # type: ignore[attr-defined]
    cache.facts.cache_clear()  # type: ignore[attr-defined]
    cold: list[float] = []
    warm: list[float] = []
    warm_cpu: list[float] = []
    full: list[float] = []
    for _ in range(2):  # first pass: each job group's first call loads its facts; second pass: all cached
        times, cpu = [], []
        for request in requests:
            start, start_cpu = time.perf_counter(), time.process_time()
            advisor.advise(request, referential, TODAY)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        if cold:
            warm.extend(times)
            warm_cpu.extend(cpu)
        else:
            cold.extend(times)
    lines = [json.dumps(data) for data in inputs]
    cpu_start = time.process_time()
    for line in lines:
        start = time.perf_counter()
        advise_line(line, referential, TODAY)
        full.append(time.perf_counter() - start)
    cpu_per_person = (time.process_time() - cpu_start) / len(lines)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{label} (market data: {'yes' if referential.market_available else 'no'}), {count} synthetic people, "
        f"load average {load} on {os.cpu_count()} CPUs"
    )
    print(summary("  advise, first pass (cold per-job-group cache)", cold, uncached))
    print(summary("  advise, cache warm (target p99 <= 5 ms)", warm, uncached))
    print(summary("  advise, cache warm, CPU time of this process (without preemption)", warm_cpu))
    print(summary("  one JSON line in, one out (json + parse_input + advise + dump)", full))
    print(
        f"  CPU cost of one JSON line: {cpu_per_person * 1000:.3f} ms, i.e. {1 / cpu_per_person:,.0f} people/s "
        "per free CPU core"
    )
    print(summary("  baseline: advise with the job-group caches cleared every call", uncached))
    referential.close()


def _lines(path: Path) -> int:
    with path.open("rb") as file:
        return sum(1 for _ in file)


def _run_batch(command: list[str], source: Path, out: Path) -> float:
    start = time.perf_counter()
    with source.open("rb") as stdin:
        subprocess.run(command, check=True, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if not out.is_file() or _lines(out) != _lines(source):
        raise SystemExit(f"batch output {out} does not have one line per input line")
    return seconds


def _batch(bundle: Path, tmp: Path, count: int, repeats: int) -> None:
    referential = Referential.load(bundle)
    source = tmp / "people.jsonl"
    with source.open("w", encoding="utf-8") as file:
        for person in people(referential, count, seed=11):
            file.write(json.dumps(person, ensure_ascii=False) + "\n")
    referential.close()
    bob = [sys.executable, "-m", "bob_emploi", "advise", "--bundle", str(bundle), "--today", TODAY.isoformat()]
    floor = (
        "import json, sys\n"
        "with open(sys.argv[1], 'w') as out:\n"
        "    for line in sys.stdin: out.write(json.dumps(json.loads(line)) + '\\n')\n"
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"batch of {count} synthetic people, wall time including start-up and bundle load, best and median of "
        f"{repeats} runs (load average {load}):"
    )
    commands = {"baseline: read + write the same JSON Lines only": [sys.executable, "-c", floor]}
    for workers in (1, 2):
        commands[f"bob advise --batch --workers {workers}"] = [*bob, "--workers", str(workers), "--batch", "-", "--out"]
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeats):  # interleaved, so that a burst of load on the machine hits every command
        for label, command in commands.items():
            out = tmp / "out.jsonl"
            times[label].append(_run_batch([*command, str(out)], source, out))
    baseline = min(times[next(iter(commands))])
    for label, seconds in times.items():
        target = " (target >= 2,000)" if label.endswith("--workers 2") else ""
        ratio = "" if label.startswith("baseline") else f"; {min(seconds) / baseline:.1f}x the baseline's time"
        unit = "lines" if label.startswith("baseline") else "people"
        print(
            f"  {label}: {count / min(seconds):,.0f} {unit}/s best, {count / statistics.median(seconds):,.0f} "
            f"median{target} ({min(seconds):.2f} s best{ratio})"
        )


def run(quick: bool) -> None:
    count = 200 if quick else 5_000
    batch = 500 if quick else 20_000
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        bundle = find_bundle(tmp)
        _one_diagnostic(f"one diagnostic, full bundle {bundle.name}", bundle, count)
        referential = Referential.load(bundle)
        has_market = referential.market_available
        referential.close()
        if not has_market and quick:
            print("(quick mode: the measure with the IMT/BMO samples, which builds a second bundle, is skipped)")
        elif not has_market:
            market = _market_bundle(tmp)
            if market is not None:
                _one_diagnostic("one diagnostic, full bundle + IMT/BMO format samples", market, count, market_jobs=True)
        _batch(bundle, tmp, batch, repeats=1 if quick else 3)
