"""Who looked at the candidate's file, in plain words."""

from __future__ import annotations

from fastapi import Request

from app.access import open_file
from app.access_log.views import access_log_groups
from app.backoffice.file.common import FILE, file_candidate, page
from app.deps import ConsultantActor, SessionDep
from app.i18n import lazy_gettext as _l
from app.path_ids import RecordId
from app.people.models import Role
from app.route_table import APIRouter

router = APIRouter(include_in_schema=False)

ROLE_LABELS = {
    Role.candidate: _l("candidate"), Role.network: _l("network"),
    Role.consultant: _l("consultant"), Role.admin: _l("admin"), Role.employer: _l("employer"),
}


@router.get(FILE + "/access-log", name="office.file:access_log")
def access_log(candidate_id: RecordId, request: Request, actor: ConsultantActor,
               session: SessionDep):
    candidate = file_candidate(session, actor, candidate_id)
    file = open_file(session, actor, candidate_id)
    return page(request, candidate, "access_log", "access_log.html", {
        "groups": access_log_groups(session, file), "role_labels": ROLE_LABELS,
    })
