"""The central history: reading aggregates back from the ``events`` table and
appending judged events to it. Every event is decoded with the shared wire codec, so
old schema versions are upcast on the way in.

Writes are made in bulk (one statement for a batch's events, one for its scopes): the
per-event round trips, not the judging, are what an ingest spends its time on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from domain.access import Scope
from domain.aggregate import DariAggregate, DariEvent
from domain.wire import from_stored, state_bytes, to_wire
from sync_server.tables import aggregate_scopes, events


@dataclass
class LoadedAggregate:
    """An aggregate as the canonical history has it (plus this batch's accepted events)."""

    aggregate: DariAggregate | None
    event_ids: list[UUID] = field(default_factory=list)
    """The event UUID of each version, in order."""
    events: list[DariEvent] = field(default_factory=list)

    @property
    def version(self) -> int:
        return self.aggregate.version if self.aggregate else 0

    def unseen_by(self, base_version: int) -> list[DariEvent]:
        """Events after ``base_version``: those an author at that version had not seen."""
        return self.events[base_version:]


def load_aggregates(
    connection: Connection, aggregate_ids: Iterable[UUID]
) -> dict[UUID, LoadedAggregate]:
    """Every given aggregate folded from its canonical events, in one query."""
    wanted = set(aggregate_ids)
    loaded = {aggregate_id: LoadedAggregate(None) for aggregate_id in wanted}
    if not wanted:
        return loaded
    rows = connection.execute(_events_of_query(connection, wanted))
    states: dict[UUID, Any] = defaultdict(lambda: None)
    for row in rows:
        event = from_stored(row.aggregate_id, row.version, row.topic, row.state)
        states[row.aggregate_id] = event.mutate(states[row.aggregate_id])
        loaded[row.aggregate_id].event_ids.append(row.event_id)
        loaded[row.aggregate_id].events.append(event)
    for aggregate_id, aggregate in states.items():
        aggregate.collect_events()
        loaded[aggregate_id].aggregate = aggregate
    return loaded


_EVENTS_OF_POSTGRESQL = sa.text(
    "SELECT e.aggregate_id, e.event_id, e.version, e.topic, e.state"
    " FROM unnest(CAST(:ids AS uuid[])) AS wanted(id)"
    " CROSS JOIN LATERAL (SELECT aggregate_id, event_id, version, topic, state FROM events"
    " WHERE events.aggregate_id = wanted.id ORDER BY version) AS e"
)
"""One index probe per wanted aggregate. The plain ``IN (...)`` form lets PostgreSQL
fall back to a sequential scan while the table grows faster than it is analysed (a
fresh center's first bulk sync): 65 ms a batch at 100,000 events instead of ~2 ms."""


def _events_of_query(connection: Connection, wanted: set[UUID]) -> sa.Executable:
    """The canonical events of the wanted aggregates, each aggregate's in version order."""
    if connection.dialect.name == "postgresql":
        return _EVENTS_OF_POSTGRESQL.bindparams(ids=uuid_array(wanted))
    return (
        sa.select(
            events.c.aggregate_id,
            events.c.event_id,
            events.c.version,
            events.c.topic,
            events.c.state,
        )
        .where(events.c.aggregate_id.in_(wanted))
        .order_by(events.c.aggregate_id, events.c.version)
    )


def uuid_array(ids: Iterable[UUID]) -> str:
    """UUIDs as one PostgreSQL array literal, for ``CAST(:ids AS uuid[])``: psycopg
    dumps a list parameter element by element in Python, a third of a millisecond per
    hundred ids; the literal is one string."""
    return "{" + ",".join(map(str, ids)) + "}"


def load_aggregate(connection: Connection, aggregate_id: UUID) -> LoadedAggregate:
    return load_aggregates(connection, [aggregate_id])[aggregate_id]


def canonical_events(
    connection: Connection, aggregate_id: UUID, after_version: int
) -> Sequence[Any]:
    return connection.execute(
        sa.select(events)
        .where(events.c.aggregate_id == aggregate_id, events.c.version > after_version)
        .order_by(events.c.version)
    ).all()


@dataclass(frozen=True)
class NewEvent:
    """A judged event waiting to be written: the payload bytes are the ones it was pushed
    with unless it had to be upcast (re-sequencing does not touch the payload)."""

    event: DariEvent
    event_id: UUID
    device_id: str
    state: bytes


def new_event(
    event: DariEvent, *, event_id: UUID, device_id: str, state: bytes | None = None
) -> NewEvent:
    return NewEvent(event, event_id, device_id, state or state_bytes(to_wire(event).payload))


def append_all(connection: Connection, batch: Sequence[NewEvent]) -> dict[UUID, int]:
    """Store judged events; returns each event UUID's global position.

    Positions are reserved from the sequence first (the caller holds the history lock, so
    they are in commit order), then the rows go in with one bulk write."""
    if not batch:
        return {}
    positions = _reserve_positions(connection, len(batch))
    received_at = datetime.now(UTC)
    rows = [
        (
            position,
            item.event_id,
            item.event.originator_id,
            _TOPIC(item.event).rsplit(".", 1)[0],
            item.event.originator_version,
            _TOPIC(item.event),
            getattr(type(item.event), "class_version", 1),
            item.event.recorded_by,
            item.device_id,
            item.event.timestamp.astimezone(UTC),
            received_at,
            item.state,
        )
        for position, item in zip(positions, batch, strict=True)
    ]
    insert_rows(connection, events, rows)
    return {item.event_id: position for position, item in zip(positions, batch, strict=True)}


def _TOPIC(event: DariEvent) -> str:
    topic: str = type(event).TOPIC  # type: ignore[attr-defined]
    return topic


def _reserve_positions(connection: Connection, count: int) -> list[int]:
    if connection.dialect.name == "postgresql":
        # One block from the sequence: every writer holds the history lock, so no other
        # nextval() runs between these two calls.
        last = connection.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('events', 'position'),"
                " nextval(pg_get_serial_sequence('events', 'position')) + :more)"
            ),
            {"more": count - 1},
        ).scalar_one()
        first = int(last) - count + 1
        return list(range(first, first + count))
    # SQLite: the write lock is held since BEGIN IMMEDIATE, so max+1.. is ours.
    start = head(connection) + 1
    return list(range(start, start + count))


