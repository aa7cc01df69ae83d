#!/usr/bin/env bash
# Installs Stapwijzer, migrates and seeds the local SQLite database, prints a one-time sign-in
# link for every demo persona and serves the app on http://localhost:8000 (HOST and PORT change
# the address, and the links follow it; BASE_URL, when set, is the address the links use).
# Beside the server runs the outbox worker, so the demo sends e-mail (and push); without
# SMTP_HOST a local mail sink (aiosmtpd) prints the e-mails in this terminal. Ctrl+C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
.venv/bin/stapwijzer demo --host "$HOST" --port "$PORT"

children=()
stop_children() {
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_children EXIT
trap 'exit 130' INT TERM

if [ -z "${SMTP_HOST:-}" ]; then
  MAIL_PORT="${MAIL_PORT:-1025}"
  if .venv/bin/python -c "import aiosmtpd" 2>/dev/null \
      || .venv/bin/python -m pip install --quiet aiosmtpd; then
    .venv/bin/python -m aiosmtpd -n -l "127.0.0.1:$MAIL_PORT" &
    children+=($!)
    export SMTP_HOST=127.0.0.1 SMTP_PORT="$MAIL_PORT"
    echo "E-mails go to a local mail sink on port $MAIL_PORT and are printed here."
  fi
fi

# The worker sends what the app puts in the outbox; it stops with the server.
BASE_URL="${BASE_URL:-http://localhost:$PORT}" .venv/bin/stapwijzer worker &
children+=($!)
.venv/bin/stapwijzer serve --host "$HOST" --port "$PORT" &
children+=($!)
wait -n
