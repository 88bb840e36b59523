"""``CaseTableModel``: the case list (애로사항 목록) as a lazy Qt table.

Rows come a page at a time from ``CaseListQuery`` (``canFetchMore``/``fetchMore``),
sorted and filtered in SQL, so 100,000 cases cost what the visible pages cost. The
first-response SLA (최초 응대 기한) is shown as Korean text and as colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
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

from desktop.local.read_model import EVERY_CASE, CaseFilter, CaseListQuery, CaseRow, CaseSort
from desktop.qtmodels.role_data import OneCallPerCell
from desktop.ui.translated_labels import sla_text as sla_label
from desktop.ui.translated_labels import status_text
from domain.business_calendar import KST
from domain.sla import SlaState

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
CONTEXT = "CaseTable"
NOT_APPLICABLE = str(QT_TRANSLATE_NOOP("CaseTable", "해당 없음"))


@dataclass(frozen=True)
class Column:
    header: str
    sort: CaseSort
    width: int


COLUMNS = (
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "접수일시")), CaseSort.RECEIVED_AT, 132),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "기업명")), CaseSort.COMPANY, 160),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "사업자등록번호")), CaseSort.BUSINESS_NUMBER, 116),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "지역")), CaseSort.REGION, 86),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "기술지원 분야")), CaseSort.SERVICE, 104),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "상태")), CaseSort.STATUS, 150),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "담당 출연연")), CaseSort.INSTITUTE, 150),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "최초 응대 기한")), CaseSort.SLA, 184),
    Column(str(QT_TRANSLATE_NOOP("CaseTable", "동기화")), CaseSort.SYNC, 96),
)
SLA_COLUMN = 7
SYNC_COLUMN = 8

SLA_COLOURS: dict[SlaState | None, tuple[str, str]] = {
    # state: (text, background)
    SlaState.OVERDUE: ("#B42318", "#FEE4E2"),
    SlaState.RUNNING: ("#175CD3", "#EAF2FF"),
    SlaState.PAUSED: ("#475467", "#EEF0F3"),
    SlaState.NOT_STARTED: ("#475467", "#EEF0F3"),
    SlaState.MET: ("#067647", "#DCFAE6"),
    SlaState.MISSED: ("#B54708", "#FEF0C7"),
    None: ("#98A2B3", ""),
}
PENDING_COLOUR = "#B54708"
CONFLICT_COLOUR = "#B42318"
SYNCED_COLOUR = "#98A2B3"

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SLA_STATE_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    """A text of this module (marked with ``QT_TRANSLATE_NOOP``) in the display language."""
    return QCoreApplication.translate(CONTEXT, text)


def sla_text(row: CaseRow) -> str:
    """e.g. "기한 내 · 09-05 10:00까지", or "기한 초과 · 09-05 10:00" (the instant it was due)."""
    return sla_caption(row.sla_state, row.sla_due_at)


def sla_caption(state: SlaState | None, due_at: datetime | None) -> str:
    """A first-response or agreement clock in words, in the display language (the case
    list's column and the case detail's header)."""
    if state is None:
        return _tr(NOT_APPLICABLE)
    due = due_at.astimezone(KST).strftime("%m-%d %H:%M") if due_at else None
    if state is SlaState.RUNNING and due:
        return QCoreApplication.translate("CaseTable", "{state} · {due}까지").format(
            state=sla_label(state), due=due
        )
    if state is SlaState.OVERDUE and due:
        return f"{sla_label(state)} · {due}"
    if state is SlaState.PAUSED:
        return QCoreApplication.translate("CaseTable", "{state} (기업 회신 대기)").format(
            state=sla_label(state)
        )
    return sla_label(state)


def sync_text(row: CaseRow) -> str:
    if row.will_conflict:
        return QCoreApplication.translate("CaseTable", "충돌 예상 {n}건").format(
            n=row.will_conflict
        )
    if row.pending:
        return QCoreApplication.translate("CaseTable", "전송 대기 {n}건").format(n=row.pending)
    return QCoreApplication.translate("CaseTable", "동기화됨")


def _cell_text(row: CaseRow, column: CaseSort) -> str:
    if column is CaseSort.RECEIVED_AT:
        return row.received_at.astimezone(KST).strftime("%Y-%m-%d %H:%M")
    if column is CaseSort.COMPANY:
        return row.company_name
    if column is CaseSort.BUSINESS_NUMBER:
        return row.business_number or "-"
    if column is CaseSort.REGION:
        return row.region_name
    if column is CaseSort.SERVICE:
        return row.service_name
    if column is CaseSort.STATUS:
        return status_text(row.status_label)
    if column is CaseSort.INSTITUTE:
        return row.institute_name or QCoreApplication.translate("CaseTable", "미지정")
    if column is CaseSort.SLA:
        return sla_text(row)
    return sync_text(row)


def columns_without(*left_out: CaseSort) -> tuple[Column, ...]:
    """The case list's columns but those a narrower list has no use for."""
    return tuple(column for column in COLUMNS if column.sort not in left_out)


