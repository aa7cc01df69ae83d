"""Turns errors into RFC 9457 problem+json under /api/ and friendly translated pages elsewhere."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from app.concurrency import IF_MATCH_HEADER
from app.errors import (
    AppError,
    Conflict,
    NotFound,
    PreconditionRequired,
    StaleVersion,
    ValidationFailed,
)
from app.i18n import get_locale, gettext
from app.i18n import lazy_gettext as _l
from app.templating import render

logger = logging.getLogger("stapwijzer.errors")

PROBLEM_JSON = "application/problem+json"

# Field messages in the caller's language, keyed by pydantic's error type.
_FIELD_MESSAGES = {
    "missing": _l("This field is required."),
    "string_too_short": _l("This is too short."),
    "string_too_long": _l("This is too long (at most {max_length} characters)."),
    "string_type": _l("Enter text here."),
    "string_pattern_mismatch": _l("This does not have the right form."),
    "int_parsing": _l("Enter a whole number."),
    "int_type": _l("Enter a whole number."),
    "int_from_float": _l("Enter a whole number."),
    "float_parsing": _l("Enter a number."),
    "float_type": _l("Enter a number."),
    "decimal_parsing": _l("Enter an amount, for example 12.50."),
    "decimal_type": _l("Enter an amount, for example 12.50."),
    "decimal_max_places": _l("Use at most {decimal_places} decimals."),
    "bool_parsing": _l("Choose yes or no."),
    "bool_type": _l("Choose yes or no."),
    "date_parsing": _l("Enter a date like 2026-03-01."),
    "date_from_datetime_parsing": _l("Enter a date like 2026-03-01."),
    "date_type": _l("Enter a date like 2026-03-01."),
    "datetime_parsing": _l("Enter a date and time like 2026-03-01T10:00:00+01:00."),
    "datetime_from_date_parsing": _l("Enter a date and time like 2026-03-01T10:00:00+01:00."),
    "datetime_type": _l("Enter a date and time like 2026-03-01T10:00:00+01:00."),
    "timezone_aware": _l("Give the time with its time zone, like +01:00."),
    "greater_than": _l("This must be more than {gt}."),
    "greater_than_equal": _l("This must be at least {ge}."),
    "less_than": _l("This must be less than {lt}."),
    "less_than_equal": _l("This must be at most {le}."),
    "multiple_of": _l("This must be a multiple of {multiple_of}."),
    "enum": _l("Choose one of: {expected}."),
    "literal_error": _l("Choose one of: {expected}."),
    "list_type": _l("Enter a list here."),
    "too_short": _l("Choose at least {min_length}."),
    "too_long": _l("Choose at most {max_length}."),
    "dict_type": _l("This must be an object."),
    "model_type": _l("This must be an object."),
    "model_attributes_type": _l("This must be an object."),
    "extra_forbidden": _l("This field is not allowed here."),
    "json_invalid": _l("The request body is not valid JSON."),
    "uuid_parsing": _l("This is not a valid identifier."),
    "value_error": _l("This value is not correct."),
    "assertion_error": _l("This value is not correct."),
    "url_parsing": _l("Enter a web address."),
    # app/input_types.py: text with a control character or a direction override in it.
    "text_one_line": _l("Write this on one line, without special characters."),
    "text_control_character": _l("This contains a character that is not allowed. "
                                 "Use letters, numbers and punctuation."),
}
_DEFAULT_FIELD_MESSAGE = _l("This value is not correct.")

_STATUS_TITLES = {
    400: _l("Something is not right."),
    401: _l("Please sign in first."),
    403: _l("You may not do this."),
    404: _l("We could not find this."),
    405: _l("This action is not possible here."),
    406: _l("This format is not available."),
    409: _l("This conflicts with what is already there."),
    412: _l("Someone else changed this in the meantime."),
    413: _l("This is too large."),
    415: _l("Send the data as JSON."),
    422: _l("Some information is missing or not correct."),
    428: _l("Send the version you are changing (If-Match header)."),
    429: _l("Too many attempts. Please wait a while and try again."),
    500: _l("Something went wrong on our side. Please try again later."),
}
_STATUS_CODES = {
    400: "bad_request", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 412: "stale_version",
    413: "too_large", 415: "unsupported_media_type", 422: "validation_failed",
    428: "precondition_required", 429: "too_many_attempts", 500: "server_error",
}


def field_message(error: dict[str, Any]) -> str:
    """A pydantic error as a translated sentence, with its limits filled in."""
    kind = error.get("type", "")
    if kind in ("too_long", "too_short") and isinstance(error.get("input"), str):
        # An optional text type of app/input_types.py reports its length like a list's.
        kind = f"string_{kind}"
    template = _FIELD_MESSAGES.get(kind, _DEFAULT_FIELD_MESSAGE)
    context = dict(error.get("ctx") or {})
    try:
        return gettext(str(template)).format(**{k: str(v) for k, v in context.items()})
    except (KeyError, IndexError):
        return gettext(str(_DEFAULT_FIELD_MESSAGE))


def invalid_params_from(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    params = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body",)]
        if location and location[0] in ("query", "path", "header", "cookie"):
            location = location[1:]
        params.append({
            "name": ".".join(location) or "body",
            "code": error.get("type", "invalid"),
            "reason": field_message(error),
        })
    return params


def wants_problem_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem_response(
    request: Request, status: int, code: str, title: str, detail: str | None = None,
    invalid_params: list[dict[str, Any]] | None = None, extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:stapwijzer:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail or title,
        "instance": request.url.path,
        "code": code,
    }
    if invalid_params:
        body["invalid_params"] = invalid_params
    if extra:
        body.update(extra)
    response = JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)
    response.headers["Content-Language"] = _content_language()
    response.headers["Vary"] = "Accept-Language"
    return response


def _content_language() -> str:
    return get_locale()


def error_page(
    request: Request, status: int, title: str, detail: str | None = None,
    invalid_params: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None,
) -> Response:
    template = f"errors/{status}.html" if status in (401, 403, 404) else "errors/generic.html"
    return render(
        request, template,
        {"status": status, "title": title, "detail": detail, "invalid_params": invalid_params},
        status_code=status, headers=headers,
    )


def _respond(request: Request, error: AppError) -> Response:
    title = gettext(str(error.title))
    detail = error.detail if error._detail is not None else title
    if wants_problem_json(request):
        return problem_response(
            request, error.status_code, error.code, title, detail, error.invalid_params,
            error.extra, error.headers,
        )
    return error_page(request, error.status_code, title, detail if detail != title else None,
                      error.invalid_params, error.headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, error: AppError) -> Response:
        return _respond(request, error)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, error: RequestValidationError) -> Response:
        errors = list(error.errors())
        if not wants_problem_json(request) and all(e["loc"][0] == "path" for e in errors):
            # A page address with an impossible id (letters, 0, forty digits): nothing is there.
            return _respond(request, NotFound())
        if all(tuple(e["loc"][:2]) == ("header", IF_MATCH_HEADER) for e in errors):
            # The schema declares If-Match required (so clients know to send it); a write
            # without a version it can check is RFC 6585's 428, as before.
            return _respond(request, PreconditionRequired())
        failed = ValidationFailed(invalid_params=invalid_params_from(errors))
        return _respond(request, failed)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
        status = error.status_code
        if status == 404:
            return _respond(request, NotFound())
        title = gettext(str(_STATUS_TITLES.get(status, _STATUS_TITLES[400])))
        headers = dict(error.headers or {})
        if status == 405:
            headers["Allow"] = allowed_methods(request)
        if wants_problem_json(request):
            return problem_response(request, status, _STATUS_CODES.get(status, "error"), title,
                                    headers=headers)
        return error_page(request, status, title, headers=headers)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, error: StaleDataError) -> Response:
        # Two writers raced past the If-Match check; the second one's UPDATE matched no row.
        return _respond(request, StaleVersion())

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, error: IntegrityError) -> Response:
        return _respond(request, Conflict())

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        # Log the type and route only: messages and arguments may carry personal data.
        logger.error("unhandled error", extra=_error_fields(error, request))
        title = gettext(str(_STATUS_TITLES[500]))
        if wants_problem_json(request):
            return problem_response(request, 500, "server_error", title)
        return error_page(request, 500, title)


def _error_fields(error: Exception, request: Request) -> dict[str, Any]:
    """What the log may say about an error: its class, the route template and, for a database
    error, the statement's shape (placeholders, never the values, nor the driver's message,
    which can quote a value: 'invalid input syntax for type integer: "…"')."""
    fields: dict[str, Any] = {"error_type": type(error).__name__,
                              "path_template": _route_template(request)}
    if isinstance(error, StatementError):
        fields["statement"] = " ".join((error.statement or "").split())
        if error.orig is not None:
            fields["driver_error_type"] = type(error.orig).__name__
    return fields


def allowed_methods(request: Request) -> str:
    """Every method the path supports, over all routes that serve it (RFC 9110 §15.5.6).
    Starlette answers 405 with the methods of the first route whose path matched, and the API
    declares each method of a path as a route of its own."""
    table = getattr(request.app.state, "route_methods", None)
    if table is None:
        # Routes are fixed once the app is built: compile their paths once, on the first 405.
        table = []
        for route in iter_route_contexts(request.app.routes):
            if route.path and route.methods:
                table.append((compile_path(route.path)[0], frozenset(route.methods)))
        request.app.state.route_methods = table
    path = request.scope.get("path", "")
    methods = set().union(*(methods for regex, methods in table if regex.match(path)))
    return ", ".join(sorted(methods))


def _route_template(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", "?")
