"""Builders for the domain tests: a fixed recording context and cases walked through
their lifecycle, so each test states only what it is about."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.errors import DomainError
from domain.recording import Recording

# Mon 2024-06-10: a week without public holidays.
MONDAY_9 = datetime(2024, 6, 10, 9, 0, tzinfo=KST)

BY = Recording("counselor-kim", "laptop-1", at=MONDAY_9)
"""The counselor who records everything unless a test says otherwise."""

LIAISON = Recording("liaison-park", "kimm-desktop", at=MONDAY_9)
"""An institute liaison (출연연 전담조직) on another device."""

BUSINESS_NUMBER = with_check_digit("123456789")

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def assert_korean(error: DomainError, *, field: str | None = None) -> None:
    """The error speaks Korean to the counselor and, when given, blames ``field``."""
    assert has_hangul(error.message), error.message
    assert has_hangul(str(error)), str(error)
    if field is not None:
        assert error.field == field, (error.field, error.message)


def a_company(
    *,
    business_number: str = BUSINESS_NUMBER,
    name: str = "다리정밀",
    region: str = "daejeon",
    industry: str = "금형 제조",
    size: str = "small",
    has_research_lab: bool = True,
    by: Recording = BY,
) -> Company:
    return Company.register(
        business_number=business_number,
        name=name,
        region=region,
        industry=industry,
        size=size,
        has_research_lab=has_research_lab,
        by=by,
    )


COMPANY_ID: UUID = a_company().id


def a_received_case(
    *,
    service: str = "difficulty_resolution",
    details: dict[str, Any] | None = None,
    region: str = "daejeon",
    channel: str = "hotline_1379",
    description: str = "사출 금형에 균열이 반복해서 생깁니다.",
    by: Recording = BY,
) -> Case:
    return Case.receive(
        company_id=COMPANY_ID,
        region=region,
        channel=channel,
        service=service,
        description=description,
        details=details,
        by=by,
    )


def a_classified_case(*, by: Recording = BY) -> Case:
    case = a_received_case(by=by)
    case.classify(service="difficulty_resolution", technology_field="금형", urgency="urgent", by=by)
    return case


def an_assigned_case(institute: str = "KIMM", *, by: Recording = BY) -> Case:
    case = a_classified_case(by=by)
    case.assign_institute(institute, by=by)
    return case


def an_accepted_case(institute: str = "KIMM", *, by: Recording = BY) -> Case:
    case = an_assigned_case(institute, by=by)
    case.accept_assignment(institute, by=by)
    return case


def a_case_in_contact(institute: str = "KIMM", *, by: Recording = BY) -> Case:
    case = an_accepted_case(institute, by=by)
    case.make_first_contact(method="phone", summary="대표와 통화, 현장 방문 약속", by=by)
    return case


def a_planned_case(*, by: Recording = BY) -> Case:
    case = a_case_in_contact(by=by)
    case.plan_resolution(
        kind="rnd",
        program="demand_responsive",
        budget_krw=20_000_000,
        duration_months=3,
        summary="금형 소재 공동 개선",
        by=by,
    )
    return case


def an_agreed_case(*, by: Recording = BY) -> Case:
    case = a_planned_case(by=by)
    case.sign_agreement(date(2024, 6, 14), by=by)
    return case


def a_resolved_case(*, by: Recording = BY) -> Case:
    case = an_agreed_case(by=by)
    case.resolve(outcome="resolved", summary="균열 원인 제거", by=by)
    return case


def a_closed_case(*, by: Recording = BY) -> Case:
    case = a_resolved_case(by=by)
    case.survey_follow_up(satisfaction=5, comment="빠른 대응 감사합니다", by=by)
    case.close(by=by)
    return case


def snapshot(case: Case) -> tuple[int, int, str]:
    """What a refused command must leave alone: version, pending events, status."""
    return case.version, len(case.pending_events), str(case.status)
