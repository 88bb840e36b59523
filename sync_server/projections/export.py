"""A KPI report as JSON, as an Excel workbook and as CSV, with Korean headers.

The workbook has an overall sheet and one sheet per breakdown (region, institute,
service, channel, program, month), numbers stored as numbers and the header row
frozen, plus a sheet saying what the report covers. The CSV is UTF-8 with a byte
order mark, so Excel shows the Korean correctly; it holds the overall row and then
every breakdown row, told apart by a dimension column."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import orjson
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from domain.business_calendar import KST
from domain.errors import DomainError
from domain.mentoring import MentoringStage
from domain.projections.kpi import (
    BREAKDOWN_LABELS,
    KPI_LABELS,
    MENTORING_STAGE_LABELS,
    KpiFigures,
)
from domain.projections.period import Period
from domain.reference import ReferenceData
from sync_server.projections.reports import ReportAnswer

DIMENSIONS: dict[str, str] = {
    "region": "지역",
    "institute": "출연연",
    "service": "지원 분야",
    "channel": "접수 경로",
    "program": "지원사업",
    "month": "월",
}
"""Each breakdown's Korean name, in sheet order."""

OVERALL = "전체"
TARGETS_SHEET = "목표 대비"
INFO_SHEET = "보고서 정보"
SHEET_NAMES: dict[str, str] = {
    dimension: BREAKDOWN_LABELS.get(dimension, f"{label}별")
    for dimension, label in DIMENSIONS.items()
}
FUNNEL = "mentoring_funnel"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


# JSON ------------------------------------------------------------------------------------


def report_json(answer: ReportAnswer) -> bytes:
    """The report as JSON: counts, percentages and medians as numbers (null where
    there was nothing to measure)."""
    report = answer.report
    document = {
        "period": {
            "from": _month(report.period.start),
            "to": last_month(report.period),
            "start": report.period.start,
            "end": report.period.end,
        },
        "as_of": report.as_of,
        "region": answer.region,
        "institute": answer.institute,
        "source": answer.source,
        "position": answer.position,
        "targets": plain(report.targets),
        "overall": plain(report.overall),
        "breakdowns": {
            dimension: {key: plain(figures) for key, figures in by_key.items()}
            for dimension, by_key in report.breakdowns.items()
        },
        "labels": dict(KPI_LABELS),
    }
    return orjson.dumps(document, option=orjson.OPT_NON_STR_KEYS, default=str)


def plain(value: Any) -> Any:
    """Dataclasses, mappings and enums as plain JSON-able values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(plain(key)): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def last_month(period: Period) -> str:
    """The last month a period covers (its end is exclusive)."""
    end: date = period.end
    if end.day != 1:
        return _month(end)
    return f"{end.year - 1:04d}-12" if end.month == 1 else f"{end.year:04d}-{end.month - 1:02d}"


# Columns ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Columns:
    fields: list[str]
    stages: list[str]

    @property
    def headers(self) -> list[str]:
        funnel = KPI_LABELS.get(FUNNEL, "멘토링 단계별 참여")
        return [KPI_LABELS.get(name, name) for name in self.fields] + [
            f"{funnel}: {_stage_label(stage)}" for stage in self.stages
        ]

    def values(self, figures: KpiFigures) -> list[Any]:
        funnel = getattr(figures, FUNNEL)
        counts = {str(stage): count for stage, count in funnel.items()}
        return [_number(getattr(figures, name)) for name in self.fields] + [
            counts.get(stage, 0) for stage in self.stages
        ]


def _columns(answer: ReportAnswer) -> _Columns:
    report = answer.report
    every = [report.overall, *(f for by_key in report.breakdowns.values() for f in by_key.values())]
    fields = [field.name for field in dataclasses.fields(KpiFigures) if field.name != FUNNEL]
    return _Columns(fields, _stages(every))


def _stages(figures: Iterable[KpiFigures]) -> list[str]:
    """Every mentoring stage, and any other that appears, in the funnel's order."""
    seen = {stage.value for stage in MentoringStage}
    for item in figures:
        seen.update(str(stage) for stage in getattr(item, FUNNEL))
    order = {stage.value: stage.rank for stage in MentoringStage}
    return sorted(seen, key=lambda stage: (order.get(stage, len(order)), stage))


def _stage_label(stage: str) -> str:
    return MENTORING_STAGE_LABELS.get(stage, stage)


def _number(value: Any) -> Any:
    """Counts stay ints; percentages and medians floats; nothing to measure is empty."""
    if isinstance(value, bool):
        return int(value)
    return value


