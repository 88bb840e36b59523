"""Push and pull."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from sync_protocol.envelope import MAX_BATCH_EVENTS, EventEnvelope


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    events: list[EventEnvelope] = Field(max_length=MAX_BATCH_EVENTS)


class EventStatus(StrEnum):
    ACCEPTED = "accepted"
    """Stored at the version the client gave it."""
    REBASED = "rebased"
    """Other events came first, but this one still holds: stored after them."""
    CONFLICT = "conflict"
    """No longer valid after concurrent events: kept as a conflict record for people."""
    REJECTED = "rejected"
    """Invalid or not allowed: not stored; ``reason`` says why."""


class EventResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    event_id: UUID
    status: EventStatus
    position: int | None = None
    """Global position in the central history, for accepted and rebased events."""
    version: int | None = None
    """The version it was stored at (differs from the pushed one when rebased)."""
    reason: str | None = None
    """Korean, for people: why it was rejected or is in conflict."""
    conflict_id: UUID | None = None


class PushResponse(BaseModel):
    model_config = ConfigDict(frozen=True)

    results: list[EventResult]
    high_water_mark: int


class PulledEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    position: int
    envelope: EventEnvelope


class PullPage(BaseModel):
    """Events after ``cursor`` in the caller's scope. Resume from ``next_cursor``."""

    model_config = ConfigDict(frozen=True)

    events: list[PulledEvent]
    next_cursor: int
    high_water_mark: int
    has_more: bool
