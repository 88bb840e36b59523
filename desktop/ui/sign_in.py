"""The sign-in dialog (로그인): server address, username, password.

Signing in runs off the GUI thread (the first time it talks to the server; every time
it derives the key with argon2id), so the dialog stays responsive and says what it
is doing. Errors are shown next to the field to blame."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
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
from desktop.ui.session import (
    PASSWORD_FIELD,
    SERVER_FIELD,
    USERNAME_FIELD,
    Session,
    SignIn,
    SignInError,
)
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import sign_in_text

FIRST_TIME_HINT = str(
    QT_TRANSLATE_NOOP(
        "SignInDialog",
        "이 컴퓨터에서 처음 로그인합니다. 서버에 연결해 사용자를 확인하고, "
        "이 컴퓨터의 기록을 비밀번호로 암호화합니다.",
    )
)
AGAIN_HINT = str(
    QT_TRANSLATE_NOOP(
        "SignInDialog",
        "이 컴퓨터에 저장된 정보로 로그인합니다. 인터넷에 연결되어 있지 않아도 됩니다.",
    )
)


class SignInDialog(QDialog):
    """Emits ``signed_in`` with the opened ``Session``, then closes as accepted."""

    signed_in = Signal(object)

    def __init__(self, sign_in: SignIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._call: background.BackgroundCall | None = None
        self.session: Session | None = None
        self.setWindowTitle(self.tr("다리 (Dari) 로그인"))
        self.setObjectName("signInDialog")
        self.setMinimumWidth(480)

        server, username = sign_in.remembered()
        self.server = QLineEdit(server)
        self.server.setPlaceholderText("https://dari.example.kr")
        self.server.setReadOnly(not sign_in.first_time)
        self.username = QLineEdit(username)
        self.username.setPlaceholderText(self.tr("예: counselor.kim"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("비밀번호"))
        self.fields = {
            SERVER_FIELD: LabeledField(self.tr("서버 주소"), self.server),
            USERNAME_FIELD: LabeledField(self.tr("사용자 이름"), self.username),
            PASSWORD_FIELD: LabeledField(self.tr("비밀번호"), self.password),
        }
        self.banner = error_banner()
        self.sign_in_button = QPushButton(self.tr("로그인"))
        self.sign_in_button.setProperty("primary", True)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("닫기"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self._layout(sign_in.first_time)
        self.setTabOrder(self.server, self.username)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.cancel_button)
        first_empty = next(
            (e for e in (self.server, self.username, self.password) if not e.text()),
            self.password,
        )
        first_empty.setFocus()

    def _layout(self, first_time: bool) -> None:
        title = QLabel(self.tr("다리 <span style='color:#667085; font-weight:normal'>Dari</span>"))
        set_role(title, "title")
        subtitle = QLabel(self.tr("중소기업지원통합센터 상담·멘토링 기록 시스템"))
        set_role(subtitle, "hint")
        hint = QLabel(_translate(FIRST_TIME_HINT if first_time else AGAIN_HINT))
        hint.setWordWrap(True)
        set_role(hint, "hint")

        card = QFrame()
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 22, 24, 22)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(4)
        inner.addWidget(hint)
        inner.addSpacing(4)
        for field in self.fields.values():
            inner.addWidget(field)
        inner.addWidget(self.banner)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)
        inner.addSpacing(6)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 18, 18, 18)
        outer.addWidget(card)

    # Signing in ------------------------------------------------------------------------

    def submit(self) -> None:
        if self._call is not None:
            return
        self._show_errors(None)
        self._set_busy(True)
        server, username, password = self.server.text(), self.username.text(), self.password.text()
        self._call = background.start(
            lambda: self._sign_in(server, username, password), self._succeeded, self._failed
        )

    def _succeeded(self, session: object) -> None:
        self._call = None
        assert isinstance(session, Session)
        self.session = session
        self.password.clear()
        self.signed_in.emit(session)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._call = None
        self._set_busy(False)
        if isinstance(error, SignInError):
            self._show_errors(error)
        else:
            self._show_errors(
                SignInError(self.tr("로그인하지 못했습니다: {error}").format(error=error))
            )
        blamed = error.field if isinstance(error, SignInError) else None
        field = self.fields.get(blamed) if blamed is not None else None
        target = field.editor if field is not None else self.password
        target.setFocus()
        if target is self.password:
            self.password.selectAll()

    def _show_errors(self, error: SignInError | None) -> None:
        for name, field in self.fields.items():
            field.show_error(sign_in_text(error.message) if error and error.field == name else None)
        form_level = error is not None and error.field not in self.fields
        self.banner.setText(sign_in_text(error.message) if error and form_level else "")
        self.banner.setVisible(form_level)

    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setText(self.tr("로그인하는 중…") if busy else self.tr("로그인"))
        for widget in (self.username, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.server.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.WaitCursor if busy else Qt.CursorShape.ArrowCursor)

    def reject(self) -> None:
        if self._call is None:  # not while a sign-in is under way
            super().reject()


def _translate(hint: str) -> str:
    return QCoreApplication.translate("SignInDialog", hint)
