"""The desktop program's composition root: ``dari`` without a subcommand.

It makes the Qt application (style, the bundled Korean font, Qt's Korean strings),
signs the user in (``SignInDialog`` over ``SignIn``), then opens the ``MainWindow``,
which syncs in the background until it is closed.

``make demo`` signs in without typing (``dari --server URL --user NAME`` with the
password in ``DARI_DEMO_PASSWORD``): the dialog is filled in and submitted at once, so
the sign-in is the same ``SignIn`` and a failure is shown in the dialog as usual."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.local.preferences import Preferences
from desktop.sync.profile import Profile
from desktop.ui.main_window import MainWindow
from desktop.ui.session import PREFERENCES_FILE, SignIn
from desktop.ui.sign_in import SignInDialog
from desktop.ui.theme import apply_theme
from desktop.ui.translation import chosen_language, install_translation

APPLICATION_NAME = "Dari"
ORGANIZATION_NAME = "중소기업지원통합센터"


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, themed (made if there is none yet)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv if argv is not None else sys.argv))
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(QCoreApplication.translate("Application", "다리"))
    app.setOrganizationName(ORGANIZATION_NAME)
    apply_theme(app)
    return app


@dataclass(frozen=True)
class AutoSignIn:
    """Answers for the sign-in dialog given on the command line (the demo's way in).
    Without a password the dialog is only filled in, and waits for it."""

    server_url: str
    username: str
    password: str | None = None


def sign_in_dialog(sign_in: SignIn, answers: AutoSignIn | None = None) -> SignInDialog:
    """The sign-in dialog; with a password in ``answers`` it signs in as soon as the
    event loop runs."""
    dialog = SignInDialog(sign_in)
    if answers is None:
        return dialog
    if not dialog.server.isReadOnly():  # a profile signed in before keeps its server
        dialog.server.setText(answers.server_url)
    dialog.username.setText(answers.username)
    if answers.password:
        dialog.password.setText(answers.password)
        QTimer.singleShot(0, dialog.submit)
    return dialog


def main(
    argv: Sequence[str] | None = None,
    *,
    profile_dir: Path | None = None,
    sign_in_as: AutoSignIn | None = None,
) -> int:
    """Sign in, then run the main window until it is closed; the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    app = create_application(argv)
    profile = Profile(profile_dir or Profile.default_directory())
    preferences = Preferences.load(profile.directory / PREFERENCES_FILE)
    install_translation(app, chosen_language(preferences.language))
    dialog = sign_in_dialog(SignIn(profile), sign_in_as)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return 0
    window = MainWindow(dialog.session)
    window.show()
    try:
        return app.exec()
    finally:
        window.shut_down()
        delete_now(window)


def delete_now(widget: QWidget) -> None:
    """Delete a window while the application exists: left to the interpreter's exit,
    its charts may be torn down after QApplication (a crash on quitting)."""
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


if __name__ == "__main__":
    sys.exit(main())
