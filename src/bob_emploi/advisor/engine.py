"""`advise`: from a validated request, the diagnostic and the ranked advice.

Pure: it reads only the request, the referential (read-only, cached per job
group) and the date; the same three give the same output.
"""

from __future__ import annotations

import dataclasses
import datetime

from bob_emploi.advisor import prefilled, schema
from bob_emploi.advisor.challenges import main_challenge
from bob_emploi.advisor.conditions import holds
from bob_emploi.advisor.content import CONTENT, AdviceText, typography
from bob_emploi.advisor.diagnostic import TOPICS
from bob_emploi.advisor.modules import MODULES, Scored
from bob_emploi.advisor.situation import Situation, situation_of
from bob_emploi.data.referential import Referential

# Tie-break between advice of equal score: the order of advice.toml (editorial).
_PRIORITY = {advice_id: index for index, advice_id in enumerate(CONTENT.advice)}


def _check_registry() -> None:
    """Every module has its texts, every reason its sentence, every source its entry; fails at import otherwise."""
    for advice_id, declared in MODULES.items():
        text = CONTENT.advice.get(advice_id)
        if text is None:
            raise RuntimeError(f"advice.toml: [{advice_id}] missing: the module {advice_id!r} has no text")
        missing = declared.reasons - set(text.explanations)
        if missing:
            raise RuntimeError(f"advice.toml: [{advice_id}.explanations] missing: {', '.join(sorted(missing))}")
        unknown_data = set(declared.data) - set(CONTENT.sources)
        if unknown_data:
            raise RuntimeError(f"module {advice_id!r} reads unknown sources: {', '.join(sorted(unknown_data))}")
    for challenge in CONTENT.challenges.values():
        unknown = set(challenge.advice) - set(MODULES)
        if unknown:
            raise RuntimeError(f"challenges.toml: [{challenge.id}.advice]: unknown advice {', '.join(sorted(unknown))}")
    orphans = set(CONTENT.advice) - set(MODULES)
    if orphans:
        raise RuntimeError(f"advice.toml: no module scores {', '.join(sorted(orphans))}")


_check_registry()

# Links are built once (frozen models, shared by every output); a link with a `when` is kept per person.
_LINKS = {
    advice_id: tuple(
        (schema.Link(label=typography(link.label), url=link.url), link.when, link.prefill) for link in text.links
    )
    for advice_id, text in CONTENT.advice.items()
}


def _links(s: Situation, advice_id: str, given: frozenset[str]) -> tuple[schema.Link, ...]:
    """The advice's links for this person; a pre-filled one carries the job and place (advisor.prefilled)."""
    links = []
    job_and_place: tuple[prefilled.Job | None, prefilled.Place] | None = None
    for link, when, prefill in _LINKS[advice_id]:
        if not holds(when, s, given):
            continue
        if prefill:
            job_and_place = job_and_place or (prefilled.job_of(s), prefilled.place_of(s))
            link = prefilled.link(prefill, link.label, *job_and_place)
        links.append(link)
    return tuple(links)


def _sources(s: Situation, ids: tuple[str, ...]) -> tuple[schema.Source, ...]:
    sources = []
    for source_id in ids:
        source = s.market_source() if source_id == "imt" else s.source(source_id)
        if source is not None:
            sources.append(source)
    return tuple(sources)


def _advice(
    s: Situation,
    text: AdviceText,
    result: Scored,
    words: dict[str, object],
    priority: bool,
    feedback: schema.Feedback | None,
) -> schema.Advice:
    explanations = tuple(
        text.explanations[key].render(s.gender, {**words, **values} if values else words)
        for key, values in result.reasons
    )
    given = frozenset(key for key, _ in result.reasons)
    conditions = text.step_conditions or (None,) * len(text.steps)
    return schema.Advice(
        id=text.id,
        title=text.title.render(s.gender, words),
        score=result.score,
        summary=text.summary.render(s.gender, words),
        explanations=explanations,
        steps=tuple(
            step.render(s.gender, words)
            for step, when in zip(text.steps, conditions, strict=True)
            if holds(when, s, given)
        ),
        links=_links(s, text.id, given),
        sources=_sources(s, result.sources),
        priority=priority,
        feedback=feedback,
    )