def insert_rows(connection: Connection, table: sa.Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Bulk insert whole rows (in the table's column order) inside the open transaction:
    COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    columns = [column.name for column in table.columns]
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        type_oids = _column_type_oids(raw, table.name, columns)
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types(type_oids)
            for row in rows:
                copy.write_row(row)
        return
    connection.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


_TYPE_OIDS: dict[tuple[str, tuple[str, ...]], list[int]] = {}


def _column_type_oids(raw: Any, table: str, columns: list[str]) -> list[int]:
    """The PostgreSQL type of each column, for a binary COPY: a third of the text
    format's cost, which spells every payload out as escaped hex. Built-in types keep
    their OIDs in every database, so one lookup per table serves the process."""
    key = (table, tuple(columns))
    if key not in _TYPE_OIDS:
        found = dict(
            raw.execute(
                "SELECT attname, atttypid::int FROM pg_attribute"
                " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                (table,),
            ).fetchall()
        )
        _TYPE_OIDS[key] = [found[column] for column in columns]
    return _TYPE_OIDS[key]


def append(connection: Connection, event: DariEvent, *, event_id: UUID, device_id: str) -> int:
    """Store one event made on the server (e.g. a conflict resolution)."""
    return append_all(connection, [new_event(event, event_id=event_id, device_id=device_id)])[
        event_id
    ]


def add_scopes(connection: Connection, scopes: dict[UUID, Scope]) -> None:
    """Where each new aggregate belongs, in one bulk write (no row exists for them: a
    scope is written with an aggregate's first stored event)."""
    insert_rows(
        connection,
        aggregate_scopes,
        [
            (aggregate_id, scope.aggregate_type, scope.region, scope.institute)
            for aggregate_id, scope in scopes.items()
        ],
    )


def save_scopes(connection: Connection, scopes: dict[UUID, Scope]) -> None:
    """Insert or update where each aggregate belongs, in one statement."""
    if not scopes:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(aggregate_scopes)
    statement = statement.on_conflict_do_update(
        index_elements=[aggregate_scopes.c.aggregate_id],
        set_={"region": statement.excluded.region, "institute": statement.excluded.institute},
    )
    connection.execute(
        statement,
        [
            {
                "aggregate_id": aggregate_id,
                "aggregate_type": scope.aggregate_type,
                "region": scope.region,
                "institute": scope.institute,
            }
            for aggregate_id, scope in scopes.items()
        ],
    )


def head(connection: Connection) -> int:
    return int(
        connection.execute(
            sa.select(sa.func.coalesce(sa.func.max(events.c.position), 0))
        ).scalar_one()
    )


def scope_of(aggregate: Any, aggregate_type: str) -> Scope:
    """Where an aggregate belongs: its region and its currently assigned institute."""
    region, institute = placement(aggregate)
    return Scope(aggregate_type=aggregate_type, region=region, institute=institute)


def placement(aggregate: Any) -> tuple[str | None, str | None]:
    """An aggregate's region and currently assigned institute (``None`` where it has
    none)."""
    return getattr(aggregate, "region", None), getattr(aggregate, "institute", None)
