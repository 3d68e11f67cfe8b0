"""Published labour-market figures as facts about a job and a place, each with its provenance.

This is the one place where the bundle's statistics become figures for a job
group: the advisor, the pages, the API and `bob data market` all read
`Referential.market_figures()`, so a figure shown twice is computed once.

How a figure reaches a job group (see docs/data.md, "Market figures"):

- statistics are published per job family (FAP), never per job group (fiche
  ROME); a ROME 4.0 job group is first taken to its ROME v3 parent;
- BMO 2024 / 2025: ROME v3 × every qualification → FAP 2021 341-level families
  (DARES crosswalk) → their 228-level parents, the level BMO publishes;
- BMO 2023, DARES tensions, salaries and job seekers: ROME v3 → FAP 2009
  (DARES crosswalk, table `rome_fap`);
- Mobiville: per ROME v3 job group directly.

A family groups several job groups, so its figure is never presented as the
job group's own: `Figure.subject` says whose figure it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

if TYPE_CHECKING:
    from bob_emploi.data.referential import Referential

TerritoryType = Literal["bassin", "departement", "region", "france"]
Nomenclature = Literal["FAP2009", "FAP2021"]
FRANCE = "FR"
BMO_YEARS = (2023, 2024, 2025)
CHANGE_YEARS = (2023, 2025)  # the change of hiring projects compares these surveys
BMO_PUBLISHER = "France Travail"
DARES_PUBLISHER = "DARES"
_T = TypeVar("_T")

# Explanatory tension indicators (DARES and Mobiville alike), in the bundle's column order.
INDICATOR_LABELS = {
    "hiring_intensity": "Intensité d'embauches",
    "training_link": "Lien entre formation et emploi",
    "labour_shortage": "Manque de main-d'œuvre disponible",
    "non_durable_jobs": "Non-durabilité de l'emploi",
    "working_conditions": "Conditions de travail contraignantes",
    "geographic_mismatch": "Inadéquation géographique",
}


@dataclass(frozen=True, slots=True)
class Territory:
    type: TerritoryType
    code: str
    name: str  # French: "Savoie", "Auvergne-Rhône-Alpes", "France"


@dataclass(frozen=True, slots=True)
class Figure:
    """One published figure with everything needed to show it honestly.

    `value` is None when the publisher withheld it or published nothing for this
    territory (`note` says which); `withheld` counts the figures the publisher
    withheld from a sum, which is then a lower bound.
    """

    value: float | None
    unit: str  # 'projets de recrutement', '%', 'indice', 'classe 1-5', '€ net par mois'…
    label: str  # what the figure is: "Projets de recrutement"
    subject: str  # whose figure: "la famille de métiers « Serveurs de cafés restaurants »"
    subject_code: str  # S2X61
    territory: Territory
    dataset: str  # "Enquête Besoins en main-d'œuvre (BMO) 2025"
    year: int
    publisher: str  # "France Travail", "DARES"
    withheld: int = 0
    period: str = ""  # when the figure covers more than its year: "2017-2019"
    note: str = ""  # a caveat to show with the figure

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "subject": self.subject,
            "subject_code": self.subject_code,
            "territory": {"type": self.territory.type, "code": self.territory.code, "name": self.territory.name},
            "dataset": self.dataset,
            "year": self.year,
            "period": self.period,
            "publisher": self.publisher,
            "withheld": self.withheld,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Family:
    """A job family (FAP) whose statistics a job group reads, and why."""

    nomenclature: Nomenclature
    code: str  # FAP 2021 228-level (S2X61) or FAP 2009 225-level (S2Z61)
    label: str
    # Qualification digits (0-9) of the job group that lead to this family; empty = all of them.
    qualifications: tuple[str, ...] = ()

    @property
    def subject(self) -> str:
        return f"la famille de métiers «\u00a0{self.label}\u00a0»"


def families(referential: Referential, code_rome: str) -> list[Family]:
    """The FAP families a job group's statistics come from: FAP 2021 (BMO 2024+) then FAP 2009.

    Families reached from more qualification levels come first: for G1803 (service
    en restauration), S2X61 "Serveurs de cafés restaurants" before the cadres' S3X90.
    For a job ROME 4.0 flags as managerial (`emploi_cadre`), the family of the cadres'
    level (qualification 9) comes first: F1101 "Architecte du bâtiment" reads B7X90
    "Architectes", not A1X41 "Jardiniers des espaces verts", which the crosswalk gives the
    landscape trades of the same v3 fiche at levels 0-6.
    Computed once per job group and bundle (the bundle is read-only).
    """
    return list(_shared(referential, ("families", code_rome), partial(_families, referential, code_rome)))


CADRE_QUALIFICATION = "9"  # the DARES crosswalk's qualification digit of cadres


def _families(referential: Referential, code_rome: str) -> list[Family]:
    v3 = rome_v3(referential, code_rome)
    group = referential.job_groups.get(code_rome)
    managerial = bool(group and group.managerial)

    def rank(item: tuple[str, list[str]]) -> tuple[bool, int, str]:
        code, qualifications = item
        return (not (managerial and CADRE_QUALIFICATION in qualifications), -len(qualifications), code)

    result: list[Family] = []
    by_228: dict[str, list[str]] = {}
    for qualification, code_228 in (
        referential._query(
            "SELECT l.qualification, f.parent FROM rome_fap2021 l "
            "JOIN fap2021 f ON f.level = 341 AND f.code = l.code_fap341 WHERE l.code_rome_v3 = ?",
            (v3,),
        )
        if _has(referential, "rome_fap2021")
        else []
    ):
        by_228.setdefault(code_228, []).append(qualification)
    labels = _labels(referential, "SELECT code, label FROM fap2021 WHERE level = 228 AND code IN ", by_228)
    for code, qualifications in sorted(by_228.items(), key=rank):
        result.append(Family("FAP2021", code, labels.get(code, code), tuple(sorted(qualifications))))
    by_2009: dict[str, list[str]] = {}
    for code, qualification in referential._query(
        "SELECT code_fap, qualification FROM rome_fap WHERE code_rome = ?", (v3,)
    ):
        by_2009.setdefault(code, []).append(qualification)
    labels_2009 = _labels(referential, "SELECT code, label FROM fap WHERE code IN ", by_2009)
    for code, qualifications in sorted(by_2009.items(), key=rank):
        digits = tuple(sorted(q for q in qualifications if q))
        result.append(Family("FAP2009", code, labels_2009.get(code, code), digits))
    return result


def _labels(referential: Referential, select: str, codes: dict[str, list[str]]) -> dict[str, str]:
    """The labels of these codes only (reading every label on each call cost more than the figures)."""
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    return dict(referential._query(f"{select}({marks})", tuple(codes)))  # placeholders only, no text


def rome_v3(referential: Referential, code_rome: str) -> str:
    """The ROME v3 code statistics know a job group by: its `code_rome_parent` on a ROME 4.0 bundle."""
    group = referential.job_groups.get(code_rome)
    return group.code_rome_parent or code_rome if group is not None else code_rome


def _has(referential: Referential, table: str) -> bool:
    """Bundles built before the statistics were added lack their tables: no figures then, no crash."""
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return _shared(referential, ("has", table), lambda: bool(referential._query(query, (table,))))


def territories(referential: Referential, departement: str | None) -> list[Territory]:
    if departement is None:
        return [Territory("france", FRANCE, "France")]
    known = referential.departements.get(departement)
    if known is None:
        raise KeyError(f"unknown département {departement!r}")
    region = referential.regions.get(known.region)
    result = [Territory("departement", known.code, known.name)]
    if region is not None:
        result.append(Territory("region", region.code, region.name))
    return result


def _percent(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


def market_figures(
    referential: Referential,
    code_rome: str,
    departement: str | None = None,
    bmo_years: tuple[int, ...] = BMO_YEARS,
    factors: bool = True,
) -> list[Figure]:
    """Every figure the bundle holds for a job group, for a département and its région, or for France.

    `bmo_years` narrows the BMO surveys read: the advisor, which asks for thousands of job groups and
    départements, reads only 2023 and 2025 (the change between them, and the latest survey).
    `factors=False` leaves out DARES's explanatory tension factors, which no verdict reads.
    """
    if code_rome not in referential.job_groups:
        raise KeyError(f"unknown job group {code_rome!r}")
    places = territories(referential, departement)
    job_families = families(referential, code_rome)
    figures: list[Figure] = []
    if _has(referential, "bmo_area"):
        figures += _bmo(referential, job_families, places, bmo_years)
    if _has(referential, "dares_tensions"):
        figures += _dares(referential, [f for f in job_families if f.nomenclature == "FAP2009"], places, factors)
    if _has(referential, "mobiville"):
        figures += _mobiville(referential, code_rome, places[0])
    return figures


def _shared(referential: Referential, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """`compute()` once per bundle (the bundle is read-only), for what many requests share: a job group's
    families, which tables the bundle has, a région's, France's or a family's national figures.

    A département's figures are not kept: there are too many (families × départements) for a
    cache that lives as long as the bundle, and the advisor caches the ones it asks for.
    """
    memo = referential._figures_memo
    if key not in memo:
        memo[key] = compute()
    return cast(_T, memo[key])


def _bmo_years(referential: Referential) -> tuple[int, ...]:
    """The survey years the bundle holds: one indexed lookup per year (SELECT DISTINCT would scan the table)."""
    return _shared(
        referential,
        ("bmo_years",),
        lambda: tuple(
            year for year in BMO_YEARS if referential._query("SELECT 1 FROM bmo_area WHERE year = ? LIMIT 1", (year,))
        ),
    )


def _bmo(
    referential: Referential, job_families: list[Family], places: list[Territory], years: tuple[int, ...]
) -> list[Figure]:
    figures: list[Figure] = []
    projects: dict[tuple[int, str, str], tuple[float | None, int]] = {}
    for year in _bmo_years(referential):
        if year not in years:
            continue
        nomenclature = "FAP2009" if year < 2024 else "FAP2021"
        for family in job_families:
            if family.nomenclature != nomenclature:
                continue
            for place in places:
                if place.type == "departement":
                    found, total = _bmo_place(referential, year, family, place)
                else:
                    found, total = _shared(
                        referential,
                        ("bmo", year, family.nomenclature, family.code, place.type, place.code),
                        partial(_bmo_place, referential, year, family, place),
                    )
                projects[(year, family.code, place.code)] = total
                figures += found
    if CHANGE_YEARS[0] in years and CHANGE_YEARS[1] in years:
        figures += _bmo_change(job_families, places, projects)
    return figures


def _bmo_place(
    referential: Referential, year: int, family: Family, place: Territory
) -> tuple[tuple[Figure, ...], tuple[float | None, int]]:
    """One survey's figures for a family and a territory, and its projects (value, withheld) for the change."""
    dataset = f"Enquête Besoins en main-d'œuvre (BMO) {year}"
    rows = referential._query(
        "SELECT projects, difficult, seasonal, withheld, difficult_withheld, seasonal_withheld, bassins "
        "FROM bmo_area WHERE year = ? AND job_code = ? AND area_type = ? AND area_code = ?",
        (year, family.code, place.type, place.code),
    )
    if not rows:
        note = "aucun projet de recrutement publié pour ce territoire"
        row: tuple[Any, ...] = (None, None, None, 0, 0, 0, 0)
    else:
        row, note = rows[0], ""
    total, difficult, seasonal, withheld, difficult_withheld, seasonal_withheld, _bassins = row
    bound = "des chiffres de bassins sont couverts par le secret statistique\u00a0: c'est un minimum"
    figures = []
    for value, unit, label, hidden in (
        (total, "projets de recrutement", "Projets de recrutement", withheld),
        (_percent(difficult, total), "%", "Part des projets jugés difficiles", withheld + difficult_withheld),
        (_percent(seasonal, total), "%", "Part des projets saisonniers", withheld + seasonal_withheld),
    ):
        caveat = note or (bound if hidden and unit != "%" else "")
        if hidden and unit == "%" and not note:
            caveat = "approché\u00a0: des chiffres de bassins sont couverts par le secret statistique"
        if hidden and value is None and not note:
            caveat = "non publié\u00a0: couvert par le secret statistique"
        figures.append(
            Figure(
                value, unit, label, family.subject, family.code, place, dataset, year, BMO_PUBLISHER, hidden,
                note=caveat,
            )
        )  # fmt: skip
    return tuple(figures), (total, withheld)


