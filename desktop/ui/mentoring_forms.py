"""Small keyboard-first forms for mentoring (멘토링 기록): start an engagement, record a
session, a convergence R&D task, an exchange group, a stage, the conclusion.

Each form hands its values to ``MentoringDesk``, which builds the domain's command;
a ``DomainError`` shows next to the field it names (or above the buttons), and
nothing is recorded. Ctrl+S or Enter in a one-line field saves, Esc cancels."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
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

from desktop.local.mentoring_desk import MentoringDesk
from desktop.local.mentoring_list import MentoringRow
from desktop.local.read_model import CompanyDirectory, CompanyRow
from desktop.ui.fields import LabeledField, error_banner
from desktop.ui.fonts import resources_directory
from desktop.ui.theme import BLUE, LINE, RED, set_role
from domain.errors import DomainError
from domain.mentoring import MentoringStage
from domain.reference import ReferenceData

FORM = "form"
SUGGESTIONS = 12
ICON = (resources_directory() / "icons" / "chevron-down.svg").as_posix()
DATE_STYLE = f"""
QDateEdit {{
    background: white; border: 1px solid {LINE}; border-radius: 4px; padding: 5px 8px;
}}
QDateEdit:focus {{ border: 1px solid {BLUE}; }}
QDateEdit[invalid="true"] {{
    border: 1px solid {RED}; background: #FFF8F7;
}}
QDateEdit::drop-down {{ border: none; width: 22px; }}
QDateEdit::down-arrow {{ image: url("{ICON}"); width: 12px; height: 12px; }}
"""
"""The theme styles QSpinBox only; the date field looks like the other inputs here."""


class MentoringForm(QFrame):
    """``saved`` carries the engagement's id; ``cancelled`` asks to go back."""

    saved = Signal(object)
    cancelled = Signal()

    def __init__(self, desk: MentoringDesk, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.desk = desk
        self.fields: dict[str, LabeledField] = {}
        self.row: MentoringRow | None = None
        self.heading = QLabel(title)
        set_role(self.heading, "subtitle")
        self.context = QLabel()
        set_role(self.context, "hint")
        self.context.setWordWrap(True)
        self.banner = error_banner()
        self.save_button = QPushButton(self.tr("저장 (Ctrl+S)"))
        self.save_button.setProperty("primary", True)
        self.cancel_button = QPushButton(self.tr("취소 (Esc)"))
        self.body = QVBoxLayout()
        self.body.setSpacing(8)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.context)
        layout.addLayout(self.body)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancelled)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.cancelled)

    def add_field(
        self, key: str, label: str, editor: QWidget, *, required: bool = False
    ) -> LabeledField:
        field = LabeledField(label, editor, required=required)
        self.fields[key] = field
        self.body.addWidget(field)
        if isinstance(editor, QLineEdit):
            editor.returnPressed.connect(self.save)
        if isinstance(editor, QPlainTextEdit):
            editor.setTabChangesFocus(True)
        return field

    def open_for(self, row: MentoringRow | None) -> None:
        """An empty form about ``row``'s engagement (``None`` for a new one)."""
        self.row = row
        if row is not None:
            self.context.setText(
                self.tr("{junior} ← 멘토 {senior} · 코디네이터 {coordinator}").format(
                    junior=row.junior.name, senior=row.senior.name, coordinator=row.coordinator
                )
            )
        self.context.setVisible(row is not None)
        self.reset()
        self.show_errors({})
        self.first_editor().setFocus()

    # Saving ---------------------------------------------------------------------------

    @Slot()
    def save(self) -> UUID | None:
        self.show_errors({})
        errors = self.check()
        if errors:
            self.show_errors(errors)
            return None
        try:
            engagement_id = self.submit()
        except DomainError as error:
            key = error.field if error.field in self.fields else FORM
            self.show_errors({key: error.message})
            return None
        except Exception as error:  # storage failed: nothing was recorded
            message = self.tr("저장하지 못했습니다. 다시 시도해 주세요. ({error})")
            self.show_errors({FORM: message.format(error=error)})
            return None
        self.saved.emit(engagement_id)
        return engagement_id

    def check(self) -> dict[str, str]:
        """What the form itself must refuse before the domain sees the values."""
        return {}

    def submit(self) -> UUID:
        raise NotImplementedError

    def engagement_id(self) -> UUID:
        assert self.row is not None, "this form records on an engagement"
        return self.row.engagement_id

    def reset(self) -> None:
        """Empty the fields."""

    def first_editor(self) -> QWidget:
        return next(iter(self.fields.values())).editor

    # Messages -------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, field in self.fields.items():
            field.show_error(errors.get(key))
        loose = [message for key, message in errors.items() if key not in self.fields]
        self.banner.setText(" ".join(loose))
        self.banner.setVisible(bool(loose))
        for key, field in self.fields.items():
            if key in errors and field.editor.isEnabled():
                field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def errors(self) -> dict[str, str]:
        """The messages shown now, by field (for tests and screen readers)."""
        shown = {key: field.message for key, field in self.fields.items() if field.message}
        if self.banner.isVisibleTo(self):
            shown[FORM] = self.banner.text()
        return shown


