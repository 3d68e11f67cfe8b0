"""`bob data fetch-market`: labour-market statistics for every job group × département.

Writes `DIR/imt/market_score.csv` in the layout of France Travail's IMT open
data export (the columns `bob data build` imports), from the Marché du
travail API. What the API does not give (seasonality, richer catchment area)
stays empty. The API gives figures per period (a quarter), not for the last
week: they fill the "end of month" columns, the "last week" ones stay empty,
and an extra PERIOD column says which period they cover, so that the bundle
never passes a quarter's count for last week's.

The download is long (three calls per pair, tens of thousands of pairs under
the API's rate limit) so it is resumable: each finished pair is appended to
`DIR/imt/.market_score.progress.jsonl`; a rerun skips those pairs. The CSV is
written atomically once every pair is done, then the progress file is removed.
"""

from __future__ import annotations

import csv
import json
import os
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bob_emploi.francetravail._client import Client
from bob_emploi.francetravail._config import ClientConfig
from bob_emploi.francetravail._exceptions import ConfigurationError, FranceTravailError
from bob_emploi.francetravail.market import MarketFigures

COLUMNS = (
    "AREA_CODE",
    "AREA_NAME",
    "AREA_TYPE_CODE",
    "AREA_TYPE_NAME",
    "NB_APPLICATION_END_MONTH",
    "NB_APPLICATION_LAST_WEEK",
    "NB_OFFER_END_MONTH",
    "NB_OFFER_LAST_WEEK",
    "RICHER_CATCHMENT_AREA_CODE",
    "RICHER_CATCHMENT_AREA_NAME",
    "ROME_PROFESSION_CARD_CODE",
    "ROME_PROFESSION_CARD_NAME",
    "SEASONAL",
    "SEASONAL_APR",
    "SEASONAL_AUG",
    "SEASONAL_DEC",
    "SEASONAL_FEB",
    "SEASONAL_JAN",
    "SEASONAL_JULY",
    "SEASONAL_JUNE",
    "SEASONAL_MAR",
    "SEASONAL_MAY",
    "SEASONAL_NOV",
    "SEASONAL_OCT",
    "SEASONAL_SEP",
    "TENSION_RATIO",
    "PERIOD",  # not in IMT exports: the period the API figures cover (e.g. 2026T2)
)
CSV_PATH = Path("imt") / "market_score.csv"
PROGRESS_PATH = Path("imt") / ".market_score.progress.jsonl"


@dataclass(frozen=True, slots=True)
class Target:
    """One pair to download, with the names to fall back on when the API gives none."""

    code_rome: str
    departement: str
    job_name: str = ""
    departement_name: str = ""


@dataclass(frozen=True, slots=True)
class DownloadResult:
    csv_path: Path
    pairs: int
    resumed: int  # pairs already done by an earlier, interrupted run
    fetched: int
    rows: int


