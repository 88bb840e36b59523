"""What the role queues' pages share: a title and count, the lazy case table over a
filtered query, and a card beside it with the selected case and the page's actions.

``case_activated`` (Enter or a double click) asks for the case detail page;
``recorded`` tells the window something was recorded here (so it can sync). After a
recording the read model catches up, the table re-reads, and the selection moves to
the case that took the recorded one's place: a queue is worked down from the top."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from uuid import UUID

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.local.queues import QueueActions, actor_of
from desktop.local.read_model import CaseFilter, CaseListQuery, CaseRow, CaseSort
from desktop.qtmodels.case_table import CaseTableModel, Column, sla_text
from desktop.ui.fields import error_banner
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import status_text
from domain.business_calendar import KST
from domain.case import Case
from domain.case_status import CaseStatus
from domain.errors import DomainError

PANEL_WIDTH = 360


class QueuePage(QWidget):
    """A role queue. Subclasses put their inputs in ``form_layout`` (shown while a case
    is selected), implement ``show_case`` and call ``finish_panel``."""

    case_activated = Signal(object)
    recorded = Signal(object)

    def __init__(
        self,
        session: Session,
        query: CaseListQuery,
        *,
        title: str,
        scope: CaseFilter,
        columns: Sequence[Column],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.query = query
        self.queue_actions = QueueActions(
            session.workspace, actor_of(session.user), session.recording
        )
        self.model = CaseTableModel(query, scope=scope, columns=columns, clock=clock, parent=self)

        heading = QLabel(title)
        set_role(heading, "title")
        self.count = QLabel()
        set_role(self.count, "hint")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        set_role(self.notice, "banner-info")
        self.notice.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
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
        header.setMinimumSectionSize(60)
        for number, column in enumerate(self.model.columns):
            header.resizeSection(number, column.width)
            if column.sort is CaseSort.COMPANY:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activate_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.count_changed.connect(self._counted)
        # After the view's own reset (connected first, by setModel): a sort or a refresh.
        self.model.modelReset.connect(self._restore_selection)
        self._shown: tuple[UUID, CaseStatus] | None = None
        self._shown_row = 0
        self.same_case = False
        """While ``show_case`` runs: the case shown before is still selected and in the
        same state (a refresh), so what was typed in the panel stays."""

        self.panel = QFrame()
        self.panel.setProperty("role", "card")
        self.panel.setFixedWidth(PANEL_WIDTH)
        self.panel_layout = QVBoxLayout(self.panel)
        self.panel_layout.setContentsMargins(16, 14, 16, 14)
        self.panel_layout.setSpacing(10)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.panel_layout.addWidget(self.summary)
        self.form = QWidget()
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.form_layout.setSpacing(10)
        self.panel_layout.addWidget(self.form)
        self.error = error_banner()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.count)
        top.addStretch(1)
        body = QHBoxLayout()
        body.setSpacing(14)
        body.addWidget(self.table, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)

    def add_button_row(self, button: QWidget) -> None:
        """A form's action button, on a line of its own at the right."""
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        self.form_layout.addLayout(row)

    def finish_panel(self) -> None:
        """Called by subclasses once their widgets are in the panel."""
        self.panel_layout.addWidget(self.error)
        self.panel_layout.addStretch(1)
        self._counted()
        self._select_row(0)
        self._current_changed(self.table.currentIndex())

    # What subclasses provide ----------------------------------------------------------

    def show_case(self, row: CaseRow | None, case: Case | None) -> None:
        """Fill the panel for the selected case (``None``: nothing selected)."""
        raise NotImplementedError

    def count_text(self, total: int) -> str:
        return self.tr("{n:,}건").format(n=total)

    # Selection ---------------------------------------------------------------------

    def selected_row(self) -> CaseRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.case_row(index.row())

    def select_case(self, case_id: UUID) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def refresh(self) -> None:
        """Re-read the queue; the selection stays on its case or on the row in its place."""
        self.model.reload(keep_loaded=True)

    # Recording --------------------------------------------------------------------

    def run_action(self, action: Callable[[], None], done: str) -> bool:
        """Record through ``action``; a ``DomainError`` is shown (``show_error``) and
        nothing is recorded. On success the queue refreshes and ``recorded`` is emitted."""
        row = self.selected_row()
        if row is None:
            return False
        self.show_error(None)
        try:
            action()
        except DomainError as refused:
            self.show_error(refused)
            return False
        except Exception as error:  # storage failed: nothing was recorded
            self.error.setText(
                self.tr("저장하지 못했습니다. 다시 시도해 주세요. ({e})").format(e=error)
            )
            self.error.show()
            return False
        self.session.read_model.catch_up_local(self.session.workspace)
        self.refresh()
        self.notice.setText(done)
        self.notice.show()
        self.recorded.emit(row.case_id)
        return True

    def show_error(self, error: DomainError | None) -> None:
        """Page-wide by default; subclasses put field errors next to their field."""
        self.error.setText("" if error is None else error.message)
        self.error.setVisible(error is not None)

    # Pieces for the panels ---------------------------------------------------------

    def summary_html(self, row: CaseRow, case: Case | None, *extra: tuple[str, str]) -> str:
        """The selected case as a short list of labelled lines (HTML-escaped)."""
        received = row.received_at.astimezone(KST).strftime("%Y-%m-%d %H:%M")
        lines = [
            (self.tr("기업"), f"{row.company_name} ({row.business_number or '-'})"),
            (self.tr("접수"), f"{received} · {row.region_name}"),
            (self.tr("분야"), row.service_name),
            (self.tr("상태"), status_text(row.status_label)),
            (self.tr("최초 응대"), sla_text(row)),
            *extra,
        ]
        if case is not None:
            lines.append((self.tr("내용"), case.description))
        rows = "".join(
            f"<tr><td style='color:#667085; padding:2px 10px 2px 0'>{_escape(label)}</td>"
            f"<td style='padding:2px 0'>{_escape(value)}</td></tr>"
            for label, value in lines
        )
        return f"<table>{rows}</table>"

    # Internals --------------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.table.selectionModel().clear()
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, previous: QModelIndex | None = None) -> None:
        row = self.selected_row() if current.isValid() else None
        shown = None if row is None else (row.case_id, row.status)
        self.same_case = shown is not None and shown == self._shown
        self._shown = shown
        if row is not None:
            self._shown_row = current.row()
        case = None
        if row is not None:
            try:
                case = self.queue_actions.load(row.case_id)
            except DomainError:  # gone from this computer meanwhile
                case = None
        if not self.same_case:
            self.show_error(None)
        self.form.setVisible(row is not None)
        try:
            self.show_case(row, case)
        finally:
            self.same_case = False

    @Slot()
    def _restore_selection(self) -> None:
        """The case shown before, or the row that took its place (the next in the queue)."""
        if self._shown is None or not self.select_case(self._shown[0]):
            self._select_row(min(self._shown_row, self.model.rowCount() - 1))
        self._current_changed(self.table.currentIndex())

    @Slot()
    def _counted(self, *_: object) -> None:
        self.count.setText(self.count_text(self.model.total))

    @Slot(QModelIndex)
    def _activate_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case_id(index.row()))


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    )
