"""One engagement in full (멘토링 상세): its sessions, convergence tasks, exchange
groups and the timeline of everything recorded, each line marked synced, waiting
to be sent, expected to conflict, or refused by the server (kept, never dropped)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from desktop.local.mentoring_list import MentoringList, MentoringRow
from desktop.local.workspace import Workspace
from domain.aggregate import DariEvent
from domain.errors import UnknownReference
from domain.mentoring import MentoringEngagement, MentoringSession


class SyncMark(StrEnum):
    SYNCED = "synced"
    PENDING = "pending"
    WILL_CONFLICT = "will_conflict"
    CONFLICT = "conflict"
    """The server answered: it conflicts with what others recorded (for people to settle)."""
    REJECTED = "rejected"


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    recorded_by: str
    text: str
    """The event's own Korean line (``describe``)."""
    mark: SyncMark
    reason: str | None = None
    """Why it conflicts or was refused (Korean)."""


@dataclass(frozen=True)
class ConvergenceTask:
    title: str
    description: str


@dataclass(frozen=True)
class MentoringDetail:
    row: MentoringRow
    sessions: list[MentoringSession]
    """Oldest first."""
    tasks: list[ConvergenceTask]
    exchange_groups: list[str]
    """Every group joined, in order; the last one is the current one."""
    timeline: list[TimelineEntry]
    """Oldest first: canonical events, then this computer's pending ones, then those
    the server refused."""

    @property
    def engagement_id(self) -> UUID:
        return self.row.engagement_id


def mentoring_detail(workspace: Workspace, engagement_id: UUID) -> MentoringDetail:
    """Raises ``UnknownReference`` when no engagement has this id here."""
    view = workspace.view(engagement_id)
    row = MentoringList(workspace).row_of(view)
    engagement = view.aggregate
    if row is None or not isinstance(engagement, MentoringEngagement):
        raise UnknownReference(f"멘토링을 찾을 수 없습니다: {engagement_id}")
    reference = workspace.reference
    timeline: list[TimelineEntry] = []
    groups: list[str] = []
    for event in workspace.store.events_of(engagement_id):
        timeline.append(_entry(event, event.describe(reference)))
        groups += _group(event)
    for pending in view.pending:
        event = pending.entry.event()
        mark = SyncMark.WILL_CONFLICT if pending.will_conflict else SyncMark.PENDING
        timeline.append(_entry(event, event.describe(reference), mark, pending.conflict_reason))
        if not pending.will_conflict:
            groups += _group(event)
    for refused in workspace.refused():
        if refused.aggregate_id == engagement_id:
            event = refused.event()
            mark = SyncMark(refused.status.value)
            timeline.append(_entry(event, event.describe(reference), mark, refused.reason))
    return MentoringDetail(
        row=row,
        sessions=sorted(engagement.sessions, key=lambda s: s.held_on),
        tasks=[ConvergenceTask(t, d) for t, d in engagement.convergence_tasks],
        exchange_groups=groups,
        timeline=timeline,
    )


def _entry(
    event: DariEvent,
    text: str,
    mark: SyncMark = SyncMark.SYNCED,
    reason: str | None = None,
) -> TimelineEntry:
    return TimelineEntry(event.timestamp, event.recorded_by, text, mark, reason)


def _group(event: DariEvent) -> list[str]:
    return [event.group] if isinstance(event, MentoringEngagement.ExchangeGroupJoined) else []
