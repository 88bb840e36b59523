"""The local lists (목록): one row per case and per company, kept in the local SQLite
file next to the events, so the case list sorts, filters and pages 100,000 cases in
SQL instead of replaying events.

Rows are a pure function of the workspace (canonical events, then the pending ones
that still apply) and are rebuilt from it whenever the schema changes. ``catch_up``
brings them up to date from two cheap signals: the event store's notification ids
(canonical events arrive in order) and, per aggregate, the sequence numbers of its
unsynced outbox rows (a case recorded here, a pending event answered "conflict").

A first-response clock's state is kept as of the last change, with its due instant;
queries turn a running clock whose due instant has passed into "overdue", so a row
never goes stale just because time went by.

Like the event store's ids and topics, these tables are not encrypted: they hold
display text (company names, never case descriptions) for SQL to sort and search.
Whole-file encryption (SQLCipher under the store) is what closes that gap; the
event state itself stays encrypted.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID

from desktop.local import case_search
from desktop.local.case_search import CaseTextFilter, case_text_filter
from desktop.local.workspace import Workspace
from desktop.sync.turns import never_pause
from domain.aggregate import DariAggregate, DariEvent
from domain.business_calendar import KoreanBusinessCalendar, default_calendar
from domain.business_number import BusinessNumber
from domain.case import Case
from domain.case_sla import case_sla_status
from domain.case_status import CaseStatus
from domain.company import Company
from domain.errors import DomainError
from domain.reference import ReferenceData
from domain.sla import SlaState

SCHEMA_VERSION = "3"
"""2: ``surveyed`` (the role queues' 만족도 조사 list); 3: the case search index
(``case_search``)."""
CASE_TOPICS = "dari.Case."
COMPANY_TOPICS = "dari.Company."
NOTIFICATION_PAGE = 1000
UNKNOWN_COMPANY = "(기업 정보 없음)"

_STATUS_ORDER = {status: rank for rank, status in enumerate(CaseStatus)}
_SLA_ORDER = ("overdue", "running", "paused", "not_started", "missed", "met")

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS list_cases (
        case_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        company_name TEXT NOT NULL,
        business_number TEXT NOT NULL,
        region TEXT NOT NULL,
        region_name TEXT NOT NULL,
        service TEXT NOT NULL,
        service_name TEXT NOT NULL,
        status TEXT NOT NULL,
        status_label TEXT NOT NULL,
        status_rank INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        institute TEXT,
        institute_name TEXT NOT NULL,
        sla_state TEXT,
        sla_due_at TEXT,
        pending INTEGER NOT NULL,
        will_conflict INTEGER NOT NULL,
        surveyed INTEGER NOT NULL DEFAULT 0,
        search TEXT GENERATED ALWAYS AS (lower(
            company_name || ' ' || business_number || ' ' || replace(business_number, '-', '')
            || ' ' || region_name || ' ' || service_name || ' ' || status_label || ' '
            || institute_name || ' ' || coalesce(institute, '')
        )) STORED
    )
    """,
    "CREATE INDEX IF NOT EXISTS list_cases_by_company ON list_cases (company_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_received ON list_cases (received_at, case_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_company_name ON list_cases (company_name, case_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_number ON list_cases (business_number, case_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_region ON list_cases (region_name, case_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_service ON list_cases (service_name, case_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_status ON list_cases (status_rank, case_id)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_institute ON list_cases (institute_name, case_id)",
    # The role queues (desktop.local.queues): an institute's inbox, the survey queue.
    "CREATE INDEX IF NOT EXISTS list_cases_by_queue ON list_cases (institute, status_rank)",
    "CREATE INDEX IF NOT EXISTS list_cases_by_survey ON list_cases (status_rank, surveyed)",
    *case_search.SCHEMA,
    """
    CREATE TABLE IF NOT EXISTS list_companies (
        company_id TEXT PRIMARY KEY,
        business_number TEXT NOT NULL,
        name TEXT NOT NULL,
        region TEXT NOT NULL,
        industry TEXT NOT NULL,
        size TEXT NOT NULL,
        has_research_lab INTEGER NOT NULL,
        search TEXT GENERATED ALWAYS AS (lower(
            name || ' ' || business_number || ' ' || replace(business_number, '-', '')
        )) STORED
    )
    """,
    "CREATE INDEX IF NOT EXISTS list_companies_by_name ON list_companies (name)",
    """
    CREATE TABLE IF NOT EXISTS list_outbox_seen (
        aggregate_id TEXT PRIMARY KEY,
        aggregate_type TEXT NOT NULL,
        signature TEXT NOT NULL
    )
    """,
    "CREATE TABLE IF NOT EXISTS list_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_TABLES = (*case_search.TABLES, "list_cases", "list_companies", "list_outbox_seen", "list_state")

_CASE_COLUMNS = (
    "case_id, company_id, company_name, business_number, region, region_name, service, "
    "service_name, status, status_label, status_rank, received_at, institute, institute_name, "
    "sla_state, sla_due_at, pending, will_conflict, surveyed"
)
_COMPANY_COLUMNS = "company_id, business_number, name, region, industry, size, has_research_lab"


class CaseSort(StrEnum):
    """What the case list can be sorted by (one per column shown)."""

    RECEIVED_AT = "received_at"
    COMPANY = "company"
    BUSINESS_NUMBER = "business_number"
    REGION = "region"
    SERVICE = "service"
    STATUS = "status"
    INSTITUTE = "institute"
    SLA = "sla"
    SYNC = "sync"


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list holds, applied in SQL: the counselor's list takes them all
    (``EVERY_CASE``); each role queue (역할별 업무 목록) is a narrower filter over the
    same rows. Fields left at their default do not narrow."""

    statuses: frozenset[CaseStatus] | None = None
    """Only cases in one of these states."""
    institute: str | None = None
    """Only cases currently assigned to this institute (출연연 code)."""
    surveyed: bool | None = None
    """Only cases whose current resolution is (True) or is not (False) surveyed."""
    first: frozenset[CaseStatus] = frozenset()
    """Cases in these states come first, whatever the sort (e.g. 수락 대기 in an inbox)."""


EVERY_CASE = CaseFilter()


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list (애로사항 목록)."""

    case_id: UUID
    company_id: UUID
    company_name: str
    business_number: str
    """As printed (123-45-67890), or empty when the company is not known here."""
    region: str
    region_name: str
    service: str
    service_name: str
    status: CaseStatus
    received_at: datetime
    institute: str | None
    institute_name: str
    sla_state: SlaState | None
    """The first-response clock (최초 응대) as of the query; ``None``: does not apply."""
    sla_due_at: datetime | None
    pending: int
    """Local events of this case not in the canonical history yet."""
    will_conflict: int
    """Pending events that no longer apply on top of the canonical ones."""
    surveyed: bool = False
    """The satisfaction survey (만족도 조사) of the current resolution is recorded."""

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class CompanyRow:
    company_id: UUID
    business_number: str
    """Ten digits, no hyphens."""
    name: str
    region: str
    industry: str
    size: str
    has_research_lab: bool

    @property
    def formatted_number(self) -> str:
        return _formatted(self.business_number)


# Writing ------------------------------------------------------------------------------


class ReadModel:
    """Keeps ``list_cases`` and ``list_companies`` in step with a workspace.

    Safe to call from the sync thread and the GUI thread: one catch-up at a time."""

    def __init__(
        self,
        path: Path,
        *,
        reference: ReferenceData,
        calendar: KoreanBusinessCalendar | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        timeout: float = 30.0,
    ) -> None:
        self.reference = reference
        self.calendar = calendar or default_calendar()
        self._clock = clock
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            str(path), timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self._prepare()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def catch_up(self, workspace: Workspace, pause: Callable[[], None] = never_pause) -> set[UUID]:
        """Bring every row up to date: canonical events stored since the last call, then
        the outbox. Returns the ids of the cases and companies whose rows changed.

        One page of events at a time holds the lock, so a ``catch_up_local`` from the
        GUI thread waits for one page at most, never for a whole first sync; and rows
        are computed before the write transaction begins, so the workspace's own
        writers never wait for the folding. ``pause`` is called between two events
        (``Turns.pause_point``), never inside a write transaction; the lock may be held
        then, but the window's list reads (``CaseListQuery``) do not take it."""
        changed: set[UUID] = set()
        while True:
            pause()
            with self._lock:
                page = self._next_notifications(workspace, pause)
                if page is None:
                    break
                last_id, grouped = page
                unsynced = self._unsynced_signatures()
                changed |= self._refresh(
                    workspace,
                    grouped,
                    unsynced,
                    state={"notification_id": str(last_id)},
                    pause=pause,
                )
        return changed | self.catch_up_local(workspace)

    def catch_up_local(self, workspace: Workspace) -> set[UUID]:
        """Only what changed in the outbox: a case just recorded here shows at once."""
        with self._lock:
            unsynced = self._unsynced_signatures()
            touched = self._outbox_changes(unsynced)
            return self._refresh(workspace, touched, unsynced, seen=unsynced)

    def put_rows(self, cases: Sequence[CaseRow], companies: Sequence[CompanyRow] = ()) -> None:
        """Write rows as they are (benchmarks and tests of big lists)."""
        with self._lock, self._transaction() as db:
            _upsert_companies(db, companies)
            _upsert_cases(db, cases)

    def rebuild(self) -> None:
        """Forget every row; the next ``catch_up`` rebuilds them from the events."""
        with self._lock, self._transaction() as db:
            _create_tables(db, drop=True)

    # Catching up ----------------------------------------------------------------------

    def _prepare(self) -> None:
        with self._lock, self._transaction() as db:
            exists = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'list_state'"
            ).fetchone()
            version = (
                db.execute("SELECT value FROM list_state WHERE key = 'schema'").fetchone()
                if exists
                else None
            )
            _create_tables(db, drop=version is not None and version[0] != SCHEMA_VERSION)

    def _next_notifications(
        self, workspace: Workspace, pause: Callable[[], None] = never_pause
    ) -> tuple[int, dict[UUID, list[DariEvent]]] | None:
        """The next page of canonical Case and Company events, grouped by aggregate."""
        position = int(_get_state(self._db, "notification_id") or 0)
        notifications = workspace.store.recorder.select_notifications(
            start=position + 1, limit=NOTIFICATION_PAGE
        )
        if not notifications:
            return None
        grouped: dict[UUID, list[DariEvent]] = defaultdict(list)
        mapper = workspace.store.mapper
        for notification in notifications:
            pause()
            if notification.topic.startswith((CASE_TOPICS, COMPANY_TOPICS)):
                event = mapper.to_domain_event(notification)
                assert isinstance(event, DariEvent)
                grouped[_uuid(notification.originator_id)].append(event)
        return notifications[-1].id, grouped

    def _unsynced_signatures(self) -> dict[UUID, tuple[str, str]]:
        """Per aggregate with unsynced outbox rows: (aggregate type, their seq numbers)."""
        try:
            rows = self._db.execute(
                "SELECT aggregate_id, aggregate_type, group_concat(seq) FROM "
                "(SELECT aggregate_id, aggregate_type, seq FROM sync_outbox "
                " WHERE status IN ('pending', 'acknowledged') "
                " AND aggregate_type IN ('dari.Case', 'dari.Company') ORDER BY seq) "
                "GROUP BY aggregate_id"
            ).fetchall()
        except sqlite3.OperationalError:  # no outbox in this file (yet)
            return {}
        return {UUID(row[0]): (row[1], row[2]) for row in rows}

    def _outbox_changes(self, unsynced: dict[UUID, tuple[str, str]]) -> dict[UUID, list[DariEvent]]:
        """Aggregates whose unsynced outbox rows differ from the last catch-up's."""
        seen = {
            UUID(row[0]): (row[1], row[2])
            for row in self._db.execute(
                "SELECT aggregate_id, aggregate_type, signature FROM list_outbox_seen"
            )
        }
        return {
            aggregate_id: []
            for aggregate_id in seen.keys() | unsynced.keys()
            if seen.get(aggregate_id) != unsynced.get(aggregate_id)
        }

    def _refresh(
        self,
        workspace: Workspace,
        grouped: dict[UUID, list[DariEvent]],
        unsynced: dict[UUID, tuple[str, str]],
        *,
        state: dict[str, str] | None = None,
        seen: dict[UUID, tuple[str, str]] | None = None,
        pause: Callable[[], None] = never_pause,
    ) -> set[UUID]:
        """Recompute the rows of the given aggregates, then write them in one
        transaction with ``state`` (the position reached) and ``seen`` (the outbox
        signatures now reflected). ``grouped`` holds the canonical events just read,
        which spare a reload when they are an aggregate's whole history."""
        now = self._clock()
        states = {}
        for folded_id, events in grouped.items():
            pause()
            states[folded_id] = self._local_state(workspace, folded_id, events, unsynced)
        companies = {
            aggregate_id: _company_row(aggregate)
            for aggregate_id, (aggregate, _) in states.items()
            if isinstance(aggregate, Company)
        }
        cases = [
            self._case_row(aggregate, history, now, companies)
            for aggregate, history in states.values()
            if isinstance(aggregate, Case)
        ]
        gone = [str(i) for i, (aggregate, _) in states.items() if aggregate is None]
        with self._transaction() as db:
            _upsert_companies(db, list(companies.values()))
            db.executemany(
                "UPDATE list_cases SET company_name = ?, business_number = ? WHERE company_id = ?",
                [(c.name, c.formatted_number, str(c.company_id)) for c in companies.values()],
            )
            _upsert_cases(db, cases)
            # Recorded only here and refused by the server: gone from the local view.
            removed = set()
            for aggregate_id in gone:
                if db.execute("DELETE FROM list_cases WHERE case_id = ?", (aggregate_id,)).rowcount:
                    removed.add(UUID(aggregate_id))
                db.execute("DELETE FROM list_companies WHERE company_id = ?", (aggregate_id,))
            for key, value in (state or {}).items():
                _set_state(db, key, value)
            if seen is not None:
                db.execute("DELETE FROM list_outbox_seen")
                db.executemany(
                    "INSERT INTO list_outbox_seen (aggregate_id, aggregate_type, signature) "
                    "VALUES (?, ?, ?)",
                    [(str(i), kind, signature) for i, (kind, signature) in seen.items()],
                )
        return set(companies) | {row.case_id for row in cases} | removed

    def _local_state(
        self,
        workspace: Workspace,
        aggregate_id: UUID,
        fresh: list[DariEvent],
        unsynced: dict[UUID, tuple[str, str]],
    ) -> tuple[DariAggregate | None, _CaseHistory]:
        """The aggregate as this computer sees it, and the events that made it."""
        if aggregate_id in unsynced:
            view = workspace.view(aggregate_id)
            canonical = workspace.store.events_of(aggregate_id)
            applying = [p for p in view.pending if not p.will_conflict]
            events = canonical + [p.entry.event() for p in applying]
            history = _CaseHistory(events, len(applying), len(view.will_conflict))
            return view.aggregate, history
        if not fresh or fresh[0].originator_version != 1:
            fresh = workspace.store.events_of(aggregate_id)
        aggregate: Any = None
        for event in fresh:
            aggregate = event.mutate(aggregate)
        return aggregate, _CaseHistory(fresh, 0, 0)

    def _case_row(
        self,
        case: Case,
        history: _CaseHistory,
        now: datetime,
        companies: dict[UUID, CompanyRow],
    ) -> CaseRow:
        company = companies.get(case.company_id) or self._company(case.company_id)
        reference = self.reference
        sla = case_sla_status(history.events, now, reference, self.calendar).first_response
        return CaseRow(
            case_id=case.id,
            company_id=case.company_id,
            company_name=company.name if company else UNKNOWN_COMPANY,
            business_number=company.formatted_number if company else "",
            region=case.region,
            region_name=_name(reference.region, case.region),
            service=case.service,
            service_name=_name(reference.service, case.service),
            status=case.status,
            received_at=case.received_at,
            institute=case.institute,
            institute_name=_name(reference.institute, case.institute) if case.institute else "",
            sla_state=None if sla is None else sla.state,
            sla_due_at=None if sla is None else sla.due_at,
            pending=history.pending,
            will_conflict=history.will_conflict,
            surveyed=case.is_surveyed_for_current_resolution,
        )

    def _company(self, company_id: UUID) -> CompanyRow | None:
        row = self._db.execute(
            f"SELECT {_COMPANY_COLUMNS} FROM list_companies WHERE company_id = ?",
            (str(company_id),),
        ).fetchone()
        return None if row is None else _company_from(row)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")


