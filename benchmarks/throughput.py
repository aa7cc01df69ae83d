"""Server throughput: the signed-in candidate home against a bare JSON endpoint of the same
app, same server settings, same run (wrk -t2 -c50 -d10s --latency).

Budget (quality.md): home ≥ 40% of the bare endpoint's requests/s; p99 ≤ 50 ms at 50
connections. Needs wrk (apt-get install wrk). Run: .venv/bin/python -m benchmarks.throughput"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import httpx

from benchmarks._server import demo_server, sign_in


def wrk(url: str, cookie: str | None = None, seconds: int = 10) -> tuple[float, str]:
    command = ["wrk", "-t2", "-c50", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sw_session={cookie}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} failed responses")
    return rps, p99


def main() -> int:
    if shutil.which("wrk") is None:
        print("Install wrk first: apt-get install -y wrk", file=sys.stderr)
        return 2
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    with demo_server(workers=workers) as (base, _env, links):
        with httpx.Client(base_url=base) as client:
            sign_in(client, links["candidate"])
            cookie = client.cookies.get("sw_session")
        wrk(f"{base}/healthz", seconds=2)  # warm up both workers
        bare_rps, bare_p99 = wrk(f"{base}/healthz")
        home_rps, home_p99 = wrk(f"{base}/", cookie)
    print(f"uvicorn[standard], {workers} workers, no access log, wrk -t2 -c50 -d10s")
    print(f"bare JSON /healthz     {bare_rps:>9.1f} req/s   p99 {bare_p99}")
    print(f"candidate home (/)     {home_rps:>9.1f} req/s   p99 {home_p99}")
    print(f"home / bare            {home_rps / bare_rps:>9.1%}   (budget ≥ 40%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
