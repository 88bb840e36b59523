"""The small form of one case action (처리 입력): its fields, the domain's Korean
messages next to them, Enter to save and Esc to cancel.

The form runs the same command the rest of Dari uses (``record_action`` → ``Case``)
on the case as this computer sees it now, and records it into the workspace (the
outbox) only when the domain accepts it: a ``DomainError`` records nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.local.action_fields import ActionField, FieldKind, action_fields, whole_number
from desktop.local.case_actions import CaseAction, actor_of, record_action
from desktop.ui.fields import LabeledField, error_banner
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from domain.business_calendar import KST
from domain.case import Case
from domain.errors import DomainError

FORM = "form"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseActionForm", text)


def confirmation(action: CaseAction, case: Case, institute_name: str) -> str:
    """What a form without fields asks the user to confirm."""
    if action is CaseAction.ACCEPT:
        return QCoreApplication.translate(
            "CaseActionForm", "{institute}에 지정된 이 건을 수락합니다."
        ).format(institute=institute_name)
    if action is CaseAction.CLOSE:
        return QCoreApplication.translate("CaseActionForm", "해결된 이 건을 종결합니다.")
    if action is CaseAction.END_WAITING:
        return QCoreApplication.translate(
            "CaseActionForm",
            "기업의 회신을 받아 처리를 다시 시작합니다 (처리 기한이 다시 흐릅니다).",
        )
    return ""


class ActionForm(QFrame):
    """``saved`` carries the case id once the action is in the outbox; ``cancelled``
    asks to close the form."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(
        self, session: Session, case_id: UUID, action: CaseAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseActionForm")
        self.setProperty("role", "card")
        self.case_id = case_id
        self.action = action
        self._session = session
        case = session.workspace.load_case(case_id)
        reference = session.workspace.reference
        self.specs = action_fields(action, case, reference)
        self.fields: dict[str, LabeledField] = {
            # "&&": a label with a buddy would take the & of "R&D" as a shortcut mark.
            spec.name: LabeledField(
                _tr(spec.label).replace("&", "&&"), _editor(spec), required=spec.required
            )
            for spec in self.specs
        }

        title = QLabel(_tr(action.label))
        set_role(title, "subtitle")
        institute = reference.institute(case.institute).name if case.institute else ""
        self.confirm = QLabel(confirmation(action, case, institute))
        self.confirm.setWordWrap(True)
        self.confirm.setVisible(bool(self.confirm.text()))
        self.banner = error_banner()
        self.banner.setObjectName("actionError")
        hint = QLabel(self.tr("Enter 저장 · Esc 취소"))
        if any(spec.kind is FieldKind.TEXT for spec in self.specs):
            hint.setText(self.tr("Ctrl+Enter 저장 · Esc 취소"))
        set_role(hint, "hint")
        self.cancel_button = QPushButton(self.tr("취소"))
        self.save_button = QPushButton(self.tr("저장"))
        self.save_button.setObjectName("saveAction")
        self.save_button.setProperty("primary", True)
        for button in (self.cancel_button, self.save_button):
            # Enter on a focused button presses that button, not the form's default.
            button.setAutoDefault(True)
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.confirm)
        for field in self.fields.values():
            layout.addWidget(field)
        layout.addWidget(self.banner)
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def focus_first(self) -> None:
        first = next(iter(self.fields.values()), None)
        (first.editor if first else self.save_button).setFocus(Qt.FocusReason.OtherFocusReason)

    # Values and saving ---------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {spec.name: _value(spec, self.fields[spec.name].editor) for spec in self.specs}

    @Slot()
    def save(self) -> bool:
        """Record the action if the domain accepts it; otherwise show why, next to
        the field it names (or above the buttons), and record nothing."""
        self.show_errors({})
        values = self.values()
        missing = {
            spec.name: self.tr("{label}을(를) 선택해 주세요.").format(label=_tr(spec.label))
            for spec in self.specs
            if spec.kind is FieldKind.CHOICE and spec.required and values[spec.name] is None
        }
        if missing:
            self.show_errors(missing)
            return False
        session = self._session
        try:
            case = session.workspace.load_case(self.case_id)
            actor = actor_of(session.user)
            record_action(self.action, case, values, actor=actor, by=session.recording())
        except DomainError as error:
            key = error.field if error.field in self.fields else FORM
            self.show_errors({key or FORM: error.message})
            return False
        try:
            session.workspace.record(case)
        except Exception as error:  # storage failed: nothing was recorded
            message = self.tr("저장하지 못했습니다. 다시 시도해 주세요. ({error})")
            self.show_errors({FORM: message.format(error=error)})
            return False
        self.saved.emit(self.case_id)
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, field in self.fields.items():
            field.show_error(errors.get(name))
        loose = " ".join(m for k, m in errors.items() if k not in self.fields)
        self.banner.setText(loose)
        self.banner.setVisible(bool(loose))
        for name, field in self.fields.items():
            if name in errors:
                field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def errors(self) -> dict[str, str]:
        """The messages shown now, by field (``form`` for the rest)."""
        shown = {name: field.message for name, field in self.fields.items() if field.message}
        if self.banner.isVisibleTo(self):
            shown[FORM] = self.banner.text()
        return shown

    # Keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Line edits, combo boxes and date edits leave Enter and Esc to their parent;
        # a multi-line editor keeps Enter for new lines and leaves Ctrl+Enter.
        if event.key() in ENTER_KEYS:
            self.save()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _editor(spec: ActionField) -> QWidget:
    if spec.kind is FieldKind.CHOICE:
        combo = QComboBox()
        combo.addItem(
            QCoreApplication.translate("CaseActionForm", "선택해 주세요")
            if spec.required
            else QCoreApplication.translate("CaseActionForm", "없음"),
            None,
        )
        for value, label in spec.choices:
            combo.addItem(_tr(label), value)
        combo.setCurrentIndex(max(0, combo.findData(spec.initial)) if spec.initial else 0)
        combo.setMinimumContentsLength(12)
        return combo
    if spec.kind is FieldKind.TEXT:
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)
        text.setMinimumHeight(90)
        text.setPlainText(spec.initial or "")
        return text
    if spec.kind is FieldKind.DATE:
        day = QDateEdit()
        day.setCalendarPopup(True)
        day.setDisplayFormat("yyyy-MM-dd")
        today = datetime.now(KST).date()  # the day in Korea, wherever the clock is set
        day.setDate(QDate(today.year, today.month, today.day))
        return day
    line = QLineEdit()
    line.setText(spec.initial or "")
    line.setPlaceholderText(_tr(spec.placeholder) if spec.placeholder else "")
    return line


def _value(spec: ActionField, editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText().strip()
    if isinstance(editor, QDateEdit):
        return editor.date().toPython()
    assert isinstance(editor, QLineEdit)
    if spec.kind is FieldKind.NUMBER:
        return whole_number(editor.text())
    return editor.text().strip()
