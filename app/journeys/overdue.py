"""When a step is overdue ("takes longer than expected"): one rule, given both as a Python
predicate on loaded rows (the caseload's flag) and as a SQL condition (the team view's stalled
list), so the two views can never disagree.

The rule: the main current step (the most recently started current step that is not the
day-activity phase; `journeys.service.current_step`) of an active journey, started, with an
expected duration of more than zero days, that has been running for more days than expected
(counted in whole local calendar days from its start to `today`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, and_, exists, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from app.journeys.models import Journey, JourneyStatus, JourneyStep, StepState
from app.route_templates.models import StepKind


class days_between(FunctionElement):  # noqa: N801 - used like a SQL function
    """Whole days from the first date to the second, computed alike on SQLite and PostgreSQL."""

    type = Integer()
    name = "days_between"
    inherit_cache = True


@compiles(days_between)
def _days_between(element, compiler, **kw):
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    # PostgreSQL: date - date is a whole number of days.
    return f"(CAST({end} AS DATE) - CAST({start} AS DATE))"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    # SQLite keeps dates as ISO text; CAST(... AS DATE) there would turn them into numbers.
    return f"CAST(ROUND(julianday({end}) - julianday({start})) AS INTEGER)"


def days_in_step(step: JourneyStep, today: date) -> int | None:
    """Days since the step started (None when it has not started); never negative, so a
    start date after today reads as 0 days rather than as a lie."""
    return max((today - step.actual_start).days, 0) if step.actual_start else None


def is_overdue(step: JourneyStep, journey: Journey, today: date) -> bool:
    """The rule on loaded rows."""
    days = days_in_step(step, today)
    expected = step.expected_duration_days
    return (journey.status is JourneyStatus.active and step.state is StepState.current
            and days is not None and expected is not None and expected > 0 and days > expected)


def days_in_step_sql(today: date) -> ColumnElement[int]:
    """`days_in_step` as a SQL expression on JourneyStep."""
    return days_between(JourneyStep.actual_start, today)


def main_step_sql() -> ColumnElement[bool]:
    """A current JourneyStep is its journey's main current step (`service.current_step`):
    no other current step of the journey that is not the day-activity phase started later
    (or on the same day further along the route), and the phase only when it is alone.
    Steps running beside each other are so counted once."""
    other = aliased(JourneyStep)
    this = JourneyStep
    later = or_(
        this.kind == StepKind.day_activities,
        and_(other.actual_start.is_not(None), this.actual_start.is_(None)),
        other.actual_start > this.actual_start,
        and_(or_(other.actual_start == this.actual_start,
                 and_(other.actual_start.is_(None), this.actual_start.is_(None))),
             other.position > this.position),
    )
    return ~exists(select(other.id).where(
        other.journey_id == this.journey_id, other.id != this.id,
        other.state == StepState.current, other.kind != StepKind.day_activities, later,
    ))


def overdue_sql(today: date) -> ColumnElement[bool]:
    """The rule as a condition on a query that joins JourneyStep to its Journey."""
    return and_(
        Journey.status == JourneyStatus.active, JourneyStep.state == StepState.current,
        main_step_sql(),
        JourneyStep.actual_start.is_not(None), JourneyStep.expected_duration_days > 0,
        days_in_step_sql(today) > JourneyStep.expected_duration_days,
    )
