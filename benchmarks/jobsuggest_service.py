"""The JobSuggest JSON service under gunicorn: throughput, and p99 latency at a fixed rate.

Two loads on loopback: `wrk` (if installed) at full speed for the maximum rate,
then a Python asyncio + httpx generator sending at a fixed rate (500 req/s), its
latencies measured from each request's scheduled time (no coordinated omission).
Queries: every prefix of the evaluation queries, as typed letter by letter.
"""

from __future__ import annotations

import asyncio
import csv
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from benchmarks._fixtures import gunicorn, lua_strings, wrk
from benchmarks._stats import percentile
from benchmarks.jobsuggest_quality import eval_file, raw_dir


def _paths(limit: int) -> list[str]:
    with eval_file().open(encoding="utf-8") as handle:
        queries = [row["query"] for row in csv.DictReader(handle, delimiter="\t")]
    prefixes = [q[:n] for q in queries for n in range(1, len(q) + 1)]
    random.Random(4).shuffle(prefixes)
    return [f"/api/v1/jobs/suggest?q={quote(p)}&limit=10" for p in prefixes[:limit]]


def _bundle(tmp: Path) -> Path:
    if os.environ.get("BOB_BUNDLE") and Path(os.environ["BOB_BUNDLE"]).is_file():
        return Path(os.environ["BOB_BUNDLE"])
    from bob_emploi.data import build_bundle

    bundle = tmp / "bundle.sqlite"
    build_bundle(raw_dir(), bundle, quiet=True)
    return bundle


def _wrk(base: str, paths: list[str], seconds: int, connections: int, tmp: Path, delay_ms: int = 0) -> bool:
    """Run wrk over the paths, at full speed or paced (each connection waits `delay_ms` between requests)."""
    if shutil.which("wrk") is None:
        return False
    script = tmp / "paths.lua"
    table = lua_strings(paths)
    pacing = f"delay = function() return {delay_ms} end\n" if delay_ms else ""
    script.write_text(
        f"local paths = {{\n{table}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n" + pacing,
        encoding="utf-8",
    )
    out = wrk(base, script, seconds, connections)
    wanted = ("Latency ", "50%", "90%", "99%", "Requests/sec", "Non-2xx", "Socket errors")
    keep = [" ".join(line.split()) for line in out.splitlines() if line.strip().startswith(wanted)]
    mode = f"paced ({connections} connections, {delay_ms} ms between requests)" if delay_ms else "full speed"
    print(f"  wrk {mode}, {seconds} s: " + "; ".join(keep))
    return True


async def _get(port: int, path: str) -> int:
    """One HTTP/1.1 GET on a fresh connection (what gunicorn's sync workers do): the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        response = await reader.read()
    finally:
        writer.close()
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0


async def _fixed_rate(port: int, paths: list[str], rate: int, seconds: float) -> tuple[list[float], int]:
    """Send at a fixed rate; latency counts from the scheduled send time, so queueing shows."""
    latencies: list[float] = []
    errors = 0

    async def one(path: str, scheduled: float) -> None:
        nonlocal errors
        try:
            if await asyncio.wait_for(_get(port, path), timeout=5) != 200:
                errors += 1
        except (OSError, TimeoutError):
            errors += 1
        latencies.append(time.perf_counter() - scheduled)

    count = int(rate * seconds)
    start = time.perf_counter() + 0.1
    tasks = []
    for i in range(count):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(paths[i % len(paths)], scheduled)))
    await asyncio.gather(*tasks)
    return latencies, errors


def run(quick: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "BOB_BUNDLE": str(_bundle(tmp))}
        workers = 2
        app = "bob_emploi.jobsuggest.wsgi:load_application()"
        with gunicorn(app, workers, env, "/healthz", tmp / "gunicorn.log", preload=True) as port:
            base = f"http://127.0.0.1:{port}"
            paths = _paths(2000 if quick else 20000)
            print(f"gunicorn, {workers} sync workers, /api/v1/jobs/suggest, {len(paths)} distinct typed prefixes")
            seconds = 2 if quick else 10
            if _wrk(base, paths, seconds, 16, tmp):
                # About 500 req/s: 10 connections, each sending every 17 ms plus the answer time.
                _wrk(base, paths, seconds, 10, tmp, delay_ms=17)
            else:
                print("  wrk: not installed (apt-get install wrk): only the Python load generator runs")
            rate = 200 if quick else 500
            latencies, errors = asyncio.run(_fixed_rate(port, paths, rate, float(seconds)))
            p50, p90, p99 = (percentile(latencies, f) * 1000 for f in (0.5, 0.9, 0.99))
            print(
                f"  Python asyncio generator, fixed rate {rate} req/s for {seconds} s ({errors} errors; latency "
                f"from the scheduled time, generator overhead included): p50 {p50:.2f} ms, p90 {p90:.2f} ms, "
                f"p99 {p99:.2f} ms"
            )
