"""How fast the server rebuilds its national read models, and how fast it answers the
KPI report over them.

1,000,000 generated events (companies, cases through their whole lifecycle, consulting
records, mentoring engagements; two years of a national center's work, in the order
they were recorded) are written with COPY straight into the ``events`` table of a fresh
PostgreSQL database, as ingest stores them: payloads in the event store's transcoded
JSON, encoded with orjson. Then, in the same run:

(a) a raw scan-and-decode of the same events: paged by position with psycopg, each
    payload decoded with orjson, nothing else;
(b) ``rebuild``: every projection from position 0 into a new generation, then switched;
(c) the KPI report for 2024 over the read models as the server answers it (from its
    in-memory mirror of the read models, loaded once), 20 runs, nationally and for one
    region; for comparison, the same report reading the tables on every request.

Targets (issue 5): rebuild >= 50,000 events/s; report p95 <= 200 ms.
Run: .venv/bin/python bench/projection_rebuild.py [--events 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import orjson
import psycopg
from _sync_rig import PG, fresh_database

from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.consulting import ConsultingRecord
from domain.mentoring import MentoringEngagement
from domain.projections.period import Period
from domain.recording import Recording
from domain.reference import default_reference
from domain.wire import to_wire
from sync_server.database import create_database_engine
from sync_server.migrate import upgrade
from sync_server.projections import live_report, rebuild
from sync_server.projections.mirror import FactsMirror

REF = default_reference()
REBUILD_TARGET = 50_000
REPORT_P95_TARGET_MS = 200
REPORT_RUNS = 20
SCAN_PAGE = 50_000

START = datetime(2023, 1, 2, 9, 0, tzinfo=KST)
DAYS = 730
REGIONS = [r.code for r in REF.regions]
INSTITUTES = [i.code for i in REF.institutes]
CHANNELS = [c.code for c in REF.channels]
DETAILS: dict[str, dict[str, Any]] = {
    "difficulty_resolution": {},
    "technology_transfer": {"desired_field": "열처리", "running_royalty": False},
    "information_provision": {"information": "market_information"},
}


# Templates: one real event of each kind, made by the domain, in its stored form --------


def _templates() -> dict[str, dict[str, Any]]:
    by = Recording("counselor.bench", "bench-pc", START)
    company = Company.register(
        business_number=with_check_digit("305811234"),
        name="벤치정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=by,
    )
    case = Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description="도금 박리 불량 — 열처리 후 박리",
        by=by,
    )
    case.classify(
        service="difficulty_resolution", technology_field="표면처리", urgency="normal", by=by
    )
    case.assign_institute("KIMM", by=by)
    case.accept_assignment("KIMM", by=by)
    case.start_waiting_on_sme("시료 회신 대기", by=by)
    case.end_waiting_on_sme(by=by)
    case.make_first_contact(method="phone", summary="현장 방문 일정 협의", by=by)
    case.add_note("진행 메모: 시료 분석 결과 공유", by=by)
    case.plan_resolution(
        kind="rnd",
        program="demand_responsive",
        budget_krw=20_000_000,
        duration_months=3,
        summary="공동 기술개발",
        by=by,
    )
    case.sign_agreement(START.date(), by=by)
    case.resolve(outcome="resolved", summary="공정 개선으로 해결", by=by)
    case.survey_follow_up(satisfaction=5, comment="만족", by=by)
    case.close(by=by)
    withdrawn = Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="online",
        service="difficulty_resolution",
        description="취하 예시",
        by=by,
    )
    withdrawn.withdraw("기업 사정", by=by)
    transfer = Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="online",
        service="difficulty_resolution",
        description="기술이전 예시",
        by=by,
    )
    transfer.assign_institute("ETRI", by=by)
    transfer.accept_assignment("ETRI", by=by)
    transfer.make_first_contact(method="visit", summary="방문", by=by)
    transfer.plan_resolution(kind="technology_transfer", summary="기술이전", by=by)
    record = ConsultingRecord.record(
        company_id=company.id,
        region="daejeon",
        channel="visit",
        consulted_on=START.date(),
        hours=2.0,
        topic="열처리 공정 자문",
        institute="KIMM",
        by=by,
    )
    record.cancel("중복 입력", by=by)
    junior = uuid4()
    mentoring = MentoringEngagement.start(
        senior_company_id=company.id,
        junior_company_id=junior,
        coordinator="코디 박",
        region="daejeon",
        by=by,
    )
    mentoring.hold_session(
        held_on=START.date(), hours=3.0, topics=["공정"], know_how="노하우 공유", by=by
    )
    mentoring.reach_stage("task_selection", by=by)
    mentoring.conclude("종료", by=by)
    out: dict[str, dict[str, Any]] = {}
    for aggregate in (company, case, withdrawn, transfer, record, mentoring):
        for event in aggregate.collect_events():
            wire = to_wire(event)  # type: ignore[arg-type]
            key = wire.topic
            if key == "dari.Case.ResolutionPlanned":
                key += ".rnd" if wire.payload["kind"] == "rnd" else ".transfer"
            out.setdefault(key, wire.payload)
    return out


TEMPLATES = _templates()
CLASS_VERSIONS = {
    topic: int(payload.get("class_version", 1)) for topic, payload in TEMPLATES.items()
}


@dataclass(slots=True)
class Event:
    at: datetime
    aggregate_id: UUID
    topic: str
    payload: dict[str, Any]


def _marker_time(at: datetime) -> dict[str, str]:
    return {"_type_": "datetime_iso", "_data_": at.isoformat()}


def _uuid(value: UUID) -> dict[str, str]:
    return {"_type_": "uuid_hex", "_data_": value.hex}


def _event(aggregate_id: UUID, key: str, at: datetime, user: str, **fields: Any) -> Event:
    payload = dict(TEMPLATES[key])
    payload["timestamp"] = _marker_time(at)
    payload["recorded_by"] = user
    payload["device"] = f"{user}-pc"
    payload.update(fields)
    return Event(at, aggregate_id, key.split(".rnd")[0].split(".transfer")[0], payload)


# The generated history ---------------------------------------------------------------


def history(total: int, seed: int = 1379) -> list[Event]:
    rng = random.Random(seed)
    out: list[Event] = []
    companies = max(100, total // 35)
    firms: list[tuple[UUID, str]] = []
    for n in range(companies):
        at = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 30))
        region = rng.choice(REGIONS)
        company_id = uuid4()
        firms.append((company_id, region))
        out.append(
            _event(
                company_id,
                "dari.Company.Registered",
                at,
                "counselor.bench",
                business_number=with_check_digit(f"{100_000_000 + n:09d}"),
                region=region,
                has_research_lab=rng.random() < 0.4,
            )
        )
    consulting_budget = total // 16
    mentoring_budget = total // 100
    while len(out) < total - consulting_budget - mentoring_budget:
        out.extend(_case(rng, firms))
    while len(out) < total - mentoring_budget:
        out.extend(_consulting(rng, firms))
    while len(out) < total:
        out.extend(_mentoring(rng, firms))
    out = out[:total] if len(out) > total else out
    out.sort(key=lambda e: e.at)
    return out


def _case(rng: random.Random, firms: list[tuple[UUID, str]]) -> list[Event]:
    company_id, region = rng.choice(firms)
    case_id = uuid4()
    at = START + timedelta(days=rng.randrange(0, DAYS), minutes=rng.randrange(0, 600))
    service = rng.choice(list(DETAILS))
    events = [
        _event(
            case_id,
            "dari.Case.Received",
            at,
            "counselor.bench",
            company_id=_uuid(company_id),
            region=region,
            channel=rng.choice(CHANNELS),
            service=service,
            details=DETAILS[service],
        )
    ]

    def later(hours: float) -> datetime:
        nonlocal at
        at = at + timedelta(hours=rng.expovariate(1 / hours))
        return at

    if rng.random() < 0.05:
        events.append(_event(case_id, "dari.Case.Withdrawn", later(48), "counselor.bench"))
        return events
    if rng.random() < 0.5:
        events.append(
            _event(case_id, "dari.Case.Classified", later(4), "central.bench", service=service)
        )
    institute = rng.choice(INSTITUTES)
    events.append(
        _event(
            case_id, "dari.Case.InstituteAssigned", later(24), "central.bench", institute=institute
        )
    )
    events.append(
        _event(
            case_id, "dari.Case.AssignmentAccepted", later(24), "liaison.bench", institute=institute
        )
    )
    if rng.random() < 0.2:
        events.append(
            _event(case_id, "dari.Case.WaitingOnSmeStarted", later(12), "counselor.bench")
        )
        events.append(_event(case_id, "dari.Case.WaitingOnSmeEnded", later(72), "counselor.bench"))
    events.append(_event(case_id, "dari.Case.FirstContactMade", later(40), "liaison.bench"))
    for _ in range(rng.randrange(0, 4)):
        events.append(_event(case_id, "dari.Case.NoteAdded", later(24), "liaison.bench"))
    if at > START + timedelta(days=DAYS - 10):
        return events  # still open at the end of the history
    if rng.random() < 0.4:
        events.append(
            _event(case_id, "dari.Case.ResolutionPlanned.rnd", later(72), "liaison.bench")
        )
        events.append(
            _event(
                case_id,
                "dari.Case.AgreementSigned",
                later(120),
                "liaison.bench",
                signed_on={"_type_": "date_iso", "_data_": at.date().isoformat()},
            )
        )
    else:
        events.append(
            _event(case_id, "dari.Case.ResolutionPlanned.transfer", later(72), "liaison.bench")
        )
    events.append(
        _event(
            case_id,
            "dari.Case.Resolved",
            later(240),
            "liaison.bench",
            outcome=rng.choice(["resolved", "resolved", "partially_resolved"]),
        )
    )
    if rng.random() < 0.6:
        events.append(
            _event(
                case_id,
                "dari.Case.FollowUpSurveyed",
                later(72),
                "central.bench",
                satisfaction=rng.choice([3, 4, 4, 5, 5]),
            )
        )
    events.append(_event(case_id, "dari.Case.Closed", later(48), "central.bench"))
    return events


def _consulting(rng: random.Random, firms: list[tuple[UUID, str]]) -> list[Event]:
    company_id, region = rng.choice(firms)
    record_id = uuid4()
    at = START + timedelta(days=rng.randrange(0, DAYS), hours=rng.randrange(0, 9))
    events = [
        _event(
            record_id,
            "dari.ConsultingRecord.Recorded",
            at,
            "counselor.bench",
            company_id=_uuid(company_id),
            region=region,
            channel=rng.choice(CHANNELS),
            institute=rng.choice([None, *INSTITUTES]),
            consulted_on={"_type_": "date_iso", "_data_": at.date().isoformat()},
            hours=rng.choice([1.0, 2.0, 3.5]),
        )
    ]
    if rng.random() < 0.05:
        events.append(
            _event(
                record_id,
                "dari.ConsultingRecord.Cancelled",
                at + timedelta(hours=2),
                "counselor.bench",
            )
        )
    return events


def _mentoring(rng: random.Random, firms: list[tuple[UUID, str]]) -> list[Event]:
    (senior, region), (junior, _) = rng.sample(firms, 2)
    engagement_id = uuid4()
    at = START + timedelta(days=rng.randrange(0, DAYS))
    events = [
        _event(
            engagement_id,
            "dari.MentoringEngagement.Started",
            at,
            "counselor.bench",
            senior_company_id=_uuid(senior),
            junior_company_id=_uuid(junior),
            region=region,
        )
    ]
    for stage in ["task_selection", "rnd", "commercialisation", "investment", "overseas"]:
        if rng.random() < 0.5:
            break
        at += timedelta(days=rng.randrange(10, 60))
        events.append(
            _event(
                engagement_id,
                "dari.MentoringEngagement.SessionHeld",
                at,
                "counselor.bench",
                held_on={"_type_": "date_iso", "_data_": at.date().isoformat()},
            )
        )
        events.append(
            _event(
                engagement_id,
                "dari.MentoringEngagement.StageReached",
                at,
                "counselor.bench",
                stage=stage,
            )
        )
    return events


# Writing the history -----------------------------------------------------------------


def rows(events: list[Event]) -> Iterator[tuple[Any, ...]]:
    versions: dict[UUID, int] = {}
    received_at = datetime.now(UTC)
    for position, event in enumerate(events, start=1):
        version = versions[event.aggregate_id] = versions.get(event.aggregate_id, 0) + 1
        yield (
            position,
            uuid4(),
            event.aggregate_id,
            event.topic.rsplit(".", 1)[0],
            version,
            event.topic,
            CLASS_VERSIONS.get(event.topic, 1),
            event.payload["recorded_by"],
            event.payload["device"],
            event.at.astimezone(UTC),
            received_at,
            orjson.dumps(event.payload),
        )


def write(dbname: str, events: list[Event]) -> float:
    started = time.perf_counter()
    columns = (
        "position, event_id, aggregate_id, aggregate_type, version, topic, schema_version,"
        " recorded_by, device_id, recorded_at, received_at, state"
    )
    with psycopg.connect(dbname=dbname, **PG) as db:
        with db.cursor() as cursor, cursor.copy(f"COPY events ({columns}) FROM STDIN") as copy:
            for row in rows(events):
                copy.write_row(row)
        db.execute(
            "SELECT setval(pg_get_serial_sequence('events', 'position'), %s)", (len(events),)
        )
        db.commit()
        db.autocommit = True
        db.execute("VACUUM ANALYZE events")
    return time.perf_counter() - started


# Timing ------------------------------------------------------------------------------


def raw_scan(dbname: str) -> tuple[float, int]:
    """Paged by position, the same columns the projector reads, each payload decoded."""
    count = 0
    loads = orjson.loads
    with psycopg.connect(dbname=dbname, **PG) as db:
        started = time.perf_counter()
        cursor = 0
        while True:
            with db.cursor(binary=True) as page_cursor:
                page = page_cursor.execute(
                    "SELECT position, topic, aggregate_id, version, recorded_at, recorded_by,"
                    " state FROM events WHERE position > %s ORDER BY position LIMIT %s",
                    (cursor, SCAN_PAGE),
                ).fetchall()
            if not page:
                break
            for row in page:
                loads(row[6])
            count += len(page)
            cursor = page[-1][0]
        return time.perf_counter() - started, count


def report_times(engine: Any, mirror: FactsMirror | None, runs: int, **scope: str) -> list[float]:
    period = Period.year(2024)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        live_report(engine, REF, period, mirror=mirror, **scope)
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"generating {args.events:,} events ...", flush=True)
    started = time.perf_counter()
    events = history(args.events)
    print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)
    with fresh_database() as dbname:
        url = f"postgresql+psycopg://{PG['user']}@{PG['host']}:{PG['port']}/{dbname}"
        upgrade(url)
        print(f"  written with COPY in {write(dbname, events):.1f} s", flush=True)
        del events
        engine = create_database_engine(url)
        try:
            scan_seconds, scanned = raw_scan(dbname)
            scan_rate = scanned / scan_seconds
            print(
                f"(a) raw scan-and-decode: {scanned:,} events in {scan_seconds:.2f} s"
                f" = {scan_rate:,.0f} events/s",
                flush=True,
            )
            result = rebuild(engine, REF)
            print(
                f"(b) rebuild: {result.events:,} events in {result.seconds:.2f} s"
                f" = {result.events_per_second:,.0f} events/s"
                f" ({result.events_per_second / scan_rate:.2f}x the raw scan)"
                f" -> {verdict(result.events_per_second >= REBUILD_TARGET)}"
                f" (target >= {REBUILD_TARGET:,} events/s)",
                flush=True,
            )
            mirror = FactsMirror(REF)
            started = time.perf_counter()
            with engine.connect() as connection:
                facts = mirror.current(connection).facts
            print(
                f"(c) the server's in-memory mirror of the read models: first load"
                f" {time.perf_counter() - started:.2f} s (once per process and per rebuild):"
                f" {len(facts.cases):,} cases, {len(facts.companies):,} companies,"
                f" {len(facts.consulting):,} consulting records,"
                f" {len(facts.mentoring):,} mentoring engagements",
                flush=True,
            )
            for label, scope in (("national", {}), ("region=daejeon", {"region": "daejeon"})):
                times = report_times(engine, mirror, REPORT_RUNS, **scope)
                print(
                    f"(c) KPI report 2024, {label}, {REPORT_RUNS} runs: p50"
                    f" {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms"
                    f" -> {verdict(p95(times) <= REPORT_P95_TARGET_MS)}"
                    f" (target p95 <= {REPORT_P95_TARGET_MS} ms)",
                    flush=True,
                )
            for label, scope in (("national", {}), ("region=daejeon", {"region": "daejeon"})):
                times = report_times(engine, None, 5, **scope)
                print(
                    f"    for comparison, read from the tables for each request, {label}:"
                    f" p50 {statistics.median(times):.0f} ms over 5 runs",
                    flush=True,
                )
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
