"""``MentoringTableModel``: the mentoring list (멘토링 목록) as a lazy Qt table.

``MentoringList`` folds every engagement once per reload (about 2 ms each: a few
hundred per region stay well under a second); filtering and sorting then work on
the folded rows in memory, and the view gets them a page at a time
(``canFetchMore``/``fetchMore``). After a record only that engagement is folded again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.local.mentoring_list import MentoringList, MentoringRow, newest_first
from desktop.qtmodels.role_data import OneCallPerCell

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
CONTEXT = "MentoringTable"
ENGAGEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

PENDING_COLOUR = "#B54708"
CONFLICT_COLOUR = "#B42318"
MUTED_COLOUR = "#98A2B3"


def sync_text(row: MentoringRow) -> str:
    if row.will_conflict:
        return QCoreApplication.translate("MentoringTable", "충돌 예상 {n}건").format(
            n=row.will_conflict
        )
    if row.pending:
        return QCoreApplication.translate("MentoringTable", "전송 대기 {n}건").format(n=row.pending)
    return QCoreApplication.translate("MentoringTable", "동기화됨")


def _stage(row: MentoringRow) -> str:
    return row.stage_label or QCoreApplication.translate("MentoringTable", "단계 진입 전")


def _state(row: MentoringRow) -> str:
    return (
        QCoreApplication.translate("MentoringTable", "종료")
        if row.concluded
        else QCoreApplication.translate("MentoringTable", "진행 중")
    )


def _last_session(row: MentoringRow) -> str:
    return row.last_session.isoformat() if row.last_session else "-"


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[MentoringRow], str]
    key: Callable[[MentoringRow], Any]
    width: int


COLUMNS = (
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "후배 기업")),
        lambda r: r.junior.name,
        lambda r: r.junior.name,
        120,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "선배 기업 (멘토)")),
        lambda r: r.senior.name,
        lambda r: r.senior.name,
        130,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "코디네이터")),
        lambda r: r.coordinator,
        lambda r: r.coordinator,
        80,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "현재 단계")),
        _stage,
        lambda r: -1 if r.stage is None else r.stage.rank,
        84,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "세션")),
        lambda r: f"{r.sessions_held}",
        lambda r: r.sessions_held,
        48,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "최근 세션")),
        _last_session,
        lambda r: r.last_session.toordinal() if r.last_session else 0,
        92,
    ),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "융합 과제")),
        lambda r: f"{r.convergence_tasks}",
        lambda r: r.convergence_tasks,
        72,
    ),
    Column(str(QT_TRANSLATE_NOOP("MentoringTable", "진행")), _state, lambda r: r.concluded, 60),
    Column(
        str(QT_TRANSLATE_NOOP("MentoringTable", "동기화")),
        sync_text,
        lambda r: (r.will_conflict, r.pending),
        92,
    ),
)
STAGE_COLUMN = 3
STATE_COLUMN = 7
SYNC_COLUMN = 8
NUMBER_COLUMNS = (4, 6)


class MentoringTableModel(OneCallPerCell, QAbstractTableModel):
    """``count_changed`` tells how many engagements match the filter (loaded or not)."""

    count_changed = Signal(int)

    def __init__(
        self, listing: MentoringList, *, page_size: int = PAGE_SIZE, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._listing = listing
        self._page_size = page_size
        self._all: list[MentoringRow] = []
        self._matching: list[MentoringRow] = []
        self._loaded = 0
        self._text = ""
        self._sort_column: int | None = None
        self._descending = False
        self._fetching = False
        self.reload()

    # What the view asks ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._loaded:
            return None
        row, column = self._matching[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _foreground(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            company = row.junior if column == 0 else row.senior
            return f"{company.name} ({_formatted(company.business_number)})"
        if role == ENGAGEMENT_ID_ROLE:
            return str(row.engagement_id)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(CONTEXT, COLUMNS[section].header)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # Lazy loading (guarded: QAbstractItemModelTester calls fetchMore from inside
    # begin/endInsertRows, see /work/shared/notes/qt.md §6) --------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._matching)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching or self._loaded >= len(self._matching):
            return
        self._fetching = True
        try:
            last = min(self._loaded + self._page_size, len(self._matching)) - 1
            self.beginInsertRows(QModelIndex(), self._loaded, last)
            self._loaded = last + 1
            self.endInsertRows()
        finally:
            self._fetching = False

    # Sorting, filtering, refreshing ----------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By ``column``; -1: newest engagement first (the list's own order)."""
        if column >= len(COLUMNS):
            return
        self._sort_column = column if column >= 0 else None
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._show(keep_loaded=True)

    def set_filter_text(self, text: str) -> None:
        """Filter the folded rows in memory: typing never replays events."""
        if text.strip() == self._text:
            return
        self._text = text.strip()
        self._show()

    @property
    def filter_text(self) -> str:
        return self._text

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Fold every engagement again (new events from the server)."""
        self._all = self._listing.rows()
        self._show(keep_loaded=keep_loaded)

    def reload_engagement(self, engagement_id: UUID) -> None:
        """Fold one engagement again (just recorded here), new or known."""
        row = self._listing.row(engagement_id)
        rows = [r for r in self._all if r.engagement_id != engagement_id]
        if row is not None:
            rows.append(row)
        self._all = newest_first(rows)
        self._show(keep_loaded=True)

    def _show(self, *, keep_loaded: bool = False) -> None:
        wanted = max(self._page_size, self._loaded) if keep_loaded else self._page_size
        words = self._text.casefold().split()
        # Listeners of modelReset (QAbstractItemModelTester, views) may call fetchMore
        # from inside endResetModel: the guard keeps the reset one change.
        self._fetching = True
        try:
            self.beginResetModel()
            rows = [row for row in self._all if row.matches(words)]
            if self._sort_column is not None:
                rows.sort(key=COLUMNS[self._sort_column].key, reverse=self._descending)
            self._matching = rows
            self._loaded = min(wanted, len(rows))
            self.endResetModel()
        finally:
            self._fetching = False
        self.count_changed.emit(len(self._matching))

    @property
    def total(self) -> int:
        """Engagements matching the filter (loaded or not)."""
        return len(self._matching)

    def matching(self) -> list[MentoringRow]:
        """Every engagement matching the filter, loaded or not (for the funnel)."""
        return list(self._matching)

    def engagement_id(self, row: int) -> UUID:
        return self._matching[row].engagement_id

    def engagement_row(self, row: int) -> MentoringRow:
        return self._matching[row]

    def row_of(self, engagement_id: UUID) -> int | None:
        """The row of an engagement, loading pages until it shows (None if filtered out)."""
        for number, row in enumerate(self._matching):
            if row.engagement_id == engagement_id:
                while self._loaded <= number:
                    self.fetchMore()
                return number
        return None


def _foreground(row: MentoringRow, column: int) -> QBrush | None:
    if column == SYNC_COLUMN:
        colour = (
            CONFLICT_COLOUR
            if row.will_conflict
            else PENDING_COLOUR
            if row.pending
            else MUTED_COLOUR
        )
        return QBrush(QColor(colour))
    if (column == STAGE_COLUMN and row.stage is None) or (column == STATE_COLUMN and row.concluded):
        return QBrush(QColor(MUTED_COLOUR))
    return None


def _formatted(digits: str) -> str:
    if len(digits) != 10:
        return digits or "-"
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
