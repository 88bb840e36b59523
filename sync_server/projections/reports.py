"""KPI reports for central staff, from the read models (live) or, as of a past
instant, from the events recorded up to then. Both end in the same pure
``kpi_report`` of ``domain.projections``, which a counselor's client also runs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import Engine

from domain.business_calendar import KST
from domain.errors import InvalidValue
from domain.projections.facts import NationalFacts, facts_from
from domain.projections.kpi import KpiReport, KpiTargets, StaffCounts, kpi_report
from domain.projections.period import Period
from domain.reference import ReferenceData
from sync_server.projections.history import fact_events_until, head
from sync_server.projections.mirror import FactsMirror
from sync_server.projections.projector import active_generations, without_cycle_collection
from sync_server.projections.read_models import load_national_facts

Source = Literal["read_model", "events"]

_MARGIN = timedelta(days=1)
"""Cases are narrowed in SQL by a UTC window a day wider than the period on each side;
``kpi_report`` then counts exactly by the Korean calendar date."""


@dataclass(frozen=True)
class ReportAnswer:
    report: KpiReport
    source: Source
    position: int
    """The history position the figures include: the read models' tracking position,
    or the head when replayed from the events."""
    region: str | None
    institute: str | None


def live_report(
    engine: Engine,
    reference: ReferenceData,
    period: Period,
    *,
    region: str | None = None,
    institute: str | None = None,
    targets: KpiTargets | None = None,
    staff: StaffCounts | None = None,
    now: datetime | None = None,
    mirror: FactsMirror | None = None,
) -> ReportAnswer:
    """The report from the active read models, as they stand now: from the server's
    in-memory ``mirror`` of them when given, else read from the tables (narrowed to
    the period)."""
    as_of = now or datetime.now(UTC)
    if mirror is not None:
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            snapshot = mirror.current(connection)
            connection.rollback()
        report = _report(
            snapshot.facts, period, as_of, reference, targets, staff, region, institute
        )
        return ReportAnswer(report, "read_model", snapshot.position, region, institute)
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # One snapshot for the state and all four tables, even mid-catch-up.
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        generations, position = active_generations(connection)
        facts = load_national_facts(
            connection,
            generations,
            received_from=datetime.combine(period.start, time(), KST) - _MARGIN,
            received_before=datetime.combine(period.end, time(), KST) + _MARGIN,
            consulted_from=period.start,
            consulted_before=period.end,
            region=region,
            institute=institute,
        )
        connection.rollback()
    report = _report(facts, period, as_of, reference, targets, staff, region, institute)
    return ReportAnswer(report, "read_model", position, region, institute)


def report_as_of(
    engine: Engine,
    reference: ReferenceData,
    period: Period,
    as_of: datetime,
    *,
    region: str | None = None,
    institute: str | None = None,
    targets: KpiTargets | None = None,
    staff: StaffCounts | None = None,
) -> ReportAnswer:
    """The report the projections would have shown at ``as_of``: the events recorded
    up to that instant, replayed."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        position = head(connection)
        with without_cycle_collection():
            facts = facts_from(fact_events_until(connection, as_of), reference, as_of=as_of)
        connection.rollback()
    report = _report(facts, period, as_of, reference, targets, staff, region, institute)
    return ReportAnswer(report, "events", position, region, institute)


def _report(
    facts: NationalFacts,
    period: Period,
    as_of: datetime,
    reference: ReferenceData,
    targets: KpiTargets | None,
    staff: StaffCounts | None,
    region: str | None,
    institute: str | None,
) -> KpiReport:
    return kpi_report(
        facts,
        period,
        as_of=as_of,
        reference=reference,
        targets=targets,
        staff=staff,
        region=region,
        institute=institute,
    )


def load_staff_counts(path: Path, default: int | None = None) -> StaffCounts:
    """Support staff per year from a TOML file::

    default = 220      # any year not listed

    [years]
    2024 = 231
    """
    where = f"지원인력 파일 {path}"
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InvalidValue(f"{where}을(를) 읽을 수 없습니다 ({error}).", field="staff") from None
    unknown = sorted(set(document) - {"default", "years"})
    years = document.get("years", {})
    if unknown or not isinstance(years, dict):
        raise InvalidValue(
            f"{where}: default와 [years]만 쓸 수 있습니다 ({', '.join(unknown) or 'years'}).",
            field="staff",
        )
    try:
        by_year = {int(year): count for year, count in years.items()}
    except ValueError:
        raise InvalidValue(f"{where}: [years]의 키는 연도여야 합니다.", field="staff") from None
    fallback = document.get("default", default if default is not None else StaffCounts().default)
    return StaffCounts(by_year=by_year, default=fallback)
