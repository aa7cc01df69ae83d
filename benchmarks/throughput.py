"""Server throughput: the signed-in candidate home against a bare JSON endpoint of the same
app, same server settings, same run (wrk -t2 -c50 -d10s --latency), with the server's CPU time
per request beside the requests/s.

Budget (quality.md): home ≥ 40% of the bare endpoint's requests/s; p99 ≤ 50 ms at 50
connections. Needs wrk (apt-get install wrk). Both are asked with `Accept-Encoding: gzip`, as
a browser asks. Run: .venv/bin/python -m benchmarks.throughput [workers] [seconds]"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx

from benchmarks._server import demo_server, sign_in

TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds() -> float:
    """CPU time (user + system) of every live process started under this one: the server and
    its workers (wrk and the demo seeding have ended when this is read)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / TICKS
    me, total = os.getpid(), 0.0
    for pid, cpu in times.items():
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor == me:
            total += cpu
    return total


def wrk(url: str, cookie: str | None = None, seconds: int = 10) -> tuple[float, str, float]:
    """(requests/s, p99, server CPU ms per request)."""
    command = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency",
               "-H", "Accept-Encoding: gzip", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sw_session={cookie}"]
    cpu_before = server_cpu_seconds()
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    cpu = server_cpu_seconds() - cpu_before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} failed responses")
    return rps, p99, 1000 * cpu / max(requests, 1)


def main() -> int:
    if shutil.which("wrk") is None:
        print("Install wrk first: apt-get install -y wrk", file=sys.stderr)
        return 2
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    with demo_server(workers=workers) as (base, _env, links):
        with httpx.Client(base_url=base) as client:
            sign_in(client, links["candidate"])
            cookie = client.cookies.get("sw_session")
            assert client.get("/").status_code == 200
        wrk(f"{base}/healthz", seconds=2)  # warm up both workers
        wrk(f"{base}/", cookie, seconds=2)
        bare_rps, bare_p99, bare_cpu = wrk(f"{base}/healthz", seconds=seconds)
        home_rps, home_p99, home_cpu = wrk(f"{base}/", cookie, seconds=seconds)
    print(f"uvicorn[standard], {workers} workers, no access log, wrk -t2 -c50 -d{seconds}s")
    print(f"bare JSON /healthz     {bare_rps:>9.1f} req/s   p99 {bare_p99:>8}   "
          f"server CPU {bare_cpu:.2f} ms/request")
    print(f"candidate home (/)     {home_rps:>9.1f} req/s   p99 {home_p99:>8}   "
          f"server CPU {home_cpu:.2f} ms/request")
    print(f"home / bare            {home_rps / bare_rps:>9.1%}   (budget ≥ 40%, p99 ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
