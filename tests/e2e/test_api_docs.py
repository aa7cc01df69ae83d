"""`/api/docs` is served by the app itself: under the strict CSP it loads, requests nothing from
another site and lists every operation (issue 12: it loaded Swagger UI from a CDN, blocked)."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, assert_accessible

pytestmark = pytest.mark.e2e


def test_api_docs_load_under_the_csp_and_list_every_operation(live_server, new_context, axe):
    schema = httpx.get(f"{live_server.url}/openapi.json").json()
    operation_ids = [operation["operationId"] for item in schema["paths"].values()
                     for operation in item.values()]
    page = new_context(DESKTOP).new_page()
    violations: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith((live_server.url, "data:")) else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation',"
                         " e => console.log('Content Security Policy: ' + e.blockedURI))")
    response = page.goto(f"{live_server.url}/api/docs")
    assert response.status == 200
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stapwijzer API")
    for operation_id in operation_ids:
        expect(page.locator(f"li#{operation_id}")).to_have_count(1)
    expect(page.locator("li#caseload_list")).to_contain_text("GET /api/v1/caseload")
    assert page.get_by_role("link", name="OpenAPI").get_attribute("href") == "/openapi.json"
    assert_accessible(axe, page)
    assert violations == []
    assert foreign == []
