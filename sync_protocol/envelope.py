"""One domain event on the wire."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

MAX_BATCH_EVENTS = 1000
"""A push carries at most this many events; a bigger batch is refused whole."""

MAX_PAYLOAD_BYTES = 64 * 1024


class EventEnvelope(BaseModel):
    """A client-made event.

    ``payload`` is the event's state as the event store encodes it (JSON with typed
    values such as dates wrapped by the transcoder); ``schema_version`` is the event
    class version it was written with, so the server can upcast older shapes.
    ``recorded_by`` and ``device_id`` must match the authenticated sender."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_id: UUID
    aggregate_id: UUID
    aggregate_type: str = Field(min_length=1, max_length=100)
    version: int = Field(ge=1)
    topic: str = Field(min_length=1, max_length=200)
    schema_version: int = Field(ge=1, le=1000)
    recorded_by: str = Field(min_length=1, max_length=100)
    device_id: str = Field(min_length=1, max_length=100)
    recorded_at: AwareDatetime
    payload: dict[str, Any]
