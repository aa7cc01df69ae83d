"""Organisation services: the admin's settings for the municipality or region."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlmodel import Session

from app.auth.actor import Actor
from app.clock import local_today
from app.concurrency import check_version
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.money.engine import InvalidOverride, UnknownParameter, load_parameters
from app.organisations.models import ORGANISATION_RULES, Organisation
from app.organisations.schemas import OrganisationUpdate

MAX_PATH_LENGTH = 120


def get_organisation(session: Session, actor: Actor) -> Organisation:
    """The actor's own organisation. Raises NotFound when it is gone."""
    organisation = session.get(Organisation, actor.organisation_id)
    if organisation is None:
        raise NotFound()
    return organisation


def money_overrides_as_text(organisation: Organisation) -> dict[str, str]:
    return {str(path): str(value) for path, value in (organisation.money_overrides or {}).items()}


def update_settings(session: Session, actor: Actor, data: OrganisationUpdate,
                    expected_version: int, *, today: date | None = None) -> Organisation:
    """Change the fields sent. Raises StaleVersion, or ValidationFailed naming the money
    override that the money engine does not know or cannot read (then nothing is stored)."""
    organisation = get_organisation(session, actor)
    check_version(organisation.version, expected_version)
    sent = data.model_fields_set
    overrides = None
    if "money_overrides" in sent:
        overrides = check_money_overrides(data.money_overrides or {}, today or local_today())
    for field in ORGANISATION_RULES:
        if field in sent:
            setattr(organisation, field, getattr(data, field))
    if "first_salary_offset" in sent and data.first_salary_offset is not None:
        organisation.first_salary_offset = data.first_salary_offset
    if overrides is not None:
        organisation.money_overrides = overrides
    session.flush()
    return organisation


def check_money_overrides(overrides: dict[str, str], today: date) -> dict[str, str]:
    """The overrides in their stored form (path -> canonical decimal string), each checked
    against the money parameters valid today. Raises ValidationFailed per bad entry."""
    problems = []
    cleaned: dict[str, str] = {}
    for raw_path, raw_value in overrides.items():
        path, value = raw_path.strip(), raw_value.strip()
        name = f"money_overrides.{path}"
        if not path or len(path) > MAX_PATH_LENGTH:
            problems.append(field_error(name, _("This money figure does not exist."),
                                        "unknown_parameter"))
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            problems.append(field_error(name, _("Enter an amount, for example 12.50."),
                                        "invalid_override"))
            continue
        try:
            load_parameters(today, {path: str(number)})
        except UnknownParameter:
            problems.append(field_error(name, _("This money figure does not exist."),
                                        "unknown_parameter"))
            continue
        except InvalidOverride:
            problems.append(field_error(name, _("Enter an amount, for example 12.50."),
                                        "invalid_override"))
            continue
        cleaned[path] = str(number)
    if problems:
        raise ValidationFailed(invalid_params=problems)
    return cleaned
