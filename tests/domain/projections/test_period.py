"""Report periods (보고 기간): whole months or years, start included, end excluded, and
the months a user types ("2024-01" to "2024-12") checked with Korean messages."""

from __future__ import annotations

from datetime import date

import pytest
from fact_builders import assert_korean

from domain.errors import InvalidValue
from domain.projections.kpi import Period


def test_a_month_runs_from_its_first_day_to_the_first_day_of_the_next() -> None:
    assert Period.month(2024, 12) == Period(date(2024, 12, 1), date(2025, 1, 1))


def test_a_year_runs_from_the_first_of_january_to_the_next_first_of_january() -> None:
    assert Period.year(2024) == Period(date(2024, 1, 1), date(2025, 1, 1))


def test_parsed_months_include_both_the_first_and_the_last_month() -> None:
    period = Period.parse("2024-01", "2024-12")

    assert period == Period.year(2024)
    assert period.months == tuple(f"2024-{m:02d}" for m in range(1, 13))
    assert period.years == (2024,)


def test_one_parsed_month_is_that_month() -> None:
    assert Period.parse("2024-03", "2024-03") == Period.month(2024, 3)


def test_a_period_across_new_year_touches_both_years() -> None:
    period = Period.parse("2023-11", "2024-02")

    assert period.months == ("2023-11", "2023-12", "2024-01", "2024-02")
    assert period.years == (2023, 2024)


def test_the_end_day_is_not_in_the_period() -> None:
    period = Period.month(2024, 6)

    assert date(2024, 6, 1) in period
    assert date(2024, 6, 30) in period
    assert date(2024, 7, 1) not in period


def test_a_period_of_no_days_is_empty_and_has_no_months() -> None:
    period = Period(date(2024, 6, 10), date(2024, 6, 10))

    assert period.is_empty
    assert (period.months, period.years) == ((), ())


@pytest.mark.parametrize(
    "text",
    ["2024-1", "2024/01", "24-01", "2024-13", "2024-00", "", "abcd-ef", "２０２４-01", "0000-01"],
)
def test_a_malformed_month_is_refused_in_korean(text: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        Period.parse(text, "2024-12")

    assert_korean(refused.value, field="period")


def test_a_month_that_is_not_text_is_refused_in_korean() -> None:
    with pytest.raises(InvalidValue) as refused:
        Period.parse(202401, "2024-12")  # type: ignore[arg-type]

    assert_korean(refused.value, field="period")


def test_months_in_reverse_order_are_refused_in_korean() -> None:
    with pytest.raises(InvalidValue) as refused:
        Period.parse("2024-12", "2024-01")

    assert_korean(refused.value, field="period")
    assert "2024-12" in refused.value.message


def test_a_period_ending_before_it_starts_is_refused_in_korean() -> None:
    with pytest.raises(InvalidValue) as refused:
        Period(date(2024, 6, 10), date(2024, 6, 9))

    assert_korean(refused.value, field="period")


@pytest.mark.parametrize(("year", "month"), [(2024, 13), (2024, 0), (0, 1), (10_000, 1)])
def test_an_impossible_month_is_refused_in_korean(year: int, month: int) -> None:
    with pytest.raises(InvalidValue) as refused:
        Period.month(year, month)

    assert_korean(refused.value, field="period")
