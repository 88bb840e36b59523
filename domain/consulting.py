"""Technical guidance and consulting records (기술지도·자문), counted in the KPIs apart
from resolution cases."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import AggregateCreated

from domain.aggregate import DariAggregate, DariEvent
from domain.errors import IllegalTransition, InvalidValue
from domain.recording import Recording
from domain.reference import ReferenceData
from domain.validation import hours, required_text


class ConsultingRecord(DariAggregate):
    """기술지도·자문 기록."""

    TOPIC = "dari.ConsultingRecord"

    class Recorded(DariEvent, AggregateCreated):
        TOPIC = "dari.ConsultingRecord.Recorded"
        company_id: UUID
        region: str
        channel: str
        institute: str | None
        consulted_on: date
        hours: float
        topic: str

        def check(self, aggregate: Any, reference: ReferenceData) -> None:
            reference.region(self.region)
            reference.channel(self.channel)
            if self.institute is not None:
                reference.institute(self.institute)
            if not isinstance(self.consulted_on, date):
                raise InvalidValue("자문 일자를 입력해 주세요.", field="consulted_on")
            hours(self.hours, "hours", "자문 시간")
            required_text(self.topic, "topic", "자문 주제", max_length=4000)

        def apply(self, aggregate: Any) -> None:
            aggregate.company_id = self.company_id
            aggregate.region = self.region
            aggregate.channel = self.channel
            aggregate.institute = self.institute
            aggregate.consulted_on = self.consulted_on
            aggregate.hours = self.hours
            aggregate.topic = self.topic
            aggregate.counselor = self.recorded_by
            aggregate.cancelled_reason = None

        def describe(self, reference: ReferenceData) -> str:
            by = f", {reference.institute(self.institute).name}" if self.institute else ""
            return f"기술지도·자문 {self.consulted_on.isoformat()} ({self.hours:g}시간{by}): {self.topic}"

    class Cancelled(DariEvent):
        """A record entered by mistake is cancelled, never deleted."""

        TOPIC = "dari.ConsultingRecord.Cancelled"
        reason: str

        def check(self, aggregate: ConsultingRecord, reference: ReferenceData) -> None:
            if aggregate.cancelled_reason is not None:
                raise IllegalTransition("이미 취소된 자문 기록입니다.")
            required_text(self.reason, "reason", "취소 사유")

        def apply(self, aggregate: ConsultingRecord) -> None:
            aggregate.cancelled_reason = self.reason

        def describe(self, reference: ReferenceData) -> str:
            return f"자문 기록 취소: {self.reason}"

    def __init__(self) -> None:
        """The state is set by the creation event's ``apply``, never by arguments."""

    company_id: UUID
    region: str
    channel: str
    institute: str | None
    consulted_on: date
    hours: float
    topic: str
    counselor: str
    cancelled_reason: str | None

    @property
    def counts(self) -> bool:
        """Whether the record counts in the KPIs."""
        return self.cancelled_reason is None

    @classmethod
    def record(
        cls,
        *,
        company_id: UUID,
        region: str,
        channel: str,
        consulted_on: date,
        hours: float,
        topic: str,
        institute: str | None = None,
        by: Recording,
        record_id: UUID | None = None,
    ) -> ConsultingRecord:
        return cls._begin(
            cls.Recorded,
            by,
            record_id or uuid4(),
            company_id=company_id,
            region=region,
            channel=channel,
            institute=institute,
            consulted_on=consulted_on,
            hours=hours,
            topic=topic,
        )

    def cancel(self, reason: str, *, by: Recording) -> None:
        self._record(self.Cancelled, by, reason=reason)
