"""Start-up: from starting the server process to its first answer (budget ≤ 1.5 s).

Measures `uvicorn app.asgi:app` on an already migrated and seeded database (a restart, the
common case) and on an empty database file (first start: migrations and the demo seed run
before the first answer). Prints the median of several runs.
Run: .venv/bin/python -m benchmarks.startup [runs, default 7]"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time

from benchmarks._server import bench_env, free_port, start_uvicorn, wait_until_ready


def time_to_first_answer(database_url: str) -> float:
    port = free_port()
    started = time.perf_counter()
    server = start_uvicorn(bench_env(database_url, port), port)
    try:
        wait_until_ready(f"http://127.0.0.1:{port}", server=server)
        return time.perf_counter() - started
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
