"""Sync in the background (백그라운드 동기화): ``SyncEngine.run`` on a QThread.

The worker lives in the sync thread; the engine's status observer, the read model's
catch-up and the worker's signals all run there. ``SyncController`` lives in the GUI
thread and relays them through its own methods, so GUI code only ever runs on the GUI
thread (a lambda connected to the worker's signal would not: ``qt.md`` §7)."""

from __future__ import annotations

import gc
import logging
import sys
import threading

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from desktop.local.read_model import ReadModel
from desktop.local.workspace import Workspace
from desktop.sync.engine import SyncEngine
from desktop.sync.garbage import YOUNG_THRESHOLD
from desktop.sync.status import StatusSnapshot

log = logging.getLogger(__name__)

STOP_WAIT_MS = 10_000
POLITE_STOP_MS = 2_000
"""How long a stopping sync may finish its request before the connection is cut."""
GIL_SWITCH_SECONDS = 0.0005
"""While the sync thread folds events (Python, busy for many seconds in a first sync),
the GUI thread needs the GIL back after every SQLite step and every call into a
model: Python's default 5 ms wait per hand-over made one list refresh take 35–380 ms
in ``bench/desktop_list.py``; at 0.5 ms it takes ~3 ms."""


def _keep_the_gui_thread_responsive() -> None:
    """Before a busy Python thread starts next to the GUI thread: a quicker GIL hand-over
    (``GIL_SWITCH_SECONDS``), fewer young collections (``YOUNG_THRESHOLD``), and the
    objects alive now (modules, the window, the session: ~100,000, kept for the whole
    run) frozen out of the garbage collector, so a full collection, which stops every
    thread, no longer walks them (50,000 events: 13 full collections, 1.6 -> 0.6 s)."""
    sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_SECONDS))
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_THRESHOLD), middle, old)
    global _FROZEN
    if not _FROZEN:
        # No collection first: a full one here paused the window ~200 ms when the sync
        # started; what is garbage now merely stays frozen.
        gc.freeze()
        _FROZEN = True


_FROZEN = False


class SyncWorker(QObject):
    """Runs the engine until stopped; reports every status change and every change of
    the local lists (after a pulled page is stored, after each round)."""

    status_changed = Signal(object)
    lists_changed = Signal()
    finished = Signal()

    def __init__(self, engine: SyncEngine, workspace: Workspace, read_model: ReadModel) -> None:
        super().__init__()
        self._engine = engine
        self._workspace = workspace
        self._read_model = read_model
        self._stop = threading.Event()

    @Slot()
    def run(self) -> None:
        unsubscribe = self._engine.status.subscribe(self._observe)
        try:
            self._catch_up()
            self.status_changed.emit(self._engine.status.snapshot())
            self._engine.run(self._stop)
        except Exception:  # a bug must not kill the window silently
            log.exception("sync stopped by an unexpected error")
            self._engine.status.update(
                last_error=QCoreApplication.translate(
                    "SyncController",
                    "동기화 중 예기치 않은 오류가 발생했습니다. 다시 시도해 주세요.",
                ),
                syncing=False,
            )
        finally:
            unsubscribe()
            self.finished.emit()

    def stop(self) -> None:
        """Thread-safe: the engine sees it within 0.2 s once its request returns."""
        self._stop.set()

    def _observe(self, snapshot: StatusSnapshot) -> None:
        self.status_changed.emit(snapshot)
        # The status also changes on the GUI thread (``request_sync`` after a record):
        # catching up with a long pull is the sync thread's job only.
        on_sync_thread = QThread.currentThread() is self.thread()
        if on_sync_thread and (snapshot.pull is not None or not snapshot.syncing):
            self._catch_up()

    def _catch_up(self) -> None:
        try:
            changed = self._read_model.catch_up(self._workspace, self._engine.turns.pause_point)
        except Exception:
            log.exception("the case list could not catch up")
            return
        if changed:
            self.lists_changed.emit()


class SyncController(QObject):
    """Starts, restarts and stops the sync thread; its signals arrive on the GUI thread."""

    status_changed = Signal(object)
    lists_changed = Signal()
    running_changed = Signal(bool)

    def __init__(
        self,
        engine: SyncEngine,
        workspace: Workspace,
        read_model: ReadModel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._workspace = workspace
        self._read_model = read_model
        self._thread: QThread | None = None
        self._worker: SyncWorker | None = None
        self._restart_when_finished = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self._thread is not None:
            return
        _keep_the_gui_thread_responsive()
        thread = QThread()
        thread.setObjectName("dari-sync")
        worker = SyncWorker(self.engine, self._workspace, self._read_model)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.status_changed.connect(self._relay_status)
        worker.lists_changed.connect(self._relay_lists)
        thread.finished.connect(self._thread_finished)
        self._thread, self._worker = thread, worker
        self._restart_when_finished = False
        thread.start()
        self.running_changed.emit(True)

    def sync_now(self) -> None:
        """The retry button: sync at once (restarting the thread if it had stopped)."""
        if self._thread is None:
            self.start()
        else:
            self.engine.request_sync()

    def resume(self) -> None:
        """After a new login: sync again. The thread that stopped for the login may
        still be on its way out; then it is started again as soon as it has ended."""
        if self._thread is None:
            self.start()
            return
        self._restart_when_finished = True
        self.engine.request_sync()

    def recorded(self) -> None:
        """Something was recorded here: count it as pending and send it soon."""
        self.engine.request_sync()  # counts it first: the snapshot below includes it
        if self._thread is None:
            self.status_changed.emit(self.engine.status.snapshot())

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Stop syncing (for good: at the end of the session); True when the thread
        ended within ``wait_ms``."""
        self._restart_when_finished = False
        thread, worker = self._thread, self._worker
        if thread is None or worker is None:
            return True
        worker.stop()
        thread.quit()
        ended = thread.wait(min(POLITE_STOP_MS, wait_ms))
        if not ended:
            # A request is still in flight (a slow or silent server): cut it short.
            self.engine.client.close()
            ended = thread.wait(max(0, wait_ms - POLITE_STOP_MS))
        if ended:
            self._thread_finished()
        return bool(ended)

    @Slot(object)
    def _relay_status(self, snapshot: object) -> None:
        self.status_changed.emit(snapshot)

    @Slot()
    def _relay_lists(self) -> None:
        self.lists_changed.emit()

    @Slot()
    def _thread_finished(self) -> None:
        if self._thread is None:
            return
        thread, self._thread, self._worker = self._thread, None, None
        thread.deleteLater()
        self.running_changed.emit(False)
        if self._restart_when_finished:
            self.start()
