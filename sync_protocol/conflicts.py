"""Conflicts: a pushed event that no longer held against the canonical history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from sync_protocol.envelope import EventEnvelope


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ConflictView(BaseModel):
    """Both sides: the event that was refused and the canonical events it collided with."""

    model_config = ConfigDict(frozen=True)

    conflict_id: UUID
    aggregate_id: UUID
    status: ConflictStatus
    reason: str
    created_at: datetime
    theirs: EventEnvelope
    canonical: list[EventEnvelope]
    resolution: str | None = None


class ConflictResolution(BaseModel):
    """Central staff close a conflict: ``apply_theirs`` re-submits the refused event's
    intent as a new event (``replacement``); ``keep_canonical`` drops it with a note."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: str = Field(pattern="^(keep_canonical|apply_theirs)$")
    note: str = Field(min_length=1, max_length=2000)
    replacement: EventEnvelope | None = None
