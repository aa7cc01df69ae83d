"""Changing a candidate's journey: start it, edit, add, move and remove steps, and the way back.

Only the candidate's consultants (primary or backup) may; every change is visible to the
candidate at once because pages read the journey fresh."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlmodel import Session

from app.access import CandidateFile, FileArea, can_change, open_file
from app.auth.actor import Actor
from app.clock import local_today
from app.concurrency import check_version
from app.db import utcnow
from app.errors import NotFound, ValidationFailed, field_error
from app.guarantees.service import find_current
from app.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES, reset_locale, set_locale
from app.i18n import gettext as _
from app.journeys.errors import (
    JourneyAlreadyRunning,
    NoActiveJourney,
    PlacementLimitReached,
    RouteTemplateRetired,
)
from app.journeys.models import (
    DEFAULT_WAY_BACK_CHOICES,
    Journey,
    JourneyStatus,
    JourneyStep,
    StepState,
    WayBackEvent,
    WayBackKind,
)
from app.journeys.schemas import (
    JourneyStart,
    StepCreate,
    StepMove,
    StepOrder,
    StepTexts,
    StepUpdate,
    WayBackCreate,
)
from app.journeys.service import find_journey, list_steps, may_run_beside, start_from_template
from app.money.service import get_overview
from app.money.texts import action_text
from app.notices import post_notice
from app.organisations.models import Organisation
from app.outbox import notify
from app.people.models import Person
from app.route_templates.models import RouteTemplate, StepKind, StepTemplate
from app.ui.pictograms import STEP_PICTOGRAMS

RUNNING = (JourneyStatus.active, JourneyStatus.paused)


def _consultant_file(session: Session, actor: Actor, candidate_id: int) -> CandidateFile:
    """The file, for one of the candidate's consultants changing the steps (a change reads
    the steps first, so it is logged as a read of them). Raises NotFound."""
    file = open_file(session, actor, candidate_id).require(FileArea.steps)
    if not can_change(actor, FileArea.steps) or not actor.is_staff:
        raise NotFound()
    return file


def _running_journey(session: Session, file: CandidateFile) -> Journey:
    journey = find_journey(session, file)
    if journey is None or journey.status not in RUNNING:
        raise NoActiveJourney()
    return journey


def _template(session: Session, actor: Actor, template_id: int) -> RouteTemplate:
    template = session.get(RouteTemplate, template_id)
    if template is None or template.organisation_id != actor.organisation_id:
        raise NotFound()
    return template


def _template_steps(session: Session, template_id: int) -> list[StepTemplate]:
    return list(session.scalars(select(StepTemplate).where(
        StepTemplate.route_template_id == template_id).order_by(StepTemplate.position)))


def start_journey(session: Session, actor: Actor, candidate_id: int,
                  data: JourneyStart) -> tuple[Journey, list[JourneyStep]]:
    """Start the candidate's journey from one of the organisation's routes, at its first step
    or midway (`current_position`). Raises NotFound, JourneyAlreadyRunning,
    RouteTemplateRetired or ValidationFailed (no such step)."""
    file = _consultant_file(session, actor, candidate_id)
    current = find_journey(session, file)
    if current is not None and current.status in RUNNING:
        raise JourneyAlreadyRunning()
    template = _template(session, actor, data.route_template_id)
    if template.retired_at is not None:
        raise RouteTemplateRetired()
    step_templates = _template_steps(session, template.id)
    forward = [t for t in step_templates if t.kind is not StepKind.return_]
    if data.current_position > len(forward):
        raise ValidationFailed(invalid_params=[field_error(
            "current_position", _("This route has fewer steps. Choose one of its steps."),
            "out_of_range")])
    return start_from_template(
        session, candidate_id=candidate_id, route_template_id=template.id,
        step_templates=step_templates,
        started_on=data.started_on or local_today(), current_position=data.current_position,
    )


def _touch(journey: Journey) -> None:
    journey.steps_changed_at = utcnow()


def _step(session: Session, journey: Journey, step_id: int) -> JourneyStep:
    step = session.get(JourneyStep, step_id)
    if step is None or step.journey_id != journey.id:
        raise NotFound()
    return step


def update_step(session: Session, actor: Actor, candidate_id: int, step_id: int,
                data: StepUpdate, expected_version: int) -> JourneyStep:
    """Change a step: its state and dates, texts per language, trial length or week split.
    Making a step current keeps the current steps the route lets run beside it and finishes
    the others today. Raises NotFound, StaleVersion, ValidationFailed (a date in the future,
    an end before the start)."""
    file = _consultant_file(session, actor, candidate_id)
    journey = _running_journey(session, file)
    step = _step(session, journey, step_id)
    check_version(step.version, expected_version)
    today = local_today()
    changes = data.model_dump(exclude_unset=True)
    _check_dates(step, changes, today)
    if "texts" in changes and data.texts is not None:
        texts = dict(step.texts)
        for language, values in data.texts.items():
            texts[language] = values.model_dump()
        step.texts = texts
    if data.titles:
        step.texts = _with_titles(step.texts, data.titles)
    if "hybrid_split" in changes:
        step.hybrid_split = data.hybrid_split.model_dump() if data.hybrid_split else None
    for field in ("planned_start", "planned_end", "actual_start", "actual_end",
                  "expected_duration_days", "trial_weeks"):
        if field in changes:
            setattr(step, field, changes[field])
    if data.state is not None and data.state is not step.state:
        if data.state is StepState.current:
            # Steps the route lets run beside this one stay current; the others are done now.
            for other in list_steps(session, file, journey):
                if (other.id != step.id and other.state is StepState.current
                        and not may_run_beside(step, other)):
                    other.state = StepState.done
                    other.actual_end = min(other.actual_end or today, today)
                    if other.actual_start is not None and other.actual_start > other.actual_end:
                        other.actual_start = other.actual_end
            step.actual_start = step.actual_start or today
            step.actual_end = None
        elif data.state in (StepState.done, StepState.skipped):
            step.actual_end = step.actual_end or today
        step.state = data.state
        session.flush()
        notify.steps_changed(session, candidate_id=candidate_id,
                             key=f"step:{step.id}:{data.state.value}:v{step.version}")
    session.flush()
    return step


def _check_dates(step: JourneyStep, changes: dict, today: date) -> None:
    """Dates never lie: a step cannot have started or ended after today, nor end before it
    started. Raises ValidationFailed."""
    problems = [field_error(field, _("This date is in the future. Give the real date, today "
                                     "or earlier."), "future_date")
                for field in ("actual_start", "actual_end")
                if changes.get(field) is not None and changes[field] > today]
    start = changes["actual_start"] if "actual_start" in changes else step.actual_start
    end = changes["actual_end"] if "actual_end" in changes else step.actual_end
    if not problems and start is not None and end is not None and end < start:
        problems.append(field_error("actual_end", _("A step cannot end before it started."),
                                    "end_before_start"))
    if problems:
        raise ValidationFailed(invalid_params=problems)


def _with_titles(texts: dict[str, dict[str, str]],
                 titles: dict[str, str]) -> dict[str, dict[str, str]]:
    """The texts with each changed title replaced and the rest of that language kept (a
    language's texts are stored as a whole). Raises ValidationFailed for a bad new title."""
    merged = dict(texts)
    for language, title in titles.items():
        current = dict(merged.get(language) or {})
        if title.strip() == (current.get("title") or "").strip():
            continue  # unchanged: a stored title is not checked again
        kept = {k: v for k, v in current.items() if k in StepTexts.model_fields}
        try:
            merged[language] = StepTexts.model_validate({**kept, "title": title}).model_dump()
        except ValidationError:
            raise ValidationFailed(invalid_params=[field_error(
                f"titles.{language}", _("Give a title of one to five words."), "invalid")],
            ) from None
    return merged


def add_step(session: Session, actor: Actor, candidate_id: int, data: StepCreate) -> JourneyStep:
    """Add a custom step, or turn an action of the money outcome into one. Raises NotFound
    or ValidationFailed."""
    file = _consultant_file(session, actor, candidate_id)
    journey = _running_journey(session, file)
    if data.pictogram not in STEP_PICTOGRAMS:
        raise ValidationFailed(invalid_params=[field_error(
            "pictogram", _("Choose one of the step pictograms."), "enum")])
    if data.from_money_action is not None:
        texts = _texts_from_money_action(session, file, data.from_money_action)
        pictogram = "plan"
    elif data.texts and DEFAULT_LOCALE in data.texts:
        texts = {language: values.model_dump() for language, values in data.texts.items()}
        pictogram = data.pictogram
    else:
        raise ValidationFailed(invalid_params=[field_error(
            "texts", _("Give the step a title and text, at least in Dutch."), "missing")])
    steps = list_steps(session, file, journey)
    position = len(steps) + 1 if data.after_position is None else min(data.after_position + 1,
                                                                       len(steps) + 1)
    for step in steps:
        if step.position >= position:
            step.position += 1
    step = JourneyStep(journey_id=journey.id, position=position, key=f"custom-{len(steps) + 1}",
                       pictogram=pictogram, kind=data.kind, state=StepState.todo,
                       expected_duration_days=data.expected_duration_days, texts=texts)
    session.add(step)
    _touch(journey)
    session.flush()
    return step


def _texts_from_money_action(session: Session, file: CandidateFile,
                             code: str) -> dict[str, dict[str, str]]:
    overview = get_overview(session, file)
    action = next((a for a in (overview.outcome.actions if overview.outcome else ())
                   if a.code == code), None)
    if action is None:
        raise ValidationFailed(invalid_params=[field_error(
            "from_money_action", _("This action is not in the money overview."), "enum")])
    texts = {}
    for language in SUPPORTED_LOCALES:
        token = set_locale(language)
        try:
            sentence = action_text(action)
            title = {"tell_benefits_office": _("Tell the benefits office"),
                     "set_aside_money": _("Keep money apart")}.get(code, _("Arrange money"))
        finally:
            reset_locale(token)
        texts[language] = {"title": title, "summary": sentence, "what_happens": "",
                           "what_you_do": sentence, "what_to_bring": "", "who": "",
                           "waiting_note": ""}
    return texts


def reorder_steps(session: Session, actor: Actor, candidate_id: int, data: StepOrder,
                  expected_version: int) -> Journey:
    """Put the steps in the given order (every step once). Raises NotFound, StaleVersion,
    ValidationFailed."""
    file = _consultant_file(session, actor, candidate_id)
    journey = _running_journey(session, file)
    check_version(journey.version, expected_version)
    steps = {s.id: s for s in list_steps(session, file, journey)}
    if sorted(data.step_ids) != sorted(steps):
        raise ValidationFailed(invalid_params=[field_error(
            "step_ids", _("Give every step of the journey exactly once."), "invalid")])
    return _put_in_order(session, journey, [steps[step_id] for step_id in data.step_ids])


def move_step(session: Session, actor: Actor, candidate_id: int, step_id: int, data: StepMove,
              expected_version: int) -> Journey:
    """Move a step one place up or down (the first stays first, the last stays last); the
    journey's version changes either way. Raises NotFound, NoActiveJourney, StaleVersion."""
    file = _consultant_file(session, actor, candidate_id)
    journey = _running_journey(session, file)
    steps = list_steps(session, file, journey)
    index = next((i for i, s in enumerate(steps) if s.id == step_id), None)
    if index is None:
        raise NotFound()
    check_version(journey.version, expected_version)
    other = index - 1 if data.direction == "up" else index + 1
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
    return _put_in_order(session, journey, steps)


def _put_in_order(session: Session, journey: Journey, steps: list[JourneyStep]) -> Journey:
    for position, step in enumerate(steps, start=1):
        step.position = position
    _touch(journey)
    session.flush()
    return journey


def remove_step(session: Session, actor: Actor, candidate_id: int, step_id: int,
                expected_version: int) -> None:
    """Remove a step that is not done. Raises NotFound, StaleVersion, ValidationFailed."""
    file = _consultant_file(session, actor, candidate_id)
    journey = _running_journey(session, file)
    step = _step(session, journey, step_id)
    check_version(step.version, expected_version)
    if step.state in (StepState.done, StepState.current):
        raise ValidationFailed(invalid_params=[field_error(
            "state", _("A step that is done or current stays; mark it skipped instead."),
            "invalid")])
    position = step.position
    session.delete(step)
    session.flush()
    for other in list_steps(session, file, journey):
        if other.position > position:
            other.position -= 1
    _touch(journey)
    session.flush()


def placement_attempts(session: Session, file: CandidateFile) -> int:
    """How many workplaces have been tried: 1 plus every "other placement" so far (part of
    the steps area). Raises NotFound."""
    file.require(FileArea.steps)
    tried = session.scalar(select(func.count()).select_from(WayBackEvent).where(
        WayBackEvent.candidate_id == file.candidate_id,
        WayBackEvent.kind == WayBackKind.other_placement)) or 0
    return tried + 1


def way_back_choices(session: Session, journey: Journey | None) -> list[WayBackKind]:
    """The way-back choices the journey's route offers, in the route's order (the usual three
    when the route does not say)."""
    template = session.get(RouteTemplate, journey.route_template_id) \
        if journey is not None and journey.route_template_id else None
    known = {kind.value for kind in WayBackKind}
    chosen = [WayBackKind(k) for k in (template.way_back_choices if template else []) or []
              if k in known]
    return chosen or list(DEFAULT_WAY_BACK_CHOICES)


def placement_limit(session: Session, candidate_id: int) -> int | None:
    """The most workplaces the candidate's organisation tries (None: no limit)."""
    person = session.get(Person, candidate_id)
    organisation = session.get(Organisation, person.organisation_id) if person else None
    return organisation.max_placement_attempts if organisation else None


def _check_way_back(session: Session, file: CandidateFile, journey: Journey,
                    data: WayBackCreate, today: date) -> None:
    """The choice must be one the route offers and the date must be true. Raises
    ValidationFailed or PlacementLimitReached (then nothing is stored)."""
    if data.kind not in way_back_choices(session, journey):
        raise ValidationFailed(invalid_params=[field_error(
            "kind", _("This route does not offer this way back. Choose one of its choices."),
            "not_offered")])
    if data.starts_on is not None and data.starts_on > today:
        raise ValidationFailed(invalid_params=[field_error(
            "starts_on", _("The way back starts today or started earlier. Give that date; a "
                           "date in the future is not allowed."), "future_date")])
    if data.starts_on is not None and data.starts_on < journey.started_on:
        raise ValidationFailed(invalid_params=[field_error(
            "starts_on", _("This date is before the journey started."), "before_journey")])
    if data.kind is WayBackKind.other_placement:
        limit = placement_limit(session, file.candidate_id)
        tried = placement_attempts(session, file)
        if limit is not None and tried >= limit:
            raise PlacementLimitReached(_(
                "At most %(num)d workplaces are tried here, and all of them have been tried. "
                "Choose another provision, for example back to day activities.") % {"num": limit})


def invoke_way_back(session: Session, actor: Actor, candidate_id: int,
                    data: WayBackCreate) -> tuple[WayBackEvent, Journey]:
    """Work does not work out: record one of the choices the route offers: a pause, a return
    to day activities (the place in the guarantee, the indication kept), a secondment (back to
    day activities with the salary kept), another placement (counted against the
    organisation's limit) or another provision; the candidate and network see what happens
    now. Raises NotFound, NoActiveJourney, ValidationFailed (a choice the route does not offer,
    a date in the future) or PlacementLimitReached; then nothing is stored."""
    file = _consultant_file(session, actor, candidate_id)
    journey = _running_journey(session, file)
    _check_way_back(session, file, journey, data, local_today())
    today = data.starts_on or local_today()
    event = WayBackEvent(candidate_id=candidate_id, journey_id=journey.id, kind=data.kind,
                         reason=data.reason, note=data.note, hours_per_week=data.hours_per_week,
                         starts_on=today, created_by_id=actor.person_id)
    if data.kind in (WayBackKind.pause, WayBackKind.other_provision):
        if data.kind is WayBackKind.pause:
            journey.status = JourneyStatus.paused
        session.add(event)
        session.flush()
        post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                    code=f"way_back_{data.kind.value}")
        notify.steps_changed(session, candidate_id=candidate_id, key=f"way_back:{event.id}")
        return event, journey
    if data.kind in (WayBackKind.return_, WayBackKind.secondment):
        # The provider comes back in the new step and the notice: a read of the guarantee.
        guarantee = find_current(session, file.require(FileArea.guarantee))
        if guarantee is None:
            raise ValidationFailed(invalid_params=[field_error(
                "kind", _("Write down the fallback guarantee first: where can the candidate go "
                          "back to?"), "guarantee_missing")])
        journey.status, journey.ended_on = JourneyStatus.returned, today
        session.add(event)
        session.flush()
        new_journey = return_journey(session, journey, guarantee.provider_name, today,
                                      secondment=data.kind is WayBackKind.secondment)
        post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                    code=f"way_back_{data.kind.value}", provider=guarantee.provider_name)
        notify.steps_changed(session, candidate_id=candidate_id, key=f"way_back:{event.id}")
        return event, new_journey
    attempt = placement_attempts(session, file) + 1
    old_steps = list_steps(session, file, journey)
    journey.status, journey.ended_on = JourneyStatus.stopped, today
    session.add(event)
    session.flush()
    templates = _template_steps(session, journey.route_template_id) \
        if journey.route_template_id else []
    trial = next((i for i, t in enumerate(
        [t for t in templates if t.kind is not StepKind.return_], start=1)
        if t.kind is StepKind.trial), 1)
    # The new placement starts at the trial; what was done before is carried over honestly.
    new_journey, _steps = start_from_template(
        session, candidate_id=candidate_id, route_template_id=journey.route_template_id,
        step_templates=templates, started_on=today, current_position=trial, earlier=old_steps)
    post_notice(session, candidate_id=candidate_id, author_id=actor.person_id,
                code="way_back_other_placement", attempt=attempt)
    notify.steps_changed(session, candidate_id=candidate_id, key=f"way_back:{event.id}")
    return event, new_journey


