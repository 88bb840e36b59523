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
    rows = connection.execute(
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
    """Store judged events in one statement; returns each event UUID's global position."""
    if not batch:
        return {}
    received_at = datetime.now(UTC)
    rows = [
        {
            "event_id": item.event_id,
            "aggregate_id": item.event.originator_id,
            "aggregate_type": type(item.event).TOPIC.rsplit(".", 1)[0],  # type: ignore[attr-defined]
            "version": item.event.originator_version,
            "topic": type(item.event).TOPIC,  # type: ignore[attr-defined]
            "schema_version": getattr(type(item.event), "class_version", 1),
            "recorded_by": item.event.recorded_by,
            "device_id": item.device_id,
            "recorded_at": item.event.timestamp.astimezone(UTC),
            "received_at": received_at,
            "state": item.state,
        }
        for item in batch
    ]
    result = connection.execute(
        events.insert().returning(
            events.c.event_id, events.c.position, sort_by_parameter_order=True
        ),
        rows,
    )
    return {row.event_id: int(row.position) for row in result}


def append(connection: Connection, event: DariEvent, *, event_id: UUID, device_id: str) -> int:
    """Store one event made on the server (e.g. a conflict resolution)."""
    return append_all(connection, [new_event(event, event_id=event_id, device_id=device_id)])[
        event_id
    ]


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
    return Scope(
        aggregate_type=aggregate_type,
        region=getattr(aggregate, "region", None),
        institute=getattr(aggregate, "institute", None),
    )
