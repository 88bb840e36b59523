"""R&D programs (지원사업) that resolve a difficulty needing more research, and
the budget and duration rules each one sets for a plan."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue

_WON_PER_MAN = 10_000
_WON_PER_EOK = 100_000_000


@dataclass(frozen=True)
class Program:
    """One R&D program, e.g. 수요대응 공동기술지원사업.

    Budgets are in KRW and durations in months, both inclusive; ``None`` for a
    maximum means the program sets none. ``selections_per_year`` is 0 when
    plans are selected on demand (수요 발생 즉시)."""

    code: str
    name: str
    min_budget_krw: int
    max_budget_krw: int | None
    min_months: int
    max_months: int | None
    selections_per_year: int
    agreement_due_business_days: int | None
    urgency: str
    developer: str

    def __post_init__(self) -> None:
        problem = self._inconsistency()
        if problem is not None:
            raise ValueError(problem)

    @property
    def selection_description(self) -> str:
        """How often plans are selected, as shown on screen (선정 시기)."""
        if self.selections_per_year == 0:
            return "수요 발생 즉시"
        return f"연 {self.selections_per_year}회"

    def check_plan(self, budget_krw: int, duration_months: int) -> None:
        """Refuse a plan whose budget or duration this program does not fund."""
        self._check_budget(budget_krw)
        self._check_duration(duration_months)

    def _check_budget(self, budget_krw: int) -> None:
        given = f"(입력: {_won(budget_krw)})"
        rule: str | None = None
        if budget_krw <= 0:
            rule = "0원보다 커야 합니다"
        elif budget_krw < self.min_budget_krw:
            rule = self._minimum_budget_rule()
        elif self.max_budget_krw is not None and budget_krw > self.max_budget_krw:
            rule = f"{_won(self.max_budget_krw)} 이하여야 합니다"
        if rule is not None:
            raise InvalidValue(f"{self.name}의 예산은 {rule} {given}.", field="budget_krw")

    def _minimum_budget_rule(self) -> str:
        # "more than 30 million" reads better than "at least 30,000,001 won".
        exclusive = self.min_budget_krw - 1
        if exclusive > 0 and exclusive % _WON_PER_MAN == 0:
            return f"{_won(exclusive)} 초과여야 합니다"
        return f"{_won(self.min_budget_krw)} 이상이어야 합니다"

    def _check_duration(self, duration_months: int) -> None:
        given = f"(입력: {duration_months}개월)"
        rule: str | None = None
        if duration_months < self.min_months:
            rule = f"{self.min_months}개월 이상이어야 합니다"
        elif self.max_months is not None and duration_months > self.max_months:
            rule = f"{self.max_months}개월 이하여야 합니다"
        if rule is not None:
            raise InvalidValue(f"{self.name}의 과제기간은 {rule} {given}.", field="duration_months")

    def _inconsistency(self) -> str | None:
        if self.min_budget_krw < 1:
            return "최소 예산(min_budget_krw)은 1원 이상이어야 합니다"
        if self.max_budget_krw is not None and self.max_budget_krw < self.min_budget_krw:
            return "최대 예산(max_budget_krw)이 최소 예산보다 작습니다"
        if self.min_months < 1:
            return "최소 기간(min_months)은 1개월 이상이어야 합니다"
        if self.max_months is not None and self.max_months < self.min_months:
            return "최대 기간(max_months)이 최소 기간보다 짧습니다"
        if self.selections_per_year < 0:
            return "연간 선정 횟수(selections_per_year)는 0 이상이어야 합니다"
        days = self.agreement_due_business_days
        if days is not None and days < 1:
            return "협약 기한(agreement_due_business_days)은 1일 이상이어야 합니다"
        return None


def _won(amount: int) -> str:
    """An amount the way Korean budgets are written: 4,500만원, 1억 5,000만원."""
    sign = "-" if amount < 0 else ""
    eok, rest = divmod(abs(amount), _WON_PER_EOK)
    man, won = divmod(rest, _WON_PER_MAN)
    parts = []
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    if won or not parts:
        parts.append(f"{won:,}")
    return sign + " ".join(parts) + "원"
