"""JobSuggest `describe` mode: top-1/top-5 on the visible evaluation set, and how well `unsure` warns.

The flag is meant to predict a wrong first answer: precision is the share of flagged answers
that are wrong, recall the share of wrong answers that are flagged. The sweep shows what other
thresholds would give, so that a recalibration (`UNSURE_SHARE`, `UNSURE_MARGIN` in
`bob_emploi.jobsuggest.index`) is one look away. A job group counts for its ROME v3 parent.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks._stats import percentile
from benchmarks.jobsuggest_quality import load_queries, load_referential


def _flag_quality(outcomes: list[tuple[bool, bool]]) -> str:
    """outcomes: (first answer right, flagged unsure) -> precision/recall of the flag."""
    flagged = [right for right, unsure in outcomes if unsure]
    wrong = sum(not right for right, _ in outcomes)
    caught = sum(not right for right in flagged)
    precision = caught / len(flagged) if flagged else 0.0
    recall = caught / wrong if wrong else 1.0
    return f"flagged {len(flagged)}, precision {100 * precision:.0f} %, recall {100 * recall:.0f} % of {wrong} wrong"


def run(quick: bool) -> None:
    from bob_emploi.jobsuggest import index as index_module
    from bob_emploi.jobsuggest.index import JobIndex

    with tempfile.TemporaryDirectory() as tmp:
        referential = load_referential(Path(tmp))
        index = JobIndex.from_referential(referential)
        queries = load_queries(quick)
        outcomes: list[tuple[bool, bool]] = []
        top5 = 0
        latencies = []
        for query, accepted, _ in queries:
            start = time.perf_counter()
            answer = index.describe(query, 5)
            latencies.append(time.perf_counter() - start)
            codes = [index.v3_code(item.code_rome) for item in answer.items]
            outcomes.append((bool(codes) and codes[0] in accepted, answer.unsure))
            top5 += any(code in accepted for code in codes)
        right = sum(r for r, _ in outcomes)
        print(
            f"describe on {len(queries)} queries: top-1 {100 * right / len(queries):.1f} %, "
            f"top-5 {100 * top5 / len(queries):.1f} %; p50 {sorted(latencies)[len(latencies) // 2] * 1000:.2f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.2f} ms"
        )
        print(
            f"  unsure (share < {index_module.UNSURE_SHARE}, margin < {index_module.UNSURE_MARGIN}, "
            f"information < {index_module.UNSURE_INFORMATION}): " + _flag_quality(outcomes)
        )
        if quick:
            return
        print("  sweep (share, margin): flag quality")
        saved = index_module.UNSURE_SHARE, index_module.UNSURE_MARGIN
        try:
            for share, margin in ((0.5, 0.05), (0.6, 0.08), (0.7, 0.1), (0.7, 0.12), (0.8, 0.12), (0.9, 0.2)):
                index_module.UNSURE_SHARE, index_module.UNSURE_MARGIN = share, margin
                swept = []
                for query, accepted, _ in queries:
                    answer = index.describe(query, 5)
                    first = index.v3_code(answer.items[0].code_rome) if answer.items else ""
                    swept.append((first in accepted, answer.unsure))
                print(f"    ({share}, {margin}): " + _flag_quality(swept))
        finally:
            index_module.UNSURE_SHARE, index_module.UNSURE_MARGIN = saved
