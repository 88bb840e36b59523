"""Shared by the sync benchmarks: a fresh PostgreSQL database, a real ``dari-server
serve`` process on a free port, users, and generated event envelopes."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import orjson
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.business_calendar import KST  # noqa: E402
from domain.business_number import with_check_digit  # noqa: E402
from domain.case import Case  # noqa: E402
from domain.company import Company  # noqa: E402
from domain.recording import Recording  # noqa: E402
from domain.wire import to_wire  # noqa: E402
from sync_protocol import PROTOCOL_VERSION  # noqa: E402

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
PASSWORD = "bench-password-1379"
EVENTS_PER_CASE = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def fresh_database() -> Iterator[str]:
    name = f"dari_bench_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def running_server(dbname: str, data_dir: Path) -> Iterator[str]:
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{dbname}"
    env = {**os.environ, "DARI_DATABASE_URL": url, "DARI_DATA_DIR": str(data_dir)}
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "dari-server"), "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        for username, role, extra in (
            ("counselor.kim", "counselor", ["--region", "daejeon"]),
            ("central.lee", "central", []),
        ):
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "dari-server"),
                    "users",
                    "add",
                    username,
                    "--name",
                    username,
                    "--role",
                    role,
                    "--password",
                    PASSWORD,
                    *extra,
                ],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a client's long poll still open
            server.kill()
            server.wait()


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


CpuReading = dict[str, dict[int, float]]
"""CPU seconds used so far by each process (pid), in groups."""


def cpu_reading(base: str, dbname: str) -> CpuReading:
    """CPU seconds used so far (user + system, from /proc): by the ``dari-server``
    serving ``base`` (requests), by its child processes (the projector), by the
    PostgreSQL backends of each (told apart by their application names), and by the
    rest of the cluster's work for ``dbname`` (WAL writer, checkpointer, autovacuum,
    other backends of the database). Compare two readings with ``cpu_spent``."""
    port = base.rsplit(":", 1)[1]
    parents: dict[int, int] = {}
    serving: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # ended while read
            continue
        parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
        if f"serve --port {port}" in command:
            serving.add(int(entry.name))
    [server] = serving
    children, grew = {server}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in children}
        grew = not more <= children
        children |= more
    children.discard(server)
    with psycopg.connect(dbname=dbname, autocommit=True, **PG) as db:
        backends = db.execute(
            "SELECT pid, application_name, backend_type = 'client backend'"
            " FROM pg_stat_activity"
            " WHERE (datname = %s OR backend_type <> 'client backend')"
            " AND pid <> pg_backend_pid()",
            (dbname,),
        ).fetchall()
    requests = {pid for pid, name, client in backends if client and name == "dari-server"}
    folding = {pid for pid, name, client in backends if client and name == "dari-projector"}
    rest = {pid for pid, _, _ in backends} - requests - folding

    def used(pids: set[int]) -> dict[int, float]:
        seconds = {}
        for pid in pids:
            with suppress(OSError):  # ended since
                seconds[pid] = process_cpu_seconds(pid)
        return seconds

    return {
        "server": used({server}),
        "its PostgreSQL backends": used(requests),
        "projector": used(children),
        "projector's backends": used(folding),
        "rest of PostgreSQL for this database": used(rest),
    }


def cpu_spent(before: CpuReading, after: CpuReading) -> dict[str, float]:
    """CPU seconds each group used between two readings, process by process: one that
    started between them counts from zero; one that ended before the second reading is
    not counted (its time is lost to /proc)."""
    return {
        group: sum(seconds - before[group].get(pid, 0.0) for pid, seconds in pids.items())
        for group, pids in after.items()
    }


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"server exited: {server.stderr.read().decode() if server.stderr else ''}"
            )
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def login(base: str, username: str, device: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=120)
    token = client.post(
        "/auth/login", json={"username": username, "password": PASSWORD, "device_id": device}
    ).json()["access_token"]
    client.headers.update(
        {"Authorization": f"Bearer {token}", "Dari-Protocol": str(PROTOCOL_VERSION)}
    )
    return client


def push_events(base: str, events: list[dict[str, Any]], page: int = 1000) -> None:
    """Seed the server (not timed): the events pushed by their recorder, a page at a time."""
    client = login(base, "counselor.kim", "bench-laptop")
    for start in range(0, len(events), page):
        client.post(
            "/sync/push",
            content=orjson.dumps({"events": events[start : start + page]}),
            headers={"Content-Type": "application/json"},
        ).raise_for_status()
    client.close()


def envelope(event: Any) -> dict[str, Any]:
    wire = to_wire(event)
    return {
        "event_id": str(uuid4()),
        "aggregate_id": str(wire.aggregate_id),
        "aggregate_type": wire.aggregate_type,
        "version": wire.version,
        "topic": wire.topic,
        "schema_version": wire.schema_version,
        "recorded_by": wire.recorded_by,
        "device_id": wire.device,
        "recorded_at": wire.recorded_at.isoformat(),
        "payload": wire.payload,
    }


def counselor_history(events: int, device: str = "bench-laptop") -> list[dict[str, Any]]:
    """A company, then cases of 10 events each, as a Daejeon counselor records them."""
    start = datetime(2024, 3, 4, 9, 0, tzinfo=KST)
    tick = iter(range(10**9))

    def by() -> Recording:
        return Recording("counselor.kim", device, start + timedelta(seconds=next(tick)))

    company = Company.register(
        business_number=with_check_digit("305811234"),
        name="벤치정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=by(),
    )
    out = [envelope(e) for e in company.collect_events()]
    while len(out) < events:
        case = Case.receive(
            company_id=company.id,
            region="daejeon",
            channel="hotline_1379",
            service="difficulty_resolution",
            description="도금 박리 불량 — 열처리 후 박리",
            by=by(),
        )
        case.make_first_contact(method="phone", summary="현장 방문 일정 협의", by=by())
        case.start_waiting_on_sme("시료 회신 대기", by=by())
        case.end_waiting_on_sme(by=by())
        for n in range(EVENTS_PER_CASE - 4):
            case.add_note(f"진행 메모 {n + 1}", by=by())
        out += [envelope(e) for e in case.collect_events()]
    return out[:events]
