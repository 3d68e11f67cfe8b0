"""`bob advise --batch --dask`: the advisor mapped over partitions on a real Dask cluster
(two worker processes) gives exactly the single-process output."""

from __future__ import annotations

import json
from pathlib import Path

from distributed import LocalCluster
from typer.testing import CliRunner

from bob_emploi.cli import app
from tests.advisor.test_cli import _batch_lines

runner = CliRunner()


def test_dask_output_equals_the_single_process_run(tmp_path: Path, market_bundle: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(_batch_lines(30)) + "\n", encoding="utf-8")
    common = ["advise", "--batch", str(source), "--bundle", str(market_bundle), "--today", "2026-11-29"]
    single = runner.invoke(app, [*common, "--out", str(tmp_path / "single.jsonl")])
    assert single.exit_code == 0, single.output
    # 8 partitions of 4 lines over 2 worker processes: results come back out of order, written in order.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        distributed = runner.invoke(
            app,
            [*common, "--out", str(tmp_path / "dask.jsonl"), "--dask", cluster.scheduler_address, "--chunk-lines", "4"],
        )
    assert distributed.exit_code == 0, distributed.output
    expected = (tmp_path / "single.jsonl").read_text(encoding="utf-8")
    assert (tmp_path / "dask.jsonl").read_text(encoding="utf-8") == expected
    lines = [json.loads(line) for line in expected.splitlines()]
    assert len(lines) == 30 and "error" in lines[3] and "diagnostic" in lines[0]