@dataclass(frozen=True)
class _CaseHistory:
    events: list[DariEvent]
    pending: int
    will_conflict: int


# Reading ------------------------------------------------------------------------------


class CaseListQuery:
    """Pages of the case list, sorted and filtered in SQL, on its own connection
    (one per thread: the GUI's reads never wait for the sync thread's writes)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(str(path), isolation_level=None)

    def close(self) -> None:
        self._db.close()

    def count(self, text: str = "", *, scope: CaseFilter = EVERY_CASE) -> int:
        found = case_text_filter(self._db, text)
        if scope == EVERY_CASE:
            return found.count(self._db)
        where, parameters = _where(found, scope)
        row = self._db.execute(f"SELECT COUNT(*) FROM list_cases {where}", parameters).fetchone()
        return int(row[0])

    def page(
        self,
        *,
        now: datetime,
        text: str = "",
        sort: CaseSort = CaseSort.RECEIVED_AT,
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
        scope: CaseFilter = EVERY_CASE,
    ) -> list[CaseRow]:
        found = case_text_filter(self._db, text)
        follow = _follows_sort(scope, sort)
        walking = follow and sort in _INDEXED_SORTS and found.walks(self._db)
        where, parameters = _where(found, scope, follow_sort=follow, walking=walking)
        direction = "DESC" if descending else "ASC"
        order = ", ".join(
            [*_first_keys(scope), *(f"{key} {direction}" for key in _sort_keys(sort))]
        )
        rows = self._db.execute(
            f"SELECT {_case_select()} FROM list_cases {where} "
            f"ORDER BY {order}, case_id {direction} LIMIT :limit OFFSET :offset",
            {**parameters, "now": _stamp(now), "limit": limit, "offset": offset},
        ).fetchall()
        return [_case_from(row) for row in rows]

    def case(self, case_id: UUID, *, now: datetime) -> CaseRow | None:
        row = self._db.execute(
            f"SELECT {_case_select()} FROM list_cases WHERE case_id = :case_id",
            {"case_id": str(case_id), "now": _stamp(now)},
        ).fetchone()
        return None if row is None else _case_from(row)


_INDEXED_SORTS = frozenset(CaseSort) - {CaseSort.SLA, CaseSort.SYNC}
"""Sorts with an index of their own (``list_cases_by_*``)."""


class CompanyDirectory:
    """Companies known here, for the intake form's suggestions (기업 찾기)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(str(path), isolation_level=None)

    def close(self) -> None:
        self._db.close()

    def find(self, text: str, *, limit: int = 20) -> list[CompanyRow]:
        """Companies whose name or 사업자등록번호 contains every word of ``text``."""
        where, parameters = _search(text)
        if not where:
            return []
        rows = self._db.execute(
            f"SELECT {_COMPANY_COLUMNS} FROM list_companies {where} ORDER BY name LIMIT :limit",
            {**parameters, "limit": limit},
        ).fetchall()
        return [_company_from(row) for row in rows]

    def by_number(self, business_number: str) -> CompanyRow | None:
        try:
            digits = BusinessNumber.parse(business_number).digits
        except DomainError:
            return None
        row = self._db.execute(
            f"SELECT {_COMPANY_COLUMNS} FROM list_companies WHERE business_number = ?",
            (digits,),
        ).fetchone()
        return None if row is None else _company_from(row)

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM list_companies").fetchone()[0])


