"""The dashboard's figures (현황판), shaped for the screen without Qt: the period and
as-of date a person picks, the KPI rows against their targets, the per-month series
and the breakdown rows. The same shapes serve the server's national report and a
counselor's offline region figures, since both are a domain ``KpiReport``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from desktop.local.figures import region_figures
from desktop.local.workspace import Workspace
from desktop.sync.reports import KpiQuery
from domain.business_calendar import KST
from domain.errors import UnknownReference
from domain.projections.figures import KPI_LABELS, MENTORING_STAGE_LABELS, NUMERIC_KPIS, KpiFigures
from domain.projections.kpi import KpiReport
from domain.projections.period import Period
from domain.reference import ReferenceData

MONTHS_PER_YEAR = 12
FUNNEL = "mentoring_funnel"

COUNT_KPIS = frozenset(
    {
        "smes_supported",
        "smes_with_lab",
        "resolution_companies",
        "resolution_cases",
        "consulting_companies",
        "consulting_cases",
    }
)
"""Whole numbers; every other figure is a ratio, a median or an average."""

DASHBOARD_BREAKDOWNS: tuple[str, ...] = ("region", "institute", "service", "month")
BREAKDOWN_COLUMNS: tuple[str, ...] = (
    "resolution_cases",
    "resolution_companies",
    "consulting_cases",
    "smes_supported",
    "first_response_met_pct",
    "agreement_met_pct",
    "median_days_to_resolve",
    "satisfaction_average",
)
MONTH_SERIES: tuple[str, ...] = ("resolution_cases", "consulting_cases")


@dataclass(frozen=True, slots=True)
class DashboardQuery:
    """A year, its first and last month (both included) and the day the figures are as
    of (the end of that day in Korea; ``None`` is now)."""

    year: int
    first_month: int = 1
    last_month: int = MONTHS_PER_YEAR
    as_of_day: date | None = None

    @property
    def period(self) -> Period:
        """The period; ``InvalidValue`` (Korean) when the months are out of order."""
        return Period.parse(self.from_month, self.to_month)

    @property
    def from_month(self) -> str:
        return f"{self.year:04d}-{self.first_month:02d}"

    @property
    def to_month(self) -> str:
        return f"{self.year:04d}-{self.last_month:02d}"

    @property
    def whole_year(self) -> bool:
        return (self.first_month, self.last_month) == (1, MONTHS_PER_YEAR)

    @property
    def as_of(self) -> datetime | None:
        """The end of ``as_of_day`` in Korea, as the server reads a date alone."""
        if self.as_of_day is None:
            return None
        return datetime.combine(self.as_of_day, time.max, KST)

    def kpi_query(self, *, region: str | None = None, institute: str | None = None) -> KpiQuery:
        as_of = None if self.as_of_day is None else self.as_of_day.isoformat()
        return KpiQuery(self.from_month, self.to_month, region, institute, as_of)


def offline_report(workspace: Workspace, region: str, query: DashboardQuery) -> KpiReport:
    """A counselor's region figures from this computer's events (no server)."""
    return region_figures(workspace, region, query.period, as_of=query.as_of)


# KPI rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One figure with what it is measured against. ``period_target`` is the target
    year's target scaled to the period's months (a year's target for a whole year)."""

    key: str
    label: str
    actual: float | None
    baseline: float | None = None
    target: float | None = None
    period_target: float | None = None

    @property
    def achievement_pct(self) -> float | None:
        """Actual as a share of the period's target, in percent."""
        if self.actual is None or not self.period_target:
            return None
        return 100 * self.actual / self.period_target


def period_share(period: Period) -> float:
    """The share of a year the period covers, in whole months."""
    return len(period.months) / MONTHS_PER_YEAR


def kpi_rows(report: KpiReport) -> list[KpiRow]:
    """Every figure in ``KPI_LABELS`` order, the mentoring funnel one row per stage."""
    targets = report.targets
    share = period_share(report.period)
    rows = []
    for key in NUMERIC_KPIS:
        target = targets.target.get(key)
        rows.append(
            KpiRow(
                key=key,
                label=KPI_LABELS[key],
                actual=getattr(report.overall, key),
                baseline=targets.baseline.get(key),
                target=target,
                period_target=None if target is None else target * share,
            )
        )
    for stage, count in report.overall.mentoring_funnel.items():
        label = f"{KPI_LABELS[FUNNEL]}: {MENTORING_STAGE_LABELS.get(stage, stage)}"
        rows.append(KpiRow(key=f"{FUNNEL}.{stage}", label=label, actual=count))
    return rows


def targeted_rows(rows: Sequence[KpiRow]) -> list[KpiRow]:
    """The rows that have a target: those the achievement chart shows."""
    return [row for row in rows if row.period_target]


# Per month ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthSeries:
    key: str
    label: str
    values: tuple[float, ...]
    """One per month of ``months``."""


def month_series(
    report: KpiReport, keys: Sequence[str] = MONTH_SERIES
) -> tuple[tuple[str, ...], list[MonthSeries]]:
    """The period's ``YYYY-MM`` months and, per figure in ``keys``, its value in each."""
    months = tuple(report.breakdowns.get("month", {}))
    by_month = report.breakdowns.get("month", {})
    series = [
        MonthSeries(
            key=key,
            label=KPI_LABELS[key],
            values=tuple(float(getattr(by_month[month], key) or 0) for month in months),
        )
        for key in keys
    ]
    return months, series


# Breakdowns -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One region, institute, service or month: its code, its name from the reference
    data (empty for a month, and for the unassigned institute ``""``) and its figures
    in ``BREAKDOWN_COLUMNS`` order."""

    key: str
    name: str
    values: tuple[float | None, ...]


def breakdown_rows(
    report: KpiReport,
    dimension: str,
    reference: ReferenceData,
    *,
    active_only: bool = False,
) -> list[BreakdownRow]:
    """The rows of one breakdown in the report's order; with ``active_only``, those
    with at least one case, consulting record or supported SME."""
    rows = []
    for key, figures in report.breakdowns.get(dimension, {}).items():
        if active_only and not _active(figures):
            continue
        values = tuple(getattr(figures, column) for column in BREAKDOWN_COLUMNS)
        rows.append(BreakdownRow(key, reference_name(reference, dimension, key), values))
    return rows


def reference_name(reference: ReferenceData, dimension: str, code: str) -> str:
    """The Korean name of a region, institute or service code; the code itself when
    it is no longer configured; empty for months and the unassigned institute."""
    if not code or dimension == "month":
        return ""
    try:
        if dimension == "region":
            return reference.region(code).name
        if dimension == "institute":
            return reference.institute(code).name
        if dimension == "service":
            return reference.service(code).name
    except UnknownReference:
        pass
    return code


def _active(figures: KpiFigures) -> bool:
    return bool(figures.resolution_cases or figures.consulting_cases or figures.smes_supported)


# Numbers --------------------------------------------------------------------------------

NOTHING = "—"
"""Shown where there was nothing to measure."""


def format_figure(key: str, value: float | None) -> str:
    """Counts with thousands separators, other figures with one or two decimals."""
    if value is None:
        return NOTHING
    if key in COUNT_KPIS or key.startswith(FUNNEL):
        return f"{value:,.0f}"
    if key.startswith("cases_per_staff") or key == "lab_share_pct":
        return f"{value:,.2f}"
    return f"{value:,.1f}"
