#!/usr/bin/env bash
# Installs Stapwijzer, migrates and seeds the local SQLite database, prints a one-time sign-in
# link for every demo persona and serves the app on http://localhost:8000 (HOST and PORT change
# the address, and the links follow it; BASE_URL, when set, is the address the links use).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
.venv/bin/stapwijzer demo --host "$HOST" --port "$PORT"
exec .venv/bin/stapwijzer serve --host "$HOST" --port "$PORT"