# Helpers ------------------------------------------------------------------------------


def _search(text: str) -> tuple[str, dict[str, Any]]:
    """A WHERE clause requiring every word of ``text`` (case-insensitive, literal)."""
    words = text.lower().split()
    if not words:
        return "", {}
    clauses = [f"search LIKE :word{i} ESCAPE '\\'" for i in range(len(words))]
    parameters = {f"word{i}": f"%{_escaped(word)}%" for i, word in enumerate(words)}
    return "WHERE " + " AND ".join(clauses), parameters


def _where(
    found: CaseTextFilter, scope: CaseFilter, *, follow_sort: bool = False, walking: bool = False
) -> tuple[str, dict[str, Any]]:
    """The text filter and the queue filter, as one WHERE clause.

    ``follow_sort``: walk the sort column's index and filter on the way (the unary
    ``+`` keeps SQLite from using an index for the status filter instead). Measured on
    100,000 rows, a first page of a 27,000-case queue took 2 ms that way and ~100 ms
    through the status index, which must then sort every match. ``walking``: the same
    for the text index's matches (``CaseTextFilter.where``)."""
    search, parameters = found.where(walking=walking)
    if found.nothing:
        return search, parameters
    clauses = [search.removeprefix("WHERE ")] if search else []
    plus = "+" if follow_sort else ""
    if scope.statuses is not None:
        ranks = ", ".join(str(_STATUS_ORDER[s]) for s in sorted(scope.statuses, key=_rank))
        clauses.append(f"{plus}status_rank IN ({ranks})")
    if scope.institute is not None:
        clauses.append("institute = :institute")
        parameters["institute"] = scope.institute
    if scope.surveyed is not None:
        clauses.append(f"{plus}surveyed = {int(scope.surveyed)}")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def _follows_sort(scope: CaseFilter, sort: CaseSort) -> bool:
    """Whether a page is best read along the sort column's index: it has one, and the
    filter has no narrower index of its own (an institute's cases are few)."""
    return scope.institute is None and not scope.first and sort not in (CaseSort.SLA, CaseSort.SYNC)


