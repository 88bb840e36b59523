"""Shared pieces of the desktop program's tests: cheap argon2 costs, the signed-in
counselor, a fixed instant, and the fake sync server of ``tests/desktop_sync`` with
the one extra call the desktop makes (``/auth/me``)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop_sync"))

from sync_fakes import PASSWORD, SERVER_URL, FakeSyncServer, ok

from desktop.local.credentials import KdfParams
from sync_protocol.auth import UserInfo

CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1)
"""argon2id at its minimum cost: the tests check the flow, not the cost."""
USERNAME = "counselor.kim"
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
"""A Monday, 15:00 KST: the instant the demo workspace is made for."""

__all__ = ["CHEAP_KDF", "NOW", "PASSWORD", "SERVER_URL", "USERNAME", "DesktopFakeServer"]


class DesktopFakeServer(FakeSyncServer):
    """The fake sync server, plus ``/auth/me`` (a counselor of 대전·세종)."""

    def handle(self, request: httpx.Request) -> httpx.Response:
        if (request.method, request.url.path) == ("GET", "/auth/me") and not self.down:
            self.requests.append(request)
            token = request.headers.get("Authorization", "").removeprefix("Bearer ")
            username = self.access_tokens.get(token, USERNAME)
            info = UserInfo(
                username=username, display_name="김상담", role="counselor", region="daejeon"
            )
            return ok(info.model_dump())
        return super().handle(request)
