"""``DariApplication``: the domain running on an eventsourcing event store.

The same class runs on the counselor's encrypted SQLite file, in tests on PostgreSQL,
and (later) on the central server. Persistence is chosen by the environment given to
it; see ``desktop.local.store`` for the local settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Transcoder,
    Transcoding,
    UUIDAsHex,
)

from domain.aggregate import DariAggregate, DariEvent
from domain.business_number import BusinessNumber
from domain.case import Case
from domain.company import Company, company_id
from domain.consulting import ConsultingRecord
from domain.errors import DomainError, UnknownReference
from domain.mentoring import MentoringEngagement
from domain.reference import ReferenceData, default_reference
from domain.transcoder import DariTranscoder

A = TypeVar("A", bound=DariAggregate)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def register_dari_transcodings(transcoder: JSONTranscoder) -> None:
    """The library's own types and ours: one list, shared by the event store and the
    wire codec, so a type added here is readable in both."""
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a case's history: who, when, what (Korean)."""

    version: int
    recorded_at: datetime
    recorded_by: str
    device: str
    kind: str
    text: str


class DariApplication(Application[UUID]):
    """Stores and loads Dari's aggregates. Commands live on the aggregates; this class
    only loads, saves and answers the queries the desktop and the demo need."""

    name = "dari"
    is_snapshotting_enabled = False

    def __init__(
        self, env: dict[str, str] | None = None, *, reference: ReferenceData | None = None
    ) -> None:
        super().__init__(env)
        self.reference = reference or default_reference()

    def construct_transcoder(self) -> Transcoder:
        """The library's JSON format, written and read with orjson (``DariTranscoder``)."""
        transcoder = DariTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        register_dari_transcodings(transcoder)

    def record(self, *aggregates: DariAggregate) -> None:
        """Store the aggregates' new events atomically."""
        self.save(*aggregates)

    def case(self, case_id: UUID) -> Case:
        return self._get(case_id, Case, "애로사항")

    def company(self, company_id: UUID) -> Company:
        return self._get(company_id, Company, "기업")

    def company_by_business_number(self, business_number: str) -> Company | None:
        try:
            return self.company(company_id(BusinessNumber.parse(business_number)))
        except UnknownReference:
            return None

    def consulting_record(self, record_id: UUID) -> ConsultingRecord:
        return self._get(record_id, ConsultingRecord, "자문 기록")

    def mentoring(self, engagement_id: UUID) -> MentoringEngagement:
        return self._get(engagement_id, MentoringEngagement, "멘토링")

    def events_of(self, aggregate_id: UUID, *, until: datetime | None = None) -> list[DariEvent]:
        """An aggregate's events in order, optionally only those recorded up to ``until``."""
        events: Iterable[Any] = self.events.get(aggregate_id)
        return [e for e in events if until is None or e.timestamp <= until]

    def timeline(self, aggregate_id: UUID) -> list[TimelineEntry]:
        return timeline_of(self.events_of(aggregate_id), self.reference)

    def _get(self, aggregate_id: UUID, kind: type[A], label: str) -> A:
        try:
            aggregate: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise UnknownReference(f"{label}을(를) 찾을 수 없습니다: {aggregate_id}") from None
        if not isinstance(aggregate, kind):
            raise DomainError(f"{label}이(가) 아닌 기록입니다: {aggregate_id}")
        return aggregate


def timeline_of(events: Sequence[DariEvent], reference: ReferenceData) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            version=e.originator_version,
            recorded_at=e.timestamp,
            recorded_by=e.recorded_by,
            device=e.device,
            kind=type(e).__name__,
            text=e.describe(reference),
        )
        for e in events
    ]