def _bmo_change(
    job_families: list[Family], places: list[Territory], projects: dict[tuple[int, str, str], tuple[float | None, int]]
) -> list[Figure]:
    """2023 → 2025 change of hiring projects, only where a FAP 2021 family kept its FAP 2009 code
    (S2Z61 → S2X61: same family, renamed); elsewhere the families were redrawn and the change says so."""
    old_codes = {family.code for family in job_families if family.nomenclature == "FAP2009"}
    figures = []
    for family in job_families:
        if family.nomenclature != "FAP2021":
            continue
        old = family.code[:2] + "Z" + family.code[3:]
        for place in places:
            note = ""
            value = None
            withheld = 0
            if old not in old_codes:
                note = (
                    f"non comparable\u00a0: en 2023 (FAP 2009), ce métier relevait de {', '.join(sorted(old_codes))}, "
                    f"pas de {old}\u00a0; les familles ont été redécoupées en FAP 2021"
                )
            else:
                before, withheld_before = projects.get((2023, old, place.code), (None, 0))
                after, withheld_after = projects.get((2025, family.code, place.code), (None, 0))
                withheld = withheld_before + withheld_after
                if before and after is not None:
                    value = round(100 * (after - before) / before, 1)
                else:
                    note = "non calculable\u00a0: pas de chiffre publié pour l'une des deux années"
                if withheld and value is not None:
                    note = "indicatif\u00a0: des chiffres de bassins sont couverts par le secret statistique"
            figures.append(
                Figure(
                    value,
                    "%",
                    f"Évolution des projets de recrutement de 2023 à 2025 (FAP 2009 {old} → FAP 2021 {family.code})",
                    family.subject,
                    family.code,
                    place,
                    "Enquêtes Besoins en main-d'œuvre (BMO) 2023 et 2025",
                    2025,
                    BMO_PUBLISHER,
                    withheld,
                    period="2023-2025",
                    note=note,
                )
            )
    return figures


