"""What the figures are measured against (성과 목표), and how many support staff
(지원인력) share the work.

The defaults are the 2013 press release's: the 2012 actuals and the 2014 targets, the
25,700 SMEs with a corporate research lab, and 220 support staff. An administrator's
TOML file can replace any of them, key by key::

    lab_sme_population = 25700
    staff = 220

    [baseline]
    year = 2012
    smes_supported = 4394

    [target]
    year = 2014
    resolution_cases = 7000
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from domain.errors import InvalidValue
from domain.projections.figures import NUMERIC_KPIS
from domain.projections.period import Period

_FIELD = "targets"

RELEASE_STAFF = 220
"""Support staff (지원인력) in the 2013 release: the per-staff figures divide by it."""

LAB_SME_POPULATION = 25_700
"""SMEs with a corporate research lab (기업부설연구소 보유 중소기업), the release's denominator."""

ACTUALS_2012: Mapping[str, float] = {
    "smes_supported": 4_394,
    "lab_share_pct": 17,
    "resolution_companies": 2_190,
    "resolution_cases": 3_564,
    "consulting_companies": 2_204,
    "consulting_cases": 4_173,
    "cases_per_staff_resolution": 16.2,
    "cases_per_staff_consulting": 18.5,
}

TARGETS_2014: Mapping[str, float] = {
    "smes_supported": 7_700,
    "lab_share_pct": 30,
    "resolution_companies": 3_800,
    "resolution_cases": 7_000,
    "consulting_companies": 3_900,
    "consulting_cases": 20_000,
    "cases_per_staff_resolution": 20,
    "cases_per_staff_consulting": 60,
}


@dataclass(frozen=True, slots=True)
class KpiTargets:
    """A baseline year's figures and a target year's, keyed by ``KpiFigures`` field."""

    baseline_year: int = 2012
    baseline: Mapping[str, float] = field(default_factory=lambda: dict(ACTUALS_2012))
    target_year: int = 2014
    target: Mapping[str, float] = field(default_factory=lambda: dict(TARGETS_2014))
    lab_sme_population: int = LAB_SME_POPULATION
    staff: int = RELEASE_STAFF

    @classmethod
    def from_toml(cls, text: str, *, source: str = "KPI 목표") -> KpiTargets:
        """The defaults with every value the TOML ``text`` gives replacing its default."""
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            _refuse(source, f"TOML 형식이 잘못되었습니다 ({error})")
        unknown = sorted(set(document) - {"baseline", "target", "lab_sme_population", "staff"})
        if unknown:
            _refuse(source, f"알 수 없는 항목입니다: {', '.join(unknown)}")
        defaults = cls()
        baseline_year, baseline = _read_year(
            document, "baseline", defaults.baseline_year, defaults.baseline, source
        )
        target_year, target = _read_year(
            document, "target", defaults.target_year, defaults.target, source
        )
        return cls(
            baseline_year=baseline_year,
            baseline=baseline,
            target_year=target_year,
            target=target,
            lab_sme_population=_positive_int(
                document, "lab_sme_population", defaults.lab_sme_population, source
            ),
            staff=_positive_int(document, "staff", defaults.staff, source),
        )

    @classmethod
    def load(cls, path: Path) -> KpiTargets:
        """``from_toml`` on the file at ``path``."""
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            _refuse(str(path), "파일을 찾을 수 없습니다")
        except UnicodeDecodeError:
            _refuse(str(path), "UTF-8 텍스트 파일이 아닙니다")
        except OSError as error:
            _refuse(str(path), f"파일을 읽을 수 없습니다 ({error.strerror})")
        return cls.from_toml(text, source=str(path))


@dataclass(frozen=True, slots=True)
class StaffCounts:
    """Support staff per year; a year not listed has ``default`` staff."""

    by_year: Mapping[int, int] = field(default_factory=dict)
    default: int = RELEASE_STAFF

    def __post_init__(self) -> None:
        for count in (self.default, *self.by_year.values()):
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                raise InvalidValue("지원인력 수는 1명 이상의 정수여야 합니다.", field="staff")

    def for_year(self, year: int) -> int:
        return self.by_year.get(year, self.default)

    def for_period(self, period: Period) -> float:
        """The staff of the period's year, or the average over its years."""
        years = period.years or (period.start.year,)
        return sum(self.for_year(year) for year in years) / len(years)


def _read_year(
    document: Mapping[str, Any],
    name: str,
    default_year: int,
    default_values: Mapping[str, float],
    source: str,
) -> tuple[int, dict[str, float]]:
    table = document.get(name, {})
    if not isinstance(table, dict):
        _refuse(source, f"[{name}]은(는) 표여야 합니다")
    unknown = sorted(set(table) - {"year", *NUMERIC_KPIS})
    if unknown:
        _refuse(source, f"[{name}]에 알 수 없는 지표가 있습니다: {', '.join(unknown)}")
    year = _positive_int(table, "year", default_year, source, where=f"[{name}] ")
    values = dict(default_values)
    for key, value in table.items():
        if key == "year":
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            _refuse(source, f"[{name}] {key}은(는) 0 이상의 숫자여야 합니다")
        values[key] = value
    return year, values


def _positive_int(
    table: Mapping[str, Any], key: str, default: int, source: str, *, where: str = ""
) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        _refuse(source, f"{where}{key}은(는) 1 이상의 정수여야 합니다")
    return value


def _refuse(source: str, problem: str) -> NoReturn:
    raise InvalidValue(f"KPI 목표 파일 {source}: {problem}.", field=_FIELD)
