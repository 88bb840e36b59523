"""The case list page (애로사항 목록): a search field, the count, an SLA legend and
the lazy table. Typing filters after a short pause, in SQL; clicking a header sorts."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.qtmodels.case_table import CASE_ID_ROLE, COLUMNS, SLA_COLOURS, CaseTableModel
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import sla_text
from domain.sla import SlaState

FILTER_DELAY_MS = 200
LEGEND = (SlaState.OVERDUE, SlaState.RUNNING, SlaState.PAUSED, SlaState.MET, SlaState.MISSED)


class CaseListPage(QWidget):
    """``new_case_requested`` for the 새 접수 button; ``case_activated`` on Enter or a
    double click on a row."""

    new_case_requested = Signal()
    case_activated = Signal(object)

    def __init__(self, model: CaseTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseListPage")
        self.model = model

        title = QLabel(self.tr("애로사항 목록"))
        set_role(title, "title")
        self.count = QLabel()
        set_role(self.count, "hint")
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("기업명, 사업자등록번호, 지역, 분야, 상태, 출연연으로 검색")
        )
        self.search.setMinimumWidth(360)
        self.new_case = QPushButton(self.tr("새 접수 (Ctrl+N)"))
        self.new_case.setProperty("primary", True)
        self.new_case.clicked.connect(self.new_case_requested)

        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setMinimumSectionSize(60)
        for number, column in enumerate(COLUMNS):
            header.resizeSection(number, column.width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activate_index)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        self.search.returnPressed.connect(self._apply_filter)
        model.count_changed.connect(self._show_count)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.search)
        top.addWidget(self.new_case)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(_legend())
        self._show_count(model.total)

    def refresh(self) -> None:
        """Re-read the rows in place (new or changed cases), keeping the selection."""
        selected = self.selected_case_id()
        scroll = self.table.verticalScrollBar().value()
        self.model.reload(keep_loaded=True)
        if selected is not None:
            self.select_case(selected)
        self.table.verticalScrollBar().setValue(scroll)

    def select_case(self, case_id: UUID) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_case_id(self) -> UUID | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(self.model.index(index.row(), 0), CASE_ID_ROLE)
        return UUID(value) if value else None

    @Slot()
    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter_text(self.search.text())

    @Slot(int)
    def _show_count(self, total: int) -> None:
        text = self.model.filter_text
        if text:
            self.count.setText(self.tr("검색 결과 {total:,}건").format(total=total))
        else:
            self.count.setText(self.tr("전체 {total:,}건").format(total=total))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(QModelIndex)
    def _activate_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case_id(index.row()))


def _legend() -> QHBoxLayout:
    """최초 응대 기한: the colours of the SLA column, explained."""
    row = QHBoxLayout()
    row.setSpacing(14)
    caption = QLabel(QCoreApplication.translate("CaseListPage", "최초 응대 기한(접수 후 3영업일):"))
    set_role(caption, "hint")
    row.addWidget(caption)
    for state in LEGEND:
        text, background = SLA_COLOURS[state]
        chip = QLabel(sla_text(state))
        chip.setStyleSheet(
            f"color: {text}; background: {background}; border-radius: 3px; padding: 2px 8px;"
        )
        row.addWidget(chip)
    row.addStretch(1)
    return row