TENSION_DATASET = "Indicateurs de tension sur le marché du travail (DARES, Pôle emploi) 2019"


def _dares(
    referential: Referential, job_families: list[Family], places: list[Territory], factors: bool = True
) -> list[Figure]:
    figures: list[Figure] = []
    for family in job_families:
        for place in places:
            finest = factors and place is places[0]  # the explanatory factors only for the finest territory
            if place.type == "departement":
                figures += _tension(referential, family, place, finest)
            else:
                figures += _shared(
                    referential,
                    ("tension", family.code, place.type, place.code, finest),
                    partial(_tension, referential, family, place, finest),
                )
        figures += _shared(referential, ("national", family.code), partial(_national, referential, family))
    return figures


def _tension(referential: Referential, family: Family, place: Territory, finest: bool) -> tuple[Figure, ...]:
    rows = referential._query(
        "SELECT year, tension, tension_class, hiring_intensity, training_link, labour_shortage, "
        "non_durable_jobs, working_conditions, geographic_mismatch FROM dares_tensions "
        "WHERE fap = ? AND area_type = ? AND area_code = ?",
        (family.code, place.type, place.code),
    )
    if not rows:
        return ()
    year, tension, tension_class, *indicators = rows[0]
    labelled = [
        (tension_class, "classe 1-5", "Tension sur le recrutement (1 = très faible, 5 = très forte)"),
        (
            None if tension is None else round(tension, 3),
            "indice",
            "Indicateur de tension (0 = moyenne de tous les métiers en 2014-2018)",
        ),
    ]
    if finest:
        labelled += [
            (value, "classe 1-5", f"{label} (facteur de tension, de 1 à 5)")
            for label, value in zip(INDICATOR_LABELS.values(), indicators, strict=True)
        ]
    return tuple(
        Figure(value, unit, label, family.subject, family.code, place, TENSION_DATASET, year, DARES_PUBLISHER)
        for value, unit, label in labelled
    )


