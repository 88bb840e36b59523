"""A generated national scenario with known ground truth, for the KPI oracle test.

Each case, consulting record and engagement is first *planned* (who, where, when, and
what happens to it), then carried out with real domain commands. The plans state their
own SLA verdicts by construction, with margins no holiday can upset: a first contact
within 24 hours of intake meets the 3-business-day promise, one 14 days or more later
misses it; an agreement signed within 5 days of the plan meets the 2-week promise, one
25 days or more later misses it; a case left without contact or signature long before
the report's instant is overdue. The test counts its expectations from these plans
alone, never with the projection code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fact_builders import FUNDABLE, LIAISON, a_case, a_company, a_consulting_record, at, kst

from domain.aggregate import DariAggregate
from domain.case import Case
from domain.company import Company
from domain.mentoring import MentoringEngagement, MentoringStage
from domain.projections.events import FactEvent, fact_event_from

REGIONS = ("seoul", "daejeon", "busan")
INSTITUTES = ("KIMM", "KIST", "ETRI", "KITECH")
CHANNELS = ("hotline_1379", "online", "visit", "app")
SERVICES = ("difficulty_resolution", "db_disclosure", "technology_transfer")
PERIOD_START = date(2024, 1, 1)
PERIOD_END = date(2024, 4, 1)
AS_OF = kst(2024, 7, 31, 18)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class CompanyPlan:
    number: int
    region: str
    lab_at_first: bool
    lab_changed: bool

    @property
    def lab(self) -> bool:
        """The research-lab flag as of the report."""
        return self.lab_at_first != self.lab_changed


@dataclass(frozen=True)
class CasePlan:
    company: int
    region: str
    channel: str
    service: str
    received_at: datetime
    designations: tuple[str, ...]
    """Institutes designated in turn; every one but the last returned the case."""
    last_returns_it: bool
    assign_after_hours: int | None
    contact_after_hours: int | None
    withdrawn_after_hours: int | None
    program: str | None
    """``"none"`` for a technology-transfer plan, None for no plan."""
    sign_after_days: int | None
    resolve_after_days: int | None
    reopened_and_resolved_again_after_days: int | None
    satisfaction: int | None

    @property
    def institute(self) -> str | None:
        """The institute the case ends with."""
        if not self.designations or self.last_returns_it:
            return None
        return self.designations[-1]

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_after_hours is not None

    @property
    def planned_at(self) -> datetime | None:
        if self.program is None or self.contact_after_hours is None:
            return None
        return self.received_at + (self.contact_after_hours + 24) * HOUR

    @property
    def resolved_at(self) -> datetime | None:
        """The latest resolution."""
        if self.resolve_after_days is None:
            return None
        planned_at = self.planned_at
        assert planned_at is not None
        first = planned_at + self.resolve_after_days * DAY
        if self.reopened_and_resolved_again_after_days is None:
            return first
        return first + self.reopened_and_resolved_again_after_days * DAY

    @property
    def latest_satisfaction(self) -> int | None:
        """A reopened case was surveyed (1 point) before it was reopened."""
        if self.satisfaction is not None:
            return self.satisfaction
        return 1 if self.reopened_and_resolved_again_after_days is not None else None

    @property
    def first_response(self) -> str | None:
        """The verdict the plan guarantees (see the module docstring)."""
        if self.contact_after_hours is not None:
            return "met" if self.contact_after_hours <= 24 else "missed"
        return None if self.withdrawn else "overdue"

    @property
    def agreement(self) -> str | None:
        if self.program != "demand_responsive":
            return None
        if self.sign_after_days is not None:
            return "met" if self.sign_after_days <= 5 else "missed"
        if self.resolve_after_days is not None or self.withdrawn:
            return None
        return "overdue"


@dataclass(frozen=True)
class ConsultingPlan:
    company: int
    region: str
    channel: str
    institute: str | None
    consulted_on: date
    cancelled: bool


@dataclass(frozen=True)
class MentoringPlan:
    region: str
    started_at: datetime
    stages: tuple[str, ...]
    """Stages in the order reached; a stage may come back after a step back."""


@dataclass(frozen=True)
class Scenario:
    companies: tuple[CompanyPlan, ...]
    cases: tuple[CasePlan, ...]
    consulting: tuple[ConsultingPlan, ...]
    mentoring: tuple[MentoringPlan, ...]


# --- planning -------------------------------------------------------------------------------


def plan_scenario(seed: int = 2013) -> Scenario:
    """60 cases received from January to March 2024 (and a few just outside), across
    3 regions and 4 institutes, with consulting records and mentoring engagements."""
    rng = random.Random(seed)
    companies = tuple(
        CompanyPlan(n, rng.choice(REGIONS), rng.random() < 0.5, n % 10 == 3) for n in range(30)
    )
    in_period = [_case_plan(rng, _instant(rng, PERIOD_START, PERIOD_END)) for _ in range(60)]
    outside = [
        _case_plan(rng, _instant(rng, date(2023, 12, 1), PERIOD_START)) for _ in range(3)
    ] + [_case_plan(rng, _instant(rng, PERIOD_END, date(2024, 4, 20))) for _ in range(3)]
    consulting = tuple(_consulting_plan(rng) for _ in range(40))
    mentoring = tuple(_mentoring_plan(rng) for _ in range(10))
    return Scenario(companies, (*in_period, *outside), consulting, mentoring)


def _instant(rng: random.Random, start: date, end: date) -> datetime:
    day = start + timedelta(days=rng.randrange((end - start).days))
    return kst(day.year, day.month, day.day, 8 + rng.randrange(9), rng.randrange(60))


def _case_plan(rng: random.Random, received_at: datetime) -> CasePlan:
    path = rng.random()
    designations: tuple[str, ...] = ()
    last_returns_it = False
    assign_h = contact_h = withdrawn_h = sign_d = resolve_d = again_d = satisfaction = None
    program: str | None = None
    fast = rng.random() < 0.7
    if path >= 0.06:
        designations = tuple(rng.sample(INSTITUTES, 2 if rng.random() < 0.2 else 1))
        assign_h = rng.randrange(1, 20) if fast else rng.randrange(1, 100)
        last_returns_it = 0.06 <= path < 0.12
    if path >= 0.12 and path < 0.20:
        withdrawn_h = (assign_h or 0) + 30  # withdrawn before any contact
    elif path >= 0.20:
        assert assign_h is not None
        contact_h = rng.randrange(assign_h + 4, 25) if fast else 14 * 24 + rng.randrange(100)
        if path < 0.24:
            withdrawn_h = contact_h + 5  # withdrawn after the contact
        elif path >= 0.30:
            program = rng.choice(
                ("none", "demand_responsive", "demand_responsive", "institute_main")
            )
            if program == "demand_responsive" and rng.random() < 0.8:
                sign_d = rng.randrange(1, 6) if rng.random() < 0.7 else 25 + rng.randrange(5)
            if rng.random() < 0.75:
                resolve_d = (sign_d or 0) + 5 + rng.randrange(35)
                again_d = 7 if rng.random() < 0.1 else None
                satisfaction = rng.randrange(1, 6) if rng.random() < 0.6 else None
    return CasePlan(
        company=rng.randrange(30),
        region=rng.choice(REGIONS),
        channel=rng.choice(CHANNELS),
        service=rng.choice(SERVICES),
        received_at=received_at,
        designations=designations,
        last_returns_it=last_returns_it,
        assign_after_hours=assign_h,
        contact_after_hours=contact_h,
        withdrawn_after_hours=withdrawn_h,
        program=program,
        sign_after_days=sign_d,
        resolve_after_days=resolve_d,
        reopened_and_resolved_again_after_days=again_d,
        satisfaction=satisfaction,
    )


def _consulting_plan(rng: random.Random) -> ConsultingPlan:
    consulted_on = date(2023, 12, 15) + timedelta(days=rng.randrange(130))
    return ConsultingPlan(
        company=rng.randrange(30),
        region=rng.choice(REGIONS),
        channel=rng.choice(CHANNELS),
        institute=rng.choice((None, *INSTITUTES)),
        consulted_on=consulted_on,
        cancelled=rng.random() < 0.15,
    )


def _mentoring_plan(rng: random.Random) -> MentoringPlan:
    order = [stage.value for stage in MentoringStage]
    reached = order[: rng.randrange(len(order) + 1)]
    if len(reached) >= 2 and rng.random() < 0.3:
        reached += [reached[-2], reached[-1]]  # a step back, then forward again
    return MentoringPlan(
        region=rng.choice(REGIONS),
        started_at=_instant(rng, date(2023, 12, 20), date(2024, 4, 10)),
        stages=tuple(reached),
    )


# --- carrying the plans out -------------------------------------------------------------------


def scenario_events(scenario: Scenario) -> list[FactEvent]:
    """Every planned thing done with domain commands, in the stored event form, in
    the order the central store would hold them (by time, then by aggregate)."""
    companies = [_company(plan) for plan in scenario.companies]
    ids = [company.id for company in companies]
    aggregates: list[DariAggregate] = [
        *companies,
        *(_case(plan, ids) for plan in scenario.cases),
        *(_consulting(plan, ids) for plan in scenario.consulting),
        *(_engagement(plan, ids, n) for n, plan in enumerate(scenario.mentoring)),
    ]
    events = [fact_event_from(e) for aggregate in aggregates for e in aggregate.pending_events]
    events.sort(key=lambda e: e.recorded_at)  # stable: each aggregate keeps its order
    assert all(e.recorded_at <= AS_OF for e in events)
    return events


def _company(plan: CompanyPlan) -> Company:
    company = a_company(
        plan.number, region=plan.region, lab=plan.lab_at_first, when=kst(2023, 11, 1, 9)
    )
    if plan.lab_changed:
        company.change_research_lab(not plan.lab_at_first, by=at(kst(2024, 5, 2, 9)))
    return company


def _case(plan: CasePlan, company_ids: list[object]) -> Case:
    received = plan.received_at
    case = a_case(
        when=received,
        company_id=company_ids[plan.company],  # type: ignore[arg-type]
        region=plan.region,
        channel=plan.channel,
        service=plan.service,
    )
    if plan.assign_after_hours is not None:
        moment = received + plan.assign_after_hours * HOUR
        for turn, institute in enumerate(plan.designations):
            case.assign_institute(institute, by=at(moment))
            moment += HOUR / 4
            last = turn == len(plan.designations) - 1
            if not last or plan.last_returns_it:
                case.decline_assignment(institute, "보유 기술 없음", by=at(moment, LIAISON))
            else:
                case.accept_assignment(institute, by=at(moment, LIAISON))
            moment += HOUR / 4
    if plan.contact_after_hours is not None:
        case.make_first_contact(
            method="phone", summary="대표와 통화", by=at(received + plan.contact_after_hours * HOUR)
        )
    if plan.withdrawn_after_hours is not None:
        case.withdraw("기업이 자체 해결", by=at(received + plan.withdrawn_after_hours * HOUR))
        return case
    planned_at = plan.planned_at
    if planned_at is None:
        return case
    _plan_resolution(case, plan.program, planned_at)
    if plan.sign_after_days is not None:
        signed_at = planned_at + plan.sign_after_days * DAY
        case.sign_agreement(signed_at.date(), by=at(signed_at, LIAISON))
    if plan.resolve_after_days is None:
        return case
    resolved_at = planned_at + plan.resolve_after_days * DAY
    case.resolve(outcome="resolved", summary="해결", by=at(resolved_at, LIAISON))
    if plan.reopened_and_resolved_again_after_days is not None:
        case.survey_follow_up(satisfaction=1, comment="재발", by=at(resolved_at + HOUR))
        case.reopen("재발", by=at(resolved_at + 2 * HOUR))
        resolved_at = plan.resolved_at or resolved_at
        case.resolve(outcome="resolved", summary="재해결", by=at(resolved_at, LIAISON))
    if plan.satisfaction is not None:
        case.survey_follow_up(satisfaction=plan.satisfaction, by=at(resolved_at + 3 * DAY))
        case.close(by=at(resolved_at + 4 * DAY))
    return case


def _plan_resolution(case: Case, program: str | None, planned_at: datetime) -> None:
    if program == "none":
        case.plan_resolution(kind="technology_transfer", summary="기술이전", by=at(planned_at))
        return
    assert program is not None
    budget, months = FUNDABLE[program]
    case.plan_resolution(
        kind="rnd",
        program=program,
        budget_krw=budget,
        duration_months=months,
        summary="공동 R&D",
        by=at(planned_at, LIAISON),
    )


def _consulting(plan: ConsultingPlan, company_ids: list[object]) -> DariAggregate:
    recorded = plan.consulted_on + DAY
    record = a_consulting_record(
        company_id=company_ids[plan.company],  # type: ignore[arg-type]
        region=plan.region,
        channel=plan.channel,
        institute=plan.institute,
        consulted_on=plan.consulted_on,
        when=kst(recorded.year, recorded.month, recorded.day, 10),
    )
    if plan.cancelled:
        record.cancel("중복 입력", by=at(kst(recorded.year, recorded.month, recorded.day, 11)))
    return record


def _engagement(plan: MentoringPlan, company_ids: list[object], n: int) -> DariAggregate:
    engagement = MentoringEngagement.start(
        senior_company_id=company_ids[n],  # type: ignore[arg-type]
        junior_company_id=company_ids[n + 10],  # type: ignore[arg-type]
        coordinator="코디네이터 이",
        region=plan.region,
        by=at(plan.started_at),
    )
    moment = plan.started_at
    for stage in plan.stages:
        moment += 7 * DAY
        engagement.reach_stage(stage, reason="단계 조정", by=at(moment))
    return engagement
