"""Locking the window after idle time (자동 잠금).

``IdleWatcher`` watches every keyboard and mouse event of the application's windows and says
``idle`` after the configured time without one. ``LockScreen`` replaces the window's
content (nothing of the cases stays visible or reachable by Tab) and asks for the
password again; the check is the same offline one as at sign-in, off the GUI thread.
Sync goes on while the window is locked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.local.credentials import CredentialsError, LocalCredentials
from desktop.ui import background
from desktop.ui.theme import mark_invalid, set_role
from desktop.ui.translated_labels import sign_in_text

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without input anywhere in the application.

    It watches the application's windows (``QWindow``), where the platform's keyboard
    and mouse events arrive before Qt hands them to a widget, and not the whole
    application: an application-wide filter is called from Qt for every event (each
    paint, each timer), and each call must win the interpreter lock back from the sync
    threads. Measured in ``bench/desktop_list.py``, runs taken in turn: the idle window's
    longest gap was 55–57 ms with the application-wide filter and 9–10 ms without it."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        for window in app.topLevelWindows():
            self.watch(window)
        app.focusWindowChanged.connect(self.watch)
        self._uninstalled = False
        self._timer.start()

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """A new idle time (from the settings), counted from now."""
        self._timer.setInterval(timeout_ms)
        if self._timer.isActive():
            self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    @Slot(QWindow)
    def watch(self, window: QWindow | None) -> None:
        """Count input to ``window`` too (every window that takes the focus is watched;
        watching one twice changes nothing)."""
        if window is not None:
            window.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop for good (idempotent)."""
        self._timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._uninstalled:
            self._uninstalled = True
            app.focusWindowChanged.disconnect(self.watch)
            for window in app.topLevelWindows():
                window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()  # restarts the countdown
        return False


class LockScreen(QWidget):
    """Asks for the password; ``unlocked`` once it is right, ``quit_requested`` for
    someone who wants to leave instead."""

    unlocked = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        credentials: LocalCredentials,
        username: str,
        display_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._credentials = credentials
        self._username = username
        self._call: background.BackgroundCall | None = None

        title = QLabel(self.tr("화면이 잠겨 있습니다"))
        set_role(title, "title")
        who = QLabel(
            self.tr(
                "{name}({username})님의 화면입니다. 계속하려면 비밀번호를 입력해 주세요. "
                "잠겨 있는 동안에도 동기화는 계속됩니다."
            ).format(name=display_name, username=username)
        )
        who.setWordWrap(True)
        set_role(who, "hint")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("비밀번호"))
        self.password.returnPressed.connect(self.submit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("잠금 해제"))
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.clicked.connect(self.submit)
        self.quit_button = QPushButton(self.tr("종료"))
        self.quit_button.clicked.connect(self.quit_requested)

        card = QFrame()
        card.setProperty("role", "card")
        card.setFixedWidth(440)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(26, 24, 26, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(who)
        password_label = QLabel(self.tr("비밀번호"))
        password_label.setBuddy(self.password)
        inner.addWidget(password_label)
        inner.addWidget(self.password)
        inner.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def prepare(self) -> None:
        """Called when the window locks: an empty field with the focus."""
        self.password.clear()
        self._show_error(None)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        if self._call is not None:
            return
        password = self.password.text()
        self._set_busy(True)
        self._call = background.start(
            lambda: self._credentials.unlock(self._username, password),
            self._succeeded,
            self._failed,
        )

    def _succeeded(self, _store_key: object) -> None:
        self._call = None
        self._set_busy(False)
        self.password.clear()
        self._show_error(None)
        self.unlocked.emit()

    def _failed(self, error: Exception) -> None:
        self._call = None
        self._set_busy(False)
        message = sign_in_text(error.message) if isinstance(error, CredentialsError) else str(error)
        self._show_error(message)
        self.password.selectAll()
        self.password.setFocus()

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        mark_invalid(self.password, bool(message))

    def _set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText(self.tr("확인하는 중…") if busy else self.tr("잠금 해제"))
