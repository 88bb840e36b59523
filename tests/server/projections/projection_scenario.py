"""Builders for the projection tests: companies, cases, consulting records and
mentoring engagements made with the domain's own commands, at chosen instants, and
stored in the central history the way the server stores them."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from domain.aggregate import DariAggregate, DariEvent
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.consulting import ConsultingRecord
from domain.mentoring import MentoringEngagement
from domain.recording import Recording
from domain.reference import default_reference
from sync_server.central_history import append_all, head, new_event
from sync_server.ingest import lock_history
from sync_server.tables import events

REF = default_reference()
PASSWORD = "correct horse battery"

COUNSELOR = "counselor.kim"
CENTRAL = "central.lee"
LIAISON = "liaison.kimm"


def kst(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)


def by(user: str, at: datetime) -> Recording:
    return Recording(user, f"{user}-pc", at)


def a_company(number: int, at: datetime, *, region: str = "daejeon", lab: bool = True) -> Company:
    return Company.register(
        business_number=with_check_digit(f"{305_000_000 + number:09d}"),
        name=f"다리정밀 {number}호",
        region=region,
        industry="정밀가공",
        size="small",
        has_research_lab=lab,
        by=by(COUNSELOR, at),
    )


SERVICE_DETAILS: dict[str, dict[str, Any]] = {
    "technology_transfer": {"desired_field": "열처리", "running_royalty": False},
    "information_provision": {"information": "market_information"},
}


def a_case(
    company_id: UUID,
    at: datetime,
    *,
    region: str = "daejeon",
    channel: str = "hotline_1379",
    service: str = "difficulty_resolution",
) -> Case:
    return Case.receive(
        company_id=company_id,
        region=region,
        channel=channel,
        service=service,
        description="도금 박리 불량",
        details=SERVICE_DETAILS.get(service),
        by=by(COUNSELOR, at),
    )


def assign(case: Case, institute: str, at: datetime) -> None:
    case.assign_institute(institute, by=by(CENTRAL, at))


def accept(case: Case, institute: str, at: datetime) -> None:
    case.accept_assignment(institute, by=by(LIAISON, at))


def contact(case: Case, at: datetime) -> None:
    case.make_first_contact(method="phone", summary="현장 방문 일정 협의", by=by(LIAISON, at))


def plan_rnd(case: Case, at: datetime, program: str = "demand_responsive") -> None:
    budget, months = (20_000_000, 3) if program == "demand_responsive" else (50_000_000, 6)
    case.plan_resolution(
        kind="rnd",
        program=program,
        budget_krw=budget,
        duration_months=months,
        summary="공동 기술개발",
        by=by(LIAISON, at),
    )


def plan_transfer(case: Case, at: datetime) -> None:
    case.plan_resolution(kind="technology_transfer", summary="기술이전", by=by(LIAISON, at))


def sign(case: Case, at: datetime) -> None:
    case.sign_agreement(at.date(), by=by(LIAISON, at))


def resolve(case: Case, at: datetime, outcome: str = "resolved") -> None:
    case.resolve(outcome=outcome, summary="해결", by=by(LIAISON, at))


def survey(case: Case, satisfaction: int, at: datetime) -> None:
    case.survey_follow_up(satisfaction=satisfaction, by=by(CENTRAL, at))


def close(case: Case, at: datetime) -> None:
    case.close(by=by(CENTRAL, at))


def withdraw(case: Case, at: datetime) -> None:
    case.withdraw("기업 사정", by=by(COUNSELOR, at))


def wait_on_sme(case: Case, start: datetime, end: datetime | None) -> None:
    case.start_waiting_on_sme("시료 회신 대기", by=by(COUNSELOR, start))
    if end is not None:
        case.end_waiting_on_sme(by=by(COUNSELOR, end))


def a_consulting_record(
    company_id: UUID,
    on: date,
    at: datetime,
    *,
    region: str = "daejeon",
    institute: str | None = "KIMM",
    channel: str = "visit",
) -> ConsultingRecord:
    return ConsultingRecord.record(
        company_id=company_id,
        region=region,
        channel=channel,
        consulted_on=on,
        hours=2.5,
        topic="열처리 공정 자문",
        institute=institute,
        by=by(COUNSELOR, at),
    )


def a_mentoring(
    senior: UUID, junior: UUID, at: datetime, *, region: str = "daejeon"
) -> MentoringEngagement:
    return MentoringEngagement.start(
        senior_company_id=senior,
        junior_company_id=junior,
        coordinator="코디 박",
        region=region,
        by=by(COUNSELOR, at),
    )


def reach(engagement: MentoringEngagement, stage: str, at: datetime) -> None:
    engagement.reach_stage(stage, by=by(COUNSELOR, at))


# Storing ---------------------------------------------------------------------------------


def pending(*aggregates: DariAggregate) -> list[DariEvent]:
    """The aggregates' new events, in the order given."""
    return [event for aggregate in aggregates for event in aggregate.collect_events()]  # type: ignore[misc]


