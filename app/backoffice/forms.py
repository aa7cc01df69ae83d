"""Helpers for the back-office forms: field errors named by their labels, and which fields
to mark invalid. Shared by the back-office page modules."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from app.error_handlers import invalid_params_from
from app.errors import AppError, ValidationFailed


def labelled(error: AppError, label_for: Callable[[str], str | None]) -> AppError:
    """The error with each field message prefixed by the label of its field, so the summary at
    the top of a long form says where the problem is."""
    if not error.invalid_params:
        return error
    params = []
    for param in error.invalid_params:
        label = label_for(param["name"])
        reason = f"{label}: {param['reason']}" if label else param["reason"]
        params.append({**param, "reason": reason})
    copy = type(error)(error._detail, invalid_params=params, extra=error.extra)
    return copy


def invalid_names(error: AppError | None) -> set[str]:
    return {p["name"] for p in error.invalid_params} if error is not None else set()


def validation_failed(error: ValidationError, prefix: str = "") -> ValidationFailed:
    params = invalid_params_from(error.errors())
    if prefix:
        params = [{**p, "name": f"{prefix}{p['name']}"} for p in params]
    return ValidationFailed(invalid_params=params)
