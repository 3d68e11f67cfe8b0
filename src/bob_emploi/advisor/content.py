"""The advisor's editorial text, read once from the TOML files in `advisor/content/`.

Writers edit those files, not the code: titles, summaries, steps, links, and the
sentences that explain a choice. A sentence may hold `{placeholders}` (see
`PLACEHOLDERS`) and may be gendered: instead of a string, a table with
`masculine`, `feminine` and `neutral` forms (the neutral form is a rephrasing
used when the person did not give a gender, never "prêt·e").

Everything is validated when this module is imported: a typo in a content file
fails loudly, naming the file and the key, instead of showing a broken text.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bob_emploi.advisor.prefilled import BUILDERS

CONTENT_DIR = Path(__file__).resolve().parent / "content"

GenderForm = Literal["masculine", "feminine", "neutral"]

# Placeholders a sentence may use, with what they hold. Modules pass their own
# values on top of the situation's (see `advisor.situation.Situation.words`).
PLACEHOLDERS: dict[str, str] = {
    "job": "the target job title, gendered like the person",
    "job_of": "the target job after 'le métier': 'de serveur', 'd'infirmière'",
    "job_group": "the ROME job group name",
    "city": "the city's name",
    "city_in": "'à Lyon', 'aux Abrets en Dauphiné', 'au Mans'",
    "departement_in": "'dans le Rhône'",
    "departement_of": "'du Rhône'",
    "departement_in_cap": "'Dans le Rhône', to start a sentence",
    "age": "the person's age in years",
    "months": "months since the search started",
    "interviews": "interviews since the start of the search (a number)",
    "interviews_text": "'aucun entretien', '1 entretien', '4 entretiens'",
    "applications": "weekly applications as answered ('3 à 5')",
    "offers": "offers (IMT)",
    "applicants": "applicants (IMT)",
    "ratio": "applicants per offer, rounded",
    "period": "the period the market figures cover",
    "places": "a list of places",
    "jobs": "a list of job groups",
    "environments": "a list of work environments",
    "quote": "a sentence quoted from the ROME",
    "share": "a percentage",
    "channel": "a hiring channel's name",
    "family": "a job family (FAP) label, for BMO figures",
    "projects": "a count of BMO hiring projects, e.g. 'environ 120' or 'au moins 120'",
    "months_list": "a list of month names",
    "degree": "the person's highest degree",
    "facts": "the real market figures, each sentence with its figure, territory, dataset and year",
    "sent": "the applications the person sent since the start, estimated ('430')",
    "expected": "the interviews the interview model expects for them ('21')",
    "topics": "the topics the overall score averages ('le profil, le projet et la recherche')",
    "figure": "a sentence citing one real market figure with its territory, dataset and year",
    "legal": "the law that makes a qualification compulsory",
    "close_job": "a close job with the skills the person has and lacks, and its local hiring (advisor.closejobs)",
    "previous_job_of": "the job the person did before, after 'le métier': 'de vendeuse', 'd'opérateur'",
    "legal_note": "what the law requires to do the job, in exact words (jobdata.REGULATED_BY_LAW)",
    "skills": "the skills of a job the person already has and the ones to acquire (advisor.closejobs)",
}


class ContentError(ValueError):
    """A content file is missing, unreadable or inconsistent: the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence with its gendered forms (all three equal when it does not depend on gender)."""

    masculine: str
    feminine: str
    neutral: str

    def render(self, gender: GenderForm, words: Mapping[str, object]) -> str:
        template: str = getattr(self, gender)
        return template.format_map(words) if "{" in template else template


_BEFORE_PUNCTUATION = re.compile(r" ([:;?!%»])")
_AFTER_QUOTE = re.compile(r"« ")
_THOUSANDS = re.compile(r"(?<![\d,])(\d{1,3}) (?=\d{3}\b)")


def typography(text: str) -> str:
    """French typography: a no-break space before : ; ? ! % and », after «, and between thousands.

    The content files are written with ordinary spaces (easier to edit); it is applied to each template
    when the files are read (the values put in are typeset where they are made: numbers by
    `bob_emploi.data.figures.french_number`, figures by `advisor.marketfacts`).
    """
    if " " not in text:
        return text
    text = _AFTER_QUOTE.sub("«\u00a0", _BEFORE_PUNCTUATION.sub("\u00a0\\1", text))
    return _THOUSANDS.sub("\\1\u00a0", text)


@dataclass(frozen=True, slots=True)
class LinkText:
    label: str
    url: str
    when: str | None = None  # a condition (advisor.conditions.CONDITIONS) or "reason:KEY"; None: always
    prefill: str | None = None  # a builder of advisor.prefilled.BUILDERS: the URL carries the job and place


# Conditions a step or a link may carry (`when = "…"`), checked when the content is read; what each
# means is in advisor/conditions.py. "reason:KEY" shows it only when the module gave the reason KEY.
CONDITION_NAMES = frozenset({"age_15_25", "age_16_29_or_rqth", "managerial", "not_managerial", "rqth"})


@dataclass(frozen=True, slots=True)
class AdviceText:
    id: str
    title: Text
    summary: Text
    steps: tuple[Text, ...]
    links: tuple[LinkText, ...]
    explanations: dict[str, Text]
    step_conditions: tuple[str | None, ...] = ()  # one per step: when the step applies (None: always)


@dataclass(frozen=True, slots=True)
class ChallengeText:
    id: str
    title: Text
    explanations: dict[str, Text]
    advice: tuple[str, ...]  # advice ids that answer this challenge: ranked first among equal scores


@dataclass(frozen=True, slots=True)
class SourceText:
    id: str
    file: str  # the raw file, as in the bundle's `sources` table
    title: str
    publisher: str | None = None  # shown instead of the bundle's publisher (written for developers, in English)


@dataclass(frozen=True, slots=True)
class Content:
    advice: dict[str, AdviceText]
    challenges: dict[str, ChallengeText]
    topics: dict[str, dict[str, Text]]
    sources: dict[str, SourceText]
    labels: dict[str, dict[str, Text]]


def _fail(file: Path, key: str, message: str) -> ContentError:
    return ContentError(f"{file.name}: [{key}]: {message}")


def _check_placeholders(file: Path, key: str, template: str) -> None:
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as error:
        raise _fail(file, key, f"broken placeholder in {template!r} ({error})") from error
    for field in fields:
        if field not in PLACEHOLDERS:
            known = ", ".join(sorted(PLACEHOLDERS))
            raise _fail(file, key, f"unknown placeholder {{{field}}} in {template!r}; known: {known}")


def _text(file: Path, key: str, value: object) -> Text:
    if isinstance(value, str):
        if not value.strip():
            raise _fail(file, key, "empty text")
        _check_placeholders(file, key, value)
        value = typography(value)
        return Text(value, value, value)
    if isinstance(value, dict):
        forms = {"masculine", "feminine", "neutral"}
        if set(value) != forms:
            raise _fail(file, key, f"a gendered text needs exactly the keys {sorted(forms)}, found {sorted(value)}")
        for form in sorted(forms):
            text = value[form]
            if not isinstance(text, str) or not text.strip():
                raise _fail(file, f"{key}.{form}", "expected a non-empty string")
            _check_placeholders(file, f"{key}.{form}", text)
        return Text(typography(value["masculine"]), typography(value["feminine"]), typography(value["neutral"]))
    raise _fail(file, key, f"expected a string or a table of gendered forms, found {type(value).__name__}")


def _table(file: Path, key: str, value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _fail(file, key, f"expected a table, found {type(value).__name__}")
    return value


def _check_keys(file: Path, key: str, table: Mapping[str, object], required: set[str], optional: set[str]) -> None:
    missing = required - set(table)
    if missing:
        raise _fail(file, key, f"missing key(s): {', '.join(sorted(missing))}")
    unknown = set(table) - required - optional
    if unknown:
        raise _fail(file, key, f"unknown key(s): {', '.join(sorted(unknown))}")


def _read(file: Path) -> dict[str, object]:
    try:
        with file.open("rb") as stream:
            return tomllib.load(stream)
    except FileNotFoundError as error:
        raise ContentError(f"{file}: content file missing") from error
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{file.name}: not valid TOML: {error}") from error


def _texts(file: Path, key: str, value: object) -> dict[str, Text]:
    return {name: _text(file, f"{key}.{name}", text) for name, text in _table(file, key, value).items()}


def _condition(file: Path, key: str, value: object, table: Mapping[str, object]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(file, key, "expected a condition name")
    if value.startswith("reason:"):
        explanations = table.get("explanations")
        if not isinstance(explanations, dict) or value[7:] not in explanations:
            raise _fail(file, key, f"{value!r}: no explanation {value[7:]!r} in this advice")
        return value
    if value not in CONDITION_NAMES:
        raise _fail(file, key, f"unknown condition {value!r}; known: {', '.join(sorted(CONDITION_NAMES))}")
    return value


def _advice(file: Path) -> dict[str, AdviceText]:
    advice: dict[str, AdviceText] = {}
    for advice_id, raw in _read(file).items():
        table = _table(file, advice_id, raw)
        _check_keys(file, advice_id, table, {"title", "summary", "explanations"}, {"steps", "links"})
        steps = table.get("steps", [])
        if not isinstance(steps, list):
            raise _fail(file, f"{advice_id}.steps", "expected a list of texts")
        links = table.get("links", [])
        if not isinstance(links, list):
            raise _fail(file, f"{advice_id}.links", "expected a list of {label, url} tables")
        parsed_links = []
        for index, link in enumerate(links):
            link_key = f"{advice_id}.links[{index}]"
            link_table = _table(file, link_key, link)
            _check_keys(file, link_key, link_table, {"label", "url"}, {"when", "prefill"})
            url, label = link_table["url"], link_table["label"]
            link_when = _condition(file, f"{link_key}.when", link_table.get("when"), table)
            prefill = link_table.get("prefill")
            if prefill is not None and prefill not in BUILDERS:
                known = ", ".join(sorted(BUILDERS))
                raise _fail(file, f"{link_key}.prefill", f"unknown builder {prefill!r}; known: {known}")
            if not isinstance(url, str) or not url.startswith("https://"):
                raise _fail(file, f"{link_key}.url", f"expected an https:// address, found {url!r}")
            if not isinstance(label, str) or not label.strip():
                raise _fail(file, f"{link_key}.label", "expected a non-empty string")
            parsed_links.append(LinkText(label, url, link_when, prefill))
        step_texts, step_conditions = [], []
        for i, step in enumerate(steps):
            when = None
            if isinstance(step, dict):
                _check_keys(file, f"{advice_id}.steps[{i}]", step, {"text"}, {"when"})
                when = _condition(file, f"{advice_id}.steps[{i}].when", step.get("when"), table)
                step = step["text"]
            step_texts.append(_text(file, f"{advice_id}.steps[{i}]", step))
            step_conditions.append(when)
        advice[advice_id] = AdviceText(
            id=advice_id,
            title=_text(file, f"{advice_id}.title", table["title"]),
            summary=_text(file, f"{advice_id}.summary", table["summary"]),
            steps=tuple(step_texts),
            links=tuple(parsed_links),
            explanations=_texts(file, f"{advice_id}.explanations", table["explanations"]),
            step_conditions=tuple(step_conditions),
        )
    return advice


def _challenges(file: Path) -> dict[str, ChallengeText]:
    challenges: dict[str, ChallengeText] = {}
    for challenge_id, raw in _read(file).items():
        table = _table(file, challenge_id, raw)
        _check_keys(file, challenge_id, table, {"title", "explanations"}, {"advice"})
        advice = table.get("advice", [])
        if not isinstance(advice, list) or not all(isinstance(item, str) for item in advice):
            raise _fail(file, f"{challenge_id}.advice", "expected a list of advice ids")
        challenges[challenge_id] = ChallengeText(
            challenge_id,
            _text(file, f"{challenge_id}.title", table["title"]),
            _texts(file, f"{challenge_id}.explanations", table["explanations"]),
            tuple(advice),
        )
    return challenges


def _sources(file: Path) -> dict[str, SourceText]:
    sources: dict[str, SourceText] = {}
    for source_id, raw in _read(file).items():
        table = _table(file, source_id, raw)
        _check_keys(file, source_id, table, {"file", "title"}, {"publisher"})
        raw_file, title, publisher = table["file"], table["title"], table.get("publisher")
        if not all(isinstance(value, str) and value.strip() for value in (raw_file, title, publisher or "-")):
            raise _fail(file, source_id, "file, title and publisher must be non-empty strings")
        sources[source_id] = SourceText(
            source_id, str(raw_file), str(title), None if publisher is None else str(publisher)
        )
    return sources


def _grouped_texts(file: Path) -> dict[str, dict[str, Text]]:
    return {group: _texts(file, group, table) for group, table in _read(file).items()}


def load_content(directory: Path = CONTENT_DIR) -> Content:
    """Reads and checks every content file; raises ContentError naming the file and key."""
    return Content(
        advice=_advice(directory / "advice.toml"),
        challenges=_challenges(directory / "challenges.toml"),
        topics=_grouped_texts(directory / "topics.toml"),
        sources=_sources(directory / "sources.toml"),
        labels=_grouped_texts(directory / "labels.toml"),
    )


CONTENT = load_content()
