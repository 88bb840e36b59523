"""``CaseTimelineModel``: a case's timeline (처리 이력) as a Qt table, the sync badge
shown as a coloured cell and the reason of a conflict in its own column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.local.case_timeline import CaseTimelineEntry, TimelineBadge
from desktop.qtmodels.role_data import OneCallPerCell
from desktop.ui.translated_labels import badge_text

Index = QModelIndex | QPersistentModelIndex

HEADERS = (
    str(QT_TRANSLATE_NOOP("CaseTimelineModel", "일시")),
    str(QT_TRANSLATE_NOOP("CaseTimelineModel", "기록자")),
    str(QT_TRANSLATE_NOOP("CaseTimelineModel", "내용")),
    str(QT_TRANSLATE_NOOP("CaseTimelineModel", "동기화")),
    str(QT_TRANSLATE_NOOP("CaseTimelineModel", "비고")),
)
WHEN, WHO, TEXT, BADGE, REASON = range(5)

BADGE_COLOURS: dict[TimelineBadge, tuple[str, str]] = {
    # badge: (text, background)
    TimelineBadge.SYNCED: ("#067647", "#DCFAE6"),
    TimelineBadge.PENDING: ("#B54708", "#FEF0C7"),
    TimelineBadge.CONFLICT: ("#B42318", "#FEE4E2"),
    TimelineBadge.REJECTED: ("#B42318", "#FEE4E2"),
}
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseTimelineModel(OneCallPerCell, QAbstractTableModel):
    """Read-only; ``set_entries`` replaces the whole timeline (a case has few events)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[CaseTimelineEntry] = []

    def set_entries(self, entries: Sequence[CaseTimelineEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> CaseTimelineEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CaseTimelineModel", HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.reason or entry.text
        if role == BADGE_ROLE:
            return entry.badge.value
        if column == BADGE:
            text, background = BADGE_COLOURS[entry.badge]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(text))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(background))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
        if column == REASON and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(BADGE_COLOURS[TimelineBadge.CONFLICT][0]))
        return None


def _text(entry: CaseTimelineEntry, column: int) -> str:
    if column == WHEN:
        return entry.when
    if column == WHO:
        return entry.who
    if column == TEXT:
        return entry.text
    if column == BADGE:
        return badge_text(entry.badge.label)
    return entry.reason or ""
