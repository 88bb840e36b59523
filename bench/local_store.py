"""How fast a counselor's commands are recorded in the encrypted local store.

Records 10,000 events one command at a time, the way the desktop does it: load the
aggregate, run the command, save (one transaction per command) on SQLite with the
AES cipher. Then inserts the very same stored rows into a plain SQLite table, one row
per transaction with the same journal mode, as the raw baseline measured in this run.

Target (issue 3): p95 <= 5 ms per command.
Run: .venv/bin/python bench/local_store.py [--events 10000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.local.store import new_store_key, open_store, sqlite_settings
from domain.application import DariApplication
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording

BY = Recording("counselor.kim", "bench-laptop")

LIFECYCLE: list[Callable[[Case], None]] = [
    lambda c: c.classify(
        service="difficulty_resolution", technology_field="표면처리", urgency="normal", by=BY
    ),
    lambda c: c.assign_institute("KIMM", by=BY),
    lambda c: c.accept_assignment("KIMM", by=BY),
    lambda c: c.make_first_contact(method="phone", summary="현장 방문 일정 협의", by=BY),
    lambda c: c.add_note("시료 수령, 분석 의뢰", by=BY),
    lambda c: c.plan_resolution(
        kind="rnd",
        program="demand_responsive",
        budget_krw=20_000_000,
        duration_months=3,
        summary="단기 공동 R&D",
        by=BY,
    ),
    lambda c: c.sign_agreement(date(2024, 10, 2), by=BY),
    lambda c: c.resolve(outcome="resolved", summary="공정 조건 개선", by=BY),
    lambda c: c.survey_follow_up(satisfaction=5, comment="만족", by=BY),
]
EVENTS_PER_CASE = 1 + len(LIFECYCLE)


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def record_commands(app: DariApplication, events: int) -> list[float]:
    """Seconds per command: load, command, save."""
    company = Company.register(
        business_number=with_check_digit("305811234"),
        name="벤치정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=BY,
    )
    app.record(company)
    timings: list[float] = []
    case_ids: list[UUID] = []
    while len(timings) < events - 1:
        started = time.perf_counter()
        case = Case.receive(
            company_id=company.id,
            region="daejeon",
            channel="hotline_1379",
            service="difficulty_resolution",
            description="도금 박리 불량 — 열처리 후 박리",
            by=BY,
        )
        app.record(case)
        timings.append(time.perf_counter() - started)
        case_ids.append(case.id)
        for command in LIFECYCLE:
            if len(timings) >= events - 1:
                break
            started = time.perf_counter()
            loaded = app.case(case.id)
            command(loaded)
            app.record(loaded)
            timings.append(time.perf_counter() - started)
    return timings


def raw_inserts(rows: list[tuple[bytes, int, str, bytes]], path: Path) -> list[float]:
    """The same rows, one INSERT + COMMIT each, plain sqlite3, WAL like the store."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER,"
        " topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    timings: list[float] = []
    for row in rows:
        started = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO stored_events VALUES (?, ?, ?, ?)", row)
        db.execute("COMMIT")
        timings.append(time.perf_counter() - started)
    db.close()
    return timings


def stored_rows(path: Path) -> list[tuple[bytes, int, str, bytes]]:
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
    ).fetchall()
    db.close()
    return rows


def report(name: str, timings: list[float]) -> tuple[float, float]:
    ms = [t * 1000 for t in timings]
    p50, p95 = percentile(ms, 50), percentile(ms, 95)
    print(
        f"{name:<46} n={len(ms):>6}  p50 {p50:6.3f} ms  p95 {p95:6.3f} ms"
        f"  max {max(ms):7.2f} ms  ({len(ms) / sum(timings):,.0f}/s)"
    )
    return p50, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dari-bench-") as scratch:
        store_path = Path(scratch) / "local.sqlite"
        app = open_store(sqlite_settings(store_path, cipher_key=new_store_key()))
        timings = record_commands(app, args.events)
        app.close()
        baseline = raw_inserts(stored_rows(store_path), Path(scratch) / "raw.sqlite")

    print(f"local store, {args.events:,} events, {EVENTS_PER_CASE} per case, encrypted SQLite")
    p50, p95 = report("command (load + command + save), AES SQLite", timings)
    raw50, raw95 = report("raw sqlite3 INSERT + COMMIT of the same rows", baseline)
    print(f"ratio to raw inserts: p50 {p50 / raw50:.1f}x, p95 {p95 / raw95:.1f}x")
    verdict = "meets" if p95 <= 5.0 else "MISSES"
    print(f"target p95 <= 5 ms: {verdict} ({p95:.3f} ms)")


if __name__ == "__main__":
    main()
