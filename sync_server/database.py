"""The SQLAlchemy engine: PostgreSQL by URL, or the embedded SQLite file."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine


def sqlalchemy_url(url: str) -> str:
    """A plain ``postgresql://`` URL names no driver; ours is psycopg 3."""
    if url.startswith("postgresql://"):
        return url.replace("postgresql://", "postgresql+psycopg://", 1)
    return url


def as_utc(moment: datetime) -> datetime:
    """SQLite gives stored times back without a zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def create_database_engine(url: str, *, application_name: str = "dari-server") -> Engine:
    """The engine for the central database. On PostgreSQL each connection says who it
    is (``pg_stat_activity.application_name``): the server, its projector, a command."""
    url = sqlalchemy_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _begin_immediately)
        return engine
    return sa.create_engine(
        url,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        connect_args={"application_name": application_name},
    )


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # SQLAlchemy's recipe: let us issue BEGIN ourselves (see _begin_immediately).
    connection.isolation_level = None
    cursor = connection.cursor()
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """WAL is kept in the file, so only a new file needs switching. The switch needs an
    exclusive lock that the busy timeout does not wait for: two first connections to a
    new file (the projector thread and a request) could see "database is locked"."""
    for attempt in range(50):
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == 49:
                raise
            time.sleep(0.02)


def _begin_immediately(connection: Any) -> None:
    """Take SQLite's write lock at BEGIN: two pushes never both read and then both try
    to write (which SQLite answers with "database is locked"); they queue instead."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")
