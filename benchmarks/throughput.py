"""Server throughput: the signed-in candidate home against a bare JSON endpoint of the same
app, same server settings, same run (wrk -t2 -c50 -d10s --latency), with the server's CPU time
per request beside the requests/s.

Budget (quality.md): home ≥ 40% of the bare endpoint's requests/s; p99 ≤ 50 ms at 50
connections. Needs wrk (apt-get install wrk). Both are asked with `Accept-Encoding: gzip`, as
a browser asks. Run: .venv/bin/python -m benchmarks.throughput [workers] [seconds]
[--rounds N] [--against CHECKOUT]

`--against` another checkout (e.g. `git archive main | tar -x -C /tmp/base`): its server runs
beside this one (its own code, its own demo database), and the wrk runs alternate between the
two, round after round, so load from elsewhere on the machine falls on both alike. Compare
the ratios, not the absolute figures of different runs.

On PostgreSQL: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/EMPTY_DB (with `--against`,
also an empty EMPTY_DB_against for the other server)."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import httpx

from benchmarks._server import ROOT, demo_server, sign_in

TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(root: int) -> float:
    """CPU time (user + system) of process `root` (a server) and every live process under it:
    its workers."""
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
    total = 0.0
    for pid, cpu in times.items():
        ancestor = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor)
        if ancestor == root:
            total += cpu
    return total


def wrk(url: str, server: int, cookie: str | None = None,
        seconds: int = 10) -> tuple[float, float, float]:
    """(requests/s, p99 in ms, server CPU ms per request)."""
    command = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency",
               "-H", "Accept-Encoding: gzip", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sw_session={cookie}"]
    cpu_before = server_cpu_seconds(server)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    cpu = server_cpu_seconds(server) - cpu_before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} failed responses")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return rps, float(p99.group(1)) * scale, 1000 * cpu / max(requests, 1)


def main() -> int:
    if shutil.which("wrk") is None:
        print("Install wrk first: apt-get install -y wrk", file=sys.stderr)
        return 2
    args = sys.argv[1:]
    checkouts = {"this": ROOT}
    rounds = 1
    if "--against" in args:
        at = args.index("--against")
        checkouts["against"] = Path(args[at + 1]).resolve()
        del args[at:at + 2]
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at:at + 2]
    workers = int(args[0]) if args else 2
    seconds = int(args[1]) if len(args) > 1 else 10
    # figures[name][target] = [(rps, p99 ms, cpu ms/request), ...], one per round
    figures = {name: {"bare": [], "home": []} for name in checkouts}
    with ExitStack() as stack:
        servers = {}
        for name, root in checkouts.items():
            pids: list[int] = []
            database_url = os.environ.get("DATABASE_URL")
            if database_url and name == "against":
                database_url += "_against"
            base, _env, links = stack.enter_context(
                demo_server(database_url, workers=workers, root=root, server_pids=pids))
            with httpx.Client(base_url=base) as client:
                sign_in(client, links["candidate"])
                cookie = client.cookies.get("sw_session")
                assert client.get("/").status_code == 200
            servers[name] = (base, pids[0], cookie)
        for base, pid, cookie in servers.values():
            wrk(f"{base}/healthz", pid, seconds=2)  # warm up every worker
            wrk(f"{base}/", pid, cookie, seconds=2)
        for turn in range(rounds):
            # In turn, and the other one first every other round: alike load on both.
            order = list(servers.items())[::-1 if turn % 2 else 1]
            for name, (base, pid, cookie) in order:
                figures[name]["bare"].append(wrk(f"{base}/healthz", pid, seconds=seconds))
                figures[name]["home"].append(wrk(f"{base}/", pid, cookie, seconds=seconds))
                print(f"round {turn + 1} {name:<8}" + "".join(
                    f"  {target} {rps:6.0f} req/s p99 {p99:6.1f} ms CPU {cpu:.2f} ms"
                    for target in ("bare", "home")
                    for rps, p99, cpu in [figures[name][target][-1]]), flush=True)
    print(f"uvicorn[standard], {workers} workers, no access log, wrk -t2 -c50 -d{seconds}s, "
          f"median of {rounds} round(s)")
    medians = {}
    for name, root in checkouts.items():
        if len(checkouts) > 1:
            print(f"{name}: {root}")
        for target, label in (("bare", "bare JSON /healthz "), ("home", "candidate home (/) ")):
            rps, p99, cpu = (statistics.median(run[i] for run in figures[name][target])
                             for i in range(3))
            medians[name, target] = rps, p99, cpu
            print(f"  {label}  {rps:>8.1f} req/s   p99 {p99:>7.1f} ms   "
                  f"server CPU {cpu:.2f} ms/request")
        ratios = [home[0] / bare[0] for bare, home in zip(figures[name]["bare"],
                                                            figures[name]["home"], strict=True)]
        print(f"  home / bare          {statistics.median(ratios):>8.1%}   "
              f"(budget ≥ 40%, p99 ≤ 50 ms)")
    if len(checkouts) > 1:
        print("this / against (median figures)")
        for target, label in (("bare", "bare JSON /healthz "), ("home", "candidate home (/) ")):
            this, other = medians["this", target], medians["against", target]
            print(f"  {label}  req/s ×{this[0] / other[0]:.2f}   p99 ×{this[1] / other[1]:.2f}"
                  f"   CPU/request ×{this[2] / other[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
