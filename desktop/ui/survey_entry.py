"""만족도 조사: central staff's follow-up (사후점검). Resolved (or since closed) cases
not yet surveyed for their current resolution; the SME's satisfaction (1–5) and an
optional comment are recorded as ``Case.survey_follow_up``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.local.queues import SURVEY_QUEUE
from desktop.local.read_model import CaseListQuery, CaseRow, CaseSort
from desktop.qtmodels.case_table import columns_without
from desktop.ui.fields import LabeledField
from desktop.ui.queue_page import QueuePage
from desktop.ui.session import Session
from desktop.ui.theme import BLUE, set_role
from domain.case import Case
from domain.case_status import OUTCOMES
from domain.errors import DomainError

SCORES = (1, 2, 3, 4, 5)
COMMENT_LIMIT = 2000


class SurveyEntryPage(QueuePage):
    def __init__(
        self,
        session: Session,
        query: CaseListQuery,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            session,
            query,
            title=QCoreApplication.translate("SurveyEntryPage", "만족도 조사"),
            scope=SURVEY_QUEUE,
            columns=columns_without(CaseSort.BUSINESS_NUMBER, CaseSort.SLA),
            clock=clock,
            parent=parent,
        )
        self.setObjectName("surveyEntryPage")

        self.scores = QButtonGroup(self)
        self.scores.setExclusive(True)
        scale = QWidget()
        column = QVBoxLayout(scale)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for score in SCORES:
            button = QPushButton(str(score))
            button.setObjectName(f"score{score}")
            button.setCheckable(True)
            button.setFixedWidth(48)
            self.scores.addButton(button, score)
            buttons.addWidget(button)
        buttons.addStretch(1)
        ends = QHBoxLayout()
        low, high = QLabel(self.tr("1 매우 불만족")), QLabel(self.tr("5 매우 만족"))
        for label in (low, high):
            set_role(label, "hint")
        ends.addWidget(low)
        ends.addStretch(1)
        ends.addWidget(high)
        column.addLayout(buttons)
        column.addLayout(ends)
        scale.setStyleSheet(
            f"QPushButton:checked {{ background: {BLUE}; color: white; border-color: {BLUE};"
            " font-weight: bold; }"
        )
        self.scale = scale
        self.satisfaction_field = LabeledField(self.tr("만족도"), scale, required=True)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("surveyComment")
        self.comment.setPlaceholderText(self.tr("기업의 의견 (선택)"))
        self.comment.setFixedHeight(90)
        self.comment.setTabChangesFocus(True)
        self.comment_field = LabeledField(self.tr("의견"), self.comment)
        self.save_button = QPushButton(self.tr("조사 결과 저장"))
        self.save_button.setObjectName("saveSurvey")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)

        self.form_layout.addWidget(self.satisfaction_field)
        self.form_layout.addWidget(self.comment_field)
        self.add_button_row(self.save_button)
        self.finish_panel()

    def count_text(self, total: int) -> str:
        return self.tr("조사할 건 {n:,}건").format(n=total)

    @property
    def satisfaction(self) -> int | None:
        score = self.scores.checkedId()
        return score if score in SCORES else None

    def set_satisfaction(self, score: int | None) -> None:
        button = self.scores.button(score) if score is not None else None
        if button is not None:
            button.setChecked(True)
            return
        checked = self.scores.checkedButton()
        if checked is not None:
            self.scores.setExclusive(False)
            checked.setChecked(False)
            self.scores.setExclusive(True)

    def show_case(self, row: CaseRow | None, case: Case | None) -> None:
        if not self.same_case:
            self.set_satisfaction(None)
            self.comment.clear()
            self.satisfaction_field.show_error(None)
            self.comment_field.show_error(None)
        ready = row is not None and case is not None
        for widget in (self.scale, self.comment, self.save_button):
            widget.setEnabled(ready)
        if row is None or case is None:
            self.summary.setText(self.tr("만족도 조사를 기다리는 건이 없습니다."))
            return
        extra = [(self.tr("담당"), row.institute_name or self.tr("미지정"))]
        if case.resolutions:
            outcome, summary = case.resolutions[-1]
            extra.append((self.tr("해결 결과"), f"{OUTCOMES.get(outcome, outcome)} — {summary}"))
        self.summary.setText(self.summary_html(row, case, *extra))

    def show_error(self, error: DomainError | None) -> None:
        fields = {"satisfaction": self.satisfaction_field, "comment": self.comment_field}
        for name, field in fields.items():
            field.show_error(error.message if error and error.field == name else None)
        super().show_error(None if error is None or error.field in fields else error)

    @Slot()
    def save(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        score = self.satisfaction
        if score is None:
            self.satisfaction_field.show_error(self.tr("만족도를 1점에서 5점 중에서 골라 주세요."))
            return
        comment = self.comment.toPlainText()
        self.run_action(
            lambda: self.queue_actions.survey(row.case_id, score, comment),
            self.tr("{company} 건의 만족도 조사({score}점)를 저장했습니다.").format(
                company=row.company_name, score=score
            ),
        )
