"""How an advice module is declared: an id, the reasons it may give, the data it reads.

A module is a function `(Situation) -> Scored | None`: None when it does not fire
(or abstains for lack of data), else a score from 1 to 3 and the reasons, each
the key of a sentence in `content/advice.toml` with the values it cites.
Modules are ranked by score, then by the order in which they are registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bob_emploi.advisor.jobdata import HiringProjects
from bob_emploi.advisor.situation import Situation
from bob_emploi.data.figures import french_number

Reason = tuple[str, dict[str, object]]


@dataclass(frozen=True, slots=True)
class Scored:
    score: int
    reasons: tuple[Reason, ...]
    sources: tuple[str, ...] = ()  # ids in content/sources.toml


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    score: Callable[[Situation], Scored | None]
    reasons: frozenset[str]
    data: tuple[str, ...]  # source ids the module may read
    applies: bool = False  # advice on applying for the target job: pointless while a required diploma is missing


MODULES: dict[str, Module] = {}


def module(
    advice_id: str, reasons: tuple[str, ...], data: tuple[str, ...] = (), applies: bool = False
) -> Callable[[Callable[[Situation], Scored | None]], Callable[[Situation], Scored | None]]:
    """Registers a scoring function under its advice id."""

    def register(function: Callable[[Situation], Scored | None]) -> Callable[[Situation], Scored | None]:
        if advice_id in MODULES:
            raise ValueError(f"advice module {advice_id!r} registered twice")
        MODULES[advice_id] = Module(advice_id, function, frozenset(reasons), data, applies)
        return function

    return register


def scored(score: int, *reasons: Reason | None, sources: tuple[str, ...] = ()) -> Scored | None:
    """A result with the reasons that apply (None ones dropped); None when no reason is left."""
    kept = tuple(reason for reason in reasons if reason is not None)
    if not kept:
        return None
    return Scored(max(1, min(3, score)), kept, sources)


def reason(key: str, **values: object) -> Reason:
    return (key, values)


def bmo_values(projects: HiringProjects, share: float) -> dict[str, object]:
    """The words a BMO sentence cites: the family, the share and the projects count (a lower bound when withheld)."""
    count = round(projects.projects)
    return {
        "family": projects.fap_label,
        "share": f"{share:.0f}",
        "projects": f"au moins {french_number(count)}" if projects.withheld else f"environ {french_number(count)}",
    }
