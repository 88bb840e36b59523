"""The KPI report (성과 보고) of the national center: the press release's figures for a
period, nationally or for one region or institute, broken down by region, institute,
service, channel, program and month.

What counts in a period:
- a case (애로사항) when it was received (접수) in it, by its KST date; withdrawn cases
  (취하) count for the SLA clocks and the medians, but not as resolution cases;
- a consulting record (기술지도·자문) when its ``consulted_on`` is in it, unless cancelled;
- a mentoring engagement when it started in it; it counts once for each stage it
  reached. Engagements have a region and a start month but no institute, service,
  channel or program, so only the region and month breakdowns show them.
- SMEs supported: the distinct companies with a resolution case or a consulting
  record; ``lab_share_pct`` is those with a research lab over the lab-SME population.
- Per-staff figures divide by the national support staff of the period's year(s), in
  every slice, so the slices of a breakdown add up to the whole.
- SLA met %: MET / (MET + MISSED + OVERDUE) as of ``as_of``, over the counted cases
  whose clock applies; a clock still running or paused is not yet measured.
- Medians: calendar days from intake to the first designation, the first contact
  and the (latest) resolution, over the counted cases that reached it.
- Satisfaction: over the counted cases resolved now, the average of their latest
  survey and the share of them that answered one.

The report is as of ``as_of``: give it facts folded from the events recorded up to
that instant (``facts_from(events, reference, as_of=as_of)``); the SLA clocks are then
judged at that instant.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from domain.business_calendar import KST, KoreanBusinessCalendar, default_calendar, to_kst
from domain.mentoring import MentoringStage
from domain.projections.facts import CaseFacts, ConsultingFacts, MentoringFacts, NationalFacts
from domain.projections.figures import KPI_LABELS, MENTORING_STAGE_LABELS, KpiFigures
from domain.projections.period import Period, month_key
from domain.projections.targets import KpiTargets, StaffCounts
from domain.reference import ReferenceData
from domain.sla import SlaClock, SlaState

__all__ = [
    "BREAKDOWNS",
    "BREAKDOWN_LABELS",
    "KPI_LABELS",
    "MENTORING_STAGE_LABELS",
    "KpiFigures",
    "KpiReport",
    "KpiTargets",
    "Period",
    "StaffCounts",
    "kpi_report",
]

BREAKDOWNS: tuple[str, ...] = ("region", "institute", "service", "channel", "program", "month")

BREAKDOWN_LABELS: dict[str, str] = {
    "region": "지역별",
    "institute": "출연연별",
    "service": "지원분야별",
    "channel": "접수경로별",
    "program": "지원사업별",
    "month": "월별",
}
"""The Korean name of each breakdown (one sheet each in the Excel export)."""

CONSULTING_SERVICE = "consulting"
"""The service code of technical guidance and consulting (기술지도·자문)."""

_DAY_SECONDS = 86_400
_STAGES = tuple(stage.value for stage in MentoringStage)


@dataclass(frozen=True, slots=True)
class KpiReport:
    """The figures for ``period`` as of ``as_of``: overall and per breakdown key.
    Institute key ``""`` means unassigned, program key ``""`` no R&D program; month
    keys are ``"YYYY-MM"``. Every configured code has a row, with zeros if need be."""

    period: Period
    as_of: datetime
    targets: KpiTargets
    overall: KpiFigures
    breakdowns: dict[str, dict[str, KpiFigures]]


def kpi_report(
    facts: NationalFacts,
    period: Period,
    *,
    as_of: datetime,
    reference: ReferenceData,
    targets: KpiTargets | None = None,
    staff: StaffCounts | None = None,
    calendar: KoreanBusinessCalendar | None = None,
    region: str | None = None,
    institute: str | None = None,
) -> KpiReport:
    """The report for ``period``, restricted to one ``region`` or ``institute`` when given
    (an unknown code raises ``UnknownReference``)."""
    as_of = to_kst(as_of, field="as_of")
    if region is not None:
        reference.region(region)
    if institute is not None:
        reference.institute(institute)
    targets = targets or KpiTargets()
    staff_count = (staff or StaffCounts(default=targets.staff)).for_period(period)
    calendar = calendar or default_calendar()

    slices = _Slices(_configured_keys(period, reference, region, institute))
    judge = _SlaJudge(as_of, calendar)
    for case in facts.cases.values():
        slices.add_case(case, period, region, institute, judge)
    for record in facts.consulting.values():
        slices.add_consulting(record, period, region, institute)
    if institute is None:
        for engagement in facts.mentoring.values():
            slices.add_mentoring(engagement, period, region)

    with_research_lab = frozenset(
        company_id.int
        for company_id, company in facts.companies.items()
        if company.has_research_lab
    )

    def figures_of(piece: _Slice) -> KpiFigures:
        return piece.figures(with_research_lab, targets, staff_count)

    return KpiReport(
        period=period,
        as_of=as_of,
        targets=targets,
        overall=figures_of(slices.overall),
        breakdowns={
            dimension: {key: figures_of(piece) for key, piece in slices.rows(dimension)}
            for dimension in BREAKDOWNS
        },
    )


# --- slices -------------------------------------------------------------------------------

_CaseRow = tuple[
    int | None, bool, bool, bool, bool, float | None, float | None, float | None, int | None
]
"""What one counted case adds to a slice: its company if it is a resolution case (not
withdrawn), as an int since UUIDs hash in Python code; whether its first-response clock
is measured and met; the same for its agreement clock; days to designation, to first
contact and, if resolved now, to resolution; the satisfaction of a resolved case."""


@dataclass(slots=True)
class _Slice:
    """The items one slice of the report counts; figures are computed once, at the end,
    with a few passes over columns rather than per-item arithmetic."""

    cases: list[_CaseRow] = field(default_factory=list)
    consulting_companies: list[int] = field(default_factory=list)
    """Company ids as ints, one per counted record."""
    mentoring_stages: list[str] = field(default_factory=list)
    """One entry per engagement and stage it reached."""

    def figures(
        self, with_research_lab: frozenset[int], targets: KpiTargets, staff_count: float
    ) -> KpiFigures:
        columns: list[tuple[Any, ...]] = (
            list(zip(*self.cases, strict=True)) if self.cases else [()] * 9
        )
        resolution, fr_measured, fr_met, ag_measured, ag_met = columns[:5]
        to_assign, to_contact, to_resolve, satisfaction = columns[5:]
        resolution_companies = set(resolution)
        resolution_companies.discard(None)
        consulting_companies = set(self.consulting_companies)
        supported = resolution_companies | consulting_companies
        with_lab = len(supported & with_research_lab)
        resolution_cases = len(resolution) - resolution.count(None)
        days_to_resolve = _present(to_resolve)
        surveys = _present(satisfaction)
        funnel = Counter(self.mentoring_stages)
        return KpiFigures(
            smes_supported=len(supported),
            smes_with_lab=with_lab,
            lab_share_pct=100 * with_lab / targets.lab_sme_population,
            resolution_companies=len(resolution_companies),
            resolution_cases=resolution_cases,
            consulting_companies=len(consulting_companies),
            consulting_cases=len(self.consulting_companies),
            cases_per_staff_resolution=resolution_cases / staff_count,
            cases_per_staff_consulting=len(self.consulting_companies) / staff_count,
            first_response_met_pct=_pct(sum(fr_met), sum(fr_measured)),
            agreement_met_pct=_pct(sum(ag_met), sum(ag_measured)),
            median_days_to_assign=_median(_present(to_assign)),
            median_days_to_first_contact=_median(_present(to_contact)),
            median_days_to_resolve=_median(days_to_resolve),
            satisfaction_average=sum(surveys) / len(surveys) if surveys else None,
            survey_response_rate_pct=_pct(len(surveys), len(days_to_resolve)),
            mentoring_funnel={stage: funnel[stage] for stage in _STAGES},
        )


def _present(column: tuple[Any, ...]) -> list[Any]:
    return [value for value in column if value is not None]


def _pct(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _days(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds() / _DAY_SECONDS


_Key = tuple[str, str | None, str | None, str | None, str | None, str]
"""Region, institute, service, channel, program, month; ``None`` where a breakdown
does not apply to the item."""


class _Slices:
    """The overall slice and one per breakdown key. Items with the same combination of
    keys go to the same slices, so that list is looked up once per combination."""

    def __init__(self, configured: dict[str, list[str]]) -> None:
        self.overall = _Slice()
        self._configured = configured
        self._groups: dict[str, dict[str, _Slice]] = {
            dimension: {key: _Slice() for key in keys} for dimension, keys in configured.items()
        }
        self._slices_of: dict[_Key, list[_Slice]] = {}

    def rows(self, dimension: str) -> list[tuple[str, _Slice]]:
        """Configured rows first, in order, then codes no longer configured, sorted."""
        by_key = self._groups[dimension]
        configured = self._configured[dimension]
        known = set(configured)
        extra = sorted(key for key in by_key if key not in known)
        return [(key, by_key[key]) for key in (*configured, *extra)]

    def _for(self, keys: _Key) -> list[_Slice]:
        slices = self._slices_of.get(keys)
        if slices is None:
            slices = [self.overall]
            for dimension, key in zip(BREAKDOWNS, keys, strict=True):
                if key is not None:
                    slices.append(self._groups[dimension].setdefault(key, _Slice()))
            self._slices_of[keys] = slices
        return slices

    def add_case(
        self,
        case: CaseFacts,
        period: Period,
        region: str | None,
        institute: str | None,
        judge: _SlaJudge,
    ) -> None:
        received_on = case.received_at.astimezone(KST).date()
        if not period.start <= received_on < period.end:
            return
        if (region is not None and case.region != region) or (
            institute is not None and case.institute != institute
        ):
            return
        first_response = judge(case.first_response_clock)
        agreement = judge(case.agreement_clock)
        received, resolved_at = case.received_at, case.resolved_at
        row: _CaseRow = (
            case.company_id.int if case.withdrawn_at is None else None,
            first_response is not None,
            first_response is SlaState.MET,
            agreement is not None,
            agreement is SlaState.MET,
            _days(received, case.first_assigned_at),
            _days(received, case.first_contact_at),
            _days(received, resolved_at),
            case.satisfaction if resolved_at is not None else None,
        )
        keys: _Key = (
            case.region,
            case.institute or "",
            case.service,
            case.channel,
            case.program or "",
            month_key(received_on),
        )
        for piece in self._for(keys):
            piece.cases.append(row)

    def add_consulting(
        self, record: ConsultingFacts, period: Period, region: str | None, institute: str | None
    ) -> None:
        if record.cancelled or not period.start <= record.consulted_on < period.end:
            return
        if (region is not None and record.region != region) or (
            institute is not None and record.institute != institute
        ):
            return
        keys: _Key = (
            record.region,
            record.institute or "",
            CONSULTING_SERVICE,
            record.channel,
            "",
            month_key(record.consulted_on),
        )
        for piece in self._for(keys):
            piece.consulting_companies.append(record.company_id.int)

    def add_mentoring(self, engagement: MentoringFacts, period: Period, region: str | None) -> None:
        started_on = engagement.started_at.astimezone(KST).date()
        if not period.start <= started_on < period.end:
            return
        if region is not None and engagement.region != region:
            return
        reached = {stage for stage, _ in engagement.stages}
        keys: _Key = (engagement.region, None, None, None, None, month_key(started_on))
        for piece in self._for(keys):
            piece.mentoring_stages.extend(reached)


def _configured_keys(
    period: Period, reference: ReferenceData, region: str | None, institute: str | None
) -> dict[str, list[str]]:
    """The rows every report has, zeros or not, in the reference data's order."""
    return {
        "region": [region] if region is not None else [r.code for r in reference.regions],
        "institute": (
            [institute] if institute is not None else [*(i.code for i in reference.institutes), ""]
        ),
        "service": [s.code for s in reference.services],
        "channel": [c.code for c in reference.channels],
        "program": [*(p.code for p in reference.programs), ""],
        "month": list(period.months),
    }


