"""The record file: domain commands as JSON, stored all together or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest

from desktop.local.record_file import RecordFileError, record_file
from desktop.local.workspace import Workspace
from domain.business_number import with_check_digit
from domain.case_status import CaseStatus

SENIOR = with_check_digit("305811234")
JUNIOR = with_check_digit("307864521")
CASE_ID = UUID("5b0c0d0e-0000-4000-8000-000000000001")
ENGAGEMENT_ID = UUID("5b0c0d0e-0000-4000-8000-000000000002")


def write(tmp_path: Path, content: Any) -> Path:
    path = tmp_path / "commands.json"
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def record(workspace: Workspace, tmp_path: Path, content: Any) -> list[UUID]:
    recorded = record_file(
        workspace, write(tmp_path, content), user="counselor.kim", device="laptop-1"
    )
    return recorded.event_ids


def company(number: str, name: str) -> dict[str, Any]:
    return {
        "command": "register_company",
        "business_number": number,
        "name": name,
        "region": "daejeon",
        "industry": "정밀 도금",
        "size": "small",
        "has_research_lab": True,
    }


RECEIVE = {
    "command": "receive_case",
    "case_id": str(CASE_ID),
    "business_number": SENIOR,
    "region": "daejeon",
    "channel": "hotline_1379",
    "service": "difficulty_resolution",
    "description": "니켈 도금층이 열처리 후 박리됩니다.",
    "at": "2024-09-13T15:00:00+09:00",
}

WHOLE_CASE = [
    company(SENIOR, "한빛정밀(주)"),
    RECEIVE,
    {
        "command": "classify",
        "case_id": str(CASE_ID),
        "service": "difficulty_resolution",
        "technology_field": "표면처리",
        "urgency": "urgent",
    },
    {"command": "assign_institute", "case_id": str(CASE_ID), "institute": "ETRI"},
    {
        "command": "decline_assignment",
        "case_id": str(CASE_ID),
        "institute": "ETRI",
        "reason": "해당 분야 인력 없음",
    },
    {"command": "assign_institute", "case_id": str(CASE_ID), "institute": "KIMM"},
    {"command": "accept_assignment", "case_id": str(CASE_ID), "institute": "KIMM"},
    {
        "command": "first_contact",
        "case_id": str(CASE_ID),
        "method": "visit",
        "summary": "현장 방문",
    },
    {"command": "add_note", "case_id": str(CASE_ID), "text": "도금 라인 점검"},
    {
        "command": "plan_resolution",
        "case_id": str(CASE_ID),
        "kind": "rnd",
        "program": "demand_responsive",
        "budget_krw": 25_000_000,
        "duration_months": 3,
        "summary": "전처리 조건 최적화",
    },
    {"command": "sign_agreement", "case_id": str(CASE_ID), "signed_on": "2024-10-02"},
    {"command": "resolve", "case_id": str(CASE_ID), "outcome": "resolved", "summary": "불량률 1%"},
    {"command": "survey", "case_id": str(CASE_ID), "satisfaction": 5, "comment": "만족"},
    {"command": "close", "case_id": str(CASE_ID)},
]

MENTORING = [
    company(SENIOR, "한빛정밀(주)"),
    company(JUNIOR, "새봄센서"),
    {
        "command": "start_mentoring",
        "engagement_id": str(ENGAGEMENT_ID),
        "senior_business_number": SENIOR,
        "junior_business_number": JUNIOR,
        "coordinator": "한코디",
        "region": "daejeon",
    },
    {
        "command": "mentoring_session",
        "engagement_id": str(ENGAGEMENT_ID),
        "held_on": "2024-10-01",
        "hours": 2,
        "topics": ["도금 품질 관리"],
        "know_how": "전처리 세정 순서",
    },
]


def test_a_whole_case_from_intake_to_closing_is_recorded_as_pending_events(
    workspace: Workspace, tmp_path: Path
) -> None:
    event_ids = record(workspace, tmp_path, WHOLE_CASE)

    case = workspace.load_case(CASE_ID)
    assert case.status is CaseStatus.CLOSED
    assert case.institute == "KIMM" and case.notes == ["도금 라인 점검"]
    assert case.received_at.isoformat() == "2024-09-13T15:00:00+09:00"
    assert len(event_ids) == workspace.pending_count() == 14


def test_a_mentoring_engagement_and_its_session_are_recorded(
    workspace: Workspace, tmp_path: Path
) -> None:
    record(workspace, tmp_path, MENTORING)

    engagement = workspace.load_mentoring(ENGAGEMENT_ID)
    assert engagement.coordinator == "한코디"
    assert [s.topics for s in engagement.sessions] == [("도금 품질 관리",)]


def test_one_command_object_alone_is_a_valid_file(workspace: Workspace, tmp_path: Path) -> None:
    record(workspace, tmp_path, company(SENIOR, "한빛정밀(주)"))

    assert workspace.pending_count() == 1


def test_a_later_file_can_continue_a_case_recorded_earlier(
    workspace: Workspace, tmp_path: Path
) -> None:
    record(workspace, tmp_path, [company(SENIOR, "한빛정밀(주)"), RECEIVE])

    record(workspace, tmp_path, {"command": "add_note", "case_id": str(CASE_ID), "text": "메모"})

    assert workspace.load_case(CASE_ID).notes == ["메모"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{ not json", "JSON 형식이 올바르지 않습니다"),
        ("[]", "기록할 명령이 없습니다"),
        ("[1]", "JSON 객체여야 합니다"),
        ({"case_id": str(CASE_ID)}, "'command' 항목이 필요합니다"),
        ({"command": "teleport"}, "알 수 없는 명령입니다: 'teleport'"),
        ({**company(SENIOR, "한빛"), "colour": "red"}, "알 수 없는 항목입니다: 'colour'"),
        ({**company(SENIOR, "한빛"), "has_research_lab": "yes"}, "true 또는 false"),
        ({"command": "add_note", "case_id": "abc", "text": "x"}, "UUID"),
        ({"command": "add_note", "case_id": str(uuid4()), "text": "x"}, "찾을 수 없습니다"),
        ({**RECEIVE, "at": "2024-09-13T15:00:00"}, "시간대"),
    ],
    ids=[
        "broken json",
        "empty list",
        "not an object",
        "no command",
        "unknown command",
        "unknown key",
        "wrong type",
        "bad id",
        "unknown case",
        "instant without zone",
    ],
)
def test_a_malformed_file_is_refused_in_korean_and_stores_nothing(
    workspace: Workspace, tmp_path: Path, content: Any, expected: str
) -> None:
    with pytest.raises(RecordFileError) as refused:
        record(workspace, tmp_path, content)

    assert expected in refused.value.message
    assert workspace.pending_count() == 0


def test_a_broken_domain_rule_in_a_later_command_stores_none_of_the_earlier_ones(
    workspace: Workspace, tmp_path: Path
) -> None:
    commands = [
        company(SENIOR, "한빛정밀(주)"),
        RECEIVE,
        {"command": "accept_assignment", "case_id": str(CASE_ID), "institute": "KIMM"},
    ]

    with pytest.raises(RecordFileError) as refused:
        record(workspace, tmp_path, commands)

    assert refused.value.message.startswith("명령 3 (accept_assignment)")
    assert workspace.pending_count() == 0
    assert workspace.case_ids() == []


def test_a_company_cannot_be_registered_twice(workspace: Workspace, tmp_path: Path) -> None:
    record(workspace, tmp_path, company(SENIOR, "한빛정밀(주)"))

    with pytest.raises(RecordFileError) as refused:
        record(workspace, tmp_path, company(SENIOR, "한빛정밀(주)"))

    assert "이미 있는 기업" in refused.value.message
