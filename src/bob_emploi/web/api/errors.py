"""One JSON shape for every API error, whatever raised it (a view, ninja, Django, django-axes):

    {"error": {"code": "not_found", "message": "…", "fields": [{"field": "project.city", "message": "…"}]}}

`code` is stable and meant for programs; `message` is French, for people; `fields` names each
bad input field (dotted path in the request) and is empty when the error is not about one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bob_emploi.advisor.errors import InvalidInput
from bob_emploi.web.accounts.locks import AccountGone
from bob_emploi.web.accounts.services import LOCKED_OUT_MESSAGE

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"

CODES = {
    400: ("bad_request", "La requête est mal formée."),
    401: ("not_authenticated", "Connectez-vous ou fournissez un jeton d'API (Authorization: Bearer …)."),
    403: ("forbidden", "Cette action n'est pas permise."),
    404: ("not_found", "Cette ressource n'existe pas."),
    405: ("method_not_allowed", "Cette méthode HTTP n'est pas permise ici."),
    406: ("not_acceptable", "Ce format de réponse n'est pas disponible : l'API répond en JSON."),
    413: ("too_large", "La requête est trop volumineuse."),
    415: ("unsupported_media_type", "Envoyez du JSON (Content-Type: application/json)."),
    422: ("invalid_input", "Certaines valeurs envoyées ne conviennent pas."),
    429: ("too_many_attempts", "Trop de tentatives : réessayez plus tard."),
    500: ("internal_error", "Une erreur interne est survenue ; elle a été enregistrée."),
}


class ApiError(HttpError):
    """An error a view raises on purpose, with its stable code and the fields at fault."""

    def __init__(
        self, status: int, message: str, code: str | None = None, fields: Iterable[tuple[str, str]] = ()
    ) -> None:
        super().__init__(status, message)
        self.code = code or CODES.get(status, ("error", ""))[0]
        self.fields = list(fields)


def error_body(
    status: int, message: str | None = None, code: str | None = None, fields: Iterable[Any] = ()
) -> dict[str, Any]:
    default_code, default_message = CODES.get(status, ("error", "Erreur."))
    return {
        "error": {
            "code": code or default_code,
            "message": message or default_message,
            "fields": [{"field": field, "message": text} for field, text in fields],
        }
    }


def error_response(
    status: int, message: str | None = None, code: str | None = None, fields: Iterable[Any] = ()
) -> JsonResponse:
    response = JsonResponse(
        error_body(status, message, code, fields), status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response


def _field_path(location: Iterable[Any]) -> str:
    """ninja's ("body", "payload", "project", "city") → "project.city"; ("query", "limit") → "limit".

    A view's body is one model parameter: its name is ninja's, not the client's, so it is dropped.
    """
    parts = [str(part) for part in location]
    if parts[:1] == ["body"]:
        parts = parts[2:]
    elif parts and parts[0] in {"query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


_PYDANTIC_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "extra_forbidden": "Ce champ n'est pas attendu.",
    "literal_error": "Cette valeur n'est pas permise.",
    "enum": "Cette valeur n'est pas permise.",
    "int_parsing": "Un nombre entier est attendu.",
    "int_type": "Un nombre entier est attendu.",
    "bool_type": "Un booléen (true ou false) est attendu.",
    "bool_parsing": "Un booléen (true ou false) est attendu.",
    "string_type": "Une chaîne de caractères est attendue.",
    "string_too_short": "Cette valeur est trop courte.",
    "string_too_long": "Cette valeur est trop longue.",
    "string_pattern_mismatch": "Cette valeur n'a pas le format attendu.",
    "greater_than_equal": "Cette valeur est trop petite.",
    "less_than_equal": "Cette valeur est trop grande.",
    "too_long": "Cette liste est trop longue.",
    "too_short": "Cette liste est trop courte.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "dict_type": "Un objet JSON est attendu.",
    "model_type": "Un objet JSON est attendu.",
    "list_type": "Une liste est attendue.",
    "tuple_type": "Une liste est attendue.",
    "json_invalid": "Le JSON envoyé est invalide.",
}


def _validation_fields(errors: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    fields = []
    for error in errors:
        message = _PYDANTIC_MESSAGES.get(str(error.get("type")), "Cette valeur ne convient pas.")
        fields.append((_field_path(error.get("loc", ())), message))
    return fields


def exception_response(request: HttpRequest, error: Any) -> HttpResponse:
    """The JSON error answer for an exception raised while serving an API request."""
    if isinstance(error, ApiError):
        return error_response(error.status_code, error.message, error.code, error.fields)
    if isinstance(error, ValidationError):
        return error_response(422, fields=_validation_fields(error.errors))
    if isinstance(error, InvalidInput):
        return error_response(422, fields=[(field.field, field.message) for field in error.errors])
    if isinstance(error, AuthenticationError):
        return error_response(401)
    if isinstance(error, AccountGone):  # deleted while this request wrote for it: nothing was saved
        return error_response(401, "Ce compte a été supprimé : rien n'a été enregistré.", "account_deleted")
    if isinstance(error, HttpError):
        status = error.status_code
        if status == 403 and "csrf" in str(error).lower():
            return error_response(403, "Le jeton CSRF est absent ou invalide : rechargez la page.", "csrf_failed")
        # ninja's own messages are English ("Cannot parse request body"): keep ours.
        return error_response(status, None if status in CODES else str(error))
    if isinstance(error, Http404):
        return error_response(404)
    if isinstance(error, RequestDataTooBig | TooManyFieldsSent):
        return error_response(413)
    if isinstance(error, SuspiciousOperation):
        return error_response(400)
    logger.exception("API error on %s %s", request.method, request.path, exc_info=error)
    return error_response(500)


def install_handlers(api: NinjaAPI) -> None:
    """Routes every exception an API view may meet to the one error shape (ninja picks the
    handler by the exception's class, so each class ninja knows must be named here)."""
    for kind in (
        ApiError,
        ValidationError,
        InvalidInput,
        AuthenticationError,
        HttpError,
        Http404,
        SuspiciousOperation,
        Exception,
    ):
        api.add_exception_handler(kind, exception_response)


# Bodies up to this size that an error left unread are read and dropped (see `_drain`); a larger one
# makes the server close the connection, which clients see as a disconnection.
DRAIN_LIMIT = 4 * 1024 * 1024


def _drain(request: HttpRequest) -> None:
    """Reads what the client sent and no view read (a 413 or 415 refuses a body unread), so that
    the kept-alive connection carries the client's next request: gunicorn drops a connection with
    more than a few kilobytes left unread, after answering "keep-alive".

    Reads through Django's own stream of the request (`_stream`: bounded by Content-Length, and
    empty once the body was read), never the server's input directly."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    stream = getattr(request, "_stream", None)
    if stream is None or not 0 < length <= DRAIN_LIMIT:
        return
    try:
        while stream.read(65_536):
            pass
    except OSError:  # the client went away meanwhile: nothing to keep
        return


class ApiErrorMiddleware:
    """Rewrites the errors that never reach a ninja view (unknown URL, wrong method, CSRF refusal,
    too large a body, django-axes lockout) into the JSON error shape, for paths under /api/.

    Every API error leaves with the Content-Length of its own body: CommonMiddleware, inside this
    one, set the header for the HTML page it saw, and clients read exactly that many bytes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith(API_PREFIX)
            and request.method in {"POST", "PUT", "PATCH"}
            and request.content_type != "application/json"
            and request.META.get("CONTENT_LENGTH", "0") not in {"", "0"}
        ):
            # The API reads JSON only; another body (a form, a multipart upload) is never parsed.
            _drain(request)
            return self._framed(error_response(415))
        response = self.get_response(request)
        if response.status_code >= 400 and request.path.startswith(API_PREFIX):
            if not self._has_shape(response):
                response = self._rewrite(request, response)
            _drain(request)
            return self._framed(response)
        return response

    @staticmethod
    def _framed(response: HttpResponse) -> HttpResponse:
        if not getattr(response, "streaming", False):
            response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def _has_shape(response: HttpResponse) -> bool:
        if getattr(response, "streaming", False):
            return True
        if not response.get("Content-Type", "").startswith("application/json"):
            return False
        try:
            body = json.loads(response.content)
        except ValueError:
            return False
        return isinstance(body, dict) and isinstance(body.get("error"), dict) and "code" in body["error"]

    @staticmethod
    def _rewrite(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """The same response (headers and cookies set by other middleware kept), with a JSON body."""
        if getattr(request, "axes_locked_out", False):
            body = error_body(429, LOCKED_OUT_MESSAGE, "too_many_attempts")
            response.status_code = 429
        else:
            body = error_body(response.status_code)
        response.content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        response["Content-Type"] = "application/json"
        response["Cache-Control"] = "no-store"
        return response
