"""When a step or a link of an advice applies to the person (`when = "…"` in content/advice.toml).

Each scheme has its own public limits; a step that names one is shown only to people it is open to:

- `age_15_25`: the permis à 1 € par jour is open from 15 to 25 (service-public.fr, "Permis à 1 euro
  par jour"); shown only when the age is known and within.
- `age_16_29_or_rqth`: apprenticeship is open from 16 to 29, with no upper limit for a recognised
  disabled worker (Code du travail, art. L6222-1 and L6222-2).
- `managerial`: Apec is for managerial jobs (ROME 4.0 `emploi_cadre`) or graduates of bac+3 and above;
  `not_managerial` is its opposite.
- `rqth`: the person said they have an RQTH.
- `reason:KEY`: the module gave the reason KEY for this person.
"""

from __future__ import annotations

from bob_emploi.advisor.situation import Situation


def holds(condition: str | None, s: Situation, reasons: frozenset[str]) -> bool:
    if condition is None:
        return True
    if condition.startswith("reason:"):
        return condition[7:] in reasons
    if condition == "age_15_25":
        return s.age is not None and 15 <= s.age <= 25
    if condition == "age_16_29_or_rqth":
        return s.age is not None and s.age >= 16 and (s.age <= 29 or s.profile.has_disability is True)
    if condition in ("managerial", "not_managerial"):
        managerial = (s.job is not None and s.job.managerial) or s.profile.highest_degree in ("bac+3", "bac+5")
        return managerial == (condition == "managerial")
    if condition == "rqth":
        return s.profile.has_disability is True
    raise ValueError(f"unknown condition {condition!r}")  # content.py refuses it first
