"""Back-office pages for admins: the organisation's settings and its consultants (invite with a
one-time password set-up link, deactivate, reassign a caseload), plus the public /welcome page
where an invited consultant chooses a password. The same services as the JSON API do the work."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.backoffice.forms import invalid_names, labelled, validation_failed
from app.clock import local_today
from app.deps import (
    AdminActor,
    SessionDep,
    SettingsDep,
    require_same_origin,
    settle_after_error,
)
from app.errors import AppError, ValidationFailed, field_error
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.money.engine import load_parameters
from app.organisations import service as organisation_service
from app.organisations.models import ORGANISATION_RULES, FirstSalaryOffset
from app.organisations.schemas import OrganisationUpdate
from app.path_ids import RecordId
from app.people import service as people_service
from app.people.models import Role
from app.people.schemas import (
    MIN_PASSWORD_LENGTH,
    CaseloadReassign,
    ConsultantInvite,
    PasswordChoice,
)
from app.people.service import IssuedPasswordSetup, StaffMember
from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)

OFFSET_LABELS = {
    FirstSalaryOffset.offset_afterwards: _l(
        "The benefits office settles the wage afterwards: the candidate sets money aside"),
    FirstSalaryOffset.estimate_in_advance: _l(
        "The benefits office estimates the wage in advance"),
}
FIELD_LABELS = {
    "trial_weeks": _l("Trial placement: usual number of weeks"),
    "hours_criterion": _l("Hours criterion: hours of work per week"),
    "max_placement_attempts": _l("Workplaces to try at most"),
    "min_contract_months": _l("Shortest contract, in months"),
    "aftercare_visits_per_year": _l("Aftercare visits per year"),
    "evaluation_every_months": _l("Progress talk every ... months"),
    "youth_max_indication_months": _l("Longest indication up to age 27, in months"),
    "first_salary_offset": _l("First salary month"),
    "money_overrides": _l("Money figures of your own"),
    "display_name": _l("Name"),
    "email": _l("E-mail address"),
    "job_title": _l("Job title, as candidates see it"),
    "phone": _l("Phone number"),
    "to_consultant_id": _l("To"),
    "from_id": _l("From"),
    "password": _l("New password (at least 12 characters)"),
    "password_again": _l("New password again"),
}


def _label(name: str) -> str | None:
    if name.startswith("money_overrides."):
        return f"{FIELD_LABELS['money_overrides']} ({name.removeprefix('money_overrides.')})"
    label = FIELD_LABELS.get(name)
    return str(label) if label else None


def _overrides_text(overrides: dict[str, str]) -> str:
    return "\n".join(f"{path} = {value}" for path, value in sorted(overrides.items()))


def _page(request: Request, session, settings, actor, *, error: AppError | None = None,
          settings_form: dict | None = None, invite_form: dict | None = None,
          issued: tuple[StaffMember, IssuedPasswordSetup] | None = None,
          reassigned: dict | None = None, status_code: int = 200):
    organisation = organisation_service.get_organisation(session, actor)
    staff, total = people_service.list_staff(session, actor)
    overrides = organisation_service.money_overrides_as_text(organisation)
    parameters = load_parameters(local_today())
    return render(request, "backoffice/organisation/settings.html", {
        "organisation": organisation,
        "settings_form": settings_form or {
            **{rule: getattr(organisation, rule) or "" for rule in ORGANISATION_RULES},
            "first_salary_offset": organisation.first_salary_offset.value,
            "money_overrides": _overrides_text(overrides),
        },
        "offsets": [(offset.value, OFFSET_LABELS[offset]) for offset in FirstSalaryOffset],
        "parameters": [(path, parameter.value, path in overrides)
                       for path, parameter in sorted(parameters.values.items())],
        "parameters_from": parameters.valid_from,
        "staff": staff, "staff_total": total,
        "targets": [m.person for m in staff
                    if m.person.is_active and m.person.role is Role.consultant],
        "invite_form": invite_form or {"display_name": "", "email": "", "job_title": "",
                                       "phone": ""},
        "issued": issued, "setup_link": issued[1].link(settings) if issued else None,
        "reassigned": reassigned,
        "error": labelled(error, _label) if error else None, "invalid": invalid_names(error),
        "overrides_invalid": any(name.startswith("money_overrides")
                                 for name in invalid_names(error)),
    }, status_code=status_code)


def _redirect(request: Request, **query: int) -> RedirectResponse:
    url = request.app.url_path_for("organisation:settings")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return RedirectResponse(url, status_code=303)


def _count(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() and len(value) < 7 else None


@router.get("/office/organisation", name="organisation:settings")
def organisation_settings(request: Request, actor: AdminActor, session: SessionDep,
                          settings: SettingsDep):
    params = request.query_params
    counts = {key: _count(params.get(key)) for key in ("moved", "backup", "cleared")}
    reassigned = counts if counts["moved"] is not None else None
    return _page(request, session, settings, actor, reassigned=reassigned)


def _parse_overrides(text: str) -> tuple[dict[str, str], list[dict]]:
    """Lines "bijstand.norm_single = 1350.00" as a dict; problems name the line."""
    overrides: dict[str, str] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        path, separator, value = line.partition("=")
        if not separator or not path.strip() or not value.strip():
            problems.append(field_error(
                "money_overrides",
                _("Line %(number)d: write it as name = amount.") % {"number": number},
                "invalid_line"))
            continue
        overrides[path.strip()] = value.strip()
    return overrides, problems


@router.post("/office/organisation", name="organisation:update")
def organisation_update(request: Request, actor: AdminActor, session: SessionDep,
                        settings: SettingsDep, version: Annotated[int, Form()],
                        trial_weeks: Annotated[str, Form(max_length=10)] = "",
                        hours_criterion: Annotated[str, Form(max_length=10)] = "",
                        max_placement_attempts: Annotated[str, Form(max_length=10)] = "",
                        min_contract_months: Annotated[str, Form(max_length=10)] = "",
                        aftercare_visits_per_year: Annotated[str, Form(max_length=10)] = "",
                        evaluation_every_months: Annotated[str, Form(max_length=10)] = "",
                        youth_max_indication_months: Annotated[str, Form(max_length=10)] = "",
                        first_salary_offset: Annotated[str, Form(max_length=40)] = "",
                        money_overrides: Annotated[str, Form(max_length=10_000)] = ""):
    rules = {"trial_weeks": trial_weeks, "hours_criterion": hours_criterion,
             "max_placement_attempts": max_placement_attempts,
             "min_contract_months": min_contract_months,
             "aftercare_visits_per_year": aftercare_visits_per_year,
             "evaluation_every_months": evaluation_every_months,
             "youth_max_indication_months": youth_max_indication_months}
    form = {**rules,
            "first_salary_offset": first_salary_offset, "money_overrides": money_overrides}
    overrides, problems = _parse_overrides(money_overrides)
    data = None
    try:
        data = OrganisationUpdate.model_validate({
            **{rule: value.strip() or None for rule, value in rules.items()},
            "first_salary_offset": first_salary_offset or None,
            "money_overrides": overrides,
        })
    except ValidationError as error:
        problems += validation_failed(error).invalid_params
    if problems:
        # Check the figures that could be read too, so every problem shows at once.
        try:
            organisation_service.check_money_overrides(overrides, local_today())
        except ValidationFailed as error:
            problems += error.invalid_params
        return _page(request, session, settings, actor,
                     error=ValidationFailed(invalid_params=problems), settings_form=form,
                     status_code=422)
    try:
        organisation_service.update_settings(session, actor, data, version)
    except AppError as error:
        settle_after_error(session, error)
        # A stale version shows what is stored now, with the message; anything else keeps
        # what the admin typed.
        return _page(request, session, settings, actor, error=error,
                     settings_form=None if error.status_code == 412 else form,
                     status_code=error.status_code)
    return _redirect(request)


@router.post("/office/organisation/consultants", name="organisation:invite")
def consultant_invite(request: Request, actor: AdminActor, session: SessionDep,
                      settings: SettingsDep,
                      display_name: Annotated[str, Form(max_length=200)] = "",
                      email: Annotated[str, Form(max_length=300)] = "",
                      job_title: Annotated[str, Form(max_length=200)] = "",
                      phone: Annotated[str, Form(max_length=60)] = ""):
    form = {"display_name": display_name, "email": email, "job_title": job_title,
            "phone": phone}
    try:
        data = ConsultantInvite(display_name=display_name, email=email, job_title=job_title,
                                phone=phone)
        issued = people_service.invite_consultant(session, settings, actor, data)
    except ValidationError as error:
        return _page(request, session, settings, actor, error=validation_failed(error),
                     invite_form=form, status_code=422)
    except AppError as error:
        settle_after_error(session, error)
        return _page(request, session, settings, actor, error=error, invite_form=form,
                     status_code=error.status_code)
    # The link is shown on this response only: it is never stored, so no redirect.
    return _page(request, session, settings, actor, issued=issued, status_code=201)


@router.post("/office/organisation/consultants/{person_id}/setup-link",
             name="organisation:setup_link")
def consultant_setup_link(person_id: RecordId, request: Request, actor: AdminActor,
                          session: SessionDep, settings: SettingsDep):
    issued = people_service.issue_setup_link(session, settings, actor, person_id)
    return _page(request, session, settings, actor, issued=issued, status_code=201)


@router.post("/office/organisation/consultants/{person_id}/deactivate",
             name="organisation:deactivate")
def consultant_deactivate(person_id: RecordId, request: Request, actor: AdminActor,
                          session: SessionDep, settings: SettingsDep):
    try:
        people_service.deactivate_staff_member(session, actor, person_id)
    except AppError as error:
        if error.status_code == 404:
            raise
        settle_after_error(session, error)
        return _page(request, session, settings, actor, error=error,
                     status_code=error.status_code)
    return _redirect(request)


@router.post("/office/organisation/reassign", name="organisation:reassign")
def caseload_reassign(request: Request, actor: AdminActor, session: SessionDep,
                      settings: SettingsDep,
                      from_id: Annotated[str, Form(max_length=12)] = "",
                      to_consultant_id: Annotated[str, Form(max_length=12)] = ""):
    try:
        if not from_id.isdigit():
            raise ValidationFailed(invalid_params=[field_error(
                "from_id", _("Choose whose candidates move."), "missing")])
        data = CaseloadReassign.model_validate({"to_consultant_id": to_consultant_id or None})
        result = people_service.reassign_caseload(session, actor, int(from_id), data)
    except ValidationError as error:
        return _page(request, session, settings, actor, error=validation_failed(error),
                     status_code=422)
    except AppError as error:
        settle_after_error(session, error)
        if error.status_code == 404:
            error = ValidationFailed(invalid_params=[field_error(
                "from_id", _("Choose whose candidates move."), "missing")])
        return _page(request, session, settings, actor, error=error,
                     status_code=error.status_code)
    return _redirect(request, moved=result.primary_moved, backup=result.backup_moved,
                     cleared=result.backup_cleared)


# --- the invited consultant chooses a password (no sign-in yet) ---------------------------------


@router.get("/welcome/{token}", name="organisation:welcome")
def welcome(token: str, request: Request, session: SessionDep):
    """Opening the link changes nothing: link previews must not use it up."""
    found = people_service.find_password_setup(session, token)
    if found is None:
        return render(request, "backoffice/organisation/welcome_invalid.html", {},
                      status_code=404)
    return render(request, "backoffice/organisation/welcome.html", {
        "token": token, "person": found[1], "min_length": MIN_PASSWORD_LENGTH,
        "error": None, "invalid": set(),
    })


@router.post("/welcome/{token}", name="organisation:welcome_submit")
def welcome_submit(token: str, request: Request, session: SessionDep, settings: SettingsDep,
                   password: Annotated[str, Form(max_length=300)] = "",
                   password_again: Annotated[str, Form(max_length=300)] = ""):
    require_same_origin(request, settings)
    try:
        data = PasswordChoice(password=password, password_again=password_again)
        person = people_service.set_password_with_setup(session, token, data)
    except (ValidationError, ValidationFailed) as error:
        failed = validation_failed(error) if isinstance(error, ValidationError) else error
        found = people_service.find_password_setup(session, token)
        if found is None:
            return render(request, "backoffice/organisation/welcome_invalid.html", {},
                          status_code=404)
        return render(request, "backoffice/organisation/welcome.html", {
            "token": token, "person": found[1], "min_length": MIN_PASSWORD_LENGTH,
            "error": labelled(failed, _label), "invalid": invalid_names(failed),
        }, status_code=422)
    except AppError as error:
        settle_after_error(session, error)
        return render(request, "backoffice/organisation/welcome_invalid.html", {},
                      status_code=error.status_code)
    return render(request, "backoffice/organisation/welcome_done.html", {"person": person})
