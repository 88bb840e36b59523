"""The oracle: a generated scenario of 60 cases over three months in three regions and
four institutes, with consulting records and mentoring, whose expected KPIs are counted
here with plain loops over the scenario's own plans, and compared exactly with the
report, overall and per region, institute and month."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from fact_builders import REFERENCE
from kpi_scenario import (
    AS_OF,
    INSTITUTES,
    PERIOD_END,
    PERIOD_START,
    REGIONS,
    CasePlan,
    ConsultingPlan,
    MentoringPlan,
    Scenario,
    plan_scenario,
    scenario_events,
)

from domain.mentoring import MentoringStage
from domain.projections.facts import facts_from
from domain.projections.kpi import KpiFigures, KpiReport, Period, kpi_report

SCENARIO = plan_scenario()
PERIOD = Period.parse("2024-01", "2024-03")


@pytest.fixture(scope="module")
def report() -> KpiReport:
    facts = facts_from(scenario_events(SCENARIO), REFERENCE, as_of=AS_OF)
    return kpi_report(facts, PERIOD, as_of=AS_OF, reference=REFERENCE)


# --- the expectation, counted from the plans ------------------------------------------------


def expected(
    scenario: Scenario,
    case_in: Callable[[CasePlan], bool],
    record_in: Callable[[ConsultingPlan], bool],
    engagement_in: Callable[[MentoringPlan], bool],
) -> KpiFigures:
    cases = [
        c
        for c in scenario.cases
        if PERIOD_START <= c.received_at.date() < PERIOD_END and case_in(c)
    ]
    records = [
        r
        for r in scenario.consulting
        if PERIOD_START <= r.consulted_on < PERIOD_END and not r.cancelled and record_in(r)
    ]
    engagements = [
        m
        for m in scenario.mentoring
        if PERIOD_START <= m.started_at.date() < PERIOD_END and engagement_in(m)
    ]

    resolution_companies: set[int] = set()
    resolution_cases = 0
    for c in cases:
        if not c.withdrawn:
            resolution_cases += 1
            resolution_companies.add(c.company)
    consulting_companies = {r.company for r in records}
    supported = resolution_companies | consulting_companies
    with_lab = 0
    for number in supported:
        if scenario.companies[number].lab:
            with_lab += 1

    first_met = first_measured = agreement_met = agreement_measured = 0
    for c in cases:
        if c.first_response is not None:
            first_measured += 1
            first_met += c.first_response == "met"
        if c.agreement is not None:
            agreement_measured += 1
            agreement_met += c.agreement == "met"

    to_assign: list[float] = []
    to_contact: list[float] = []
    to_resolve: list[float] = []
    scores: list[int] = []
    for c in cases:
        if c.assign_after_hours is not None:
            to_assign.append(c.assign_after_hours / 24)
        if c.contact_after_hours is not None:
            to_contact.append(c.contact_after_hours / 24)
        if c.resolved_at is not None:
            to_resolve.append((c.resolved_at - c.received_at) / timedelta(days=1))
            if c.latest_satisfaction is not None:
                scores.append(c.latest_satisfaction)

    funnel = {stage.value: 0 for stage in MentoringStage}
    for m in engagements:
        for stage in set(m.stages):
            funnel[stage] += 1

    return KpiFigures(
        smes_supported=len(supported),
        smes_with_lab=with_lab,
        lab_share_pct=100 * with_lab / 25_700,
        resolution_companies=len(resolution_companies),
        resolution_cases=resolution_cases,
        consulting_companies=len(consulting_companies),
        consulting_cases=len(records),
        cases_per_staff_resolution=resolution_cases / 220,
        cases_per_staff_consulting=len(records) / 220,
        first_response_met_pct=100 * first_met / first_measured if first_measured else None,
        agreement_met_pct=100 * agreement_met / agreement_measured if agreement_measured else None,
        median_days_to_assign=median(to_assign),
        median_days_to_first_contact=median(to_contact),
        median_days_to_resolve=median(to_resolve),
        satisfaction_average=sum(scores) / len(scores) if scores else None,
        survey_response_rate_pct=100 * len(scores) / len(to_resolve) if to_resolve else None,
        mentoring_funnel=funnel,
    )


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def everything(_: object) -> bool:
    return True


def nothing(_: object) -> bool:
    return False


# --- the scenario is rich enough to mean something ----------------------------------------


def test_the_scenario_covers_every_verdict_and_path() -> None:
    in_period = [c for c in SCENARIO.cases if PERIOD_START <= c.received_at.date() < PERIOD_END]

    assert len(in_period) == 60
    assert {c.first_response for c in in_period} == {"met", "missed", "overdue", None}
    assert {c.agreement for c in in_period} >= {"met", "missed", None}
    assert any(c.withdrawn for c in in_period)
    assert any(len(c.designations) == 2 for c in in_period)
    assert any(c.reopened_and_resolved_again_after_days for c in in_period)
    assert any(c.institute is None and c.designations for c in in_period)
    assert any(r.cancelled for r in SCENARIO.consulting)
    assert any(r.institute is None for r in SCENARIO.consulting)
    assert len(SCENARIO.cases) > 60 and len(SCENARIO.mentoring) > 0


# --- the comparison -------------------------------------------------------------------------


def test_the_national_figures_are_the_ones_counted_from_the_plans(report: KpiReport) -> None:
    assert report.overall == expected(SCENARIO, everything, everything, everything)


@pytest.mark.parametrize("region", REGIONS)
def test_each_regions_figures_are_the_ones_counted_from_the_plans(
    report: KpiReport, region: str
) -> None:
    figures = expected(
        SCENARIO,
        lambda c: c.region == region,
        lambda r: r.region == region,
        lambda m: m.region == region,
    )

    assert report.breakdowns["region"][region] == figures


@pytest.mark.parametrize("institute", [*INSTITUTES, ""])
def test_each_institutes_figures_are_the_ones_counted_from_the_plans(
    report: KpiReport, institute: str
) -> None:
    code = institute or None
    figures = expected(
        SCENARIO,
        lambda c: c.institute == code,
        lambda r: r.institute == code,
        nothing,  # engagements have no institute
    )

    assert report.breakdowns["institute"][institute] == figures


@pytest.mark.parametrize("month", [1, 2, 3])
def test_each_months_figures_are_the_ones_counted_from_the_plans(
    report: KpiReport, month: int
) -> None:
    figures = expected(
        SCENARIO,
        lambda c: c.received_at.month == month,
        lambda r: r.consulted_on.month == month,
        lambda m: m.started_at.month == month,
    )

    assert report.breakdowns["month"][f"2024-{month:02d}"] == figures


def test_regions_and_institutes_outside_the_scenario_have_zero_rows(report: KpiReport) -> None:
    zero = expected(SCENARIO, nothing, nothing, nothing)

    assert report.breakdowns["region"]["gangwon"] == zero
    assert report.breakdowns["institute"]["KRISS"] == zero


@pytest.mark.parametrize("region", REGIONS)
def test_a_report_restricted_to_a_region_is_that_regions_row(
    report: KpiReport, region: str
) -> None:
    facts = facts_from(scenario_events(SCENARIO), REFERENCE)

    restricted = kpi_report(facts, PERIOD, as_of=AS_OF, reference=REFERENCE, region=region)

    assert restricted.overall == report.breakdowns["region"][region]
    assert list(restricted.breakdowns["region"]) == [region]


def test_a_report_restricted_to_an_institute_is_that_institutes_row(report: KpiReport) -> None:
    facts = facts_from(scenario_events(SCENARIO), REFERENCE)

    restricted = kpi_report(facts, PERIOD, as_of=AS_OF, reference=REFERENCE, institute="KIMM")

    assert restricted.overall == report.breakdowns["institute"]["KIMM"]
