"""What the advisor says about an input it cannot use: every problem, each naming its field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # dotted path in the input JSON, e.g. "project.target_job"
    message: str  # in French, shown to the person or the API client


class InvalidInput(ValueError):
    """The input is not a valid advisor request; `errors` lists every problem found."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{error.field}: {error.message}" for error in errors))
