"""What the advisor reads from the bundle about a job group, computed once per job group.

The advisor runs on every page view and in batch over millions of people: the
SQLite queries and the text parsing behind these facts happen once per job
group (an LRU per referential), not once per person.
"""

from __future__ import annotations

import fnmatch
import re
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bob_emploi.advisor import schema
from bob_emploi.advisor.content import CONTENT
from bob_emploi.advisor.marketfacts import MarketFacts, ScoreTable, load_facts
from bob_emploi.data.referential import MarketStats, Referential, Skill

_JOB_CACHE_SIZE = 1024
_FACTS_CACHE_SIZE = 65_536  # job groups × départements asked for (about 160,000 exist; a few KB each)

# A sentence of the ROME "acces_metier" text that makes a qualification compulsory.
_REQUIRED = re.compile(
    r"(Diplôme d'[EÉ]tat|diplôme d'[EÉ]tat|\b(est|sont) (exigée?s?|obligatoires?|requise?s?)\b|\bobligatoire\b"
    # ROME 4.0 words it so: "l'assistant maternel doit impérativement obtenir un agrément".
    r"|\bdoit (impérativement |obligatoirement )?(obtenir|posséder|être titulaire)\b)"
)
_NOT_A_QUALIFICATION = re.compile(r"vaccin|condition physique|langue|aptitude médicale|casier|peu(ven)?t être", re.I)
# A requirement for some posts or activities only: not a condition to enter the job group.
_CONDITIONAL = re.compile(
    r"pour certain|selon|en nom propre|pour le commerce|pour le transport|pour les emplois|pour se présenter|"
    r"renouvellement|pour les postes|activité|pour la conduite|pour l'exercice de certaines|dans certains|"
    r"pour la possession|pour présenter|pour l'exploitation|pour l'enseignement|également",
    re.I,
)
# A requirement that the car driving licence alone fulfils.
_CAR_LICENCE_ONLY = re.compile(r"^(?!.*permis (poids|[CD]\b|BE|C1|D1)).*\bpermis B\b", re.I)
_QUALIFICATION = re.compile(
    r"diplôme|permis|carte professionnelle|habilitation|agrément|certificat|titre|FIMO|CACES", re.I
)
_DRIVING = re.compile(r"permis (B|C|D|de conduire|poids lourds?)\b|véhicule", re.I)
_SEASONAL = re.compile(r"saisonnier", re.I)
# Degree levels a ROME access text may mention, most demanding first.
_DEGREE_PATTERNS: tuple[tuple[schema.Degree, re.Pattern[str]], ...] = (
    ("bac+5", re.compile(r"Master|Bac\s*\+\s*5|diplôme d'ingénieur|Doctorat", re.I)),
    ("bac+3", re.compile(r"Licence|Bac\s*\+\s*3|Bachelor", re.I)),
    ("bac+2", re.compile(r"Bac\s*\+\s*2|BTS|DUT", re.I)),
    ("bac", re.compile(r"\bBac\b|Baccalauréat", re.I)),
    ("cap_bep", re.compile(r"CAP|BEP", re.I)),
)
_WITHOUT_DEGREE = re.compile(r"accessible sans diplôme|sans diplôme particulier", re.I)


@dataclass(frozen=True, slots=True)
class LegalRequirement:
    """A qualification the law requires to do a job, with its source and what exactly the law says."""

    pattern: str  # the ROME sentence that names it (quoted as the ROME's); else `sentence` is quoted
    sentence: str
    source: str  # the law
    note: str  # what the law requires, in exact words (the ROME's own sentence may simplify it)
    vae: bool = True  # a diploma or title the VAE can give; False for an authorisation given after a test


# Driving lifting and handling equipment: the law (Code du travail R4323-55) reserves it to trained workers
# and, for the equipment listed by the arrêté of 2 December 1998 (forklifts, cranes, construction
# machines…), to holders of an "autorisation de conduite" that the employer gives (R4323-56) after
# checking their fitness, knowledge and know-how; the CACES (Cnam recommendations R482-R490) is the usual
# proof of the latter, asked by most employers, but not itself written in the law. Not a diploma: no VAE.
_CACES_SOURCE = "Code du travail, articles R4323-55 et R4323-56\u00a0; arrêté du 2 décembre 1998"


