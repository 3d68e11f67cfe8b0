"""The JSON API as plain functions: query parameters in, (status, headers, body) out.

No web framework here, so the standalone WSGI app and a Django view can share the
same handlers. Every answer is JSON, CORS-enabled and cacheable; bad parameters
are a 400 with a French message, never a 500.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bob_emploi.jobsuggest.cities import CityIndex
from bob_emploi.jobsuggest.index import GENDERS, JobIndex

MAX_LIMIT = 50
DEFAULT_LIMIT = 10
MAX_QUERY_CHARACTERS = 200
CACHE_SECONDS = 3600
MODES = ("suggest", "describe")

CORS_HEADERS: tuple[tuple[str, str], ...] = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, OPTIONS"),
    ("Access-Control-Allow-Headers", "Content-Type, If-None-Match"),
    ("Access-Control-Expose-Headers", "ETag"),
)


@dataclass(frozen=True, slots=True)
class ApiResponse:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class BadRequest(ValueError):
    """A parameter the API cannot use; the message is shown to the API user (in French)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def json_response(status: int, payload: object, *, cacheable: bool = False) -> ApiResponse:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = [("Content-Type", "application/json; charset=utf-8"), *CORS_HEADERS]
    if cacheable:
        # The answer depends only on the URL and the data bundle: shared caches may keep it.
        headers.append(("Cache-Control", f"public, max-age={CACHE_SECONDS}"))
        headers.append(("ETag", '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'))
    else:
        headers.append(("Cache-Control", "no-store"))
    return ApiResponse(status, tuple(headers), body)


def error_response(error: BadRequest) -> ApiResponse:
    return json_response(error.status, {"error": str(error)})


def preflight() -> ApiResponse:
    """The answer to a CORS preflight (OPTIONS) request."""
    return ApiResponse(204, (*CORS_HEADERS, ("Access-Control-Max-Age", "86400")), b"")


def not_modified(response: ApiResponse, if_none_match: str | None) -> ApiResponse:
    """A 304 when the client already holds this very answer."""
    etag = dict(response.headers).get("ETag")
    if etag and if_none_match and etag in {tag.strip() for tag in if_none_match.split(",")}:
        headers = tuple((k, v) for k, v in response.headers if k != "Content-Type")
        return ApiResponse(304, headers, b"")
    return response


def _query(params: Mapping[str, str]) -> str:
    query = params.get("q", "")
    if len(query) > MAX_QUERY_CHARACTERS:
        raise BadRequest(f"La recherche est trop longue ({MAX_QUERY_CHARACTERS} caractères au plus).")
    return query


def _limit(params: Mapping[str, str]) -> int:
    raw = params.get("limit", "").strip()
    if not raw:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise BadRequest(f"Le paramètre limit doit être un entier entre 1 et {MAX_LIMIT}.") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"Le paramètre limit doit être un entier entre 1 et {MAX_LIMIT}.")
    return limit


def _gender(params: Mapping[str, str]) -> Any:
    gender = params.get("gender", "").strip()
    if not gender:
        return None
    if gender not in GENDERS:
        raise BadRequest("Le paramètre gender doit valoir masculine ou feminine.")
    return gender


def suggest_jobs(index: JobIndex, params: Mapping[str, str]) -> ApiResponse:
    """GET /api/v1/jobs/suggest?q=&limit=&gender="""
    try:
        query, limit, gender = _query(params), _limit(params), _gender(params)
    except BadRequest as error:
        return error_response(error)
    results = index.suggest(query, limit, gender)
    return json_response(200, [r.to_json() for r in results], cacheable=True)


def _mode(params: Mapping[str, str]) -> str:
    mode = params.get("mode", "").strip() or "suggest"
    if mode not in MODES:
        raise BadRequest("Le paramètre mode doit valoir suggest ou describe.")
    return mode


def suggest_job_groups(index: JobIndex, params: Mapping[str, str]) -> ApiResponse:
    """GET /api/v1/job-groups/suggest?q=&limit=&mode=

    `mode=describe` answers an object: `items` (scored job groups), `unsure`, `confidence` and a
    French `message` whenever Bob is unsure or found nothing.
    """
    try:
        query, limit, mode = _query(params), _limit(params), _mode(params)
    except BadRequest as error:
        return error_response(error)
    if mode == "describe":
        return json_response(200, index.describe(query, limit).to_json(), cacheable=True)
    results = index.suggest_job_groups(query, limit)
    return json_response(200, [r.to_json() for r in results], cacheable=True)


def suggest_cities(index: CityIndex, params: Mapping[str, str]) -> ApiResponse:
    """GET /api/v1/cities/suggest?q=&limit="""
    try:
        query, limit = _query(params), _limit(params)
    except BadRequest as error:
        return error_response(error)
    results = index.suggest(query, limit)
    return json_response(200, [r.to_json() for r in results], cacheable=True)
