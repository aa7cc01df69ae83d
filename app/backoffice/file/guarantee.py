"""The guarantee section of a candidate's file: the fallback guarantee in force, earlier
versions, and issuing a new one (through `guarantees.service`, with the API's schema)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, iso, page
from app.backoffice.forms import FormModel, Text, blank, whole
from app.deps import ConsultantActor, SessionDep
from app.errors import AppError
from app.guarantees import service as guarantees_service
from app.guarantees.models import IncomeOnReturn
from app.guarantees.schemas import GuaranteeCreate
from app.i18n import lazy_gettext as _l
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)

INCOME_KINDS = {
    "": _l("Not arranged yet"),
    IncomeOnReturn.restart_without_application.value: _l(
        "The municipality restarts the benefit at once (no new application)"),
    IncomeOnReturn.new_application.value: _l("A new application (give the weeks without income)"),
    IncomeOnReturn.salary_kept.value: _l("The salary stays (secondment)"),
}


class GuaranteeForm(FormModel):
    provider_name: Text = ""
    provider_address: Text = ""
    indication_valid_until: Text = ""
    income_consequences: Text = ""
    arranged_by: Text = ""
    free_text: Text = ""
    income_on_return: Text = ""
    expected_gap_weeks: Text = ""
    income_consequences_en: Text = ""
    free_text_en: Text = ""

    @classmethod
    def start(cls, current, candidate: Person) -> GuaranteeForm:
        """A new version usually changes one thing: start from the one in force."""
        if current is not None:
            return cls(
                provider_name=current.provider_name, provider_address=current.provider_address,
                indication_valid_until=iso(current.indication_valid_until),
                income_consequences=current.income_consequences,
                arranged_by=current.arranged_by, free_text=current.free_text,
                income_on_return=current.income_on_return or "",
                expected_gap_weeks=str(current.expected_gap_weeks)
                if current.expected_gap_weeks is not None else "",
                income_consequences_en=(current.texts or {}).get("en", {}).get(
                    "income_consequences", ""),
                free_text_en=(current.texts or {}).get("en", {}).get("free_text", ""))
        return cls(provider_name=candidate.day_activity_provider or "")

    def to_schema(self) -> GuaranteeCreate:
        data = {field: value.strip() for field, value in self.model_dump().items()}
        data["indication_valid_until"] = blank(self.indication_valid_until)
        data["income_on_return"] = blank(self.income_on_return)
        data["expected_gap_weeks"] = whole(self.expected_gap_weeks)
        english = {"income_consequences": data.pop("income_consequences_en"),
                   "free_text": data.pop("free_text_en")}
        data["texts"] = {"en": english} if any(english.values()) else {}
        return GuaranteeCreate.model_validate(data)


def _guarantee_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                    error: AppError | None = None, form: GuaranteeForm | None = None):
    versions = guarantees_service.list_versions(session, open_file(session, actor, candidate.id))
    current = versions[0] if versions else None
    return page(request, candidate, "guarantee", "guarantee.html", {
        "current": current, "earlier": versions[1:],
        "form": form or GuaranteeForm.start(current, candidate),
        "income_kinds": INCOME_KINDS,
    }, error=error, failed="guarantee")


@router.get(FILE + "/guarantee", name="office.file:guarantee")
def guarantee(candidate_id: RecordId, request: Request, actor: ConsultantActor,
              session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _guarantee_page(request, session, actor, candidate)


@router.post(FILE + "/guarantee", name="office.file:guarantee_issue")
def guarantee_issue(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                    session: SessionDep, form: Annotated[GuaranteeForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: guarantees_service.issue_guarantee(
        session, actor, candidate_id, form.to_schema()), GuaranteeForm)
    if error:
        return _guarantee_page(request, session, actor, candidate, error=error, form=form)
    return done(request, "office.file:guarantee", candidate_id, "guarantee")
