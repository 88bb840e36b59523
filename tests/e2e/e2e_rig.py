"""End-to-end fixtures: a real ``uvicorn`` sync server on a free port (on SQLite and on
PostgreSQL, migrated by Alembic) that a test can kill and restart, and signed-in
laptops, each an encrypted local workspace with its own ``SyncEngine``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from domain.business_calendar import KST
from domain.recording import Recording
from sync_server.auth.users import add_user
from sync_server.database import create_database_engine
from sync_server.migrate import upgrade

PASSWORD = "dari-e2e-password"
PEOPLE = (
    ("counselor.kim", "counselor", "daejeon", None),
    ("counselor.park", "counselor", "daejeon", None),
    ("central.lee", "central", None, None),
    ("central.choi", "central", None, None),
    ("liaison.kimm", "liaison", None, "KIMM"),
    ("liaison.etri", "liaison", None, "ETRI"),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def central_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The server's database, migrated by Alembic and empty: an SQLite file, or the test
    run's PostgreSQL database with its ``public`` schema emptied first."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite'}"
    else:
        request.getfixturevalue("postgres_env")
        url = str(request.getfixturevalue("postgres_sqlalchemy_url"))
    upgrade(url)
    return url


@dataclass
class RunningServer:
    """``uvicorn`` serving ``create_app`` on the central database; ``kill`` is SIGKILL
    (no clean shutdown), ``start`` brings it back on the same port and database."""

    database_url: str
    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        environment = os.environ | {
            "DARI_DATABASE_URL": self.database_url,
            "DARI_SECRET_KEY": "e2e-secret",
            "DARI_DATA_DIR": str(self.data_dir),
            "DARI_LONG_POLL_SECONDS": "5",
        }
        command = [sys.executable, "-m", "uvicorn", "sync_server.app:create_app", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
        self.process = subprocess.Popen(command, env=environment, cwd=self.data_dir)
        _wait_for_health(self.url, self.process)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def running_server(central_database_url: str, tmp_path: Path) -> Iterator[RunningServer]:
    """The server with the people of ``PEOPLE`` as users."""
    engine = create_database_engine(central_database_url)
    with engine.begin() as connection:
        for username, role, region, institute in PEOPLE:
            add_user(
                connection, username, username, role, PASSWORD, region=region, institute=institute
            )
    engine.dispose()
    server = RunningServer(central_database_url, tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _wait_for_health(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the sync server exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the sync server did not start in 30 s")


@dataclass
class Laptop:
    """One person's computer: an encrypted workspace and a signed-in sync engine."""

    username: str
    device: str
    workspace: Workspace
    engine: SyncEngine

    def by(self, minute: int = 0) -> Recording:
        return Recording(self.username, self.device, datetime(2024, 9, 2, 10, minute, tzinfo=KST))


@pytest.fixture
def laptop(running_server: RunningServer, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    opened: list[Laptop] = []

    def sign_in(username: str, **engine_options: float) -> Laptop:
        device = f"{username}-laptop"
        workspace = Workspace.open(tmp_path / f"{device}.sqlite", cipher_key=new_store_key())
        client = SyncClient(running_server.url)
        client.login(username, PASSWORD, device_id=device, device_name=device)
        options: dict[str, float] = {"wait_timeout": 2, **engine_options}
        machine = Laptop(username, device, workspace, SyncEngine(workspace, client, **options))  # type: ignore[arg-type]
        opened.append(machine)
        return machine

    yield sign_in
    for machine in opened:
        machine.engine.client.close()
        machine.workspace.close()
