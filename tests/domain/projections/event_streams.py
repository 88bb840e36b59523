"""Hypothesis strategies: random but valid command sequences on real aggregates, and
streams that interleave several aggregates' stored events as a server would receive
them. Commands the aggregate refuses in its current state are skipped, so every
generated event is one the domain accepted; times move on by random steps and now and
then go back a little, as offline devices' clocks do."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from fact_builders import (
    FUNDABLE,
    LIAISON,
    a_case,
    a_company,
    a_consulting_record,
    an_engagement,
    at,
    fact_events,
    kst,
)
from hypothesis import strategies as st

from domain.aggregate import DariAggregate
from domain.case import Case
from domain.case_status import CaseStatus
from domain.errors import DomainError
from domain.mentoring import MentoringStage
from domain.projections.events import FactEvent

START = kst(2024, 1, 2, 9)
INSTITUTES = ("KIMM", "KIST", "ETRI", "KITECH")
PROGRAMS = (
    "demand_responsive",
    None,
    "demand_responsive",
    "institute_main",
    "government_commissioned",
)
REGIONS = ("daejeon", "seoul", "busan")


def _plan(case: Case, now: datetime, pick: int) -> None:
    program = PROGRAMS[pick % len(PROGRAMS)]
    if program is None:
        case.plan_resolution(kind="technology_transfer", summary="기술이전", by=at(now, LIAISON))
        return
    budget, months = FUNDABLE[program]
    case.plan_resolution(
        kind="rnd",
        program=program,
        budget_krw=budget,
        duration_months=months,
        summary="공동 R&D",
        by=at(now, LIAISON),
    )


def _current(case: Case) -> str:
    return case.institute or "KIMM"


_CASE_COMMANDS: dict[str, Callable[[Case, datetime, int], None]] = {
    "classify": lambda c, now, pick: c.classify(
        service="difficulty_resolution", technology_field="금형", urgency="urgent", by=at(now)
    ),
    "assign": lambda c, now, pick: c.assign_institute(
        INSTITUTES[pick % len(INSTITUTES)], by=at(now)
    ),
    "accept": lambda c, now, pick: c.accept_assignment(_current(c), by=at(now, LIAISON)),
    "decline": lambda c, now, pick: c.decline_assignment(
        _current(c), "보유 기술 없음", by=at(now, LIAISON)
    ),
    "contact": lambda c, now, pick: c.make_first_contact(
        method="phone", summary="대표와 통화", by=at(now, LIAISON)
    ),
    "plan": _plan,
    "sign": lambda c, now, pick: c.sign_agreement(now.date(), by=at(now, LIAISON)),
    "resolve": lambda c, now, pick: c.resolve(
        outcome=("resolved", "partially_resolved", "not_resolvable")[pick % 3],
        summary="해결",
        by=at(now, LIAISON),
    ),
    "survey": lambda c, now, pick: c.survey_follow_up(satisfaction=1 + pick % 5, by=at(now)),
    "close": lambda c, now, pick: c.close(by=at(now)),
    "reopen": lambda c, now, pick: c.reopen("재발", by=at(now)),
    "withdraw": lambda c, now, pick: c.withdraw("자체 해결", by=at(now)),
    "wait": lambda c, now, pick: c.start_waiting_on_sme("서류 회신 대기", by=at(now)),
    "resume": lambda c, now, pick: c.end_waiting_on_sme(by=at(now)),
    "note": lambda c, now, pick: c.add_note("메모", by=at(now)),
}

S = CaseStatus
_NEXT: dict[CaseStatus, tuple[str, ...]] = {
    # What may come next in each status, forward steps repeated so that cases progress;
    # "pause" stands for starting or ending a wait on the SME. Withdrawal, which ends a
    # case, comes rarely and apart (see _next_command).
    S.RECEIVED: ("classify", "assign", "assign", "contact", "pause", "note"),
    S.CLASSIFIED: ("assign", "assign", "classify", "contact", "pause"),
    S.ASSIGNED: ("accept", "accept", "accept", "decline", "assign", "contact", "pause"),
    S.DECLINED: ("assign", "assign", "classify", "contact", "pause"),
    S.ACCEPTED: ("contact", "contact", "contact", "assign", "pause"),
    S.IN_CONTACT: ("plan", "plan", "plan", "resolve", "assign", "pause"),
    S.PLANNED: ("sign", "pause", "sign", "pause", "plan", "resolve", "pause"),
    S.AGREED: ("resolve", "resolve", "resolve", "pause"),
    S.RESOLVED: ("survey", "survey", "close", "close", "reopen"),
    S.CLOSED: ("survey", "reopen", "note"),
    S.WITHDRAWN: ("note",),
}
_WITHDRAWABLE = frozenset(s for s in S if s not in (S.RESOLVED, S.CLOSED, S.WITHDRAWN))

_steps = st.lists(
    st.tuples(
        st.integers(0, 999),  # which of the next commands
        st.one_of(
            st.integers(0, 3 * 24 * 60),  # minutes forward, up to three days
            st.integers(0, 3 * 24 * 60),
            st.integers(0, 20 * 24 * 60),
            st.integers(-180, 0),  # a device clock a little behind
        ),
        st.integers(0, 59),  # the command's choice: institute, program, satisfaction...
    ),
    min_size=6,
    max_size=40,
)


def _next_command(case: Case, pick: int) -> str:
    if pick >= 985 and case.status in _WITHDRAWABLE:
        return "withdraw"
    candidates = _NEXT[case.status]
    name = candidates[pick % len(candidates)]
    if name == "pause":
        return "resume" if case.waiting_on_sme else "wait"
    return name


def _apply(aggregate: Any, command: Callable[..., None], *args: Any) -> None:
    # A command not valid in this state is skipped: the sequence goes on without it.
    with contextlib.suppress(DomainError):
        command(aggregate, *args)


def _toggle_research_lab(company: Any, now: datetime) -> None:
    company.change_research_lab(not company.has_research_lab, by=at(now))


def _cancel(record: Any, now: datetime) -> None:
    record.cancel("중복 입력", by=at(now))


def _reach(engagement: Any, stage: MentoringStage, now: datetime) -> None:
    engagement.reach_stage(stage.value, reason="조정", by=at(now))


def _conclude(engagement: Any, now: datetime) -> None:
    engagement.conclude("종료", by=at(now))


@st.composite
def cases(draw: st.DrawFn, company_ids: tuple[Any, ...] = ()) -> Case:
    """A case received at a random time, then driven by random valid commands."""
    now = START + timedelta(minutes=draw(st.integers(0, 90 * 24 * 60)))
    case = a_case(
        when=now,
        region=draw(st.sampled_from(REGIONS)),
        channel=draw(st.sampled_from(("hotline_1379", "online", "visit"))),
        **({"company_id": draw(st.sampled_from(company_ids))} if company_ids else {}),
    )
    for which, minutes, pick in draw(_steps):
        now += timedelta(minutes=minutes)
        _apply(case, _CASE_COMMANDS[_next_command(case, which)], now, pick)
    return case


@st.composite
def companies(draw: st.DrawFn, number: int) -> DariAggregate:
    now = START + timedelta(minutes=draw(st.integers(0, 90 * 24 * 60)))
    company = a_company(
        number, region=draw(st.sampled_from(REGIONS)), lab=draw(st.booleans()), when=now
    )
    for _ in range(draw(st.integers(0, 2))):
        now += timedelta(days=draw(st.integers(0, 30)))
        _apply(company, _toggle_research_lab, now)
    return company


@st.composite
def consulting_records(draw: st.DrawFn, company_ids: tuple[Any, ...]) -> DariAggregate:
    now = START + timedelta(minutes=draw(st.integers(0, 90 * 24 * 60)))
    record = a_consulting_record(
        company_id=draw(st.sampled_from(company_ids)),
        region=draw(st.sampled_from(REGIONS)),
        institute=draw(st.sampled_from((None, *INSTITUTES))),
        consulted_on=(now - timedelta(days=draw(st.integers(0, 10)))).date(),
        when=now,
    )
    if draw(st.booleans()):
        _apply(record, _cancel, now + timedelta(hours=1))
    return record


@st.composite
def engagements(draw: st.DrawFn) -> DariAggregate:
    now = START + timedelta(minutes=draw(st.integers(0, 90 * 24 * 60)))
    engagement = an_engagement(region=draw(st.sampled_from(REGIONS)), when=now)
    for stage in draw(st.lists(st.sampled_from(list(MentoringStage)), max_size=5)):
        now += timedelta(days=draw(st.integers(0, 40)))
        _apply(engagement, _reach, stage, now)
    if draw(st.booleans()):
        _apply(engagement, _conclude, now + timedelta(days=1))
    return engagement


@st.composite
def event_streams(draw: st.DrawFn) -> list[FactEvent]:
    """Several aggregates' events, interleaved in a random order that keeps each
    aggregate's own events in order (as the central store does)."""
    firms = [draw(companies(number)) for number in range(draw(st.integers(1, 3)))]
    company_ids = tuple(firm.id for firm in firms)
    aggregates: list[DariAggregate] = [
        *firms,
        *(draw(cases(company_ids)) for _ in range(draw(st.integers(0, 4)))),
        *(draw(consulting_records(company_ids)) for _ in range(draw(st.integers(0, 3)))),
        *(draw(engagements()) for _ in range(draw(st.integers(0, 2)))),
    ]
    per_aggregate = [fact_events(aggregate) for aggregate in aggregates]
    slots = [i for i, events in enumerate(per_aggregate) for _ in events]
    order = draw(st.permutations(slots))
    cursors = [0] * len(per_aggregate)
    stream: list[FactEvent] = []
    for i in order:
        stream.append(per_aggregate[i][cursors[i]])
        cursors[i] += 1
    return stream


def instants_around(events: list[FactEvent]) -> list[datetime]:
    """Every event's instant, a second either side of it, and long after the last."""
    moments = {e.recorded_at.astimezone(START.tzinfo) for e in events}
    second = timedelta(seconds=1)
    around = {m + d for m in moments for d in (-second, timedelta(0), second)}
    if moments:
        around.add(max(moments) + timedelta(days=60))
    return sorted(around)
