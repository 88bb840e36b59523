"""Signing in: the first time through the server, later offline against the local
verifier; a wrong password opens nothing. The dialog shows each message next to its
field and never blocks the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sync_builders import a_company
from ui_builders import CHEAP_KDF, PASSWORD, SERVER_URL, USERNAME, DesktopFakeServer

from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.ui.session import (
    PASSWORD_FIELD,
    SEALED_UNDER_ANOTHER_PASSWORD,
    SERVER_FIELD,
    USERNAME_FIELD,
    Session,
    SignIn,
    SignInError,
    log_in_again,
)
from desktop.ui.sign_in import SignInDialog
from domain.company import Company
from domain.recording import Recording

Connect = Callable[[Profile, str], SyncClient]


def test_the_first_sign_in_logs_in_and_seals_a_store_key(
    sign_in: SignIn, profile: Profile, server: DesktopFakeServer
) -> None:
    session = sign_in(SERVER_URL, USERNAME, PASSWORD)
    try:
        assert session.user.display_name == "김상담"
        assert session.user.region == "daejeon"
        assert profile.tokens().load() is not None
        assert sign_in.credentials.exists()
        assert not profile.key_path.exists()  # no store key in the clear
        assert profile.signed_in().server_url == SERVER_URL
        assert any(r.url.path == "/auth/login" for r in server.requests)
    finally:
        session.close()


def test_the_first_sign_in_needs_the_server(
    sign_in: SignIn, profile: Profile, server: DesktopFakeServer
) -> None:
    server.down = True

    with pytest.raises(SignInError) as refused:
        sign_in(SERVER_URL, USERNAME, PASSWORD)

    assert refused.value.field == SERVER_FIELD
    assert "처음 로그인할 때는 서버 연결이 필요합니다" in refused.value.message
    assert not sign_in.credentials.exists()
    assert not profile.store_path.exists()


def test_the_first_sign_in_shows_the_servers_refusal_at_the_password(sign_in: SignIn) -> None:
    with pytest.raises(SignInError) as refused:
        sign_in(SERVER_URL, USERNAME, "틀린-비밀번호")

    assert refused.value.field == PASSWORD_FIELD
    assert "비밀번호가 맞지 않습니다" in refused.value.message
    assert not sign_in.credentials.exists()


def test_a_server_address_must_be_a_web_address(sign_in: SignIn) -> None:
    with pytest.raises(SignInError) as refused:
        sign_in("dari.example.kr", USERNAME, PASSWORD)

    assert refused.value.field == SERVER_FIELD
    assert "http://" in refused.value.message


def test_later_sign_ins_work_offline(
    open_session: Callable[[], Session], sign_in: SignIn, server: DesktopFakeServer
) -> None:
    open_session().close()
    server.down = True

    again = sign_in("", USERNAME, PASSWORD)
    try:
        assert again.user.display_name == "김상담"
        assert again.workspace.pending_count() == 0
    finally:
        again.close()


def test_a_wrong_password_later_opens_nothing(
    open_session: Callable[[], Session], sign_in: SignIn, server: DesktopFakeServer
) -> None:
    open_session().close()
    server.down = True

    with pytest.raises(SignInError) as refused:
        sign_in("", USERNAME, "틀린-비밀번호")

    assert refused.value.field == PASSWORD_FIELD
    assert refused.value.message == SEALED_UNDER_ANOTHER_PASSWORD


NEW_PASSWORD = "reset-by-admin-1379"


def a_company_recorded_here(session: Session) -> Company:
    company = a_company(by=session.recording())
    session.workspace.record(company)
    return company


def test_after_a_password_reset_the_server_login_moves_this_computer_to_the_new_password(
    open_session: Callable[[], Session], sign_in: SignIn, server: DesktopFakeServer
) -> None:
    session = open_session()
    company = a_company_recorded_here(session)
    server.password = NEW_PASSWORD  # an administrator reset it

    log_in_again(session, NEW_PASSWORD)
    session.close()

    again = sign_in("", USERNAME, NEW_PASSWORD)
    try:
        assert again.workspace.pending_count() == 1  # the same store, nothing lost
        assert again.workspace.load_company(company.id).name == "한빛정밀(주)"
    finally:
        again.close()
    with pytest.raises(SignInError) as refused:
        sign_in("", USERNAME, PASSWORD)
    assert refused.value.message == SEALED_UNDER_ANOTHER_PASSWORD


def test_a_server_login_the_server_refuses_leaves_this_computers_password_alone(
    open_session: Callable[[], Session], sign_in: SignIn, server: DesktopFakeServer
) -> None:
    session = open_session()
    server.password = NEW_PASSWORD

    with pytest.raises(SignInError):
        log_in_again(session, "guessed-password")
    session.close()

    sign_in("", USERNAME, PASSWORD).close()  # still the password it was sealed under
    with pytest.raises(SignInError):
        sign_in("", USERNAME, "guessed-password")


def test_a_server_login_still_counts_when_this_computers_seal_cannot_be_read(
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    session = open_session()
    session.profile.credentials_path.write_text("{ damaged", encoding="utf-8")
    server.password = NEW_PASSWORD

    log_in_again(session, NEW_PASSWORD)  # no error: the server took the password

    assert "로그인 정보를 읽지 못해" in caplog.text
    assert session.profile.credentials_path.read_text(encoding="utf-8") == "{ damaged"


def test_someone_else_cannot_sign_in_with_this_profile(
    open_session: Callable[[], Session], sign_in: SignIn
) -> None:
    open_session().close()

    with pytest.raises(SignInError) as refused:
        sign_in("", "counselor.park", PASSWORD)

    assert refused.value.field == USERNAME_FIELD
    assert "counselor.kim" in refused.value.message


def test_a_profile_made_by_an_earlier_dari_login_keeps_its_unsynced_records(
    profile: Profile, connect: Connect
) -> None:
    # ``dari login`` made a random store key in store.key and something was recorded.
    profile.ensure()
    key = new_store_key()
    profile.key_path.write_text(key)
    settings = profile.settings()
    profile.save_settings(replace(settings, server_url=SERVER_URL, username=USERNAME))
    with Workspace.open(profile.store_path, cipher_key=key) as workspace:
        workspace.record(a_company(by=Recording(USERNAME, settings.device_id)))

    session = SignIn(profile, connect=connect, kdf=CHEAP_KDF)(SERVER_URL, USERNAME, PASSWORD)
    try:
        assert session.workspace.pending_count() == 1
    finally:
        session.close()
    assert not profile.key_path.exists()  # adopted: sealed under the password, then deleted


# The dialog ------------------------------------------------------------------------


def test_the_dialog_signs_in_off_the_gui_thread_and_hands_over_the_session(
    qtbot: QtBot, themed_app: QApplication, sign_in: SignIn
) -> None:
    dialog = SignInDialog(sign_in)
    qtbot.addWidget(dialog)
    dialog.server.setText(SERVER_URL)
    dialog.username.setText(USERNAME)
    dialog.password.insert(PASSWORD)  # QTest.keyClicks aborts on non-ASCII text

    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed_in:
        dialog.sign_in_button.click()
        assert dialog.sign_in_button.text() == "로그인하는 중…"

    session = signed_in.args[0]
    assert isinstance(session, Session)
    session.close()
    assert dialog.result() == SignInDialog.DialogCode.Accepted


def test_the_dialog_shows_a_wrong_password_next_to_the_password(
    qtbot: QtBot,
    themed_app: QApplication,
    open_session: Callable[[], Session],
    sign_in: SignIn,
) -> None:
    open_session().close()
    dialog = SignInDialog(sign_in)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.server.isReadOnly()  # known from the first sign-in
    assert dialog.username.text() == USERNAME
    qtbot.keyClicks(dialog.password, "wrong-password")

    dialog.sign_in_button.click()
    password = dialog.fields[PASSWORD_FIELD]
    qtbot.waitUntil(lambda: bool(password.message), timeout=5000)

    assert password.message == SEALED_UNDER_ANOTHER_PASSWORD
    assert dialog.session is None
    assert dialog.sign_in_button.isEnabled()
    # The dialog grew for the two-line message: nothing squeezed, nothing cut.
    qtbot.waitUntil(
        lambda: password.error.height() >= password.error.heightForWidth(password.error.width()),
        timeout=2000,
    )
    assert dialog.password.height() >= dialog.password.minimumSizeHint().height()


def test_the_dialog_first_time_asks_for_the_server(
    qtbot: QtBot, themed_app: QApplication, sign_in: SignIn
) -> None:
    dialog = SignInDialog(sign_in)
    qtbot.addWidget(dialog)
    dialog.username.setText(USERNAME)
    dialog.password.setText(PASSWORD)

    dialog.sign_in_button.click()
    server = dialog.fields[SERVER_FIELD]
    qtbot.waitUntil(lambda: bool(server.message), timeout=5000)

    assert server.message == "서버 주소를 입력해 주세요."
    assert not dialog.server.isReadOnly()
