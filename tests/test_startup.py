"""Start-up stays lean: a restart on a migrated database imports neither Alembic nor the
packages only some requests need (calendar files, YAML files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RESTART = """
import sys
from starlette.testclient import TestClient
from app.main import create_app
with TestClient(create_app()) as client:
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
print(" ".join(sorted(name for name in ("alembic", "icalendar", "yaml")
                      if name in sys.modules)))
"""


def test_a_restart_imports_only_what_serving_needs(database_url, personas):
    env = dict(os.environ, DATABASE_URL=database_url, ENVIRONMENT="test",
               MIGRATE_ON_START="true", SEED_DEMO_ON_START="false", LOG_LEVEL="WARNING",
               SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
               JWT_SECRET_KEY="test-jwt-key-that-is-long-enough-0123456789",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", RESTART], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
