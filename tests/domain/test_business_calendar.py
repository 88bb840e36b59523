"""The Korean business calendar: which days count, and how business time adds up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from domain.business_calendar import KST, KoreanBusinessCalendar, default_calendar
from domain.errors import InvalidValue

DAY_SECONDS = 86_400
calendar = default_calendar()


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)


# --- which days are business days ------------------------------------------------


def test_an_ordinary_weekday_is_a_business_day() -> None:
    assert calendar.is_business_day(date(2024, 9, 12))


@pytest.mark.parametrize("weekend_day", [date(2024, 9, 14), date(2024, 9, 15)])
def test_saturday_and_sunday_are_not_business_days(weekend_day: date) -> None:
    assert not calendar.is_business_day(weekend_day)


@pytest.mark.parametrize(
    "holiday",
    [
        date(2024, 9, 16),  # 추석 전날
        date(2024, 9, 17),  # 추석
        date(2024, 9, 18),  # 추석 다음날
        date(2024, 2, 9),  # 설날 전날
        date(2024, 10, 3),  # 개천절
        date(2024, 12, 25),  # 기독탄신일
    ],
)
def test_public_holidays_on_weekdays_are_not_business_days(holiday: date) -> None:
    assert not calendar.is_business_day(holiday)


@pytest.mark.parametrize(
    "substitute_holiday",
    [
        date(2025, 3, 3),  # for 삼일절 on Saturday 2025-03-01
        date(2023, 5, 29),  # for 부처님오신날 on Saturday 2023-05-27
        date(2024, 2, 12),  # for 설날 falling on the weekend
    ],
)
def test_substitute_holidays_are_not_business_days(substitute_holiday: date) -> None:
    assert not calendar.is_business_day(substitute_holiday)


def test_the_temporary_armed_forces_day_holiday_of_2024_is_not_a_business_day() -> None:
    assert not calendar.is_business_day(date(2024, 10, 1))


def test_a_holiday_is_named_in_korean() -> None:
    assert calendar.holiday_name(date(2024, 9, 17)) == "추석"


def test_a_substitute_holiday_is_named_as_such() -> None:
    name = calendar.holiday_name(date(2025, 3, 3))

    assert name is not None
    assert "대체" in name


def test_an_ordinary_day_has_no_holiday_name() -> None:
    assert calendar.holiday_name(date(2024, 9, 12)) is None


def test_an_office_closure_is_not_a_business_day() -> None:
    office = KoreanBusinessCalendar(extra_closures={date(2024, 9, 13): "센터 개소기념일"})

    assert not office.is_business_day(date(2024, 9, 13))
    assert office.holiday_name(date(2024, 9, 13)) == "센터 개소기념일"


def test_an_unnamed_office_closure_is_called_a_closing_day() -> None:
    office = KoreanBusinessCalendar(extra_closures=[date(2024, 9, 13)])

    assert office.holiday_name(date(2024, 9, 13)) == "휴무일"


def test_office_closures_do_not_change_the_default_calendar() -> None:
    KoreanBusinessCalendar(extra_closures=[date(2024, 9, 13)])

    assert default_calendar().is_business_day(date(2024, 9, 13))


# --- stepping and counting days -------------------------------------------------


def test_the_next_business_day_after_friday_before_chuseok_skips_the_holidays() -> None:
    assert calendar.next_business_day(date(2024, 9, 13)) == date(2024, 9, 19)


def test_the_previous_business_day_skips_back_over_the_weekend() -> None:
    assert calendar.previous_business_day(date(2024, 9, 9)) == date(2024, 9, 6)


def test_adding_business_days_skips_weekends_and_holidays() -> None:
    assert calendar.add_business_days(date(2024, 9, 12), 3) == date(2024, 9, 20)


def test_adding_business_days_crosses_the_new_year() -> None:
    # 2024-12-31 Tue; 2025-01-01 is 신정.
    assert calendar.add_business_days(date(2024, 12, 30), 2) == date(2025, 1, 2)


def test_adding_negative_business_days_moves_backwards_across_the_year() -> None:
    assert calendar.add_business_days(date(2025, 1, 2), -2) == date(2024, 12, 30)


def test_adding_zero_business_days_gives_the_same_date() -> None:
    assert calendar.add_business_days(date(2024, 9, 14), 0) == date(2024, 9, 14)


def test_business_days_between_counts_the_half_open_range() -> None:
    # [Fri 13, Fri 20): Fri 13 and Thu 19; 16–18 are 추석.
    assert calendar.business_days_between(date(2024, 9, 13), date(2024, 9, 20)) == 2


def test_business_days_between_is_negative_when_reversed() -> None:
    assert calendar.business_days_between(date(2024, 9, 20), date(2024, 9, 13)) == -2


def test_business_days_between_spans_several_years() -> None:
    counted = calendar.business_days_between(date(2023, 6, 1), date(2025, 6, 1))

    walked = sum(
        calendar.is_business_day(date(2023, 6, 1) + timedelta(days=i))
        for i in range((date(2025, 6, 1) - date(2023, 6, 1)).days)
    )
    assert counted == walked


# --- business time --------------------------------------------------------------


def test_business_time_within_one_business_day_is_the_plain_difference() -> None:
    seconds = calendar.business_seconds_between(kst(2024, 9, 12, 9), kst(2024, 9, 12, 15))

    assert seconds == 6 * 3600


def test_a_weekend_adds_no_business_time() -> None:
    seconds = calendar.business_seconds_between(kst(2024, 9, 6, 18), kst(2024, 9, 9, 6))

    assert seconds == 12 * 3600


def test_business_time_is_the_same_whatever_zone_the_instants_are_given_in() -> None:
    in_kst = calendar.business_seconds_between(kst(2024, 9, 6, 18), kst(2024, 9, 9, 6))
    in_utc = calendar.business_seconds_between(
        kst(2024, 9, 6, 18).astimezone(UTC), kst(2024, 9, 9, 6).astimezone(UTC)
    )

    assert in_utc == in_kst


def test_friday_afternoon_receipt_before_a_substitute_holiday_monday_is_due_on_thursday() -> None:
    # Fri 2025-02-28 15:00; Mon 03-03 is 삼일절 대체 휴일: 9h Fri + Tue + Wed + 15h Thu.
    due = calendar.add_business_seconds(kst(2025, 2, 28, 15), 3 * DAY_SECONDS)

    assert due == kst(2025, 3, 6, 15)


def test_a_case_received_on_saturday_starts_counting_monday_at_midnight() -> None:
    assert calendar.add_business_seconds(kst(2024, 9, 7, 10), 0) == kst(2024, 9, 9)


def test_a_budget_ending_at_midnight_is_due_at_the_start_of_the_next_day() -> None:
    assert calendar.add_business_seconds(kst(2024, 9, 9), 2 * DAY_SECONDS) == kst(2024, 9, 11)


def test_a_budget_ending_on_the_last_day_before_a_weekend_is_due_at_saturday_midnight() -> None:
    assert calendar.add_business_seconds(kst(2024, 9, 12, 12), DAY_SECONDS) == kst(2024, 9, 13, 12)
    assert calendar.add_business_seconds(kst(2024, 9, 12), 2 * DAY_SECONDS) == kst(2024, 9, 14)


def test_adding_business_time_returns_korean_standard_time() -> None:
    due = calendar.add_business_seconds(datetime(2024, 9, 12, 0, tzinfo=UTC), 3600)

    assert due.utcoffset() == timedelta(hours=9)
    assert due == kst(2024, 9, 12, 10)


def test_negative_business_time_is_refused() -> None:
    with pytest.raises(InvalidValue):
        calendar.add_business_seconds(kst(2024, 9, 12), -1)


def test_a_naive_start_is_refused_with_a_korean_message() -> None:
    with pytest.raises(InvalidValue) as refused:
        calendar.business_seconds_between(datetime(2024, 9, 12, 9), kst(2024, 9, 12, 10))

    assert "시간대" in refused.value.message
    assert refused.value.field == "start"


def test_a_naive_end_is_refused() -> None:
    with pytest.raises(InvalidValue):
        calendar.business_seconds_between(kst(2024, 9, 12, 9), datetime(2024, 9, 12, 10))


def test_adding_business_time_to_a_naive_instant_is_refused() -> None:
    with pytest.raises(InvalidValue):
        calendar.add_business_seconds(datetime(2024, 9, 12, 9), 60)


# --- properties -----------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2022, 1, 1),
    max_value=datetime(2026, 12, 31),
    timezones=st.sampled_from([KST, UTC]),
)
amounts = st.floats(min_value=0, max_value=30 * DAY_SECONDS, allow_nan=False)


@given(start=instants, seconds=amounts)
def test_business_seconds_between_undoes_add_business_seconds(
    start: datetime, seconds: float
) -> None:
    assume(calendar.is_business_day(start.astimezone(KST).date()))

    due = calendar.add_business_seconds(start, seconds)

    assert calendar.business_seconds_between(start, due) == pytest.approx(seconds, abs=1e-5)


@given(start=instants, seconds=amounts)
def test_add_business_seconds_gives_the_earliest_instant_with_that_much_business_time(
    start: datetime, seconds: float
) -> None:
    assume(seconds >= 0.001)

    due = calendar.add_business_seconds(start, seconds)

    assert calendar.business_seconds_between(start, due - timedelta(milliseconds=1)) < seconds


@given(a=instants, b=instants, c=instants)
def test_business_seconds_between_is_additive_over_a_split_point(
    a: datetime, b: datetime, c: datetime
) -> None:
    whole = calendar.business_seconds_between(a, c)
    parts = calendar.business_seconds_between(a, b) + calendar.business_seconds_between(b, c)

    assert whole == pytest.approx(parts, abs=1e-6)


@given(start=instants, end=instants)
def test_business_time_never_exceeds_calendar_time(start: datetime, end: datetime) -> None:
    assume(start <= end)

    assert calendar.business_time_between(start, end) <= end - start