# --- SLA verdicts ---------------------------------------------------------------------

_VERDICT_CACHE_LIMIT = 2_000_000
_VERDICTS: WeakKeyDictionary[KoreanBusinessCalendar, dict[SlaClock, SlaState]]
_VERDICTS = WeakKeyDictionary()


class _SlaJudge:
    """A clock's verdict as of one instant, for the SLA percentages: MET or MISSED once
    stopped, OVERDUE once over budget, ``None`` while still measuring or not applicable.

    A clock stopped by ``as_of`` has a verdict that no later instant changes, so it is
    remembered per calendar: reports re-judge only the clocks still running.
    """

    def __init__(self, as_of: datetime, calendar: KoreanBusinessCalendar) -> None:
        self._as_of = as_of
        self._calendar = calendar
        verdicts = _VERDICTS.get(calendar)
        if verdicts is None or len(verdicts) > _VERDICT_CACHE_LIMIT:
            verdicts = _VERDICTS[calendar] = {}
        self._verdicts = verdicts

    def __call__(self, clock: SlaClock | None) -> SlaState | None:
        if clock is None:
            return None
        stopped_at = clock.stopped_at
        if stopped_at is not None and stopped_at <= self._as_of:
            state = self._verdicts.get(clock)
            if state is None:
                state = self._verdicts[clock] = clock.status(self._as_of, self._calendar).state
            return state
        state = clock.status(self._as_of, self._calendar).state
        return state if state is SlaState.OVERDUE else None
