"""One domain event on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
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

    @classmethod
    def of(cls, event_id: UUID, recorded: RecordedEvent) -> EventEnvelope:
        """The envelope of an event as its recorder's side holds it (the domain's
        ``WireEvent``, the desktop's outbox entry), under ``event_id``."""
        return cls(
            event_id=event_id,
            aggregate_id=recorded.aggregate_id,
            aggregate_type=recorded.aggregate_type,
            version=recorded.version,
            topic=recorded.topic,
            schema_version=recorded.schema_version,
            recorded_by=recorded.recorded_by,
            device_id=recorded.device,
            recorded_at=recorded.recorded_at,
            payload=recorded.payload,
        )


class RecordedEvent(Protocol):
    """What ``EventEnvelope.of`` reads: the fields of a recorded event, by the names
    the domain uses (``device``, not ``device_id``)."""

    @property
    def aggregate_id(self) -> UUID: ...
    @property
    def aggregate_type(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def recorded_by(self) -> str: ...
    @property
    def device(self) -> str: ...
    @property
    def recorded_at(self) -> datetime: ...
    @property
    def payload(self) -> dict[str, Any]: ...
