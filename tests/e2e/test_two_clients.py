"""End to end: a real ``uvicorn`` sync server on a free port (on SQLite and on
PostgreSQL, migrated by Alembic) and several real clients, each an encrypted local workspace with its own
``SyncEngine``. Counselors edit offline, then sync; everyone ends with the same history."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID

import httpx
import pytest

from desktop.local.outbox import OutboxStatus
from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from desktop.sync.status import Connection
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.case_status import CaseStatus
from domain.company import Company
from domain.recording import Recording
from sync_server.auth.users import add_user
from sync_server.database import create_database_engine
from sync_server.migrate import upgrade

PASSWORD = "dari-e2e-password"
BUSINESS_NUMBER = with_check_digit("305811234")


@dataclass(frozen=True)
class RunningServer:
    url: str
    database_url: str


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


@pytest.fixture
def running_server(central_database_url: str, tmp_path: Path) -> Iterator[RunningServer]:
    """``uvicorn`` serving ``create_app`` on the central database, with four users."""
    database_url = central_database_url
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        for username, role, region in (
            ("counselor.kim", "counselor", "daejeon"),
            ("counselor.park", "counselor", "daejeon"),
            ("central.lee", "central", None),
            ("central.choi", "central", None),
        ):
            add_user(connection, username, username, role, PASSWORD, region=region)
    engine.dispose()
    port = free_port()
    environment = os.environ | {
        "DARI_DATABASE_URL": database_url,
        "DARI_SECRET_KEY": "e2e-secret",
        "DARI_DATA_DIR": str(tmp_path),
        "DARI_LONG_POLL_SECONDS": "5",
    }
    command = [sys.executable, "-m", "uvicorn", "sync_server.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, env=environment, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process)
        yield RunningServer(url, database_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
    """One counselor's computer: an encrypted workspace and a signed-in sync engine."""

    username: str
    device: str
    workspace: Workspace
    engine: SyncEngine

    def by(self, minute: int = 0) -> Recording:
        return Recording(self.username, self.device, datetime(2024, 9, 2, 10, minute, tzinfo=KST))


@pytest.fixture
def laptop(running_server: RunningServer, tmp_path: Path) -> Iterator[Callable[[str], Laptop]]:
    opened: list[Laptop] = []

    def sign_in(username: str) -> Laptop:
        device = f"{username}-laptop"
        workspace = Workspace.open(tmp_path / f"{device}.sqlite", cipher_key=new_store_key())
        client = SyncClient(running_server.url)
        client.login(username, PASSWORD, device_id=device, device_name=device)
        machine = Laptop(username, device, workspace, SyncEngine(workspace, client, wait_timeout=2))
        opened.append(machine)
        return machine

    yield sign_in
    for machine in opened:
        machine.engine.client.close()
        machine.workspace.close()


def the_company(by: Recording) -> Company:
    return Company.register(
        business_number=BUSINESS_NUMBER,
        name="한빛정밀(주)",
        region="daejeon",
        industry="정밀 도금",
        size="small",
        has_research_lab=True,
        by=by,
    )


def a_case(company_id: UUID, by: Recording, description: str) -> Case:
    return Case.receive(
        company_id=company_id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description=description,
        by=by,
    )


def canonical_history(workspace: Workspace, aggregate_ids: list[UUID]) -> list[tuple[str, int]]:
    return [
        (type(event).__qualname__, event.originator_version)
        for aggregate_id in aggregate_ids
        for event in workspace.store.events_of(aggregate_id)
    ]


def test_offline_edits_on_two_laptops_converge_to_one_history(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, park = laptop("counselor.kim"), laptop("counselor.park")
    # Offline: both register the same company and each receives a case for it.
    kim_company = the_company(kim.by(1))
    kim_case = a_case(kim_company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(kim_company, kim_case)
    park_company = the_company(park.by(3))
    park_case = a_case(park_company.id, park.by(4), "열처리 변형")
    park.workspace.record(park_company, park_case)

    kim.engine.sync_once()
    park_report = park.engine.sync_once()
    kim.engine.sync_once()

    assert park_report.accepted == 2  # the second registration is merged into the first
    ids = [kim_company.id, kim_case.id, park_case.id]
    assert canonical_history(kim.workspace, ids) == canonical_history(park.workspace, ids)
    assert kim.workspace.case_ids() == park.workspace.case_ids() == [kim_case.id, park_case.id]
    assert kim.workspace.company_ids() == park.workspace.company_ids() == [kim_company.id]
    assert kim.workspace.pending_count() == park.workspace.pending_count() == 0
    assert kim.workspace.refused() == park.workspace.refused() == []


def test_notes_added_offline_on_both_laptops_both_survive(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, park = laptop("counselor.kim"), laptop("counselor.park")
    company = the_company(kim.by(1))
    case = a_case(company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(company, case)
    kim.engine.sync_once()
    park.engine.sync_once()
    for machine, note, minute in ((kim, "김: 전화 상담", 10), (park, "박: 방문 예정", 11)):
        local = machine.workspace.load_case(case.id)
        local.add_note(note, by=machine.by(minute))
        machine.workspace.record(local)

    kim.engine.sync_once()
    park_report = park.engine.sync_once()
    kim.engine.sync_once()

    assert park_report.rebased == 1
    for machine in (kim, park):
        assert machine.workspace.store.case(case.id).notes == ["김: 전화 상담", "박: 방문 예정"]
        assert machine.workspace.pending_count() == 0


def test_two_institutes_assigned_offline_make_a_visible_conflict(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, lee, choi = laptop("counselor.kim"), laptop("central.lee"), laptop("central.choi")
    company = the_company(kim.by(1))
    case = a_case(company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(company, case)
    kim.engine.sync_once()
    lee.engine.sync_once()
    choi.engine.sync_once()
    for machine, institute in ((lee, "KIMM"), (choi, "ETRI")):
        local = machine.workspace.load_case(case.id)
        local.assign_institute(institute, by=machine.by(30))
        machine.workspace.record(local)

    lee.engine.sync_once()
    choi_report = choi.engine.sync_once()

    assert choi_report.conflicts == 1 and choi_report.open_conflicts == 1
    [refused] = choi.workspace.refused()
    assert refused.status is OutboxStatus.CONFLICT
    assert refused.reason is not None and "다른 출연연 지정" in refused.reason
    assert choi.workspace.load_case(case.id).institute == "KIMM"
    assert choi.engine.status.snapshot().refused == 1
    assert [c.conflict_id for c in lee.engine.client.conflicts()] == [refused.conflict_id]


def test_a_laptop_running_the_engine_sees_another_laptops_edit_at_once(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, park = laptop("counselor.kim"), laptop("counselor.park")
    stop = threading.Event()
    runner = threading.Thread(target=park.engine.run, args=(stop,))
    runner.start()
    try:
        _wait_until(lambda: park.engine.status.snapshot().connection is Connection.ONLINE)
        company = the_company(kim.by(1))
        case = a_case(company.id, kim.by(2), "도금층 박리")
        kim.workspace.record(company, case)
        kim.engine.sync_once()

        _wait_until(lambda: park.workspace.case_ids() == [case.id])
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()
    assert park.workspace.load_case(case.id).status is CaseStatus.RECEIVED


def _wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        time.sleep(0.02)
