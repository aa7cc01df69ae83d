"""The first requests after a restart: how long the candidate's home, the consultant's caseload
(JSON) and a candidate's file in the back-office take to answer the first time, and the second.

A route is built on its first request (app.route_table), so a first request pays its route's
build; this shows how much, beside a second request to the same page. Per run and checkout: a
fresh demo database, signed in as the candidate and the consultant by one server, then a second
server started on it (a restart) and asked each page twice, in the same order; wall time per
request, median of the runs. Like benchmarks.startup, other checkouts run in turn with this one.
Run: .venv/bin/python -m benchmarks.first_requests [runs, default 5] [OTHER_CHECKOUT ...]"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks._server import (
    PYTHON,
    ROOT,
    bench_env,
    free_port,
    sign_in,
    start_uvicorn,
    wait_until_ready,
)

PAGES = ("candidate home /", "caseload /api/v1/caseload", "file /office/candidates/{id}")


def _server(env: dict, port: int, root: Path):
    server = start_uvicorn(env, port, root=root)
    wait_until_ready(f"http://127.0.0.1:{port}", server=server)
    return server


def one_run(root: Path) -> list[tuple[float, float]]:
    """[(first, second) seconds] per page, on a fresh demo database, after a restart."""
    folder = tempfile.mkdtemp(prefix="stapwijzer-first-")
    port = free_port()
    env = bench_env(f"sqlite:///{folder}/first.sqlite3", port)
    env["PYTHONPATH"] = str(root)
    links = json.loads(subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env, cwd=root,
                                      check=True, capture_output=True, text=True).stdout)
    base = f"http://127.0.0.1:{port}"
    candidate, consultant = httpx.Client(base_url=base), httpx.Client(base_url=base)
    server = _server(env, port, root)  # signs in; its routes are built, not measured
    try:
        sign_in(candidate, links["candidate"])
        sign_in(consultant, links["consultant"])
        rows = consultant.get("/api/v1/caseload").json()["items"]
        file = f"/office/candidates/{rows[0]['candidate_id']}"
    finally:
        server.terminate()
        server.wait(timeout=10)
    server = _server(env, port, root)  # the restart
    try:
        figures = []
        for client, path in ((candidate, "/"), (consultant, "/api/v1/caseload"),
                             (consultant, file)):
            times = []
            for _ in range(2):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
            figures.append((times[0], times[1]))
        return figures
    finally:
        server.terminate()
        server.wait(timeout=10)
        candidate.close()
        consultant.close()


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    roots = [ROOT, *(Path(arg).resolve() for arg in sys.argv[2:])]
    figures = {root: [] for root in roots}
    for _ in range(runs):
        for root in roots:  # in turn, so load on the machine falls on each alike
            figures[root].append(one_run(root))
    print(f"first and second request after a restart, wall ms, median of {runs}")
    for root in roots:
        print(root)
        for page, label in enumerate(PAGES):
            first = statistics.median(run[page][0] for run in figures[root]) * 1000
            second = statistics.median(run[page][1] for run in figures[root]) * 1000
            print(f"  {label:<32} first {first:6.1f} ms   second {second:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
