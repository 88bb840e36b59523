"""The dashboard's tables (현황판 표): the KPI rows against their targets, and one
breakdown (per region, institute, service or month). Both hold rows shaped by
``desktop.local.dashboard_data`` and are replaced whole when a report arrives.
``SORT_ROLE`` gives the raw number, so a proxy sorts numerically."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.local.dashboard_data import (
    BREAKDOWN_COLUMNS,
    BreakdownRow,
    KpiRow,
    format_figure,
)
from desktop.qtmodels.role_data import OneCallPerCell
from domain.projections.figures import KPI_LABELS

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class KpiTableModel(OneCallPerCell, QAbstractTableModel):
    """지표, baseline year's actual, target year's target, the period's share of it,
    the actual and the achievement in percent."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[KpiRow] = []
        self._baseline_year = 2012
        self._target_year = 2014

    def set_rows(self, rows: Sequence[KpiRow], baseline_year: int, target_year: int) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._baseline_year, self._target_year = baseline_year, target_year
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def row_at(self, row: int) -> KpiRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("지표"),
            self.tr("{year}년 실적").format(year=self._baseline_year),
            self.tr("{year}년 목표").format(year=self._target_year),
            self.tr("기간 목표"),
            self.tr("실적"),
            self.tr("달성률(%)"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if column == 0 else _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.label
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return None
        if column == 0:
            return row.label
        value = (
            row.baseline,
            row.target,
            row.period_target,
            row.actual,
            row.achievement_pct,
        )[column - 1]
        if role == SORT_ROLE:
            return value
        if row.target is None and column in (1, 2, 3, 5):
            return ""
        key = "achievement_pct" if column == 5 else row.key
        return format_figure(key, value)


class BreakdownTableModel(OneCallPerCell, QAbstractTableModel):
    """One breakdown: the slice's name, then the figures of ``BREAKDOWN_COLUMNS``."""

    def __init__(self, dimension: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self._rows: list[BreakdownRow] = []

    def set_rows(self, rows: Sequence[BreakdownRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BreakdownRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(BREAKDOWN_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._slice_header() if section == 0 else self._short_headers()[section - 1]
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return KPI_LABELS[BREAKDOWN_COLUMNS[section - 1]]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if column == 0 else _RIGHT
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return self._slice_name(row)
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.key
            return None
        value = row.values[column - 1]
        if role == SORT_ROLE:
            return -1.0 if value is None else float(value)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_figure(BREAKDOWN_COLUMNS[column - 1], value)
        return None

    def _slice_name(self, row: BreakdownRow) -> str:
        if self.dimension == "month":
            year, month = row.key.split("-")
            return self.tr("{year}년 {month}월").format(year=year, month=int(month))
        if self.dimension == "institute" and not row.key:
            return self.tr("미지정")
        return row.name or row.key

    def _slice_header(self) -> str:
        headers = {
            "region": self.tr("지역"),
            "institute": self.tr("출연연"),
            "service": self.tr("지원 분야"),
            "month": self.tr("월"),
        }
        return headers.get(self.dimension, self.dimension)

    def _short_headers(self) -> tuple[str, ...]:
        """Short names for the columns; the tooltips carry ``KPI_LABELS``."""
        return (
            self.tr("해결 건수"),
            self.tr("해결 기업"),
            self.tr("자문 건수"),
            self.tr("지원 기업"),
            self.tr("3일 응대(%)"),
            self.tr("2주 협약(%)"),
            self.tr("해결 소요일"),
            self.tr("만족도"),
        )
