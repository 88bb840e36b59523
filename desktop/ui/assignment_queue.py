"""출연연 지정 대기: central staff's queue of cases that need an institute (new,
classified, or declined and needing reassignment), with an institute chooser that
leaves out the institutes that already declined the case, and a one-click 지정.

The matching engine's recommendation (담당 출연연 추천) comes in through ``recommend``;
until the engine lands it suggests nothing, and the page says nothing about it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from desktop.local.queues import (
    ASSIGNMENT_QUEUE,
    Recommend,
    institutes_to_offer,
    no_recommendation,
    recommended_institute,
)
from desktop.local.read_model import CaseListQuery, CaseRow, CaseSort
from desktop.qtmodels.case_table import columns_without
from desktop.ui.fields import LabeledField
from desktop.ui.queue_page import QueuePage
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from domain.case import Case
from domain.errors import DomainError


class AssignmentQueuePage(QueuePage):
    def __init__(
        self,
        session: Session,
        query: CaseListQuery,
        *,
        recommend: Recommend = no_recommendation,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            session,
            query,
            title=QCoreApplication.translate("AssignmentQueuePage", "출연연 지정 대기"),
            scope=ASSIGNMENT_QUEUE,
            columns=columns_without(CaseSort.BUSINESS_NUMBER, CaseSort.INSTITUTE),
            clock=clock,
            parent=parent,
        )
        self.setObjectName("assignmentQueuePage")
        self.recommend = recommend

        self.declines = QLabel()
        self.declines.setWordWrap(True)
        set_role(self.declines, "warning")
        self.recommendation = QLabel()
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setWordWrap(True)
        set_role(self.recommendation, "banner-info")
        self.chooser = QComboBox()
        self.chooser.setObjectName("instituteChooser")
        self.chooser_field = LabeledField(self.tr("담당 출연연"), self.chooser, required=True)
        self.assign_button = QPushButton(self.tr("지정"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setProperty("primary", True)
        self.assign_button.clicked.connect(self.assign)

        self.form_layout.addWidget(self.declines)
        self.form_layout.addWidget(self.recommendation)
        self.form_layout.addWidget(self.chooser_field)
        self.add_button_row(self.assign_button)
        self.finish_panel()

    def count_text(self, total: int) -> str:
        return self.tr("지정할 건 {n:,}건").format(n=total)

    def show_case(self, row: CaseRow | None, case: Case | None) -> None:
        chosen = self.chooser.currentData() if self.same_case else None
        self.chooser.clear()
        if not self.same_case:
            self.chooser_field.show_error(None)
        self.declines.hide()
        self.recommendation.hide()
        ready = row is not None and case is not None
        self.chooser.setEnabled(ready)
        self.assign_button.setEnabled(ready)
        if row is None or case is None:
            self.summary.setText(self.tr("출연연을 지정할 건이 없습니다."))
            return
        reference = self.session.workspace.reference
        self.summary.setText(self.summary_html(row, case))
        if case.declines:
            lines = [
                self.tr("{name} 반려: {reason}").format(
                    name=self._institute_name(code), reason=reason
                )
                for code, reason in case.declines
            ]
            lines.append(self.tr("반려한 기관은 선택 목록에서 뺐습니다."))
            self.declines.setText("\n".join(lines))
            self.declines.show()
        self.chooser.addItem(self.tr("선택해 주세요"), None)
        for institute in institutes_to_offer(case, reference):
            self.chooser.addItem(f"{institute.name} ({institute.code})", institute.code)
        recommended = recommended_institute(case, reference, self.recommend)
        if recommended is not None:
            self.recommendation.setText(
                self.tr("추천 출연연: {name} (통합 DB 매칭 결과)").format(name=recommended.name)
            )
            self.recommendation.show()
            if chosen is None:
                chosen = recommended.code
        if chosen is not None:
            self.choose(chosen)

    def show_error(self, error: DomainError | None) -> None:
        if error is not None and error.field == "institute":
            self.chooser_field.show_error(error.message)
            super().show_error(None)
            return
        self.chooser_field.show_error(None)
        super().show_error(error)

    def choose(self, code: str) -> bool:
        """Pick an institute in the chooser (as a click would); False if not offered."""
        index = self.chooser.findData(code)
        if index >= 0:
            self.chooser.setCurrentIndex(index)
        return index >= 0

    @Slot()
    def assign(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        code = self.chooser.currentData()
        if not code:
            self.chooser_field.show_error(self.tr("담당 출연연을 선택해 주세요."))
            self.chooser.setFocus()
            return
        self.run_action(
            lambda: self.queue_actions.assign(row.case_id, code),
            self.tr("{company} 건을 {institute}에 지정했습니다.").format(
                company=row.company_name, institute=self._institute_name(code)
            ),
        )

    def _institute_name(self, code: str) -> str:
        try:
            return self.session.workspace.reference.institute(code).name
        except DomainError:
            return code
