"""``dari-server demo``: the demo accounts of every role and the demo history, stored
through the real ingest, once however often the command runs (the command on SQLite;
the seeding on SQLite and PostgreSQL)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from domain.access import Role
from domain.case_status import CaseStatus
from domain.demo import demo_id
from domain.reference import default_reference
from sync_server.auth import users
from sync_server.central_history import load_aggregate
from sync_server.cli import app
from sync_server.database import create_database_engine
from sync_server.demo import DEMO_PASSWORD, seed_demo
from sync_server.tables import conflicts, events, receipts

runner = CliRunner()


@dataclass
class TwoRuns:
    first: Result
    second: Result
    events_after_first: int
    users_after_first: int
    engine: Engine


def stored_events(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())


def accounts(engine: Engine) -> int:
    with engine.connect() as connection:
        return len(users.list_users(connection))


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoRuns]:
    """``dari-server demo --no-serve`` run twice on the same data folder."""
    data_dir = tmp_path_factory.mktemp("demo")
    command = ["demo", "--no-serve", "--data-dir", str(data_dir)]
    first = runner.invoke(app, command)
    engine = create_database_engine(f"sqlite:///{data_dir / 'dari-demo.sqlite'}")
    after_first = stored_events(engine), accounts(engine)
    second = runner.invoke(app, command)
    yield TwoRuns(first, second, *after_first, engine)
    engine.dispose()


def test_the_demo_has_an_account_for_each_role_with_the_demo_password(two_runs: TwoRuns) -> None:
    assert two_runs.first.exit_code == 0, two_runs.first.output
    expected = {
        "counselor.kim": (Role.COUNSELOR, "daejeon", None),
        "counselor.park": (Role.COUNSELOR, "daejeon", None),
        "liaison.kimm": (Role.LIAISON, None, "KIMM"),
        "central.lee": (Role.CENTRAL, None, None),
        "admin.jung": (Role.ADMIN, None, None),
    }
    with two_runs.engine.connect() as connection:
        for username, (role, region, institute) in expected.items():
            user = users.authenticate(connection, username, DEMO_PASSWORD)
            assert user is not None, username
            assert (user.role, user.region, user.institute) == (role, region, institute)


def test_the_demo_prints_its_accounts_and_password_in_korean(two_runs: TwoRuns) -> None:
    output = two_runs.first.output

    assert f"데모 계정 (비밀번호는 모두 {DEMO_PASSWORD}):" in output
    assert "counselor.kim    김상담 (지역상담센터 상담원, 대전·세종)" in output
    assert "liaison.kimm     박연구 (출연연 전담조직, 한국기계연구원)" in output


def test_every_demo_event_is_accepted_by_the_ingest(two_runs: TwoRuns) -> None:
    with two_runs.engine.connect() as connection:
        statuses = set(connection.execute(sa.select(receipts.c.status).distinct()).scalars())
        open_conflicts = connection.execute(sa.select(sa.func.count()).select_from(conflicts))
        assert open_conflicts.scalar_one() == 0
    assert statuses == {"accepted"}
    assert "받아들여지지 않은 기록" not in two_runs.first.output
    assert two_runs.events_after_first > 150


def test_the_scenario_cases_are_in_the_canonical_history_in_their_states(
    two_runs: TwoRuns,
) -> None:
    with two_runs.engine.connect() as connection:
        plating = load_aggregate(connection, demo_id("scenario/case/plating")).aggregate
        information = load_aggregate(connection, demo_id("scenario/case/information")).aggregate

    assert plating is not None and plating.status is CaseStatus.AGREED
    assert plating.institute == "KIMM"
    assert information is not None and information.status is CaseStatus.RESOLVED


def test_running_the_demo_twice_stores_the_history_once(two_runs: TwoRuns) -> None:
    assert two_runs.second.exit_code == 0, two_runs.second.output

    assert stored_events(two_runs.engine) == two_runs.events_after_first
    assert accounts(two_runs.engine) == two_runs.users_after_first
    assert "새로 저장 0건" in two_runs.second.output


def test_a_taken_port_is_refused_at_once_in_korean(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = runner.invoke(
            app, ["demo", "--port", str(port), "--data-dir", str(tmp_path / "demo")]
        )

    assert result.exit_code == 1
    assert f"127.0.0.1:{port}에서 받을 수 없습니다" in result.output
    assert not (tmp_path / "demo" / "dari-demo.sqlite").exists()


def test_seeding_twice_stores_the_demo_history_once_on_each_database(
    server_engine: Engine,
) -> None:
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    first = seed_demo(server_engine, default_reference(), now=now)

    second = seed_demo(server_engine, default_reference(), now=now + timedelta(days=3))

    assert first.refused == [] and first.events_stored > 150
    assert (second.users_added, second.events_stored) == ([], 0)
    assert second.events_known == second.events_sent
    assert stored_events(server_engine) == first.events_stored
