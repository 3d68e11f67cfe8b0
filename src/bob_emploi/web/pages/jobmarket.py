"""The published market figures of a job group in a département, as the job page shows them.

The figures themselves come from `Referential.market_figures()` (one definition for the
whole project); the first-screen ones are picked by `bob_emploi.advisor.marketfacts.load_facts`,
the same choice the diagnostic makes, and written in French by `bob_emploi.data.figures`
(`french_value`, `french_source`), so the job page and the diagnostic say the same number with
the same words. This module adds what only the pictures need: the 2023-2025 trend, the
seasonal shares of the département and its région, the close jobs' local hiring, and every
département's BMO figures for the map (hiring projects per 10,000 inhabitants or % difficult).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bob_emploi.advisor.marketfacts import load_facts
from bob_emploi.data.figures import Family, Figure, french_number, french_source, french_value
from bob_emploi.data.referential import Departement, Referential

BMO_YEAR = 2025
BMO_SOURCE = f"enquête BMO {BMO_YEAR}, France Travail"
POPULATION_SOURCE = "population des communes (INSEE, découpage administratif d'Etalab 6.0.0)"
MAP_FIGURES = {
    "habitants": "Projets de recrutement pour 10\u00a0000 habitants",
    "difficiles": "Part des projets jugés difficiles",
}


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure as a sentence's parts: what, the value, whose and where, the source; or why there is none."""

    label: str
    value: str  # "2 795 projets de recrutement"; "" when there is no figure
    whose: str  # "la famille de métiers « Serveurs de cafés restaurants », Savoie"
    source: str  # "enquête BMO 2025, France Travail"
    note: str = ""
    missing: str = ""  # the honest sentence when the value is missing or withheld

    @property
    def known(self) -> bool:
        return bool(self.value)


def fact(figure: Figure | None, label: str, missing: str) -> Fact:
    if figure is None:
        return Fact(label, "", "", "", missing=missing.rstrip(".") + ".")
    whose = f"{figure.subject}, {figure.territory.name}"
    if figure.value is None:
        reason = figure.note or "non publié"
        return Fact(label, "", whose, french_source(figure), missing=f"{missing} ({reason}).")
    return Fact(label, french_value(figure), whose, french_source(figure), note=figure.note)


@dataclass(frozen=True, slots=True)
class YearFigure:
    year: int
    family: str  # whose figure, named
    value: float | None
    text: str  # the value in French, or why there is none


@dataclass(frozen=True, slots=True)
class MapRow:
    departement: Departement
    projects: str  # as published, "au moins …" when bassins were withheld
    per_inhabitants: float | None
    difficult: float | None

    @property
    def per_inhabitants_text(self) -> str:
        return "pas de chiffre" if self.per_inhabitants is None else french_number(self.per_inhabitants, 1)

    @property
    def difficult_text(self) -> str:
        # Rounded as `french_value` rounds every share, so the table and the summary say the same.
        return "pas de chiffre" if self.difficult is None else f"{french_number(self.difficult)}\u00a0%"


@dataclass(frozen=True, slots=True)
class LocalMarket:
    departement: Departement
    family: Family | None  # the headline FAP 2021 family
    facts: list[Fact]
    indicators: list[Fact]  # the DARES factors that explain the tension, strongest first
    trend: list[YearFigure]
    seasonal: list[tuple[str, Figure, str]]  # (territory, BMO 2025 seasonal share, its value in French)
    map_rows: list[MapRow] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return any(item.known for item in self.facts)


def local_market(referential: Referential, code_rome: str, departement: Departement) -> LocalMarket:
    facts = load_facts(referential, code_rome, departement.code)
    figures = referential.market_figures(code_rome, departement.code)
    families = referential.bmo_families(code_rome)
    head = next((family for family in families if family.nomenclature == "FAP2021"), None)
    where = departement.in_phrase
    listed = [
        fact(
            facts.projects, f"Projets de recrutement en {BMO_YEAR}", f"Pas de chiffre de projets de recrutement {where}"
        ),
        fact(facts.difficult, "Part des projets jugés difficiles par les employeurs", "Pas de part publiée"),
        fact(facts.seasonal, "Part des projets saisonniers", "Pas de part publiée"),
        _change_fact(figures, head, where),
        fact(
            facts.tension,
            "Tension sur le recrutement (de 1, très faible, à 5, très forte)",
            f"Pas d'indicateur de tension publié {where}",
        ),
        fact(facts.salary, "Salaire médian (France entière)", "Pas de salaire médian publié"),
    ]
    indicators = sorted(
        (
            f
            for f in figures
            if "facteur de tension" in f.label and f.value is not None and f.territory.type == "departement"
        ),
        key=lambda f: -(f.value or 0),
    )[:3]
    return LocalMarket(
        departement=departement,
        family=head,
        facts=listed,
        indicators=[fact(f, f.label.split(" (", 1)[0], "") for f in indicators],
        trend=_trend(referential, figures, families, head),
        seasonal=[
            (f.territory.name, f, french_value(f))
            for f in figures
            if head is not None
            and f.year == BMO_YEAR
            and f.subject_code == head.code
            and f.label == "Part des projets saisonniers"
            and f.value is not None
        ],
        map_rows=map_rows(referential, head.code) if head else [],
    )