class CaseTableModel(OneCallPerCell, QAbstractTableModel):
    """Loads ``page_size`` rows at a time. ``count_changed`` tells how many cases
    match the filter (not how many are loaded).

    ``scope`` narrows the rows for a role queue and ``columns`` picks the columns
    shown; by default, every case and every column (the counselor's list)."""

    count_changed = Signal(int)

    def __init__(
        self,
        query: CaseListQuery,
        *,
        scope: CaseFilter = EVERY_CASE,
        columns: Sequence[Column] = COLUMNS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        page_size: int = PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._query = query
        self.scope = scope
        self.columns = tuple(columns)
        self._clock = clock
        self._page_size = page_size
        self._rows: list[CaseRow] = []
        self._cells: dict[tuple[int, int, int], Any] = {}
        """What ``data`` answered, by (row, column, role), until the rows are read again:
        a repaint asks each visible cell for seven roles."""
        self._total = 0
        self._text = ""
        self._sort = CaseSort.RECEIVED_AT
        self._descending = True
        self._fetching = False
        self._as_of = clock()
        self.reload()

    # What the view asks ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = (index.row(), index.column(), role)
        try:
            return self._cells[key]
        except KeyError:
            pass
        value = self._data(index, role)
        if index.isValid() and 0 <= index.row() < len(self._rows):
            self._cells[key] = value
        return value

    def _data(self, index: Index, role: int) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()].sort
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column is CaseSort.SLA:
            background = SLA_COLOURS[row.sla_state][1]
            return QBrush(QColor(background)) if background else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == CASE_ID_ROLE:
            return str(row.case_id)
        if role == SLA_STATE_ROLE:
            return None if row.sla_state is None else row.sla_state.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.columns[section].header)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # Lazy loading (guarded: QAbstractItemModelTester calls fetchMore from inside
    # begin/endInsertRows, see /work/shared/notes/qt.md §6) --------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching or len(self._rows) >= self._total:
            return
        self._fetching = True
        try:
            page = self._page(len(self._rows), self._page_size)
            if not page:
                self._total = len(self._rows)  # the table shrank meanwhile
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    # Sorting, filtering, refreshing ----------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = self.columns[column].sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def set_filter_text(self, text: str) -> None:
        if text.strip() == self._text:
            return
        self._text = text.strip()
        self.reload()

    @property
    def filter_text(self) -> str:
        return self._text

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Ask the query again: after a sort, a filter, or new rows in the read model.
        ``keep_loaded`` reloads as many rows as were loaded (a refresh in place)."""
        wanted = max(self._page_size, len(self._rows)) if keep_loaded else self._page_size
        # Listeners of modelReset (QAbstractItemModelTester, views) may call fetchMore
        # from inside endResetModel: the guard keeps the reset one change.
        self._fetching = True
        try:
            self.beginResetModel()
            self._as_of = self._clock()
            self._total = self._query.count(self._text, scope=self.scope)
            self._rows = self._page(0, min(wanted, self._total)) if self._total else []
            self._cells.clear()
            self._total = max(self._total, len(self._rows))
            self.endResetModel()
        finally:
            self._fetching = False
        self.count_changed.emit(self._total)

    @property
    def total(self) -> int:
        """Cases matching the filter (loaded or not)."""
        return self._total

    def case_id(self, row: int) -> UUID:
        return self._rows[row].case_id

    def case_row(self, row: int) -> CaseRow:
        return self._rows[row]

    def row_of(self, case_id: UUID) -> int | None:
        """The row of a loaded case."""
        for number, row in enumerate(self._rows):
            if row.case_id == case_id:
                return number
        return None

    # Internals --------------------------------------------------------------------

    def _page(self, offset: int, limit: int) -> list[CaseRow]:
        return self._query.page(
            now=self._as_of,
            text=self._text,
            sort=self._sort,
            descending=self._descending,
            offset=offset,
            limit=limit,
            scope=self.scope,
        )

    def _foreground(self, row: CaseRow, column: CaseSort) -> QBrush | None:
        if column is CaseSort.SLA:
            return QBrush(QColor(SLA_COLOURS[row.sla_state][0]))
        if column is CaseSort.SYNC:
            colour = (
                CONFLICT_COLOUR
                if row.will_conflict
                else PENDING_COLOUR
                if row.pending
                else SYNCED_COLOUR
            )
            return QBrush(QColor(colour))
        if column is CaseSort.INSTITUTE and not row.institute_name:
            return QBrush(QColor(SYNCED_COLOUR))
        return None

    def _tooltip(self, row: CaseRow, column: CaseSort) -> str | None:
        if column is CaseSort.SLA and row.sla_due_at is not None:
            due = row.sla_due_at.astimezone(KST).strftime("%Y-%m-%d %H:%M")
            return QCoreApplication.translate(
                "CaseTable", "최초 응대 기한: {due} (접수 후 3영업일)"
            ).format(due=due)
        if column is CaseSort.SYNC and (row.pending or row.will_conflict):
            return QCoreApplication.translate(
                "CaseTable", "이 컴퓨터에만 있는 기록이 있습니다. 연결되면 서버로 보냅니다."
            )
        if column is CaseSort.COMPANY:
            number = row.business_number or QCoreApplication.translate(
                "CaseTable", "사업자등록번호 없음"
            )
            return f"{row.company_name} ({number})"
        return None
