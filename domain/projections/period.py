"""The period a KPI report covers (보고 기간): whole days, start inclusive, end exclusive,
usually whole months or a year, in Korean dates (KST)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.errors import InvalidValue

_FIELD = "period"
_LAST_YEAR = 9998  # December of 9999 would end in year 10000, which ``date`` cannot hold


@dataclass(frozen=True, slots=True)
class Period:
    """``[start, end)`` in days. ``start == end`` is an empty period: reports over it
    are all zeros."""

    start: date
    end: date

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if not isinstance(value, date) or isinstance(value, datetime):
                raise InvalidValue("기간은 날짜로 지정해 주세요.", field=_FIELD)
        if self.end < self.start:
            raise InvalidValue(
                f"기간의 끝({self.end.isoformat()})이 시작({self.start.isoformat()})보다 앞섭니다.",
                field=_FIELD,
            )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """One calendar month, e.g. ``Period.month(2024, 3)`` for 2024년 3월."""
        first = _first_of_month(year, month)
        return cls(first, _first_of_next_month(first))

    @classmethod
    def year(cls, year: int) -> Period:
        """One calendar year."""
        first = _first_of_month(year, 1)
        return cls(first, date(first.year + 1, 1, 1))

    @classmethod
    def parse(cls, from_month: str, to_month: str) -> Period:
        """From the first month to the last one, both included: ``("2024-01", "2024-12")``."""
        first = _parse_month(from_month)
        last = _parse_month(to_month)
        if last < first:
            raise InvalidValue(
                f"기간의 시작 월({from_month})이 끝 월({to_month})보다 늦습니다.", field=_FIELD
            )
        return cls(first, _first_of_next_month(last))

    def __contains__(self, day: date) -> bool:
        return self.start <= day < self.end

    @property
    def is_empty(self) -> bool:
        return self.start == self.end

    @property
    def months(self) -> tuple[str, ...]:
        """The months the period touches, as ``"YYYY-MM"`` keys, in order."""
        if self.is_empty:
            return ()
        keys: list[str] = []
        cursor = self.start.replace(day=1)
        while cursor < self.end:
            keys.append(month_key(cursor))
            cursor = _first_of_next_month(cursor)
        return tuple(keys)

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years the period touches."""
        if self.is_empty:
            return ()
        return tuple(range(self.start.year, (self.end - timedelta(days=1)).year + 1))

    def __str__(self) -> str:
        if self.is_empty:
            return f"{self.start.isoformat()} (빈 기간)"
        return f"{self.start.isoformat()} ~ {(self.end - timedelta(days=1)).isoformat()}"


def month_key(day: date) -> str:
    """The ``"YYYY-MM"`` key of the month ``day`` falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def _parse_month(text: object) -> date:
    if (
        isinstance(text, str)
        and len(text) == 7
        and text[4] == "-"
        and text[:4].isdigit()
        and text[5:].isdigit()
        and text.isascii()
    ):
        year, month = int(text[:4]), int(text[5:])
        if 1 <= year <= _LAST_YEAR and 1 <= month <= 12:
            return date(year, month, 1)
    raise InvalidValue(f"기간은 YYYY-MM 형식의 월로 입력해 주세요 (입력: {text!r}).", field=_FIELD)


def _first_of_month(year: object, month: object) -> date:
    if (
        isinstance(year, int)
        and isinstance(month, int)
        and not isinstance(year, bool)
        and not isinstance(month, bool)
        and 1 <= year <= _LAST_YEAR
        and 1 <= month <= 12
    ):
        return date(year, month, 1)
    raise InvalidValue(f"올바른 연월이 아닙니다: {year}년 {month}월", field=_FIELD)


def _first_of_next_month(first: date) -> date:
    if first.month == 12:
        return date(first.year + 1, 1, 1)
    return date(first.year, first.month + 1, 1)
