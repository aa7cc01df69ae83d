"""The workplace section of a candidate's file: the placements with employer, supervisor,
consent and the milestone timeline, and the forms to place, record or withdraw consent, add and
complete milestones and end a placement (through `employers.service`, with the API's schemas)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from sqlmodel import Session

from app.access import open_file
from app.auth.actor import Actor
from app.backoffice.file.common import FILE, attempt, done, file_candidate, iso, page
from app.backoffice.file.network import CONSENT_LABELS
from app.backoffice.forms import FormModel, Text, blank, whole
from app.clock import local_today
from app.deps import ConsultantActor, SessionDep
from app.employers import service
from app.employers.labels import EMPLOYER_KINDS, MILESTONES
from app.employers.models import MilestoneKind
from app.employers.schemas import (
    ConsentIn,
    MilestoneComplete,
    MilestoneCreate,
    PlacementCreate,
    PlacementEnd,
    PlacementUpdate,
)
from app.errors import AppError
from app.network.models import ConsentMethod
from app.path_ids import RecordId
from app.people.models import Person
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)


class PlacementForm(FormModel):
    employer_id: Text = ""
    supervisor_id: Text = ""
    workplace: Text = ""
    starts_on: Text = ""
    ends_on: Text = ""
    trial_step_id: Text = ""
    contract_step_id: Text = ""
    consent_by_id: Text = ""
    consent_method: Text = ""

    error_fields = {"consent": "consent_by_id"}

    def to_schema(self) -> PlacementCreate:
        consent = None
        # Consent is recorded when a way of agreeing is chosen (the person defaults to the
        # candidate); without one the placement starts without it.
        if blank(self.consent_method):
            consent = {"by_id": whole(self.consent_by_id), "method": blank(self.consent_method)}
        return PlacementCreate.model_validate({
            "employer_id": whole(self.employer_id), "supervisor_id": whole(self.supervisor_id),
            "workplace": self.workplace, "starts_on": blank(self.starts_on),
            "ends_on": blank(self.ends_on), "trial_step_id": whole(self.trial_step_id),
            "contract_step_id": whole(self.contract_step_id), "consent": consent})


class PlacementEditForm(FormModel):
    version: int = 0
    supervisor_id: Text = ""
    workplace: Text = ""
    starts_on: Text = ""
    ends_on: Text = ""
    trial_step_id: Text = ""
    contract_step_id: Text = ""

    @classmethod
    def of(cls, placement) -> PlacementEditForm:
        def text(value) -> str:
            return "" if value is None else str(value)

        return cls(version=placement.version, supervisor_id=text(placement.supervisor_id),
                   workplace=placement.workplace, starts_on=iso(placement.starts_on),
                   ends_on=iso(placement.ends_on), trial_step_id=text(placement.trial_step_id),
                   contract_step_id=text(placement.contract_step_id))

    def to_schema(self) -> PlacementUpdate:
        # Every field is on the form: an emptied one is cleared.
        return PlacementUpdate.model_validate({
            "supervisor_id": whole(self.supervisor_id), "workplace": self.workplace,
            "starts_on": blank(self.starts_on), "ends_on": blank(self.ends_on),
            "trial_step_id": whole(self.trial_step_id),
            "contract_step_id": whole(self.contract_step_id)})


class ConsentForm(FormModel):
    version: int = 0
    by_id: Text = ""
    method: Text = ""

    def to_schema(self) -> ConsentIn:
        return ConsentIn.model_validate({"by_id": whole(self.by_id),
                                         "method": blank(self.method)})


class MilestoneForm(FormModel):
    kind: Text = ""
    due_on: Text = ""
    employer_task: Text = ""
    note: Text = ""

    def to_schema(self) -> MilestoneCreate:
        return MilestoneCreate.model_validate({
            "kind": blank(self.kind), "due_on": blank(self.due_on),
            "employer_task": self.employer_task.strip(), "note": self.note.strip()})


class CompleteForm(FormModel):
    version: int = 0
    done_on: Text = ""
    wage_value_percent: Text = ""
    note: Text = ""

    def to_schema(self) -> MilestoneComplete:
        return MilestoneComplete.model_validate({
            "done_on": blank(self.done_on), "wage_value_percent": whole(self.wage_value_percent),
            "note": blank(self.note)})


class EndForm(FormModel):
    version: int = 0
    ends_on: Text = ""

    def to_schema(self) -> PlacementEnd:
        return PlacementEnd.model_validate({"ends_on": blank(self.ends_on)})


def _workplace_page(request: Request, session: Session, actor: Actor, candidate: Person, *,
                    error: AppError | None = None, failed: str | None = None,
                    forms: dict | None = None):
    file = open_file(session, actor, candidate.id)
    placements, _total = service.list_placements(session, file, limit=200)
    choices = service.placement_choices(session, file)
    forms = forms or {}
    return page(request, candidate, "workplace", "workplace.html", {
        "placements": placements, "choices": choices, "kinds": EMPLOYER_KINDS,
        "milestone_names": MILESTONES, "milestone_kinds": list(MilestoneKind),
        "wage_value_kinds": service.WAGE_VALUE_KINDS, "consent_labels": CONSENT_LABELS,
        "consultant_methods": [ConsentMethod.in_person, ConsentMethod.in_writing,
                               ConsentMethod.in_app],
        "today": local_today(), "forms": forms, "failed": failed,
        "people_by_employer": {e.id: people for e, people in choices.employers},
        "edit_forms": {v.placement.id: forms.get(f"edit-{v.placement.id}")
                       or PlacementEditForm.of(v.placement) for v in placements},
        "placement_form": forms.get("placement") or PlacementForm(consent_by_id=str(
            candidate.id)),
    }, error=error, failed=failed)


@router.get(FILE + "/workplace", name="office.file:workplace")
def workplace(candidate_id: RecordId, request: Request, actor: ConsultantActor,
              session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    return _workplace_page(request, session, actor, candidate)


def _refused(request, session, actor, candidate, error, key: str, form):
    return _workplace_page(request, session, actor, candidate, error=error, failed=key,
                           forms={key: form})


@router.post(FILE + "/workplace", name="office.file:workplace_add")
def workplace_add(candidate_id: RecordId, request: Request, actor: ConsultantActor,
                  session: SessionDep, form: Annotated[PlacementForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: service.create_placement(
        session, actor, candidate_id, form.to_schema()), PlacementForm)
    if error:
        return _refused(request, session, actor, candidate, error, "placement", form)
    return done(request, "office.file:workplace", candidate_id, "placement")


@router.post(FILE + "/workplace/{placement_id}", name="office.file:workplace_update")
def workplace_update(candidate_id: RecordId, placement_id: RecordId, request: Request,
                     actor: ConsultantActor, session: SessionDep,
                     form: Annotated[PlacementEditForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: service.update_placement(
        session, actor, candidate_id, placement_id, form.to_schema(), form.version),
        PlacementEditForm)
    if error:
        # After a stale version the form shows what is stored now.
        forms = {} if error.code == "stale_version" else {f"edit-{placement_id}": form}
        return _workplace_page(request, session, actor, candidate, error=error,
                               failed=f"edit-{placement_id}", forms=forms)
    return done(request, "office.file:workplace", candidate_id, "placement",
                f"placement-{placement_id}")


@router.post(FILE + "/workplace/{placement_id}/consent", name="office.file:workplace_consent")
def workplace_consent(candidate_id: RecordId, placement_id: RecordId, request: Request,
                      actor: ConsultantActor, session: SessionDep,
                      form: Annotated[ConsentForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: service.record_consent(
        session, actor, candidate_id, placement_id, form.to_schema(), form.version),
        ConsentForm)
    if error:
        return _refused(request, session, actor, candidate, error, f"consent-{placement_id}",
                        form)
    return done(request, "office.file:workplace", candidate_id, "consent",
                f"placement-{placement_id}")


@router.post(FILE + "/workplace/{placement_id}/consent/withdraw",
             name="office.file:workplace_withdraw")
def workplace_withdraw(candidate_id: RecordId, placement_id: RecordId, request: Request,
                       actor: ConsultantActor, session: SessionDep):
    file_candidate(session, actor, candidate_id)
    service.withdraw_consent(session, actor, candidate_id, placement_id)
    return done(request, "office.file:workplace", candidate_id, "consent_withdrawn",
                f"placement-{placement_id}")


@router.post(FILE + "/workplace/{placement_id}/milestones",
             name="office.file:workplace_milestone_add")
def milestone_add(candidate_id: RecordId, placement_id: RecordId, request: Request,
                  actor: ConsultantActor, session: SessionDep,
                  form: Annotated[MilestoneForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: service.add_milestone(
        session, actor, candidate_id, placement_id, form.to_schema()), MilestoneForm)
    if error:
        return _refused(request, session, actor, candidate, error,
                        f"milestone-{placement_id}", form)
    return done(request, "office.file:workplace", candidate_id, "milestone",
                f"placement-{placement_id}")


@router.post(FILE + "/workplace/{placement_id}/milestones/{milestone_id}/complete",
             name="office.file:workplace_milestone_complete")
def milestone_complete(candidate_id: RecordId, placement_id: RecordId, milestone_id: RecordId,
                       request: Request, actor: ConsultantActor, session: SessionDep,
                       form: Annotated[CompleteForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: service.complete_milestone(
        session, actor, candidate_id, placement_id, milestone_id, form.to_schema(),
        form.version), CompleteForm)
    if error:
        return _refused(request, session, actor, candidate, error, f"done-{milestone_id}", form)
    return done(request, "office.file:workplace", candidate_id, "milestone_done",
                f"milestone-{milestone_id}")


@router.post(FILE + "/workplace/{placement_id}/end", name="office.file:workplace_end")
def workplace_end(candidate_id: RecordId, placement_id: RecordId, request: Request,
                  actor: ConsultantActor, session: SessionDep,
                  form: Annotated[EndForm, Form()]):
    candidate = file_candidate(session, actor, candidate_id)
    error = attempt(session, lambda: service.end_placement(
        session, actor, candidate_id, placement_id, form.to_schema(), form.version), EndForm)
    if error:
        return _refused(request, session, actor, candidate, error, f"end-{placement_id}", form)
    return done(request, "office.file:workplace", candidate_id, "placement_ended",
                f"placement-{placement_id}")
