"""Geometry of the income-against-hours chart; the SVG itself is a template (money/_chart.html)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from app.money.engine import Outcome

WIDTH, HEIGHT = 360, 230
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 14, 42
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
MAX_HOURS = Decimal(40)


@dataclass(frozen=True)
class Tick:
    position: float
    value: Decimal


@dataclass(frozen=True)
class ChartGeometry:
    width: int
    height: int
    points: str  # SVG polyline points of net income at 0-40 hours
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    trap_width: float | None  # the shaded zone from 0 hours to where the benefit stops
    trap_hours: Decimal | None
    now_y: float
    plan_x: float
    plan_y: float
    plan_hours: Decimal
    plan_total: Decimal
    pays_x: float | None  # where income is 10% above now (Allers)
    left: int = LEFT
    top: int = TOP
    plot_w: int = PLOT_W
    plot_h: int = PLOT_H


def _nice_ceiling(value: Decimal) -> Decimal:
    step = Decimal(500)
    return max(step, (value / step).to_integral_value(ROUND_CEILING) * step)


def chart_geometry(outcome: Outcome, plan_hours: Decimal) -> ChartGeometry:
    top_value = _nice_ceiling(max(point.total for point in outcome.sweep) * Decimal("1.05"))

    def x(hours: Decimal) -> float:
        return round(LEFT + float(hours / MAX_HOURS) * PLOT_W, 1)

    def y(amount: Decimal) -> float:
        return round(TOP + PLOT_H - float(amount / top_value) * PLOT_H, 1)

    points = " ".join(f"{x(p.hours)},{y(p.total)}" for p in outcome.sweep)
    step = Decimal(500) if top_value <= 3000 else Decimal(1000)
    y_ticks = [Tick(y(step * i), step * i) for i in range(int(top_value / step) + 1)]
    x_ticks = [Tick(x(Decimal(h)), Decimal(h)) for h in range(0, 41, 8)]
    trap = outcome.leaves_benefit_at_hours
    plan = next((p for p in outcome.sweep if p.hours == plan_hours), outcome.with_work)
    pays = outcome.work_pays_from_hours
    return ChartGeometry(
        width=WIDTH, height=HEIGHT, points=points, x_ticks=x_ticks, y_ticks=y_ticks,
        trap_width=round(x(trap) - LEFT, 1) if trap else None, trap_hours=trap,
        now_y=y(outcome.now.total), plan_x=x(plan_hours), plan_y=y(plan.total),
        plan_hours=plan_hours, plan_total=plan.total,
        pays_x=x(pays) if pays is not None else None,
    )


def table_rows(outcome: Outcome, every: Decimal = Decimal(4)) -> list:
    """The sweep every few hours, for the table behind the chart."""
    return [p for p in outcome.sweep if p.hours % every == 0]
