"""Every store test runs on plain SQLite, encrypted SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.local.store import new_store_key, open_store, sqlite_settings
from domain.application import DariApplication

BACKENDS = ["sqlite", "sqlite_encrypted", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return sqlite_settings(tmp_path / "local.sqlite")
    if request.param == "sqlite_encrypted":
        return sqlite_settings(tmp_path / "local.sqlite", cipher_key=new_store_key())
    env: dict[str, str] = request.getfixturevalue("postgres_env")
    return dict(env)


@pytest.fixture
def store(store_settings: dict[str, str]) -> Iterator[DariApplication]:
    app = open_store(store_settings)
    yield app
    app.close()