def _caces(equipment: str, recommendation: str) -> LegalRequirement:
    return LegalRequirement(
        pattern=r"CACES",
        sentence=f"La conduite {equipment} exige une autorisation de conduite délivrée par l'employeur.",
        source=_CACES_SOURCE,
        note=(
            f"la conduite {equipment} est réservée aux salariés formés qui ont une autorisation de conduite "
            f"délivrée par l'employeur, le plus souvent après un CACES {recommendation}. Le CACES est un test, "
            "passé après une formation courte (parfois le test seul quand on conduit déjà)\u00a0: "
            "il ne s'obtient pas par la VAE"
        ),
        vae=False,
    )


# Qualifications the law requires, each with its legal source: where the ROME 4.0 `emploi_reglemente`
# flag is blank (private security), or where the ROME's wording ("CACES obligatoire") says more than the
# law, so that the advice says exactly what the law requires.
REGULATED_BY_LAW: dict[str, LegalRequirement] = {
    "K2503": LegalRequirement(
        pattern=r"CNAPS",
        sentence="Il faut être titulaire d'une carte professionnelle délivrée par le CNAPS.",
        source="Code de la sécurité intérieure, article L612-20",
        note=(
            "une activité de sécurité privée ne s'exerce qu'avec une carte professionnelle délivrée par le "
            "CNAPS, qui demande une certification professionnelle du métier"
        ),
    ),
    "N1101": _caces("des chariots élévateurs", "R489"),
    "N1104": _caces("des ponts roulants et portiques", "R484"),
    "F1301": _caces("des grues", "R487 ou R490"),
    "F1302": _caces("des engins de chantier", "R482"),
}
UNDATED_VERSION = "as downloaded"  # bob_emploi.data.sources: the market files' version
DEGREE_ORDER: tuple[schema.Degree, ...] = ("none", "cap_bep", "bac", "bac+2", "bac+3", "bac+5")


@dataclass(frozen=True, slots=True)
class HiringChannel:
    code: str  # R1 placement, R2 network, R3 spontaneous application, R4 other
    label: str
    percent: float
    fap: str


@dataclass(frozen=True, slots=True)
class HiringProjects:
    """BMO hiring projects of a job family (FAP) in a département: figures of the whole FAP."""

    fap: str
    fap_label: str
    projects: float
    difficult: float | None
    seasonal: float | None
    withheld: int  # catchment-area figures withheld by statistical secrecy: the sums are then lower bounds

    @property
    def difficult_share(self) -> float | None:
        return None if self.difficult is None or self.projects <= 0 else 100 * self.difficult / self.projects

    @property
    def seasonal_share(self) -> float | None:
        return None if self.seasonal is None or self.projects <= 0 else 100 * self.seasonal / self.projects


@dataclass(frozen=True, slots=True)
class JobData:
    """Facts about one job group, from the ROME and (when the bundle has them) the IMT."""

    code_rome: str
    name: str
    required_quote: str | None  # the ROME sentence that makes a qualification compulsory (a regulated job only)
    managerial: bool  # ROME 4.0 emploi_cadre (False on ROME v3: no flag)
    regulated: bool  # ROME 4.0 emploi_reglemente, REGULATED_BY_LAW, or (ROME v3: no flag) the ROME text alone
    usual_quote: str | None  # a "required" sentence on a job the law does not regulate: "souvent demandé"
    legal_source: str | None  # the law behind a REGULATED_BY_LAW entry
    legal_note: str | None  # what that law requires, in exact words
    vae_applies: bool  # the required qualification can be obtained by the VAE (not an authorisation)
    required_is_car_licence: bool  # that qualification is the car driving licence (permis B) alone
    first_degree: schema.Degree | None  # the degree the ROME mentions first for this job
    degree_quote: str | None
    driving_quote: str | None
    seasonal_quote: str | None
    close_groups: tuple[str, ...]
    structures: tuple[str, ...]
    sectors: tuple[str, ...]
    market: dict[str, MarketStats]  # by département; empty without market data
    hiring_channels: tuple[HiringChannel, ...]
    contracts: dict[str, dict[str, float]]  # by département: IMT contract code → share of offers (%)
    hiring_projects: dict[str, HiringProjects]  # by département, BMO, for the job group's first FAP with figures


# Skills compared between jobs (advisor.closejobs): savoir-faire and savoirs. Soft skills (savoir-être, 16 in
# all, shared by most jobs) say nothing about closeness; a certification is not had by doing the job.
_NOT_COMPARED_CATEGORY = "Certifications et habilitations"


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one object per job group (cached)
class JobSkills:
    """The skills of a job group that can be compared with another's (by ROME 4.0 skill code)."""

    code_rome: str
    skills: tuple[Skill, ...]  # savoir-faire then savoirs, in the order of the job's sheet
    codes: frozenset[str]
    macros: frozenset[str]  # labels of the macro-skills they belong to ("Conditionner des produits")


