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
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import partial
from operator import is_not
from typing import Any
from weakref import WeakKeyDictionary

from domain.business_calendar import KST, KoreanBusinessCalendar, default_calendar, to_kst
from domain.mentoring import MentoringStage
from domain.projections.facts import CaseFacts, ConsultingFacts, MentoringFacts, NationalFacts
from domain.projections.figures import KPI_LABELS, MENTORING_STAGE_LABELS, KpiFigures
from domain.projections.period import Period
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

    tally = _Tally(_configured_keys(period, reference, region, institute))
    months = _Months(period)
    tally.add_cases(facts.cases.values(), months, region, institute, _SlaJudge(as_of, calendar))
    tally.add_consulting(facts.consulting.values(), months, region, institute)
    if institute is None:
        tally.add_mentoring(facts.mentoring.values(), months, region)

    with_research_lab = _with_research_lab(facts.companies)
    scope = (period.start, period.end, region, institute)

    def figures_of(
        dimension: str, key: str, cases: _CaseColumns, consulting: list[int], stages: list[str]
    ) -> KpiFigures:
        return _figures(
            (*scope, dimension, key),
            cases,
            consulting,
            stages,
            with_research_lab,
            targets,
            staff_count,
        )

    return KpiReport(
        period=period,
        as_of=as_of,
        targets=targets,
        overall=figures_of("", "", tally.case_columns, tally.consulting, tally.stages),
        breakdowns={
            dimension: {
                key: figures_of(dimension, key, *items) for key, items in tally.rows(dimension)
            }
            for dimension in BREAKDOWNS
        },
    )


# --- tallies ------------------------------------------------------------------------------

_NOT_MEASURED, _MEASURED, _MET = 0, 1, 2
"""An SLA clock's part in a percentage: not measured, measured but not met, met."""

_CaseColumns = tuple[Sequence[Any], ...]
"""Per counted case, in three columns: its ``_CaseEntry``; its first-response and
agreement clocks (``_NOT_MEASURED``, ``_MEASURED`` or ``_MET``) as of the report."""

_CaseEntry = tuple[Any, ...]
"""What a case contributes to a report whatever its ``as_of``, read once per facts
object: the facts, received at, region, institute, institute key, service, channel,
program key, its company as an int if it is a resolution case (not withdrawn, as an int
since UUIDs hash in Python code), days to designation, to first contact and, if
resolved, to resolution; the satisfaction of a resolved case; its two SLA clocks, and
for each the instant from which its code (``_NOT_MEASURED``, ``_MEASURED``, ``_MET``)
is fixed and that code: from always for a clock that does not apply, from its stop for
a stopped one, never for one still running (judged on every report)."""

(
    _FACTS,
    _RECEIVED,
    _REGION,
    _INSTITUTE,
    _INSTITUTE_KEY,
    _SERVICE,
    _CHANNEL,
    _PROGRAM_KEY,
    _COMPANY,
    _TO_ASSIGN,
    _TO_CONTACT,
    _TO_RESOLVE,
    _SATISFACTION,
    _FIRST_RESPONSE_CLOCK,
    _AGREEMENT_CLOCK,
    _FIRST_RESPONSE_SINCE,
    _FIRST_RESPONSE_CODE,
    _AGREEMENT_SINCE,
    _AGREEMENT_CODE,
) = range(19)

_is_present = partial(is_not, None)


def _figures(
    slice_key: tuple[Any, ...],
    cases: _CaseColumns,
    consulting: list[int],
    stages: list[str],
    with_research_lab: frozenset[int],
    targets: KpiTargets,
    staff_count: float,
) -> KpiFigures:
    """One slice's figures. The counts, medians and satisfaction depend only on the
    slice's facts, so they are remembered per slice and reused while its facts are the
    same objects (or equal ones); the SLA percentages are counted on every report."""
    entries, first_response, agreement = cases
    fixed = _fixed_figures(slice_key, entries, consulting, with_research_lab)
    supported, with_lab, resolution_companies, resolution_cases = fixed[:4]
    consulting_companies, to_assign, to_contact, to_resolve, satisfaction, surveys = fixed[4:]
    funnel = Counter(stages)
    return KpiFigures(
        smes_supported=supported,
        smes_with_lab=with_lab,
        lab_share_pct=100 * with_lab / targets.lab_sme_population,
        resolution_companies=resolution_companies,
        resolution_cases=resolution_cases,
        consulting_companies=consulting_companies,
        consulting_cases=len(consulting),
        cases_per_staff_resolution=resolution_cases / staff_count,
        cases_per_staff_consulting=len(consulting) / staff_count,
        first_response_met_pct=_pct(
            first_response.count(_MET), len(first_response) - first_response.count(_NOT_MEASURED)
        ),
        agreement_met_pct=_pct(
            agreement.count(_MET), len(agreement) - agreement.count(_NOT_MEASURED)
        ),
        median_days_to_assign=to_assign,
        median_days_to_first_contact=to_contact,
        median_days_to_resolve=to_resolve,
        satisfaction_average=satisfaction,
        survey_response_rate_pct=surveys,
        mentoring_funnel={stage: funnel[stage] for stage in _STAGES},
    )


