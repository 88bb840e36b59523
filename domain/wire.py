"""Domain events to and from their wire form: a plain JSON-able payload (the event's
state as the event store's transcoder writes it, unencrypted) plus the header fields.

Both the desktop and the server use this one codec, so an event means the same on
both sides, and old schema versions are upcast by the event classes on decoding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import (
    Mapper,
    StoredEvent,
)
from eventsourcing.utils import TopicError, resolve_topic

from domain.aggregate import DariEvent
from domain.application import register_dari_transcodings
from domain.errors import DomainError
from domain.transcoder import DariTranscoder


def _mapper() -> Mapper[UUID]:
    transcoder = DariTranscoder()
    register_dari_transcodings(transcoder)
    return Mapper(transcoder=transcoder)


_MAPPER = _mapper()


class UnreadableEvent(DomainError):
    """A payload that does not decode to a known event of a supported shape."""


@dataclass(frozen=True)
class WireEvent:
    aggregate_id: UUID
    aggregate_type: str
    version: int
    topic: str
    schema_version: int
    recorded_by: str
    device: str
    recorded_at: datetime
    payload: dict[str, Any]


def to_wire(event: DariEvent) -> WireEvent:
    stored = _MAPPER.to_stored_event(event)
    payload = orjson.loads(stored.state)
    return WireEvent(
        aggregate_id=event.originator_id,
        aggregate_type=stored.topic.rsplit(".", 1)[0],
        version=event.originator_version,
        topic=stored.topic,
        schema_version=int(payload.get("class_version", 1)),
        recorded_by=event.recorded_by,
        device=event.device,
        recorded_at=event.timestamp,
        payload=payload,
    )


def from_wire(aggregate_id: UUID, version: int, topic: str, payload: dict[str, Any]) -> DariEvent:
    """Decode (and upcast) an event; ``UnreadableEvent`` with a Korean message otherwise."""
    return from_stored(aggregate_id, version, topic, state_bytes(payload))


def from_stored(aggregate_id: UUID, version: int, topic: str, state: bytes) -> DariEvent:
    """The same from the stored bytes of a payload."""
    if not topic.startswith("dari."):
        raise UnreadableEvent(f"알 수 없는 기록 종류입니다: {topic}", field="topic")
    stored = StoredEvent(
        originator_id=aggregate_id, originator_version=version, topic=topic, state=state
    )
    try:
        event = _MAPPER.to_domain_event(stored)
    except Exception as error:  # the library raises several kinds; all mean "unreadable"
        raise UnreadableEvent(
            f"기록 내용을 읽을 수 없습니다 ({topic}): {type(error).__name__}", field="payload"
        ) from None
    if not isinstance(event, DariEvent):
        raise UnreadableEvent(f"알 수 없는 기록 종류입니다: {topic}", field="topic")
    return event


def unreadable_reason(topic: str, schema_version: int) -> str | None:
    """Why an event of this topic and schema version could not be read here (Korean),
    or ``None``: it can, its payload aside."""
    if not topic.startswith("dari."):
        return f"알 수 없는 기록 종류입니다: {topic}"
    try:
        event_class = resolve_topic(topic)
    except TopicError:
        return f"알 수 없는 기록 종류입니다: {topic}"
    if not (isinstance(event_class, type) and issubclass(event_class, DariEvent)):
        return f"알 수 없는 기록 종류입니다: {topic}"
    if schema_version > getattr(event_class, "class_version", 1):
        return f"이 버전이 모르는 새 형식(v{schema_version})입니다: {topic}"
    return None


def state_bytes(payload: dict[str, Any]) -> bytes:
    """The payload as stored bytes (compact JSON, UTF-8)."""
    return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS)


__all__ = [
    "UnreadableEvent",
    "WireEvent",
    "from_stored",
    "from_wire",
    "state_bytes",
    "to_wire",
    "unreadable_reason",
]
