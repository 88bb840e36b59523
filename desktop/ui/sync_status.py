"""The sync status area (동기화 상태) at the bottom of the window: online or offline,
records waiting to be sent, the last sync, progress with an ETA on a long pull, and
the last error with a retry button, or, when the server no longer accepts the
session, 다시 로그인; the open conflicts as a button that opens the conflicts panel.
It only shows ``StatusSnapshot``s."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from desktop.sync.status import Connection, PullProgress, StatusSnapshot
from desktop.ui import theme
from desktop.ui.translated_labels import connection_text as connection_label
from domain.business_calendar import KST

DOT_COLOURS = {
    Connection.UNKNOWN: "#98A2B3",
    Connection.ONLINE: theme.GREEN,
    Connection.OFFLINE: theme.AMBER,
    Connection.UPDATE_REQUIRED: theme.RED,
    Connection.LOGIN_REQUIRED: theme.RED,
}


def connection_text(snapshot: StatusSnapshot) -> str:
    if snapshot.syncing and snapshot.connection is not Connection.OFFLINE:
        return QCoreApplication.translate("SyncStatusArea", "동기화 중…")
    return connection_label(snapshot.connection.label)


def last_synced_text(moment: datetime | None) -> str:
    if moment is None:
        return QCoreApplication.translate("SyncStatusArea", "아직 동기화하지 않았습니다")
    when = moment.astimezone(KST).strftime("%m-%d %H:%M")
    return QCoreApplication.translate("SyncStatusArea", "마지막 동기화 {when}").format(when=when)


def progress_text(pull: PullProgress) -> str:
    text = QCoreApplication.translate("SyncStatusArea", "받는 중 {done:,} / {total:,}").format(
        done=pull.done, total=pull.total
    )
    if pull.eta_seconds is not None and pull.done < pull.total:
        text += QCoreApplication.translate("SyncStatusArea", " (약 {duration} 남음)").format(
            duration=_duration(pull.eta_seconds)
        )
    return text


def _duration(seconds: float) -> str:
    if seconds < 60:
        return QCoreApplication.translate("SyncStatusArea", "{n}초").format(
            n=max(1, round(seconds))
        )
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("SyncStatusArea", "{n}분").format(n=minutes)
    return QCoreApplication.translate("SyncStatusArea", "{hours}시간 {minutes}분").format(
        hours=minutes // 60, minutes=minutes % 60
    )


class SyncStatusArea(QWidget):
    """``retry_requested`` when the person presses 다시 시도, ``relogin_requested`` for
    다시 로그인, ``conflicts_requested`` for the open conflicts' count."""

    retry_requested = Signal()
    relogin_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.dot = QLabel("●")
        self.connection = QLabel()
        self.pending = QLabel()
        self.refused = QLabel()
        theme.set_role(self.refused, "error")
        self.last_synced = QLabel()
        theme.set_role(self.last_synced, "hint")
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.error = ElidedLabel()
        theme.set_role(self.error, "error")
        self.retry_hint = QLabel()
        theme.set_role(self.retry_hint, "hint")
        self.retry = QPushButton(self.tr("다시 시도"))
        self.retry.clicked.connect(self.retry_requested)
        self.relogin = QPushButton(self.tr("다시 로그인"))
        self.relogin.setProperty("primary", True)
        self.relogin.clicked.connect(self.relogin_requested)
        self.conflicts = QPushButton()
        self.conflicts.setObjectName("openConflicts")
        self.conflicts.setStyleSheet(
            f"color: {theme.RED}; border: none; background: transparent; "
            "padding: 0 4px; text-decoration: underline;"
        )
        self.conflicts.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conflicts.clicked.connect(self.conflicts_requested)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(10)
        for widget in (
            self.dot,
            self.connection,
            _separator(),
            self.pending,
            self.refused,
            self.conflicts,
        ):
            layout.addWidget(widget)
        layout.addWidget(_separator())
        layout.addWidget(self.last_synced)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addStretch(1)
        layout.addWidget(self.error, 10)
        layout.addWidget(self.retry_hint)
        layout.addWidget(self.retry)
        layout.addWidget(self.relogin)
        self.show_status(StatusSnapshot())

    @Slot(object)
    def show_status(self, snapshot: object) -> None:
        assert isinstance(snapshot, StatusSnapshot)
        colour = DOT_COLOURS[snapshot.connection]
        self.dot.setStyleSheet(f"color: {colour}; font-size: 12pt;")
        self.connection.setText(connection_text(snapshot))
        self.pending.setText(self.tr("보낼 기록 {n:,}건").format(n=snapshot.pending))
        self.refused.setText(self.tr("충돌·거부 {n:,}건").format(n=snapshot.refused))
        self.refused.setVisible(snapshot.refused > 0)
        self.conflicts.setText(self.tr("서버 충돌 {n}건").format(n=f"{snapshot.open_conflicts:,}"))
        self.conflicts.setVisible(snapshot.open_conflicts > 0)
        self.last_synced.setText(last_synced_text(snapshot.last_synced_at))
        pull = snapshot.pull
        show_progress = pull is not None and pull.total > 0
        self.progress.setVisible(show_progress)
        self.progress_label.setVisible(show_progress)
        if pull is not None and show_progress:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(pull.fraction * 1000))
            self.progress_label.setText(progress_text(pull))
        message = snapshot.last_error or ""
        signed_out = snapshot.connection is Connection.LOGIN_REQUIRED
        if signed_out:
            message = self.tr(
                "서버 로그인이 만료되었습니다. 기록은 이 컴퓨터에 그대로 있습니다. "
                "다시 로그인하면 동기화를 이어갑니다."
            )
        waiting = bool(message and snapshot.retry_in_seconds and not snapshot.syncing)
        if waiting and snapshot.retry_in_seconds:
            seconds = max(1, round(snapshot.retry_in_seconds))
            self.retry_hint.setText(self.tr("{n}초 후 자동 재시도").format(n=seconds))
        self.retry_hint.setVisible(waiting)
        self.error.setText(message)
        self.error.setToolTip((snapshot.last_error or "") if signed_out else message)
        self.error.setVisible(bool(message))
        self.retry.setVisible(bool(snapshot.last_error) and not snapshot.syncing and not signed_out)
        self.relogin.setVisible(signed_out)


class ElidedLabel(QLabel):
    """One line that ends in "…" when the window is too narrow; the whole text is
    in the tooltip. A long Korean error never widens the window or gets cut mid-glyph."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(80)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        text = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter), text)


def _separator() -> QLabel:
    line = QLabel("|")
    theme.set_role(line, "hint")
    return line
