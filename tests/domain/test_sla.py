"""SLA clocks: budgets in business days, pauses, and status as of any instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.business_calendar import KST, default_calendar
from domain.errors import InvalidValue
from domain.sla import (
    AGREEMENT_BUSINESS_DAYS,
    BUSINESS_DAY,
    FIRST_RESPONSE_BUSINESS_DAYS,
    SlaClock,
    SlaState,
)

calendar = default_calendar()


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KST)


def first_response() -> SlaClock:
    return SlaClock("first_response", FIRST_RESPONSE_BUSINESS_DAYS)


# A week without holidays: Mon 2024-06-10 to Fri 06-14.
MONDAY_9 = kst(2024, 6, 10, 9)
THURSDAY_9 = kst(2024, 6, 13, 9)


# --- states -----------------------------------------------------------------------


def test_a_clock_not_yet_started_is_not_started_and_has_no_due_date() -> None:
    status = first_response().status(MONDAY_9, calendar)

    assert status.state is SlaState.NOT_STARTED
    assert status.due_at is None
    assert status.elapsed_business_seconds == 0
    assert status.remaining_business_seconds == 3 * BUSINESS_DAY


def test_a_started_clock_within_its_budget_is_running() -> None:
    clock = first_response().start(MONDAY_9)

    status = clock.status(kst(2024, 6, 11, 9), calendar)

    assert status.state is SlaState.RUNNING
    assert status.elapsed_business_seconds == BUSINESS_DAY
    assert status.remaining_business_seconds == 2 * BUSINESS_DAY


def test_a_first_response_started_monday_morning_is_due_thursday_morning() -> None:
    clock = first_response().start(MONDAY_9)

    assert clock.status(MONDAY_9, calendar).due_at == THURSDAY_9


def test_a_clock_exactly_at_its_due_instant_is_still_running() -> None:
    clock = first_response().start(MONDAY_9)

    status = clock.status(THURSDAY_9, calendar)

    assert status.state is SlaState.RUNNING
    assert status.remaining_business_seconds == 0


def test_a_clock_past_its_due_instant_is_overdue_with_negative_remaining_time() -> None:
    clock = first_response().start(MONDAY_9)

    status = clock.status(kst(2024, 6, 13, 10), calendar)

    assert status.state is SlaState.OVERDUE
    assert status.remaining_business_seconds == -3600
    assert status.due_at == THURSDAY_9


def test_a_clock_with_an_open_pause_is_paused_and_has_no_due_date() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9))

    status = clock.status(kst(2024, 6, 12, 9), calendar)

    assert status.state is SlaState.PAUSED
    assert status.due_at is None
    assert status.elapsed_business_seconds == BUSINESS_DAY


def test_a_clock_paused_after_its_budget_ran_out_is_overdue_not_paused() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 14, 9))

    status = clock.status(kst(2024, 6, 17, 9), calendar)

    assert status.state is SlaState.OVERDUE
    assert status.due_at == THURSDAY_9


def test_a_clock_stopped_within_its_budget_is_met() -> None:
    clock = first_response().start(MONDAY_9).stop(kst(2024, 6, 12, 17))

    status = clock.status(kst(2024, 6, 20), calendar)

    assert status.state is SlaState.MET
    assert status.elapsed_business_seconds == 2 * BUSINESS_DAY + 8 * 3600


def test_a_clock_stopped_exactly_at_its_due_instant_is_met() -> None:
    clock = first_response().start(MONDAY_9).stop(THURSDAY_9)

    assert clock.status(kst(2024, 6, 20), calendar).state is SlaState.MET


def test_a_clock_stopped_after_its_budget_is_missed() -> None:
    clock = first_response().start(MONDAY_9).stop(kst(2024, 6, 14, 9))

    status = clock.status(kst(2024, 6, 20), calendar)

    assert status.state is SlaState.MISSED
    assert status.remaining_business_seconds == -BUSINESS_DAY


# --- due dates across weekends, holidays and pauses ---------------------------------


def test_a_friday_afternoon_case_before_a_substitute_holiday_is_due_thursday_afternoon() -> None:
    # Mon 2025-03-03 is 삼일절 대체 휴일: 9h Fri + Tue + Wed + 15h Thu.
    clock = first_response().start(kst(2025, 2, 28, 15))

    assert clock.status(kst(2025, 2, 28, 15), calendar).due_at == kst(2025, 3, 6, 15)


def test_a_case_received_on_saturday_starts_counting_monday_at_midnight() -> None:
    clock = first_response().start(kst(2024, 9, 7, 10))

    status = clock.status(kst(2024, 9, 9, 6), calendar)

    assert status.elapsed_business_seconds == 6 * 3600
    assert status.due_at == kst(2024, 9, 12)


def test_pausing_over_two_business_days_moves_the_due_date_by_two_business_days() -> None:
    paused = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9))
    resumed = paused.resume(THURSDAY_9)

    status = resumed.status(THURSDAY_9, calendar)

    assert status.due_at == calendar.add_business_seconds(THURSDAY_9, 2 * BUSINESS_DAY)
    assert status.due_at == kst(2024, 6, 17, 9)


def test_a_pause_over_a_weekend_does_not_move_the_due_date() -> None:
    clock = (
        first_response()
        .start(kst(2024, 6, 12, 9))
        .pause(kst(2024, 6, 15, 9))
        .resume(kst(2024, 6, 16, 20))
    )

    assert clock.status(kst(2024, 6, 17), calendar).due_at == kst(2024, 6, 17, 9)


def test_an_agreement_due_two_weeks_after_the_plan_slips_past_chuseok() -> None:
    # Ten business days from Mon 2024-09-02 09:00 would end Mon 09-16; 16–18 are 추석.
    clock = SlaClock("agreement", AGREEMENT_BUSINESS_DAYS).start(kst(2024, 9, 2, 9))

    assert clock.status(kst(2024, 9, 2, 9), calendar).due_at == kst(2024, 9, 19, 9)


def test_paused_time_is_not_counted_as_elapsed() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9)).resume(kst(2024, 6, 12, 9))

    status = clock.status(THURSDAY_9, calendar)

    assert status.elapsed_business_seconds == 2 * BUSINESS_DAY


# --- status as of an earlier instant -----------------------------------------------


def test_status_as_of_an_instant_before_the_stop_shows_the_clock_running() -> None:
    clock = first_response().start(MONDAY_9).stop(kst(2024, 6, 12, 9))

    assert clock.status(kst(2024, 6, 11, 9), calendar).state is SlaState.RUNNING


def test_status_as_of_an_instant_between_due_and_a_late_stop_shows_the_clock_overdue() -> None:
    clock = first_response().start(MONDAY_9).stop(kst(2024, 6, 14, 9))

    assert clock.status(kst(2024, 6, 13, 12), calendar).state is SlaState.OVERDUE


def test_a_pause_that_ended_after_the_instant_asked_about_is_still_open_then() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9)).resume(kst(2024, 6, 12, 9))

    status = clock.status(kst(2024, 6, 11, 21), calendar)

    assert status.state is SlaState.PAUSED
    assert status.elapsed_business_seconds == BUSINESS_DAY


def test_status_as_of_an_instant_before_the_start_shows_the_clock_not_started() -> None:
    clock = first_response().start(MONDAY_9)

    assert clock.status(kst(2024, 6, 10, 8), calendar).state is SlaState.NOT_STARTED


def test_a_pause_begun_after_the_instant_asked_about_is_ignored() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 12, 9))

    status = clock.status(kst(2024, 6, 11, 9), calendar)

    assert status.state is SlaState.RUNNING
    assert status.due_at == THURSDAY_9


# --- transitions tolerate an event fold ---------------------------------------------


def test_starting_a_started_clock_keeps_the_first_start() -> None:
    clock = first_response().start(MONDAY_9)

    assert clock.start(THURSDAY_9) == clock


def test_pausing_a_paused_clock_changes_nothing() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9))

    assert clock.pause(kst(2024, 6, 12, 9)) == clock


def test_resuming_a_clock_that_is_not_paused_changes_nothing() -> None:
    clock = first_response().start(MONDAY_9)

    assert clock.resume(kst(2024, 6, 11, 9)) == clock


def test_stopping_a_paused_clock_closes_the_pause_at_the_stop() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9))

    stopped = clock.stop(kst(2024, 6, 12, 9))

    assert stopped.pauses == ((kst(2024, 6, 11, 9), kst(2024, 6, 12, 9)),)
    assert stopped.stopped_at == kst(2024, 6, 12, 9)
    assert stopped.status(kst(2024, 6, 20), calendar).elapsed_business_seconds == BUSINESS_DAY


def test_commands_before_the_start_are_ignored() -> None:
    unstarted = first_response()
    started = unstarted.start(MONDAY_9)

    assert unstarted.pause(MONDAY_9) == unstarted
    assert unstarted.stop(MONDAY_9) == unstarted
    assert started.pause(kst(2024, 6, 10, 8)) == started
    assert started.stop(kst(2024, 6, 10, 8)) == started


def test_a_stopped_clock_ignores_further_pauses_and_stops() -> None:
    stopped = first_response().start(MONDAY_9).stop(kst(2024, 6, 11, 9))

    assert stopped.pause(kst(2024, 6, 12, 9)) == stopped
    assert stopped.stop(kst(2024, 6, 12, 9)) == stopped


def test_transitions_leave_the_original_clock_unchanged() -> None:
    clock = first_response()

    clock.start(MONDAY_9)

    assert clock.started_at is None


def test_a_resume_dated_before_its_pause_makes_an_empty_pause() -> None:
    clock = first_response().start(MONDAY_9).pause(kst(2024, 6, 11, 9))

    resumed = clock.resume(kst(2024, 6, 11, 8))

    assert resumed.pauses == ((kst(2024, 6, 11, 9), kst(2024, 6, 11, 9)),)
    assert resumed.status(THURSDAY_9, calendar).state is SlaState.RUNNING


def test_starting_with_a_naive_datetime_is_refused() -> None:
    with pytest.raises(InvalidValue):
        first_response().start(datetime(2024, 6, 10, 9))


def test_asking_status_with_a_naive_datetime_is_refused() -> None:
    clock = first_response().start(MONDAY_9)

    with pytest.raises(InvalidValue) as refused:
        clock.status(datetime(2024, 6, 11, 9), calendar)

    assert refused.value.field == "as_of"


def test_instants_given_in_utc_are_kept_in_korean_standard_time() -> None:
    clock = first_response().start(MONDAY_9.astimezone(UTC))

    assert clock.started_at == MONDAY_9
    assert clock.started_at is not None and clock.started_at.utcoffset() == timedelta(hours=9)


# --- states and labels --------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "value", "label"),
    [
        (SlaState.NOT_STARTED, "not_started", "시작 전"),
        (SlaState.RUNNING, "running", "기한 내"),
        (SlaState.PAUSED, "paused", "일시정지"),
        (SlaState.OVERDUE, "overdue", "기한 초과"),
        (SlaState.MET, "met", "기한 내 처리"),
        (SlaState.MISSED, "missed", "기한 후 처리"),
    ],
)
def test_each_state_has_a_lower_case_value_and_a_korean_label(
    state: SlaState, value: str, label: str
) -> None:
    assert state.value == value
    assert state.label == label


# --- properties -----------------------------------------------------------------


starts = st.datetimes(
    min_value=datetime(2022, 1, 1),
    max_value=datetime(2026, 12, 31),
    timezones=st.just(KST),
)


@given(start=starts, budget_days=st.integers(min_value=1, max_value=20))
def test_a_running_clock_has_exactly_no_time_left_at_its_due_instant(
    start: datetime, budget_days: int
) -> None:
    clock = SlaClock("any", budget_days).start(start)
    due_at = clock.status(start, calendar).due_at
    assert due_at is not None

    status = clock.status(due_at, calendar)

    assert status.remaining_business_seconds == 0
    assert status.state is SlaState.RUNNING


@given(
    start=starts,
    pause_after=st.integers(min_value=0, max_value=10 * BUSINESS_DAY),
    pause_length=st.integers(min_value=0, max_value=10 * BUSINESS_DAY),
)
def test_a_resumed_clock_has_exactly_no_time_left_at_its_due_instant(
    start: datetime, pause_after: int, pause_length: int
) -> None:
    paused_at = start + timedelta(seconds=pause_after)
    clock = (
        first_response()
        .start(start)
        .pause(paused_at)
        .resume(paused_at + timedelta(seconds=pause_length))
    )
    resumed_at = paused_at + timedelta(seconds=pause_length)
    due_at = clock.status(resumed_at, calendar).due_at
    assert due_at is not None

    remaining = clock.status(due_at, calendar).remaining_business_seconds

    assert remaining == 0
