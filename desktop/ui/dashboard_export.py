"""Excel export of the KPI report (엑셀로 내보내기): the person picks a file, the
workbook streams from the server in Qt's thread pool with a progress bar and a
cancel button, and the page says where it was saved or why it failed. The client
removes a partial file on failure or cancel, so nothing half written stays behind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop.sync.client import SyncClient
from desktop.sync.errors import DownloadCancelled, SyncError
from desktop.sync.reports import KpiQuery
from desktop.ui.theme import set_role

ChoosePath = Callable[[QWidget, str], Path | None]
"""Asks where to save, given the suggested file name; ``None`` when cancelled."""

XLSX = ".xlsx"


def choose_with_dialog(parent: QWidget, suggested_name: str) -> Path | None:
    """A save dialog in the documents folder, proposing ``suggested_name``."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExcelExport", "엑셀 파일로 저장"),
        str(Path(folder) / suggested_name),
        QCoreApplication.translate("ExcelExport", "Excel 통합 문서 (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == XLSX else path.with_name(path.name + XLSX)


class _DownloadSignals(QObject):
    progressed = Signal(object, object)
    saved = Signal(object)
    failed = Signal(object)


class DownloadJob(QRunnable):
    """One download in the thread pool; ``cancel`` is honoured between chunks."""

    def __init__(self, connect: Callable[[], SyncClient], query: KpiQuery, path: Path) -> None:
        super().__init__()
        self.signals = _DownloadSignals()
        self._connect, self._query, self._path = connect, query, path
        self._cancelled = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:
        try:
            with self._connect() as client:
                saved = client.download_kpi_xlsx(
                    self._query,
                    self._path,
                    progress=self.signals.progressed.emit,
                    cancelled=self._cancelled.is_set,
                )
        except Exception as error:  # shown on the page
            self.signals.failed.emit(error)
        else:
            self.signals.saved.emit(saved)


class ExcelExport(QWidget):
    """The export button, and while a download runs, its progress and a cancel button.
    ``saved`` carries the path, ``failed`` the Korean message, also shown in
    ``message`` (a label the page places where it has room)."""

    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        connect: Callable[[], SyncClient],
        *,
        choose_path: ChoosePath = choose_with_dialog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._connect = connect
        self._choose_path = choose_path
        self._job: DownloadJob | None = None
        self._query: KpiQuery | None = None
        self._suggested = ""

        self.button = QPushButton(self.tr("엑셀로 내보내기"))
        self.button.setObjectName("exportButton")
        self.button.setProperty("primary", True)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(160)
        self.progress.setFormat("%p%")
        self.cancel_button = QPushButton(self.tr("취소"))
        self.cancel_button.setObjectName("exportCancel")
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        set_role(self.message, "banner-info")  # before it is shown (see the dashboard)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addStretch(1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.button)
        self._show_running(False)
        self.message.hide()
        self.button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self._job is not None

    def set_query(self, query: KpiQuery, suggested_name: str) -> None:
        """What the next export covers, and the file name the dialog proposes."""
        self._query, self._suggested = query, suggested_name

    @Slot()
    def export(self) -> None:
        if self.running or self._query is None:
            return
        path = self._choose_path(self, self._suggested)
        if path is None:
            return
        job = DownloadJob(self._connect, self._query, path)
        job.signals.progressed.connect(self._progressed)
        job.signals.saved.connect(self._saved)
        job.signals.failed.connect(self._failed)
        self._job = job
        self.progress.setValue(0)
        self._say(self.tr("엑셀 파일을 내려받는 중…"), "banner-info")
        self._show_running(True)
        QThreadPool.globalInstance().start(job)

    @Slot()
    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)

    @Slot(object, object)
    def _progressed(self, done: object, total: object) -> None:
        if not isinstance(done, int):
            return
        if isinstance(total, int) and total > 0:
            self.progress.setRange(0, 100)
            self.progress.setValue(min(100, done * 100 // total))
        else:
            self.progress.setRange(0, 0)  # busy: the server gave no length

    @Slot(object)
    def _saved(self, path: object) -> None:
        self._job = None
        if self.progress.maximum() == 0:  # no length was known: busy until now
            self.progress.setRange(0, 100)
            self.progress.setValue(100)
        self._show_running(False)
        self._say(self.tr("엑셀 파일을 저장했습니다: {path}").format(path=path), "banner-info")
        self.saved.emit(path)

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._job = None
        self._show_running(False)
        if isinstance(error, DownloadCancelled):
            text = self.tr("내보내기를 취소했습니다. 저장된 파일은 없습니다.")
        elif isinstance(error, SyncError):
            text = self.tr("엑셀 파일을 저장하지 못했습니다. {reason}").format(reason=error.message)
        else:
            text = self.tr("엑셀 파일을 저장하지 못했습니다: {reason}").format(reason=error)
        self._say(text, "banner-error")
        self.failed.emit(text)

    def _say(self, text: str, role: str) -> None:
        set_role(self.message, role)
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.show()

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.button.setEnabled(not running)
