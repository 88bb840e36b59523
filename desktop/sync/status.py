"""``SyncStatus``: what the window's status bar will show about syncing (동기화 상태).

It holds one immutable ``StatusSnapshot``; every change makes a new one and hands it
to each observer, so an observer (later a Qt signal) never sees a half-made state
and never shares one with the sync thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class Connection(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    UPDATE_REQUIRED = "update_required"
    LOGIN_REQUIRED = "login_required"

    @property
    def label(self) -> str:
        return _CONNECTION_LABELS[self]


_CONNECTION_LABELS = {
    Connection.UNKNOWN: "연결 확인 전",
    Connection.ONLINE: "온라인",
    Connection.OFFLINE: "오프라인",
    Connection.UPDATE_REQUIRED: "Dari 업데이트 필요",
    Connection.LOGIN_REQUIRED: "다시 로그인 필요",
}


@dataclass(frozen=True)
class PullProgress:
    """A pull in progress, counted in server positions from where it started."""

    done: int
    total: int
    eta_seconds: float | None

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)


@dataclass(frozen=True)
class StatusSnapshot:
    connection: Connection = Connection.UNKNOWN
    syncing: bool = False
    pending: int = 0
    """Local events not in the canonical history yet."""
    refused: int = 0
    """Local events the server answered with conflict or rejection, kept here."""
    open_conflicts: int = 0
    """Open conflicts on the server that this user may see."""
    last_synced_at: datetime | None = None
    last_error: str | None = None
    """Korean, for people; ``None`` after a sync that went well."""
    retry_in_seconds: float | None = None
    pull: PullProgress | None = None

    @property
    def online(self) -> bool:
        return self.connection is Connection.ONLINE


Observer = Callable[[StatusSnapshot], None]


class SyncStatus:
    def __init__(
        self,
        initial: StatusSnapshot | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._snapshot = initial or StatusSnapshot()
        self._observers: list[Observer] = []
        self._lock = threading.Lock()
        self._monotonic = monotonic
        self._pull_started: tuple[float, int, int] | None = None

    def snapshot(self) -> StatusSnapshot:
        with self._lock:
            return self._snapshot

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` with every new snapshot; returns the unsubscribe function."""
        with self._lock:
            self._observers.append(observer)

        def unsubscribe() -> None:
            with self._lock:
                if observer in self._observers:
                    self._observers.remove(observer)

        return unsubscribe

    def update(self, **changes: Any) -> StatusSnapshot:
        """Change some fields; observers hear of it only if something changed."""
        with self._lock:
            before = self._snapshot
            after = replace(before, **changes)
            self._snapshot = after
            observers = list(self._observers)
        if after != before:
            for observer in observers:
                observer(after)
        return after

    def pull_started(self, cursor: int, high_water_mark: int) -> None:
        with self._lock:
            self._pull_started = (self._monotonic(), cursor, high_water_mark)
        self.update(pull=PullProgress(0, max(0, high_water_mark - cursor), None))

    def pull_advanced(self, cursor: int, high_water_mark: int) -> None:
        with self._lock:
            started = self._pull_started
        if started is None:
            return
        began, first, _ = started
        done = max(0, cursor - first)
        total = max(done, high_water_mark - first)
        elapsed = self._monotonic() - began
        eta = elapsed * (total - done) / done if done and elapsed > 0 else None
        self.update(pull=PullProgress(done, total, eta))

    def pull_finished(self) -> None:
        with self._lock:
            self._pull_started = None
        self.update(pull=None)
