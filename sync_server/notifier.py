"""Tells waiting clients that the central history grew (the long-poll behind /sync/wait).

Pushes in this process wake waiters at once. Waiters also look at the database about
once a second, so pushes handled by other workers are seen too."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable


class HeadNotifier:
    def __init__(self) -> None:
        self._head = 0
        self._changed: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._changed is None:
            self._changed = asyncio.Event()
        return self._changed

    def advance(self, head: int) -> None:
        """Called on the event loop after a push committed up to ``head``."""
        if head > self._head:
            self._head = head
            self._event().set()
            self._changed = asyncio.Event()

    async def wait_beyond(
        self, cursor: int, timeout: float, read_head: Callable[[], Awaitable[int]]
    ) -> int:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._head > cursor:
                return self._head
            stored = await read_head()
            if stored > cursor:
                self._head = max(self._head, stored)
                return stored
            remaining = deadline - loop.time()
            if remaining <= 0:
                return max(self._head, stored)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event().wait(), min(remaining, 1.0))
