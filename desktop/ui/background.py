"""Short jobs off the GUI thread (a sign-in's network round trip, argon2 key
derivation), with the answer delivered back on the GUI thread.

The receivers must be methods of QObjects living in the GUI thread: a plain function
or lambda connected to a worker's signal would run in the worker thread
(``/work/shared/notes/qt.md`` §7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class BackgroundCall(QRunnable):
    """Runs ``job`` in Qt's thread pool; ``signals.succeeded`` carries its result,
    ``signals.failed`` the exception it raised."""

    def __init__(self, job: Callable[[], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._job = job
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._job()
        except Exception as error:  # delivered to the GUI, which shows it
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


def start(
    job: Callable[[], Any],
    succeeded: Callable[[Any], None],
    failed: Callable[[Exception], None],
) -> BackgroundCall:
    """Start ``job``; keep the returned call referenced until it reports."""
    call = BackgroundCall(job)
    call.signals.succeeded.connect(succeeded)
    call.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(call)
    return call
