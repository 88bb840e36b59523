"""``ConflictTableModel``: the conflicts panel's list (충돌 목록), one row per conflict:
where it stands, which record, what was held back and what the server holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.qtmodels.role_data import OneCallPerCell
from desktop.sync.conflict_list import ConflictItem, ConflictSource, Side
from domain.business_calendar import KST

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "ConflictTableModel"

SOURCE_COLOURS = {
    # source: (text, background)
    ConflictSource.SERVER: ("#B42318", "#FEE4E2"),
    ConflictSource.LOCAL: ("#B54708", "#FEF0C7"),
}


def when_text(moment: datetime) -> str:
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M")


def side_text(side: Side) -> str:
    return QCoreApplication.translate("ConflictTableModel", "{what} — {who}").format(
        what=side.text, who=side.recorded_by
    )


class ConflictTableModel(OneCallPerCell, QAbstractTableModel):
    """A short list (tens of rows at most), so it is held whole and replaced whole."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ConflictItem] = []

    @staticmethod
    def headers() -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ConflictTableModel", "구분"),
            QCoreApplication.translate("ConflictTableModel", "대상 기록"),
            QCoreApplication.translate("ConflictTableModel", "보류된 기록"),
            QCoreApplication.translate("ConflictTableModel", "서버의 기록"),
            QCoreApplication.translate("ConflictTableModel", "발생"),
        )

    def set_items(self, items: Sequence[ConflictItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> ConflictItem:
        return self._items[row]

    @property
    def items(self) -> list[ConflictItem]:
        return list(self._items)

    def row_of(self, item: ConflictItem) -> int | None:
        for row, candidate in enumerate(self._items):
            if candidate.key == item.key:
                return row
        return None

    # QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.reason
        if column == 0 and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            text, background = SOURCE_COLOURS[item.source]
            colour = text if role == Qt.ItemDataRole.ForegroundRole else background
            return QBrush(QColor(colour))
        return None

    def _text(self, item: ConflictItem, column: int) -> str | None:
        if column == 0:
            if item.source is ConflictSource.SERVER:
                return QCoreApplication.translate("ConflictTableModel", "서버 충돌")
            return QCoreApplication.translate("ConflictTableModel", "충돌 예상 (미전송)")
        if column == 1:
            return item.subject
        if column == 2:
            return side_text(item.held)
        if column == 3:
            if not item.canonical:
                return QCoreApplication.translate("ConflictTableModel", "(없음)")
            return " / ".join(side_text(side) for side in item.canonical)
        if column == 4:
            return when_text(item.noticed_at)
        return None
