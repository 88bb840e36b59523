"""Signing in without typing (``dari --server URL --user NAME``, for ``make demo``):
the dialog is filled in and submitted through the same ``SignIn``."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_builders import PASSWORD, SERVER_URL, USERNAME

from desktop.app import AutoSignIn, sign_in_dialog
from desktop.ui.session import Session, SignIn


def test_with_a_password_the_dialog_signs_in_by_itself(
    qtbot: QtBot, themed_app: QApplication, sign_in: SignIn
) -> None:
    dialog = sign_in_dialog(sign_in, AutoSignIn(SERVER_URL, USERNAME, PASSWORD))
    qtbot.addWidget(dialog)

    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signal:
        dialog.show()

    session = signal.args[0]
    assert isinstance(session, Session)
    try:
        assert session.username == USERNAME
        assert session.user.role == "counselor" and session.user.region == "daejeon"
    finally:
        session.close()


def test_without_a_password_the_dialog_is_filled_in_and_waits(
    qtbot: QtBot, themed_app: QApplication, sign_in: SignIn
) -> None:
    dialog = sign_in_dialog(sign_in, AutoSignIn(SERVER_URL, USERNAME))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(50)

    assert dialog.server.text() == SERVER_URL
    assert dialog.username.text() == USERNAME
    assert dialog.session is None and dialog.sign_in_button.isEnabled()


def test_a_wrong_demo_password_is_shown_in_the_dialog(
    qtbot: QtBot, themed_app: QApplication, sign_in: SignIn
) -> None:
    dialog = sign_in_dialog(sign_in, AutoSignIn(SERVER_URL, USERNAME, "not-the-password"))
    qtbot.addWidget(dialog)
    dialog.show()

    field = dialog.fields["password"]
    qtbot.waitUntil(lambda: field.error.isVisibleTo(dialog), timeout=10_000)
    assert dialog.session is None
