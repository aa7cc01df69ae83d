#!/usr/bin/env bash
# Installs the test dependencies (Python packages and Debian's Chromium) and runs the whole
# suite. The database is SQLite unless TEST_DATABASE_URL names a PostgreSQL database.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

if ! command -v chromium >/dev/null 2>&1; then
  # Playwright cannot download its own browser here; it drives Debian's Chromium instead.
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Both cores: each xdist worker has its own database (and, for browser tests, its own server).
# A browser test file stays on one worker, because its tests build on each other (conftest
# groups them); every other test goes wherever a worker is free.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist loadgroup --durations=15 "$@"
