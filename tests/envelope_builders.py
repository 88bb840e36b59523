"""Domain events as a client pushes them (``EventEnvelope``), for the tests of the
server, the sync client and the projections."""

from __future__ import annotations

from uuid import uuid4

from domain.aggregate import DariAggregate, DariEvent
from domain.wire import to_wire
from sync_protocol import EventEnvelope


def envelope_of_event(event: DariEvent) -> EventEnvelope:
    """One event, under a fresh event UUID."""
    return EventEnvelope.of(uuid4(), to_wire(event))


def envelopes(aggregate: DariAggregate) -> list[EventEnvelope]:
    """The aggregate's new events as a client pushes them."""
    return [envelope_of_event(event) for event in aggregate.collect_events()]  # type: ignore[arg-type]