class CompanyPicker(QLineEdit):
    """A company found by name or 사업자등록번호 among those known here."""

    def __init__(self, directory: CompanyDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self.chosen: CompanyRow | None = None
        self._suggested: dict[str, CompanyRow] = {}
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("기업명 또는 사업자등록번호 일부"))
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)
        self.textEdited.connect(self._suggest)
        self.completer_.activated.connect(self._picked)

    def choose(self, row: CompanyRow) -> None:
        self.chosen = row
        self.setText(_company_text(row))

    def clear_choice(self) -> None:
        self.chosen = None
        self.clear()

    def resolve(self) -> CompanyRow | None:
        """The chosen company, or the only one matching what was typed."""
        if self.chosen is None and self.text().strip():
            found = self._directory.find(self.text(), limit=2)
            if len(found) == 1:
                self.choose(found[0])
        return self.chosen

    def suggestions(self) -> list[str]:
        return self._model.stringList()

    def hide_suggestions(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

    @Slot(str)
    def _suggest(self, text: str) -> None:
        self.chosen = None
        found = self._directory.find(text, limit=SUGGESTIONS) if text.strip() else []
        self._suggested = {_company_text(row): row for row in found}
        self._model.setStringList(list(self._suggested))
        if found:
            self.completer_.complete()

    @Slot(str)
    def _picked(self, text: str) -> None:
        row = self._suggested.get(text)
        if row is not None:
            self.choose(row)


def _hours(text: str) -> float:
    """Typed hours ("1.5", "2시간"); what is no number is NaN, which the domain refuses
    with its own message."""
    cleaned = text.strip().removesuffix("시간").strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return float("nan")


def _company_text(row: CompanyRow) -> str:
    return f"{row.name} · {row.formatted_number}"


class StartForm(MentoringForm):
    """새 멘토링: a senior company mentors a junior one, with a coordinator."""

    def __init__(
        self,
        desk: MentoringDesk,
        directory: CompanyDirectory,
        reference: ReferenceData,
        *,
        region: str | None,
        may_choose_region: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, "", parent)
        self.heading.setText(self.tr("새 멘토링 시작"))
        self._region = region
        self.junior = CompanyPicker(directory)
        self.senior = CompanyPicker(directory)
        self.coordinator = QLineEdit()
        self.coordinator.setPlaceholderText(self.tr("예: 한지원"))
        self.region = QComboBox()
        for known in reference.regions:
            self.region.addItem(known.name, known.code)
        self.region.setEnabled(may_choose_region)
        self.add_field(
            "junior_company_id", self.tr("후배 기업 (멘토링 받는 기업)"), self.junior, required=True
        )
        self.add_field("senior_company_id", self.tr("선배 기업 (멘토)"), self.senior, required=True)
        self.add_field("coordinator", self.tr("전담 코디네이터"), self.coordinator, required=True)
        self.add_field("region", self.tr("지역"), self.region)

    def reset(self) -> None:
        self.junior.clear_choice()
        self.senior.clear_choice()
        self.coordinator.clear()
        self.region.setCurrentIndex(max(0, self.region.findData(self._region)))

    def check(self) -> dict[str, str]:
        errors = {}
        if self.junior.resolve() is None:
            errors["junior_company_id"] = self.tr("후배 기업을 찾아 목록에서 선택해 주세요.")
        if self.senior.resolve() is None:
            errors["senior_company_id"] = self.tr("선배 기업을 찾아 목록에서 선택해 주세요.")
        if errors:
            try:
                self.desk.check_start(
                    coordinator=self.coordinator.text(), region=self.region.currentData()
                )
            except DomainError as error:
                errors[error.field if error.field in self.fields else FORM] = error.message
        return errors

    def submit(self) -> UUID:
        assert self.junior.chosen is not None and self.senior.chosen is not None
        return self.desk.start(
            senior_company_id=self.senior.chosen.company_id,
            junior_company_id=self.junior.chosen.company_id,
            coordinator=self.coordinator.text(),
            region=self.region.currentData(),
        )


class SessionForm(MentoringForm):
    """멘토링 세션: when, how long, the topics and the know-how shared."""

    def __init__(self, desk: MentoringDesk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "", parent)
        self.heading.setText(self.tr("멘토링 세션 기록"))
        self.held_on = QDateEdit()
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setCalendarPopup(True)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(self.tr("시간 (예: 2 또는 1.5)"))
        self.topics = QLineEdit()
        self.topics.setPlaceholderText(self.tr("쉼표로 구분 (예: 원가 절감, 판로 개척)"))
        self.know_how = QPlainTextEdit()
        self.know_how.setPlaceholderText(self.tr("선배 기업이 공유한 노하우를 적어 주세요."))
        self.know_how.setFixedHeight(90)
        self.held_on.setStyleSheet(DATE_STYLE)
        self.add_field("held_on", self.tr("멘토링 일자"), self.held_on, required=True)
        self.add_field("hours", self.tr("멘토링 시간 (시간 단위)"), self.hours, required=True)
        self.add_field("topics", self.tr("주제"), self.topics, required=True)
        self.add_field("know_how", self.tr("공유한 노하우"), self.know_how, required=True)

    def reset(self) -> None:
        self.held_on.setDate(QDate.currentDate())
        self.hours.setText("2")
        self.topics.clear()
        self.know_how.clear()

    def submit(self) -> UUID:
        held_on = self.held_on.date()
        return self.desk.hold_session(
            self.engagement_id(),
            held_on=date(held_on.year(), held_on.month(), held_on.day()),
            hours=_hours(self.hours.text()),
            topics=[t.strip() for t in self.topics.text().split(",") if t.strip()],
            know_how=self.know_how.toPlainText(),
        )


class TaskForm(MentoringForm):
    """융합 R&D 과제 발굴."""

    def __init__(self, desk: MentoringDesk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "", parent)
        self.heading.setText(self.tr("융합 R&D 과제 발굴"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("예: 고온 압력 센서 보정 모듈"))
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(90)
        self.add_field("title", self.tr("과제명"), self.title, required=True)
        self.add_field("description", self.tr("설명"), self.description)

    def reset(self) -> None:
        self.title.clear()
        self.description.clear()

    def submit(self) -> UUID:
        return self.desk.discover_convergence_task(
            self.engagement_id(),
            title=self.title.text(),
            description=self.description.toPlainText().strip(),
        )


class ExchangeGroupForm(MentoringForm):
    """교류회 결성·참여."""

    def __init__(self, desk: MentoringDesk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "", parent)
        self.heading.setText(self.tr("교류회 참여"))
        self.group = QLineEdit()
        self.group.setPlaceholderText(self.tr("예: 대전 모빌리티 부품 교류회"))
        self.add_field("group", self.tr("교류회"), self.group, required=True)

    def reset(self) -> None:
        self.group.clear()

    def submit(self) -> UUID:
        return self.desk.join_exchange_group(self.engagement_id(), self.group.text())


class StageForm(MentoringForm):
    """단계 변경: the next stage is offered; going back needs a reason."""

    def __init__(self, desk: MentoringDesk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "", parent)
        self.heading.setText(self.tr("단계 변경"))
        self.stage = QComboBox()
        for stage in MentoringStage:
            self.stage.addItem(stage.label, stage.value)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("이전 단계로 되돌릴 때 입력합니다."))
        self.add_field("stage", self.tr("단계"), self.stage, required=True)
        self.add_field("reason", self.tr("사유"), self.reason)

    def reset(self) -> None:
        current = self.row.stage if self.row else None
        stages = list(MentoringStage)
        following = stages[min(current.rank + 1, len(stages) - 1)] if current else stages[0]
        self.stage.setCurrentIndex(self.stage.findData(following.value))
        self.reason.clear()

    def submit(self) -> UUID:
        return self.desk.reach_stage(
            self.engagement_id(), self.stage.currentData(), reason=self.reason.text()
        )


class ConcludeForm(MentoringForm):
    """멘토링 종료, with a summary."""

    def __init__(self, desk: MentoringDesk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "", parent)
        self.heading.setText(self.tr("멘토링 종료"))
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(self.tr("성과와 종료 사유를 적어 주세요."))
        self.summary.setFixedHeight(90)
        self.add_field("summary", self.tr("종료 요약"), self.summary, required=True)
        hint = QLabel(self.tr("종료한 멘토링에는 더 이상 기록을 추가할 수 없습니다."))
        set_role(hint, "warning")
        hint.setWordWrap(True)
        self.body.addWidget(hint)

    def reset(self) -> None:
        self.summary.clear()

    def submit(self) -> UUID:
        return self.desk.conclude(self.engagement_id(), self.summary.toPlainText())
