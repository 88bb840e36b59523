"""Conflict records: list them for the people involved, show both sides, resolve.

A conflict is visible to whoever may read its aggregate (the counselor of the region,
the liaison of the assigned institute, central staff) and to the person whose event it
holds. Only central staff resolve; the resolution is itself an event on the case."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from domain.access import Actor, Role, Scope, may_read
from domain.case import Case
from domain.recording import Recording
from domain.reference import ReferenceData
from sync_protocol import ConflictResolution, ConflictView, EventEnvelope, EventStatus
from sync_protocol.conflicts import ConflictStatus
from sync_server.auth.session import Session
from sync_server.central_history import append, canonical_events, load_aggregate
from sync_server.ingest import judge_batch, lock_history
from sync_server.problems import ProblemError
from sync_server.pull import envelope_of
from sync_server.tables import aggregate_scopes, conflicts


def _visible(actor: Actor, row: Any) -> bool:
    scope = Scope(row.aggregate_type or "", row.region, row.institute)
    return row.username == actor.username or may_read(actor, scope)


def _rows(connection: Connection) -> sa.Select[Any]:
    return sa.select(
        conflicts,
        aggregate_scopes.c.aggregate_type,
        aggregate_scopes.c.region,
        aggregate_scopes.c.institute,
    ).join(
        aggregate_scopes,
        aggregate_scopes.c.aggregate_id == conflicts.c.aggregate_id,
        isouter=True,
    )


def _view(connection: Connection, row: Any) -> ConflictView:
    theirs = EventEnvelope.model_validate(row.envelope)
    canonical = canonical_events(connection, row.aggregate_id, theirs.version - 1)
    return ConflictView(
        conflict_id=row.conflict_id,
        aggregate_id=row.aggregate_id,
        status=ConflictStatus(row.status),
        reason=row.reason,
        created_at=row.created_at,
        theirs=theirs,
        canonical=[envelope_of(r) for r in canonical],
        resolution=row.resolution,
    )


def list_conflicts(engine: Engine, actor: Actor, status: str | None = "open") -> list[ConflictView]:
    with engine.connect() as connection:
        query = _rows(connection).order_by(conflicts.c.created_at)
        if status:
            query = query.where(conflicts.c.status == status)
        return [_view(connection, row) for row in connection.execute(query) if _visible(actor, row)]


def get_conflict(engine: Engine, actor: Actor, conflict_id: UUID) -> ConflictView:
    with engine.connect() as connection:
        row = connection.execute(
            _rows(connection).where(conflicts.c.conflict_id == conflict_id)
        ).one_or_none()
        if row is None or not _visible(actor, row):
            raise ProblemError(404, "conflict_not_found", "충돌 기록을 찾을 수 없습니다.")
        return _view(connection, row)


def resolve_conflict(
    engine: Engine,
    session: Session,
    conflict_id: UUID,
    resolution: ConflictResolution,
    reference: ReferenceData,
) -> ConflictView:
    if session.actor.role is not Role.CENTRAL:
        raise ProblemError(403, "forbidden", "충돌 해결은 통합센터 직원만 할 수 있습니다.")
    with engine.begin() as connection:
        lock_history(connection)
        row = connection.execute(
            sa.select(conflicts).where(conflicts.c.conflict_id == conflict_id)
        ).one_or_none()
        if row is None:
            raise ProblemError(404, "conflict_not_found", "충돌 기록을 찾을 수 없습니다.")
        if row.status != ConflictStatus.OPEN:
            raise ProblemError(409, "conflict_already_resolved", "이미 해결된 충돌입니다.")
        if resolution.decision == "apply_theirs":
            _apply_replacement(connection, session, resolution, reference)
        _record_resolution(connection, session, row, resolution, reference)
        connection.execute(
            conflicts.update()
            .where(conflicts.c.conflict_id == conflict_id)
            .values(
                status=ConflictStatus.RESOLVED.value,
                resolution=f"{resolution.decision}: {resolution.note}",
                resolved_by=session.actor.username,
                resolved_at=datetime.now(UTC),
            )
        )
    return get_conflict(engine, session.actor, conflict_id)


def _apply_replacement(
    connection: Connection,
    session: Session,
    resolution: ConflictResolution,
    reference: ReferenceData,
) -> None:
    if resolution.replacement is None:
        raise ProblemError(
            422,
            "replacement_required",
            "보류된 기록을 반영하려면 새로 기록할 내용을 함께 보내야 합니다.",
            field="replacement",
        )
    [result] = judge_batch(connection, session, [resolution.replacement], reference)
    if result.status not in (EventStatus.ACCEPTED, EventStatus.REBASED):
        raise ProblemError(409, "replacement_refused", result.reason or "반영할 수 없습니다.")


def _record_resolution(
    connection: Connection,
    session: Session,
    row: Any,
    resolution: ConflictResolution,
    reference: ReferenceData,
) -> None:
    loaded = load_aggregate(connection, row.aggregate_id)
    case = loaded.aggregate
    if not isinstance(case, Case):
        return  # only cases carry a resolution event; others keep it in the record
    by = Recording(session.actor.username, session.device_id, reference=reference)
    case.resolve_conflict(str(row.conflict_id), resolution.decision, resolution.note, by=by)
    for event in case.collect_events():
        append(connection, event, event_id=uuid4(), device_id=session.device_id)  # type: ignore[arg-type]
