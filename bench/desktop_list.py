"""The desktop's case list with 100,000 cases, and the GUI thread during a first sync.

Part 1, list speed. 100,000 realistic rows (30,000 companies, every region, service,
status and institute, three years of dates) are written with ``ReadModel.put_rows``
into a scratch SQLite file. Then, on the real ``CaseListPage`` (``CaseTableModel``
over ``CaseListQuery``, shown offscreen and repainted):
- first rows: open the query, build the model and the page, show and paint it;
- filter: ``set_filter_text`` with a typical word, a company name, a number fragment;
- sort: a header click on a column with an index (기업명) and one without (최초 응대 기한).
Each is the median of a few runs, next to the equivalent raw SQLite query on the same
file in the same run (``SELECT … ORDER BY … LIMIT 100``, ``… WHERE search LIKE … LIMIT
100``): the ratio says what the model, the view and the count add.

Part 2, the GUI thread during a first sync. A real ``dari-server serve`` on PostgreSQL
holds N events (default 100,000, seeded by push, not timed). A fresh central-staff
profile signs in and the real ``MainWindow`` syncs them on its ``SyncController``
thread with the case list visible, until the list shows every case. A ``QTimer``
probe fires every 5 ms on the GUI thread; the longest gap between firings is the
longest stall. Baseline: the same probe on the same window, idle, before the sync.

Targets (issue: desktop lists): first rows <= 1 s, filter <= 100 ms, GUI stall <= 50 ms.
Run: .venv/bin/python bench/desktop_list.py [--cases 100000] [--events 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _sync_rig import (
    PASSWORD,
    counselor_history,
    fresh_database,
    push_events,
    running_server,
)
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import delete_now
from desktop.local.credentials import KdfParams
from desktop.local.read_model import (
    CaseListQuery,
    CaseRow,
    CompanyRow,
    ReadModel,
)
from desktop.qtmodels.case_table import COLUMNS, SLA_COLUMN, CaseTableModel
from desktop.sync.profile import Profile
from desktop.ui.case_list import CaseListPage
from desktop.ui.main_window import MainWindow
from desktop.ui.session import SignIn
from desktop.ui.theme import apply_theme
from domain.business_number import with_check_digit
from domain.case_status import CaseStatus
from domain.reference.loader import default_reference
from domain.sla import SlaState

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
RAW_LIMIT = 100
RUNS = 5
PROBE_MS = 5
SYNC_DEADLINE_S = 600
COLUMNS_RAW = "case_id, company_name, business_number, region_name, service_name, status_label"


@dataclass(frozen=True)
class Figure:
    name: str
    target_ms: float | None
    ours_ms: float
    raw_ms: float
    raw_label: str
    note: str = ""

    def line(self) -> str:
        ratio = self.ours_ms / self.raw_ms if self.raw_ms > 0 else float("inf")
        target = "-" if self.target_ms is None else f"<= {self.target_ms:,.0f} ms"
        verdict = (
            "-"
            if self.target_ms is None
            else ("met" if self.ours_ms <= self.target_ms else "MISSED")
        )
        return (
            f"  {self.name:<36} {target:>11} {self.ours_ms:9.1f} ms {self.raw_ms:9.1f} ms"
            f" {ratio:8.1f}x  {verdict:<6}  raw: {self.raw_label}\n"
            f"  {'':<36} {self.note}"
        )


# Part 1: list speed ---------------------------------------------------------------------

FIRST = (
    "다래",
    "한빛",
    "새봄",
    "누리",
    "대한",
    "미래",
    "세진",
    "동양",
    "한결",
    "가온",
    "태성",
    "우진",
)
MIDDLE = ("정밀", "테크", "소재", "전자", "화학", "기계", "바이오", "식품", "금속", "광학", "센서")
LAST = ("", "(주)", "산업", "공업", " 주식회사", "시스템")


def fake_rows(cases: int, seed: int = 1379) -> tuple[list[CaseRow], list[CompanyRow]]:
    """Rows as the read model would hold them for a national central-staff laptop."""
    rng = random.Random(seed)
    reference = default_reference()
    regions = list(reference.regions)
    services = list(reference.services)
    institutes = list(reference.institutes)
    companies: list[CompanyRow] = []
    for n in range(max(1, cases * 3 // 10)):
        name = f"{rng.choice(FIRST)}{rng.choice(MIDDLE)}{rng.choice(LAST)}{n % 97 or ''}"
        companies.append(
            CompanyRow(
                company_id=uuid4(),
                business_number=with_check_digit(f"{100 + n // 10**6:03d}{n % 10**6:06d}"),
                name=name,
                region=rng.choice(regions).code,
                industry=rng.choice(MIDDLE),
                size=rng.choice(("micro", "small", "medium")),
                has_research_lab=rng.random() < 0.3,
            )
        )
    statuses = list(CaseStatus)
    rows: list[CaseRow] = []
    start = NOW - timedelta(days=3 * 365)
    for _ in range(cases):
        company = rng.choice(companies)
        region = next(r for r in regions if r.code == company.region)
        service = rng.choice(services)
        status = rng.choice(statuses)
        received = start + timedelta(seconds=rng.randrange(3 * 365 * 86400))
        assigned = status not in (CaseStatus.RECEIVED, CaseStatus.CLASSIFIED)
        institute = rng.choice(institutes) if assigned else None
        early = status in (CaseStatus.RECEIVED, CaseStatus.CLASSIFIED, CaseStatus.ASSIGNED)
        sla = SlaState.RUNNING if early else rng.choice((SlaState.MET, SlaState.MISSED))
        rows.append(
            CaseRow(
                case_id=uuid4(),
                company_id=company.company_id,
                company_name=company.name,
                business_number=company.formatted_number,
                region=region.code,
                region_name=region.name,
                service=service.code,
                service_name=service.name,
                status=status,
                received_at=received,
                institute=None if institute is None else institute.code,
                institute_name="" if institute is None else institute.name,
                sla_state=sla,
                sla_due_at=received + timedelta(days=3),
                pending=1 if rng.random() < 0.01 else 0,
                will_conflict=0,
            )
        )
    return rows, companies


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def median_of(action: Callable[[], object], runs: int = RUNS) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def raw_query(path: Path, sql: str, parameters: tuple[object, ...] = ()) -> float:
    """The same question asked of SQLite directly, rows fetched (median, own connection)."""
    db = sqlite3.connect(str(path))
    try:
        db.execute(sql, parameters).fetchall()  # warm, like the model's runs
        return median_of(lambda: db.execute(sql, parameters).fetchall())
    finally:
        db.close()


SLA_ORDER = (
    "CASE (CASE WHEN sla_state = 'running' AND sla_due_at <= ? THEN 'overdue' ELSE sla_state END)"
    " WHEN 'overdue' THEN 0 WHEN 'running' THEN 1 WHEN 'paused' THEN 2 WHEN 'not_started' THEN 3"
    " WHEN 'missed' THEN 4 WHEN 'met' THEN 5 ELSE 6 END, sla_due_at, case_id"
)
"""The SLA column's order as ``CaseListQuery`` asks it (no index can hold it: it
depends on the time of the query)."""


def fill(path: Path, cases: int) -> list[CompanyRow]:
    rows, companies = fake_rows(cases)
    model = ReadModel(path, reference=default_reference())
    for start in range(0, len(rows), 10_000):
        model.put_rows(rows[start : start + 10_000], companies if start == 0 else ())
    model.close()
    return companies


def list_speed(app: QApplication, path: Path, cases: int) -> list[Figure]:
    """First rows, filters and sorts on the real page; ``ours`` includes the repaint,
    the split (query and model / repaint) is in each figure's note."""
    companies = fill(path, cases)
    target = next(c for c in companies if c.name.endswith("23"))
    shown: list[CaseListPage] = []

    def first_rows() -> None:
        query = CaseListQuery(path)
        table = CaseTableModel(query, clock=lambda: NOW)
        page = CaseListPage(table)
        page.resize(1300, 760)
        page.show()
        app.processEvents()
        page.table.viewport().repaint()
        shown.append(page)

    figures = [
        Figure(
            f"first rows, {cases:,} cases",
            1000,
            timed(first_rows),  # once, cold: a new connection, model and page
            raw_query(
                path,
                f"SELECT {COLUMNS_RAW} FROM list_cases ORDER BY received_at DESC LIMIT {RAW_LIMIT}",
            ),
            "ORDER BY received_at DESC LIMIT 100",
            "new query, model, page; shown and painted",
        )
    ]
    page = shown[-1]
    table = page.model
    repaint = page.table.viewport().repaint

    for label, text in (
        ("filter: a common word", "정밀"),
        ("filter: one company's name", target.name),
        ("filter: 4 digits of a number", target.business_number[5:9]),
    ):
        model_ms, paint_ms = split_medians(
            lambda: table.set_filter_text(""),
            lambda text=text: table.set_filter_text(text),
            repaint,
        )
        raw = raw_query(
            path,
            f"SELECT {COLUMNS_RAW} FROM list_cases WHERE search LIKE ? LIMIT {RAW_LIMIT}",
            (f"%{text.lower()}%",),
        )
        figures.append(
            Figure(
                label,
                100,
                model_ms + paint_ms,
                raw,
                "WHERE search LIKE ? LIMIT 100",
                f"{text!r}, {table.total:,} found; model {model_ms:.1f} + paint {paint_ms:.1f} ms",
            )
        )
    table.set_filter_text("")

    now = NOW.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for label, column, order, parameters in (
        ("sort: company name (indexed)", 1, "company_name, case_id", ()),
        ("sort: first-response SLA", SLA_COLUMN, SLA_ORDER, (now,)),
    ):
        model_ms, paint_ms = split_medians(
            lambda: page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder),
            lambda column=column: page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder),
            repaint,
        )
        raw = raw_query(
            path,
            f"SELECT {COLUMNS_RAW} FROM list_cases ORDER BY {order} LIMIT {RAW_LIMIT}",
            parameters,
        )
        figures.append(
            Figure(
                label,
                None,
                model_ms + paint_ms,
                raw,
                "same ORDER BY, LIMIT 100",
                f"{COLUMNS[column].header}; model {model_ms:.1f} + paint {paint_ms:.1f} ms",
            )
        )
    for page in shown:
        page.close()
        delete_now(page)
    return figures


