"""The one error model: domain errors with a stable code and a translated message."""

from __future__ import annotations

from typing import Any

from app.i18n import gettext
from app.i18n import lazy_gettext as _l


class AppError(Exception):
    """Base of every expected error; `code` is stable for clients, `title` is translated."""

    status_code: int = 400
    code: str = "bad_request"
    title = _l("Something is not right.")
    # A failed sign-in must still count the attempt, so its unit of work commits anyway.
    keeps_changes: bool = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        invalid_params: list[dict[str, Any]] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or str(self.title))
        self._detail = detail
        self.invalid_params = invalid_params or []
        self.extra = extra or {}
        self.headers = headers or {}

    @property
    def detail(self) -> str:
        return self._detail if self._detail is not None else str(self.title)


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    title = _l("We could not find this.")


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"
    title = _l("Please sign in first.")

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="stapwijzer"'})
        super().__init__(detail, **kwargs)


class PermissionDenied(AppError):
    status_code = 403
    code = "permission_denied"
    title = _l("You may not do this.")


class ValidationFailed(AppError):
    status_code = 422
    code = "validation_failed"
    title = _l("Some information is missing or not correct.")


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    title = _l("This conflicts with what is already there.")


class StaleVersion(AppError):
    """The client edited an older version; `extra["current"]` carries the version now stored."""

    status_code = 412
    code = "stale_version"
    title = _l("Someone else changed this in the meantime.")


class PreconditionRequired(AppError):
    status_code = 428
    code = "precondition_required"
    title = _l("Send the version you are changing (If-Match header).")


class TooManyAttempts(AppError):
    status_code = 429
    code = "too_many_attempts"
    title = _l("Too many attempts. Please wait a while and try again.")


class CsrfFailed(AppError):
    status_code = 403
    code = "csrf_failed"
    title = _l("This form has expired. Please go back and try again.")


def field_error(field: str | list[str], message: str, code: str = "invalid") -> dict[str, Any]:
    """One entry of `invalid_params`, in the shape the NL API design rules use."""
    name = field if isinstance(field, str) else ".".join(str(p) for p in field)
    return {"name": name, "code": code, "reason": message}


def translate(message: Any) -> str:
    return gettext(str(message)) if message is not None else ""
