"""Signing in again (다시 로그인) when the server refuses the session during background
sync: the window keeps everything, says so, asks for the password, and sync goes on
with the records that waited."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from test_main_window import SYNC_TIMEOUT, record_a_case, synced
from ui_builders import PASSWORD, DesktopFakeServer

from desktop.sync.status import Connection
from desktop.ui.main_window import MainWindow
from desktop.ui.relogin import ReloginDialog
from desktop.ui.session import Session


def the_session_expires(server: DesktopFakeServer) -> None:
    """The access token has expired and the refresh token is no longer accepted."""
    server.expire_access_tokens()
    server.refresh_tokens.clear()


@pytest.fixture
def signed_out(qtbot: QtBot, window: MainWindow, server: DesktopFakeServer) -> MainWindow:
    """A case recorded here, then sync finds the session expired."""
    record_a_case(window)
    # The "saved" message hides the status bar's normal widgets for a few seconds.
    window.statusBar().clearMessage()
    the_session_expires(server)
    window.sync.start()
    qtbot.waitUntil(lambda: window.sync_area.relogin.isVisibleTo(window), timeout=SYNC_TIMEOUT)
    return window


def relogin_dialog(window: MainWindow) -> ReloginDialog:
    window.sync_area.relogin.click()
    dialog = window.relogin_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_expired_session_during_sync_offers_to_sign_in_again(
    signed_out: MainWindow, session: Session, server: DesktopFakeServer
) -> None:
    area = signed_out.sync_area

    assert signed_out.sync.engine.status.snapshot().connection is Connection.LOGIN_REQUIRED
    assert area.connection.text() == "다시 로그인 필요"
    assert area.error.text().startswith("서버 로그인이 만료되었습니다.")
    assert not area.retry.isVisibleTo(signed_out)
    assert area.pending.text() == "보낼 기록 2건"
    assert session.workspace.pending_count() == 2
    assert server.head == 0


def test_the_right_password_resumes_sync_and_sends_what_waited(
    qtbot: QtBot, signed_out: MainWindow, session: Session, server: DesktopFakeServer
) -> None:
    dialog = relogin_dialog(signed_out)
    dialog.password.setText(PASSWORD)

    with qtbot.waitSignal(dialog.renewed, timeout=SYNC_TIMEOUT):
        dialog.submit_button.click()

    area = signed_out.sync_area
    qtbot.waitUntil(
        lambda: server.head == 2 and area.pending.text() == "보낼 기록 0건" and synced(signed_out),
        timeout=SYNC_TIMEOUT,
    )
    assert not dialog.isVisible()
    assert not area.relogin.isVisibleTo(signed_out)
    assert session.workspace.pending_count() == 0
    assert signed_out.cases.total == 1


def test_a_wrong_password_says_so_and_keeps_the_records(
    qtbot: QtBot, signed_out: MainWindow, session: Session
) -> None:
    dialog = relogin_dialog(signed_out)
    dialog.password.setText("틀린-비밀번호")

    dialog.submit_button.click()

    qtbot.waitUntil(lambda: not dialog.busy, timeout=SYNC_TIMEOUT)
    assert dialog.password_field.message.startswith("비밀번호가 맞지 않습니다.")
    assert dialog.isVisible()
    assert signed_out.sync_area.relogin.isVisibleTo(signed_out)
    assert session.workspace.pending_count() == 2


def test_offline_it_says_the_server_cannot_be_reached_and_work_goes_on(
    qtbot: QtBot, signed_out: MainWindow, session: Session, server: DesktopFakeServer
) -> None:
    server.down = True
    dialog = relogin_dialog(signed_out)
    dialog.password.setText(PASSWORD)

    dialog.submit_button.click()

    qtbot.waitUntil(lambda: not dialog.busy, timeout=SYNC_TIMEOUT)
    assert dialog.banner.text().startswith("서버에 연결할 수 없습니다.")
    dialog.later_button.click()
    assert not dialog.isVisible()
    assert signed_out.sync_area.relogin.isVisibleTo(signed_out)  # it can be tried later
    assert session.workspace.pending_count() == 2
    assert signed_out.cases.total == 1


def test_a_blocked_computer_is_told_so_rather_than_asked_for_another_password(
    qtbot: QtBot, signed_out: MainWindow, session: Session, server: DesktopFakeServer
) -> None:
    server.revoked_devices.add(session.settings.device_id)
    dialog = relogin_dialog(signed_out)
    dialog.password.setText(PASSWORD)

    dialog.submit_button.click()

    qtbot.waitUntil(lambda: not dialog.busy, timeout=SYNC_TIMEOUT)
    assert dialog.banner.text().startswith("이 컴퓨터는 관리자가 사용을 차단했습니다.")
    assert dialog.password_field.message == ""
    assert session.workspace.pending_count() == 2


def test_a_locked_window_does_not_sign_in_again_until_unlocked(
    qtbot: QtBot, signed_out: MainWindow, session: Session, server: DesktopFakeServer
) -> None:
    """Signing in again may reseal this computer's store under the server's password,
    so it is for the person who unlocked the window, not whoever finds it locked."""
    relogin = signed_out.sync_area.relogin
    signed_out.lock()

    assert relogin.isVisibleTo(signed_out) and not relogin.isEnabled()
    signed_out.open_relogin()  # as a click would
    assert signed_out.relogin_dialog is None

    signed_out.unlock()
    assert relogin.isEnabled()
    dialog = relogin_dialog(signed_out)
    assert dialog.isVisible()
