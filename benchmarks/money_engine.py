"""Times the money engine: a full calculation and an 81-point sweep (budget: sweep ≤ 2 ms median).

Run from the repository root: `.venv/bin/python benchmarks/money_engine.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

# Allow running as a plain script from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.money.engine import Situation, Work, calculate, sweep  # noqa: E402
from app.money.schemas import to_result  # noqa: E402

SWEEP_BUDGET_MS = 2.0

# A demanding household: bijstand, single parent, rent (huurtoeslag), kindgebonden budget,
# an exemption open and a cash-flow forecast starting mid-month.
SITUATION = Situation(
    as_of=date(2026, 3, 1),
    age=30,
    household="single_parent",
    adults_in_home=1,
    children_ages=(4, 9),
    benefit="bijstand",
    volunteer_allowance=Decimal("50.00"),
    rent=Decimal("650.00"),
    medical_hours_limit=False,
)
WORK = Work(
    hours_per_week=Decimal(24),
    months_in_work=7,
    start_date=date(2026, 3, 16),
)


def median_ms(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 90th percentile in milliseconds over `runs` calls, after a warm-up."""
    for _ in range(max(10, runs // 10)):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        function()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()

    results = {
        "full calculation (sweep + cash flow + actions)": median_ms(
            lambda: calculate(SITUATION, WORK), args.runs
        ),
        "full sweep, 81 points": median_ms(lambda: sweep(SITUATION, WORK), args.runs),
        "calculation + response model (to_result)": median_ms(
            lambda: to_result(calculate(SITUATION, WORK)), args.runs
        ),
    }
    print(f"money engine, {args.runs} runs, Python {sys.version.split()[0]}")
    for label, (median, p90) in results.items():
        print(f"  {label:<48} median {median:7.3f} ms   p90 {p90:7.3f} ms")
    sweep_median = results["full sweep, 81 points"][0]
    verdict = "within" if sweep_median <= SWEEP_BUDGET_MS else "OVER"
    print(f"  sweep budget {SWEEP_BUDGET_MS} ms median: {verdict}")
    return 0 if sweep_median <= SWEEP_BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
