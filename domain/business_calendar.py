"""The Korean business calendar (영업일 달력): which days the center works, and how
much working time lies between two instants.

A business day is Monday to Friday that is neither a public holiday (공휴일), a
substitute holiday (대체공휴일), a temporary holiday (임시공휴일) nor one of the
office's own closing days. Business *time* counts whole days, 00:00–24:00 KST:
the 3-day first-response promise is measured in days, not office hours.

Holidays come from the ``holidays`` package. Each year is turned once into a
sorted tuple of business-day ordinals, so counting and stepping over business
days is a binary search rather than a walk over the days in between; the SLA
projections call this for every case.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache

import holidays

from domain.errors import InvalidValue

KST = timezone(timedelta(hours=9))
"""Korea Standard Time. Korea has no daylight saving time, so a fixed offset is exact."""

DAY = timedelta(days=1)
_SATURDAY = 5
_OFFICE_CLOSURE_NAME = "휴무일"


@dataclass(frozen=True, slots=True)
class _Year:
    """The business days of one calendar year, as sorted ordinals, and the
    names of its closed days."""

    business_ordinals: tuple[int, ...]
    business_set: frozenset[int]
    closure_names: Mapping[date, str]


class KoreanBusinessCalendar:
    """Business days and business time in Korea (KST).

    ``extra_closures`` adds the office's own closing days (e.g. a center's
    foundation day); give a mapping to name them, or any iterable of dates to
    have them shown as "휴무일".
    """

    def __init__(self, extra_closures: Mapping[date, str] | Iterable[date] = ()) -> None:
        if isinstance(extra_closures, Mapping):
            self._extra: dict[date, str] = dict(extra_closures)
        else:
            self._extra = dict.fromkeys(extra_closures, _OFFICE_CLOSURE_NAME)
        self._years: dict[int, _Year] = {}

    # --- days -----------------------------------------------------------------

    def is_business_day(self, d: date) -> bool:
        """Mon–Fri, not a public or substitute holiday, not an office closure."""
        return d.toordinal() in self._year(d.year).business_set

    def holiday_name(self, d: date) -> str | None:
        """The Korean name of the holiday or closure on ``d`` (e.g. "추석"), or None.

        Weekends are not holidays: a plain Saturday has no name.
        """
        return self._year(d.year).closure_names.get(d)

    def next_business_day(self, d: date) -> date:
        """The first business day strictly after ``d``."""
        return self.add_business_days(d, 1)

    def previous_business_day(self, d: date) -> date:
        """The last business day strictly before ``d``."""
        return self.add_business_days(d, -1)

    def add_business_days(self, d: date, n: int) -> date:
        """The date ``n`` business days after ``d`` (before it when ``n`` is negative).

        Each step lands on a business day, so ``add_business_days(friday, 1)`` is
        the following Monday unless that is a holiday. ``n == 0`` gives ``d`` itself.
        """
        if n == 0:
            return d
        if n > 0:
            return self._nth_business_day_after(d, n)
        return self._nth_business_day_before(d, -n)

    def business_days_between(self, start: date, end: date) -> int:
        """How many business days lie in ``[start, end)``; negative if ``end < start``."""
        if end < start:
            return -self.business_days_between(end, start)
        if start.year == end.year:
            return self._rank(end) - self._rank(start)
        count = len(self._year(start.year).business_ordinals) - self._rank(start)
        for year in range(start.year + 1, end.year):
            count += len(self._year(year).business_ordinals)
        return count + self._rank(end)

    # --- time -----------------------------------------------------------------

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Exact business time between two instants: only time on business days
        counts. Negative if ``end`` is before ``start``."""
        start_kst = to_kst(start, field="start")
        end_kst = to_kst(end, field="end")
        if end_kst < start_kst:
            return -self.business_time_between(end_kst, start_kst)
        start_day, end_day = start_kst.date(), end_kst.date()
        if start_day == end_day:
            return end_kst - start_kst if self.is_business_day(start_day) else timedelta(0)
        total = DAY * self.business_days_between(start_day + DAY, end_day)
        if self.is_business_day(start_day):
            total += _midnight(start_day + DAY) - start_kst
        if self.is_business_day(end_day):
            total += end_kst - _midnight(end_day)
        return total

    def business_seconds_between(self, start: datetime, end: datetime) -> float:
        """Business time between two instants, in seconds (see ``business_time_between``)."""
        return self.business_time_between(start, end).total_seconds()

    def add_business_time(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest instant at which ``amount`` of business time has elapsed
        since ``start``, in KST.

        On a non-business day the clock waits for 00:00 of the next business day.
        A budget that ends exactly at midnight gives that midnight (the start of
        the following day), not 24:00 of the day before.
        """
        if amount < timedelta(0):
            raise InvalidValue("더할 영업시간은 0 이상이어야 합니다.", field="seconds")
        cursor = to_kst(start, field="start")
        if not self.is_business_day(cursor.date()):
            cursor = _midnight(self.next_business_day(cursor.date()))
        left_today = _midnight(cursor.date() + DAY) - cursor
        if amount <= left_today:
            return cursor + amount
        whole_days, rest = divmod(amount - left_today, DAY)
        if rest:
            return _midnight(self.add_business_days(cursor.date(), whole_days + 1)) + rest
        last_day = self.add_business_days(cursor.date(), whole_days)
        return _midnight(last_day + DAY)

    def add_business_seconds(self, start: datetime, seconds: float) -> datetime:
        """The instant at which ``seconds`` of business time have elapsed (see
        ``add_business_time``)."""
        return self.add_business_time(start, timedelta(seconds=seconds))

    # --- the per-year index ---------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        public = holidays.country_holidays("KR", years=year, language="ko")
        names: dict[date, str] = {d: str(name) for d, name in public.items() if d.year == year}
        for d, name in self._extra.items():
            if d.year == year:
                names.setdefault(d, name)
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        ordinals = tuple(
            ordinal
            for ordinal in range(first, last + 1)
            if date.fromordinal(ordinal).weekday() < _SATURDAY
            and date.fromordinal(ordinal) not in names
        )
        return _Year(ordinals, frozenset(ordinals), names)

    def _rank(self, d: date) -> int:
        """How many business days of ``d``'s year come before ``d``."""
        return bisect.bisect_left(self._year(d.year).business_ordinals, d.toordinal())

    def _nth_business_day_after(self, d: date, n: int) -> date:
        year = d.year
        index = bisect.bisect_right(self._year(year).business_ordinals, d.toordinal()) + n - 1
        while index >= len(self._year(year).business_ordinals):
            index -= len(self._year(year).business_ordinals)
            year += 1
        return date.fromordinal(self._year(year).business_ordinals[index])

    def _nth_business_day_before(self, d: date, n: int) -> date:
        year = d.year
        index = bisect.bisect_left(self._year(year).business_ordinals, d.toordinal()) - n
        while index < 0:
            year -= 1
            index += len(self._year(year).business_ordinals)
        return date.fromordinal(self._year(year).business_ordinals[index])


def to_kst(moment: datetime, *, field: str = "at") -> datetime:
    """``moment`` in KST; a naive datetime is refused because its zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidValue(
            "시각에 시간대 정보가 없습니다. 한국 표준시(KST) 등 시간대를 포함해 주세요.",
            field=field,
        )
    return moment.astimezone(KST)


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0), tzinfo=KST)


@cache
def default_calendar() -> KoreanBusinessCalendar:
    """The calendar of public and substitute holidays, with no office closures."""
    return KoreanBusinessCalendar()
