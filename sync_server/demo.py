"""The demo server's data (``dari-server demo``): an account for each demo person
(``domain.demo.people``) and the demo history, pushed through the real ingest
(``sync_server.ingest.push``) as each person from their own computer, so every event is
judged like one a desktop sends.

Idempotent: accounts that exist are kept, and each demo event has a fixed event UUID
(from its aggregate's fixed id and its version), so a second run is a replay that the
ingest answers from its receipts without storing anything twice."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from domain.aggregate import DariAggregate, DariEvent
from domain.demo import demo_id
from domain.demo.center import build_center
from domain.demo.people import DEMO_PEOPLE, DemoPerson
from domain.demo.scenario import build_scenario
from domain.reference import ReferenceData
from domain.wire import to_wire
from sync_protocol import EventEnvelope, EventStatus
from sync_protocol.envelope import MAX_BATCH_EVENTS
from sync_server import ingest
from sync_server.auth import users
from sync_server.auth.session import Session
from sync_server.tables import events

DEMO_PASSWORD = "dari-demo-1379"
"""The one password of every demo account (documented in the README and printed)."""


@dataclass
class DemoSeeded:
    """What one run added: new accounts, events newly stored, and refusals."""

    users_added: list[str] = field(default_factory=list)
    events_sent: int = 0
    events_stored: int = 0
    events_known: int = 0
    """Sent again: the server had judged them in an earlier run (a replay)."""
    refused: list[str] = field(default_factory=list)
    """One Korean line per event the ingest did not accept (none, for a sound demo)."""


def seed_demo(
    engine: Engine,
    reference: ReferenceData,
    *,
    now: datetime,
    password: str = DEMO_PASSWORD,
    people: Sequence[DemoPerson] = DEMO_PEOPLE,
) -> DemoSeeded:
    """Add the demo accounts that are missing, then push the demo history."""
    seeded = DemoSeeded()
    with engine.begin() as connection:
        for person in people:
            if users.find_user(connection, person.username) is None:
                users.add_user(
                    connection,
                    person.username,
                    person.display_name,
                    person.role,
                    password,
                    person.region,
                    person.institute,
                    reference=reference,
                )
                seeded.users_added.append(person.username)
    before = _stored_events(engine)
    envelopes = demo_envelopes(now, reference)
    seeded.events_known = _known_events(engine, [e.event_id for e in envelopes])
    for sender, batch in _batches_by_sender(envelopes):
        results, _head = ingest.push(engine, sender_session(engine, *sender), batch, reference)
        for envelope, result in zip(batch, results, strict=True):
            if result.status not in (EventStatus.ACCEPTED, EventStatus.REBASED):
                seeded.refused.append(
                    f"{envelope.topic} ({envelope.recorded_by}): {result.reason or '-'}"
                )
    seeded.events_sent = len(envelopes)
    seeded.events_stored = _stored_events(engine) - before
    return seeded


def demo_envelopes(now: datetime, reference: ReferenceData) -> list[EventEnvelope]:
    """The scenario's week (2024) and the center's recent weeks (before ``now``), every
    event as its author's desktop would push it, in the order they were recorded."""
    scenario = build_scenario()
    center = build_center(now=now, reference=reference)
    sources: list[tuple[str, DariAggregate]] = [("scenario", a) for a in scenario.aggregates]
    sources += [("center", a) for a in [*center.companies, *center.cases]]
    envelopes = [
        envelope for source, aggregate in sources for envelope in _envelopes_of(source, aggregate)
    ]
    # Stable: an aggregate's events keep their order when two share an instant.
    envelopes.sort(key=lambda envelope: envelope.recorded_at)
    return envelopes


def sender_session(engine: Engine, username: str, device_id: str) -> Session:
    """The signed-in session a push of this person from this computer would have."""
    with engine.connect() as connection:
        user = users.get_user(connection, username)
    return Session(actor=user.actor, device_id=device_id)


def _envelopes_of(source: str, aggregate: DariAggregate) -> Iterator[EventEnvelope]:
    for event in aggregate.collect_events():
        assert isinstance(event, DariEvent)
        wire = to_wire(event)
        yield EventEnvelope.of(demo_id(f"{source}/event/{wire.aggregate_id}/{wire.version}"), wire)


def _batches_by_sender(
    envelopes: Sequence[EventEnvelope],
) -> Iterator[tuple[tuple[str, str], list[EventEnvelope]]]:
    """Consecutive events of one person on one computer, as one push (at most the
    protocol's batch size), so the history arrives in the order it was recorded."""
    for sender, run in groupby(envelopes, key=lambda e: (e.recorded_by, e.device_id)):
        batch = list(run)
        for start in range(0, len(batch), MAX_BATCH_EVENTS):
            yield sender, batch[start : start + MAX_BATCH_EVENTS]


def _known_events(engine: Engine, event_ids: list[UUID]) -> int:
    with engine.connect() as connection:
        return len(ingest.known_results(connection, event_ids))


def _stored_events(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())
