"""``dari-server rebuild [projection]``: a progress bar, the final speed, Korean errors."""

from __future__ import annotations

from projection_scenario import a_mixed_history, store
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from sync_server import cli as server_cli
from sync_server.projections import read_states

runner = CliRunner()


def test_rebuild_makes_a_new_generation_and_says_how_fast(
    server_engine: Engine, server_database_url: str
) -> None:
    events = a_mixed_history(seed=41)
    store(server_engine, events)

    result = runner.invoke(server_cli.app, ["rebuild", "--database-url", server_database_url])

    assert result.exit_code == 0, result.output
    assert "다시 만들었습니다" in result.output
    assert f"이벤트 {len(events):,}건" in result.output
    assert "초당" in result.output
    with server_engine.connect() as connection:
        states = read_states(connection)
    assert {state.active_generation for state in states.values()} == {2}


def test_rebuild_of_one_projection(server_engine: Engine, server_database_url: str) -> None:
    result = runner.invoke(
        server_cli.app, ["rebuild", "company_facts", "--database-url", server_database_url]
    )

    assert result.exit_code == 0, result.output
    with server_engine.connect() as connection:
        states = read_states(connection)
    assert states["company_facts"].active_generation == 2
    assert states["case_facts"].active_generation == 1


def test_an_unknown_projection_fails_in_korean(server_database_url: str) -> None:
    result = runner.invoke(
        server_cli.app, ["rebuild", "cases", "--database-url", server_database_url]
    )

    assert result.exit_code == 1
    assert "알 수 없는 통계 표입니다" in result.output


def test_rebuild_explains_itself_in_korean() -> None:
    result = runner.invoke(server_cli.app, ["rebuild", "--help"])

    assert result.exit_code == 0
    assert "통계 표" in result.output
