"""Shared by the benchmarks: a Stapwijzer server on a fresh demo database, in a subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


BENCH_SECRETS = {"SECRET_KEY": "bench-secret-0123456789-0123456789-0123456789",
                 "JWT_SECRET_KEY": "bench-jwt-0123456789-0123456789-0123456789"}


def bench_env(database_url: str, port: int) -> dict[str, str]:
    """The environment of a measured server: throwaway secrets, warnings-only logs."""
    return dict(os.environ, DATABASE_URL=database_url, BASE_URL=f"http://localhost:{port}",
                LOG_LEVEL="WARNING", **BENCH_SECRETS)


def start_uvicorn(env: dict, port: int, *, workers: int = 1,
                  own_process_group: bool = False, root: Path = ROOT) -> subprocess.Popen:
    """uvicorn[standard] without access log, as quality.md prescribes for measurements.
    `root`: the checkout whose app it serves (the working directory comes first on sys.path)."""
    return subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--no-access-log", "--log-level", "warning"],
        env=env, cwd=root, start_new_session=own_process_group)


def wait_until_ready(base: str, seconds: float = 30, server=None) -> float:
    """Polls /readyz; returns the seconds waited. Fails if the server stops or stays silent."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return time.perf_counter() - started
        except httpx.HTTPError:
            pass
        if server is not None and server.poll() is not None:
            raise SystemExit("the server stopped before answering")
        time.sleep(0.01)
    raise SystemExit(f"no answer from {base} within {seconds:.0f} s")


@contextmanager
def demo_server(database_url: str | None = None, workers: int = 1, root: Path = ROOT,
                server_pids: list[int] | None = None):
    """Yields (base_url, environment, demo links). Seeds the demo, serves with uvicorn[standard]
    without access log (the settings quality.md prescribes for measurements). `root`: another
    checkout's app (seeded and served by its own code); `server_pids` gets the server's pid."""
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="stapwijzer-bench-")
    env = bench_env(database_url or f"sqlite:///{tmp}/bench.sqlite3", port)
    if root != ROOT:
        env["PYTHONPATH"] = str(root)
    links = json.loads(subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env, cwd=root,
                                      check=True, capture_output=True, text=True).stdout)
    server = start_uvicorn(env, port, workers=workers, root=root)
    if server_pids is not None:
        server_pids.append(server.pid)
    base = f"http://localhost:{port}"
    try:
        wait_until_ready(base, server=server)
        yield base, env, links
    finally:
        server.terminate()
        server.wait(timeout=10)


def sign_in(client: httpx.Client, link: str) -> None:
    """Open the invite link in `client` as a browser would (keeps the session cookie)."""
    token = link.rsplit("/", 1)[1]
    client.post(f"/i/{token}", headers={"Sec-Fetch-Site": "same-origin"})