def _upper_ascii(text: str) -> str:
    """ "Ariège" -> "ARIEGE", as the IMT export writes area names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def row_for(target: Target, figures: MarketFigures) -> dict[str, str] | None:
    """The CSV row of a pair, or None when the API has no figure at all for it."""
    if figures.offers is None and figures.job_seekers is None and figures.tension is None:
        return None

    def text(value: int | float | None) -> str:
        return "" if value is None else str(round(value))

    row = dict.fromkeys(COLUMNS, "")
    row.update(
        AREA_CODE=target.departement,
        AREA_NAME=_upper_ascii(figures.territory_name or target.departement_name),
        AREA_TYPE_CODE="D",
        AREA_TYPE_NAME="Département",
        NB_APPLICATION_END_MONTH=text(figures.job_seekers),
        NB_OFFER_END_MONTH=text(figures.offers),
        ROME_PROFESSION_CARD_CODE=target.code_rome,
        ROME_PROFESSION_CARD_NAME=figures.job_name or target.job_name,
        TENSION_RATIO=text(figures.tension),
        PERIOD=figures.period or "",
    )
    return row


def _read_progress(path: Path) -> dict[tuple[str, str], dict[str, str] | None]:
    """Pairs finished by earlier runs; a line cut by a crash is ignored (that pair is redone)."""
    done: dict[tuple[str, str], dict[str, str] | None] = {}
    if not path.exists():
        return done
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                entry = json.loads(line)
                done[(entry["rome"], entry["departement"])] = entry["row"]
            except (ValueError, KeyError, TypeError):
                continue
    return done


def _write_csv(path: Path, rows: Iterable[dict[str, str]]) -> int:
    temporary = path.with_name(f".{path.name}.tmp")
    count = 0
    with temporary.open("w", encoding="utf-8", newline="") as output:
        writer = csv.DictWriter(output, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
        output.flush()
        os.fsync(output.fileno())
    os.replace(temporary, path)
    return count


def download_market(
    client: Client,
    targets: Sequence[Target],
    out_dir: Path,
    *,
    workers: int = 4,
    quiet: bool = False,
    console: Console | None = None,
    on_pair: Callable[[Target], None] | None = None,
) -> DownloadResult:
    """Download every pair not done yet, then write the CSV. Raises FranceTravailError on failure.

    `workers` threads share the client, so its rate limiter keeps them within quota.
    """
    (out_dir / CSV_PATH.parent).mkdir(parents=True, exist_ok=True)
    progress_path = out_dir / PROGRESS_PATH
    done = _read_progress(progress_path)
    keys = {(target.code_rome, target.departement) for target in targets}
    resumed = len(keys & done.keys())
    todo = [target for target in targets if (target.code_rome, target.departement) not in done]
    lock = threading.Lock()
    fetched = 0

    with (
        progress_path.open("a", encoding="utf-8") as journal,
        Progress(
            TextColumn("[bold]Marché du travail"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=quiet,
        ) as bar,
    ):
        task = bar.add_task("pairs", total=len(targets), completed=resumed)

        def fetch(target: Target) -> None:
            nonlocal fetched
            if on_pair is not None:
                on_pair(target)
            row = row_for(target, client.market.figures(target.code_rome, target.departement))
            entry = {"rome": target.code_rome, "departement": target.departement, "row": row}
            with lock:
                journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
                journal.flush()
                done[(target.code_rome, target.departement)] = row
                fetched += 1
                bar.advance(task)

        if todo:
            pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fetch-market")
            try:
                futures: list[Future[None]] = [pool.submit(fetch, target) for target in todo]
                finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
                failure = next((error for future in finished if (error := future.exception())), None)
                if failure is not None:
                    raise failure
            finally:
                # On failure or Ctrl-C: drop the pairs not started, let the running ones finish
                # (they are journaled), so a rerun resumes right after them.
                pool.shutdown(wait=True, cancel_futures=True)
                journal.flush()
        os.fsync(journal.fileno())

    ordered = sorted(targets, key=lambda target: (target.departement, target.code_rome))
    rows = [row for target in ordered if (row := done.get((target.code_rome, target.departement)))]
    count = _write_csv(out_dir / CSV_PATH, rows)
    progress_path.unlink(missing_ok=True)
    return DownloadResult(out_dir / CSV_PATH, len(targets), resumed, fetched, count)


def targets_from_bundle(bundle: Path | None) -> list[Target]:
    """Every job group × département of metropolitan France and the DROM, from the data bundle."""
    from bob_emploi.data.paths import resolve_bundle_path
    from bob_emploi.data.referential import Referential

    referential = Referential.load(resolve_bundle_path(bundle))
    try:
        departements = [dep for dep in referential.departements.values() if dep.zone in {"metro", "drom"}]
        return [
            Target(group.code_rome, dep.code, group.name, dep.name)
            for group in sorted(referential.job_groups.values(), key=lambda group: group.code_rome)
            for dep in sorted(departements, key=lambda dep: dep.code)
        ]
    finally:
        referential.close()


def fetch_market(
    to: Annotated[Path, typer.Option("--to", help="Raw-data directory to write imt/market_score.csv into.")],
    bundle: Annotated[
        Path | None, typer.Option("--bundle", help="Data bundle listing job groups and départements.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, max=16, help="Parallel requests.")] = 4,
) -> None:
    """Télécharger les statistiques du marché du travail (API France Travail) pour `bob data build`."""
    from bob_emploi.data.errors import DataError

    try:
        config = ClientConfig.from_env()
    except ConfigurationError as error:
        typer.echo(f"bob data fetch-market : {error.message}", err=True)
        raise typer.Exit(2) from None
    try:
        targets = targets_from_bundle(bundle)
    except DataError as error:
        typer.echo(f"bob data fetch-market : {error}", err=True)
        raise typer.Exit(1) from None
    try:
        with Client(config) as client:
            result = download_market(client, targets, to, workers=workers, quiet=quiet)
    except FranceTravailError as error:
        typer.echo(
            f"bob data fetch-market : téléchargement interrompu ({error}). "
            "Relancez la même commande pour reprendre là où elle s'est arrêtée.",
            err=True,
        )
        raise typer.Exit(1) from None
    if not quiet:
        typer.echo(
            f"{result.csv_path} : {result.rows} lignes ({result.pairs} paires, "
            f"{result.resumed} reprises, {result.fetched} téléchargées)"
        )
