"""Fixtures of the projection tests: the people who ask for reports."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from projection_scenario import PASSWORD, login
from sqlalchemy.engine import Engine

from sync_server.auth.users import add_user


@pytest.fixture
def people(server_engine: Engine) -> None:
    """A central staff member, a Daejeon counselor and a KIMM liaison."""
    with server_engine.begin() as connection:
        add_user(connection, "central.lee", "이통합", "central", PASSWORD)
        add_user(connection, "counselor.kim", "김상담", "counselor", PASSWORD, region="daejeon")
        add_user(connection, "liaison.kimm", "박담당", "liaison", PASSWORD, institute="KIMM")


@pytest.fixture
def central(client: TestClient, people: None) -> dict[str, str]:
    """The authorization header of the central staff member."""
    return login(client, "central.lee")