def _first_keys(scope: CaseFilter) -> list[str]:
    if not scope.first:
        return []
    ranks = ", ".join(str(_STATUS_ORDER[s]) for s in sorted(scope.first, key=_rank))
    return [f"(status_rank IN ({ranks})) DESC"]


def _rank(status: CaseStatus) -> int:
    return _STATUS_ORDER[status]


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _case_select() -> str:
    return _CASE_COLUMNS.replace("sla_state,", f"{_effective_sla()} AS sla_state,")


def _effective_sla() -> str:
    """A running clock whose due instant has passed is overdue, as of ``:now``."""
    return (
        "(CASE WHEN sla_state = 'running' AND sla_due_at <= :now THEN 'overdue' ELSE sla_state END)"
    )


def _sort_keys(sort: CaseSort) -> list[str]:
    if sort is CaseSort.SLA:
        ranks = " ".join(f"WHEN '{state}' THEN {rank}" for rank, state in enumerate(_SLA_ORDER))
        return [f"(CASE {_effective_sla()} {ranks} ELSE {len(_SLA_ORDER)} END)", "sla_due_at"]
    if sort is CaseSort.SYNC:
        return ["will_conflict", "pending"]
    return [
        {
            CaseSort.RECEIVED_AT: "received_at",
            CaseSort.COMPANY: "company_name",
            CaseSort.BUSINESS_NUMBER: "business_number",
            CaseSort.REGION: "region_name",
            CaseSort.SERVICE: "service_name",
            CaseSort.STATUS: "status_rank",
            CaseSort.INSTITUTE: "institute_name",
        }[sort]
    ]


