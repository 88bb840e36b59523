"""The demo workspace's mentoring (기술협력 멘토링): seven engagements between the demo
companies, at every stage of the package, one concluded, one that went back a stage
with a reason, and the last two with events recorded here and waiting to be sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from desktop.local.workspace import Workspace
from domain.business_calendar import KST
from domain.company import Company
from domain.mentoring import MentoringEngagement, MentoringStage
from domain.recording import Recording

Clock = Callable[[datetime], Recording]

TOPICS = (
    ("공정 불량 원인 분석", "불량 유형별 원인 분류표와 관리도 운영 방법"),
    ("시제품 신뢰성 시험", "가속 수명 시험 조건 설계와 인증 기관 선정 경험"),
    ("해외 인증 대응", "CE·UL 인증 서류 준비 순서와 소요 기간"),
    ("원가 절감", "부품 공용화와 협력사 단가 협상 사례"),
    ("판로 개척", "대기업 협력사 등록 절차와 전시회 활용 방법"),
    ("투자 유치 준비", "IR 자료 구성과 정책 자금 연계 경험"),
)


@dataclass(frozen=True)
class _Plan:
    senior: int
    junior: int
    coordinator: str
    started_days_ago: int
    sessions: int
    tasks: tuple[str, ...]
    stages: tuple[MentoringStage, ...]
    group: str | None = None
    back_to: MentoringStage | None = None
    concluded: bool = False


S = MentoringStage
PLANS = (
    _Plan(
        15,
        8,
        "한지원",
        150,
        4,
        ("전기차 배터리 팩 경량 하우징", "BMS 열관리 모듈"),
        (S.TASK_SELECTION, S.RND, S.COMMERCIALISATION),
        "대전 모빌리티 부품 교류회",
    ),
    _Plan(12, 6, "오세영", 120, 3, ("금형 냉각 채널 최적화",), (S.TASK_SELECTION, S.RND)),
    _Plan(
        2,
        5,
        "한지원",
        200,
        6,
        ("발효 미생물 기반 진단 키트",),
        (S.TASK_SELECTION, S.RND, S.COMMERCIALISATION, S.INVESTMENT, S.OVERSEAS),
        "대덕 바이오 헬스 교류회",
        concluded=True,
    ),
    _Plan(
        4,
        11,
        "오세영",
        90,
        3,
        ("스마트 팜 환경 제어 로봇",),
        (S.TASK_SELECTION, S.RND, S.COMMERCIALISATION),
        back_to=S.RND,
    ),
    _Plan(13, 9, "한지원", 40, 1, (), ()),
    _Plan(7, 1, "오세영", 60, 2, ("고온 압력 센서 보정 모듈",), (S.TASK_SELECTION,)),
    _Plan(3, 10, "한지원", 3, 0, (), ()),
)
PENDING_FROM = 5
"""Engagements from this one on have their last event recorded here (not yet sent)."""


def fill_demo_mentoring(
    workspace: Workspace,
    companies: Sequence[Company],
    *,
    now: datetime,
    by: Clock,
    region: str,
) -> list[MentoringEngagement]:
    engagements = []
    for number, plan in enumerate(PLANS):
        start = _office_hours(now - timedelta(days=plan.started_days_ago), 0)
        engagement = MentoringEngagement.start(
            senior_company_id=companies[plan.senior].id,
            junior_company_id=companies[plan.junior].id,
            coordinator=plan.coordinator,
            region=region,
            by=by(start),
        )
        if number < PENDING_FROM:
            _advance(engagement, plan, start, now, by)
            workspace.store.record(engagement)
        elif plan.sessions:
            _advance(engagement, replace(plan, sessions=plan.sessions - 1), start, now, by)
            workspace.store.record(engagement)  # pulled; the newest session recorded here
            _last_session(engagement, now, by)
            workspace.record(engagement)
        else:
            workspace.record(engagement)  # started here today
        engagements.append(engagement)
    return engagements


def _advance(
    engagement: MentoringEngagement, plan: _Plan, start: datetime, now: datetime, by: Clock
) -> None:
    """Events spread evenly from the start to now, in office hours; each session is
    followed by a task and a stage while the plan has them."""
    steps = plan.sessions + len(plan.tasks) + len(plan.stages) + 3
    days = max(1, (now - start).days // steps)
    step = 0

    def later() -> Recording:
        nonlocal step
        step += 1
        moment = _office_hours(start + timedelta(days=days * step), step)
        return by(min(moment, now - timedelta(minutes=10)))

    tasks = list(plan.tasks)
    stages = list(plan.stages)
    for session in range(plan.sessions):
        topic, know_how = TOPICS[session % len(TOPICS)]
        recording = later()
        engagement.hold_session(
            held_on=_day(recording),
            hours=2 + session % 3,
            topics=[topic],
            know_how=know_how,
            by=recording,
        )
        if tasks:
            engagement.discover_convergence_task(
                title=tasks.pop(0), description="세션에서 함께 발굴한 융합 R&D 과제", by=later()
            )
        if stages:
            engagement.reach_stage(stages.pop(0), by=later())
    for stage in stages:
        engagement.reach_stage(stage, by=later())
    if plan.group:
        engagement.join_exchange_group(plan.group, by=later())
    if plan.back_to:
        engagement.reach_stage(
            plan.back_to, reason="사업화 전 시제품 성능 보완이 필요함", by=later()
        )
    if plan.concluded:
        engagement.conclude("해외 바이어 계약 체결로 멘토링 목표 달성", by=later())


def _last_session(engagement: MentoringEngagement, now: datetime, by: Clock) -> None:
    recording = by((now - timedelta(hours=5)).astimezone(KST))
    engagement.hold_session(
        held_on=_day(recording),
        hours=2,
        topics=["시제품 신뢰성 시험", "판로 개척"],
        know_how="고온 시험 조건과 대기업 협력사 등록 절차를 공유",
        by=recording,
    )


def _office_hours(moment: datetime, step: int) -> datetime:
    """The same day in Korea, at an hour between 10:00 and 16:00 that varies by step."""
    local = moment.astimezone(KST)
    return local.replace(hour=10 + (step * 3) % 7, minute=(step * 20) % 60, second=0, microsecond=0)


def _day(recording: Recording) -> date:
    assert recording.at is not None
    return recording.at.astimezone(KST).date()
