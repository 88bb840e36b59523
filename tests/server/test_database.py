"""The embedded SQLite database: a first connection while another one is writing."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from sync_server.database import create_database_engine


def test_a_connection_made_while_another_writes_to_a_new_file_waits_and_uses_wal(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE t (x)")
    releaser = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    releaser.start()
    engine = create_database_engine(f"sqlite:///{path}")
    try:
        started = time.monotonic()
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        waited = time.monotonic() - started
    finally:
        releaser.join()
        holder.close()
        engine.dispose()

    assert mode == "wal"
    assert waited >= 0.1  # it waited for the writer instead of failing


def test_on_postgresql_the_servers_connections_say_who_they_are(
    postgres_sqlalchemy_url: str,
) -> None:
    """``pg_stat_activity`` tells the server's own connections from its projector's."""
    named = {}
    for name in ("dari-server", "dari-projector"):
        engine = create_database_engine(postgres_sqlalchemy_url, application_name=name)
        with engine.connect() as connection:
            named[name] = connection.exec_driver_sql(
                "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"
            ).scalar_one()
        engine.dispose()
    default = create_database_engine(postgres_sqlalchemy_url)
    with default.connect() as connection:
        unnamed = connection.exec_driver_sql("SHOW application_name").scalar_one()
    default.dispose()

    assert named == {"dari-server": "dari-server", "dari-projector": "dari-projector"}
    assert unnamed == "dari-server"
