"""What the figures are measured against: the 2013 release's 2012 actuals and 2014
targets by default, replaceable key by key from a TOML file, and the support staff
per year that the per-staff figures divide by."""

from __future__ import annotations

from pathlib import Path

import pytest
from fact_builders import assert_korean

from domain.errors import InvalidValue
from domain.projections.kpi import KpiTargets, Period, StaffCounts


def test_the_defaults_are_the_releases_2012_actuals_and_2014_targets() -> None:
    targets = KpiTargets()

    assert (targets.baseline_year, targets.target_year) == (2012, 2014)
    assert targets.baseline["smes_supported"] == 4_394
    assert targets.target["smes_supported"] == 7_700
    assert (targets.baseline["resolution_companies"], targets.baseline["resolution_cases"]) == (
        2_190,
        3_564,
    )
    assert (targets.target["resolution_companies"], targets.target["resolution_cases"]) == (
        3_800,
        7_000,
    )
    assert (targets.baseline["consulting_companies"], targets.baseline["consulting_cases"]) == (
        2_204,
        4_173,
    )
    assert (targets.target["consulting_companies"], targets.target["consulting_cases"]) == (
        3_900,
        20_000,
    )
    assert (
        targets.baseline["cases_per_staff_resolution"],
        targets.target["cases_per_staff_resolution"],
    ) == (16.2, 20)
    assert (
        targets.baseline["cases_per_staff_consulting"],
        targets.target["cases_per_staff_consulting"],
    ) == (18.5, 60)
    assert (targets.lab_sme_population, targets.staff) == (25_700, 220)


def test_a_toml_file_replaces_only_the_values_it_gives(tmp_path: Path) -> None:
    path = tmp_path / "targets.toml"
    path.write_text(
        "staff = 230\n\n"
        "[target]\nyear = 2015\nresolution_cases = 8000\nfirst_response_met_pct = 95\n",
        encoding="utf-8",
    )

    targets = KpiTargets.load(path)

    assert (targets.target_year, targets.staff) == (2015, 230)
    assert targets.target["resolution_cases"] == 8_000
    assert targets.target["first_response_met_pct"] == 95
    assert targets.target["smes_supported"] == 7_700
    assert targets.baseline == KpiTargets().baseline


@pytest.mark.parametrize(
    "text",
    [
        "staff = ",  # not TOML
        "budget = 3\n",  # not a known setting
        "[target]\nhappiness = 3\n",  # not a figure
        "[target]\nresolution_cases = -1\n",
        "[target]\nresolution_cases = '많이'\n",
        "staff = 0\n",
        "target = 3\n",
        "[baseline]\nyear = 2012.5\n",
    ],
)
def test_a_bad_targets_file_is_refused_in_korean(text: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        KpiTargets.from_toml(text)

    assert_korean(refused.value, field="targets")


def test_a_missing_targets_file_is_refused_in_korean(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue) as refused:
        KpiTargets.load(tmp_path / "없음.toml")

    assert_korean(refused.value, field="targets")


def test_a_year_without_a_staff_count_has_the_default() -> None:
    staff = StaffCounts({2024: 240})

    assert (staff.for_year(2024), staff.for_year(2025)) == (240, 220)


def test_a_period_over_several_years_has_their_average_staff() -> None:
    staff = StaffCounts({2023: 200, 2024: 240})

    assert staff.for_period(Period.parse("2023-07", "2024-06")) == 220.0
    assert staff.for_period(Period.year(2024)) == 240.0


@pytest.mark.parametrize("count", [0, -5, True])
def test_a_staff_count_below_one_is_refused_in_korean(count: int) -> None:
    with pytest.raises(InvalidValue) as refused:
        StaffCounts({2024: count})

    assert_korean(refused.value, field="staff")