def _create_tables(db: sqlite3.Connection, *, drop: bool) -> None:
    """The tables, empty when ``drop`` (dropped whole, not row by row: a DELETE would
    take every row out of the search index one at a time)."""
    if drop:
        for table in _TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _SCHEMA:
        db.execute(statement)
    _set_state(db, "schema", SCHEMA_VERSION)


def _upsert_cases(db: sqlite3.Connection, rows: Sequence[CaseRow]) -> None:
    # ON CONFLICT DO UPDATE, not INSERT OR REPLACE: the rows REPLACE deletes fire no
    # trigger, and the search index (``case_search``) is kept by triggers.
    columns = [column.strip() for column in _CASE_COLUMNS.split(",")]
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns[1:])
    db.executemany(
        f"INSERT INTO list_cases ({_CASE_COLUMNS}) "
        f"VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT (case_id) DO UPDATE SET {updates}",
        [
            (
                str(r.case_id),
                str(r.company_id),
                r.company_name,
                r.business_number,
                r.region,
                r.region_name,
                r.service,
                r.service_name,
                r.status.value,
                r.status.label,
                _STATUS_ORDER[r.status],
                _stamp(r.received_at),
                r.institute,
                r.institute_name,
                None if r.sla_state is None else r.sla_state.value,
                None if r.sla_due_at is None else _stamp(r.sla_due_at),
                r.pending,
                r.will_conflict,
                int(r.surveyed),
            )
            for r in rows
        ],
    )


