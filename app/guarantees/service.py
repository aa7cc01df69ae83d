"""Guarantee services: the current fallback guarantee and its earlier versions."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.clock import local_today
from app.errors import NotFound, ValidationFailed, field_error
from app.guarantees.models import FallbackGuarantee, IncomeOnReturn
from app.guarantees.schemas import GuaranteeCreate
from app.i18n import date_text
from app.i18n import gettext as _
from app.notices import post_notice
from app.organisations.models import Organisation
from app.outbox import notify
from app.people.models import Person

# "Tot en met 27 jaar" (Oss): the youth rule holds up to and including the age of 27.
YOUTH_MAX_AGE = 27


def age_on(birth: date, day: date) -> int:
    """Whole years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _check_youth_indication(session: Session, candidate: Person, valid_until: date,
                            today: date) -> None:
    """Oss: a young candidate (up to and including 27) gets no long day-activity indication:
    at most the organisation's `youth_max_indication_months` from today. Without a known date
    of birth the rule cannot apply (the age is unknown). Raises ValidationFailed."""
    organisation = session.get(Organisation, candidate.organisation_id)
    months = organisation.youth_max_indication_months if organisation else None
    if not months or candidate.date_of_birth is None:
        return
    if age_on(candidate.date_of_birth, today) > YOUTH_MAX_AGE:
        return
    latest = add_months(today, months)
    if valid_until > latest:
        raise ValidationFailed(invalid_params=[field_error(
            "indication_valid_until",
            _("For a candidate up to 27, the indication may run for at most %(months)s months: "
              "until %(latest)s at the latest.") % {"months": months,
                                                    "latest": date_text(latest)},
            "youth_indication_too_long")])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of a shorter month)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _check_income_on_return(data: GuaranteeCreate) -> None:
    """Weeks without income belong to a new application, and a new application needs them.
    Raises ValidationFailed."""
    if data.income_on_return == IncomeOnReturn.new_application:
        if data.expected_gap_weeks is None:
            raise ValidationFailed(invalid_params=[field_error(
                "expected_gap_weeks",
                _("Give the number of weeks a new application may take."), "missing")])
    elif data.expected_gap_weeks is not None:
        raise ValidationFailed(invalid_params=[field_error(
            "expected_gap_weeks",
            _("Weeks without income only go with a new application."), "not_allowed")])


def list_versions(session: Session, file: CandidateFile) -> list[FallbackGuarantee]:
    """Every version, newest first (the first is the one in force). Raises NotFound."""
    file.require(FileArea.guarantee)
    return list(session.scalars(
        select(FallbackGuarantee).where(FallbackGuarantee.candidate_id == file.candidate_id)
        .order_by(FallbackGuarantee.number.desc())
    ))


def find_current(session: Session, file: CandidateFile) -> FallbackGuarantee | None:
    """The guarantee in force, if any. Raises NotFound."""
    file.require(FileArea.guarantee)
    return session.scalar(
        select(FallbackGuarantee).where(FallbackGuarantee.candidate_id == file.candidate_id)
        .order_by(FallbackGuarantee.number.desc()).limit(1)
    )


def issue_guarantee(session: Session, actor: Actor, candidate_id: int,
                    data: GuaranteeCreate) -> FallbackGuarantee:
    """Issue a new version of the fallback guarantee; earlier versions stay readable.
    Raises NotFound."""
    file = open_file(session, actor, candidate_id).require(FileArea.guarantee)
    if not actor.is_staff or not can_change(actor, FileArea.guarantee):
        raise NotFound()
    _check_youth_indication(session, file.candidate, data.indication_valid_until, local_today())
    _check_income_on_return(data)
    current = find_current(session, file)
    guarantee = FallbackGuarantee(
        candidate_id=candidate_id, number=(current.number if current else 0) + 1,
        provider_name=data.provider_name, provider_address=data.provider_address,
        indication_valid_until=data.indication_valid_until,
        income_consequences=data.income_consequences, arranged_by=data.arranged_by,
        free_text=data.free_text,
        income_on_return=data.income_on_return.value if data.income_on_return else None,
        expected_gap_weeks=data.expected_gap_weeks,
        texts={lang: t.model_dump() for lang, t in data.texts.items()},
        issued_by_organisation_id=actor.organisation_id,
        issued_by_id=actor.person_id, issued_on=local_today(),
    )
    session.add(guarantee)
    session.flush()
    post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                code="guarantee_updated")
    notify.guarantee_issued(session, candidate_id=candidate_id, number=guarantee.number)
    return guarantee