def _national(referential: Referential, family: Family) -> tuple[Figure, ...]:
    """A family's figures for France only (salary, job seekers): the same whatever the place asked."""
    figures = []
    france = Territory("france", FRANCE, "France")
    for period, salary in referential._query(
        "SELECT period, median FROM dares_salaries WHERE fap = ? ORDER BY period DESC LIMIT 1", (family.code,)
    ):
        figures.append(
            Figure(
                salary,
                "€ net par mois",
                "Salaire médian",
                family.subject,
                family.code,
                france,
                "Portraits statistiques des métiers (DARES)",
                int(period[-4:]),
                DARES_PUBLISHER,
                period=period,
                note="" if salary is not None else "non disponible",
            )
        )
    for year, category, thousands in referential._query(
        "SELECT year, category, thousands FROM dares_job_seekers WHERE fap = ? AND year = "
        "(SELECT MAX(year) FROM dares_job_seekers WHERE fap = ?) ORDER BY category",
        (family.code, family.code),
    ):
        figures.append(
            Figure(
                None if thousands is None else round(thousands * 1000),
                "demandeurs d'emploi",
                "Demandeurs d'emploi inscrits en " + ("catégorie A" if category == "A" else "catégories A, B, C"),
                family.subject,
                family.code,
                france,
                "Demandeurs d'emploi par métier (DARES, Pôle emploi)",
                int(year),
                DARES_PUBLISHER,
                note="moyenne annuelle",
            )
        )
    return tuple(figures)


