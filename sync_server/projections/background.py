"""The projector of a running server: a thread that keeps the read models caught up.

It wakes when a push in this process advances the head (``WakingHeadNotifier``) and
otherwise looks every half second, so pushes to other workers are folded too. After
folding it brings the in-memory mirror of the read models up to date, if reports use
one. Errors are logged and retried with a growing pause; they never stop the server."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.engine import Engine

from domain.reference import ReferenceData
from sync_server.notifier import HeadNotifier
from sync_server.projections.mirror import FactsMirror
from sync_server.projections.projector import CATCH_UP_CHUNK, catch_up

log = logging.getLogger("dari.projections")

POLL_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0


class BackgroundProjector:
    def __init__(
        self,
        engine: Engine,
        reference: ReferenceData,
        *,
        mirror: FactsMirror | None = None,
        poll_seconds: float = POLL_SECONDS,
    ) -> None:
        self.engine = engine
        self.reference = reference
        self.mirror = mirror
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.folded = 0
        """Events folded since start (for tests and diagnostics)."""

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="dari-projector", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the chunk being folded (its transaction commits or rolls back)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        self._wake.set()
        thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                before = self.folded
                while not self._stopping.is_set():
                    folded = catch_up(self.engine, self.reference, limit=CATCH_UP_CHUNK)
                    self.folded += folded
                    if folded < CATCH_UP_CHUNK:
                        break
                if self.mirror is not None and self.folded > before:
                    self.mirror.refresh(self.engine)
                failures = 0
                pause = self.poll_seconds
            except Exception:
                failures += 1
                pause = min(MAX_BACKOFF_SECONDS, self.poll_seconds * 2**failures)
                log.exception("통계 갱신에 실패했습니다. %.1f초 뒤에 다시 시도합니다.", pause)
            self._wake.wait(pause)


class WakingHeadNotifier(HeadNotifier):
    """The server's head notifier, which also wakes the projector after a push."""

    def __init__(self, on_advance: Callable[[], None]) -> None:
        super().__init__()
        self._on_advance = on_advance

    def advance(self, head: int) -> None:
        super().advance(head)
        self._on_advance()
