"""The settings dialog (설정): the server address is checked like at sign-in and may
not change while records wait to be sent; the idle lock time is kept and applied at
once; the display language is kept for the next start."""

from __future__ import annotations

import pytest
from test_main_window import record_a_case
from ui_builders import SERVER_URL

from desktop.local.preferences import Preferences
from desktop.ui.main_window import MainWindow
from desktop.ui.session import PREFERENCES_FILE, SERVER_FIELD, Session
from desktop.ui.settings import SettingsDialog
from desktop.ui.settings_change import IDLE_FIELD

NEW_SERVER = "https://dari.example.kr"


def opened_settings(window: MainWindow) -> SettingsDialog:
    window.settings_button.click()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def saved_preferences(session: Session) -> Preferences:
    return Preferences.load(session.profile.directory / PREFERENCES_FILE)


def test_an_address_that_is_not_http_is_refused_next_to_the_field(window: MainWindow) -> None:
    dialog = opened_settings(window)
    dialog.server.setText("dari.example.kr")

    dialog.save_button.click()

    assert "http:// 또는 https://" in dialog.fields[SERVER_FIELD].message
    assert dialog.isVisible()
    assert window.session.profile.settings().server_url == SERVER_URL


def test_the_address_cannot_change_while_records_wait_to_be_sent(
    window: MainWindow, session: Session
) -> None:
    record_a_case(window)  # a company and a case, not sent yet
    dialog = opened_settings(window)
    dialog.server.setText(NEW_SERVER)

    dialog.save_button.click()

    message = dialog.fields[SERVER_FIELD].message
    assert "보내지 않은 기록이 2건" in message and "바꿀 수 없습니다" in message
    assert session.profile.settings().server_url == SERVER_URL
    assert session.workspace.pending_count() == 2


def test_with_nothing_to_send_a_new_address_is_kept_in_the_profile(
    window: MainWindow, session: Session
) -> None:
    dialog = opened_settings(window)
    dialog.server.setText(NEW_SERVER + "/")

    dialog.save_button.click()

    assert not dialog.isVisible()
    assert session.profile.settings().server_url == NEW_SERVER
    assert "다시 시작하면 적용" in window.statusBar().currentMessage()


def test_the_idle_lock_time_is_kept_and_applied_at_once(
    window: MainWindow, session: Session
) -> None:
    dialog = opened_settings(window)
    dialog.idle_minutes.setValue(25)

    dialog.save_button.click()

    assert window.idle.timeout_ms == 25 * 60_000
    assert saved_preferences(session).idle_lock_minutes == 25
    assert opened_settings(window).idle_minutes.value() == 25


def test_an_idle_time_out_of_range_is_refused(session: Session) -> None:
    from desktop.ui.session import SignInError
    from desktop.ui.settings_change import change_settings

    with pytest.raises(SignInError) as refused:
        change_settings(session, server=SERVER_URL, idle_lock_minutes=0, language="ko")

    assert refused.value.field == IDLE_FIELD
    assert "1분에서 120분 사이" in refused.value.message
    assert saved_preferences(session) == Preferences()


def test_the_display_language_is_kept_for_the_next_start(
    window: MainWindow, session: Session
) -> None:
    dialog = opened_settings(window)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))

    dialog.save_button.click()

    assert saved_preferences(session).language == "en"
    assert session.preferences.language == "en"
    assert saved_preferences(session).idle_lock_minutes == 10  # the rest unchanged