def _load_skills(referential: Referential, code_rome: str) -> JobSkills:
    skills = tuple(
        skill
        for skill in referential.skills(code_rome)
        if skill.kind != "savoir-etre" and skill.category != _NOT_COMPARED_CATEGORY
    )
    return JobSkills(
        code_rome=code_rome,
        skills=skills,
        codes=frozenset(skill.code_ogr for skill in skills),
        macros=frozenset(skill.macro_label for skill in skills if skill.macro_label),
    )


def _sentences(paragraphs: list[str]) -> list[str]:
    return [sentence.strip() for paragraph in paragraphs for sentence in re.split(r"(?<=\.)\s+", paragraph)]


def _first(sentences: list[str], pattern: re.Pattern[str]) -> str | None:
    return next((sentence for sentence in sentences if pattern.search(sentence)), None)


def _required_quote(sentences: list[str]) -> str | None:
    for sentence in sentences:
        if (
            _REQUIRED.search(sentence)
            and _QUALIFICATION.search(sentence)
            and not _NOT_A_QUALIFICATION.search(sentence)
            and not _CONDITIONAL.search(sentence)
            and "accessible avec le Diplôme" not in sentence  # handled below, it names the diploma
        ):
            return sentence
        if re.search(r"accessible avec le Diplôme d'[EÉ]tat", sentence):
            return sentence
    return None


def _first_degree(sentences: list[str]) -> tuple[schema.Degree | None, str | None]:
    """The lowest degree named by the first "accessible avec…" sentence naming one (a range gives its floor)."""
    for sentence in sentences:
        if "accessible" not in sentence or _WITHOUT_DEGREE.search(sentence):
            continue
        named = [degree for degree, pattern in _DEGREE_PATTERNS if pattern.search(sentence)]
        if named:
            return named[-1], sentence
    return None, None


def _hiring_channels(referential: Referential, fap_codes: tuple[str, ...]) -> tuple[HiringChannel, ...]:
    if not referential.market_available:
        return ()
    for fap in fap_codes:
        rows = referential._query(
            "SELECT channel, label, percent FROM hiring_channels WHERE code_fap = ? ORDER BY channel", (fap,)
        )
        if rows:
            return tuple(HiringChannel(code, label, float(percent), fap) for code, label, percent in rows)
    return ()


def _contracts(referential: Referential, code_rome: str) -> dict[str, dict[str, float]]:
    if not referential.market_available:
        return {}
    contracts: dict[str, dict[str, float]] = {}
    for departement, contract, percent in referential._query(
        "SELECT departement, contract, percent FROM contract_shares WHERE code_rome = ? AND percent IS NOT NULL",
        (code_rome,),
    ):
        contracts.setdefault(departement, {})[contract] = float(percent)
    return contracts


def _hiring_projects(referential: Referential, fap_codes: tuple[str, ...]) -> dict[str, HiringProjects]:
    if not referential.market_available:
        return {}
    projects: dict[str, HiringProjects] = {}
    for fap in fap_codes:
        label_rows = referential._query("SELECT label FROM fap WHERE code = ?", (fap,))
        label = label_rows[0][0] if label_rows else fap
        for departement, total, difficult, seasonal, withheld in referential._query(
            "SELECT departement, projects, difficult, seasonal, withheld FROM bmo WHERE code_fap = ? "
            "AND projects IS NOT NULL",
            (fap,),
        ):
            if departement not in projects:
                projects[departement] = HiringProjects(fap, label, float(total), difficult, seasonal, int(withheld))
    return projects


