"""Serves the manifest and the service worker from the site root, so their scope is the
whole app."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import Response
from fastapi.responses import FileResponse

from app.route_table import APIRouter

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/manifest.webmanifest", name="pwa:manifest")
def manifest() -> FileResponse:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json",
                        headers={"Cache-Control": "public, max-age=3600"})


@lru_cache(maxsize=1)
def service_worker_source() -> str:
    """sw.js with its cache VERSION set to a hash of every static file: any change to the
    shell makes browsers install the new worker and drop the old caches."""
    digest = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(STATIC).as_posix().encode())
            digest.update(path.read_bytes())
    source = (STATIC / "js" / "sw.js").read_text(encoding="utf-8")
    return source.replace('const VERSION = "dev";', f'const VERSION = "{digest.hexdigest()[:12]}";')


@router.get("/sw.js", name="pwa:service_worker")
def service_worker() -> Response:
    # Browsers check for a new worker on every visit only when it is not cached for long.
    return Response(service_worker_source(), media_type="text/javascript",
                    headers={"Cache-Control": "no-cache"})
