"""The KPI report's counting rules, one at a time, on a few cases built with domain
commands: what counts in a period, what is measured, and what an empty period gives."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from fact_builders import (
    COMPANY_ID,
    LIAISON,
    REFERENCE,
    a_case,
    a_company,
    a_consulting_record,
    an_engagement,
    assert_korean,
    at,
    fact_events,
    kst,
    plan_rnd,
)

from domain.aggregate import DariAggregate
from domain.case import Case
from domain.errors import InvalidValue, UnknownReference
from domain.projections.facts import NationalFacts, facts_from
from domain.projections.kpi import (
    BREAKDOWN_LABELS,
    BREAKDOWNS,
    KPI_LABELS,
    KpiFigures,
    KpiReport,
    Period,
    StaffCounts,
    kpi_report,
)
from domain.reference import ReferenceData

JUNE = Period.month(2024, 6)
JUNE_10 = kst(2024, 6, 10, 9)
LATER = kst(2024, 9, 1)


def report_of(
    *aggregates: DariAggregate,
    period: Period = JUNE,
    as_of: datetime = LATER,
    reference: ReferenceData = REFERENCE,
    **options: Any,
) -> KpiReport:
    facts = facts_from(fact_events(*aggregates), reference, as_of=as_of)
    return kpi_report(facts, period, as_of=as_of, reference=reference, **options)


def a_contacted_case(
    received: datetime = JUNE_10,
    *,
    contact_after_days: float = 1,
    region: str = "daejeon",
    company_id: UUID = COMPANY_ID,
) -> Case:
    case = a_case(when=received, region=region, company_id=company_id)
    case.assign_institute("KIMM", by=at(received))
    case.accept_assignment("KIMM", by=at(received, LIAISON))
    contact = received + timedelta(days=contact_after_days)
    case.make_first_contact(method="phone", summary="통화", by=at(contact, LIAISON))
    return case


def a_resolved_case(received: datetime = JUNE_10) -> Case:
    case = a_contacted_case(received)
    case.plan_resolution(kind="technology_transfer", summary="기술이전", by=at(kst(2024, 6, 12)))
    case.resolve(outcome="resolved", summary="해결", by=at(kst(2024, 6, 20), LIAISON))
    return case


ZERO = KpiFigures(
    smes_supported=0,
    smes_with_lab=0,
    lab_share_pct=0.0,
    resolution_companies=0,
    resolution_cases=0,
    consulting_companies=0,
    consulting_cases=0,
    cases_per_staff_resolution=0.0,
    cases_per_staff_consulting=0.0,
    first_response_met_pct=None,
    agreement_met_pct=None,
    median_days_to_assign=None,
    median_days_to_first_contact=None,
    median_days_to_resolve=None,
    satisfaction_average=None,
    survey_response_rate_pct=None,
    mentoring_funnel={
        "task_selection": 0,
        "rnd": 0,
        "commercialisation": 0,
        "investment": 0,
        "overseas": 0,
    },
)


# --- what counts in a period ----------------------------------------------------------------


@pytest.mark.parametrize(("period", "counted"), [(JUNE, 1), (Period.month(2024, 5), 0)])
def test_a_case_counts_in_the_period_it_was_received_in(period: Period, counted: int) -> None:
    report = report_of(a_resolved_case(kst(2024, 6, 10, 9)), period=period)

    assert report.overall.resolution_cases == counted


@pytest.mark.parametrize(
    ("received", "month"),
    [(kst(2024, 6, 30, 23, 30), "2024-06"), (kst(2024, 7, 1, 0, 30), "2024-07")],
)
def test_the_day_of_intake_is_the_korean_day_even_for_events_stored_in_utc(
    received: datetime, month: str
) -> None:
    events = [
        replace(e, recorded_at=e.recorded_at.astimezone(UTC))
        for e in fact_events(a_case(when=received))
    ]
    facts = facts_from(events, REFERENCE)

    report = kpi_report(facts, Period.parse("2024-06", "2024-07"), as_of=LATER, reference=REFERENCE)

    assert report.breakdowns["month"][month].resolution_cases == 1


def test_a_withdrawn_case_is_no_resolution_case_but_keeps_its_first_response_verdict() -> None:
    case = a_contacted_case()
    case.withdraw("기업이 자체 해결", by=at(kst(2024, 6, 14)))

    overall = report_of(case).overall

    assert (overall.resolution_cases, overall.resolution_companies, overall.smes_supported) == (
        0,
        0,
        0,
    )
    assert overall.first_response_met_pct == 100.0
    assert overall.median_days_to_first_contact == 1.0


def test_a_consulting_record_counts_in_the_period_it_took_place_in_not_when_recorded() -> None:
    record = a_consulting_record(consulted_on=date(2024, 5, 31), when=kst(2024, 6, 3, 9))

    assert report_of(record, period=Period.month(2024, 5)).overall.consulting_cases == 1
    assert report_of(record, period=JUNE).overall.consulting_cases == 0


def test_a_cancelled_consulting_record_is_not_counted() -> None:
    record = a_consulting_record()
    record.cancel("중복 입력", by=at(kst(2024, 6, 12)))

    overall = report_of(record).overall

    assert (overall.consulting_cases, overall.consulting_companies, overall.smes_supported) == (
        0,
        0,
        0,
    )


def test_consulting_is_its_own_service_and_has_no_program() -> None:
    report = report_of(a_consulting_record(institute=None))

    assert report.breakdowns["service"]["consulting"].consulting_cases == 1
    assert report.breakdowns["program"][""].consulting_cases == 1
    assert report.breakdowns["institute"][""].consulting_cases == 1


def test_a_company_with_a_case_and_a_consulting_record_is_one_sme_supported() -> None:
    company = a_company(7)
    case = a_resolved_case()
    other_case = a_contacted_case(kst(2024, 6, 11, 9))
    record = a_consulting_record(company_id=case.company_id)

    overall = report_of(company, case, other_case, record).overall

    assert (overall.resolution_cases, overall.resolution_companies) == (2, 1)
    assert (overall.consulting_cases, overall.consulting_companies) == (1, 1)
    assert overall.smes_supported == 1


def test_the_lab_share_is_supported_smes_with_a_lab_over_the_25700_lab_smes() -> None:
    with_lab, without_lab = a_company(1, lab=True), a_company(2, lab=False)
    cases = [a_contacted_case(company_id=c.id) for c in (with_lab, without_lab)]

    overall = report_of(with_lab, without_lab, *cases).overall

    assert (overall.smes_supported, overall.smes_with_lab) == (2, 1)
    assert overall.lab_share_pct == 100 / 25_700


def test_the_lab_flag_is_the_companys_flag_as_of_the_report() -> None:
    company = a_company(1, lab=False)
    company.change_research_lab(True, by=at(kst(2024, 8, 1)))
    case = a_contacted_case(company_id=company.id)

    assert report_of(company, case, as_of=kst(2024, 7, 1)).overall.smes_with_lab == 0
    assert report_of(company, case, as_of=kst(2024, 8, 2)).overall.smes_with_lab == 1


def test_a_company_never_registered_is_supported_without_a_lab() -> None:
    overall = report_of(a_contacted_case()).overall

    assert (overall.smes_supported, overall.smes_with_lab) == (1, 0)


# --- SLA, medians, satisfaction -------------------------------------------------------------


def test_a_first_response_clock_still_running_is_not_yet_measured() -> None:
    case = a_case(when=kst(2024, 6, 10, 9))

    assert report_of(case, as_of=kst(2024, 6, 11, 9)).overall.first_response_met_pct is None
    assert report_of(case, as_of=kst(2024, 6, 14, 9)).overall.first_response_met_pct == 0.0


def test_the_report_as_of_an_earlier_instant_judges_the_clocks_at_that_instant() -> None:
    late = a_contacted_case(contact_after_days=7)

    assert report_of(late, as_of=kst(2024, 6, 11, 9)).overall.first_response_met_pct is None
    assert report_of(late, as_of=kst(2024, 6, 14, 9)).overall.first_response_met_pct == 0.0
    assert report_of(late).overall.first_response_met_pct == 0.0
    assert report_of(a_contacted_case()).overall.first_response_met_pct == 100.0


def test_an_unsigned_demand_responsive_plan_past_two_weeks_counts_as_not_met() -> None:
    signed, unsigned = a_contacted_case(), a_contacted_case()
    for case in (signed, unsigned):
        plan_rnd(case, "demand_responsive", kst(2024, 6, 12, 10))
    signed.sign_agreement(date(2024, 6, 14), by=at(kst(2024, 6, 14), LIAISON))

    assert report_of(signed, unsigned).overall.agreement_met_pct == 50.0


def test_medians_are_calendar_days_from_intake_over_the_cases_that_got_there() -> None:
    fast = a_contacted_case(kst(2024, 6, 10, 9), contact_after_days=1)
    slow = a_contacted_case(kst(2024, 6, 10, 9), contact_after_days=2)
    slower = a_contacted_case(kst(2024, 6, 10, 9), contact_after_days=4)
    never = a_case(when=kst(2024, 6, 10, 9))

    overall = report_of(fast, slow, slower, never).overall

    assert overall.median_days_to_first_contact == 2.0
    assert overall.median_days_to_assign == 0.0
    assert overall.median_days_to_resolve is None


def test_satisfaction_counts_the_latest_survey_of_cases_resolved_now() -> None:
    surveyed, unsurveyed, reopened = a_resolved_case(), a_resolved_case(), a_resolved_case()
    surveyed.survey_follow_up(satisfaction=4, by=at(kst(2024, 6, 25)))
    reopened.survey_follow_up(satisfaction=1, by=at(kst(2024, 6, 25)))
    reopened.reopen("재발", by=at(kst(2024, 6, 26)))

    overall = report_of(surveyed, unsurveyed, reopened).overall

    assert overall.satisfaction_average == 4.0
    assert overall.survey_response_rate_pct == 50.0


# --- slices and scope -----------------------------------------------------------------------


def test_every_configured_code_has_a_row_and_empty_keys_mean_unassigned_and_no_program() -> None:
    report = report_of(a_case())

    assert list(report.breakdowns) == list(BREAKDOWNS)
    assert list(report.breakdowns["region"]) == [r.code for r in REFERENCE.regions]
    assert list(report.breakdowns["institute"]) == [*(i.code for i in REFERENCE.institutes), ""]
    assert list(report.breakdowns["program"]) == [*(p.code for p in REFERENCE.programs), ""]
    assert list(report.breakdowns["month"]) == ["2024-06"]
    assert report.breakdowns["institute"][""].resolution_cases == 1
    assert report.breakdowns["program"][""].resolution_cases == 1


def test_a_code_no_longer_configured_keeps_a_row_after_the_configured_ones() -> None:
    without_seoul = ReferenceData(
        tuple(r for r in REFERENCE.regions if r.code != "seoul"),
        REFERENCE.institutes,
        REFERENCE.programs,
        REFERENCE.services,
        REFERENCE.channels,
    )

    report = report_of(a_case(region="seoul"), reference=without_seoul)

    assert list(report.breakdowns["region"])[-1] == "seoul"
    assert report.breakdowns["region"]["seoul"].resolution_cases == 1


def test_a_region_scope_counts_only_that_regions_cases_records_and_engagements() -> None:
    here = [
        a_contacted_case(region="busan"),
        a_consulting_record(region="busan"),
        an_engagement(region="busan", when=kst(2024, 6, 3)),
    ]
    there = [a_contacted_case(region="seoul"), a_consulting_record(region="seoul")]

    report = report_of(*here, *there, region="busan")

    assert (report.overall.resolution_cases, report.overall.consulting_cases) == (1, 1)
    assert list(report.breakdowns["region"]) == ["busan"]


def test_an_institute_scope_counts_its_cases_and_records_but_no_engagements() -> None:
    engagement = an_engagement(when=kst(2024, 6, 3))
    engagement.reach_stage("task_selection", by=at(kst(2024, 6, 4)))

    report = report_of(
        a_contacted_case(), a_consulting_record(institute="KIMM"), engagement, institute="KIMM"
    )

    assert (report.overall.resolution_cases, report.overall.consulting_cases) == (1, 1)
    assert report.overall.mentoring_funnel["task_selection"] == 0


@pytest.mark.parametrize(("option", "code"), [("region", "jeju"), ("institute", "NASA")])
def test_an_unknown_region_or_institute_is_refused_in_korean(option: str, code: str) -> None:
    with pytest.raises(UnknownReference) as refused:
        report_of(a_case(), **{option: code})

    assert_korean(refused.value, field=option)


# --- mentoring ------------------------------------------------------------------------------


def test_an_engagement_counts_once_for_each_stage_it_reached() -> None:
    engagement = an_engagement(when=kst(2024, 6, 3))
    for stage, day in (("task_selection", 4), ("rnd", 5), ("task_selection", 6), ("rnd", 7)):
        engagement.reach_stage(stage, reason="과제 재선정", by=at(kst(2024, 6, day)))
    untouched = an_engagement(when=kst(2024, 6, 3), senior=21, junior=22)

    funnel = report_of(engagement, untouched).overall.mentoring_funnel

    assert funnel == {**ZERO.mentoring_funnel, "task_selection": 1, "rnd": 1}


def test_engagements_show_in_the_region_and_month_breakdowns_only() -> None:
    engagement = an_engagement(region="gwangju", when=kst(2024, 6, 3))
    engagement.reach_stage("task_selection", by=at(kst(2024, 6, 4)))

    report = report_of(engagement)

    assert report.breakdowns["region"]["gwangju"].mentoring_funnel["task_selection"] == 1
    assert report.breakdowns["month"]["2024-06"].mentoring_funnel["task_selection"] == 1
    for dimension in ("institute", "service", "channel", "program"):
        assert all(
            f.mentoring_funnel == ZERO.mentoring_funnel
            for f in report.breakdowns[dimension].values()
        )


# --- staff ----------------------------------------------------------------------------------


def test_per_staff_figures_divide_by_the_220_staff_of_the_release_by_default() -> None:
    overall = report_of(a_contacted_case(), a_consulting_record()).overall

    assert (overall.cases_per_staff_resolution, overall.cases_per_staff_consulting) == (
        1 / 220,
        1 / 220,
    )


def test_per_staff_figures_divide_by_the_average_staff_of_the_periods_years() -> None:
    staff = StaffCounts({2023: 200, 2024: 240})
    period = Period.parse("2023-12", "2024-06")

    overall = report_of(a_contacted_case(), period=period, staff=staff).overall

    assert overall.cases_per_staff_resolution == 1 / 220


# --- empty periods and bad input ------------------------------------------------------------


def test_an_empty_period_gives_zeros_and_nones() -> None:
    report = report_of(
        a_resolved_case(),
        a_consulting_record(),
        period=Period(date(2024, 6, 10), date(2024, 6, 10)),
    )

    assert report.overall == ZERO
    assert report.breakdowns["month"] == {}
    assert all(f == ZERO for f in report.breakdowns["region"].values())


def test_a_period_with_nothing_in_it_gives_zeros_and_nones() -> None:
    report = kpi_report(NationalFacts(), Period.year(2031), as_of=LATER, reference=REFERENCE)

    assert report.overall == ZERO
    assert len(report.breakdowns["month"]) == 12


def test_an_instant_without_a_time_zone_is_refused_in_korean() -> None:
    with pytest.raises(InvalidValue) as refused:
        kpi_report(NationalFacts(), JUNE, as_of=datetime(2024, 7, 1), reference=REFERENCE)

    assert_korean(refused.value, field="as_of")


def test_every_figure_has_a_korean_header_and_every_breakdown_a_korean_name() -> None:
    assert list(KPI_LABELS) == [f.name for f in fields(KpiFigures)]
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in label) for label in KPI_LABELS.values())
    assert set(BREAKDOWN_LABELS) == set(BREAKDOWNS)