def _load_job(referential: Referential, code_rome: str) -> JobData:
    group = referential.job_groups[code_rome]
    access = _sentences(referential.texts(code_rome).get("acces_metier", []))
    first_degree, degree_quote = _first_degree(access)
    required = _required_quote(access)
    usual = None
    legal = REGULATED_BY_LAW.get(code_rome)
    if legal is not None:
        required = _first(access, re.compile(legal.pattern)) or legal.sentence
        regulated = True
    elif group.regulated is None:  # ROME v3: no flag, the text decides (as before issue 12)
        regulated = required is not None
    else:
        regulated = group.regulated
        if not regulated:
            required, usual = None, required
    close: list[str] = []
    for link in referential.mobility(code_rome):
        if (
            link.is_close
            and link.target_rome != code_rome
            and link.target_rome in referential.job_groups
            and link.target_rome not in close
        ):
            close.append(link.target_rome)
    environments = referential.work_environments(code_rome)
    return JobData(
        code_rome=code_rome,
        name=group.name,
        required_quote=required,
        regulated=regulated,
        managerial=bool(group.managerial),
        usual_quote=usual,
        legal_source=legal.source if legal is not None else None,
        legal_note=legal.note if legal is not None else None,
        vae_applies=legal is None or legal.vae,
        required_is_car_licence=bool(required and _CAR_LICENCE_ONLY.search(required)),
        first_degree=first_degree,
        degree_quote=degree_quote,
        driving_quote=_first(access, _DRIVING),
        seasonal_quote=_first(access, _SEASONAL),
        close_groups=tuple(close),
        # v347 sections, else ROME 4.0's structure contexts and activity sectors.
        structures=tuple(environments.get("structures", ()) or environments.get("Types de structures", ())),
        sectors=tuple(environments.get("secteurs", ())) or tuple(s.label for s in referential.sectors(code_rome)),
        market=referential.market_by_departement(code_rome),
        hiring_channels=_hiring_channels(referential, group.fap_codes),
        contracts=_contracts(referential, code_rome),
        hiring_projects=_hiring_projects(referential, group.fap_codes),
    )


class ReferentialData:
    """The advisor's per-referential caches: job facts (LRU) and the sources it cites."""

    def __init__(self, referential: Referential) -> None:
        self._referential = weakref.ref(referential)
        self.job: Callable[[str], JobData] = lru_cache(maxsize=_JOB_CACHE_SIZE)(self._job)
        # The real market figures per job group and département (advisor.marketfacts), computed once.
        self.facts: Callable[[str, str], MarketFacts] = lru_cache(maxsize=_FACTS_CACHE_SIZE)(self._facts)
        # The comparable skills of a job group (advisor.closejobs), read once per job group.
        self.skills: Callable[[str], JobSkills] = lru_cache(maxsize=_JOB_CACHE_SIZE * 2)(self._skills)
        self.sources = self._load_sources(referential)
        self._scores: ScoreTable | None = None

    def score(self, code_rome: str, departement: str) -> int | None:
        """`facts(code_rome, departement).score` without building the figures (advisor.marketfacts.ScoreTable):
        for the many close jobs and départements a verdict only compares."""
        if self._scores is None:
            referential = self._referential()
            if referential is None:  # pragma: no cover - the caller holds the referential
                raise RuntimeError("the referential was garbage-collected")
            self._scores = ScoreTable(referential)
        return self._scores.score(code_rome, departement)

    def _job(self, code_rome: str) -> JobData:
        referential = self._referential()
        if referential is None:  # pragma: no cover - the caller holds the referential
            raise RuntimeError("the referential was garbage-collected")
        return _load_job(referential, code_rome)

    def _skills(self, code_rome: str) -> JobSkills:
        referential = self._referential()
        if referential is None:  # pragma: no cover - the caller holds the referential
            raise RuntimeError("the referential was garbage-collected")
        return _load_skills(referential, code_rome)

    def _facts(self, code_rome: str, departement: str) -> MarketFacts:
        referential = self._referential()
        if referential is None:  # pragma: no cover - the caller holds the referential
            raise RuntimeError("the referential was garbage-collected")
        return load_facts(referential, code_rome, departement)

    @staticmethod
    def _load_sources(referential: Referential) -> dict[str, schema.Source]:
        rows = sorted(referential.iter_rows("sources"))
        sources: dict[str, schema.Source] = {}
        for source_id, text in CONTENT.sources.items():
            row = next((row for row in rows if fnmatch.fnmatchcase(row[0], text.file)), None)
            if row is None:
                continue
            _, publisher, _, version, url, _, _ = row
            if version == UNDATED_VERSION:  # market files carry no version of their own
                version = CONTENT.labels["market"]["undated"].neutral
            sources[source_id] = schema.Source(
                id=source_id, title=text.title, publisher=text.publisher or publisher, date=version, url=url
            )
        return sources


_CACHES: dict[int, tuple[weakref.ref[Referential], ReferentialData]] = {}
_CACHES_LOCK = threading.Lock()


def referential_data(referential: Referential) -> ReferentialData:
    """The caches of this referential object (a Referential is not hashable: keyed by identity)."""
    entry = _CACHES.get(id(referential))
    if entry is not None and entry[0]() is referential:
        return entry[1]
    with _CACHES_LOCK:
        for key in [key for key, (ref, _) in _CACHES.items() if ref() is None]:
            del _CACHES[key]
        data = ReferentialData(referential)
        _CACHES[id(referential)] = (weakref.ref(referential), data)
        return data
