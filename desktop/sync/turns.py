"""Giving the window's thread the interpreter for a moment (화면 우선).

While a first sync runs, two Python threads (the sync thread and the page fetcher)
are busy, and the window's thread shares one interpreter lock with them. Qt paints a
list by calling the Python model once per cell and role, and every one of those calls
must win the lock back: measured in ``bench/desktop_list.py``, a list repaint that
takes ~30 ms idle stalled the window for 90–170 ms during a sync.

So the window asks for its turn (``foreground``) around a list refresh and its
repaint, and the background threads step aside at their next ``pause_point``: between
two events, never inside a transaction. A turn expires after ``MAX_PAUSE_SECONDS``,
so a window that forgot to give the turn back cannot slow a sync down."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MAX_PAUSE_SECONDS = 0.25


class Turns:
    def __init__(self, max_pause: float = MAX_PAUSE_SECONDS) -> None:
        self._max_pause = max_pause
        self._go = threading.Event()
        self._go.set()
        self._lock = threading.Lock()
        self._holders = 0
        self._generation = 0
        """Counts expired turns: a turn given back after it expired changes nothing."""

    def pause_point(self) -> None:
        """Called by a background thread between two steps: returns at once unless the
        window has its turn, then when the turn ends. A turn that outlasts
        ``max_pause`` expires, so a turn never given back costs one pause, not one at
        every later pause point."""
        if self._go.is_set():
            return
        with self._lock:
            generation = self._generation
        if not self._go.wait(self._max_pause):
            with self._lock:
                if self._generation == generation:
                    self._generation += 1
                    self._holders = 0
                    self._go.set()

    @property
    def in_foreground(self) -> bool:
        return not self._go.is_set()

    @contextmanager
    def foreground(self) -> Iterator[None]:
        """The window's turn for a block; turns may nest."""
        give_back = self.take()
        try:
            yield
        finally:
            give_back()

    def take(self) -> Callable[[], None]:
        """The window's turn until the returned function is called (once; later calls do
        nothing), e.g. when the window's event loop has painted what the block changed."""
        with self._lock:
            self._holders += 1
            self._go.clear()
            generation = self._generation
        given_back = False

        def give_back() -> None:
            nonlocal given_back
            with self._lock:
                if given_back or generation != self._generation:
                    return
                given_back = True
                self._holders -= 1
                if self._holders == 0:
                    self._go.set()

        return give_back


def never_pause() -> None:
    """The pause point of work that has no window to give way to."""
