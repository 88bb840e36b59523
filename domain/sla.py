"""SLA clocks (처리 기한): how much of a case's business-day budget has been used.

The center promises a first response within 3 business days of intake (접수 후
3일 이내) and, for demand-responsive joint technical support, an agreement within
2 weeks of the plan. A clock is started, paused while the case waits on the SME,
resumed and stopped; it is a pure value, folded from case events, and its status
can be asked "as of" any instant, so projections can replay history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from domain.business_calendar import KoreanBusinessCalendar, to_kst

BUSINESS_DAY = 86_400
"""Seconds in one business day: the whole day counts, 00:00–24:00 KST."""

FIRST_RESPONSE_BUSINESS_DAYS = 3
"""First response (최초 응대) within 3 business days of intake (접수)."""

AGREEMENT_BUSINESS_DAYS = 10
"""Short R&D agreement (협약) within 2 weeks, i.e. 10 business days, of the plan."""

Pause = tuple[datetime, datetime | None]
"""A pause: when it began and, once resumed, when it ended."""


class SlaState(StrEnum):
    """Where a clock stands as of an instant."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"

    @property
    def label(self) -> str:
        """The Korean label shown on screen."""
        return _LABELS[self]


_LABELS: dict[SlaState, str] = {
    SlaState.NOT_STARTED: "시작 전",
    SlaState.RUNNING: "기한 내",
    SlaState.PAUSED: "일시정지",
    SlaState.OVERDUE: "기한 초과",
    SlaState.MET: "기한 내 처리",
    SlaState.MISSED: "기한 후 처리",
}


@dataclass(frozen=True, slots=True)
class SlaStatus:
    """A clock's standing as of one instant.

    ``due_at`` is when the budget runs out given the pauses so far; it is None
    before the start, and while paused with budget left, since every paused day
    then moves it.
    ``remaining_business_seconds`` is negative once the budget is exceeded.
    """

    state: SlaState
    due_at: datetime | None
    elapsed_business_seconds: float
    remaining_business_seconds: float


@dataclass(frozen=True, slots=True)
class SlaClock:
    """A business-day budget measured from ``started_at`` to ``stopped_at``,
    not counting the pauses.

    The transitions never raise on an unexpected order: events arrive from
    offline devices and a fold must always go through. A repeated command or one
    dated before the start leaves the clock unchanged.
    """

    name: str
    budget_business_days: int
    started_at: datetime | None = None
    pauses: tuple[Pause, ...] = ()
    stopped_at: datetime | None = None

    @property
    def is_started(self) -> bool:
        return self.started_at is not None

    @property
    def is_stopped(self) -> bool:
        return self.stopped_at is not None

    @property
    def is_paused(self) -> bool:
        """A pause is open (regardless of when status is asked)."""
        return bool(self.pauses) and self.pauses[-1][1] is None

    # --- transitions ----------------------------------------------------------

    def start(self, at: datetime) -> SlaClock:
        """Start the clock; a clock already started keeps its first start."""
        at = to_kst(at)
        if self.started_at is not None:
            return self
        return replace(self, started_at=at)

    def pause(self, at: datetime) -> SlaClock:
        """Open a pause; ignored when already paused, stopped or before the start."""
        at = to_kst(at)
        if not self._accepts(at) or self.is_paused:
            return self
        if self.pauses:
            # A pause cannot begin inside the previous one; start it where that ended.
            previous_end = self.pauses[-1][1]
            assert previous_end is not None
            at = max(at, previous_end)
        return replace(self, pauses=(*self.pauses, (at, None)))

    def resume(self, at: datetime) -> SlaClock:
        """Close the open pause; ignored when not paused."""
        at = to_kst(at)
        if not self._accepts(at) or not self.is_paused:
            return self
        return replace(self, pauses=self._with_open_pause_closed(at))

    def stop(self, at: datetime) -> SlaClock:
        """Stop the clock, closing an open pause at the same instant."""
        at = to_kst(at)
        if not self._accepts(at):
            return self
        pauses = self._with_open_pause_closed(at) if self.is_paused else self.pauses
        return replace(self, pauses=pauses, stopped_at=at)

    def _accepts(self, at: datetime) -> bool:
        return self.started_at is not None and self.stopped_at is None and at >= self.started_at

    def _with_open_pause_closed(self, at: datetime) -> tuple[Pause, ...]:
        began, _ = self.pauses[-1]
        # A resume dated before its pause (device clocks drift) makes an empty pause.
        return (*self.pauses[:-1], (began, max(at, began)))

    # --- status ---------------------------------------------------------------

    @property
    def budget(self) -> timedelta:
        return timedelta(days=self.budget_business_days)

    def status(self, as_of: datetime, calendar: KoreanBusinessCalendar) -> SlaStatus:
        """The clock's standing counting only what had happened by ``as_of``."""
        as_of = to_kst(as_of, field="as_of")
        budget = self.budget
        if self.started_at is None or self.started_at > as_of:
            return SlaStatus(SlaState.NOT_STARTED, None, 0.0, budget.total_seconds())
        started_at = self.started_at
        stopped = self.stopped_at is not None and self.stopped_at <= as_of
        end = self.stopped_at if stopped and self.stopped_at is not None else as_of
        pauses = self._pauses_as_of(as_of, end)
        paused_now = not stopped and self._pause_open_at(as_of)

        elapsed = calendar.business_time_between(started_at, end) - sum(
            (calendar.business_time_between(b, e) for b, e in pauses), timedelta(0)
        )
        over = elapsed > budget
        # While paused the due date moves with every paused day, unless it has already passed.
        due_at = None if paused_now and not over else _due_at(started_at, pauses, budget, calendar)
        return SlaStatus(
            state=_state(stopped=stopped, paused=paused_now, over=over),
            due_at=due_at,
            elapsed_business_seconds=elapsed.total_seconds(),
            remaining_business_seconds=(budget - elapsed).total_seconds(),
        )

    def _pause_open_at(self, as_of: datetime) -> bool:
        return any(
            began <= as_of and (ended is None or ended > as_of) for began, ended in self.pauses
        )

    def _pauses_as_of(self, as_of: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """The pauses begun by ``as_of``, clipped to [start, end], sorted and merged.

        A pause still open as of ``as_of`` (even if it closed later) runs to ``end``.
        """
        assert self.started_at is not None
        merged: list[tuple[datetime, datetime]] = []
        for began, ended in sorted(self.pauses, key=lambda pause: pause[0]):
            if began > as_of:
                continue
            closed_at = ended if ended is not None and ended <= as_of else end
            low, high = max(began, self.started_at), min(closed_at, end)
            if low >= high:
                continue
            if merged and low <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], high))
            else:
                merged.append((low, high))
        return merged


def _state(*, stopped: bool, paused: bool, over: bool) -> SlaState:
    if stopped:
        return SlaState.MISSED if over else SlaState.MET
    if over:
        return SlaState.OVERDUE
    if paused:
        return SlaState.PAUSED
    return SlaState.RUNNING


def _due_at(
    started_at: datetime,
    pauses: list[tuple[datetime, datetime]],
    budget: timedelta,
    calendar: KoreanBusinessCalendar,
) -> datetime:
    """The first instant at which the running time (outside pauses) reaches the budget."""
    cursor, remaining = started_at, budget
    for began, ended in pauses:
        running = calendar.business_time_between(cursor, began)
        if running >= remaining:
            break
        remaining -= running
        cursor = ended
    return calendar.add_business_time(cursor, remaining)
