"""The case detail page (애로사항 상세): the case's head (company, region, service,
status, SLA), its description, its timeline with sync badges, and buttons for exactly
the actions the signed-in user may take now (``desktop.local.case_actions``).

An action opens its small form in the page; once saved, the read model catches up,
the timeline shows the new event as 전송 대기, and ``recorded`` tells the window (to
nudge the sync and refresh the list). Esc closes an open form, or goes back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.local.case_actions import CaseAction, actor_of, allowed_actions
from desktop.local.case_header import CaseHeader, case_header
from desktop.local.case_timeline import case_timeline
from desktop.qtmodels.case_table import SLA_COLOURS, sla_caption
from desktop.qtmodels.case_timeline import BADGE, REASON, TEXT, WHEN, WHO, CaseTimelineModel
from desktop.ui.case_actions import ActionForm
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import action_text, status_text
from domain.sla import SlaStatus

ACTIONS_WIDTH = 380
COLUMN_WIDTHS = {WHEN: 130, WHO: 120, BADGE: 80}


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    set_role(heading, "subtitle")
    layout.addWidget(heading)
    return card, layout


class CaseDetailPage(QWidget):
    """``recorded`` carries the case id after an action was saved; ``back_requested``
    asks to return to the list."""

    recorded = Signal(object)
    back_requested = Signal()

    def __init__(
        self,
        session: Session,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetailPage")
        self._session = session
        self._clock = clock
        self.case_id: UUID | None = None
        self.header: CaseHeader | None = None
        self.form: ActionForm | None = None
        self.action_buttons: dict[CaseAction, QPushButton] = {}
        self.timeline = CaseTimelineModel(self)
        self._build()

    # Building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.back_button = QPushButton(self.tr("← 목록으로 (Esc)"))
        self.back_button.setObjectName("backToList")
        self.back_button.clicked.connect(self.back_requested)
        title = QLabel(self.tr("애로사항 상세"))
        set_role(title, "title")
        self.company = QLabel()
        self.company.setObjectName("caseCompany")
        self.company.setStyleSheet("font-size: 14pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.company, 1)

        self.banner = QLabel()
        self.banner.setObjectName("caseSaved")
        self.banner.setWordWrap(True)
        set_role(self.banner, "banner-info")
        self.banner.hide()

        summary, summary_layout = _card(self.tr("개요"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}
        for number, (key, label) in enumerate(
            (
                ("business_number", self.tr("사업자등록번호")),
                ("region", self.tr("지역")),
                ("service", self.tr("기술지원 분야")),
                ("received_at", self.tr("접수일시")),
                ("status", self.tr("상태")),
                ("institute", self.tr("담당 출연연")),
                ("first_response", self.tr("최초 응대 기한")),
                ("agreement", self.tr("협약 기한")),
            )
        ):
            caption = QLabel(label)
            set_role(caption, "hint")
            value = QLabel()
            value.setObjectName(f"case_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            row, column = number // 4, (number % 4) * 2
            grid.addWidget(caption, row, column)
            # Left-aligned at its own width, so an SLA chip is as wide as its text.
            grid.addWidget(value, row, column + 1, Qt.AlignmentFlag.AlignLeft)
        for column in (1, 3, 5, 7):
            grid.setColumnStretch(column, 1)
        summary_layout.addLayout(grid)
        self.description = QPlainTextEdit()
        self.description.setObjectName("caseDescription")
        self.description.setReadOnly(True)
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(72)
        description_caption = QLabel(self.tr("애로사항 내용"))
        set_role(description_caption, "hint")
        summary_layout.addWidget(description_caption)
        summary_layout.addWidget(self.description)

        history, history_layout = _card(self.tr("처리 이력"))
        self.table = QTableView()
        self.table.setObjectName("caseTimeline")
        self.table.setModel(self.timeline)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.ResizeToContents)
        history_layout.addWidget(self.table, 1)

        actions, actions_layout = _card(self.tr("처리"))
        actions.setFixedWidth(ACTIONS_WIDTH)
        self.no_actions = QLabel()
        self.no_actions.setWordWrap(True)
        set_role(self.no_actions, "hint")
        self.buttons = QWidget()
        self.buttons_grid = QGridLayout(self.buttons)
        self.buttons_grid.setContentsMargins(0, 0, 0, 0)
        self.buttons_grid.setSpacing(8)
        self.actions_layout = actions_layout
        actions_layout.addWidget(self.no_actions)
        actions_layout.addWidget(self.buttons)
        actions_layout.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addWidget(history, 1)
        columns.addWidget(actions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(summary)
        layout.addLayout(columns, 1)

    # Showing a case ------------------------------------------------------------------

    def show_case(self, case_id: UUID) -> None:
        """Show ``case_id`` afresh (no form open, no message)."""
        self.close_form()
        self.banner.hide()
        self.case_id = case_id
        self.refresh()
        first = next(iter(self.action_buttons.values()), None)
        (first or self.table).setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def refresh(self) -> None:
        """Read the case again (after sync or a recorded action); an open form stays."""
        if self.case_id is None:
            return
        session = self._session
        header = case_header(session.workspace, self.case_id, now=self._clock())
        self.header = header
        self.company.setText(header.company_name)
        self.values["business_number"].setText(header.business_number or "-")
        self.values["region"].setText(header.region_name)
        self.values["service"].setText(header.service_name)
        self.values["received_at"].setText(header.received_at)
        self.values["status"].setText(status_text(header.status_label))
        self.values["institute"].setText(header.institute_name or self.tr("미지정"))
        _show_sla(self.values["first_response"], header.first_response)
        _show_sla(self.values["agreement"], header.agreement)
        self.description.setPlainText(header.case.description)
        names = {session.user.username: session.user.display_name}
        self.timeline.set_entries(case_timeline(session.workspace, self.case_id, names=names))
        self.table.scrollToBottom()
        self._show_actions()

    @Slot()
    def refresh_if_shown(self) -> None:
        """For the window's periodic list refresh: only the page on screen re-reads."""
        if self.isVisible():
            self.refresh()

    def allowed(self) -> list[CaseAction]:
        if self.header is None:
            return []
        actor = actor_of(self._session.user)
        return allowed_actions(self.header.case, actor, self._session.workspace.reference)

    def _show_actions(self) -> None:
        for button in self.action_buttons.values():
            self.buttons_grid.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for number, action in enumerate(self.allowed()):
            button = QPushButton(action_text(action.label))
            button.setObjectName(f"action_{action.value}")
            button.setAutoDefault(True)
            button.clicked.connect(lambda _=False, chosen=action: self.open_action(chosen))
            self.buttons_grid.addWidget(button, number // 2, number % 2)
            self.action_buttons[action] = button
        self.no_actions.setText(
            ""
            if self.action_buttons
            else self.tr("지금 이 계정으로 이 건에 기록할 수 있는 처리가 없습니다.")
        )
        self.no_actions.setVisible(self.form is None and not self.action_buttons)
        self.buttons.setVisible(self.form is None and bool(self.action_buttons))

    # Actions -------------------------------------------------------------------------

    def open_action(self, action: CaseAction) -> ActionForm:
        """Open ``action``'s form in place of the buttons."""
        assert self.case_id is not None
        self.close_form()
        self.banner.hide()
        form = ActionForm(self._session, self.case_id, action)
        form.saved.connect(self._saved)
        form.cancelled.connect(self.close_form)
        self.form = form
        self.actions_layout.insertWidget(self.actions_layout.indexOf(self.buttons) + 1, form)
        self.buttons.hide()
        self.no_actions.hide()
        form.focus_first()
        return form

    @Slot()
    def close_form(self) -> None:
        if self.form is None:
            return
        form, self.form = self.form, None
        self.actions_layout.removeWidget(form)
        form.hide()
        form.deleteLater()
        self.buttons.setVisible(bool(self.action_buttons))
        self.no_actions.setVisible(not self.action_buttons)
        first = next(iter(self.action_buttons.values()), None)
        (first or self.table).setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def _saved(self, case_id: object) -> None:
        assert isinstance(case_id, UUID)
        self._session.read_model.catch_up_local(self._session.workspace)
        self.close_form()
        self.refresh()
        self.banner.setText(
            self.tr("저장했습니다. 이 컴퓨터에 보관되며, 서버에 연결되면 전송됩니다.")
        )
        self.banner.show()
        self.recorded.emit(case_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.form is not None:
                self.close_form()
            else:
                self.back_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _show_sla(label: QLabel, status: SlaStatus | None) -> None:
    state, due_at = (None, None) if status is None else (status.state, status.due_at)
    text, background = SLA_COLOURS[state]
    label.setText(sla_caption(state, due_at))
    style = f"color: {text};"
    if background:
        style += f" background: {background}; border-radius: 3px; padding: 1px 8px;"
    label.setStyleSheet(style)
