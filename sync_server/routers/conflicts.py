"""Conflicts: list, inspect both sides, resolve (central staff)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request

from domain.reference import default_reference
from sync_protocol import ConflictResolution, ConflictView
from sync_server.auth.dependencies import CurrentSession
from sync_server.conflicts import get_conflict, list_conflicts, resolve_conflict
from sync_server.routers.meta import protocol_header

router = APIRouter(prefix="/conflicts", tags=["conflicts"], dependencies=[Depends(protocol_header)])


@router.get("")
def conflicts_in_scope(
    session: CurrentSession,
    request: Request,
    status: Annotated[str | None, Query(pattern="^(open|resolved)$")] = "open",
) -> list[ConflictView]:
    return list_conflicts(request.app.state.engine, session.actor, status)


@router.get("/{conflict_id}")
def one_conflict(conflict_id: UUID, session: CurrentSession, request: Request) -> ConflictView:
    return get_conflict(request.app.state.engine, session.actor, conflict_id)


@router.post("/{conflict_id}/resolve")
def resolve(
    conflict_id: UUID, resolution: ConflictResolution, session: CurrentSession, request: Request
) -> ConflictView:
    return resolve_conflict(
        request.app.state.engine, session, conflict_id, resolution, default_reference()
    )
