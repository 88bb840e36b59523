"""The conflicts a person should look at (충돌 목록), each with both sides: what the
server holds (the canonical decision) and the held event (who recorded what, when).

Two sources: the server's open conflicts (pushed events it refused to re-sequence,
``ConflictView``) and this computer's pending events that will conflict once pushed
(``PendingEvent.will_conflict``). Central staff resolve a server conflict; a local one
is resolved by the server's judgement when it is pushed. No Qt here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from desktop.local.outbox import OutboxStatus
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from domain.aggregate import DariEvent
from domain.case import Case
from domain.errors import DomainError
from domain.recording import Recording
from domain.reference import ReferenceData
from domain.wire import from_wire, to_wire
from sync_protocol import ConflictResolution, ConflictView, EventEnvelope
from sync_protocol.conflicts import ConflictStatus

KEEP_CANONICAL = "keep_canonical"
APPLY_THEIRS = "apply_theirs"
SUBJECT_LENGTH = 40
UNKNOWN_SUBJECT = "이 컴퓨터에 없는 기록"


class ConflictSource(StrEnum):
    SERVER = "server"
    LOCAL = "local"


@dataclass(frozen=True)
class Side:
    """One event of a conflict, as people read it."""

    recorded_by: str
    device: str
    recorded_at: datetime
    text: str
    """Korean: the event's ``describe()``."""


@dataclass(frozen=True)
class ConflictItem:
    key: UUID
    """The server's conflict id, or the pending event's id for a local one."""
    source: ConflictSource
    aggregate_id: UUID
    subject: str
    """Which record: company name and the case's description, as known here."""
    reason: str
    held: Side
    """The event that was held back (the server's ``theirs``, or the pending one here)."""
    canonical: tuple[Side, ...]
    """What the server holds that the held event had not seen."""
    noticed_at: datetime
    view: ConflictView | None = None
    """The server's record (server conflicts only), needed to resolve it."""

    @property
    def resolvable(self) -> bool:
        """Only a server conflict is decided by people (central staff)."""
        return self.view is not None


def server_items(views: Iterable[ConflictView], workspace: Workspace) -> list[ConflictItem]:
    """The server's open conflicts, oldest first."""
    reference = workspace.reference
    return [
        ConflictItem(
            key=view.conflict_id,
            source=ConflictSource.SERVER,
            aggregate_id=view.aggregate_id,
            subject=subject_of(workspace, view.aggregate_id),
            reason=view.reason,
            held=_side_of_envelope(view.theirs, reference),
            canonical=tuple(_side_of_envelope(e, reference) for e in _unseen(view)),
            noticed_at=view.created_at,
            view=view,
        )
        for view in sorted(views, key=lambda v: v.created_at)
        if view.status is ConflictStatus.OPEN
    ]


def local_items(workspace: Workspace) -> list[ConflictItem]:
    """Pending events here that no longer hold on top of the canonical history."""
    reference = workspace.reference
    aggregate_ids = dict.fromkeys(
        entry.aggregate_id for entry in workspace.outbox.entries(OutboxStatus.PENDING)
    )
    items = []
    for aggregate_id in aggregate_ids:
        canonical = workspace.store.events_of(aggregate_id)
        for pending in workspace.view(aggregate_id).will_conflict:
            entry = pending.entry
            unseen = canonical[max(0, entry.version - 1) :]
            items.append(
                ConflictItem(
                    key=entry.event_id,
                    source=ConflictSource.LOCAL,
                    aggregate_id=aggregate_id,
                    subject=subject_of(workspace, aggregate_id),
                    reason=pending.conflict_reason or "",
                    held=Side(
                        entry.recorded_by,
                        entry.device,
                        entry.recorded_at,
                        _describe(entry.event, entry.topic, reference),
                    ),
                    canonical=tuple(_side_of_event(e, reference) for e in unseen),
                    noticed_at=entry.recorded_at,
                )
            )
    return items


def subject_of(workspace: Workspace, aggregate_id: UUID) -> str:
    try:
        aggregate = workspace.view(aggregate_id).aggregate
    except DomainError:
        aggregate = None
    if not isinstance(aggregate, Case):
        return UNKNOWN_SUBJECT if aggregate is None else type(aggregate).__name__
    description = " ".join(aggregate.description.split())
    if len(description) > SUBJECT_LENGTH:
        description = description[: SUBJECT_LENGTH - 1] + "…"
    try:
        company = workspace.load_company(aggregate.company_id).name
    except DomainError:
        return description
    return f"{company} · {description}"


# Resolving (central staff) -------------------------------------------------------


def resolve(
    client: SyncClient, view: ConflictView, decision: str, note: str, by: Recording
) -> ConflictView:
    """Send central staff's decision; ``apply_theirs`` re-records the held event's
    intent in the resolver's own name, on top of the server's history."""
    replacement = replacement_for(view, by) if decision == APPLY_THEIRS else None
    resolution = ConflictResolution(decision=decision, note=note.strip(), replacement=replacement)
    return client.resolve_conflict(view.conflict_id, resolution)


def replacement_for(view: ConflictView, by: Recording) -> EventEnvelope:
    """The held event again, as a new event by ``by``, at the version after the
    canonical events it collided with."""
    version = max((e.version for e in view.canonical), default=view.theirs.version - 1) + 1
    held = from_wire(view.aggregate_id, version, view.theirs.topic, view.theirs.payload)
    changes: dict[str, Any] = {
        "recorded_by": by.user,
        "device": by.device,
        "timestamp": by.at or datetime.now(UTC),
        "originator_version": version,
    }
    again = dataclasses.replace(held, **changes)
    return EventEnvelope.of(uuid4(), to_wire(again))


def _unseen(view: ConflictView) -> list[EventEnvelope]:
    """The canonical events the held one was recorded without (the server sends just
    those; an older one may send the whole history)."""
    return [e for e in view.canonical if e.version >= view.theirs.version]


# Describing -----------------------------------------------------------------------


def _side_of_envelope(envelope: EventEnvelope, reference: ReferenceData) -> Side:
    def decode() -> DariEvent:
        return from_wire(envelope.aggregate_id, envelope.version, envelope.topic, envelope.payload)

    text = _describe(decode, envelope.topic, reference)
    return Side(envelope.recorded_by, envelope.device_id, envelope.recorded_at, text)


def _side_of_event(event: DariEvent, reference: ReferenceData) -> Side:
    text = _describe(lambda: event, type(event).__qualname__, reference)
    return Side(event.recorded_by, event.device, event.timestamp, text)


def _describe(decode: Callable[[], DariEvent], topic: str, reference: ReferenceData) -> str:
    """The event's Korean line; the event's kind when this build cannot read it."""
    try:
        return decode().describe(reference)
    except (DomainError, KeyError, ValueError):
        return f"알 수 없는 기록 ({topic.rsplit('.', 1)[-1]})"
