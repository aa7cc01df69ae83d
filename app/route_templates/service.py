"""Route-template services: reading an organisation's routes, loading the shipped ones, and the
admin's edits (create or copy, rename, replace the ordered steps, retire)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select, update
from sqlmodel import Session

from app.auth.actor import Actor
from app.concurrency import check_version
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.i18n import gettext as _
from app.journeys.models import JourneyStep
from app.organisations.models import (
    ORGANISATION_RULES,
    FirstSalaryOffset,
    Organisation,
    OrganisationKind,
)
from app.route_templates.models import (
    RouteTemplate,
    StepKind,
    StepTemplate,
    total_duration_days,
)
from app.route_templates.schemas import (
    RouteStepsReplace,
    RouteTemplateCreate,
    RouteTemplateUpdate,
    StepTemplateIn,
)
from app.ui.pictograms import STEP_PICTOGRAMS

DATA_DIR = Path(__file__).resolve().parent / "data"
# Texts every step must have in every language (what_to_bring may stay empty).
REQUIRED_TEXTS = ("title", "summary", "what_happens", "what_you_do", "who")
LANGUAGES = ("nl", "en")
MAX_TITLE_WORDS = 5

TemplateWithSteps = tuple[RouteTemplate, list[StepTemplate]]


# --- reading -----------------------------------------------------------------------------------


def list_templates(session: Session, actor: Actor) -> list[TemplateWithSteps]:
    """The actor's organisation's route templates with their steps (two queries); retired
    ones are included and come last."""
    templates = list(session.scalars(
        select(RouteTemplate).where(RouteTemplate.organisation_id == actor.organisation_id)
        .order_by(RouteTemplate.retired_at.is_not(None), RouteTemplate.key)
    ))
    return _with_steps(session, templates)


class RouteChoice(NamedTuple):
    """A route as a filter offers it."""
    id: int
    name: dict


class StepChoice(NamedTuple):
    """A route's step as a filter offers it."""
    key: str
    texts: dict


def route_choices(session: Session, actor: Actor) -> list[tuple[RouteChoice, list[StepChoice]]]:
    """The organisation's routes and their steps in `list_templates`' order, only what a
    filter shows: one query of plain columns (the caseload page asks on every visit)."""
    choices: dict[int, tuple[RouteChoice, list[StepChoice]]] = {}
    for row in session.execute(
        select(RouteTemplate.id, RouteTemplate.name, StepTemplate.key, StepTemplate.texts)
        .outerjoin(StepTemplate, StepTemplate.route_template_id == RouteTemplate.id)
        .where(RouteTemplate.organisation_id == actor.organisation_id)
        .order_by(RouteTemplate.retired_at.is_not(None), RouteTemplate.key,
                  StepTemplate.position)
    ):
        _route, steps = choices.setdefault(row.id, (RouteChoice(row.id, row.name), []))
        if row.key is not None:
            steps.append(StepChoice(row.key, row.texts))
    return list(choices.values())


def get_template(session: Session, actor: Actor, template_id: int) -> TemplateWithSteps:
    """One of the actor's organisation's templates. Raises NotFound for any other."""
    return _with_steps(session, [_own_template(session, actor, template_id)])[0]


def _own_template(session: Session, actor: Actor, template_id: int) -> RouteTemplate:
    template = session.get(RouteTemplate, template_id)
    if template is None or template.organisation_id != actor.organisation_id:
        raise NotFound()
    return template


def _with_steps(session: Session, templates: list[RouteTemplate]) -> list[TemplateWithSteps]:
    ids = [t.id for t in templates]
    steps: dict[int, list[StepTemplate]] = {i: [] for i in ids}
    if ids:
        for step in session.scalars(
            select(StepTemplate).where(StepTemplate.route_template_id.in_(ids))
            .order_by(StepTemplate.route_template_id, StepTemplate.position)
        ):
            steps[step.route_template_id].append(step)
    return [(t, steps[t.id]) for t in templates]


# --- the shipped routes ------------------------------------------------------------------------


@dataclass(frozen=True)
class ShippedRoute:
    key: str
    organisation_name: str
    name: dict[str, str]
    step_count: int


