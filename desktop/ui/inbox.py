"""받은 요청: the institute liaison's inbox. Cases currently assigned to the liaison's
institute, those waiting for acceptance (수락 대기) first, with their first-response
clock; 수락 (accept) or 반려 (decline, with a required reason) in one click."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.local.queues import awaiting_acceptance, liaison_inbox
from desktop.local.read_model import CaseListQuery, CaseRow, CaseSort
from desktop.qtmodels.case_table import columns_without
from desktop.ui.fields import LabeledField
from desktop.ui.queue_page import QueuePage
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from domain.case import Case
from domain.case_status import CaseStatus
from domain.errors import DomainError

REASON_LIMIT = 2000


class InboxPage(QueuePage):
    def __init__(
        self,
        session: Session,
        query: CaseListQuery,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        institute = session.user.institute
        super().__init__(
            session,
            query,
            title=QCoreApplication.translate("InboxPage", "받은 요청"),
            scope=liaison_inbox(institute),
            columns=columns_without(CaseSort.BUSINESS_NUMBER, CaseSort.INSTITUTE),
            clock=clock,
            parent=parent,
        )
        self.setObjectName("inboxPage")
        self.institute = institute

        self.accept_button = QPushButton(self.tr("수락"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setProperty("primary", True)
        self.accept_button.clicked.connect(self.accept)
        self.reason = QLineEdit()
        self.reason.setObjectName("declineReason")
        self.reason.setMaxLength(REASON_LIMIT)
        self.reason.setPlaceholderText(self.tr("예: 보유 기술·장비가 없습니다."))
        self.reason.returnPressed.connect(self.decline)
        self.reason_field = LabeledField(self.tr("반려 사유"), self.reason, required=True)
        self.decline_button = QPushButton(self.tr("반려"))
        self.decline_button.setObjectName("declineButton")
        self.decline_button.clicked.connect(self.decline)
        self.state_hint = QLabel()
        self.state_hint.setWordWrap(True)
        set_role(self.state_hint, "hint")

        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        self.form_layout.addWidget(self.state_hint)
        self.form_layout.addLayout(buttons)
        self.form_layout.addWidget(self.reason_field)
        self.add_button_row(self.decline_button)
        if not self.institute:
            self.notice.setText(
                self.tr(
                    "소속 출연연 정보가 없어 받은 요청을 보여 드릴 수 없습니다. 관리자에게 문의해 주세요."
                )
            )
            set_role(self.notice, "banner-error")
            self.notice.show()
        self.finish_panel()

    def count_text(self, total: int) -> str:
        waiting = self.query.count(scope=awaiting_acceptance(self.institute))
        return self.tr("전체 {n:,}건 · 수락 대기 {w:,}건").format(n=total, w=waiting)

    def show_case(self, row: CaseRow | None, case: Case | None) -> None:
        waiting = row is not None and row.status is CaseStatus.ASSIGNED
        for widget in (self.accept_button, self.reason, self.decline_button):
            widget.setEnabled(waiting)
        if not self.same_case:
            self.reason.clear()
            self.reason_field.show_error(None)
        if row is None:
            self.summary.setText(self.tr("받은 요청이 없습니다."))
            self.state_hint.setText("")
            return
        self.summary.setText(self.summary_html(row, case))
        self.state_hint.setText(
            self.tr("담당 기관으로 지정된 건입니다. 수락하거나 사유를 적어 반려해 주세요.")
            if waiting
            else self.tr("수락한 건입니다. Enter 또는 두 번 클릭으로 상세 화면을 엽니다.")
        )

    def show_error(self, error: DomainError | None) -> None:
        if error is not None and error.field == "reason":
            self.reason_field.show_error(error.message)
            self.reason.setFocus()
            super().show_error(None)
            return
        self.reason_field.show_error(None)
        super().show_error(error)

    @Slot()
    def accept(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self.run_action(
            lambda: self.queue_actions.accept(row.case_id),
            self.tr("{company} 건을 수락했습니다. 3영업일 안에 기업에 연락해 주세요.").format(
                company=row.company_name
            ),
        )

    @Slot()
    def decline(self) -> None:
        row = self.selected_row()
        if row is None or not self.decline_button.isEnabled():
            return
        reason = self.reason.text()
        self.run_action(
            lambda: self.queue_actions.decline(row.case_id, reason),
            self.tr("{company} 건을 반려했습니다. 통합센터가 다른 기관을 지정합니다.").format(
                company=row.company_name
            ),
        )
