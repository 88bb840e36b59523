"""The base of Dari's aggregates: every event says who recorded it, on which device,
and carries one precondition (``check``) that both the command and the sync server
call, so client and server judge an event by the same rule."""

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar
from uuid import UUID

from eventsourcing.domain import (
    AggregateEvent,
    BaseAggregate,
    datetime_now_with_tzinfo,
)
from eventsourcing.utils import get_topic

from domain.recording import Recording
from domain.reference import ReferenceData

E = TypeVar("E", bound="DariEvent")


class DariEvent(AggregateEvent):
    """An event of any Dari aggregate. ``class_version`` is its schema version."""

    recorded_by: str
    device: str

    class_version: ClassVar[int] = 1

    def check(self, aggregate: Any, reference: ReferenceData) -> None:
        """Raise a ``DomainError`` if this event may not happen to ``aggregate``."""

    def describe(self, reference: ReferenceData) -> str:
        """One Korean line for a case timeline."""
        return type(self).__name__

    def conflicts_with(self, unseen: DariEvent) -> str | None:
        """Why this event cannot be re-sequenced after ``unseen``, an event its author
        had not seen when deciding; ``None`` when the two commute. A decision (assign
        an institute, classify, plan) taken without knowing a rival decision conflicts
        even where the state would allow it: people must choose, not the sync order."""
        return None


class DariAggregate(BaseAggregate[UUID]):
    """Commands build an event, ``accept`` checks and applies it.

    Based on ``BaseAggregate`` rather than ``Aggregate`` so that no inherited
    ``Created`` class needs an explicit topic of its own: each aggregate names its
    creation event (``Case.Received``, ``Company.Registered``, ...).
    """

    Event = DariEvent

    @classmethod
    def _begin(cls, event_class: type[DariEvent], by: Recording, id: UUID, **fields: Any) -> Self:
        common = _common_fields(by, id, cls.INITIAL_VERSION)
        common["originator_topic"] = get_topic(cls)
        event = event_class(**common, **fields)
        event.check(None, by.reference)
        aggregate = event.mutate(None)
        assert isinstance(aggregate, cls)
        aggregate.pending_events.append(event)
        return aggregate

    def _record(self, event_class: type[DariEvent], by: Recording, **fields: Any) -> None:
        event = event_class(**_common_fields(by, self.id, self.version + 1), **fields)
        self.accept(event, by.reference)

    def accept(self, event: DariEvent, reference: ReferenceData) -> None:
        """Check ``event`` against this state and apply it; nothing changes if it fails."""
        event.check(self, reference)
        event.mutate(self)
        self.pending_events.append(event)


def _common_fields(by: Recording, originator_id: UUID, version: int) -> dict[str, Any]:
    return {
        "originator_id": originator_id,
        "originator_version": version,
        "timestamp": by.at or datetime_now_with_tzinfo(),
        "recorded_by": by.user,
        "device": by.device,
    }
