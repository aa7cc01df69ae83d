"""`/api/docs`: every operation of the OpenAPI schema, grouped by tag, rendered on the server.

Swagger UI was loaded from a CDN, which the page's own CSP blocked (and which would send every
developer's visit to a third party); vendoring it adds ~1.5 MB and an inline start-up script.
This page needs no JavaScript; tools read `/openapi.json`."""

from __future__ import annotations

from fastapi import Request

from app.route_table import APIRouter
from app.templating import render

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")


def operations_by_tag(schema: dict) -> list[tuple[str, list[dict]]]:
    """[(tag, [{method, path, operation_id, summary, description}, …]), …] in schema order."""
    groups: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(), "path": path,
                "operation_id": operation.get("operationId", ""),
                "summary": operation.get("summary", ""),
            })
    return list(groups.items())


@router.get("/api/docs", name="api_docs:index")
def api_docs(request: Request):
    """Public, as the schema itself is: it describes the API, it holds no data."""
    schema = request.app.openapi()
    return render(request, "api_docs/index.html", {
        "title": schema["info"]["title"], "version": schema["info"]["version"],
        "groups": operations_by_tag(schema),
    })
