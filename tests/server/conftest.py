"""Fixtures of the server tests: a migrated database on SQLite and on PostgreSQL, the
app's settings, and a ``TestClient`` on the app over that database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sync_server.app import create_app
from sync_server.database import create_database_engine
from sync_server.migrate import upgrade
from sync_server.settings import Settings

TEST_SECRET_KEY = "test-secret"

MakeClient = Callable[..., TestClient]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A SQLAlchemy URL of a database migrated to the newest schema, empty of rows:
    an SQLite file in ``tmp_path``, or the test run's PostgreSQL database with its
    ``public`` schema emptied first."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    else:
        request.getfixturevalue("postgres_env")  # empties the public schema
        url = str(request.getfixturevalue("postgres_sqlalchemy_url"))
    upgrade(url)
    return url


@pytest.fixture
def server_engine(server_database_url: str) -> Iterator[Engine]:
    """An engine on ``server_database_url`` for arranging and checking rows directly."""
    engine = create_database_engine(server_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def server_settings(server_database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=server_database_url, secret_key=TEST_SECRET_KEY, data_dir=tmp_path)


@pytest.fixture
def make_client(server_settings: Settings) -> Iterator[MakeClient]:
    """``make_client(**setting_overrides)``: a ``TestClient`` on a fresh app over the same
    database, e.g. ``make_client(access_token_seconds=-1)``. Closed at teardown."""
    opened: list[tuple[TestClient, FastAPI]] = []

    def make(**overrides: Any) -> TestClient:
        app = create_app(server_settings.model_copy(update=overrides))
        client = TestClient(app)
        client.__enter__()  # runs the app's startup, as a real server would
        opened.append((client, app))
        return client

    yield make
    for client, app in opened:
        client.__exit__(None, None, None)
        app.state.engine.dispose()


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A ``TestClient`` on ``create_app`` with ``server_settings``."""
    return make_client()