# The sources a market sentence may cite: the IMT format files, or the real published figures.
_TOPIC_SOURCES: dict[str, tuple[str, ...]] = {"market": ("imt",)}
FIGURE_SOURCES = ("bmo_2025", "bmo_2023", "dares_tensions")
_TOPIC_NAMES = {"market": "le marché", "profile": "le profil", "project": "le projet", "search": "la recherche"}


def _overall(subs: list[schema.SubDiagnostic]) -> int:
    """The mean of the evaluated topics only (the profile and the project are always evaluated)."""
    scores = [sub.score for sub in subs if sub.score is not None]
    return round(sum(scores) / len(scores)) if scores else 50


def _score_note(subs: list[schema.SubDiagnostic]) -> str:
    if all(sub.evaluated for sub in subs):
        return ""
    evaluated = [_TOPIC_NAMES[sub.topic] for sub in subs if sub.evaluated]
    left = [_TOPIC_NAMES[sub.topic] for sub in subs if not sub.evaluated]
    listed = ", ".join(evaluated[:-1]) + " et " + evaluated[-1] if len(evaluated) > 1 else "".join(evaluated)
    agreement = "s" if len(left) > 1 else "e" if left[0].startswith("la ") else ""  # "la recherche non évaluée"
    return f"Score calculé sur {listed} seulement\u00a0: {' et '.join(left)} non évalué{agreement}."


def _with_feedback(
    results: list[tuple[str, Scored]], focus: tuple[str, ...], feedback: dict[str, schema.Feedback]
) -> tuple[list[tuple[str, Scored]], frozenset[str]]:
    """The order shown and the priorities: the main challenge's own best advice first, then by score;
    an advice marked "done" moves after the open ones, one marked "not for me" to the end; neither is
    ever a priority (the person can undo the feedback and get it back)."""
    open_ = [item for item in results if feedback.get(item[0]) not in ("done", "not_for_me")]
    own = next((index for index, (advice_id, _) in enumerate(open_) if advice_id in focus), None)
    if own is not None and open_[own][1].score >= 2:
        open_.insert(0, open_.pop(own))
    done = [item for item in results if feedback.get(item[0]) == "done"]
    refused = [item for item in results if feedback.get(item[0]) == "not_for_me"]
    return open_ + done + refused, frozenset(advice_id for advice_id, _ in open_[: schema.PRIORITIES])


def advise(request: schema.AdvisorInput, referential: Referential, today: datetime.date) -> schema.AdvisorOutput:
    """The diagnostic and the ranked advice; raises InvalidInput for codes the bundle does not know."""
    s = situation_of(request, referential, today)
    words = s.words()
    challenge_id, key, values = main_challenge(s)
    challenge_text = CONTENT.challenges[challenge_id]
    subs = []
    for topic, rule in TOPICS:
        score, topic_key, topic_values = rule(s)
        sentence = CONTENT.topics[topic][topic_key].render(s.gender, {**words, **topic_values})
        sources = _sources(s, _TOPIC_SOURCES[topic]) if topic == "market" and score is not None else ()
        if topic == "market" and "facts" in topic_values and topic_values["facts"]:
            sources = _sources(s, FIGURE_SOURCES)
        subs.append(
            schema.SubDiagnostic(topic=topic, score=score, text=sentence, evaluated=score is not None, sources=sources)
        )
    results = []
    for advice_id, declared in MODULES.items():
        if declared.applies and s.project.kind == "create_company":
            continue  # a company creator gets creation advice, not job-search verdicts
        result = declared.score(s)
        if result is not None:
            if declared.applies and challenge_id == "missing_diploma":
                result = dataclasses.replace(result, score=1)  # the qualification comes before applying
            results.append((advice_id, result))
    focus = challenge_text.advice
    results.sort(key=lambda item: (-item[1].score, item[0] not in focus, _PRIORITY[item[0]]))
    results, priorities = _with_feedback(results, focus, request.feedback)
    return schema.AdvisorOutput(
        diagnostic=schema.Diagnostic(
            score=_overall(subs),
            score_note=_score_note(subs),
            main_challenge=schema.Challenge(
                id=challenge_id,
                title=challenge_text.title.render(s.gender, words),
                explanation=challenge_text.explanations[key].render(s.gender, {**words, **values}),
            ),
            sub_diagnostics=tuple(subs),
        ),
        advice=tuple(
            _advice(
                s, CONTENT.advice[advice_id], result, words, advice_id in priorities, request.feedback.get(advice_id)
            )
            for advice_id, result in results
        ),
        today=today.isoformat(),
        bundle_checksum=referential.checksum,
    )
