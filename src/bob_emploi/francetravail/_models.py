"""What every API module shares: the base model and the description of one call.

An `Operation` is a call described as data (what to send, how to read the
answer); the sync and async clients only differ in how they carry it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict

from bob_emploi.francetravail._config import ApiSpec

T = TypeVar("T")


class FTModel(BaseModel):
    """Base of the response models: fields the platform adds later are kept, not rejected."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One API call: method and path under the API's prefix, and the parser of its answer."""

    api: ApiSpec
    method: str
    path: str
    parse: Callable[[httpx.Response], T]
    params: tuple[tuple[str, str], ...] = ()
    json: Any = None
    ok_statuses: frozenset[int] = frozenset({200, 201, 204, 206})


def json_body(response: httpx.Response) -> Any:
    """The decoded body, or None for an empty one (204)."""
    if response.status_code == 204 or not response.content:
        return None
    return response.json()


def params_of(pairs: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """Query parameters from Python values: None dropped, bools as true/false, lists comma-joined."""
    result: list[tuple[str, str]] = []
    for key, value in pairs.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, list | tuple | set | frozenset):
            if not value:
                continue
            text = ",".join(str(item) for item in value)
        else:
            text = str(value)
        result.append((key, text))
    return tuple(result)
