"""The projector of a running server: keeps the read models caught up.

It wakes when a push in this process advances the head (``WakingHeadNotifier``) and
otherwise looks every half second, so pushes to other workers are folded too. After
folding it brings the in-memory mirror of the read models up to date, if reports use
one. Errors are logged and retried with a growing pause; they never stop the server.

The folding runs on the projector's thread, or (``fold_in_process``) in a child
process of its own: there it does not take the interpreter from the requests, which
on a 100,000-event bulk push cost ~15% of the events per second. The thread then only
watches the child (starting it again if it dies) and refreshes the mirror."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as ProcessEvent

from sqlalchemy.engine import Engine

from domain.reference import ReferenceData, default_reference
from sync_server.database import create_database_engine
from sync_server.garbage import collect_garbage_seldom
from sync_server.notifier import HeadNotifier
from sync_server.projections.mirror import FactsMirror
from sync_server.projections.projector import CATCH_UP_CHUNK, catch_up

log = logging.getLogger("dari.projections")

POLL_SECONDS = 0.5
PROJECTOR_NAME = "dari-projector"
"""The folding thread's and process's name, and the child's PostgreSQL application name."""
MAX_BACKOFF_SECONDS = 30.0


class BackgroundProjector:
    def __init__(
        self,
        engine: Engine,
        reference: ReferenceData,
        *,
        mirror: FactsMirror | None = None,
        poll_seconds: float = POLL_SECONDS,
        fold_in_process: bool = False,
    ) -> None:
        self.engine = engine
        self.reference = reference
        self.mirror = mirror
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.folded = 0
        """Events folded on this thread since start (for tests and diagnostics)."""
        self._child: _FoldingProcess | None = (
            _FoldingProcess(engine.url.render_as_string(hide_password=False), poll_seconds)
            if fold_in_process
            else None
        )

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        if self._child is not None:
            self._child.start()
        self._thread = threading.Thread(target=self._run, name=PROJECTOR_NAME, daemon=True)
        self._thread.start()

    def wake(self) -> None:
        if self._child is not None:
            self._child.wake()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the chunk being folded (its transaction commits or rolls back)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        self._wake.set()
        thread.join(timeout)
        if self._child is not None:
            self._child.stop(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def child_pid(self) -> int | None:
        """The folding process's id, if folding runs in one and it is alive."""
        return self._child.pid if self._child is not None else None

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                if self._child is None:
                    before = self.folded
                    self._fold_here()
                    advanced = self.folded > before
                else:
                    self._child.keep_alive()
                    advanced = True  # by the child, perhaps; the mirror looks itself
                if self.mirror is not None and advanced:
                    self.mirror.refresh(self.engine)
                failures = 0
                pause = self.poll_seconds
            except Exception:
                failures += 1
                pause = min(MAX_BACKOFF_SECONDS, self.poll_seconds * 2**failures)
                log.exception("통계 갱신에 실패했습니다. %.1f초 뒤에 다시 시도합니다.", pause)
            self._wake.wait(pause)

    def _fold_here(self) -> None:
        while not self._stopping.is_set():
            folded = catch_up(self.engine, self.reference, limit=CATCH_UP_CHUNK)
            self.folded += folded
            if folded < CATCH_UP_CHUNK:
                return


class _FoldingProcess:
    """The child process that folds, on its own connection to the same database."""

    def __init__(self, database_url: str, poll_seconds: float) -> None:
        self.database_url = database_url
        self.poll_seconds = poll_seconds
        self._context = multiprocessing.get_context("spawn")
        self._wake: ProcessEvent = self._context.Event()
        self._stop: ProcessEvent = self._context.Event()
        self._process: BaseProcess | None = None

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def start(self) -> None:
        self._stop.clear()
        self._process = self._context.Process(
            target=fold_until_stopped,
            args=(self.database_url, self._wake, self._stop, self.poll_seconds, os.getpid()),
            name=PROJECTOR_NAME,
            daemon=True,
        )
        self._process.start()

    def wake(self) -> None:
        self._wake.set()

    def keep_alive(self) -> None:
        """Start the child again if it died (it logged why, if it could)."""
        process = self._process
        if process is not None and not process.is_alive() and not self._stop.is_set():
            log.error(
                "통계 갱신 프로세스가 멈췄습니다 (종료 코드 %s). 다시 시작합니다.",
                process.exitcode,
            )
            process.close()
            self.start()

    def stop(self, timeout: float) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        self._stop.set()
        self._wake.set()
        process.join(timeout)
        if process.is_alive():
            process.terminate()
            process.join(5)


def fold_until_stopped(
    database_url: str,
    wake: ProcessEvent,
    stop: ProcessEvent,
    poll_seconds: float,
    parent_pid: int,
) -> None:
    """The folding process's whole life: catch up whenever woken (or every
    ``poll_seconds``) until told to stop or orphaned. Ctrl+C is the parent's to handle:
    it stops the child after the chunk being folded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    collect_garbage_seldom()
    engine = create_database_engine(database_url, application_name=PROJECTOR_NAME)
    reference = default_reference()
    failures = 0
    try:
        while not stop.is_set() and os.getppid() == parent_pid:
            wake.clear()
            try:
                while not stop.is_set():
                    if catch_up(engine, reference, limit=CATCH_UP_CHUNK) < CATCH_UP_CHUNK:
                        break
                failures = 0
                pause = poll_seconds
            except Exception:
                failures += 1
                pause = min(MAX_BACKOFF_SECONDS, poll_seconds * 2**failures)
                log.exception("통계 갱신에 실패했습니다. %.1f초 뒤에 다시 시도합니다.", pause)
            wake.wait(pause)
    finally:
        engine.dispose()


class WakingHeadNotifier(HeadNotifier):
    """The server's head notifier, which also wakes the projector after a push."""

    def __init__(self, on_advance: Callable[[], None]) -> None:
        super().__init__()
        self._on_advance = on_advance

    def advance(self, head: int) -> None:
        super().advance(head)
        self._on_advance()
