"""Running the advisor for the pages, and keeping a visitor's diagnostic in the session.

A guest's answers and diagnostic stay in the session (never in the database) until the
person creates an account, when `projects.services.claim_guest` saves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from bob_emploi import advisor
from bob_emploi.advisor import schema
from bob_emploi.web import bundle
from bob_emploi.web.pages.onboarding import GUEST_KEY


def run(data: dict[str, Any], today: date) -> tuple[schema.AdvisorInput, schema.AdvisorOutput]:
    """The advisor's checked input and its output; raises `InvalidInput` naming each bad field."""
    referential = bundle.referential()
    request = advisor.parse_input(data, referential, today)
    return request, advisor.advise(request, referential, today)


def store_guest(session: SessionBase, request: schema.AdvisorInput, output: schema.AdvisorOutput) -> None:
    session[GUEST_KEY] = {
        "input": request.model_dump(mode="json"),
        "output": output.model_dump(mode="json"),
        "feedback": {},
    }


@dataclass(frozen=True, slots=True)
class GuestDiagnostic:
    input: schema.AdvisorInput
    output: schema.AdvisorOutput
    raw_output: dict[str, Any]
    feedback: dict[str, str]


def guest(session: SessionBase) -> GuestDiagnostic | None:
    """The visitor's diagnostic, or None when there is none (or the session holds something broken)."""
    stored = session.get(GUEST_KEY)
    if not isinstance(stored, dict):
        return None
    try:
        request = schema.AdvisorInput.model_validate(stored.get("input"))
        output = schema.AdvisorOutput.model_validate(stored.get("output"))
    except ValueError:
        return None
    feedback = stored.get("feedback")
    return GuestDiagnostic(request, output, stored["output"], feedback if isinstance(feedback, dict) else {})


def set_guest_feedback(session: SessionBase, advice_id: str, value: str, today: date | None = None) -> None:
    """Records the feedback and, given `today`, runs the advisor again with it, as the API does for a
    saved project: "Pas pour moi" takes the advice out of the priorities, "Fait" moves it down.
    Without `today` (restoring a guest's diagnostic whose output already follows its feedback), it
    only records it."""
    stored = session.get(GUEST_KEY)
    if isinstance(stored, dict):
        feedback = stored.setdefault("feedback", {})
        feedback[advice_id] = value
        if today is None:
            session[GUEST_KEY] = stored
            return
        try:
            request = schema.AdvisorInput.model_validate({**stored.get("input", {}), "feedback": feedback})
            referential = bundle.referential()
            stored["input"] = request.model_dump(mode="json")
            stored["output"] = advisor.advise(request, referential, today).model_dump(mode="json")
        except (ValueError, advisor.InvalidInput):  # answers a new bundle no longer knows: keep the last output
            pass
        session[GUEST_KEY] = stored


def forget_guest(session: SessionBase) -> None:
    session.pop(GUEST_KEY, None)
