"""Fuzzing: schemathesis over the whole OpenAPI schema, signed in as each demo persona, against a
real uvicorn server on a fresh demo database.

Budget (quality.md): ≥ 2,000 cases, no 5xx, no undocumented status, no schema violation.
Run: .venv/bin/python -m benchmarks.fuzz_api [examples per operation, default 30]
The access token lives 15 minutes; each persona's run stops after FUZZ_MAX_SECONDS (600)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from benchmarks._server import ROOT, demo_server

PERSONAS = ("consultant", "candidate", "parent", "admin")
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance," \
         "content_type_conformance"
# Signing this token out would end the run early; these are tested by hand in tests/auth.
EXCLUDE = r"/auth/logout|/me/sessions"
MAX_SECONDS = int(os.environ.get("FUZZ_MAX_SECONDS", "600"))  # per persona


def token_for(client: httpx.Client, link: str) -> str:
    response = client.post("/api/v1/auth/invites/redeem",
                           json={"token": link.rsplit("/", 1)[1], "device_label": "fuzz"})
    response.raise_for_status()
    return response.json()["access_token"]


def fuzz(base: str, persona: str, token: str, examples: int, report: Path) -> tuple[int, int]:
    """Runs schemathesis; returns (cases, failures) read from its JUnit report."""
    command = [str(Path(sys.executable).with_name("schemathesis")), "run",
               f"{base}/openapi.json", "--url", base, "-H", f"Authorization: Bearer {token}",
               "-n", str(examples), "--checks", CHECKS, "--exclude-path-regex", EXCLUDE,
               "--max-time", str(MAX_SECONDS), "--seed", "20261122", "--continue-on-failure",
               "--report", "junit", "--report-junit-path", str(report), "--no-color"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    summary = [line for line in result.stdout.splitlines()
               if re.search(r"test cases|passed|failed|Failures|errors?", line, re.I)]
    print(f"--- {persona}\n" + "\n".join(summary[-12:]))
    if result.returncode not in (0, 1):
        print(result.stdout[-3000:], result.stderr[-3000:], file=sys.stderr)
    cases = re.search(r"(\d+) generated", result.stdout)
    failures = len(re.findall(r"<failure", report.read_text())) if report.exists() else -1
    return (int(cases.group(1)) if cases else 0), failures


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    total_cases = total_failures = 0
    out = Path(tempfile.mkdtemp(prefix="stapwijzer-fuzz-"))
    with demo_server() as (base, _env, links), httpx.Client(base_url=base) as client:
        # All tokens first: the fuzzer's own sign-in attempts use up this client's allowance.
        tokens = {persona: token_for(client, links[persona]) for persona in PERSONAS}
        for persona in PERSONAS:
            cases, failures = fuzz(base, persona, tokens[persona], examples,
                                   out / f"{persona}.xml")
            total_cases += cases
            total_failures += failures
    print(json.dumps({"cases": total_cases, "failed_operations": total_failures,
                      "reports": str(out)}))
    return 0 if total_failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
