"""The mentoring list, its stage funnel and one engagement's detail, from the local
workspace (canonical and pending events), without Qt; and the desk that records."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest
from sync_builders import COUNSELOR, a_company

from desktop.local.figures import region_figures
from desktop.local.mentoring_desk import MentoringDesk, records_mentoring
from desktop.local.mentoring_detail import SyncMark, mentoring_detail
from desktop.local.mentoring_list import MentoringList, not_yet_staged, stage_funnel
from desktop.local.outbox import OutboxStatus, PushOutcome
from desktop.local.workspace import Workspace
from domain.access import Actor, Role
from domain.business_number import with_check_digit
from domain.company import Company
from domain.errors import IllegalTransition, NotPermitted
from domain.mentoring import MentoringEngagement, MentoringStage
from domain.projections import Period
from domain.recording import Recording

S = MentoringStage


def companies(workspace: Workspace) -> tuple[Company, Company]:
    senior = a_company("305811234")
    junior = Company.register(
        business_number=with_check_digit("306811331"),
        name="새봄센서",
        region="daejeon",
        industry="산업용 센서",
        size="micro",
        has_research_lab=False,
        by=COUNSELOR,
    )
    workspace.store.record(senior, junior)
    return senior, junior


def an_engagement(
    senior: Company, junior: Company, coordinator: str = "한지원"
) -> MentoringEngagement:
    return MentoringEngagement.start(
        senior_company_id=senior.id,
        junior_company_id=junior.id,
        coordinator=coordinator,
        region="daejeon",
        by=COUNSELOR,
    )


def later(minutes: int) -> Recording:
    assert COUNSELOR.at is not None
    return COUNSELOR.moved_to(COUNSELOR.at + timedelta(minutes=minutes))


def at_stages(
    senior: Company, junior: Company, *stages: MentoringStage, reason: str = ""
) -> MentoringEngagement:
    engagement = an_engagement(senior, junior)
    for minute, stage in enumerate(stages, start=1):
        engagement.reach_stage(stage, reason=reason, by=later(minute))
    return engagement


def a_desk(
    workspace: Workspace, role: Role = Role.COUNSELOR, region: str = "daejeon"
) -> MentoringDesk:
    actor = Actor("counselor.kim", role, region)
    return MentoringDesk(workspace, actor, lambda: later(60))


# The rows ----------------------------------------------------------------------------


def test_a_row_counts_sessions_tasks_and_the_last_session(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    engagement = an_engagement(senior, junior)
    for minute, held_on in enumerate((date(2024, 9, 10), date(2024, 9, 3)), start=1):
        engagement.hold_session(
            held_on=held_on, hours=2, topics=["공정 개선"], know_how="관리도 운영", by=later(minute)
        )
    engagement.discover_convergence_task(title="센서 보정 모듈", description="", by=later(5))
    engagement.reach_stage("task_selection", by=later(6))
    workspace.store.record(engagement)

    [row] = MentoringList(workspace).rows()

    assert (row.senior.name, row.junior.business_number) == ("한빛정밀(주)", junior.business_number)
    assert (row.coordinator, row.region_name, row.stage_label) == (
        "한지원",
        "대전·세종",
        "과제선정",
    )
    assert (row.sessions_held, row.last_session, row.convergence_tasks) == (2, date(2024, 9, 10), 1)
    assert (row.pending, row.will_conflict, row.concluded) == (0, 0, False)


def test_an_engagement_recorded_here_is_listed_as_pending(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    workspace.record(an_engagement(senior, junior))

    [row] = MentoringList(workspace).rows()

    assert row.pending == 1
    assert row.stage is None


def test_a_pending_event_on_a_pulled_engagement_shows_in_its_row(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    engagement = an_engagement(senior, junior)
    workspace.store.record(engagement)
    engagement.reach_stage("rnd", by=later(1))
    workspace.record(engagement)

    [row] = MentoringList(workspace).rows()

    assert (row.stage, row.pending) == (S.RND, 1)


def test_the_filter_needs_every_word_in_companies_coordinator_or_stage(
    workspace: Workspace,
) -> None:
    senior, junior = companies(workspace)
    workspace.store.record(
        at_stages(senior, junior, S.TASK_SELECTION, S.RND),
        an_engagement(junior, senior, coordinator="오세영"),
    )
    listing = MentoringList(workspace)

    assert [r.coordinator for r in listing.rows("오세영")] == ["오세영"]
    assert [r.stage_label for r in listing.rows("r&d 한지원")] == ["R&D"]
    assert listing.rows("r&d 오세영") == []
    assert len(listing.rows("  ")) == 2


# The funnel --------------------------------------------------------------------------


def test_the_funnel_counts_engagements_that_reached_each_stage_in_stage_order(
    workspace: Workspace,
) -> None:
    senior, junior = companies(workspace)
    workspace.store.record(
        at_stages(senior, junior, S.TASK_SELECTION),
        at_stages(senior, junior, S.TASK_SELECTION, S.RND, S.COMMERCIALISATION),
        at_stages(senior, junior, S.RND),  # skipped 과제선정, as the KPI report counts
        an_engagement(senior, junior),
    )

    rows = MentoringList(workspace).rows()
    funnel = stage_funnel(rows)

    assert [(step.label, step.reached, step.current) for step in funnel] == [
        ("과제선정", 2, 1),
        ("R&D", 2, 1),
        ("사업화", 1, 1),
        ("투·융자", 0, 0),
        ("해외진출", 0, 0),
    ]
    assert not_yet_staged(rows) == 1


def test_going_back_a_stage_keeps_the_stage_reached_in_the_funnel(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    engagement = at_stages(senior, junior, S.TASK_SELECTION, S.RND, S.COMMERCIALISATION)
    engagement.reach_stage("rnd", reason="시제품 성능 보완", by=later(30))
    workspace.store.record(engagement)

    funnel = {step.stage: step for step in stage_funnel(MentoringList(workspace).rows())}

    assert funnel[S.COMMERCIALISATION].reached == 1
    assert funnel[S.COMMERCIALISATION].current == 0
    assert funnel[S.RND].current == 1


def test_the_funnel_counts_as_the_kpi_report_does(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    back = at_stages(senior, junior, S.TASK_SELECTION, S.RND, S.COMMERCIALISATION)
    back.reach_stage("rnd", reason="시제품 성능 보완", by=later(30))
    workspace.store.record(
        at_stages(senior, junior, S.RND, S.INVESTMENT), back, an_engagement(senior, junior)
    )
    workspace.record(at_stages(senior, junior, S.TASK_SELECTION))

    funnel = stage_funnel(MentoringList(workspace).rows())
    report = region_figures(workspace, "daejeon", Period.year(2024), as_of=later(60).at)

    assert {step.stage.value: step.reached for step in funnel} == report.overall.mentoring_funnel


# The detail --------------------------------------------------------------------------


def test_the_detail_timeline_marks_synced_and_pending_events(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    engagement = an_engagement(senior, junior)
    engagement.join_exchange_group("대전 모빌리티 교류회", by=later(1))
    workspace.store.record(engagement)
    engagement.reach_stage("task_selection", by=later(2))
    engagement.join_exchange_group("대덕 바이오 교류회", by=later(3))
    workspace.record(engagement)

    detail = mentoring_detail(workspace, engagement.id)

    assert [(e.text, e.mark) for e in detail.timeline] == [
        ("멘토링 시작 (코디네이터 한지원)", SyncMark.SYNCED),
        ("교류회 참여: 대전 모빌리티 교류회", SyncMark.SYNCED),
        ("단계 진행: 과제선정", SyncMark.PENDING),
        ("교류회 참여: 대덕 바이오 교류회", SyncMark.PENDING),
    ]
    assert detail.exchange_groups == ["대전 모빌리티 교류회", "대덕 바이오 교류회"]


def test_an_event_the_server_refused_stays_in_the_timeline_with_its_reason(
    workspace: Workspace,
) -> None:
    senior, junior = companies(workspace)
    engagement = an_engagement(senior, junior)
    workspace.store.record(engagement)
    engagement.conclude("목표 달성", by=later(1))
    [event_id] = workspace.record(engagement)
    reason = "이미 종료된 멘토링입니다."
    workspace.outbox.record_outcomes([PushOutcome(event_id, OutboxStatus.CONFLICT, reason=reason)])

    detail = mentoring_detail(workspace, engagement.id)

    assert [(e.text, e.mark, e.reason) for e in detail.timeline][-1] == (
        "멘토링 종료: 목표 달성",
        SyncMark.CONFLICT,
        reason,
    )
    assert not detail.row.concluded


# Recording ---------------------------------------------------------------------------


def test_the_desk_records_a_session_as_a_pending_event(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    desk = a_desk(workspace)
    engagement_id = desk.start(
        senior_company_id=senior.id,
        junior_company_id=junior.id,
        coordinator="한지원",
        region="daejeon",
    )

    desk.hold_session(
        engagement_id, held_on=date(2024, 9, 2), hours=1.5, topics=["판로"], know_how="전시회"
    )

    assert len(workspace.pending_for(engagement_id)) == 2
    assert workspace.load_mentoring(engagement_id).sessions[0].hours == 1.5


def test_the_desk_refuses_going_back_without_a_reason_and_records_nothing(
    workspace: Workspace,
) -> None:
    senior, junior = companies(workspace)
    engagement = at_stages(senior, junior, S.TASK_SELECTION, S.RND)
    workspace.store.record(engagement)

    with pytest.raises(IllegalTransition) as refused:
        a_desk(workspace).reach_stage(engagement.id, "task_selection")

    assert "사유를 입력해 주세요" in refused.value.message
    assert workspace.pending_for(engagement.id) == []


def test_a_counselor_of_another_region_may_not_record(workspace: Workspace) -> None:
    senior, junior = companies(workspace)
    engagement = an_engagement(senior, junior)
    workspace.store.record(engagement)

    with pytest.raises(NotPermitted):
        a_desk(workspace, region="seoul").conclude(engagement.id, "목표 달성")

    assert workspace.pending_for(engagement.id) == []


@pytest.mark.parametrize(
    ("role", "shown"),
    [("counselor", True), ("central", True), ("liaison", False), ("admin", False), (None, False)],
)
def test_the_roles_that_record_mentoring(role: str | None, shown: bool) -> None:
    assert records_mentoring(role) is shown


def test_an_unknown_engagement_has_no_detail(workspace: Workspace) -> None:
    missing: UUID = uuid4()

    with pytest.raises(Exception, match="멘토링을 찾을 수 없습니다"):
        mentoring_detail(workspace, missing)
