"""The mentoring page (기술협력 멘토링): the engagements with a text filter and the
stage funnel on the left, the chosen engagement (or a form about it) on the right.

Recording goes through ``MentoringDesk`` into the workspace's outbox; the page then
re-reads the list and the detail, and emits ``recorded`` so that the main window
asks the sync engine to send."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.local.mentoring_desk import MentoringDesk, actor_of
from desktop.local.mentoring_detail import mentoring_detail
from desktop.local.mentoring_list import MentoringList, not_yet_staged, stage_funnel
from desktop.local.read_model import CompanyDirectory
from desktop.qtmodels.mentoring_table import COLUMNS, MentoringTableModel
from desktop.ui.engagement_view import EngagementView
from desktop.ui.mentoring_forms import (
    ConcludeForm,
    ExchangeGroupForm,
    MentoringForm,
    SessionForm,
    StageForm,
    StartForm,
    TaskForm,
)
from desktop.ui.mentoring_funnel import StageFunnel
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from domain.access import Role

FILTER_DELAY_MS = 200


class MentoringPage(QWidget):
    """``recorded`` after anything was put in the outbox."""

    recorded = Signal()

    def __init__(
        self, session: Session, directory: CompanyDirectory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mentoringPage")
        self.session = session
        self._stale = False
        user = session.user
        self.desk = MentoringDesk(
            session.workspace,
            actor_of(user.username, user.role, user.region, user.institute),
            session.recording,
        )
        self.model = MentoringTableModel(MentoringList(session.workspace), parent=self)
        self._build_list()
        self._build_detail(directory)
        self._build_layout()
        self._connect()
        self._show_count(self.model.total)
        self._show_funnel()

    # Building ----------------------------------------------------------------------------

    def _build_list(self) -> None:
        self.title = QLabel(self.tr("기술협력 멘토링"))
        set_role(self.title, "title")
        self.count = QLabel()
        set_role(self.count, "hint")
        self.search = QLineEdit()
        self.search.setObjectName("mentoringSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("기업명, 코디네이터, 단계, 교류회, 과제명으로 검색"))
        self.search.setMinimumWidth(320)
        self.new_button = QPushButton(self.tr("새 멘토링"))
        self.new_button.setProperty("primary", True)

        self.table = QTableView()
        self.table.setObjectName("mentoringTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(48)
        for number, column in enumerate(COLUMNS):
            header.resizeSection(number, column.width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.funnel = StageFunnel()
        self.funnel_title = QLabel(self.tr("단계별 현황"))
        set_role(self.funnel_title, "subtitle")
        self.funnel_note = QLabel()
        set_role(self.funnel_note, "hint")
        self.funnel_card = QFrame()
        self.funnel_card.setProperty("role", "card")
        card = QVBoxLayout(self.funnel_card)
        card.setContentsMargins(16, 10, 16, 10)
        card.setSpacing(4)
        heading = QHBoxLayout()
        heading.addWidget(self.funnel_title)
        heading.addSpacing(8)
        heading.addWidget(self.funnel_note, 1)
        card.addLayout(heading)
        card.addWidget(self.funnel)

    def _build_detail(self, directory: CompanyDirectory) -> None:
        user = self.session.user
        self.view = EngagementView()
        self.placeholder = QLabel(
            self.tr("목록에서 멘토링을 선택하면 세션, 과제, 교류회와 기록 이력이 여기에 보입니다.")
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.placeholder, "hint")
        self.start_form = StartForm(
            self.desk,
            directory,
            self.session.workspace.reference,
            region=user.region,
            may_choose_region=user.role == Role.CENTRAL,
        )
        self.forms: dict[str, MentoringForm] = {
            "start": self.start_form,
            "session": SessionForm(self.desk),
            "task": TaskForm(self.desk),
            "group": ExchangeGroupForm(self.desk),
            "stage": StageForm(self.desk),
            "conclude": ConcludeForm(self.desk),
        }
        self.side = QStackedWidget()
        self.side.addWidget(self.placeholder)
        self.side.addWidget(self.view)
        for form in self.forms.values():
            self.side.addWidget(form)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.search)
        top.addWidget(self.new_button)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.table, 1)
        column.addWidget(self.funnel_card)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(6, 0, 0, 0)
        side.addWidget(self.side)
        right.setMinimumWidth(420)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.model.count_changed.connect(self._show_count)
        self.model.modelReset.connect(self._show_funnel)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.new_button.clicked.connect(self.start_new)
        self.view.action_requested.connect(self.open_form)
        for form in self.forms.values():
            form.saved.connect(self._saved)
            form.cancelled.connect(self.close_form)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)

    # The list -----------------------------------------------------------------------------

    @Slot()
    def apply_filter(self) -> None:
        self._filter_timer.stop()
        selected = self.selected_engagement_id()
        self.model.set_filter_text(self.search.text())
        if selected is not None:
            self.select_engagement(selected)

    def refresh(self) -> None:
        """Fold the engagements again (new events from the server); while the page is
        hidden, only note that it must, and do it when it shows."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        selected = self.selected_engagement_id()
        self.model.reload(keep_loaded=True)
        if selected is not None and self.select_engagement(selected):
            self._show_engagement(selected)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def select_engagement(self, engagement_id: UUID) -> bool:
        row = self.model.row_of(engagement_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_engagement_id(self) -> UUID | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.engagement_id(index.row())

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.side.currentWidget() in (self.view, self.placeholder):
            self._show_engagement(self.model.engagement_id(current.row()))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        """Enter on a row: its detail, and the keyboard on its first action."""
        if not index.isValid():
            return
        self.close_form()
        self._show_engagement(self.model.engagement_id(index.row()))
        enabled = [b for b in self.view.buttons.values() if b.isEnabled()]
        (enabled[0] if enabled else self.table).setFocus()

    def _show_engagement(self, engagement_id: UUID) -> None:
        self.view.show_detail(mentoring_detail(self.session.workspace, engagement_id))
        if self.side.currentWidget() is self.placeholder:
            self.side.setCurrentWidget(self.view)

    @Slot(int)
    def _show_count(self, total: int) -> None:
        text = self.tr("검색 결과 {n}건") if self.model.filter_text else self.tr("전체 {n}건")
        self.count.setText(text.format(n=f"{total:,}"))

    @Slot()
    def _show_funnel(self) -> None:
        rows = self.model.matching()
        self.funnel.set_steps(stage_funnel(rows))
        note = (
            self.tr("검색 결과 {n}건 기준 · 단계 진입 전 {before}건")
            if self.model.filter_text
            else self.tr("{n}건 기준 · 단계 진입 전 {before}건")
        )
        note = note.format(n=len(rows), before=not_yet_staged(rows))
        self.funnel_note.setText(note)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def hide_suggestions(self) -> None:
        """Close the company suggestions (before the screen locks)."""
        self.start_form.junior.hide_suggestions()
        self.start_form.senior.hide_suggestions()

    # Forms --------------------------------------------------------------------------------

    @Slot()
    def start_new(self) -> None:
        self.start_form.open_for(None)
        self.side.setCurrentWidget(self.start_form)
        self.start_form.first_editor().setFocus()

    @Slot(str)
    def open_form(self, action: str) -> bool:
        """Show the form of ``action`` about the selected engagement."""
        detail = self.view.detail
        if detail is None or action not in self.forms:
            return False
        form = self.forms[action]
        self.side.setCurrentWidget(form)
        form.open_for(detail.row)
        return True

    @Slot()
    def close_form(self) -> None:
        """Back to the detail, of the row selected now (it may have changed meanwhile)."""
        self.side.setCurrentWidget(self.view if self.view.detail else self.placeholder)
        selected = self.selected_engagement_id()
        if selected is not None:
            self._show_engagement(selected)
        self.table.setFocus()

    @Slot(object)
    def _saved(self, engagement_id: object) -> None:
        assert isinstance(engagement_id, UUID)
        self.side.setCurrentWidget(self.view)
        self.model.reload_engagement(engagement_id)
        if not self.select_engagement(engagement_id) and self.model.filter_text:
            self.search.clear()  # the filter hides it: show everything
            self.apply_filter()
            self.select_engagement(engagement_id)
        self._show_engagement(engagement_id)
        self.table.setFocus()
        self.recorded.emit()