def store(engine: Engine, stored: Iterable[DariEvent]) -> int:
    """Append events to the central history as the server does after judging them
    (one transaction, under the history lock, scopes updated); returns the head."""
    batch = list(stored)
    with engine.begin() as connection:
        lock_history(connection)
        append_all(
            connection,
            [new_event(event, event_id=uuid4(), device_id=event.device) for event in batch],
        )
        return head(connection)


def store_all(engine: Engine, *aggregates: DariAggregate) -> int:
    return store(engine, pending(*aggregates))


def event_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())


def rows(engine: Engine, table: sa.Table, generation: int | None = None) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        query = sa.select(table)
        if generation is not None:
            query = query.where(table.c.generation == generation)
        return [dict(row._mapping) for row in connection.execute(query)]


def login(client: TestClient, username: str) -> dict[str, str]:
    """The authorization header of a user added with ``PASSWORD``."""
    response = client.post(
        "/auth/login",
        json={"username": username, "password": PASSWORD, "device_id": f"{username}-pc"},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def june(engine: Engine) -> None:
    """Three companies; in June two resolution cases, one withdrawn case, one
    consulting record (and one cancelled), one mentoring engagement; in July more."""
    lab_a = a_company(1, kst(2024, 5, 2), region="daejeon", lab=True)
    plain_b = a_company(2, kst(2024, 5, 2), region="daejeon", lab=False)
    lab_c = a_company(3, kst(2024, 5, 2), region="seoul", lab=True)

    first = a_case(lab_a.id, kst(2024, 6, 3, 10), channel="hotline_1379")
    assign(first, "KIMM", kst(2024, 6, 4, 10))
    accept(first, "KIMM", kst(2024, 6, 4, 15))
    contact(first, kst(2024, 6, 5, 10))  # 2 business days: met
    plan_rnd(first, kst(2024, 6, 7, 10))
    sign(first, kst(2024, 6, 10, 10))  # 1 business day after the plan: met
    resolve(first, kst(2024, 6, 14, 10))
    survey(first, 4, kst(2024, 6, 17, 10))
    close(first, kst(2024, 6, 18, 10))

    second = a_case(plain_b.id, kst(2024, 6, 10, 10), channel="online")
    assign(second, "ETRI", kst(2024, 6, 12, 10))
    accept(second, "ETRI", kst(2024, 6, 12, 15))
    contact(second, kst(2024, 6, 17, 10))  # 5 business days: missed
    plan_transfer(second, kst(2024, 6, 18, 10))
    resolve(second, kst(2024, 6, 21, 10))

    withdrawn = a_case(lab_c.id, kst(2024, 6, 20, 10), region="seoul", channel="visit")
    withdraw(withdrawn, kst(2024, 6, 21, 10))
    july = a_case(lab_a.id, kst(2024, 7, 1, 10))

    held = a_consulting_record(lab_a.id, kst(2024, 6, 12).date(), kst(2024, 6, 12, 15))
    cancelled = a_consulting_record(plain_b.id, kst(2024, 6, 15).date(), kst(2024, 6, 15, 15))
    cancelled.cancel("중복 입력", by=by(COUNSELOR, kst(2024, 6, 15, 17)))
    later = a_consulting_record(
        lab_c.id, kst(2024, 7, 2).date(), kst(2024, 7, 2, 15), region="seoul"
    )
    mentoring = a_mentoring(lab_a.id, plain_b.id, kst(2024, 6, 5, 10))
    reach(mentoring, "task_selection", kst(2024, 6, 10, 10))
    reach(mentoring, "rnd", kst(2024, 6, 20, 10))

    store_all(engine, lab_a, plain_b, lab_c, first, second, withdrawn, july)
    store_all(engine, held, cancelled, later, mentoring)


# A generated mix -------------------------------------------------------------------------


def a_mixed_history(seed: int, *, companies: int = 6, cases: int = 24) -> list[DariEvent]:
    """Companies, cases at every stage of their lifecycle, consulting records (some
    cancelled) and mentoring engagements, with events of different aggregates
    interleaved the way several devices would record them."""
    rng = random.Random(seed)
    start = kst(2024, 3, 4, 9)
    streams: list[list[DariEvent]] = []
    firms = [
        a_company(
            seed * 1000 + n, start, region=rng.choice(["daejeon", "seoul"]), lab=rng.random() < 0.6
        )
        for n in range(companies)
    ]
    streams.append(pending(*firms))
    institutes = ["KIMM", "ETRI", "KIST"]
    for _ in range(cases):
        t = start + timedelta(days=rng.randrange(0, 120), hours=rng.randrange(0, 8))
        firm = rng.choice(firms)
        case = a_case(
            firm.id,
            t,
            region=rng.choice(["daejeon", "seoul"]),
            channel=rng.choice(["hotline_1379", "online", "visit"]),
            service=rng.choice(["difficulty_resolution", "technology_transfer"]),
        )
        depth = rng.randrange(0, 9)
        if depth == 1:
            t = _later(rng, t)
            withdraw(case, t)
        if depth >= 2:
            institute = rng.choice(institutes)
            t = _later(rng, t)
            assign(case, institute, t)
            t = _later(rng, t)
            accept(case, institute, t)
            if rng.random() < 0.3:
                pause_start = _later(rng, t)
                t = pause_start + timedelta(days=2)
                wait_on_sme(case, pause_start, t)
            t = _later(rng, t)
            contact(case, t)
        if depth >= 4:
            t = _later(rng, t)
            if rng.random() < 0.5:
                plan_rnd(case, t)
                if depth >= 5:
                    t = _later(rng, t)
                    sign(case, t)
            else:
                plan_transfer(case, t)
        if depth >= 6:
            t = _later(rng, t)
            resolve(case, t, rng.choice(["resolved", "partially_resolved"]))
        if depth >= 7:
            t = _later(rng, t)
            survey(case, rng.randrange(1, 6), t)
        if depth >= 8:
            t = _later(rng, t)
            close(case, t)
        streams.append(pending(case))
    for _ in range(companies):
        firm = rng.choice(firms)
        on = (start + timedelta(days=rng.randrange(0, 120))).date()
        record = a_consulting_record(
            firm.id,
            on,
            datetime.combine(on, datetime.min.time(), KST) + timedelta(hours=15),
            region=firm.region,
            institute=rng.choice([None, *institutes]),
        )
        if rng.random() < 0.25:
            record.cancel("중복 입력", by=by(COUNSELOR, kst(on.year, on.month, on.day, 17)))
        streams.append(pending(record))
    for _ in range(max(1, companies // 2)):
        senior, junior = rng.sample(firms, 2)
        t = start + timedelta(days=rng.randrange(0, 60))
        engagement = a_mentoring(senior.id, junior.id, t)
        for stage in ["task_selection", "rnd", "commercialisation"][: rng.randrange(0, 4)]:
            t += timedelta(days=rng.randrange(5, 20))
            reach(engagement, stage, t)
        streams.append(pending(engagement))
    return interleave(rng, streams)


def _later(rng: random.Random, t: datetime) -> datetime:
    return t + timedelta(days=rng.randrange(1, 6), hours=rng.randrange(0, 5))


def interleave(rng: random.Random, streams: Sequence[list[DariEvent]]) -> list[DariEvent]:
    """One history from several aggregates' streams, each kept in its own order, the
    first stream (companies) first."""
    first, rest = list(streams[0]), [list(s) for s in streams[1:] if s]
    out = first
    while rest:
        stream = rng.choice(rest)
        out.append(stream.pop(0))
        if not stream:
            rest.remove(stream)
    return out
