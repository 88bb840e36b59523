"""The ``dari`` and ``dari-server`` commands: help, and honest "not ready yet" answers."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from desktop import cli as desktop_cli
from sync_server import cli as server_cli

DARI_COMMANDS = ["demo", "login", "sync", "status", "record", "cases", "conflicts"]
SERVER_COMMANDS = ["serve", "migrate", "users", "devices", "rebuild", "import", "demo"]
SERVER_NOT_READY = ["import"]
DARI_BUILT = [name for name in DARI_COMMANDS if name != "demo"]

runner = CliRunner()


@pytest.mark.parametrize(
    ("app", "commands"),
    [(desktop_cli.app, DARI_COMMANDS), (server_cli.app, SERVER_COMMANDS)],
    ids=["dari", "dari-server"],
)
def test_help_lists_every_command(app: typer.Typer, commands: list[str]) -> None:
    result = runner.invoke(app, ["--help"])

    assert result.exit_code == 0
    for command in commands:
        assert command in result.output


def test_dari_server_without_a_command_prints_the_help() -> None:
    result = runner.invoke(server_cli.app, [])

    assert result.exit_code == 0
    assert "Usage" in result.output


def test_dari_without_a_command_opens_the_window_on_the_chosen_profile(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[Path] = []

    def open_window(profile_directory: Path, sign_in_as: object = None) -> int:
        opened.append(profile_directory)
        return 0

    monkeypatch.setattr(desktop_cli, "open_window", open_window)

    result = runner.invoke(desktop_cli.app, ["--profile", str(tmp_path)])

    assert result.exit_code == 0
    assert opened == [tmp_path]
    assert "Usage" not in result.output


def test_dari_with_a_server_and_user_signs_in_with_the_demo_password_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[object] = []

    def open_window(profile_directory: Path, sign_in_as: object = None) -> int:
        opened.append(sign_in_as)
        return 0

    monkeypatch.setattr(desktop_cli, "open_window", open_window)
    monkeypatch.setenv("DARI_DEMO_PASSWORD", "dari-demo-1379")
    arguments = ["--profile", str(tmp_path), "--server", "http://127.0.0.1:9", "--user", "kim"]

    result = runner.invoke(desktop_cli.app, arguments)

    assert result.exit_code == 0
    assert opened == [("http://127.0.0.1:9", "kim", "dari-demo-1379")]


def test_dari_subcommands_do_not_load_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from desktop import cli; "
        f"CliRunner().invoke(cli.app, ['--profile', {str(tmp_path)!r}, 'status']); "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("command", DARI_BUILT)
def test_each_dari_command_explains_itself_in_korean(command: str) -> None:
    result = runner.invoke(desktop_cli.app, [command, "--help"])

    assert result.exit_code == 0
    assert any("\uac00" <= char <= "\ud7a3" for char in result.output)


@pytest.mark.parametrize("command", SERVER_NOT_READY)
def test_a_server_command_not_built_yet_exits_2_with_a_korean_message(command: str) -> None:
    result = runner.invoke(server_cli.app, [command])

    assert result.exit_code == 2
    assert "아직 준비 중입니다" in result.output


@pytest.mark.parametrize(
    ("group", "subcommands"),
    [
        ("users", ["add", "list", "disable", "enable", "reset-password"]),
        ("devices", ["list", "revoke"]),
    ],
)
def test_server_command_groups_list_their_subcommands(group: str, subcommands: list[str]) -> None:
    result = runner.invoke(server_cli.app, [group, "--help"])

    assert result.exit_code == 0
    for subcommand in subcommands:
        assert subcommand in result.output


def test_demo_runs_the_scenario_of_desktop_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    fake_demo = types.ModuleType("desktop.demo")
    fake_demo.run_demo = lambda: calls.append("run_demo")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "desktop.demo", fake_demo)

    result = runner.invoke(desktop_cli.app, ["demo"])

    assert result.exit_code == 0
    assert calls == ["run_demo"]


def test_demo_says_it_is_not_ready_while_desktop_demo_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # None in sys.modules makes the import fail as if the module did not exist.
    monkeypatch.setitem(sys.modules, "desktop.demo", None)

    result = runner.invoke(desktop_cli.app, ["demo"])

    assert result.exit_code == 2
    assert "아직 준비 중입니다" in result.output