def key_name(dimension: str, key: str, reference: ReferenceData) -> str:
    """The Korean name of a breakdown key (a code, or ``YYYY-MM`` for months)."""
    try:
        if dimension == "region":
            return reference.region(key).name
        if dimension == "institute":
            return reference.institute(key).name if key else "미지정"
        if dimension == "service":
            return reference.service(key).name
        if dimension == "channel":
            return reference.channel(key).name
        if dimension == "program":
            return reference.program(key).name if key else "해당 없음"
    except DomainError:
        return key
    if dimension == "month" and len(key) == 7:
        return f"{key[:4]}년 {int(key[5:])}월"
    return key


def _breakdowns(answer: ReportAnswer) -> list[tuple[str, dict[str, KpiFigures]]]:
    """The report's breakdowns, known dimensions first in their usual order."""
    breakdowns = answer.report.breakdowns
    order = [d for d in DIMENSIONS if d in breakdowns] + [
        d for d in breakdowns if d not in DIMENSIONS
    ]
    return [(dimension, dict(breakdowns[dimension])) for dimension in order]


def _about(answer: ReportAnswer, reference: ReferenceData) -> list[tuple[str, Any]]:
    report = answer.report
    as_of: datetime = report.as_of
    rows: list[tuple[str, Any]] = [
        ("기간", f"{_month(report.period.start)} ~ {last_month(report.period)}"),
        ("기준 시각 (KST)", as_of.astimezone(KST).strftime("%Y-%m-%d %H:%M:%S")),
        ("지역", key_name("region", answer.region, reference) if answer.region else "전국"),
        (
            "출연연",
            key_name("institute", answer.institute, reference) if answer.institute else "전체",
        ),
        ("자료", "통계 표 (실시간)" if answer.source == "read_model" else "이벤트 이력 재생"),
        ("반영된 이력 위치", answer.position),
        ("작성 시각 (KST)", datetime.now(UTC).astimezone(KST).strftime("%Y-%m-%d %H:%M:%S")),
    ]
    rows.append(("연구소 보유 중소기업 수 (지원 비율의 분모)", report.targets.lab_sme_population))
    rows.append(("지원인력 (기본값)", report.targets.staff))
    return rows


def _against_targets(answer: ReportAnswer) -> tuple[list[str], list[list[Any]]]:
    """Each figure that has a baseline or a target, beside this period's value."""
    targets = answer.report.targets
    overall = answer.report.overall
    headers = [
        "지표",
        f"{targets.baseline_year}년 실적",
        f"{targets.target_year}년 목표",
        "이번 보고 기간",
    ]
    rows = [
        [
            KPI_LABELS.get(name, name),
            targets.baseline.get(name),
            targets.target.get(name),
            _number(getattr(overall, name)),
        ]
        for name in KPI_LABELS
        if name in targets.baseline or name in targets.target
    ]
    return headers, rows


# Excel -----------------------------------------------------------------------------------


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def report_xlsx(answer: ReportAnswer, reference: ReferenceData) -> bytes:
    """The workbook: ``전체``, then ``지역별`` … ``월별``, then ``목표 대비`` (baseline and
    target beside this period's figures) and ``보고서 정보`` (what the report covers)."""
    columns = _columns(answer)
    workbook = openpyxl.Workbook()
    overall = workbook.active
    overall.title = OVERALL
    _write_table(
        overall, ["구분", *columns.headers], [[OVERALL, *columns.values(answer.report.overall)]]
    )
    for dimension, by_key in _breakdowns(answer):
        label = DIMENSIONS.get(dimension, dimension)
        sheet = workbook.create_sheet(SHEET_NAMES.get(dimension, dimension)[:31])
        rows = [
            [key_name(dimension, key, reference), key, *columns.values(figures)]
            for key, figures in by_key.items()
        ]
        _write_table(sheet, [label, "코드", *columns.headers], rows)
    against = workbook.create_sheet(TARGETS_SHEET)
    _write_table(against, *_against_targets(answer))
    about = workbook.create_sheet(INFO_SHEET)
    _write_table(about, ["항목", "값"], [list(row) for row in _about(answer, reference)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_table(sheet: Any, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.0"
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(28, len(header) * 2))


# CSV -------------------------------------------------------------------------------------


def report_csv(answer: ReportAnswer, reference: ReferenceData) -> bytes:
    """UTF-8 with BOM: the overall row, then each breakdown's rows."""
    columns = _columns(answer)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["구분", "코드", "이름", *columns.headers])
    writer.writerow([OVERALL, "", OVERALL, *map(_csv_value, columns.values(answer.report.overall))])
    for dimension, by_key in _breakdowns(answer):
        label = DIMENSIONS.get(dimension, dimension)
        for key, figures in by_key.items():
            writer.writerow(
                [
                    label,
                    key,
                    key_name(dimension, key, reference),
                    *map(_csv_value, columns.values(figures)),
                ]
            )
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)
