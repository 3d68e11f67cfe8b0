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

from bob_emploi.data import figures
from bob_emploi.data.errors import BundleError
from bob_emploi.data.figures import Family, Figure
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
    # The gendered forms of `name` ("Conducteur / Conductrice d'engins agricoles"); empty on old records.
    masculine: str = ""
    feminine: str = ""
    # ROME 4.0: the ROME v3 fiche this one derives from (itself on a v347 bundle).
    code_rome_parent: str = ""
    # ROME 4.0 flags, None when the release does not say (v347): a qualification required by law,
    # a managerial (cadre) job.
    regulated: bool | None = None
    managerial: bool | None = None
    transitions: tuple[str, ...] = ()  # eco, num, demo: concerned by the ecological, digital, demographic transition
    domain: str = ""  # professional domain, e.g. A11

    def title(self, gender: Gender | None = None) -> str:
        """The name to show: gendered when the user told us, the published form otherwise."""
        if gender == "masculine" and self.masculine:
            return self.masculine
        if gender == "feminine" and self.feminine:
            return self.feminine
        return self.name


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
    main: bool = False  # ROME 4.0: the fiche's main title
    rarely_used: bool = False  # ROME 4.0: a title the ROME marks as seldom used

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
    # v347 types its links close or evolution; ROME 4.0 no longer does (mobility).
    kind: Literal["close", "evolution", "mobility"]
    source_title: str | None = None
    target_title: str | None = None
    position: int | None = None  # ROME 4.0's order of the links of a job group

    @property
    def is_close(self) -> bool:
        """Whether to show the target as a close job: ROME 4.0's untyped links are (its sheets call
        them "emplois et métiers proches")."""
        return self.kind in ("close", "mobility")


SKILL_KINDS = ("savoir-faire", "savoir-etre", "savoir")


@dataclass(frozen=True, slots=True)
class Skill:
    code_ogr: str
    label: str
    kind: str  # one of SKILL_KINDS
    block: int
    position: int
    category: str = ""  # ROME 4.0: Technique, Transverse… for skills, the knowledge category for savoirs
    macro_label: str | None = None  # ROME 4.0: the macro-skill this skill belongs to
    core: bool = False  # ROME 4.0: one of the job's core skills


@dataclass(frozen=True, slots=True)
class Domain:
    code: str  # A (big domain) or A11 (professional domain)
    label: str
    level: Literal["grand", "professionnel"]
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Sector:
    code: str
    label: str
    parent: str | None = None  # the sector of a sub-sector
    main: bool = False  # the job group's main sector


@dataclass(frozen=True, slots=True)
class Theme:
    code: str
    label: str
    definition: str = ""


@dataclass(frozen=True, slots=True)
class NafDivision:
    code: str  # two digits; 00 = across sectors
    label: str


