"""Start-up: from starting the server process to its first answer (budget: restart ≤ 1 s,
first start ≤ 2 s).

Measures `uvicorn app.asgi:app` on an already migrated and seeded database (a restart, the
common case) and on an empty database file (first start: migrations and the demo seed run
before the first answer). Prints the median of several runs, wall time and the server's CPU
time up to its first answer (steadier than wall time on a shared machine).
Run: .venv/bin/python -m benchmarks.startup [runs, default 7] [OTHER_CHECKOUT ...]
With other checkouts (e.g. `git archive main | tar -x -C /tmp/base`), their servers start in
turn with this one's, so the figures compare side by side in one run.

Servers run with compiled bytecode, as a restart of an installed server does (the image
compiles it at build time, see the Dockerfile): kept under a temporary PYTHONPYCACHEPREFIX, so
no checkout is written to, and made by one unmeasured round first. Without bytecode every start
would also compile the app's sources (~0.1 s); `--source` measures that case."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._server import PYTHON, ROOT, bench_env, free_port, wait_until_ready

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def time_to_first_answer(database_url: str, root: Path = ROOT,
                         bytecode: str | None = None) -> tuple[float, float]:
    """(wall seconds, server CPU seconds) from starting the process to its first answer;
    with `bytecode`, a folder where the server keeps (and finds) its compiled modules."""
    port = free_port()
    env = bench_env(database_url, port)
    env["PYTHONPATH"] = str(root)  # that checkout's app, whatever is installed
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode
    started = time.perf_counter()
    server = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--no-access-log", "--log-level", "warning"], env=env, cwd=root)
    try:
        wait_until_ready(f"http://127.0.0.1:{port}", server=server)
        return time.perf_counter() - started, cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)



def main() -> int:
    arguments = [arg for arg in sys.argv[1:] if arg != "--source"]
    runs = int(arguments[0]) if arguments else 7
    roots = [ROOT, *(Path(arg).resolve() for arg in arguments[1:])]
    bytecode = None if "--source" in sys.argv else tempfile.mkdtemp(prefix="stapwijzer-pyc-")
    figures = {root: {"first": [], "restart": []} for root in roots}
    for run in range(runs + (1 if bytecode else 0)):
        for root in roots:  # in turn, so load on the machine falls on each alike
            folder = tempfile.mkdtemp(prefix="stapwijzer-start-")
            url = f"sqlite:///{folder}/start.sqlite3"
            first = time_to_first_answer(url, root, bytecode)  # migrate + seed
            restart = time_to_first_answer(url, root, bytecode)  # same file again
            if bytecode and run == 0:
                continue  # the round that compiled the bytecode
            figures[root]["first"].append(first)
            figures[root]["restart"].append(restart)
    print(f"start to first answer, median of {runs} (budget: restart ≤ 1 s, first start ≤ 2 s),"
          f" {'with compiled bytecode' if bytecode else 'compiling the sources (--source)'}")
    for root in roots:
        print(root)
        for kind, label in (("restart", "restart (migrated, seeded)  "),
                            ("first", "first start (migrate + seed)")):
            walls = [wall for wall, _ in figures[root][kind]]
            cpus = [cpu for _, cpu in figures[root][kind]]
            print(f"  {label}  wall {statistics.median(walls):.2f} s (max {max(walls):.2f})"
                  f"   server CPU {statistics.median(cpus):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
