"""Runs Lighthouse (mobile profile, Debian's Chromium) on the signed-in candidate pages and
the consultant's start page, and prints performance, accessibility and best-practices scores.

Budgets (quality.md): performance ≥ 0.98, accessibility 1.00, best practices 1.00.
Set up once: (cd benchmarks/lighthouse && npm install).
Run: .venv/bin/python -m benchmarks.lighthouse"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from benchmarks._server import demo_server, sign_in

HERE = Path(__file__).resolve().parent / "lighthouse"
CANDIDATE_PAGES = ["/", "/c/{id}/steps", "/c/{id}/appointments", "/c/{id}/money"]
STAFF_PAGES = ["/office"]


def session_cookie(base: str, link: str) -> tuple[str, int | None]:
    with httpx.Client(base_url=base) as client:
        sign_in(client, link)
        me = client.get("/api/v1/me")
        return client.cookies.get("sw_session"), me.json().get("id") if me.is_success else None


def run_lighthouse(url: str, cookie: str) -> dict:
    out = Path(tempfile.mkdtemp()) / "report.json"
    command = [
        str(HERE / "node_modules" / ".bin" / "lighthouse"), url, "--quiet",
        "--form-factor=mobile", "--output=json", f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run",
        f"--extra-headers={json.dumps({'Cookie': f'sw_session={cookie}'})}",
    ]
    done = subprocess.run(command, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"),
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    return {key: report["categories"][key]["score"]
            for key in ("performance", "accessibility", "best-practices")}


def main() -> int:
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        print("Install first: (cd benchmarks/lighthouse && npm install)", file=sys.stderr)
        return 2
    with demo_server() as (base, _env, links):
        cookie, candidate_id = session_cookie(base, links["candidate"])
        targets = [(p.format(id=candidate_id), cookie) for p in CANDIDATE_PAGES]
        staff_cookie, _ = session_cookie(base, links["consultant"])
        targets += [(p, staff_cookie) for p in STAFF_PAGES]
        for path, page_cookie in targets:
            with httpx.Client(base_url=base, cookies={"sw_session": page_cookie}) as client:
                if client.get(path).status_code != 200:
                    print(f"{path:<28} skipped (not available)")
                    continue
            scores = run_lighthouse(base + path, page_cookie)
            print(f"{path:<28} " + "  ".join(f"{k} {v:.2f}" for k, v in scores.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
