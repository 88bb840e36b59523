"""The sync endpoints over HTTP: every bad input is a 4xx problem response, nothing is
stored, and the server keeps serving."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from test_ingest_and_pull import a_case, a_company, envelopes

from domain.access import Actor, Role
from sync_protocol import MAX_BATCH_EVENTS, PROTOCOL_VERSION
from sync_server.auth.session import Session
from sync_server.auth.users import add_user
from sync_server.tables import events

MakeClient = Callable[..., TestClient]
PASSWORD = "correct horse battery"
PROTOCOL = {"Dari-Protocol": str(PROTOCOL_VERSION)}


@pytest.fixture
def people(server_engine: Engine) -> None:
    with server_engine.begin() as connection:
        add_user(connection, "counselor.kim", "김상담", "counselor", PASSWORD, region="daejeon")
        add_user(connection, "central.lee", "이통합", "central", PASSWORD)


def login(client: TestClient, username: str, device: str) -> dict[str, str]:
    response = client.post(
        "/auth/login", json={"username": username, "password": PASSWORD, "device_id": device}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}", **PROTOCOL}


KIM = Session(Actor("counselor.kim", Role.COUNSELOR, region="daejeon"), "kim-laptop")


def company_batch() -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in envelopes(a_company(KIM))]


def stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())


def assert_problem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["detail"]
    if code:
        assert body["code"] == code
    return body


@pytest.mark.usefixtures("people")
def test_a_pushed_batch_comes_back_in_a_pull(client: TestClient) -> None:
    headers = login(client, "counselor.kim", "kim-laptop")
    pushed = client.post("/sync/push", json={"events": company_batch()}, headers=headers)
    page = client.get("/sync/pull", params={"cursor": 0}, headers=headers)

    assert pushed.status_code == 200
    assert pushed.json()["results"][0]["status"] == "accepted"
    assert [e["envelope"]["topic"] for e in page.json()["events"]] == ["dari.Company.Registered"]


@pytest.mark.usefixtures("people")
def test_a_client_without_the_protocol_header_is_told_to_update(client: TestClient) -> None:
    headers = login(client, "counselor.kim", "kim-laptop")
    del headers["Dari-Protocol"]

    body = assert_problem(client.get("/sync/pull", headers=headers), 426, "protocol_too_old")
    assert "업데이트" in body["detail"]


@pytest.mark.usefixtures("people")
def test_malformed_json_is_a_problem_and_the_server_keeps_serving(
    client: TestClient, server_engine: Engine
) -> None:
    headers = login(client, "counselor.kim", "kim-laptop")
    response = client.post(
        "/sync/push",
        content=b'{"events": [ {"event_id": ',
        headers={**headers, "Content-Type": "application/json"},
    )

    assert_problem(response, 422, "invalid_request")
    assert stored(server_engine) == 0
    assert client.get("/health").json() == {"status": "ok"}


@pytest.mark.usefixtures("people")
def test_an_oversized_batch_is_refused_whole(client: TestClient, server_engine: Engine) -> None:
    headers = login(client, "counselor.kim", "kim-laptop")
    one = company_batch()[0]
    oversized = [
        dict(one, event_id=f"00000000-0000-4000-8000-{n:012d}") for n in range(MAX_BATCH_EVENTS + 1)
    ]

    assert_problem(client.post("/sync/push", json={"events": oversized}, headers=headers), 422)
    assert stored(server_engine) == 0


@pytest.mark.usefixtures("people")
def test_a_batch_signed_as_another_device_is_forbidden(
    client: TestClient, server_engine: Engine
) -> None:
    headers = login(client, "counselor.kim", "another-laptop")

    response = client.post("/sync/push", json={"events": company_batch()}, headers=headers)

    assert_problem(response, 403, "forged_sender")
    assert stored(server_engine) == 0


@pytest.mark.usefixtures("people")
def test_an_unknown_event_type_is_a_problem(client: TestClient, server_engine: Engine) -> None:
    headers = login(client, "counselor.kim", "kim-laptop")
    batch = company_batch()
    batch[0]["topic"] = "dari.Company.Vanished"

    assert_problem(
        client.post("/sync/push", json={"events": batch}, headers=headers),
        422,
        "unknown_event_type",
    )
    assert stored(server_engine) == 0


@pytest.mark.usefixtures("people")
def test_an_expired_token_is_a_401_with_its_own_code(
    make_client: MakeClient, server_engine: Engine
) -> None:
    client = make_client(access_token_seconds=-1)
    headers = login(client, "counselor.kim", "kim-laptop")

    response = client.post("/sync/push", json={"events": company_batch()}, headers=headers)

    assert_problem(response, 401, "token_expired")
    assert stored(server_engine) == 0


def test_sync_needs_a_login(client: TestClient) -> None:
    assert_problem(client.get("/sync/pull", headers=PROTOCOL), 401, "not_authenticated")


@pytest.mark.usefixtures("people")
def test_a_waiting_client_hears_about_a_push_at_once(client: TestClient) -> None:
    kim = login(client, "counselor.kim", "kim-laptop")
    lee = login(client, "central.lee", "lee-desk")
    heard: dict[str, Any] = {}

    def wait() -> None:
        started = time.perf_counter()
        answer = client.get("/sync/wait", params={"cursor": 0, "timeout": 20}, headers=lee)
        heard["seconds"] = time.perf_counter() - started
        heard["answer"] = answer.json()

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.3)
    client.post("/sync/push", json={"events": company_batch()}, headers=kim)
    waiter.join(timeout=20)

    assert heard["answer"]["high_water_mark"] >= 1
    assert heard["seconds"] < 19  # woken by the push, not by the timeout


@pytest.mark.usefixtures("people")
def test_wait_returns_at_its_timeout_when_nothing_happens(client: TestClient) -> None:
    lee = login(client, "central.lee", "lee-desk")

    answer = client.get("/sync/wait", params={"cursor": 0, "timeout": 0.2}, headers=lee)

    assert answer.json() == {"high_water_mark": 0}


@pytest.mark.usefixtures("people")
def test_conflicts_are_served_over_http(client: TestClient) -> None:
    kim = login(client, "counselor.kim", "kim-laptop")
    lee = login(client, "central.lee", "lee-desk")
    company = a_company(KIM)
    case = a_case(company.id, KIM)
    batch = [e.model_dump(mode="json") for e in envelopes(company) + envelopes(case)]
    client.post("/sync/push", json={"events": batch}, headers=kim)

    assert client.get("/conflicts", headers=lee).json() == []
    assert_problem(client.get(f"/conflicts/{case.id}", headers=lee), 404, "conflict_not_found")
