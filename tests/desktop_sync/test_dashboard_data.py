"""The dashboard's figures shaped for the screen, without Qt: the period and as-of
date picked, the KPI rows against targets scaled to the period, the month series,
the breakdown rows with their names, and a counselor's offline region figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sync_builders import a_case, a_company

from desktop.local.dashboard_data import (
    BREAKDOWN_COLUMNS,
    NOTHING,
    DashboardQuery,
    breakdown_rows,
    format_figure,
    kpi_rows,
    month_series,
    offline_report,
    period_share,
    targeted_rows,
)
from desktop.local.workspace import Workspace
from domain.business_calendar import KST
from domain.errors import InvalidValue
from domain.projections.figures import KPI_LABELS, KpiFigures
from domain.projections.kpi import KpiReport
from domain.projections.period import Period
from domain.projections.targets import KpiTargets
from domain.reference import default_reference

REF = default_reference()
STAGES = ("task_selection", "rnd", "commercialisation", "overseas")


def figures(**values: float | None) -> KpiFigures:
    """Zeros and nothing measured, but for ``values``."""
    zero: dict[str, object] = {
        "smes_supported": 0,
        "smes_with_lab": 0,
        "lab_share_pct": 0.0,
        "resolution_companies": 0,
        "resolution_cases": 0,
        "consulting_companies": 0,
        "consulting_cases": 0,
        "cases_per_staff_resolution": 0.0,
        "cases_per_staff_consulting": 0.0,
        "first_response_met_pct": None,
        "agreement_met_pct": None,
        "median_days_to_assign": None,
        "median_days_to_first_contact": None,
        "median_days_to_resolve": None,
        "satisfaction_average": None,
        "survey_response_rate_pct": None,
        "mentoring_funnel": dict.fromkeys(STAGES, 0),
    }
    return KpiFigures(**{**zero, **values})  # type: ignore[arg-type]


def a_report(period: Period, overall: KpiFigures, **breakdowns: dict[str, KpiFigures]) -> KpiReport:
    return KpiReport(
        period=period,
        as_of=datetime(2024, 12, 31, tzinfo=UTC),
        targets=KpiTargets(),
        overall=overall,
        breakdowns=breakdowns,
    )


def test_a_query_covers_its_months_and_sends_a_date_alone_as_of() -> None:
    query = DashboardQuery(2024, 3, 5, as_of_day=date(2024, 6, 30))

    assert query.period == Period(date(2024, 3, 1), date(2024, 6, 1))
    assert query.kpi_query().params() == {"from": "2024-03", "to": "2024-05", "as_of": "2024-06-30"}
    assert query.as_of == datetime(2024, 6, 30, 23, 59, 59, 999999, tzinfo=KST)
    assert not query.whole_year


def test_a_query_without_an_as_of_day_is_as_of_now_and_may_name_a_region() -> None:
    query = DashboardQuery(2024)

    assert query.whole_year
    assert query.as_of is None
    assert query.kpi_query(region="daejeon").params() == {
        "from": "2024-01",
        "to": "2024-12",
        "region": "daejeon",
    }


def test_months_out_of_order_are_refused_in_korean() -> None:
    with pytest.raises(InvalidValue) as refused:
        _ = DashboardQuery(2024, 7, 3).period

    assert "늦습니다" in refused.value.message


def test_the_targets_are_scaled_to_the_months_of_the_period() -> None:
    half_year = Period.parse("2024-01", "2024-06")
    report = a_report(half_year, figures(resolution_cases=1750, consulting_cases=100))

    rows = {row.key: row for row in kpi_rows(report)}

    assert period_share(half_year) == 0.5
    resolution = rows["resolution_cases"]
    assert resolution.label == KPI_LABELS["resolution_cases"]
    assert (resolution.baseline, resolution.target) == (3564, 7000)
    assert resolution.period_target == 3500
    assert resolution.achievement_pct == 50.0
    assert rows["consulting_cases"].achievement_pct == pytest.approx(1.0)


def test_figures_without_a_target_have_no_achievement_and_stay_off_the_chart() -> None:
    report = a_report(Period.year(2024), figures(first_response_met_pct=80.0))

    rows = kpi_rows(report)
    by_key = {row.key: row for row in rows}

    assert by_key["first_response_met_pct"].actual == 80.0
    assert by_key["first_response_met_pct"].achievement_pct is None
    assert {row.key for row in targeted_rows(rows)} == set(KpiTargets().target)


def test_each_mentoring_stage_is_a_row_of_its_own() -> None:
    funnel = {"task_selection": 3, "rnd": 1, "commercialisation": 0, "overseas": 0}
    report = a_report(Period.year(2024), figures(mentoring_funnel=funnel))

    stages = [row for row in kpi_rows(report) if row.key.startswith("mentoring_funnel.")]

    assert [row.actual for row in stages] == [3, 1, 0, 0]
    assert stages[1].label == f"{KPI_LABELS['mentoring_funnel']}: R&D"


def test_the_month_series_has_a_value_per_month_in_order() -> None:
    period = Period.parse("2024-05", "2024-06")
    months = {
        "2024-05": figures(resolution_cases=2, consulting_cases=1),
        "2024-06": figures(resolution_cases=5),
    }
    report = a_report(period, figures(), month=months)

    keys, series = month_series(report)

    assert keys == ("2024-05", "2024-06")
    assert [(s.key, s.values) for s in series] == [
        ("resolution_cases", (2.0, 5.0)),
        ("consulting_cases", (1.0, 0.0)),
    ]


def test_breakdown_rows_carry_the_reference_names_and_the_chosen_figures() -> None:
    regions = {
        "daejeon": figures(resolution_cases=4, satisfaction_average=4.5),
        "seoul": figures(),
        "atlantis": figures(consulting_cases=1),
    }
    report = a_report(Period.year(2024), figures(), region=regions)

    rows = breakdown_rows(report, "region", REF)

    assert [(row.key, row.name) for row in rows] == [
        ("daejeon", REF.region("daejeon").name),
        ("seoul", REF.region("seoul").name),
        ("atlantis", "atlantis"),  # no longer configured: its code
    ]
    daejeon = dict(zip(BREAKDOWN_COLUMNS, rows[0].values, strict=True))
    assert daejeon["resolution_cases"] == 4
    assert daejeon["satisfaction_average"] == 4.5


def test_active_only_leaves_out_the_slices_with_nothing_in_them() -> None:
    institutes = {"KIMM": figures(resolution_cases=1), "ETRI": figures(), "": figures()}
    report = a_report(Period.year(2024), figures(), institute=institutes)

    rows = breakdown_rows(report, "institute", REF, active_only=True)

    assert [row.key for row in rows] == ["KIMM"]


def test_figures_are_formatted_by_kind() -> None:
    assert format_figure("resolution_cases", 12345) == "12,345"
    assert format_figure("cases_per_staff_resolution", 16.2) == "16.20"
    assert format_figure("median_days_to_resolve", 4.25) == "4.2"
    assert format_figure("first_response_met_pct", None) == NOTHING


def test_a_counselors_region_figures_are_computed_from_this_computer(
    workspace: Workspace,
) -> None:
    company = a_company()
    workspace.record(company, a_case(company), a_case(company))

    report = offline_report(workspace, "daejeon", DashboardQuery(2024, 9, 9))
    before = offline_report(
        workspace, "daejeon", replace(DashboardQuery(2024, 9, 9), as_of_day=date(2024, 9, 1))
    )

    assert report.overall.resolution_cases == 2
    assert before.overall.resolution_cases == 0  # recorded on 2 September
