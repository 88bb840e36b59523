"""Paged pull of the central history, filtered to the caller's scope.

The SQL predicate here is the database form of ``domain.access.may_read``; a test
checks that both agree for every role. A liaison who is newly assigned a case also
receives that case's earlier events, which were out of their scope when they happened.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.access import CASE, COMPANY, CONSULTING, Actor, Role
from sync_protocol import EventEnvelope, PulledEvent, PullPage
from sync_server.central_history import head
from sync_server.tables import aggregate_scopes, events

s = aggregate_scopes.c


def readable_by(actor: Actor) -> sa.ColumnElement[bool]:
    if actor.role is Role.CENTRAL:
        return sa.true()
    if actor.role is Role.ADMIN:
        return sa.false()
    if actor.role is Role.COUNSELOR:
        return sa.or_(s.aggregate_type == COMPANY, s.region == actor.region)
    return sa.or_(
        s.aggregate_type == COMPANY,
        sa.and_(s.aggregate_type.in_((CASE, CONSULTING)), s.institute == actor.institute),
    )


def pull(engine: Engine, actor: Actor, cursor: int, limit: int) -> PullPage:
    with engine.connect() as connection:
        high_water_mark = head(connection)
        rows = list(
            connection.execute(
                sa.select(events)
                .join(aggregate_scopes, aggregate_scopes.c.aggregate_id == events.c.aggregate_id)
                .where(events.c.position > cursor, readable_by(actor))
                .order_by(events.c.position)
                .limit(limit + 1)
            )
        )
        has_more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = rows[-1].position if rows else (cursor if has_more else high_water_mark)
        if actor.role is Role.LIAISON:
            rows = _with_history_of_new_assignments(connection, actor, rows, cursor)
    return PullPage(
        events=[
            PulledEvent.model_construct(position=row.position, envelope=envelope_of(row))
            for row in rows
        ],
        next_cursor=next_cursor,
        high_water_mark=high_water_mark,
        has_more=has_more,
    )


def _with_history_of_new_assignments(
    connection: Connection, actor: Actor, rows: list[Any], cursor: int
) -> list[Any]:
    newly_assigned = {
        row.aggregate_id
        for row in rows
        if row.topic == "dari.Case.InstituteAssigned"
        and orjson.loads(row.state).get("institute") == actor.institute
    }
    if not newly_assigned or cursor == 0:
        return rows
    earlier = connection.execute(
        sa.select(events)
        .where(events.c.aggregate_id.in_(newly_assigned), events.c.position <= cursor)
        .order_by(events.c.position)
    ).all()
    return [*earlier, *rows]


def as_utc(moment: datetime) -> datetime:
    """SQLite keeps no time zone; the history stores UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def envelope_of(row: Any) -> EventEnvelope:
    """The stored row as an envelope. Rows were validated when they were pushed, so the
    model is built without validating again (``model_construct``)."""
    return EventEnvelope.model_construct(
        event_id=row.event_id,
        aggregate_id=row.aggregate_id,
        aggregate_type=row.aggregate_type,
        version=row.version,
        topic=row.topic,
        schema_version=row.schema_version,
        recorded_by=row.recorded_by,
        device_id=row.device_id,
        recorded_at=as_utc(row.recorded_at),
        payload=orjson.loads(row.state),
    )
