"""A case's timeline (처리 이력) as this computer knows it: the canonical history
pulled from the server, then this computer's events still in the outbox, each with a
badge saying where it stands (동기화됨, 전송 대기, 충돌, 거부) and, when it will not
apply, the Korean reason.

Canonical entries come from the domain's own ``timeline_of``; outbox entries are
described by the same ``describe`` of their event, so both read alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from desktop.local.outbox import OutboxEntry, OutboxStatus
from desktop.local.workspace import PendingEvent, Workspace
from domain.application import TimelineEntry, timeline_of
from domain.business_calendar import KST
from domain.errors import DomainError
from domain.reference import ReferenceData

TIME_FORMAT = "%Y-%m-%d %H:%M"


class TimelineBadge(StrEnum):
    SYNCED = "synced"
    PENDING = "pending"
    CONFLICT = "conflict"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return _BADGE_LABELS[self]


_BADGE_LABELS = {
    TimelineBadge.SYNCED: "동기화됨",
    TimelineBadge.PENDING: "전송 대기",
    TimelineBadge.CONFLICT: "충돌",
    TimelineBadge.REJECTED: "거부",
}


@dataclass(frozen=True)
class CaseTimelineEntry:
    """One line of the timeline: who, when, what, and where it stands."""

    recorded_at: datetime
    recorded_by: str
    who: str
    """The person's display name when known here, else their user id."""
    kind: str
    text: str
    badge: TimelineBadge
    reason: str | None = None
    """Korean: why a local event will not apply or was refused (None when it applies)."""
    event_id: UUID | None = None
    """The outbox's event id for a local event; None for canonical history."""

    @property
    def when(self) -> str:
        """The instant in Korean time, as shown on screen."""
        return self.recorded_at.astimezone(KST).strftime(TIME_FORMAT)


def case_timeline(
    workspace: Workspace, case_id: UUID, *, names: Mapping[str, str] | None = None
) -> list[CaseTimelineEntry]:
    """Canonical events in order, then local ones in the order they were recorded:
    still unsynced (전송 대기 or 충돌 예상) first, then those the server refused."""
    names = names or {}
    reference = workspace.reference
    canonical = timeline_of(workspace.store.events_of(case_id), reference)
    entries = [_canonical(entry, names) for entry in canonical]
    entries += [_pending(p, reference, names) for p in workspace.pending_for(case_id)]
    entries += [
        _refused(entry, reference, names)
        for entry in workspace.refused()
        if entry.aggregate_id == case_id
    ]
    return entries


def _canonical(entry: TimelineEntry, names: Mapping[str, str]) -> CaseTimelineEntry:
    return CaseTimelineEntry(
        recorded_at=entry.recorded_at,
        recorded_by=entry.recorded_by,
        who=names.get(entry.recorded_by, entry.recorded_by),
        kind=entry.kind,
        text=entry.text,
        badge=TimelineBadge.SYNCED,
    )


def _pending(
    pending: PendingEvent, reference: ReferenceData, names: Mapping[str, str]
) -> CaseTimelineEntry:
    badge = TimelineBadge.CONFLICT if pending.will_conflict else TimelineBadge.PENDING
    return _local(pending.entry, badge, pending.conflict_reason, reference, names)


def _refused(
    entry: OutboxEntry, reference: ReferenceData, names: Mapping[str, str]
) -> CaseTimelineEntry:
    badge = TimelineBadge.CONFLICT
    if entry.status is OutboxStatus.REJECTED:
        badge = TimelineBadge.REJECTED
    return _local(entry, badge, entry.reason or entry.status.label, reference, names)


def _local(
    entry: OutboxEntry,
    badge: TimelineBadge,
    reason: str | None,
    reference: ReferenceData,
    names: Mapping[str, str],
) -> CaseTimelineEntry:
    kind = entry.topic.rsplit(".", 1)[-1]
    try:
        text = entry.event().describe(reference)
    except DomainError as error:
        # An event this version cannot read or describe is still shown, never hidden.
        text = f"{kind} ({error.message})"
    return CaseTimelineEntry(
        recorded_at=entry.recorded_at,
        recorded_by=entry.recorded_by,
        who=names.get(entry.recorded_by, entry.recorded_by),
        kind=kind,
        text=text,
        badge=badge,
        reason=reason,
        event_id=entry.event_id,
    )