_SLICE_CACHE_LIMIT = 2_000
_SLICES: dict[tuple[Any, ...], tuple[list[Any], list[int], frozenset[int], tuple[Any, ...]]]
_SLICES = {}


def _fixed_figures(
    slice_key: tuple[Any, ...],
    entries: Sequence[_CaseEntry],
    consulting: list[int],
    with_research_lab: frozenset[int],
) -> tuple[Any, ...]:
    """supported, with lab, resolution companies and cases, consulting companies, the
    three medians, the satisfaction average and the survey response rate."""
    known = _SLICES.get(slice_key)
    # List equality compares by identity first: unchanged entries cost a pointer each,
    # and the entries of replaced but equal facts are equal.
    if (
        known is not None
        and known[2] is with_research_lab
        and known[1] == consulting
        and known[0] == entries
    ):
        return known[3]
    resolution = [entry[_COMPANY] for entry in entries]
    resolution_companies = set(resolution)
    resolution_companies.discard(None)
    consulting_companies = set(consulting)
    supported = resolution_companies | consulting_companies
    with_lab = len(supported & with_research_lab)
    resolution_cases = len(resolution) - resolution.count(None)
    days_to_resolve = [e[_TO_RESOLVE] for e in entries if e[_TO_RESOLVE] is not None]
    surveys = [e[_SATISFACTION] for e in entries if e[_SATISFACTION] is not None]
    fixed = (
        len(supported),
        with_lab,
        len(resolution_companies),
        resolution_cases,
        len(consulting_companies),
        _median([e[_TO_ASSIGN] for e in entries if e[_TO_ASSIGN] is not None]),
        _median([e[_TO_CONTACT] for e in entries if e[_TO_CONTACT] is not None]),
        _median(days_to_resolve),
        sum(surveys) / len(surveys) if surveys else None,
        _pct(len(surveys), len(days_to_resolve)),
    )
    if len(_SLICES) >= _SLICE_CACHE_LIMIT:
        _SLICES.clear()
    _SLICES[slice_key] = (list(entries), consulting, with_research_lab, fixed)
    return fixed


_LAB: list[tuple[dict[Any, Any], frozenset[int]]] = []


def _with_research_lab(companies: dict[Any, Any]) -> frozenset[int]:
    """The companies with a research lab, as ints; the same object while they are."""
    known = _LAB[-1] if _LAB else None
    if known is not None and known[0] is companies:
        return known[1]
    lab = frozenset(
        company_id.int for company_id, company in companies.items() if company.has_research_lab
    )
    if known is not None and known[1] == lab:
        lab = known[1]
    _LAB[:] = [(companies, lab)]
    return lab


