"""On PostgreSQL a batch's lookups stay index probes while a fresh center's history
outgrows the planner's statistics (a bulk first sync runs ahead of ANALYZE). A plan
that hashes the whole ``events`` table instead cost 27 ms a batch at 100,000 events."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sync_server.central_history import _EVENTS_OF_POSTGRESQL, uuid_array
from sync_server.database import create_database_engine
from sync_server.ingest import _KNOWN_POSTGRESQL
from sync_server.migrate import upgrade

pytestmark = pytest.mark.postgres


@pytest.fixture
def unanalysed_history(
    postgres_env: dict[str, str], postgres_sqlalchemy_url: str
) -> Iterator[Engine]:
    """30,000 events written in one go, never analysed."""
    upgrade(postgres_sqlalchemy_url)
    engine = create_database_engine(postgres_sqlalchemy_url)
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE events SET (autovacuum_enabled = false)"))
        connection.execute(
            sa.text(
                "INSERT INTO events (event_id, aggregate_id, aggregate_type, version, topic,"
                " schema_version, recorded_by, device_id, recorded_at, received_at, state)"
                " SELECT gen_random_uuid(), gen_random_uuid(), 'dari.Case', 1,"
                " 'dari.Case.Received', 1, 'counselor.kim', 'kim-pc', now(), now(), '\\x7b7d'"
                " FROM generate_series(1, 30000)"
            )
        )
    yield engine
    engine.dispose()


def plan(engine: Engine, statement: sa.TextClause, ids: list[object]) -> str:
    with engine.connect() as connection:
        lines = connection.execute(
            sa.text("EXPLAIN " + statement.text),
            {"ids": uuid_array(ids)},  # type: ignore[arg-type]
        ).scalars()
        return "\n".join(lines)


def test_the_replay_lookup_probes_the_event_id_index_once_per_pushed_event(
    unanalysed_history: Engine,
) -> None:
    shown = plan(unanalysed_history, _KNOWN_POSTGRESQL, [uuid4() for _ in range(1000)])

    assert "Seq Scan on events" not in shown
    assert "events_event_id_key" in shown


def test_loading_a_batch_s_aggregates_probes_the_aggregate_index_once_per_aggregate(
    unanalysed_history: Engine,
) -> None:
    shown = plan(unanalysed_history, _EVENTS_OF_POSTGRESQL, [uuid4() for _ in range(100)])

    assert "Seq Scan on events" not in shown
    assert "events_aggregate_version_key" in shown
