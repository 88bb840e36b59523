"""The settings dialog (설정): server address, idle lock minutes, display language.

Values are checked by ``settings_change`` and refused with a Korean message next to
the field; nothing is saved unless everything is right. ``saved`` carries the
``SettingsChange`` so the window applies the lock time at once."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.local.preferences import LANGUAGES, MAX_IDLE_LOCK_MINUTES
from desktop.ui.fields import LabeledField
from desktop.ui.session import SERVER_FIELD, Session, SignInError
from desktop.ui.settings_change import (
    IDLE_FIELD,
    LANGUAGE_FIELD,
    change_settings,
    unsynced_records,
)
from desktop.ui.theme import set_role


class SettingsDialog(QDialog):
    saved = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("설정"))
        self.setMinimumWidth(520)

        self.server = QLineEdit(session.settings.server_url or "")
        self.server.setPlaceholderText("https://dari.example.kr")
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setSuffix(self.tr(" 분"))
        self.idle_minutes.setValue(session.preferences.idle_lock_minutes)
        self.idle_minutes.setFixedWidth(120)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(session.preferences.language))
        self.language.setFixedWidth(160)
        self.fields = {
            SERVER_FIELD: LabeledField(self.tr("서버 주소"), self.server),
            IDLE_FIELD: LabeledField(self.tr("자동 잠금 시간"), self.idle_minutes),
            LANGUAGE_FIELD: LabeledField(self.tr("표시 언어"), self.language),
        }
        self.server_hint = QLabel(self._server_hint())
        self.server_hint.setWordWrap(True)
        set_role(self.server_hint, "hint")
        idle_hint = QLabel(
            self.tr(
                "키보드나 마우스 입력이 없으면 이 시간 뒤에 화면을 잠급니다 (1–{max}분)."
            ).format(max=MAX_IDLE_LOCK_MINUTES)
        )
        idle_hint.setWordWrap(True)
        set_role(idle_hint, "hint")
        language_hint = QLabel(self.tr("표시 언어는 Dari를 다시 시작하면 바뀝니다."))
        set_role(language_hint, "hint")

        self.save_button = QPushButton(self.tr("저장"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("취소"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)

        card = QFrame()
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(8)
        title = QLabel(self.tr("설정"))
        set_role(title, "title")
        inner.addWidget(title)
        inner.addSpacing(6)
        for field, hint in (
            (self.fields[SERVER_FIELD], self.server_hint),
            (self.fields[IDLE_FIELD], idle_hint),
            (self.fields[LANGUAGE_FIELD], language_hint),
        ):
            inner.addWidget(field)
            inner.addWidget(hint)
            inner.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 18, 18, 18)
        outer.addWidget(card)

    def _server_hint(self) -> str:
        waiting = unsynced_records(self.session)
        if waiting:
            return self.tr(
                "보낼 기록이 {n}건 있어 지금은 서버 주소를 바꿀 수 없습니다. "
                "바꾼 주소는 Dari를 다시 시작하면 적용됩니다."
            ).format(n=f"{waiting:,}")
        return self.tr("바꾼 주소는 Dari를 다시 시작하면 적용됩니다.")

    @Slot()
    def save(self) -> None:
        for field in self.fields.values():
            field.show_error(None)
        try:
            change = change_settings(
                self.session,
                server=self.server.text(),
                idle_lock_minutes=self.idle_minutes.value(),
                language=str(self.language.currentData()),
            )
        except SignInError as error:
            field = self.fields.get(error.field or SERVER_FIELD, self.fields[SERVER_FIELD])
            field.show_error(error.message)
            field.editor.setFocus()
            return
        self.saved.emit(change)
        self.accept()
