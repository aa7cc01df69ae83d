"""Start-up: from starting the server process to its first answer (budget ≤ 1.5 s).

Measures `uvicorn app.asgi:app` on an already migrated and seeded database (a restart, the
common case) and on an empty database file (first start: migrations and the demo seed run
before the first answer). Prints the median of several runs.
Run: .venv/bin/python -m benchmarks.startup [runs, default 7]"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

import httpx

from benchmarks._server import PYTHON, ROOT, free_port

SECRETS = {"SECRET_KEY": "bench-secret-0123456789-0123456789-0123456789",
           "JWT_SECRET_KEY": "bench-jwt-0123456789-0123456789-0123456789"}


def time_to_first_answer(database_url: str) -> float:
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, BASE_URL=f"http://localhost:{port}",
               LOG_LEVEL="WARNING", **SECRETS)
    started = time.perf_counter()
    server = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--no-access-log", "--log-level", "warning"], env=env, cwd=ROOT)
    try:
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise SystemExit("the server stopped before answering")
            if time.perf_counter() - started > 30:
                raise SystemExit("no answer within 30 s")
            time.sleep(0.01)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    first, restart = [], []
    for _ in range(runs):
        folder = tempfile.mkdtemp(prefix="stapwijzer-start-")
        url = f"sqlite:///{folder}/start.sqlite3"
        first.append(time_to_first_answer(url))  # empty file: migrate + seed
        restart.append(time_to_first_answer(url))  # the same file again: a restart
    print(f"start to first answer, median of {runs} (budget ≤ 1.5 s)")
    print(f"restart (migrated, seeded)     {statistics.median(restart):.2f} s   "
          f"max {max(restart):.2f} s")
    print(f"first start (migrate + seed)   {statistics.median(first):.2f} s   "
          f"max {max(first):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
