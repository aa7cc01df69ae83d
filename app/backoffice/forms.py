"""Helpers for the back-office forms: form models that build the API's schemas, one way to turn
a refusal into the error summary, and which fields to mark `aria-invalid`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.error_handlers import invalid_params_from
from app.errors import AppError, ValidationFailed

# A generous cap on any typed field; the API schemas hold the real limits.
Text = Annotated[str, Field(max_length=10_000)]
INVALID = Markup(' aria-invalid="true"')


class FormModel(BaseModel):
    """An HTML form as the browser posts it: every field as typed, so a refused form can be
    shown again unchanged. `to_schema()` builds the request schema the JSON API validates; a
    field is listed here once and the page never parses it by hand."""

    # The CSRF token travels with every form and is checked before the handler runs.
    model_config = ConfigDict(extra="ignore")

    # Where an error of the schema is shown: its first name parts → the form field.
    error_fields: ClassVar[dict[str, str]] = {}

    def to_schema(self) -> BaseModel:  # pragma: no cover - every form defines it
        raise NotImplementedError

    @classmethod
    def field_for(cls, name: str) -> str:
        for prefix, field in cls.error_fields.items():
            if name == prefix or name.startswith(prefix + "."):
                return field
        return name.split(".")[0]  # "children_ages.1" is the field children_ages

    @classmethod
    def explain(cls, param: dict[str, Any]) -> dict[str, Any]:
        """A field error as the form says it; a form may put a check without a field into
        words."""
        return param


def refusal(error: ValidationError | AppError,
            form: type[FormModel] | None = None) -> AppError:
    """The one error helper: a schema's ValidationError or a service's AppError, with each
    field error named after the form field that shows it (for `aria-invalid`)."""
    if isinstance(error, ValidationError):
        error = ValidationFailed(invalid_params=invalid_params_from(error.errors()))
    if form is not None and error.invalid_params:
        error.invalid_params = [form.explain({**p, "name": form.field_for(p["name"])})
                                for p in error.invalid_params]
    return error


def invalid_marker(error: AppError | None, failed: str | None) -> Callable[[str, str], Markup]:
    """For templates: `{{ invalid("new-step", "title_nl") }}` marks a field of the form that
    was refused (a page may hold many forms with the same field names)."""
    names = invalid_names(error)

    def invalid(form: str, *fields: str) -> Markup:
        if error is not None and form == failed and any(f in names for f in fields):
            return INVALID
        return Markup("")

    return invalid


def blank(value: str | None) -> str | None:
    """An empty field is "not given" for the schema."""
    value = (value or "").strip()
    return value or None


def whole(value: str | None) -> int | str | None:
    """A whole number for strict schema fields; anything else goes on for the schema to refuse."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return value


def amount(value: str | None) -> str | None:
    """An amount as typed in the Netherlands (12,50) for a Decimal field."""
    value = blank(value)
    return value.replace(",", ".") if value else None


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
