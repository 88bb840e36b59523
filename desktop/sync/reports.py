"""The national KPI report (성과지표 보고서) as the sync server answers it: the query a
client sends to ``/reports/kpi`` and the typed answer it gets back.

The answer is turned into the domain's own ``KpiReport``, so a central staff member's
server report and a counselor's offline figures (``desktop.local.figures``) are shaped
for the screen by the same code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.projections.figures import KpiFigures
from domain.projections.kpi import KpiReport
from domain.projections.period import Period
from domain.projections.targets import KpiTargets

Progress = Callable[[int, int | None], None]
"""Called with the bytes received so far and the total, when the server gave one."""


@dataclass(frozen=True, slots=True)
class KpiQuery:
    """What a report covers: months ``YYYY-MM`` (both included), optionally one region
    or institute, and the instant its figures are as of (ISO 8601; a date alone means
    the end of that day in Korea; ``None`` is now)."""

    from_month: str
    to_month: str
    region: str | None = None
    institute: str | None = None
    as_of: str | None = None

    def params(self) -> dict[str, str]:
        query = {"from": self.from_month, "to": self.to_month}
        for name, value in (
            ("region", self.region),
            ("institute", self.institute),
            ("as_of", self.as_of),
        ):
            if value:
                query[name] = value
        return query


@dataclass(frozen=True, slots=True)
class ServerKpiReport:
    """The report and where the server took it from: its read models (``read_model``)
    at history ``position``, or the events replayed up to ``as_of`` (``events``)."""

    report: KpiReport
    source: str
    position: int
    region: str | None
    institute: str | None


class _PeriodDocument(BaseModel):
    from_month: str = Field(alias="from")
    to: str
    start: date
    end: date


class _TargetsDocument(BaseModel):
    baseline_year: int
    baseline: dict[str, float]
    target_year: int
    target: dict[str, float]
    lab_sme_population: int
    staff: int


class KpiReportDocument(BaseModel):
    """The JSON body of ``GET /reports/kpi``."""

    model_config = ConfigDict(frozen=True)

    period: _PeriodDocument
    as_of: datetime
    region: str | None
    institute: str | None
    source: Literal["read_model", "events"]
    position: int
    targets: _TargetsDocument
    overall: KpiFigures
    breakdowns: dict[str, dict[str, KpiFigures]]

    def answer(self) -> ServerKpiReport:
        targets = self.targets
        report = KpiReport(
            period=Period(self.period.start, self.period.end),
            as_of=self.as_of,
            targets=KpiTargets(
                baseline_year=targets.baseline_year,
                baseline=targets.baseline,
                target_year=targets.target_year,
                target=targets.target,
                lab_sme_population=targets.lab_sme_population,
                staff=targets.staff,
            ),
            overall=self.overall,
            breakdowns=self.breakdowns,
        )
        return ServerKpiReport(report, self.source, self.position, self.region, self.institute)
