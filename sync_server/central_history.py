"""The central history: reading aggregates back from the ``events`` table and
appending judged events to it. Every event is decoded with the shared wire codec, so
old schema versions are upcast on the way in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.access import Scope
from domain.aggregate import DariAggregate, DariEvent
from domain.wire import from_stored, state_bytes, to_wire
from sync_server.tables import aggregate_scopes, events


@dataclass
class LoadedAggregate:
    """An aggregate as the canonical history has it, plus the positions of its events."""

    aggregate: DariAggregate | None
    versions: list[tuple[int, int]] = field(default_factory=list)
    """(version, position) of each canonical event, in order."""
    events: list[DariEvent] = field(default_factory=list)

    def unseen_by(self, base_version: int) -> list[DariEvent]:
        """Events after ``base_version``: those an author at that version had not seen."""
        return self.events[base_version:]

    @property
    def version(self) -> int:
        return self.aggregate.version if self.aggregate else 0

    def position_of(self, version: int) -> int:
        return dict(self.versions)[version]


def load_aggregate(connection: Connection, aggregate_id: UUID) -> LoadedAggregate:
    rows = connection.execute(
        sa.select(events.c.position, events.c.version, events.c.topic, events.c.state)
        .where(events.c.aggregate_id == aggregate_id)
        .order_by(events.c.version)
    ).all()
    aggregate: Any = None
    loaded = LoadedAggregate(None)
    for row in rows:
        event = from_stored(aggregate_id, row.version, row.topic, row.state)
        aggregate = event.mutate(aggregate)
        loaded.versions.append((row.version, row.position))
        loaded.events.append(event)
    if aggregate is not None:
        aggregate.collect_events()
    loaded.aggregate = aggregate
    return loaded


def canonical_events(
    connection: Connection, aggregate_id: UUID, after_version: int
) -> Sequence[Any]:
    return connection.execute(
        sa.select(events)
        .where(events.c.aggregate_id == aggregate_id, events.c.version > after_version)
        .order_by(events.c.version)
    ).all()


def append(connection: Connection, event: DariEvent, *, event_id: UUID, device_id: str) -> int:
    """Store one judged event; returns its global position."""
    wire = to_wire(event)
    result = connection.execute(
        events.insert()
        .values(
            event_id=event_id,
            aggregate_id=wire.aggregate_id,
            aggregate_type=wire.aggregate_type,
            version=wire.version,
            topic=wire.topic,
            schema_version=wire.schema_version,
            recorded_by=wire.recorded_by,
            device_id=device_id,
            recorded_at=wire.recorded_at.astimezone(UTC),
            received_at=datetime.now(UTC),
            state=state_bytes(wire.payload),
        )
        .returning(events.c.position)
    )
    return int(result.scalar_one())


def save_scope(connection: Connection, aggregate_id: UUID, scope: Scope) -> None:
    values = {"region": scope.region, "institute": scope.institute}
    updated = connection.execute(
        aggregate_scopes.update()
        .where(aggregate_scopes.c.aggregate_id == aggregate_id)
        .values(**values)
    )
    if updated.rowcount == 0:
        connection.execute(
            aggregate_scopes.insert().values(
                aggregate_id=aggregate_id, aggregate_type=scope.aggregate_type, **values
            )
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
