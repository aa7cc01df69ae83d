"""A client generated from `/openapi.json` by openapi-python-client works against a real server,
with function names taken from the operation ids (issue 12): the schema is a contract a
municipality's developer can build on."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture(scope="module")
def client_package(live_server, tmp_path_factory):
    """Generated once per run from the live server's schema, imported from a tmp folder."""
    folder = tmp_path_factory.mktemp("generated")
    schema = folder / "openapi.json"
    schema.write_bytes(httpx.get(f"{live_server.url}/openapi.json").content)
    config = folder / "config.yaml"
    config.write_text("post_hooks: []\n")  # no ruff formatting pass: not needed to import it
    result = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(schema), "--meta", "none",
         "--config", str(config), "--output-path", str(folder / "stapwijzer_client")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout, result.stdout  # every operation was generated
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("stapwijzer_client")
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n.startswith("stapwijzer_client")]:
            del sys.modules[name]


def test_generated_functions_carry_the_operation_ids(client_package):
    api = Path(client_package.__file__).parent / "api"
    names = {path.stem for path in api.glob("*/*.py") if path.stem != "__init__"}
    assert {"auth_redeem", "auth_login", "caseload_list", "messages_list",
            "candidates_read", "journeys_update_step"} <= names
    assert not [name for name in names if name.startswith("api_") or "_api_v1_" in name]


def test_a_consultant_journey_with_the_generated_client(client_package, live_server):
    from stapwijzer_client import AuthenticatedClient, Client
    from stapwijzer_client.api.auth import auth_redeem, me_read
    from stapwijzer_client.api.candidates import candidates_read
    from stapwijzer_client.api.caseload import caseload_list
    from stapwijzer_client.api.messages import messages_list
    from stapwijzer_client.models import InviteRedeem, Problem, TokenResponse

    link = live_server.demo_links()["consultant"]
    with Client(base_url=live_server.url) as anonymous:
        tokens = auth_redeem.sync(client=anonymous, body=InviteRedeem(
            token=link.rsplit("/", 1)[1], device_label="generated client"))
    assert isinstance(tokens, TokenResponse), tokens

    with AuthenticatedClient(base_url=live_server.url, token=tokens.access_token,
                             headers={"Accept-Language": "en"}) as floor:
        assert me_read.sync(client=floor).display_name == "Floor de Vries"
        caseload = caseload_list.sync(client=floor)
        guy = next(row for row in caseload.items if row.display_name == "Guy Visser")
        messages = messages_list.sync(guy.candidate_id, client=floor)
        assert messages and all(message.body for message in messages)
        problem = candidates_read.sync(2_000_000_000, client=floor)
    assert isinstance(problem, Problem)
    assert (problem.status, problem.code) == (404, "not_found")
    assert problem.title == "We could not find this."