def shipped_route_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def read_route_file(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        import yaml  # only when a route file is read, not at start-up

        # libyaml's loader when installed: the same safe subset, ~10× faster than pure Python
        # (the demo seed reads 16 route files on a first start).
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def route_total_days(steps: list[StepTemplate]) -> int:
    """How long the route's switch takes as planned, overlapping steps counted once."""
    return total_duration_days([(s.key, s.kind, s.default_duration_days, s.runs_beside or [])
                                for s in steps])


@lru_cache(maxsize=1)
def list_shipped_routes() -> tuple[ShippedRoute, ...]:
    """The seven routes Stapwijzer ships as data, to copy as a starting point (cached: the
    files change only with a deploy)."""
    routes = []
    for path in shipped_route_files():
        data = read_route_file(path)
        routes.append(ShippedRoute(data["key"], data["organisation"]["name"], dict(data["name"]),
                                   len(data["steps"])))
    return tuple(routes)


def ensure_organisation_with_route(
    session: Session, key: str
) -> tuple[Organisation, RouteTemplate]:
    """Create (once) the organisation a shipped route belongs to, with that route template."""
    data = read_route_file(DATA_DIR / f"{key}.yaml")
    organisation = session.scalar(select(Organisation).where(Organisation.slug == data["key"]))
    if organisation is None:
        settings = data.get("settings") or {}
        organisation = Organisation(
            slug=data["key"], name=data["organisation"]["name"],
            kind=OrganisationKind(data["organisation"].get("kind", "municipality")),
            **{rule: settings.get(rule) for rule in ORGANISATION_RULES},
            first_salary_offset=FirstSalaryOffset(
                settings.get("first_salary_offset", FirstSalaryOffset.offset_afterwards)
            ),
        )
        session.add(organisation)
        session.flush()
    template = load_route_template(session, organisation.id, data)
    return organisation, template


def load_route_template(session: Session, organisation_id: int, data: dict) -> RouteTemplate:
    """Insert a route template from its data-file contents, unless the organisation has it."""
    existing = session.scalar(
        select(RouteTemplate).where(
            RouteTemplate.organisation_id == organisation_id, RouteTemplate.key == data["key"]
        )
    )
    if existing is not None:
        return existing
    template = RouteTemplate(
        organisation_id=organisation_id, key=data["key"], name=data["name"],
        description=data.get("description") or {},
        way_back_choices=list(data.get("way_back_choices") or []),
    )
    session.add(template)
    session.flush()
    _add_steps(session, template.id, data["steps"])
    return template


def _add_steps(session: Session, template_id: int, steps: list[dict]) -> None:
    for position, step in enumerate(steps, start=1):
        session.add(StepTemplate(
            route_template_id=template_id, position=position, key=step["key"],
            pictogram=step["pictogram"], kind=StepKind(step.get("kind", "normal")),
            default_duration_days=int(step["default_duration_days"]),
            trial_weeks=step.get("trial_weeks"), hybrid_split=step.get("hybrid_split"),
            runs_beside=list(step.get("runs_beside") or []), texts=step["texts"],
        ))
    session.flush()


# --- the admin's edits -------------------------------------------------------------------------


def create_template(session: Session, actor: Actor, data: RouteTemplateCreate) -> TemplateWithSteps:
    """A new route of the actor's organisation: empty, or a copy of one of its own routes
    (`copy_from_template_id`) or of a shipped route (`copy_from_shipped`).

    Raises ValidationFailed (two sources, unknown source, no name for an empty route, key in
    use)."""
    if data.copy_from_template_id is not None and data.copy_from_shipped is not None:
        raise ValidationFailed(invalid_params=[field_error(
            "copy_from_shipped", _("Copy one route at a time."), "one_source")])
    source_name: dict[str, str] = {}
    source_description: dict[str, str] = {}
    source_steps: list[dict] = []
    source_choices: list[str] = []
    if data.copy_from_template_id is not None:
        source = session.get(RouteTemplate, data.copy_from_template_id)
        if source is None or source.organisation_id != actor.organisation_id:
            raise ValidationFailed(invalid_params=[field_error(
                "copy_from_template_id", _("We could not find this route."), "not_found")])
        _source, steps = _with_steps(session, [source])[0]
        source_name, source_description = dict(source.name), dict(source.description)
        source_steps = [_step_as_data(s) for s in steps]
        source_choices = list(source.way_back_choices or [])
    elif data.copy_from_shipped is not None:
        file_data = read_route_file(DATA_DIR / f"{data.copy_from_shipped}.yaml")
        source_name = dict(file_data["name"])
        source_description = dict(file_data.get("description") or {})
        source_steps = file_data["steps"]
        source_choices = list(file_data.get("way_back_choices") or [])
    elif data.name is None:
        raise ValidationFailed(invalid_params=[field_error(
            "name", _("This field is required."), "missing")])

    if data.name is not None:
        name = data.name.model_dump()
    else:
        # Said in both languages on purpose: these are the route's own texts, not the screen's.
        name = {"nl": f"{source_name.get('nl', '')} (kopie)"[:120],
                "en": f"{source_name.get('en', '')} (copy)"[:120]}
    description = (data.description.model_dump() if data.description is not None
                   else source_description)
    key = data.key or _free_key(session, actor.organisation_id, _slug(name["nl"]))
    if data.key and _key_taken(session, actor.organisation_id, data.key):
        raise ValidationFailed(invalid_params=[field_error(
            "key", _("Another route already uses this key."), "key_taken")])
    template = RouteTemplate(organisation_id=actor.organisation_id, key=key, name=name,
                             description=description, way_back_choices=source_choices,
                             updated_at=utcnow())
    session.add(template)
    session.flush()
    _add_steps(session, template.id, source_steps)
    return _with_steps(session, [template])[0]


def update_template(session: Session, actor: Actor, template_id: int, data: RouteTemplateUpdate,
                    expected_version: int) -> TemplateWithSteps:
    """Change a route's name and/or description. Raises NotFound, StaleVersion."""
    template = _own_template(session, actor, template_id)
    check_version(template.version, expected_version)
    if data.name is not None:
        template.name = data.name.model_dump()
    if data.description is not None:
        template.description = data.description.model_dump()
    template.updated_at = utcnow()
    session.flush()
    return _with_steps(session, [template])[0]


def replace_steps(session: Session, actor: Actor, template_id: int, data: RouteStepsReplace,
                  expected_version: int) -> TemplateWithSteps:
    """Make `data.steps` the route's ordered steps. A step keeps its identity by key, so
    journeys started from the route keep pointing at it; journeys keep their own copy of the
    texts, so nothing a candidate sees changes. Raises NotFound, StaleVersion or
    ValidationFailed (then nothing is stored)."""
    template = _own_template(session, actor, template_id)
    check_version(template.version, expected_version)
    problems = check_steps(data.steps)
    if problems:
        raise ValidationFailed(invalid_params=problems)
    _template, current = _with_steps(session, [template])[0]
    by_key = {step.key: step for step in current}
    wanted = {step.key for step in data.steps}
    removed = [step for step in current if step.key not in wanted]
    if removed:
        # A journey's step copied everything it shows; it only loses its link to the template.
        session.execute(
            update(JourneyStep)
            .where(JourneyStep.step_template_id.in_([s.id for s in removed]))
            .values(step_template_id=None)
        )
        for step in removed:
            session.delete(step)
    for position, step_in in enumerate(data.steps, start=1):
        values = _step_values(step_in)
        step = by_key.get(step_in.key)
        if step is None:
            session.add(StepTemplate(route_template_id=template.id, position=position,
                                     key=step_in.key, **values))
        else:
            step.position = position
            for field, value in values.items():
                setattr(step, field, value)
    # Touching the template bumps its version: the steps are part of what If-Match protects.
    template.updated_at = utcnow()
    session.flush()
    return _with_steps(session, [template])[0]


def retire_template(session: Session, actor: Actor, template_id: int) -> TemplateWithSteps:
    """Stop offering a route for new journeys; journeys started from it carry on unchanged.
    Raises NotFound."""
    template = _own_template(session, actor, template_id)
    if template.retired_at is None:
        template.retired_at = utcnow()
        template.updated_at = template.retired_at
        session.flush()
    return _with_steps(session, [template])[0]


def unretire_template(session: Session, actor: Actor, template_id: int) -> TemplateWithSteps:
    """Offer a retired route for new journeys again. Raises NotFound."""
    template = _own_template(session, actor, template_id)
    if template.retired_at is not None:
        template.retired_at = None
        template.updated_at = utcnow()
        session.flush()
    return _with_steps(session, [template])[0]


def check_steps(steps: list[StepTemplateIn]) -> list[dict]:
    """Every rule between a route's steps and their fields, as `invalid_params` entries named
    like "steps.2.texts.nl.title" (empty: all good)."""
    problems: list[dict] = []
    seen: set[str] = set()

    def problem(index: int, path: str, message: str, code: str) -> None:
        problems.append(field_error(f"steps.{index}.{path}", message, code))

    keys = {step.key for step in steps}
    for index, step in enumerate(steps):
        for other in step.runs_beside:
            if other == step.key or other not in keys:
                problem(index, "runs_beside",
                        _("A step can only run beside another step of this route."),
                        "unknown_step")
                break
        if step.key in seen:
            problem(index, "key", _("Each step needs its own key."), "duplicate_key")
        seen.add(step.key)
        if step.pictogram not in STEP_PICTOGRAMS:
            problem(index, "pictogram", _("Choose one of the step pictograms."),
                    "unknown_pictogram")
        for language in LANGUAGES:
            texts = getattr(step.texts, language)
            required = REQUIRED_TEXTS + (("waiting_note",) if step.kind is StepKind.waiting else ())
            for field in required:
                if not getattr(texts, field):
                    problem(index, f"texts.{language}.{field}", _("This field is required."),
                            "missing")
        if len(step.texts.nl.title.split()) > MAX_TITLE_WORDS:
            problem(index, "texts.nl.title", _("Use at most five words for the Dutch title."),
                    "title_too_long")
        if step.kind is StepKind.trial and step.trial_weeks is None:
            problem(index, "trial_weeks", _("A trial step needs its number of weeks."),
                    "missing")
        if step.kind is not StepKind.trial and step.trial_weeks is not None:
            problem(index, "trial_weeks", _("Only a trial step has a number of weeks."),
                    "not_allowed")
        split = step.hybrid_split
        if step.kind is StepKind.hybrid:
            if split is None or not split.work_days or not split.day_activity_days:
                problem(index, "hybrid_split",
                        _("Choose the work days and the day-activity days of this step."),
                        "missing")
            elif set(split.work_days) & set(split.day_activity_days):
                problem(index, "hybrid_split",
                        _("A day is either a work day or a day-activity day."), "overlap")
        elif split is not None and (split.work_days or split.day_activity_days):
            problem(index, "hybrid_split", _("Only a step of work and day activities has a "
                                             "week split."), "not_allowed")
    return problems


def _step_values(step: StepTemplateIn) -> dict:
    texts = step.texts.model_dump()
    if step.kind is not StepKind.waiting:
        for language_texts in texts.values():
            language_texts.pop("waiting_note", None)
    split = None
    if step.kind is StepKind.hybrid and step.hybrid_split is not None:
        split = step.hybrid_split.model_dump()
    return {
        "pictogram": step.pictogram, "kind": step.kind,
        "default_duration_days": step.default_duration_days, "trial_weeks": step.trial_weeks,
        "hybrid_split": split, "runs_beside": list(step.runs_beside), "texts": texts,
    }


def _step_as_data(step: StepTemplate) -> dict:
    return {"key": step.key, "pictogram": step.pictogram, "kind": step.kind.value,
            "default_duration_days": step.default_duration_days,
            "trial_weeks": step.trial_weeks, "hybrid_split": step.hybrid_split,
            "runs_beside": list(step.runs_beside or []), "texts": step.texts}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:50].strip("-") or "route"


def _key_taken(session: Session, organisation_id: int, key: str) -> bool:
    return session.scalar(select(RouteTemplate.id).where(
        RouteTemplate.organisation_id == organisation_id, RouteTemplate.key == key)) is not None


def _free_key(session: Session, organisation_id: int, base: str) -> str:
    taken = set(session.scalars(select(RouteTemplate.key).where(
        RouteTemplate.organisation_id == organisation_id, RouteTemplate.key.startswith(base))))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
