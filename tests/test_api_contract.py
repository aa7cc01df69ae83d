"""The API keeps the contract its OpenAPI schema states: clean operation ids with one tag each,
If-Match declared where it is required, 405 with the path's exact Allow list, and documented
answers only (issue 12)."""

from __future__ import annotations

import re

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.concurrency import if_match_version

METHODS = ("get", "post", "put", "patch", "delete")
UNDECLARED = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.fixture(scope="module")
def schema(app) -> dict:
    return app.openapi()


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_every_operation_has_a_clean_unique_id_and_one_tag(schema):
    ids = [operation["operationId"] for _, _, operation in operations(schema)]
    assert len(ids) > 90
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    for path, method, operation in operations(schema):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", operation["operationId"]), (method, path)
        assert len(operation.get("tags", [])) == 1, (method, path, operation.get("tags"))
    by_id = {op["operationId"]: (m, p) for p, m, op in operations(schema)}
    # Stable names a generated client is written against.
    assert by_id["auth_login"] == ("post", "/api/v1/auth/login")
    assert by_id["caseload_list"] == ("get", "/api/v1/caseload")
    assert by_id["messages_list"] == ("get", "/api/v1/candidates/{candidate_id}/messages")


def _uses(dependant: Dependant, call) -> bool:
    return dependant.call is call or any(_uses(d, call) for d in dependant.dependencies)


def test_if_match_is_a_required_header_on_every_operation_that_checks_it(app, schema):
    checked = set()
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute) and \
                _uses(route.original_route.dependant, if_match_version):
            checked |= {(route.path_format, method.lower()) for method in route.methods}
    assert len(checked) >= 16  # one per check_version in the services
    declared = set()
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "header" and parameter["name"].lower() == "if-match":
                assert parameter["required"] is True, (method, path)
                assert parameter["schema"]["pattern"]
                declared.add((path, method))
        if (path, method) in checked:
            assert {"412", "428"} <= set(operation["responses"]), (method, path)
    assert declared == checked


def test_a_write_without_if_match_is_428_and_a_malformed_one_too(login_as, personas):
    floor = login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/money/inputs"
    body = {"household": "single", "benefit": "bijstand", "planned_hours": "16"}
    missing = floor.put(url, json=body)
    assert missing.status_code == 428
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["code"] == "precondition_required"
    assert floor.put(url, json=body, headers={"If-Match": "yesterday"}).status_code == 428


def _path_regex(path: str, operation: dict) -> re.Pattern:
    """A path template as the router matches it: integer ids are digits only (`{id:int}`), so
    /route-templates/shipped is not /route-templates/{template_id}."""
    types = {p["name"]: p["schema"].get("type") for p in operation.get("parameters", [])
             if p["in"] == "path"}
    return re.compile("^" + re.sub(
        r"\{([^}]+)\}", lambda m: "[0-9]+" if types.get(m[1]) == "integer" else "[^/]+",
        path) + "$")


def test_every_undeclared_method_is_405_with_the_paths_exact_allow_list(schema, login_as,
                                                                         personas):
    floor = login_as(personas.consultant)
    templates = [(_path_regex(p, op), m.upper()) for p, m, op in operations(schema)]
    checked = 0
    for path in schema["paths"]:
        url = re.sub(r"\{[^}]+\}", "1", path)
        # A path that two templates serve (none today) answers with the methods of both.
        declared = {m for regex, m in templates if regex.match(url)}
        for method in sorted(set(UNDECLARED) - declared):
            response = floor.request(method, url)
            assert response.status_code == 405, (method, path, response.status_code)
            assert set(response.headers["Allow"].split(", ")) == declared, (method, path)
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "method_not_allowed"
            checked += 1
    assert checked > 150


def test_an_undeclared_write_from_a_browser_session_is_405_not_a_csrf_refusal(browser_as,
                                                                             personas):
    """The cookie session's CSRF check used to answer 403 before routing said 405."""
    floor = browser_as(personas.consultant)
    for method in ("PUT", "PATCH", "DELETE"):
        response = floor.request(method, "/api/v1/caseload")
        assert response.status_code == 405, method
        assert response.headers["Allow"] == "GET"


def test_a_page_path_answers_405_with_all_its_methods(client):
    response = client.request("PATCH", "/login")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "POST"}


def test_route_table_has_no_duplicate_path_and_method(app):
    """Two routes for one path and method would make the Allow list (and routing) ambiguous."""
    seen = set()
    for route in iter_route_contexts(app.routes):
        for method in route.methods or ():
            key = (route.path, method)
            assert key not in seen, key
            seen.add(key)


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_the_schema_promises_nothing_the_app_refuses(schema):
    """Fuzzer findings: "a number or any string" for amounts (the app takes numeric strings
    only), `format: time` for wall-clock times (JSON Schema's time needs an offset the app
    never gives), any text for a message's pictogram."""
    for node in _nodes(schema):
        options = node.get("anyOf", [])
        if any(isinstance(o, dict) and o.get("type") == "number" for o in options):
            assert {"type": "string"} not in options, node
        assert node.get("format") != "time", node
    pictogram = schema["components"]["schemas"]["UpdateCreate"]["properties"]["pictogram"]
    assert "plan" in pictogram["enum"] and None in pictogram["enum"]


def test_notification_preferences_answer_with_wall_clock_times(login_as, personas):
    floor = login_as(personas.consultant)
    saved = floor.put("/api/v1/me/notification-preferences", headers={"If-Match": 'W/"0"'},
                      json={"email_enabled": True, "push_enabled": False,
                            "remind_day_before": True, "quiet_from": "22:00",
                            "quiet_until": "07:00"})
    assert saved.status_code == 200, saved.text
    assert (saved.json()["quiet_from"], saved.json()["quiet_until"]) == ("22:00:00", "07:00:00")
    with_zone = floor.put("/api/v1/me/notification-preferences", headers={"If-Match": 'W/"1"'},
                          json={"email_enabled": True, "push_enabled": False,
                                "remind_day_before": True, "quiet_from": "22:00:00Z",
                                "quiet_until": "07:00"})
    assert with_zone.status_code == 422


def test_read_aloud_takes_a_boolean_only(login_as, personas):
    guy = login_as(personas.candidate)
    version = guy.get("/api/v1/me/preferences").headers["ETag"]
    refused = guy.patch("/api/v1/me/preferences", json={"read_aloud": 0},
                        headers={"If-Match": version})
    assert refused.status_code == 422


def test_a_contact_moment_time_is_an_iso_string_not_a_number(login_as, personas):
    floor = login_as(personas.consultant)
    url = f"/api/v1/candidates/{personas.candidate}/case-notes"
    note = {"kind": "note", "body": "Gebeld", "happened_at": "2026-01-05T10:00:00+01:00"}
    assert floor.post(url, json={**note, "happened_at": 0}).status_code == 422
    assert floor.post(url, json=note).status_code == 201