@dataclass(frozen=True, slots=True)
class CentreOfInterest:
    code: str
    label: str  # "J'ai envie de créer, construire, rénover"
    definition: str = ""


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
    rome_version: str = "347"  # the ROME release the bundle was built from: 347 (v3) or 460… (4.0)
    _connection: sqlite3.Connection | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _titles_by_group: dict[str, list[JobTitle]] | None = field(default=None, repr=False)
    _children_by_parent: dict[str, list[JobGroup]] | None = field(default=None, repr=False)
    # What `figures.py` derives once per bundle and job group (tables present, families): read-only data.
    _figures_memo: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)
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

    def children_of(self, code_rome_v3: str) -> list[JobGroup]:
        """The ROME 4.0 job groups derived from a ROME v3 fiche (on a v347 bundle: the fiche itself)."""
        if self._children_by_parent is None:  # indexed once: market_figures asks for every figure's subject
            by_parent: dict[str, list[JobGroup]] = {}
            for group in sorted(self.job_groups.values(), key=lambda group: group.code_rome):
                if group.code_rome_parent:
                    by_parent.setdefault(group.code_rome_parent, []).append(group)
            self._children_by_parent = by_parent
        return list(self._children_by_parent.get(code_rome_v3, ()))

    def skills(self, code_rome: str) -> list[Skill]:
        """A job group's skills in the order of its sheet: savoir-faire, savoir-être, savoirs."""
        return [
            Skill(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]))
            for row in self._query(
                "SELECT s.code_ogr, s.label, s.kind, l.block, l.position, s.category, s.macro_label, l.core "
                "FROM job_group_skills l JOIN skills s USING (code_ogr) WHERE l.code_rome = ? "
                "ORDER BY l.block, l.position",
                (code_rome,),
            )
        ]

    def skills_by_category(self, code_rome: str) -> dict[str, list[Skill]]:
        """A job group's skills by kind, in this order: savoir-faire, savoir-etre, savoir (kinds it has)."""
        by_kind: dict[str, list[Skill]] = {kind: [] for kind in SKILL_KINDS}
        for skill in self.skills(code_rome):
            by_kind.setdefault(skill.kind, []).append(skill)
        return {kind: skills for kind, skills in by_kind.items() if skills}

    def domain_of(self, code_rome: str) -> Domain | None:
        """The professional domain of a job group (A11 Engins agricoles et forestiers), None when unknown."""
        group = self.job_groups.get(code_rome)
        if group is None or not group.domain:
            return None
        rows = self._query("SELECT code, label, level, parent FROM domains WHERE code = ?", (group.domain,))
        return Domain(*rows[0]) if rows else None

    def sectors(self, code_rome: str) -> list[Sector]:
        """The activity sectors (or sub-sectors) a job group works in, its main one first."""
        return [
            Sector(row[0], row[1], row[2], bool(row[3]))
            for row in self._query(
                "SELECT s.code, s.label, s.parent, l.main FROM job_group_sectors l JOIN sectors s "
                "ON s.code = l.sector WHERE l.code_rome = ? ORDER BY l.main DESC, s.label",
                (code_rome,),
            )
        ]

    def themes(self, code_rome: str) -> list[Theme]:
        return [
            Theme(*row)
            for row in self._query(
                "SELECT t.code, t.label, t.definition FROM job_group_themes l JOIN themes t ON t.code = l.theme "
                "WHERE l.code_rome = ? ORDER BY t.code",
                (code_rome,),
            )
        ]

    def naf_divisions(self, code_rome: str) -> list[NafDivision]:
        """The NAF divisions (economic activities) where France Travail classifies a job group."""
        return [
            NafDivision(*row)
            for row in self._query(
                "SELECT naf_division, label FROM job_group_naf WHERE code_rome = ? ORDER BY naf_division",
                (code_rome,),
            )
        ]

    def centres_of_interest(self) -> list[CentreOfInterest]:
        """ROME 4.0's centres of interest, in their published order (empty on a v347 bundle)."""
        return [
            CentreOfInterest(*row)
            for row in self._query(
                "SELECT code, label, definition FROM centres_of_interest ORDER BY length(code), code"
            )
        ]

    def job_groups_for_interest(self, code: str) -> list[JobGroup]:
        """The job groups matching a centre of interest: those for which it is a main interest first."""
        return [
            self.job_groups[row[0]]
            for row in self._query(
                "SELECT code_rome FROM job_group_interests WHERE code = ? ORDER BY main DESC, code_rome", (code,)
            )
            if row[0] in self.job_groups
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
        """Where people in a job group can move to, by kind, then in ROME 4.0's order."""
        return [
            MobilityLink(*row)
            for row in self._query(
                "SELECT source_rome, target_rome, kind, source_title, target_title, position FROM mobility "
                "WHERE source_rome = ? ORDER BY kind, position, target_rome, target_title",
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

    # --- Published labour-market statistics (BMO, DARES, Mobiville) -----------

    def bmo_families(self, code_rome: str) -> list[Family]:
        """The job families (FAP) whose statistics stand for a job group, main family first.

        Statistics are published per family, never per job group: FAP 2021 families
        (BMO 2024+) through the DARES crosswalk of the group's ROME v3 code over every
        qualification level, then FAP 2009 families (BMO 2023, DARES). Show a family's
        figure as the family's (`Family.subject`), not as the job group's own.
        """
        return figures.families(self, code_rome)

    def market_figures(
        self,
        code_rome: str,
        departement: str | None = None,
        bmo_years: tuple[int, ...] | None = None,
        factors: bool = True,
    ) -> list[Figure]:
        """Every published figure the bundle holds for a job group, each with its provenance.

        With a département: its figures and its région's; without: France's. BMO 2023-2025
        (projects, % difficult, % seasonal, 2023 -> 2025 change where the families allow),
        DARES tensions, median salary and job seekers, Mobiville offers and job seekers.
        Raises KeyError for an unknown job group or département; an empty list means the
        bundle has no statistics (built without them). See docs/data.md, "Market figures".
        `bmo_years` reads only these BMO surveys (all by default); `factors=False` leaves out the DARES
        tension factors.
        """
        return figures.market_figures(self, code_rome, departement, bmo_years or figures.BMO_YEARS, factors)

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
        row[0]: JobGroup(
            row[0],
            row[1],
            row[2],
            row[3],
            tuple(fap_codes.get(row[0], ())),
            bool(row[4]),
            row[5],
            row[6],
            row[7],
            None if row[8] is None else bool(row[8]),
            None if row[9] is None else bool(row[9]),
            tuple(row[10].split()),
            row[11],
        )
        for row in connection.execute(
            "SELECT code_rome, name, riasec_major, riasec_minor, repaired, masculine, feminine, code_rome_parent, "
            "regulated, managerial, transitions, domain FROM job_groups"
        )
    }
    job_titles = {
        row[0]: JobTitle(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]), bool(row[9]))
        for row in connection.execute(
            "SELECT code_ogr, code_rome, neutral, masculine, feminine, short_masculine, short_feminine, "
            "frequency, main, rarely_used FROM job_titles"
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
        rome_version=meta.get("rome_version", "347"),
        _connection=connection,
    )
