# Stapwijzer: multi-stage image; runs as a non-root user, migrates, then serves on port 8000.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
# Install the dependencies into a venv; the app itself runs from /srv (it needs migrations/
# and locales/ beside it).
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir . \
 && /opt/venv/bin/pip uninstall --yes stapwijzer

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 stapwijzer
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY --chown=stapwijzer:stapwijzer app ./app
COPY --chown=stapwijzer:stapwijzer migrations ./migrations
COPY --chown=stapwijzer:stapwijzer locales ./locales
COPY --chown=stapwijzer:stapwijzer alembic.ini ./
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONPATH=/srv \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ENVIRONMENT=production \
    SEED_DEMO_ON_START=false \
    MIGRATE_ON_START=false
# Bytecode compiled once, here: PYTHONDONTWRITEBYTECODE keeps the running server from writing
# it, so without this every start compiled the app's sources again (~0.1 s of a restart).
RUN python -m compileall -q app migrations
USER stapwijzer
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
# DATABASE_URL, SECRET_KEY, JWT_SECRET_KEY, BASE_URL and VAPID_* come from the environment.
# The same image runs the outbox worker (SMTP_* and the VAPID keys from the environment too):
#   docker run --env-file stapwijzer.env stapwijzer python -m app worker
# Run one or more beside the server; they share the database and never send twice.
CMD ["sh", "-c", "python -m app migrate && exec python -m app serve --host 0.0.0.0 --port 8000"]