def split_medians(
    setup: Callable[[], object], action: Callable[[], object], paint: Callable[[], object]
) -> tuple[float, float]:
    """Medians of ``action`` (the query and the model) and of the ``paint`` after it,
    each run after an untimed ``setup``."""
    acted: list[float] = []
    painted: list[float] = []
    for _ in range(RUNS):
        setup()
        paint()
        acted.append(timed(action))
        painted.append(timed(paint))
    return statistics.median(acted), statistics.median(painted)


# Part 2: the GUI thread during a first sync ----------------------------------------------


class StallProbe:
    """A timer on the GUI thread; the longest gap between its firings is the longest
    time the GUI thread could not run its event loop."""

    def __init__(self, interval_ms: int = PROBE_MS) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._fired)
        self._clock = QElapsedTimer()
        self._last = 0.0
        self.gaps: list[float] = []

    def start(self) -> None:
        self.gaps = []
        self._clock.start()
        self._last = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _fired(self) -> None:
        now = self._clock.nsecsElapsed() / 1e6
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def longest(self) -> float:
        return max(self.gaps, default=0.0)

    def over(self, ms: float) -> int:
        return sum(gap > ms for gap in self.gaps)


def step(what: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


def run_for(app: QApplication, seconds: float, until: Callable[[], bool] = lambda: False) -> None:
    """Run the window's event loop, as the program does, until ``until`` or ``seconds``."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(50)
    check.timeout.connect(lambda: loop.quit() if until() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(round(seconds * 1000))
    check.start()
    loop.exec()
    check.stop()
    deadline.stop()


def gui_during_sync(app: QApplication, scratch: Path, events: int) -> Figure:
    step("generating events")
    history = counselor_history(events)
    cases = sum(1 for e in history if e["aggregate_type"] == "dari.Case" and e["version"] == 1)
    with fresh_database() as dbname, running_server(dbname, scratch / "server") as base:
        step(f"seeding the server with {len(history):,} events")
        push_events(base, history)
        step("signing in; the window syncs")
        del history
        sign_in = SignIn(
            Profile(scratch / "profile"),
            kdf=KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1),
        )
        session = sign_in(base, "central.lee", PASSWORD)
        window = MainWindow(session, start_sync=False)
        window.show()
        window.show_list()
        probe = StallProbe()
        probe.start()
        run_for(app, 3.0)
        probe.stop()
        idle = probe.longest
        idle_over = probe.over(50)

        probe.start()
        started = time.perf_counter()
        window.sync.start()
        run_for(app, SYNC_DEADLINE_S, until=lambda: window.cases.total >= cases)
        took = time.perf_counter() - started
        probe.stop()
        shown = window.cases.total
        window.shut_down()
        window.sync.engine.client.close()  # its long poll would hold the server's exit
        delete_now(window)
    gaps = sorted(probe.gaps)
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0.0
    return Figure(
        "GUI longest stall, first sync",
        50,
        probe.longest,
        idle,
        "same probe, window idle 3 s",
        f"{events:,} events ({cases:,} cases, {shown:,} listed) in {took:.1f} s;"
        f" gaps > 50 ms: {probe.over(50)} (idle 3 s: {idle_over}); p99 gap {p99:.1f} ms",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--skip-sync", action="store_true", help="part 1 only")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app)
    with tempfile.TemporaryDirectory() as scratch:
        step(f"filling the list with {args.cases:,} cases")
        figures = list_speed(app, Path(scratch) / "list.sqlite", args.cases)
        if not args.skip_sync:
            figures.append(gui_during_sync(app, Path(scratch), args.events))
    print(f"desktop case list ({args.cases:,} cases) and GUI thread during a first sync")
    print(f"  {'figure':<36} {'target':>11} {'ours':>12} {'raw':>12} {'ratio':>9}  verdict")
    for figure in figures:
        print(figure.line())


if __name__ == "__main__":
    main()
