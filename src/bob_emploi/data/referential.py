"""The data bundle, loaded into memory: what every other layer of Bob reads.

The core tables (job groups, job titles, geography) are loaded eagerly into
dataclasses so that JobSuggest and the advisor can index them at
web-worker start. The bulkier tables (texts, skills, market statistics) stay
in the read-only SQLite file and are queried on demand.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bob_emploi.data.errors import BundleError
from bob_emploi.data.schema import SCHEMA_VERSION

Gender = Literal["masculine", "feminine"]

# The records below are read-only by convention, not `frozen=True`: a frozen
# dataclass's __init__ is three times slower, which costs ~100 ms at every web
# worker start for the 35,000 communes. They stay hashable (unsafe_hash).


@dataclass(slots=True, unsafe_hash=True)
class JobGroup:
    """A fiche ROME: the unit France Travail uses for statistics and offers."""

    code_rome: str
    name: str
    riasec_major: str
    riasec_minor: str
    fap_codes: tuple[str, ...] = ()
    # True when the job group was missing from the ROME job-group file and was
    # rebuilt from the other files (v347 lacks L1510).
    repaired: bool = False


@dataclass(slots=True, unsafe_hash=True)
class JobTitle:
    """An appellation ROME, with its display forms for each grammatical gender."""

    code_ogr: str
    code_rome: str
    neutral: str
    masculine: str
    feminine: str
    short_masculine: str = ""
    short_feminine: str = ""
    frequency: int = 0

    def title(self, gender: Gender | None = None) -> str:
        """The label to show: gendered when the user told us, neutral otherwise."""
        if gender == "masculine":
            return self.masculine
        if gender == "feminine":
            return self.feminine
        return self.neutral


@dataclass(slots=True, unsafe_hash=True)
class Region:
    code: str
    name: str
    zone: str  # metro, drom or com (overseas collectivity)
    in_phrase: str  # "en Bretagne", "dans les Hauts-de-France"


@dataclass(slots=True, unsafe_hash=True)
class Departement:
    code: str
    name: str
    region: str
    zone: str
    in_phrase: str  # "dans le Rhône", "en Isère", "à La Réunion"
    of_phrase: str  # "du Rhône", "de l'Isère", "de La Réunion"


CommuneKind = Literal["commune", "arrondissement"]


@dataclass(slots=True, unsafe_hash=True)
class Commune:
    """A commune, or a Paris/Lyon/Marseille arrondissement (`parent` = the city's code)."""

    code: str
    name: str
    departement: str
    region: str
    postcodes: tuple[str, ...]
    population: int
    kind: CommuneKind = "commune"
    parent: str | None = None
    zone: str = "metro"


@dataclass(slots=True, unsafe_hash=True)
class FormerCommune:
    """A commune merged into a commune nouvelle: people still type its name."""

    code: str
    name: str
    kind: Literal["deleguee", "associee"]
    parent: str


@dataclass(frozen=True, slots=True)
class MobilityLink:
    source_rome: str
    target_rome: str
    kind: Literal["close", "evolution"]
    source_title: str | None = None
    target_title: str | None = None


@dataclass(frozen=True, slots=True)
class Skill:
    code_ogr: str
    label: str
    kind: str  # "savoir-faire" or "savoir"
    block: int
    position: int


@dataclass(frozen=True, slots=True)
class MarketStats:
    """Labour-market figures for one job group in one département (IMT)."""

    code_rome: str
    departement: str
    offers_last_week: int | None
    applicants_last_week: int | None
    offers_end_month: int | None
    applicants_end_month: int | None
    tension_ratio: int | None
    seasonal: bool | None
    seasonal_months: tuple[int, ...]
    period: str = ""  # the period covered, when not the IMT export's last week / month


@dataclass
class Referential:
    """Everything a bundle holds, with the core tables in memory."""

    job_groups: dict[str, JobGroup]
    job_titles: dict[str, JobTitle]
    regions: dict[str, Region]
    departements: dict[str, Departement]
    communes: dict[str, Commune]
    former_communes: list[FormerCommune] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    checksum: str = ""
    market_available: bool = False
    path: Path | None = None
    _connection: sqlite3.Connection | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _titles_by_group: dict[str, list[JobTitle]] | None = field(default=None, repr=False)
    _communes_by_postcode: dict[str, list[Commune]] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: str | Path) -> Referential:
        """Open a bundle read-only and load its core tables."""
        from bob_emploi.data.bundle import open_bundle

        path = Path(path)
        connection = open_bundle(path)
        # Tens of thousands of small objects: the cyclic GC would run many times for nothing.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return _load_core(connection, path)
        except sqlite3.Error as error:
            connection.close()
            raise BundleError(f"{path}: not a Bob data bundle or damaged ({error})") from error
        finally:
            if gc_was_enabled:
                gc.enable()

    # --- Job groups and titles ------------------------------------------------

    def titles_of(self, code_rome: str) -> list[JobTitle]:
        """The titles of a job group, most chosen first."""
        if self._titles_by_group is None:
            by_group: dict[str, list[JobTitle]] = {}
            for title in self.job_titles.values():
                by_group.setdefault(title.code_rome, []).append(title)
            for titles in by_group.values():
                titles.sort(key=lambda t: (-t.frequency, t.neutral))
            self._titles_by_group = by_group
        return list(self._titles_by_group.get(code_rome, ()))

    def texts(self, code_rome: str) -> dict[str, list[str]]:
        """Descriptive texts of a job group by kind (definition, access, conditions…)."""
        texts: dict[str, list[str]] = {}
        for kind, text in self._query(
            "SELECT kind, text FROM job_group_texts WHERE code_rome = ? ORDER BY kind, position",
            (code_rome,),
        ):
            texts.setdefault(kind, []).append(text)
        return texts

    def skills(self, code_rome: str) -> list[Skill]:
        return [
            Skill(*row)
            for row in self._query(
                "SELECT s.code_ogr, s.label, s.kind, l.block, l.position FROM job_group_skills l "
                "JOIN skills s USING (code_ogr) WHERE l.code_rome = ? ORDER BY l.block, l.position",
                (code_rome,),
            )
        ]

    def work_environments(self, code_rome: str) -> dict[str, list[str]]:
        """Structures, sectors and conditions in which a job is done."""
        environments: dict[str, list[str]] = {}
        for section, label in self._query(
            "SELECT e.section, e.label FROM job_group_environments l "
            "JOIN work_environments e USING (code_ogr) WHERE l.code_rome = ? ORDER BY e.section, e.label",
            (code_rome,),
        ):
            environments.setdefault(section, []).append(label)
        return environments

    def mobility(self, code_rome: str) -> list[MobilityLink]:
        """Where people in a job group can move to."""
        return [
            MobilityLink(*row)
            for row in self._query(
                "SELECT source_rome, target_rome, kind, source_title, target_title FROM mobility "
                "WHERE source_rome = ? ORDER BY kind, target_rome, target_title",
                (code_rome,),
            )
        ]

    def market(self, code_rome: str, departement: str) -> MarketStats | None:
        """IMT figures for a job group in a département, or None where the bundle has none."""
        rows = self._market_rows("WHERE code_rome = ? AND departement = ?", (code_rome, departement))
        return rows[0] if rows else None

    def market_by_departement(self, code_rome: str) -> dict[str, MarketStats]:
        """IMT figures for a job group in every département that has some, in one query."""
        return {stats.departement: stats for stats in self._market_rows("WHERE code_rome = ?", (code_rome,))}

    def _market_rows(self, where: str, parameters: tuple[object, ...]) -> list[MarketStats]:
        if not self.market_available:
            return []
        stats = []
        for row in self._query(
            "SELECT code_rome, departement, offers_last_week, applicants_last_week, offers_end_month, "
            f"applicants_end_month, tension_ratio, seasonal, seasonal_months, period FROM market_stats {where}",
            parameters,
        ):
            months = tuple(int(m) for m in row[8].split()) if row[8] else ()
            seasonal = None if row[7] is None else bool(row[7])
            stats.append(MarketStats(row[0], row[1], row[2], row[3], row[4], row[5], row[6], seasonal, months, row[9]))
        return stats

    # --- Geography ------------------------------------------------------------

    def communes_by_postcode(self, postcode: str) -> list[Commune]:
        if self._communes_by_postcode is None:
            by_postcode: dict[str, list[Commune]] = {}
            for commune in self.communes.values():
                for code in commune.postcodes:
                    by_postcode.setdefault(code, []).append(commune)
            self._communes_by_postcode = by_postcode
        return list(self._communes_by_postcode.get(postcode, ()))

    def current_commune(self, code: str) -> Commune | None:
        """The city for an INSEE code, resolving arrondissements and former communes."""
        commune = self.communes.get(code)
        if commune is None:
            parents = {former.parent for former in self.former_communes if former.code == code}
            commune = self.communes.get(parents.pop()) if len(parents) == 1 else None
        if commune is not None and commune.parent:
            return self.communes.get(commune.parent, commune)
        return commune

    # --- Plumbing ---------------------------------------------------------------

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        if self._connection is None:
            return []
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def iter_rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """All rows of a bundle table, for notebooks and exports."""
        from bob_emploi.data.schema import TABLES

        if table not in TABLES:
            raise BundleError(f"unknown table {table!r}; known: {', '.join(sorted(TABLES))}")
        yield from self._query(f"SELECT * FROM {table}")  # table name checked above

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _load_core(connection: sqlite3.Connection, path: Path) -> Referential:
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    version = int(meta.get("schema_version", "0"))
    if version != SCHEMA_VERSION:
        raise BundleError(
            f"{path}: bundle schema version {version}, this Bob reads version {SCHEMA_VERSION}: "
            "rebuild it with `bob data build`"
        )
    fap_codes: dict[str, list[str]] = {}
    for code_rome, code_fap in connection.execute(
        "SELECT DISTINCT code_rome, code_fap FROM rome_fap ORDER BY code_rome, code_fap"
    ):
        fap_codes.setdefault(code_rome, []).append(code_fap)
    job_groups = {
        row[0]: JobGroup(row[0], row[1], row[2], row[3], tuple(fap_codes.get(row[0], ())), bool(row[4]))
        for row in connection.execute("SELECT code_rome, name, riasec_major, riasec_minor, repaired FROM job_groups")
    }
    job_titles = {
        row[0]: JobTitle(*row)
        for row in connection.execute(
            "SELECT code_ogr, code_rome, neutral, masculine, feminine, short_masculine, short_feminine, "
            "frequency FROM job_titles"
        )
    }
    regions = {row[0]: Region(*row) for row in connection.execute("SELECT code, name, zone, in_phrase FROM regions")}
    departements = {
        row[0]: Departement(*row)
        for row in connection.execute("SELECT code, name, region, zone, in_phrase, of_phrase FROM departements")
    }
    communes = {
        row[0]: Commune(
            row[0],
            row[1],
            row[2],
            row[3],
            tuple(row[4].split()) if row[4] else (),
            row[5],
            row[6],
            row[7],
            row[8],
        )
        for row in connection.execute(
            "SELECT code, name, departement, region, postcodes, population, kind, parent, zone FROM communes"
        )
    }
    former_communes = [
        FormerCommune(*row) for row in connection.execute("SELECT code, name, kind, parent FROM former_communes")
    ]
    return Referential(
        job_groups=job_groups,
        job_titles=job_titles,
        regions=regions,
        departements=departements,
        communes=communes,
        former_communes=former_communes,
        schema_version=version,
        checksum=meta.get("checksum", ""),
        market_available=meta.get("market_available") == "1",
        path=path,
        _connection=connection,
    )
