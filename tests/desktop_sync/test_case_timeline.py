"""A case's timeline on this computer: canonical history, then local events with a
badge (동기화됨, 전송 대기, 충돌, 거부), each said in Korean and in Korean time."""

from __future__ import annotations

from uuid import UUID, uuid4

from sync_builders import CENTRAL, LIAISON, OTHER_COUNSELOR, a_case, a_company

from desktop.local.case_timeline import TimelineBadge, case_timeline
from desktop.local.outbox import OutboxStatus, PushOutcome
from desktop.local.workspace import Workspace
from domain.aggregate import DariAggregate, DariEvent


def pulled(*aggregates: DariAggregate) -> list[tuple[UUID, DariEvent]]:
    return [
        (uuid4(), e) for a in aggregates for e in a.collect_events() if isinstance(e, DariEvent)
    ]


def a_case_assigned_to_kimm_on_the_server(workspace: Workspace) -> UUID:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    case.assign_institute("KIMM", by=CENTRAL)
    workspace.add_canonical(pulled(company, case), cursor=3)
    return case.id


def test_canonical_events_are_synced_and_described_in_korean_in_korean_time(
    workspace: Workspace,
) -> None:
    case_id = a_case_assigned_to_kimm_on_the_server(workspace)

    timeline = case_timeline(workspace, case_id, names={"central.lee": "이통합"})

    assert [e.badge for e in timeline] == [TimelineBadge.SYNCED, TimelineBadge.SYNCED]
    assert timeline[0].text.startswith("접수 (1379 상담전화")
    assert timeline[1].text == "담당 출연연 지정: 한국기계연구원"
    assert timeline[1].who == "이통합"
    assert timeline[0].who == "counselor.park"
    assert timeline[1].when == "2024-09-02 12:00"


def test_a_local_event_is_shown_after_the_canonical_ones_waiting_to_be_sent(
    workspace: Workspace,
) -> None:
    case_id = a_case_assigned_to_kimm_on_the_server(workspace)
    local = workspace.load_case(case_id)
    local.accept_assignment("KIMM", by=LIAISON)
    workspace.record(local)

    timeline = case_timeline(workspace, case_id)

    last = timeline[-1]
    assert (last.badge, last.badge.label) == (TimelineBadge.PENDING, "전송 대기")
    assert last.text == "한국기계연구원 지정 수락"
    assert last.reason is None
    assert last.event_id is not None


def test_a_local_event_overtaken_by_a_pulled_one_is_a_conflict_with_the_korean_reason(
    workspace: Workspace,
) -> None:
    case_id = a_case_assigned_to_kimm_on_the_server(workspace)
    local = workspace.load_case(case_id)
    local.accept_assignment("KIMM", by=LIAISON)
    workspace.record(local)
    elsewhere = workspace.store.case(case_id)
    elsewhere.assign_institute("ETRI", by=CENTRAL)
    workspace.add_canonical(pulled(elsewhere), cursor=4)

    timeline = case_timeline(workspace, case_id)

    assert [e.badge for e in timeline] == [
        TimelineBadge.SYNCED,
        TimelineBadge.SYNCED,
        TimelineBadge.SYNCED,
        TimelineBadge.CONFLICT,
    ]
    assert timeline[-1].badge.label == "충돌"
    assert "지정되어 있지 않습니다" in (timeline[-1].reason or "")


def test_an_event_the_server_refused_stays_on_the_timeline_with_the_servers_reason(
    workspace: Workspace,
) -> None:
    case_id = a_case_assigned_to_kimm_on_the_server(workspace)
    local = workspace.load_case(case_id)
    local.add_note("현장 방문 예정", by=LIAISON)
    [event_id] = workspace.record(local)
    workspace.outbox.record_outcomes(
        [PushOutcome(event_id, OutboxStatus.REJECTED, reason="권한이 없습니다.")]
    )

    timeline = case_timeline(workspace, case_id)

    assert (timeline[-1].badge.label, timeline[-1].reason) == ("거부", "권한이 없습니다.")
    assert timeline[-1].text == "메모: 현장 방문 예정"
