#!/usr/bin/env bash
# Installs Stapwijzer, migrates and seeds the local SQLite database, prints a one-time sign-in
# link for every demo persona and serves the app on http://localhost:8000.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

.venv/bin/stapwijzer demo
exec .venv/bin/stapwijzer serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
