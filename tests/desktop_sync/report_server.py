"""The real sync server (``create_app`` over a migrated SQLite database) for the
desktop's report tests, reached through ``TestClient``'s transport, with a June 2024
history (``projection_scenario.june``) already projected. The transport records each
request and can play a server that goes away: refused at once, or in the middle of
a response body."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server" / "projections"))

from projection_scenario import PASSWORD, REF, a_mixed_history, june, store

from desktop.sync.client import SyncClient
from sync_server.app import create_app
from sync_server.auth.users import add_user
from sync_server.database import create_database_engine
from sync_server.migrate import upgrade
from sync_server.projections import catch_up
from sync_server.settings import Settings

BASE_URL = "http://testserver"
CENTRAL = "central.lee"
COUNSELOR = "counselor.kim"

SERVER_PASSWORD = PASSWORD

__all__ = ["BASE_URL", "CENTRAL", "COUNSELOR", "SERVER_PASSWORD", "ReportServer", "ServerTransport"]


class _CutShort(httpx.SyncByteStream):
    """The first ``keep`` bytes of a body, then the connection drops."""

    def __init__(self, body: bytes, keep: int) -> None:
        self._body, self._keep = body, keep

    def __iter__(self) -> Iterator[bytes]:
        yield self._body[: self._keep]
        raise httpx.RemoteProtocolError("peer closed connection without sending complete body")


class _Held(httpx.SyncByteStream):
    """The first half of a body, then the rest once ``gate`` is set."""

    def __init__(self, body: bytes, gate: threading.Event) -> None:
        self._body, self._gate = body, gate

    def __iter__(self) -> Iterator[bytes]:
        half = len(self._body) // 2
        yield self._body[:half]
        self._gate.wait(10)
        yield self._body[half:]


class ServerTransport(httpx.BaseTransport):
    """The app's transport, recording requests; ``down`` refuses every connection,
    ``cut_downloads_after`` drops the connection that many bytes into a workbook,
    ``hold_downloads`` sends half a workbook and the rest once that event is set."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []
        self.down = False
        self.cut_downloads_after: int | None = None
        self.hold_downloads: threading.Event | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        self.requests.append(request)
        response = self.inner.handle_request(request)
        if not request.url.path.endswith(".xlsx"):
            return response
        stream: httpx.SyncByteStream
        if self.cut_downloads_after is not None:
            stream = _CutShort(response.read(), self.cut_downloads_after)
        elif self.hold_downloads is not None:
            stream = _Held(response.read(), self.hold_downloads)
        else:
            return response
        return httpx.Response(
            response.status_code, headers=response.headers, stream=stream, request=request
        )

    def kpi_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.startswith("/reports/kpi")]


class ReportServer:
    """The app over a fresh database in ``directory``, with a central staff member and
    a counselor, and June 2024's cases (plus ``mixed`` generated histories)."""

    def __init__(self, directory: Path, *, mixed: int = 0) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{directory / 'server.sqlite'}"
        upgrade(url)
        engine = create_database_engine(url)
        with engine.begin() as connection:
            add_user(connection, CENTRAL, "이통합", "central", PASSWORD)
            add_user(connection, COUNSELOR, "김상담", "counselor", PASSWORD, region="daejeon")
        june(engine)
        for seed in range(mixed):
            store(engine, a_mixed_history(seed + 1, companies=8, cases=40))
        catch_up(engine, REF)
        engine.dispose()
        settings = Settings(database_url=url, secret_key="report-tests", data_dir=directory)
        self.app = create_app(settings)
        self.test_client = TestClient(self.app)
        self.test_client.__enter__()  # the app's startup, as a real server runs it
        self.transport = ServerTransport(self.test_client._transport)

    def client(self, username: str = CENTRAL) -> SyncClient:
        """A client signed in as ``username``."""
        client = SyncClient(BASE_URL, transport=self.transport)
        client.login(username, PASSWORD, device_id=f"{username}-pc")
        return client

    def close(self) -> None:
        self.test_client.__exit__(None, None, None)
        self.app.state.engine.dispose()
