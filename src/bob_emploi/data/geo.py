"""Import of France's administrative divisions: régions, départements, communes.

Overseas collectivities (Saint-Martin, Polynésie française…, zone `com`) are
kept but apart: they are not départements and France Travail's statistics
mostly ignore them. Paris, Lyon and Marseille arrondissements are kept as
communes of kind `arrondissement` pointing to their city, and former communes
(merged into a `commune nouvelle`) in their own table, so that what people type
still resolves.
"""

from __future__ import annotations

from typing import Any

from bob_emploi.data import sources
from bob_emploi.data.context import BuildContext, Tables
from bob_emploi.data.csvread import display_name, read_json
from bob_emploi.data.errors import RawDataError

STEP = "geo"

# INSEE "type de nom en clair" (typeLiaison): which article the name takes.
_NO_ARTICLE_CONSONANT, _NO_ARTICLE_VOWEL, _LE, _LA, _LES, _L = 0, 1, 2, 3, 4, 5

# Départements named with l' whose usual French is "en" rather than "dans l'"
# (editorial choice, as the press and the départements themselves write it).
_EN_WITH_ELISION = {"07", "09", "38", "91"}  # Ardèche, Ariège, Isère, Essonne
# Islands and overseas territories take "à" (à La Réunion, à Mayotte, à Saint-Martin).
_IN_OVERRIDES = {
    "Mayotte": "à Mayotte",
    "La Réunion": "à La Réunion",
    "Saint-Pierre-et-Miquelon": "à Saint-Pierre-et-Miquelon",
    "Saint-Barthélemy": "à Saint-Barthélemy",
    "Saint-Martin": "à Saint-Martin",
    "Terres australes et antarctiques françaises": "dans les Terres australes et antarctiques françaises",
    "Wallis et Futuna": "à Wallis-et-Futuna",
    "Polynésie française": "en Polynésie française",
    "Nouvelle-Calédonie": "en Nouvelle-Calédonie",
    "Île de Clipperton": "à Clipperton",
}
_ARTICLE = {_LE: "le ", _LA: "la ", _LES: "les ", _L: "l'"}


def _article_name(name: str, liaison: int) -> str:
    """`Rhône` -> `le Rhône`; names that start with their article keep it."""
    article = _ARTICLE.get(liaison, "")
    if name.lower().startswith(article.strip().lower() + " ") and article:
        return name
    return f"{article}{name}"


def in_phrase(code: str, name: str, liaison: int, *, is_departement: bool) -> str:
    """How French says "in" this place: "dans le Rhône", "en Isère", "à La Réunion"."""
    if name in _IN_OVERRIDES:
        return _IN_OVERRIDES[name]
    if liaison == _LA or "-et-" in name:
        return f"en {name}"
    if liaison in {_LE, _LES}:
        return f"dans {_article_name(name, liaison)}"
    if liaison == _L:
        if code in _EN_WITH_ELISION or not is_departement:
            return f"en {name}"
        return f"dans l'{name}"
    if liaison == _NO_ARTICLE_VOWEL:
        return f"en {name}"
    # Paris, Bretagne, Normandie…: a département takes "à" (à Paris), a région "en" (en Bretagne).
    return f"à {name}" if is_departement else f"en {name}"


_OF_OVERRIDES = {
    "Terres australes et antarctiques françaises": "des Terres australes et antarctiques françaises",
    "Wallis et Futuna": "de Wallis-et-Futuna",
    "Île de Clipperton": "de Clipperton",
}


def of_phrase(name: str, liaison: int) -> str:
    """How French says "of" this place: "du Rhône", "de l'Isère", "de La Réunion"."""
    if name in _OF_OVERRIDES:
        return _OF_OVERRIDES[name]
    return {
        _LE: f"du {name}",
        _LA: f"de la {name}",
        _LES: f"des {name}",
        _L: f"de l'{name}",
        _NO_ARTICLE_VOWEL: f"d'{name}",
    }.get(liaison, f"de {name}")


def _records(context: BuildContext, source: sources.Source) -> list[dict[str, Any]]:
    data = read_json(context.path(source), root=context.raw_dir)
    name = display_name(context.path(source), context.raw_dir)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise RawDataError(name, 1, None, "expected a JSON array of objects")
    context.record(source, len(data))
    return data