def _upsert_companies(db: sqlite3.Connection, rows: Sequence[CompanyRow]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO list_companies ({_COMPANY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                str(r.company_id),
                r.business_number,
                r.name,
                r.region,
                r.industry,
                r.size,
                int(r.has_research_lab),
            )
            for r in rows
        ],
    )


def _company_row(company: Company) -> CompanyRow:
    return CompanyRow(
        company_id=company.id,
        business_number=company.business_number,
        name=company.name,
        region=company.region,
        industry=company.industry,
        size=company.size.value,
        has_research_lab=company.has_research_lab,
    )


def _case_from(row: sqlite3.Row | tuple[Any, ...]) -> CaseRow:
    return CaseRow(
        case_id=UUID(row[0]),
        company_id=UUID(row[1]),
        company_name=row[2],
        business_number=row[3],
        region=row[4],
        region_name=row[5],
        service=row[6],
        service_name=row[7],
        status=CaseStatus(row[8]),
        received_at=_instant(row[11]),
        institute=row[12],
        institute_name=row[13],
        sla_state=None if row[14] is None else SlaState(row[14]),
        sla_due_at=None if row[15] is None else _instant(row[15]),
        pending=row[16],
        will_conflict=row[17],
        surveyed=bool(row[18]),
    )


def _company_from(row: tuple[Any, ...]) -> CompanyRow:
    return CompanyRow(
        company_id=UUID(row[0]),
        business_number=row[1],
        name=row[2],
        region=row[3],
        industry=row[4],
        size=row[5],
        has_research_lab=bool(row[6]),
    )


def _stamp(moment: datetime) -> str:
    """UTC, fixed width: text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _instant(text: str) -> datetime:
    # fromisoformat, not strptime: ~100x quicker, and a refresh of the list reads
    # two instants for each of its loaded rows on the GUI thread.
    return datetime.fromisoformat(text)


def _formatted(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 10 else digits


def _name(lookup: Callable[[str], Any], code: str) -> str:
    try:
        return str(lookup(code).name)
    except DomainError:  # reference data changed since: show the code
        return code


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def _get_state(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM list_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_state(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO list_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
