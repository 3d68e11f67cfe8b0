"""Run the benchmarks: `python -m benchmarks [--quick] [NAME ...]`.

Each benchmark is a module of this package with a `run(quick: bool) -> None`
function that prints its figures. `--quick` (what CI uses) only proves that
each benchmark works: its figures mean little.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path


def _names() -> list[str]:
    here = Path(__file__).parent
    return sorted(info.name for info in pkgutil.iter_modules([str(here)]) if not info.name.startswith("_"))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(_names())})")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: prove the benchmarks run")
    arguments = parser.parse_args()
    unknown = set(arguments.names) - set(_names())
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    for name in arguments.names or _names():
        print(f"\n## {name}{' (quick mode: figures not meaningful)' if arguments.quick else ''}", flush=True)
        start = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}").run(quick=arguments.quick)
        print(f"({name} took {time.perf_counter() - start:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