def _field(record: dict[str, Any], key: str, source: sources.Source, index: int, kind: type = str) -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or (kind is str and not value):
        raise RawDataError(
            source.path,
            None,
            key,
            f"record #{index + 1} ({record.get('code', '?')}): missing or not a {kind.__name__}",
        )
    return value


def import_geo(context: BuildContext) -> Tables:
    regions = []
    for index, record in enumerate(_records(context, sources.GEO_REGIONS)):
        code = _field(record, "code", sources.GEO_REGIONS, index)
        name = _field(record, "nom", sources.GEO_REGIONS, index)
        liaison = int(record.get("typeLiaison", 0))
        regions.append((code, name, record.get("zone", "metro"), in_phrase(code, name, liaison, is_departement=False)))
    region_codes = {row[0] for row in regions}

    departements = []
    for index, record in enumerate(_records(context, sources.GEO_DEPARTEMENTS)):
        code = _field(record, "code", sources.GEO_DEPARTEMENTS, index)
        name = _field(record, "nom", sources.GEO_DEPARTEMENTS, index)
        region = _field(record, "region", sources.GEO_DEPARTEMENTS, index)
        if region not in region_codes:
            raise RawDataError(sources.GEO_DEPARTEMENTS.path, None, "region", f"{code}: unknown région {region}")
        liaison = int(record.get("typeLiaison", 0))
        departements.append(
            (
                code,
                name,
                region,
                record.get("zone", "metro"),
                in_phrase(code, name, liaison, is_departement=True),
                of_phrase(name, liaison),
            )
        )
    departement_codes = {row[0] for row in departements}

    communes: dict[str, tuple[object, ...]] = {}
    former = []
    for index, record in enumerate(_records(context, sources.GEO_COMMUNES)):
        code = _field(record, "code", sources.GEO_COMMUNES, index)
        name = _field(record, "nom", sources.GEO_COMMUNES, index)
        kind = record.get("type", "commune-actuelle")
        departement = _field(record, "departement", sources.GEO_COMMUNES, index)
        if departement not in departement_codes:
            raise RawDataError(
                sources.GEO_COMMUNES.path, None, "departement", f"{code}: unknown département {departement}"
            )
        if kind in {"commune-deleguee", "commune-associee"}:
            parent = _field(record, "chefLieu", sources.GEO_COMMUNES, index)
            former.append((code, name, kind.removeprefix("commune-"), parent))
            continue
        if kind not in {"commune-actuelle", "arrondissement-municipal"}:
            raise RawDataError(sources.GEO_COMMUNES.path, None, "type", f"{code}: unknown commune type {kind!r}")
        if code in communes:
            raise RawDataError(sources.GEO_COMMUNES.path, None, "code", f"duplicate commune code {code}")
        is_arrondissement = kind == "arrondissement-municipal"
        communes[code] = (
            code,
            name,
            departement,
            _field(record, "region", sources.GEO_COMMUNES, index),
            " ".join(record.get("codesPostaux") or ()),
            int(record.get("population") or 0),
            "arrondissement" if is_arrondissement else "commune",
            _field(record, "commune", sources.GEO_COMMUNES, index) if is_arrondissement else None,
            record.get("zone", "metro"),
        )
    for code, name, _kind, parent in former:
        if parent not in communes:
            context.note(STEP, code, f"former commune {name!r} points to unknown commune {parent}")
    # Every département has communes, every région départements: a list cut short says so here.
    context.require_coverage(
        sources.GEO_COMMUNES,
        len(departement_codes & {str(row[2]) for row in communes.values()}),
        len(departement_codes),
        0.99,
        "départements with a commune",
    )
    context.require_coverage(
        sources.GEO_DEPARTEMENTS,
        len(region_codes & {row[2] for row in departements}),
        len(region_codes),
        0.99,
        "régions with a département",
    )
    without_population = sum(1 for row in communes.values() if not row[5])
    if without_population:
        context.note(STEP, "population", f"{without_population} communes have no population figure: 0 stored")

    return {
        "regions": sorted(regions),
        "departements": sorted(departements),
        "communes": sorted(communes.values(), key=lambda row: str(row[0])),
        "former_communes": sorted(former),
    }
