"""JSON endpoints for route templates: staff read their organisation's routes; admins create,
copy, edit, reorder and retire them."""

from __future__ import annotations

from fastapi import Response, status

from app.concurrency import IfMatch, set_etag
from app.deps import AdminActor, SessionDep, StaffActor
from app.path_ids import RecordId
from app.route_table import APIRouter
from app.route_templates import service
from app.route_templates.models import RouteTemplate, StepTemplate
from app.route_templates.schemas import (
    RouteStepsReplace,
    RouteTemplateCreate,
    RouteTemplatePublic,
    RouteTemplateUpdate,
    ShippedRoutePublic,
    StepTemplatePublic,
)

router = APIRouter(tags=["route templates"])

VERSIONED = {412: {"description": "Stale version: someone else changed the route first "
                                  "(`current_version` holds the stored one)"},
             428: {"description": "If-Match missing"}}


def _public(template: RouteTemplate, steps: list[StepTemplate]) -> RouteTemplatePublic:
    return RouteTemplatePublic(
        id=template.id, organisation_id=template.organisation_id, key=template.key,
        name=template.name, description=template.description, retired_at=template.retired_at,
        is_retired=template.retired_at is not None, updated_at=template.updated_at,
        version=template.version, way_back_choices=list(template.way_back_choices or []),
        expected_total_days=service.route_total_days(steps),
        steps=[StepTemplatePublic.model_validate(s, from_attributes=True) for s in steps],
    )


def _respond(response: Response, template: RouteTemplate,
             steps: list[StepTemplate]) -> RouteTemplatePublic:
    set_etag(response, template.version)
    return _public(template, steps)


@router.get("/route-templates", name="api.route_templates:list",
            response_model=list[RouteTemplatePublic])
def list_route_templates(actor: StaffActor, session: SessionDep):
    """Your organisation's route templates, each with its ordered steps (retired ones last)."""
    return [_public(t, s) for t, s in service.list_templates(session, actor)]


@router.get("/route-templates/shipped", name="api.route_templates:shipped",
            response_model=list[ShippedRoutePublic])
def list_shipped_routes(actor: AdminActor):
    """The seven routes Stapwijzer ships, to copy as a starting point (`copy_from_shipped`)."""
    return [ShippedRoutePublic(key=r.key, organisation_name=r.organisation_name, name=r.name,
                               step_count=r.step_count) for r in service.list_shipped_routes()]


@router.post("/route-templates", name="api.route_templates:create",
             response_model=RouteTemplatePublic, status_code=status.HTTP_201_CREATED)
def create_route_template(body: RouteTemplateCreate, actor: AdminActor, session: SessionDep,
                          response: Response):
    """Create a route: empty (give `name`), or a copy of one of your routes
    (`copy_from_template_id`) or of a shipped route (`copy_from_shipped`)."""
    return _respond(response, *service.create_template(session, actor, body))


@router.get("/route-templates/{template_id:int}", name="api.route_templates:read",
            response_model=RouteTemplatePublic)
def read_route_template(template_id: RecordId, actor: StaffActor, session: SessionDep,
                        response: Response):
    """One of your organisation's route templates (its version in the ETag)."""
    return _respond(response, *service.get_template(session, actor, template_id))


@router.patch("/route-templates/{template_id:int}", name="api.route_templates:update",
              response_model=RouteTemplatePublic, responses=VERSIONED)
def update_route_template(template_id: RecordId, body: RouteTemplateUpdate, actor: AdminActor,
                          session: SessionDep, response: Response,
                          if_match: IfMatch):
    """Change the route's name or description (send its version in If-Match)."""
    result = service.update_template(session, actor, template_id, body, if_match)
    return _respond(response, *result)


@router.put("/route-templates/{template_id:int}/steps", name="api.route_templates:replace_steps",
            response_model=RouteTemplatePublic, responses=VERSIONED)
def replace_route_steps(template_id: RecordId, body: RouteStepsReplace, actor: AdminActor,
                        session: SessionDep, response: Response,
                        if_match: IfMatch):
    """Replace the ordered list of steps (send the route's version in If-Match). Steps keep
    their identity by `key`; journeys already started keep their own texts. Invalid steps
    answer 422 naming the field (e.g. `steps.2.texts.nl.title`) and store nothing."""
    result = service.replace_steps(session, actor, template_id, body, if_match)
    return _respond(response, *result)


@router.post("/route-templates/{template_id:int}/retire", name="api.route_templates:retire",
             response_model=RouteTemplatePublic)
def retire_route_template(template_id: RecordId, actor: AdminActor, session: SessionDep,
                          response: Response):
    """Retire the route: it stays readable and its journeys carry on, but no new journey can
    start from it."""
    return _respond(response, *service.retire_template(session, actor, template_id))


@router.post("/route-templates/{template_id:int}/unretire", name="api.route_templates:unretire",
             response_model=RouteTemplatePublic)
def unretire_route_template(template_id: RecordId, actor: AdminActor, session: SessionDep,
                            response: Response):
    """Offer a retired route for new journeys again."""
    return _respond(response, *service.unretire_template(session, actor, template_id))
