"""Fixtures shared by every test: Qt without a display, and a throwaway PostgreSQL database.

PostgreSQL tests run against a fresh database made for this test run on
127.0.0.1:5432 as ``postgres`` (override with ``DARI_TEST_PG_HOST``, ``DARI_TEST_PG_PORT``,
``DARI_TEST_PG_USER``, ``DARI_TEST_PG_PASSWORD``). When the server cannot be reached they
skip with the reason printed, except under ``CI=true``, where they fail: CI must never
pass by skipping them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import TupleRow

# Before any QApplication exists: Qt reads it once, when the first one is made.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

POSTGRES_FIXTURES = frozenset(
    {"postgres_dsn_parts", "postgres_url", "postgres_sqlalchemy_url", "postgres_env"}
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _server_settings() -> dict[str, str]:
    return {
        "host": os.environ.get("DARI_TEST_PG_HOST", "127.0.0.1"),
        "port": os.environ.get("DARI_TEST_PG_PORT", "5432"),
        "user": os.environ.get("DARI_TEST_PG_USER", "postgres"),
        "password": os.environ.get("DARI_TEST_PG_PASSWORD", ""),
    }


def _connect(parts: dict[str, str], dbname: str) -> psycopg.Connection[TupleRow]:
    return psycopg.connect(
        host=parts["host"],
        port=parts["port"],
        user=parts["user"],
        password=parts["password"],
        dbname=dbname,
        autocommit=True,
        connect_timeout=5,
    )


def _connect_to_server_or_give_up(parts: dict[str, str]) -> psycopg.Connection[TupleRow]:
    try:
        return _connect(parts, "postgres")
    except psycopg.OperationalError as error:
        detail = " ".join(str(error).split())
    # Outside the except block, so the report shows one clear reason, not a chained trace.
    reason = f"PostgreSQL not reachable at {parts['host']}:{parts['port']}: {detail}"
    if _in_ci():
        pytest.fail(
            f"{reason}\nCI=true: PostgreSQL tests must run, never skip. Start the server "
            "or point DARI_TEST_PG_HOST / DARI_TEST_PG_PORT / DARI_TEST_PG_USER at one.",
            pytrace=False,
        )
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_dsn_parts() -> Iterator[dict[str, str]]:
    """host, port, user, password and dbname of a database made fresh for this test run.

    It is dropped at the end of the session, even if a test left connections open.
    """
    parts = _server_settings()
    dbname = f"dari_test_{os.getpid()}_{secrets.token_hex(4)}"
    with _connect_to_server_or_give_up(parts) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    try:
        yield {**parts, "dbname": dbname}
    finally:
        with _connect(parts, "postgres") as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
            )


@pytest.fixture(scope="session")
def postgres_url(postgres_dsn_parts: dict[str, str]) -> str:
    """libpq URL of the session database (for psycopg.connect)."""
    p = postgres_dsn_parts
    credentials = quote(p["user"], safe="")
    if p["password"]:
        credentials += ":" + quote(p["password"], safe="")
    return f"postgresql://{credentials}@{p['host']}:{p['port']}/{p['dbname']}"


@pytest.fixture(scope="session")
def postgres_sqlalchemy_url(postgres_url: str) -> str:
    """The same URL for SQLAlchemy and Alembic, which need the driver (psycopg 3) named."""
    return postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def postgres_env(postgres_dsn_parts: dict[str, str]) -> Iterator[dict[str, str]]:
    """eventsourcing settings for the session database, whose ``public`` schema is emptied
    first, so each test starts with no tables, types or functions."""
    with _connect(postgres_dsn_parts, postgres_dsn_parts["dbname"]) as connection:
        # A connection a previous test left idle in a transaction would block the drop forever.
        connection.execute("SET lock_timeout = '10s'")
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")
    yield {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": postgres_dsn_parts["dbname"],
        "POSTGRES_HOST": postgres_dsn_parts["host"],
        "POSTGRES_PORT": postgres_dsn_parts["port"],
        "POSTGRES_USER": postgres_dsn_parts["user"],
        "POSTGRES_PASSWORD": postgres_dsn_parts["password"],
    }


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses a PostgreSQL fixture is a ``postgres`` test, marked or not,
    so ``-m postgres`` and ``-m "not postgres"`` select it correctly."""
    for item in items:
        if POSTGRES_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


def pytest_report_header() -> str:
    parts = _server_settings()
    when_unreachable = "fail (CI=true)" if _in_ci() else "skip"
    return (
        f"postgres tests: {parts['user']}@{parts['host']}:{parts['port']}, "
        f"unreachable -> {when_unreachable}"
    )


@pytest.fixture(autouse=True)
def _qt_widgets_deleted_after_each_test() -> Iterator[None]:
    """pytest-qt closes the widgets a test added and asks Qt to delete them later; Qt
    does that only in an event loop. Deleting them here, while the application exists,
    keeps them (charts above all) from being torn down after it at exit, a crash."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
