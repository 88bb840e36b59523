"""Builders for the projection tests: aggregates changed by real domain commands, and
their events in the form the server stores them (``fact_event_from``), so every fold
is tested against the real payload format."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.aggregate import DariAggregate
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.consulting import ConsultingRecord
from domain.errors import DomainError
from domain.mentoring import MentoringEngagement
from domain.projections.events import FactEvent, fact_event_from
from domain.projections.facts import CaseFacts, evolve_case
from domain.recording import Recording
from domain.reference import default_reference

REFERENCE = default_reference()

# Mon 2024-06-10: the three weeks from here have no public holidays.
MONDAY_9 = datetime(2024, 6, 10, 9, 0, tzinfo=KST)

COUNSELOR = Recording("counselor-kim", "laptop-1", at=MONDAY_9)
LIAISON = Recording("liaison-park", "kimm-desktop", at=MONDAY_9)

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)


def assert_korean(error: DomainError, *, field: str | None = None) -> None:
    assert _HANGUL.search(error.message), error.message
    if field is not None:
        assert error.field == field, (error.field, error.message)


def at(moment: datetime, by: Recording = COUNSELOR) -> Recording:
    return by.moved_to(moment)


def a_company(
    number: int = 1, *, region: str = "daejeon", lab: bool = True, when: datetime = MONDAY_9
) -> Company:
    return Company.register(
        business_number=with_check_digit(f"{100_000_000 + number:09d}"),
        name=f"다리정밀 {number}",
        region=region,
        industry="금형 제조",
        size="small",
        has_research_lab=lab,
        by=at(when),
    )


COMPANY_ID: UUID = a_company().id


def a_case(
    *,
    when: datetime = MONDAY_9,
    company_id: UUID = COMPANY_ID,
    region: str = "daejeon",
    channel: str = "hotline_1379",
    service: str = "difficulty_resolution",
) -> Case:
    return Case.receive(
        company_id=company_id,
        region=region,
        channel=channel,
        service=service,
        description="사출 금형에 균열이 반복해서 생깁니다.",
        details=DETAILS.get(service),
        by=at(when),
    )


DETAILS: dict[str, dict[str, Any]] = {
    "personnel_exchange": {
        "desired_institute": "KIMM",
        "research_field": "금형",
        "period": "short",
    },
    "information_provision": {"information": "market_information"},
    "technology_transfer": {"desired_field": "금형 소재", "running_royalty": False},
}
"""Details each service needs (the others take none)."""


def plan_rnd(case: Case, program: str, when: datetime) -> None:
    """An R&D plan that ``program`` funds."""
    budget, months = FUNDABLE[program]
    case.plan_resolution(
        kind="rnd",
        program=program,
        budget_krw=budget,
        duration_months=months,
        summary="공동 R&D",
        by=at(when, LIAISON),
    )


FUNDABLE = {
    "demand_responsive": (20_000_000, 3),
    "institute_main": (200_000_000, 9),
    "government_commissioned": (200_000_000, 12),
}


def a_consulting_record(
    *,
    company_id: UUID = COMPANY_ID,
    region: str = "daejeon",
    channel: str = "visit",
    institute: str | None = "KIMS",
    consulted_on: date = date(2024, 6, 11),
    when: datetime = MONDAY_9,
) -> ConsultingRecord:
    return ConsultingRecord.record(
        company_id=company_id,
        region=region,
        channel=channel,
        consulted_on=consulted_on,
        hours=2,
        topic="도금 공정 불량 원인 자문",
        institute=institute,
        by=at(when),
    )


def an_engagement(
    *, region: str = "daejeon", when: datetime = MONDAY_9, senior: int = 11, junior: int = 12
) -> MentoringEngagement:
    return MentoringEngagement.start(
        senior_company_id=a_company(senior).id,
        junior_company_id=a_company(junior).id,
        coordinator="코디네이터 이",
        region=region,
        by=at(when),
    )


def fact_events(*aggregates: DariAggregate) -> list[FactEvent]:
    """The aggregates' events so far (none has been saved), aggregate by aggregate, in
    the form the server stores them."""
    return [fact_event_from(e) for aggregate in aggregates for e in aggregate.pending_events]


def fold_case(events: Iterable[FactEvent]) -> CaseFacts:
    facts: CaseFacts | None = None
    for e in events:
        facts = evolve_case(facts, e, REFERENCE)
    assert facts is not None
    return facts


def case_facts(case: Case) -> CaseFacts:
    return fold_case(fact_events(case))


def with_data(e: FactEvent, **data: Any) -> FactEvent:
    return FactEvent(
        e.topic, e.aggregate_id, e.version, e.recorded_at, e.recorded_by, {**e.data, **data}
    )
