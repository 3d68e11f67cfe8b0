"""`advise`: from a validated request, the diagnostic and the ranked advice.

Pure: it reads only the request, the referential (read-only, cached per job
group) and the date; the same three give the same output.
"""

from __future__ import annotations

import dataclasses
import datetime

from bob_emploi.advisor import schema
from bob_emploi.advisor.challenges import main_challenge
from bob_emploi.advisor.content import CONTENT, AdviceText
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

# Links never depend on the person: built once (frozen models, shared by every output).
_LINKS = {
    advice_id: tuple(schema.Link(label=link.label, url=link.url) for link in text.links)
    for advice_id, text in CONTENT.advice.items()
}


def _sources(s: Situation, ids: tuple[str, ...]) -> tuple[schema.Source, ...]:
    sources = []
    for source_id in ids:
        source = s.market_source() if source_id == "imt" else s.source(source_id)
        if source is not None:
            sources.append(source)
    return tuple(sources)


def _advice(s: Situation, text: AdviceText, result: Scored, words: dict[str, object]) -> schema.Advice:
    explanations = tuple(
        text.explanations[key].render(s.gender, {**words, **values} if values else words)
        for key, values in result.reasons
    )
    return schema.Advice(
        id=text.id,
        title=text.title.render(s.gender, words),
        score=result.score,
        summary=text.summary.render(s.gender, words),
        explanations=explanations,
        steps=tuple(step.render(s.gender, words) for step in text.steps),
        links=_LINKS[text.id],
        sources=_sources(s, result.sources),
    )


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
        subs.append(schema.SubDiagnostic(topic=topic, score=score, text=sentence))
    results = []
    for advice_id, declared in MODULES.items():
        result = declared.score(s)
        if result is not None:
            if declared.applies and challenge_id == "missing_diploma":
                result = dataclasses.replace(result, score=1)  # the qualification comes before applying
            results.append((advice_id, result))
    focus = challenge_text.advice
    results.sort(key=lambda item: (-item[1].score, item[0] not in focus, _PRIORITY[item[0]]))
    return schema.AdvisorOutput(
        diagnostic=schema.Diagnostic(
            score=round(sum(sub.score for sub in subs) / len(subs)),
            main_challenge=schema.Challenge(
                id=challenge_id,
                title=challenge_text.title.render(s.gender, words),
                explanation=challenge_text.explanations[key].render(s.gender, {**words, **values}),
            ),
            sub_diagnostics=tuple(subs),
        ),
        advice=tuple(_advice(s, CONTENT.advice[advice_id], result, words) for advice_id, result in results),
        today=today.isoformat(),
        bundle_checksum=referential.checksum,
    )
