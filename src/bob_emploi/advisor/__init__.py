"""Bob's advisor: a diagnostic and ranked, explained advice from a job seeker's answers and the data.

`parse_input` validates untrusted JSON against the bundle; `advise` is pure and
deterministic for a given request, bundle and date.
"""

from __future__ import annotations

from bob_emploi.advisor.engine import advise
from bob_emploi.advisor.errors import FieldError, InvalidInput
from bob_emploi.advisor.schema import AdvisorInput, AdvisorOutput
from bob_emploi.advisor.validate import parse_input

__all__ = ["AdvisorInput", "AdvisorOutput", "FieldError", "InvalidInput", "advise", "parse_input"]
