"""``SyncEngine.run`` while idle: a server that goes away is noticed by the long poll,
and the status says so without anything being recorded."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sync_fakes import FakeSyncServer

from desktop.local.workspace import Workspace
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncEngine
from desktop.sync.status import Connection


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        time.sleep(0.01)


def idle_after_a_sync(engine: SyncEngine) -> bool:
    snapshot = engine.status.snapshot()
    return snapshot.last_synced_at is not None and not snapshot.syncing


def test_an_idle_engine_reports_offline_when_the_server_goes_away_and_online_when_it_returns(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    client = server.signed_in_client("counselor.kim", "laptop-1")
    engine = SyncEngine(workspace, client, wait_timeout=0.05, backoff=Backoff(base=0.02, cap=0.1))
    stop = threading.Event()
    runner = threading.Thread(target=engine.run, args=(stop,))
    runner.start()
    try:
        wait_until(lambda: idle_after_a_sync(engine))

        server.down = True  # nothing is recorded: only the long poll can notice

        wait_until(lambda: engine.status.snapshot().connection is Connection.OFFLINE)
        assert engine.status.snapshot().last_error is not None
        server.down = False
        wait_until(lambda: engine.status.snapshot().connection is Connection.ONLINE)
    finally:
        stop.set()
        runner.join(timeout=5)
    assert not runner.is_alive()
    assert engine.status.snapshot().last_error is None
