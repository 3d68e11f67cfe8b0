"""Executes every notebook of this folder (`[0-9]*.py`, jupytext percent format) into `var/notebooks/`.

Usage, from the repository root: `.venv/bin/python notebooks/run.py [notebook.py ...]`.
Each notebook runs in a fresh `python3` kernel with `notebooks/` as working directory; the
executed `.ipynb` (outputs and plots included) is written even when a cell fails, and the
script then exits non-zero, naming the notebook and the cell.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

# Before jupyter_client is imported: use the platform directories, without a deprecation warning.
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets.config import Config

NOTEBOOKS_DIR = Path(__file__).resolve().parent
OUTPUT_DIR = NOTEBOOKS_DIR.parent / "var" / "notebooks"
CELL_TIMEOUT = 300  # seconds
WORKDIR_VARIABLE = "BOB_NOTEBOOK_WORKDIR"  # read by _bundle.workdir()


class NotebookFailed(Exception):
    pass


def _describe(cell: nbformat.NotebookNode, index: int) -> str:
    lines = [line for line in cell.source.splitlines() if line.strip()]
    first = lines[0] if lines else "(empty)"
    return f"cell {index + 1} (code, starting {first[:80]!r})"


def run_notebook(source: Path) -> Path:
    """Executes one notebook; returns the path of the executed .ipynb or raises NotebookFailed."""
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    current = {"index": -1}

    def on_cell_execute(cell: nbformat.NotebookNode, cell_index: int) -> None:
        current["index"] = cell_index

    # A private temporary directory for the kernel's IPC sockets (local only, and no "TCP without
    # encryption" warning) and the notebook's files (the bundle it builds): removed even if the kernel dies.
    scratch = tempfile.TemporaryDirectory(prefix="bob-notebook-")
    os.environ[WORKDIR_VARIABLE] = scratch.name  # inherited by the kernel
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(Path(scratch.name) / "kernel")
    client = NotebookClient(
        notebook,
        config=config,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
        on_cell_execute=on_cell_execute,
    )
    output = OUTPUT_DIR / f"{source.stem}.ipynb"
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        index = current["index"]
        where = _describe(notebook.cells[index], index) if index >= 0 else "kernel start"
        summary = str(error).strip().splitlines()
        detail = summary[-1] if summary else type(error).__name__
        if isinstance(error, CellExecutionError) and error.ename:
            detail = f"{error.ename}: {error.evalue}"
        if isinstance(error, CellTimeoutError):
            detail = f"timed out after {CELL_TIMEOUT} s"
        raise NotebookFailed(f"{source.name}: {where} failed: {detail}\n(executed so far: {output})") from error
    finally:
        os.environ.pop(WORKDIR_VARIABLE, None)
        scratch.cleanup()
        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, output)
    return output


def main(argv: list[str]) -> int:
    sources = [Path(arg).resolve() for arg in argv] or sorted(NOTEBOOKS_DIR.glob("[0-9]*.py"))
    if not sources:
        print(f"no notebook found in {NOTEBOOKS_DIR}", file=sys.stderr)
        return 1
    failures = []
    for source in sources:
        start = time.perf_counter()
        try:
            output = run_notebook(source)
        except Exception as failure:  # the notebook did not run: say which, then go on with the others
            message = str(failure) if isinstance(failure, NotebookFailed) else f"{source.name}: {failure!r}"
            failures.append(message)
            print(f"FAILED {source.name} ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
            continue
        elapsed = time.perf_counter() - start
        print(f"ok     {source.name} -> {output.relative_to(NOTEBOOKS_DIR.parent)} ({elapsed:.1f} s)")
    if failures:
        print("\n" + "\n\n".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
