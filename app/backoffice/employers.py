"""Back-office pages: the organisation's employers (list, add, change) and their contact
people, for consultants and admins, through `employers.service` with the API's schemas."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import RedirectResponse

from app.auth.actor import Actor
from app.backoffice.file.common import attempt
from app.backoffice.forms import FormModel, Text, invalid_marker
from app.deps import SessionDep, StaffActor
from app.employers import service
from app.employers.labels import EMPLOYER_KINDS
from app.employers.models import Employer
from app.employers.schemas import (
    EmployerContactCreate,
    EmployerContactUpdate,
    EmployerCreate,
    EmployerUpdate,
)
from app.errors import AppError
from app.i18n import lazy_gettext as _l
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)

SAVED = {
    "created": _l("The employer has been added. Add its contact people below."),
    "employer": _l("The employer has been saved."),
    "contact": _l("The contact person has been saved."),
    "contact_removed": _l("The contact person has been removed. Their account is switched "
                          "off."),
}


class EmployerForm(FormModel):
    name: Text = ""
    kind: Text = ""
    street_address: Text = ""
    postcode: Text = ""
    city: Text = ""

    @classmethod
    def of(cls, employer: Employer) -> EmployerForm:
        return cls(name=employer.name, kind=employer.kind.value,
                   street_address=employer.street_address, postcode=employer.postcode,
                   city=employer.city)

    def to_schema(self) -> EmployerCreate:
        return EmployerCreate.model_validate(self.model_dump())


class EmployerEditForm(EmployerForm):
    version: int = 0

    def to_schema(self) -> EmployerUpdate:
        return EmployerUpdate.model_validate(self.model_dump(exclude={"version"}))


class ContactForm(FormModel):
    display_name: Text = ""
    job_title: Text = ""
    email: Text = ""
    phone: Text = ""

    def to_schema(self) -> EmployerContactCreate:
        return EmployerContactCreate.model_validate(self.model_dump())


class ContactEditForm(ContactForm):
    version: int = 0

    def to_schema(self) -> EmployerContactUpdate:
        return EmployerContactUpdate.model_validate(self.model_dump(exclude={"version"}))


def _saved(request: Request, error: AppError | None):
    return SAVED.get(request.query_params.get("saved", "")) if error is None else None


def _list_page(request: Request, session, actor: Actor, search: str | None, *,
               error: AppError | None = None, form: EmployerForm | None = None):
    employers, total = service.list_employers(session, actor, search=search, limit=200)
    contacts = service.contacts_by_employer(session, employers)
    return render(request, "backoffice/employers/list.html", {
        "employers": employers, "total": total, "contacts": contacts, "search": search or "",
        "kinds": EMPLOYER_KINDS, "form": form or EmployerForm(kind="social_firm"),
        "saved_text": _saved(request, error), "error": error,
        "invalid": invalid_marker(error, "employer"),
    }, status_code=error.status_code if error else 200)


def _detail_page(request: Request, session, actor: Actor, employer_id: int, *,
                 error: AppError | None = None, failed: str | None = None,
                 edit_form: EmployerEditForm | None = None,
                 contact_form: ContactForm | None = None,
                 contact_edit: tuple[int, ContactEditForm] | None = None):
    employer = service.get_employer(session, actor, employer_id)
    if edit_form is None or (error is not None and error.code == "stale_version"):
        edit_form = EmployerEditForm(**EmployerForm.of(employer).model_dump(),
                                     version=employer.version)
    contacts = service.list_contacts(session, employer)
    return render(request, "backoffice/employers/detail.html", {
        "employer": employer, "contacts": contacts, "kinds": EMPLOYER_KINDS,
        "edit_form": edit_form, "contact_form": contact_form or ContactForm(),
        "contact_edit": dict([contact_edit]) if contact_edit and error is not None and (
            error.code != "stale_version") else {},
        "saved_text": _saved(request, error), "error": error,
        "invalid": invalid_marker(error, failed),
    }, status_code=error.status_code if error else 200)


def _done(request: Request, employer_id: int, saved: str, anchor: str = "") -> RedirectResponse:
    url = request.app.url_path_for("office.employers:detail", employer_id=employer_id)
    return RedirectResponse(f"{url}?saved={saved}{'#' + anchor if anchor else ''}",
                            status_code=303)


@router.get("/office/employers", name="office.employers:list")
def employers(request: Request, actor: StaffActor, session: SessionDep,
              q: Annotated[str | None, Query(max_length=100)] = None):
    return _list_page(request, session, actor, q)


@router.post("/office/employers", name="office.employers:create")
def employer_create(request: Request, actor: StaffActor, session: SessionDep,
                    form: Annotated[EmployerForm, Form()]):
    created = {}

    def create():
        created["employer"] = service.create_employer(session, actor, form.to_schema())

    error = attempt(session, create, EmployerForm)
    if error:
        return _list_page(request, session, actor, None, error=error, form=form)
    return _done(request, created["employer"].id, "created", "contacts")


@router.get("/office/employers/{employer_id}", name="office.employers:detail")
def employer_detail(employer_id: RecordId, request: Request, actor: StaffActor,
                    session: SessionDep):
    return _detail_page(request, session, actor, employer_id)


@router.post("/office/employers/{employer_id}", name="office.employers:update")
def employer_update(employer_id: RecordId, request: Request, actor: StaffActor,
                    session: SessionDep, form: Annotated[EmployerEditForm, Form()]):
    error = attempt(session, lambda: service.update_employer(
        session, actor, employer_id, form.to_schema(), form.version), EmployerEditForm)
    if error:
        return _detail_page(request, session, actor, employer_id, error=error,
                            failed="employer", edit_form=form)
    return _done(request, employer_id, "employer")


@router.post("/office/employers/{employer_id}/contacts", name="office.employers:contact_add")
def contact_add(employer_id: RecordId, request: Request, actor: StaffActor,
                session: SessionDep, form: Annotated[ContactForm, Form()]):
    error = attempt(session, lambda: service.add_contact(
        session, actor, employer_id, form.to_schema()), ContactForm)
    if error:
        return _detail_page(request, session, actor, employer_id, error=error,
                            failed="contact", contact_form=form)
    return _done(request, employer_id, "contact", "contacts")


@router.post("/office/employers/{employer_id}/contacts/{contact_id}",
             name="office.employers:contact_update")
def contact_update(employer_id: RecordId, contact_id: RecordId, request: Request,
                   actor: StaffActor, session: SessionDep,
                   form: Annotated[ContactEditForm, Form()]):
    error = attempt(session, lambda: service.update_contact(
        session, actor, employer_id, contact_id, form.to_schema(), form.version),
        ContactEditForm)
    if error:
        return _detail_page(request, session, actor, employer_id, error=error,
                            failed=f"contact-{contact_id}", contact_edit=(contact_id, form))
    return _done(request, employer_id, "contact", f"contact-{contact_id}")


@router.post("/office/employers/{employer_id}/contacts/{contact_id}/remove",
             name="office.employers:contact_remove")
def contact_remove(employer_id: RecordId, contact_id: RecordId, request: Request,
                   actor: StaffActor, session: SessionDep):
    error = attempt(session, lambda: service.remove_contact(
        session, actor, employer_id, contact_id), None)
    if error:
        return _detail_page(request, session, actor, employer_id, error=error)
    return _done(request, employer_id, "contact_removed", "contacts")