def latest_way_back(session: Session, file: CandidateFile, area: FileArea) -> WayBackEvent | None:
    """The newest way-back event of the candidate, read as part of `area` (the money and
    guarantee pages say what it means for them). Raises NotFound."""
    file.require(area)
    return session.scalar(select(WayBackEvent).where(
        WayBackEvent.candidate_id == file.candidate_id)
        .order_by(WayBackEvent.created_at.desc(), WayBackEvent.id.desc()).limit(1))


def return_journey(session: Session, old: Journey, provider: str, today: date, *,
                    secondment: bool = False) -> Journey:
    """A short journey back: the route's own return step (or a plain one), current now. With
    a secondment the step says that the salary stays."""
    template_step = session.scalar(select(StepTemplate).where(
        StepTemplate.route_template_id == old.route_template_id,
        StepTemplate.kind == StepKind.return_)) if old.route_template_id else None
    journey = Journey(candidate_id=old.candidate_id, route_template_id=old.route_template_id,
                      status=JourneyStatus.active, started_on=today)
    session.add(journey)
    session.flush()
    texts = template_step.texts if template_step and not secondment else {}
    for language in SUPPORTED_LOCALES:
        token = set_locale(language)
        try:
            fallback = {"title": _("Back to day activities"),
                        "summary": _("You go back to %(provider)s.") % {"provider": provider},
                        "what_happens": "", "what_you_do": "", "what_to_bring": "", "who": "",
                        "waiting_note": ""}
            if secondment:
                fallback.update(
                    title=_("Day activities, salary stays"),
                    summary=_("You go back to %(provider)s. You keep your salary.")
                    % {"provider": provider},
                    what_happens=_("Your employer lends you to the day activities. This is "
                                   "called secondment. You stay employed. So your salary "
                                   "stays the same."))
        finally:
            reset_locale(token)
        texts = {**texts, language: texts.get(language) or fallback}
    session.add(JourneyStep(
        journey_id=journey.id, position=1, step_template_id=template_step.id if template_step
        else None, key="way-back", pictogram="way-back", kind=StepKind.return_,
        state=StepState.current, actual_start=today, planned_start=today,
        expected_duration_days=template_step.default_duration_days if template_step else 14,
        texts=texts))
    session.flush()
    return journey
