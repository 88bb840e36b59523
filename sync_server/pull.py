"""Paged pull of the central history, filtered to the caller's scope.

The SQL predicate here is the database form of ``domain.access.may_read``; a test
checks that both agree for every role. A liaison who is newly assigned a case also
receives that case's earlier events, which were out of their scope when they happened.
"""

from __future__ import annotations

from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.access import CASE, COMPANY, CONSULTING, Actor, Role
from sync_protocol import EventEnvelope, PullPage
from sync_server.central_history import head
from sync_server.database import as_utc
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


SCAN_WINDOW = 20_000
"""Positions a page looks through at most. Whatever plan the database picks, a page
costs O(window), never O(history): a counselor who sees a twelfth of the country moves
through it in windows, with pages that may be short or empty but always advance."""


def pull(engine: Engine, actor: Actor, cursor: int, limit: int) -> PullPage:
    return PullPage.model_validate_json(pull_json(engine, actor, cursor, limit))


def pull_json(engine: Engine, actor: Actor, cursor: int, limit: int) -> bytes:
    """The page as the JSON the client receives, written in one pass: each stored
    payload is already JSON and goes in as it is (``orjson.Fragment``), never decoded."""
    with engine.connect() as connection:
        high_water_mark = head(connection)
        # Never past the head read above: a row committed meanwhile waits for the next page.
        # A bounded range also keeps the plan an index range scan for every role, even
        # before the table's statistics have caught up with a burst of inserts.
        end = min(high_water_mark, cursor + SCAN_WINDOW)
        in_range = sa.and_(events.c.position > cursor, events.c.position <= end)
        query = sa.select(events).where(in_range)
        if actor.role is not Role.CENTRAL:
            query = query.join(
                aggregate_scopes, aggregate_scopes.c.aggregate_id == events.c.aggregate_id
            ).where(readable_by(actor))
        rows = list(connection.execute(query.order_by(events.c.position).limit(limit + 1)))
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor, has_more = rows[-1].position, True
        else:
            next_cursor, has_more = end, end < high_water_mark
        if actor.role is Role.LIAISON:
            rows = _with_history_of_new_assignments(connection, actor, rows, cursor)
    return orjson.dumps(
        {
            "events": [{"position": row.position, "envelope": _envelope_json(row)} for row in rows],
            "next_cursor": next_cursor,
            "high_water_mark": high_water_mark,
            "has_more": has_more,
        }
    )


def _envelope_json(row: Any) -> dict[str, Any]:
    return {
        "event_id": row.event_id,
        "aggregate_id": row.aggregate_id,
        "aggregate_type": row.aggregate_type,
        "version": row.version,
        "topic": row.topic,
        "schema_version": row.schema_version,
        "recorded_by": row.recorded_by,
        "device_id": row.device_id,
        "recorded_at": as_utc(row.recorded_at),
        "payload": orjson.Fragment(row.state),
    }


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
