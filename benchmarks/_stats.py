"""Small helpers shared by the benchmarks to print comparable figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def timed(call: Callable[[], object], runs: int, before: Callable[[], object] | None = None) -> list[float]:
    """The wall-clock seconds of `runs` calls, each after `before` (not timed) when given."""
    seconds = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return seconds


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the values fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def summary(label: str, seconds: Sequence[float], baseline: Sequence[float] | None = None) -> str:
    """One line: median and p99 in milliseconds, and the ratio of medians to a baseline."""
    median = statistics.median(seconds) * 1000
    p99 = percentile(seconds, 0.99) * 1000
    line = f"{label}: median {median:.3f} ms, p99 {p99:.3f} ms over {len(seconds)} runs"
    if baseline:
        ratio = statistics.median(baseline) / statistics.median(seconds)
        line += f", {ratio:.1f}x faster than baseline (median {statistics.median(baseline) * 1000:.3f} ms)"
    return line