def _pct(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


class _Months:
    """The period's bounds as KST instants and the ``"YYYY-MM"`` key of a moment or day
    in it, found by bisection rather than a conversion to KST per item."""

    def __init__(self, period: Period) -> None:
        self.start, self.end = period.start, period.end
        self.start_at = _instant(period.start)
        self.end_at = _instant(period.end)
        self.keys = period.months
        firsts: list[date] = []
        cursor = period.start.replace(day=1)
        for _ in self.keys[1:]:
            cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
            firsts.append(cursor)
        self.firsts = firsts
        """The first day of each month after the first."""
        self.firsts_at = [_instant(first) for first in firsts]


def _instant(day: date) -> datetime:
    """KST midnight of ``day``, in UTC: the zone the server's facts are in, and aware
    datetimes of the very same zone compare several times faster."""
    return datetime.combine(day, time(0), tzinfo=KST).astimezone(UTC)


class _Tally:
    """The items each slice counts: overall and per breakdown key, as lists of rows
    that ``_figures`` turns into figures at the end."""

    def __init__(self, configured: dict[str, list[str]]) -> None:
        self._configured = configured
        self.case_columns: tuple[list[Any], ...] = ([], [], [])
        self.consulting: list[int] = []
        """Company ids as ints, one per counted record."""
        self.stages: list[str] = []
        """One entry per engagement and stage it reached."""
        self._cases: dict[str, defaultdict[str, list[int]]] = {
            dimension: defaultdict(list) for dimension in BREAKDOWNS
        }
        self._consulting: dict[str, defaultdict[str, list[int]]] = {
            dimension: defaultdict(list) for dimension in BREAKDOWNS
        }
        self._stages: dict[str, defaultdict[str, list[str]]] = {
            dimension: defaultdict(list) for dimension in BREAKDOWNS
        }

    def rows(self, dimension: str) -> list[tuple[str, tuple[_CaseColumns, list[int], list[str]]]]:
        """Configured rows first, in order, then codes no longer configured, sorted."""
        cases, consulting = self._cases[dimension], self._consulting[dimension]
        stages = self._stages[dimension]
        configured = self._configured[dimension]
        known = set(configured)
        extra = sorted({*cases, *consulting, *stages} - known)
        return [
            (key, (self._columns(cases.get(key, [])), consulting.get(key, []), stages.get(key, [])))
            for key in (*configured, *extra)
        ]

    def _columns(self, positions: list[int]) -> _CaseColumns:
        """The case columns of the cases at ``positions``."""
        return tuple(list(map(column.__getitem__, positions)) for column in self.case_columns)

    def add_cases(
        self,
        cases: Iterable[CaseFacts],
        months: _Months,
        region: str | None,
        institute: str | None,
        judge: _SlaJudge,
    ) -> None:
        start_at, end_at, month_keys, firsts_at = (
            months.start_at,
            months.end_at,
            months.keys,
            months.firsts_at,
        )
        verdict = judge.verdict
        by = self._cases
        add_entry, first_responses, agreements = (column.append for column in self.case_columns)
        by_region, by_institute, by_service = by["region"], by["institute"], by["service"]
        by_channel, by_program, by_month = by["channel"], by["program"], by["month"]
        known = _case_entries(judge.calendar)
        get = known.get
        as_of = judge.as_of.astimezone(UTC)
        n = 0
        for case in cases:
            entry = get(id(case))
            if entry is None or entry[_FACTS] is not case:
                entry = known[id(case)] = _case_entry(case, None)
            received = entry[_RECEIVED]
            if not start_at <= received < end_at:
                continue
            if (region is not None and entry[_REGION] != region) or (
                institute is not None and entry[_INSTITUTE] != institute
            ):
                continue
            if entry[_FIRST_RESPONSE_SINCE] is _NEVER or entry[_AGREEMENT_SINCE] is _NEVER:
                entry = _with_stopped_clocks_fixed(entry, judge, known)
            add_entry(entry)
            first_responses(
                entry[_FIRST_RESPONSE_CODE]
                if entry[_FIRST_RESPONSE_SINCE] <= as_of
                else verdict(entry[_FIRST_RESPONSE_CLOCK])
            )
            agreements(
                entry[_AGREEMENT_CODE]
                if entry[_AGREEMENT_SINCE] <= as_of
                else verdict(entry[_AGREEMENT_CLOCK])
            )
            by_region[entry[_REGION]].append(n)
            by_institute[entry[_INSTITUTE_KEY]].append(n)
            by_service[entry[_SERVICE]].append(n)
            by_channel[entry[_CHANNEL]].append(n)
            by_program[entry[_PROGRAM_KEY]].append(n)
            by_month[month_keys[bisect_right(firsts_at, received)]].append(n)
            n += 1

    def add_consulting(
        self,
        records: Iterable[ConsultingFacts],
        months: _Months,
        region: str | None,
        institute: str | None,
    ) -> None:
        start, end, month_keys, firsts = months.start, months.end, months.keys, months.firsts
        by = self._consulting
        overall = self.consulting.append
        by_region, by_institute, by_service = by["region"], by["institute"], by["service"]
        by_channel, by_program, by_month = by["channel"], by["program"], by["month"]
        service = by_service[CONSULTING_SERVICE]
        program = by_program[""]
        for record in records:
            consulted_on = record.consulted_on
            if record.cancelled or not start <= consulted_on < end:
                continue
            if (region is not None and record.region != region) or (
                institute is not None and record.institute != institute
            ):
                continue
            company = record.company_id.int
            overall(company)
            by_region[record.region].append(company)
            by_institute[record.institute or ""].append(company)
            service.append(company)
            by_channel[record.channel].append(company)
            program.append(company)
            by_month[month_keys[bisect_right(firsts, consulted_on)]].append(company)
        for dimension, key in (("service", CONSULTING_SERVICE), ("program", "")):
            if not by[dimension][key]:
                del by[dimension][key]

    def add_mentoring(
        self, engagements: Iterable[MentoringFacts], months: _Months, region: str | None
    ) -> None:
        start_at, end_at, month_keys, firsts_at = (
            months.start_at,
            months.end_at,
            months.keys,
            months.firsts_at,
        )
        by_region, by_month = self._stages["region"], self._stages["month"]
        for engagement in engagements:
            started = engagement.started_at
            if not start_at <= started < end_at:
                continue
            if region is not None and engagement.region != region:
                continue
            reached = {stage for stage, _ in engagement.stages}
            self.stages.extend(reached)
            by_region[engagement.region].extend(reached)
            by_month[month_keys[bisect_right(firsts_at, started)]].extend(reached)


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


# --- what a case contributes whatever the instant ------------------------------------

_ENTRY_CACHE_LIMIT = 1_000_000
_ENTRIES: WeakKeyDictionary[KoreanBusinessCalendar, dict[int, _CaseEntry]]
_ENTRIES = WeakKeyDictionary()
_ALWAYS = datetime.min.replace(tzinfo=UTC)
_NEVER = datetime.max.replace(tzinfo=UTC)


def _case_entries(calendar: KoreanBusinessCalendar) -> dict[int, _CaseEntry]:
    """Each case's entry by the id of its facts (an entry holds its facts, so the id is
    not reused while it is remembered), per calendar; started afresh past the limit."""
    entries = _ENTRIES.get(calendar)
    if entries is None or len(entries) > _ENTRY_CACHE_LIMIT:
        entries = _ENTRIES[calendar] = {}
    return entries


def _with_stopped_clocks_fixed(
    entry: _CaseEntry, judge: _SlaJudge, known: dict[int, _CaseEntry]
) -> _CaseEntry:
    """The entry with the codes of its clocks stopped by the judge's instant fixed."""
    for clock, since in (
        (entry[_FIRST_RESPONSE_CLOCK], entry[_FIRST_RESPONSE_SINCE]),
        (entry[_AGREEMENT_CLOCK], entry[_AGREEMENT_SINCE]),
    ):
        stopped_at = None if since is not _NEVER else clock.stopped_at
        if stopped_at is not None and stopped_at <= judge.as_of:
            case = entry[_FACTS]
            entry = known[id(case)] = _case_entry(case, judge)
            break
    return entry


def _fixed_verdict(clock: SlaClock | None, judge: _SlaJudge | None) -> tuple[datetime, int]:
    """From when the clock's code no longer changes, and that code (not yet known for a
    stopped clock without a ``judge``)."""
    if clock is None:
        return _ALWAYS, _NOT_MEASURED
    stopped_at = clock.stopped_at
    if judge is not None and stopped_at is not None and stopped_at <= judge.as_of:
        return stopped_at, judge.verdict(clock)
    return _NEVER, _NOT_MEASURED


def _case_entry(case: CaseFacts, judge: _SlaJudge | None) -> _CaseEntry:
    received = case.received_at
    assigned, contacted, resolved = case.first_assigned_at, case.first_contact_at, case.resolved_at
    return (
        case,
        received,
        case.region,
        case.institute,
        case.institute or "",
        case.service,
        case.channel,
        case.program or "",
        case.company_id.int if case.withdrawn_at is None else None,
        None if assigned is None else (assigned - received).total_seconds() / _DAY_SECONDS,
        None if contacted is None else (contacted - received).total_seconds() / _DAY_SECONDS,
        None if resolved is None else (resolved - received).total_seconds() / _DAY_SECONDS,
        None if resolved is None else case.satisfaction,
        case.first_response_clock,
        case.agreement_clock,
        *_fixed_verdict(case.first_response_clock, judge),
        *_fixed_verdict(case.agreement_clock, judge),
    )


# --- SLA verdicts ---------------------------------------------------------------------

_VERDICT_CACHE_LIMIT = 2_000_000
_VERDICTS: WeakKeyDictionary[KoreanBusinessCalendar, dict[int, tuple[SlaClock, int]]]
_VERDICTS = WeakKeyDictionary()


class _SlaJudge:
    """A clock's part in the SLA percentages as of one instant: measured once stopped
    (met or not), measured and not met once overdue, not measured while still running
    or paused.

    A clock stopped by ``as_of`` has a verdict that no later instant changes, so it is
    remembered per calendar, by the clock object (folds carry an unchanged clock over
    to the case's next facts): reports re-judge only the clocks still running.
    """

    def __init__(self, as_of: datetime, calendar: KoreanBusinessCalendar) -> None:
        self.as_of = self._as_of = as_of
        self.calendar = self._calendar = calendar
        verdicts = _VERDICTS.get(calendar)
        if verdicts is None or len(verdicts) > _VERDICT_CACHE_LIMIT:
            verdicts = _VERDICTS[calendar] = {}
        self._verdicts = verdicts

    def verdict(self, clock: SlaClock) -> int:
        stopped_at = clock.stopped_at
        if stopped_at is not None and stopped_at <= self._as_of:
            known = self._verdicts.get(id(clock))
            if known is not None and known[0] is clock:
                return known[1]
            state = clock.status(self._as_of, self._calendar).state
            code = _MET if state is SlaState.MET else _MEASURED
            self._verdicts[id(clock)] = (clock, code)
            return code
        state = clock.status(self._as_of, self._calendar).state
        return _MEASURED if state is SlaState.OVERDUE else _NOT_MEASURED
