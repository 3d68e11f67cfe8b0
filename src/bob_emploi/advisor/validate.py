"""`parse_input`: from untrusted JSON to an AdvisorInput, or one InvalidInput listing every problem.

Two passes: pydantic checks the shape and the enums, then the data bundle and the
date check the meaning (job and city codes, dates, age). Messages are French: the
web app shows them to the person.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from pydantic import ValidationError

from bob_emploi.advisor import schema
from bob_emploi.advisor.errors import FieldError, InvalidInput
from bob_emploi.data.referential import Referential

MIN_AGE, MAX_AGE = 14, 90
FIRST_SEARCH_YEAR = 1950
_YEAR_MONTH = re.compile(schema.YEAR_MONTH_PATTERN)

# pydantic error types → French message templates ({...} filled from the error's context).
_MESSAGES = {
    "missing": "Champ obligatoire.",
    "extra_forbidden": "Champ inconnu.",
    "literal_error": "Valeur inconnue{given} ; valeurs possibles : {expected}.",
    "string_pattern_mismatch": "Format attendu : AAAA-MM (par exemple 2026-03){given}.",
    "string_type": "Texte attendu{given}.",
    "string_too_short": "Texte trop court : au moins {min_length} caractère(s){given}.",
    "string_too_long": "Texte trop long : au plus {max_length} caractère(s){given}.",
    "int_type": "Nombre entier attendu{given}.",
    "int_parsing": "Nombre entier attendu{given}.",
    "int_from_float": "Nombre entier attendu{given}.",
    "bool_type": "Valeur vrai/faux attendue (true ou false){given}.",
    "bool_parsing": "Valeur vrai/faux attendue (true ou false){given}.",
    "greater_than_equal": "Valeur trop petite : au moins {ge}{given}.",
    "less_than_equal": "Valeur trop grande : au plus {le}{given}.",
    "too_long": "Trop d'éléments : au plus {max_length}.",
    "tuple_type": "Liste attendue{given}.",
    "model_type": "Objet JSON attendu{given}.",
    "model_attributes_type": "Objet JSON attendu{given}.",
    "dict_type": "Objet JSON attendu{given}.",
}


def _given(value: object) -> str:
    """The rejected value, quoted, when it is short enough to show."""
    if isinstance(value, str):
        return f" (reçu : « {value[:40]} »)"
    if isinstance(value, bool):
        return f" (reçu : {'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        return f" (reçu : {value})"
    if value is None:
        return " (reçu : null)"
    return ""


def _shape_errors(error: ValidationError) -> list[FieldError]:
    errors = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"]) or "(racine)"
        template = _MESSAGES.get(item["type"], "Valeur invalide{given}.")
        context = {key: value for key, value in (item.get("ctx") or {}).items()}
        if "expected" in context:
            context["expected"] = str(context["expected"]).replace(" or ", ", ").replace("'", "")
        given = "" if item["type"] in ("missing", "extra_forbidden", "too_long") else _given(item.get("input"))
        try:
            message = template.format(given=given, **context)
        except (KeyError, IndexError):
            message = "Valeur invalide" + given + "."
        errors.append(FieldError(field, message))
    return errors


def _part(data: Mapping[str, object], name: str) -> Mapping[str, object]:
    part = data.get(name)
    return part if isinstance(part, Mapping) else {}


def _semantic_errors(data: Mapping[str, object], referential: Referential, today: datetime.date) -> list[FieldError]:
    """Checks against the bundle and the date, on whatever raw values have the right type."""
    errors = []
    project, profile = _part(data, "project"), _part(data, "profile")
    target = project.get("target_job")
    if isinstance(target, str) and target and target not in referential.job_titles:
        errors.append(
            FieldError("project.target_job", f"Code métier inconnu : « {target[:20]} » (code OGR du ROME attendu).")
        )
    previous = project.get("previous_job")
    if isinstance(previous, str) and previous and previous not in referential.job_titles:
        errors.append(
            FieldError("project.previous_job", f"Code métier inconnu : « {previous[:20]} » (code OGR du ROME attendu).")
        )
    city = project.get("city")
    if isinstance(city, str) and len(city) == 5 and referential.current_commune(city) is None:
        errors.append(FieldError("project.city", f"Code INSEE de commune inconnu : « {city} »."))
    started = project.get("search_started")
    if isinstance(started, str) and _YEAR_MONTH.match(started):
        year, month = (int(part) for part in started.split("-"))
        if (year, month) > (today.year, today.month):
            errors.append(
                FieldError("project.search_started", f"La recherche ne peut pas commencer dans le futur ({started}).")
            )
        elif year < FIRST_SEARCH_YEAR:
            errors.append(
                FieldError(
                    "project.search_started", f"Date de début impossible : avant {FIRST_SEARCH_YEAR} ({started})."
                )
            )
    errors.extend(profile_errors(profile, today))
    return errors


def profile_errors(profile: Mapping[str, object], today: datetime.date) -> list[FieldError]:
    """The checks of a profile against the date (the age), for a profile saved on its own too:
    what `parse_input` would refuse later must be refused when the profile is saved."""
    errors = []
    year_of_birth = profile.get("year_of_birth")
    if isinstance(year_of_birth, int) and not isinstance(year_of_birth, bool):
        age = today.year - year_of_birth
        if age < MIN_AGE:
            errors.append(FieldError("profile.year_of_birth", f"Âge impossible : {age} ans (au moins {MIN_AGE} ans)."))
        elif age > MAX_AGE:
            errors.append(FieldError("profile.year_of_birth", f"Âge impossible : {age} ans (au plus {MAX_AGE} ans)."))
    return errors


def parse_input(data: object, referential: Referential, today: datetime.date) -> schema.AdvisorInput:
    """A valid request, or InvalidInput listing every problem, each with its dotted field path."""
    if not isinstance(data, Mapping):
        raise InvalidInput([FieldError("(racine)", "Objet JSON attendu avec les clés « profile » et « project ».")])
    errors: list[FieldError] = []
    request = None
    try:
        request = schema.AdvisorInput.model_validate(data)
    except ValidationError as error:
        errors.extend(_shape_errors(error))
    shaped = {error.field for error in errors}
    errors.extend(error for error in _semantic_errors(data, referential, today) if error.field not in shaped)
    if errors or request is None:
        raise InvalidInput(errors)
    return request
