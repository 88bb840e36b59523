"""Shared pieces of the desktop program's tests: cheap argon2 costs, the signed-in
counselor, a fixed instant, and the fake sync server of ``tests/desktop_sync`` with
the calls the desktop adds (``/auth/me``, open conflicts, resolving one)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop_sync"))

from sync_fakes import PASSWORD, SERVER_URL, FakeSyncServer, ok, problem

from desktop.local.credentials import KdfParams
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncEngine
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from sync_protocol import ConflictResolution, EventStatus, LoginRequest
from sync_protocol.auth import UserInfo
from sync_protocol.conflicts import ConflictStatus

CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1)
"""argon2id at its minimum cost: the tests check the flow, not the cost."""
USERNAME = "counselor.kim"
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
"""A Monday, 15:00 KST: the instant the demo workspace is made for."""

__all__ = [
    "CHEAP_KDF",
    "NOW",
    "PASSWORD",
    "SERVER_URL",
    "USERNAME",
    "DesktopFakeServer",
    "engine_for",
    "shown_window",
]


def engine_for(session: Session) -> SyncEngine:
    """Quick retries and short long polls, so tests never wait on a backoff."""
    return SyncEngine(
        session.workspace,
        session.connect(),
        wait_timeout=1.0,
        backoff=Backoff(base=0.05, cap=0.2),
    )


@contextmanager
def shown_window(
    qtbot: QtBot, session: Session, *, idle_lock_ms: int | None = None
) -> Iterator[MainWindow]:
    """The main window of ``session``, shown, its sync not started; shut down after."""
    main = MainWindow(
        session, engine=engine_for(session), start_sync=False, idle_lock_ms=idle_lock_ms
    )
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    try:
        yield main
    finally:
        main.shut_down()


@dataclass
class DesktopFakeServer(FakeSyncServer):
    """The fake sync server, plus ``/auth/me`` (by default a counselor of 대전·세종;
    ``roles`` names others), only open conflicts listed, central staff's resolutions
    (kept in ``resolutions``), and logins refused for ``revoked_devices``."""

    roles: dict[str, str] = field(default_factory=dict)
    resolutions: list[ConflictResolution] = field(default_factory=list)
    revoked_devices: set[str] = field(default_factory=set)

    def handle(self, request: httpx.Request) -> httpx.Response:
        route = (request.method, request.url.path)
        if route == ("POST", "/auth/login") and not self.down:
            device = LoginRequest.model_validate_json(request.content).device_id
            if device in self.revoked_devices:
                self.requests.append(request)
                detail = "이 컴퓨터는 관리자가 사용을 차단했습니다. 관리자에게 문의해 주세요."
                return problem(401, "device_revoked", detail)
        if self.down or (route[1] not in ("/auth/me", "/conflicts") and not _resolving(request)):
            return super().handle(request)
        self.requests.append(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        refused = self._check_token(request)
        if refused is not None:
            return refused
        username = self.access_tokens[token]
        role = self.roles.get(username, "counselor")
        if route == ("GET", "/auth/me"):
            region = None if role == "central" else "daejeon"
            info = UserInfo(username=username, display_name="김상담", role=role, region=region)
            return ok(info.model_dump())
        if route == ("GET", "/conflicts"):
            open_ones = [c for c in self.conflicts if c.status is ConflictStatus.OPEN]
            return ok([json.loads(c.model_dump_json()) for c in open_ones])
        return self._resolve(request, username, role)

    def _resolve(self, request: httpx.Request, username: str, role: str) -> httpx.Response:
        if role != "central":
            return problem(403, "forbidden", "충돌 해결은 통합센터 직원만 할 수 있습니다.")
        conflict_id = request.url.path.split("/")[2]
        found = [n for n, c in enumerate(self.conflicts) if str(c.conflict_id) == conflict_id]
        if not found:
            return problem(404, "conflict_not_found", "충돌 기록을 찾을 수 없습니다.")
        number = found[0]
        resolution = ConflictResolution.model_validate_json(request.content)
        if resolution.replacement is not None:
            result = self._judge(resolution.replacement, username)
            if result.status not in (EventStatus.ACCEPTED, EventStatus.REBASED):
                return problem(409, "replacement_refused", result.reason or "반영할 수 없습니다.")
        self.resolutions.append(resolution)
        resolved = self.conflicts[number].model_copy(
            update={
                "status": ConflictStatus.RESOLVED,
                "resolution": f"{resolution.decision}: {resolution.note}",
            }
        )
        self.conflicts[number] = resolved
        return ok(json.loads(resolved.model_dump_json()))


def _resolving(request: httpx.Request) -> bool:
    parts = request.url.path.split("/")
    return request.method == "POST" and len(parts) == 4 and parts[1:4:2] == ["conflicts", "resolve"]
