"""``dari-server migrate``, ``users`` and ``devices`` against an SQLite file, through
typer's ``CliRunner``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from sync_server.auth import users
from sync_server.cli import app
from sync_server.database import create_database_engine
from sync_server.migrate import current_revision

PASSWORD = "correct horse battery"
runner = CliRunner()


@pytest.fixture
def cli_database_url(tmp_path: Path) -> str:
    """An SQLite file migrated by ``dari-server migrate``."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    result = runner.invoke(app, ["migrate", "--database-url", url])
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture
def cli_engine(cli_database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(cli_database_url)
    yield engine
    engine.dispose()


def run(url: str, *args: str, input: str | None = None) -> Result:
    return runner.invoke(app, [*args, "--database-url", url], input=input)


def add_kim(url: str) -> Result:
    return run(
        url,
        "users",
        "add",
        "counselor.kim",
        "--name",
        "김상담",
        "--role",
        "counselor",
        "--region",
        "daejeon",
        "--password",
        PASSWORD,
    )


def test_migrate_brings_a_new_database_to_the_newest_revision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"

    result = runner.invoke(app, ["migrate", "--database-url", url])

    assert result.exit_code == 0, result.output
    revision = current_revision(url)
    assert revision is not None
    assert f"리비전 {revision}" in result.output


def test_migrate_without_a_url_uses_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the project
    monkeypatch.delenv("DARI_DATABASE_URL", raising=False)
    monkeypatch.setenv("DARI_DATA_DIR", str(tmp_path / "data"))

    result = runner.invoke(app, ["migrate"])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "dari-server.sqlite").exists()


def test_users_add_then_list_shows_the_user(cli_database_url: str) -> None:
    added = add_kim(cli_database_url)

    listed = run(cli_database_url, "users", "list")

    assert added.exit_code == 0, added.output
    assert "사용자를 추가했습니다: counselor.kim" in added.output
    assert listed.exit_code == 0
    assert "counselor.kim  김상담  지역상담센터 상담원, 지역 daejeon  [사용 중]" in listed.output


def test_users_add_asks_for_the_password_twice_without_showing_it(
    cli_database_url: str, cli_engine: Engine
) -> None:
    result = run(
        cli_database_url,
        "users",
        "add",
        "central.lee",
        "--name",
        "이통합",
        "--role",
        "central",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )

    assert result.exit_code == 0, result.output
    assert "비밀번호" in result.output
    assert PASSWORD not in result.output
    with cli_engine.connect() as connection:
        assert users.authenticate(connection, "central.lee", PASSWORD) is not None


def test_users_add_with_an_unknown_region_exits_1_with_a_korean_message(
    cli_database_url: str,
) -> None:
    result = run(
        cli_database_url,
        "users",
        "add",
        "counselor.kim",
        "--name",
        "김상담",
        "--role",
        "counselor",
        "--region",
        "atlantis",
        "--password",
        PASSWORD,
    )

    assert result.exit_code == 1
    assert "알 수 없는 지역 코드입니다: atlantis" in result.output


def test_users_add_with_a_short_password_exits_1(cli_database_url: str) -> None:
    result = run(
        cli_database_url,
        "users",
        "add",
        "admin.choi",
        "--name",
        "최관리",
        "--role",
        "admin",
        "--password",
        "short",
    )

    assert result.exit_code == 1
    assert "비밀번호는 10자 이상이어야 합니다." in result.output


def test_users_disable_stops_the_account(cli_database_url: str, cli_engine: Engine) -> None:
    add_kim(cli_database_url)

    result = run(cli_database_url, "users", "disable", "counselor.kim")

    assert result.exit_code == 0, result.output
    assert "[사용 중지]" in run(cli_database_url, "users", "list").output
    with cli_engine.connect() as connection:
        assert users.get_user(connection, "counselor.kim").disabled


def test_users_enable_lets_a_stopped_account_back_in(
    cli_database_url: str, cli_engine: Engine
) -> None:
    add_kim(cli_database_url)
    run(cli_database_url, "users", "disable", "counselor.kim")

    result = run(cli_database_url, "users", "enable", "counselor.kim")

    assert result.exit_code == 0, result.output
    with cli_engine.connect() as connection:
        assert not users.get_user(connection, "counselor.kim").disabled


def test_disabling_an_unknown_user_exits_1(cli_database_url: str) -> None:
    result = run(cli_database_url, "users", "disable", "nobody.here")

    assert result.exit_code == 1
    assert "없는 사용자입니다: nobody.here" in result.output


def test_users_reset_password_sets_a_new_password(
    cli_database_url: str, cli_engine: Engine
) -> None:
    add_kim(cli_database_url)

    result = run(
        cli_database_url,
        "users",
        "reset-password",
        "counselor.kim",
        input="a brand new password\na brand new password\n",
    )

    assert result.exit_code == 0, result.output
    with cli_engine.connect() as connection:
        assert users.authenticate(connection, "counselor.kim", PASSWORD) is None
        assert users.authenticate(connection, "counselor.kim", "a brand new password")


def test_devices_list_shows_the_registered_computers(
    cli_database_url: str, cli_engine: Engine
) -> None:
    add_kim(cli_database_url)
    with cli_engine.begin() as connection:
        users.register_device(connection, "counselor.kim", "kim-laptop", "상담실 노트북")

    result = run(cli_database_url, "devices", "list")

    assert result.exit_code == 0, result.output
    assert "kim-laptop  상담실 노트북  사용자 counselor.kim" in result.output
    assert "[사용 중]" in result.output


def test_devices_revoke_blocks_the_computer(cli_database_url: str, cli_engine: Engine) -> None:
    add_kim(cli_database_url)
    with cli_engine.begin() as connection:
        users.register_device(connection, "counselor.kim", "kim-laptop")

    result = run(cli_database_url, "devices", "revoke", "kim-laptop")

    assert result.exit_code == 0, result.output
    assert "[차단됨]" in run(cli_database_url, "devices", "list").output
    with cli_engine.connect() as connection:
        assert users.get_device(connection, "kim-laptop").revoked


def test_revoking_an_unknown_device_exits_1(cli_database_url: str) -> None:
    result = run(cli_database_url, "devices", "revoke", "no-such-pc")

    assert result.exit_code == 1
    assert "등록되지 않은 기기입니다: no-such-pc" in result.output


def test_a_command_on_a_database_never_migrated_says_to_run_migrate(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"

    result = run(url, "users", "list")

    assert result.exit_code == 1
    assert "dari-server migrate" in result.output