def _mobiville(referential: Referential, code_rome: str, place: Territory) -> list[Figure]:
    v3 = rome_v3(referential, code_rome)
    where, parameters = ("", (v3,)) if place.type == "france" else (" AND departement = ?", (v3, place.code))
    rows = referential._query(
        "SELECT year, SUM(offers), SUM(job_seekers), COUNT(*) FROM mobiville "
        f"WHERE code_rome_v3 = ?{where} GROUP BY year",
        parameters,
    )
    subject = _rome_v3_subject(referential, code_rome, v3)
    figures = []
    for year, offers, job_seekers, bassins in rows:
        for value, unit, label in (
            (offers, "offres", "Offres d'emploi enregistrées (moyenne mensuelle)"),
            (job_seekers, "demandeurs d'emploi", "Demandeurs d'emploi inscrits en catégories A, B, C (moyenne)"),
        ):
            figures.append(
                Figure(
                    None if value is None else round(value, 1),
                    unit,
                    label,
                    subject,
                    v3,
                    place,
                    "Tension par métier et bassin d'emploi (Mobiville, Pôle emploi)",
                    int(year),
                    "Pôle emploi (France Travail)",
                    note=f"somme de {bassins} bassins d'emploi rattachés au territoire",
                )
            )
    return figures


def _rome_v3_subject(referential: Referential, code_rome: str, v3: str) -> str:
    """Whose figure a ROME v3 statistic is: the job group itself on a v3 bundle; on a ROME 4.0 bundle,
    the older fiche it derives from, which may group several of today's fiches."""
    children = [child.code_rome for child in referential.children_of(v3)] or [code_rome]
    group = referential.job_groups[code_rome]
    if children == [code_rome] and code_rome == v3:
        return f"la fiche ROME «\u00a0{group.name}\u00a0»"
    return (
        f"la fiche ROME v3 {v3}, qui regroupe {len(children)} fiche{'s' if len(children) > 1 else ''} ROME 4.0 "
        f"dont «\u00a0{group.name}\u00a0»"
    )


# --- Showing a figure in French -------------------------------------------------------------
# One pure-Python formatter for every place that writes a Figure into French text (the advisor's
# sentences, the job and market pages, the API's texts), so that a figure reads the same everywhere.
NBSP = "\u00a0"  # before « : ; ? ! % € » and between thousands, so a line never breaks inside "2 795"


def french_number(value: float, decimals: int = 0) -> str:
    """2795 → "2 795", 12.5 → "12,5" (decimals=1): thousands separated by a no-break space."""
    text = f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return text[:-2] if decimals and text.endswith(",0") else text


def french_value(figure: Figure) -> str:
    """The value with its unit: "2 795 projets de recrutement", "85 %", "classe 4 sur 5", "+12 %".

    A withheld or unpublished value gives "non publié"; a sum with withheld parts starts with "au moins".
    """
    if figure.value is None:
        return "non publié"
    if figure.unit == "%":
        sign = "+" if "Évolution" in figure.label and figure.value > 0 else ""
        return f"{sign}{french_number(figure.value)}{NBSP}%"
    if figure.unit == "classe 1-5":
        return f"classe {french_number(figure.value)} sur 5"
    if figure.unit == "indice":
        return french_number(figure.value, 2)
    text = f"{french_number(figure.value)} {figure.unit}".replace(" €", f"{NBSP}€")
    return f"au moins {text}" if figure.withheld else text


def french_source(figure: Figure) -> str:
    """Where the figure comes from, for a parenthesis: "enquête BMO 2025, France Travail"."""
    dataset = figure.dataset
    if dataset.startswith("Enquête Besoins en main-d'œuvre (BMO) "):
        dataset = "enquête BMO " + dataset.rsplit(" ", 1)[1]
    elif dataset.startswith("Enquêtes Besoins en main-d'œuvre (BMO)"):
        dataset = "enquêtes BMO" + dataset.split(")", 1)[1]
    else:  # "Indicateurs de tension … (DARES, Pôle emploi) 2019" → "Indicateurs de tension … 2019, DARES, Pôle emploi"
        name, _, rest = dataset.partition(" (")
        who, _, year = rest.partition(")")
        when = year.strip() or figure.period or str(figure.year)
        return f"{name} {when}, {who or figure.publisher}"
    return dataset if figure.publisher.split(" ")[0] in dataset else f"{dataset}, {figure.publisher}"