def _change_fact(figures: list[Figure], head: Family | None, where: str) -> Fact:
    change = next(
        (
            f
            for f in figures
            if head is not None
            and f.label.startswith("Évolution")
            and f.subject_code == head.code
            and f.territory.type == "departement"
        ),
        None,
    )
    label = "Évolution des projets de recrutement de 2023 à 2025"
    if change is None:
        return fact(None, label, f"Pas d'évolution calculable {where}.")
    return fact(change, label, "Pas d'évolution calculable")


def _trend(
    referential: Referential, figures: list[Figure], families: list[Family], head: Family | None
) -> list[YearFigure]:
    """Hiring projects 2023, 2024, 2025 in the département: FAP 2021 family, and 2023's FAP 2009 one."""
    if head is None:
        return []
    old = head.code[:2] + "Z" + head.code[3:]
    result = []
    for year in (2023, 2024, 2025):
        code = old if year == 2023 else head.code
        figure = next(
            (
                f
                for f in figures
                if f.year == year
                and f.subject_code == code
                and f.label == "Projets de recrutement"
                and f.territory.type == "departement"
            ),
            None,
        )
        if figure is None:
            label = next((family.subject for family in families if family.code == code), code)
            result.append(YearFigure(year, label, None, "pas de chiffre comparable"))
            continue
        text = french_value(figure) if figure.value is not None else (figure.note or "non publié")
        result.append(YearFigure(year, figure.subject, figure.value, text))
    return result if any(item.value is not None for item in result) else []


def has_bmo(referential: Referential) -> bool:
    """Whether the bundle holds BMO figures (bundles built without the BMO files have none, or no table)."""
    if not referential._query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bmo_area'"):
        return False
    return bool(referential._query("SELECT 1 FROM bmo_area LIMIT 1"))


_POPULATION: dict[str, dict[str, int]] = {}


def populations(referential: Referential) -> dict[str, int]:
    """Inhabitants per département, summed over its communes (arrondissements are inside their city)."""
    key = referential.checksum or str(id(referential))
    if key not in _POPULATION:
        totals: dict[str, int] = {}
        for commune in referential.communes.values():
            if commune.kind == "commune":
                totals[commune.departement] = totals.get(commune.departement, 0) + commune.population
        _POPULATION.clear()
        _POPULATION[key] = totals
    return _POPULATION[key]


def map_rows(referential: Referential, family_code: str) -> list[MapRow]:
    """Every département's BMO 2025 figures for a family, as published (sums over its bassins)."""
    if not has_bmo(referential):
        return []
    rows = referential._query(
        "SELECT area_code, projects, difficult, withheld, difficult_withheld FROM bmo_area "
        "WHERE year = ? AND job_code = ? AND area_type = 'departement'",
        (BMO_YEAR, family_code),
    )
    if not rows:
        return []
    people = populations(referential)
    by_code = {row[0]: row for row in rows}
    result = []
    for code, departement in sorted(referential.departements.items()):
        if departement.zone not in ("metro", "drom"):
            continue
        row = by_code.get(code)
        if row is None or row[1] is None:
            result.append(MapRow(departement, "pas de chiffre publié", None, None))
            continue
        _, projects, difficult, withheld, _difficult_withheld = row
        text = french_number(projects)
        if withheld:
            text = f"au moins {text}"
        inhabitants = people.get(code)
        per = round(10_000 * projects / inhabitants, 1) if inhabitants else None
        share = round(100 * difficult / projects, 1) if difficult is not None and projects else None
        result.append(MapRow(departement, text, per, share))
    return result
