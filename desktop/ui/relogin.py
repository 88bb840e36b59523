"""Signing in again (다시 로그인) when the server no longer accepts the session (its
refresh token expired or was revoked). The window stays as it is, the outbox is not
touched; the dialog asks for the password, logs in against the server off the GUI
thread, and says ``renewed`` so the window resumes syncing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import background
from desktop.ui.fields import LabeledField, error_banner
from desktop.ui.session import PASSWORD_FIELD, Session, SignInError, log_in_again
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import sign_in_text


class ReloginDialog(QDialog):
    renewed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._call: background.BackgroundCall | None = None
        self.setObjectName("reloginDialog")
        self.setWindowTitle(self.tr("다시 로그인"))
        self.setMinimumWidth(460)

        title = QLabel(self.tr("다시 로그인"))
        set_role(title, "title")
        explanation = QLabel(
            self.tr(
                "서버 로그인이 만료되었습니다. 이 컴퓨터의 기록은 그대로 있으며, "
                "다시 로그인하면 보내지 못한 기록을 이어서 보냅니다."
            )
        )
        explanation.setWordWrap(True)
        set_role(explanation, "hint")
        self.username = QLineEdit(session.username)
        self.username.setReadOnly(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("비밀번호"))
        self.password_field = LabeledField(self.tr("비밀번호"), self.password)
        self.banner = error_banner()
        self.submit_button = QPushButton(self.tr("다시 로그인"))
        self.submit_button.setProperty("primary", True)
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.later_button = QPushButton(self.tr("나중에"))
        self.later_button.setAutoDefault(False)
        self.later_button.clicked.connect(self.reject)

        card = QFrame()
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(10)
        inner.addWidget(title)
        inner.addWidget(explanation)
        inner.addWidget(LabeledField(self.tr("사용자 이름"), self.username))
        inner.addWidget(self.password_field)
        inner.addWidget(self.banner)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.submit_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 18, 18, 18)
        outer.addWidget(card)
        self.password.setFocus()

    @property
    def busy(self) -> bool:
        return self._call is not None

    @Slot()
    def submit(self) -> None:
        if self._call is not None:
            return
        self._show_error(None)
        self._set_busy(True)
        session, password = self.session, self.password.text()
        self._call = background.start(
            lambda: log_in_again(session, password), self._succeeded, self._failed
        )

    def _succeeded(self, _result: object) -> None:
        self._call = None
        self._set_busy(False)
        self.password.clear()
        self.renewed.emit()
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._call = None
        self._set_busy(False)
        if not isinstance(error, SignInError):
            error = SignInError(self.tr("다시 로그인하지 못했습니다: {error}").format(error=error))
        self._show_error(error)
        self.password.setFocus()
        self.password.selectAll()

    def _show_error(self, error: SignInError | None) -> None:
        on_password = error is not None and error.field == PASSWORD_FIELD
        message = sign_in_text(error.message) if error else ""
        self.password_field.show_error(message if on_password else None)
        self.banner.setText(message if not on_password else "")
        self.banner.setVisible(error is not None and not on_password)

    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setText(self.tr("로그인하는 중…") if busy else self.tr("다시 로그인"))
        self.submit_button.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.WaitCursor if busy else Qt.CursorShape.ArrowCursor)

    def reject(self) -> None:
        if self._call is None:  # not while the login is under way
            super().reject()
