"""The headless ``dari`` commands on a profile directory, against the fake server."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sync_builders import CENTRAL
from sync_fakes import PASSWORD, SERVER_URL, FakeSyncServer
from typer.testing import CliRunner, Result

from desktop import cli as dari
from desktop.local.credentials import SignedInUser, WrongPassword
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from domain.aggregate import DariEvent
from sync_protocol import PROTOCOL_VERSION

runner = CliRunner()

CASE_ID = "5b0c0d0e-0000-4000-8000-000000000001"
COMMANDS = [
    {
        "command": "register_company",
        "business_number": "305-81-12341",
        "name": "한빛정밀(주)",
        "region": "daejeon",
        "industry": "정밀 도금",
        "size": "small",
        "has_research_lab": True,
    },
    {
        "command": "receive_case",
        "case_id": CASE_ID,
        "business_number": "305-81-12341",
        "region": "daejeon",
        "channel": "hotline_1379",
        "service": "difficulty_resolution",
        "description": "니켈 도금층이 열처리 후 박리됩니다.",
    },
]


@pytest.fixture
def profile_dir(tmp_path: Path, server: FakeSyncServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    def connect(profile: Profile, server_url: str | None = None) -> SyncClient:
        return server.client(tokens=profile.tokens())

    monkeypatch.setattr(dari, "connect", connect)
    monkeypatch.setenv(dari.PASSWORD_VARIABLE, PASSWORD)  # how scripts unlock the store
    return tmp_path / "profile"


def dari_command(profile_dir: Path, *args: str) -> Result:
    return runner.invoke(dari.app, ["--profile", str(profile_dir), *args])


def logged_in(profile_dir: Path) -> None:
    result = dari_command(
        profile_dir, "login", "--server", SERVER_URL, "-u", "counselor.kim", "--password", PASSWORD
    )
    assert result.exit_code == 0, result.output


def unlocked(profile_dir: Path) -> Workspace:
    profile = Profile(profile_dir)
    return profile.open_workspace(profile.unlock_store_key(PASSWORD))


def a_command_file(tmp_path: Path, content: object = COMMANDS) -> str:
    path = tmp_path / "commands.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_login_saves_the_profile_and_keeps_secrets_readable_only_by_the_owner(
    profile_dir: Path,
) -> None:
    logged_in(profile_dir)

    settings = json.loads((profile_dir / "profile.json").read_text(encoding="utf-8"))
    assert settings["username"] == "counselor.kim"
    assert settings["server_url"] == SERVER_URL
    assert settings["device_id"].startswith("dev-")
    for secret in ("credentials.json", "tokens.json", "profile.json", "local.sqlite"):
        assert stat.S_IMODE((profile_dir / secret).stat().st_mode) == 0o600
    assert not (profile_dir / "store.key").exists()  # the store key is only kept sealed


def test_the_device_id_stays_the_same_across_logins(profile_dir: Path) -> None:
    logged_in(profile_dir)
    first = json.loads((profile_dir / "profile.json").read_text())["device_id"]

    logged_in(profile_dir)

    assert json.loads((profile_dir / "profile.json").read_text())["device_id"] == first


def test_login_with_a_wrong_password_says_so_in_korean(profile_dir: Path) -> None:
    result = dari_command(
        profile_dir, "login", "--server", SERVER_URL, "-u", "counselor.kim", "--password", "x"
    )

    assert result.exit_code == 1
    assert "비밀번호가 맞지 않습니다" in result.output


def test_record_stores_the_file_as_pending_until_sync(profile_dir: Path, tmp_path: Path) -> None:
    logged_in(profile_dir)

    recorded = dari_command(profile_dir, "record", a_command_file(tmp_path))
    status = dari_command(profile_dir, "status")

    assert recorded.exit_code == 0, recorded.output
    assert "기록 2건을 저장했습니다" in recorded.output
    assert CASE_ID in recorded.output
    assert "보류 중인 기록: 2건" in status.output
    assert "아직 동기화하지 않았습니다" in status.output


def test_a_malformed_record_file_fails_in_korean_and_stores_nothing(
    profile_dir: Path, tmp_path: Path
) -> None:
    logged_in(profile_dir)
    path = tmp_path / "broken.json"
    path.write_text('{"command": "receive_case",', encoding="utf-8")

    result = dari_command(profile_dir, "record", str(path))

    assert result.exit_code == 1
    assert "JSON 형식이 올바르지 않습니다" in result.output
    assert "보류 중인 기록: 0건" in dari_command(profile_dir, "status").output


def test_record_before_login_asks_to_log_in(profile_dir: Path, tmp_path: Path) -> None:
    result = dari_command(profile_dir, "record", a_command_file(tmp_path))

    assert result.exit_code == 1
    assert "dari login" in result.output


def test_sync_sends_the_records_and_the_case_list_shows_them_synced(
    profile_dir: Path, tmp_path: Path, server: FakeSyncServer
) -> None:
    logged_in(profile_dir)
    dari_command(profile_dir, "record", a_command_file(tmp_path))
    before = dari_command(profile_dir, "cases")

    synced = dari_command(profile_dir, "sync")
    after = dari_command(profile_dir, "cases")

    assert "[보류 1건]" in before.output
    assert synced.exit_code == 0, synced.output
    assert "보냄 2건 (수락 2" in synced.output
    assert server.head == 2
    assert CASE_ID in after.output and "접수" in after.output and "한빛정밀(주)" in after.output
    assert "보류" not in after.output


def test_sync_while_offline_keeps_the_records_and_exits_3(
    profile_dir: Path, tmp_path: Path, server: FakeSyncServer
) -> None:
    logged_in(profile_dir)
    dari_command(profile_dir, "record", a_command_file(tmp_path))
    server.down = True

    result = dari_command(profile_dir, "sync")

    assert result.exit_code == dari.EXIT_OFFLINE
    assert "안전하게 남아 있으며" in result.output
    assert "보류 중인 기록: 2건" in dari_command(profile_dir, "status").output


def test_sync_with_a_too_old_dari_asks_for_an_update_and_exits_4(
    profile_dir: Path, tmp_path: Path, server: FakeSyncServer
) -> None:
    logged_in(profile_dir)
    dari_command(profile_dir, "record", a_command_file(tmp_path))
    server.min_protocol = PROTOCOL_VERSION + 1

    result = dari_command(profile_dir, "sync")

    assert result.exit_code == dari.EXIT_UPDATE_REQUIRED
    assert "업데이트" in result.output
    assert "보류 중인 기록: 2건" in dari_command(profile_dir, "status").output


def test_conflicts_says_none_when_everything_was_accepted(
    profile_dir: Path, tmp_path: Path
) -> None:
    logged_in(profile_dir)
    dari_command(profile_dir, "record", a_command_file(tmp_path))
    dari_command(profile_dir, "sync")

    result = dari_command(profile_dir, "conflicts")

    assert result.exit_code == 0, result.output
    assert "충돌·거부된 기록: 없음" in result.output
    assert "서버의 충돌: 없음" in result.output


def test_conflicts_lists_a_refused_local_record_with_the_servers_reason(
    profile_dir: Path, tmp_path: Path, server: FakeSyncServer
) -> None:
    logged_in(profile_dir)
    dari_command(profile_dir, "record", a_command_file(tmp_path))
    dari_command(profile_dir, "sync")
    with unlocked(profile_dir) as workspace:
        case = workspace.store.case(UUID(CASE_ID))
    case.withdraw("기업이 자체 해결", by=CENTRAL)
    server.add_canonical(case)  # withdrawn elsewhere before our note arrives
    note = {"command": "add_note", "case_id": CASE_ID, "text": "재방문 예정"}
    dari_command(profile_dir, "record", a_command_file(tmp_path, note))

    synced = dari_command(profile_dir, "sync")
    result = dari_command(profile_dir, "conflicts")

    assert "충돌 1" in synced.output and "dari conflicts" in synced.output
    assert "[충돌]" in result.output and "메모: 재방문 예정" in result.output
    assert "'취하' 상태에서는 메모를 추가할 수 없습니다" in result.output
    assert f"[서버 충돌 {server.conflicts[0].conflict_id}]" in result.output


def test_cases_marks_a_pending_event_that_will_conflict(profile_dir: Path, tmp_path: Path) -> None:
    logged_in(profile_dir)
    dari_command(profile_dir, "record", a_command_file(tmp_path))
    dari_command(profile_dir, "sync")
    note = {"command": "add_note", "case_id": CASE_ID, "text": "재방문 예정"}
    dari_command(profile_dir, "record", a_command_file(tmp_path, note))
    with unlocked(profile_dir) as workspace:
        case = workspace.store.case(UUID(CASE_ID))
        case.withdraw("기업이 자체 해결", by=CENTRAL)
        [withdrawn] = case.collect_events()
        assert isinstance(withdrawn, DariEvent)
        workspace.add_canonical([(uuid4(), withdrawn)], cursor=3)  # as if pulled

    result = dari_command(profile_dir, "cases")

    assert "취하" in result.output
    assert "[보류 1건] [충돌 예상 1건]" in result.output


def test_status_before_login_asks_to_log_in(profile_dir: Path) -> None:
    result = dari_command(profile_dir, "status")

    assert result.exit_code == 1
    assert "로그인" in result.output
    assert not profile_dir.exists()


def test_a_command_with_a_wrong_password_opens_nothing_and_says_so_in_korean(
    profile_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged_in(profile_dir)
    monkeypatch.setenv(dari.PASSWORD_VARIABLE, "not-the-password")

    result = dari_command(profile_dir, "record", a_command_file(tmp_path))

    assert result.exit_code == 1
    assert "비밀번호가 맞지 않습니다" in result.output
    with unlocked(profile_dir) as workspace:
        assert workspace.pending_count() == 0


def test_a_script_without_the_password_is_told_how_to_give_it(
    profile_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged_in(profile_dir)
    monkeypatch.delenv(dari.PASSWORD_VARIABLE)

    result = dari_command(profile_dir, "status")

    assert result.exit_code == 1
    assert "DARI_PASSWORD" in result.output


def test_at_a_terminal_the_password_is_asked_for(
    profile_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged_in(profile_dir)
    monkeypatch.delenv(dari.PASSWORD_VARIABLE)
    monkeypatch.setattr(dari, "_at_a_terminal", lambda: True)

    result = runner.invoke(dari.app, ["--profile", str(profile_dir), "status"], input=PASSWORD)

    assert result.exit_code == 0, result.output
    assert "보류 중인 기록: 0건" in result.output


def test_login_seals_the_store_key_an_earlier_login_kept_in_the_clear(
    profile_dir: Path, tmp_path: Path
) -> None:
    logged_in(profile_dir)
    profile = Profile(profile_dir)
    key = profile.unlock_store_key(PASSWORD)
    profile.credentials_path.unlink()
    profile.key_path.write_text(key)  # as an earlier ``dari login`` left it
    assert dari_command(profile_dir, "record", a_command_file(tmp_path)).exit_code == 0

    logged_in(profile_dir)

    assert not profile.key_path.exists()
    with unlocked(profile_dir) as workspace:
        assert workspace.pending_count() == 2


def test_a_store_sealed_under_an_older_password_is_not_opened_with_a_new_one(
    profile_dir: Path,
) -> None:
    logged_in(profile_dir)
    profile = Profile(profile_dir)
    profile.credentials_path.unlink()
    profile.store_path.unlink()
    profile.seal_store_key(SignedInUser("counselor.kim", "김상담"), "an-older-password-1379")

    again = dari_command(
        profile_dir, "login", "--server", SERVER_URL, "-u", "counselor.kim", "--password", PASSWORD
    )

    assert again.exit_code == 1
    assert "예전 비밀번호" in again.output
    with profile.open_workspace(profile.unlock_store_key("an-older-password-1379")) as workspace:
        assert workspace.pending_count() == 0


OLDER = "an-older-password-1379"


def sealed_under_an_older_password(profile_dir: Path, tmp_path: Path) -> Profile:
    """Logged in, a case recorded, and the store sealed under the password the server
    took before an administrator reset it."""
    logged_in(profile_dir)
    assert dari_command(profile_dir, "record", a_command_file(tmp_path)).exit_code == 0
    profile = Profile(profile_dir)
    profile.credentials().change_password("counselor.kim", PASSWORD, OLDER)
    assert len(workspace_case_ids(profile, OLDER)) == 1
    return profile


def workspace_case_ids(profile: Profile, password: str) -> list[UUID]:
    with profile.open_workspace(profile.unlock_store_key(password)) as workspace:
        return workspace.case_ids()


def test_login_with_the_earlier_password_seals_the_store_under_the_new_one(
    profile_dir: Path, tmp_path: Path
) -> None:
    profile = sealed_under_an_older_password(profile_dir, tmp_path)
    recorded = workspace_case_ids(profile, OLDER)

    again = dari_command(
        profile_dir, "login", "--server", SERVER_URL, "-u", "counselor.kim",
        "--password", PASSWORD, "--earlier-password", OLDER,
    )  # fmt: skip

    assert again.exit_code == 0, again.output
    assert "새 비밀번호로 다시 잠갔습니다" in again.output
    assert workspace_case_ids(profile, PASSWORD) == recorded  # nothing lost
    with pytest.raises(WrongPassword):
        profile.unlock_store_key(OLDER)
    assert dari_command(profile_dir, "status").exit_code == 0  # DARI_PASSWORD is the new one


def test_a_wrong_earlier_password_leaves_the_store_sealed_as_it_was(
    profile_dir: Path, tmp_path: Path
) -> None:
    profile = sealed_under_an_older_password(profile_dir, tmp_path)

    again = dari_command(
        profile_dir, "login", "--server", SERVER_URL, "-u", "counselor.kim",
        "--password", PASSWORD, "--earlier-password", "a-wrong-guess-1379",
    )  # fmt: skip

    assert again.exit_code == 1
    assert dari.EARLIER_PASSWORD_WRONG in again.output
    assert len(workspace_case_ids(profile, OLDER)) == 1


def test_at_a_terminal_login_asks_for_the_earlier_password(
    profile_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = sealed_under_an_older_password(profile_dir, tmp_path)
    monkeypatch.setattr(dari, "_at_a_terminal", lambda: True)

    again = runner.invoke(
        dari.app,
        ["--profile", str(profile_dir), "login", "--server", SERVER_URL, "-u", "counselor.kim",
         "--password", PASSWORD],
        input=f"{OLDER}\n",
    )  # fmt: skip

    assert again.exit_code == 0, again.output
    assert "예전 비밀번호" in again.output
    assert len(workspace_case_ids(profile, PASSWORD)) == 1


def test_a_profile_sealed_for_someone_else_stays_theirs(profile_dir: Path) -> None:
    profile = Profile(profile_dir)
    profile.seal_store_key(SignedInUser("counselor.park", "박상담"), "park-password-1379")

    result = dari_command(
        profile_dir, "login", "--server", SERVER_URL, "-u", "counselor.kim", "--password", PASSWORD
    )

    assert result.exit_code == 1
    assert "counselor.park" in result.output
    assert profile.settings().username is None
