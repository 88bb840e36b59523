"""The desktop program's composition root: ``dari`` without a subcommand.

It makes the Qt application (style, the bundled Korean font, Qt's Korean strings),
signs the user in (``SignInDialog`` over ``SignIn``), then opens the ``MainWindow``,
which syncs in the background until it is closed."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from desktop.sync.profile import Profile
from desktop.ui.main_window import MainWindow
from desktop.ui.session import SignIn
from desktop.ui.sign_in import SignInDialog
from desktop.ui.theme import apply_theme

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
    app.setApplicationDisplayName("다리")
    app.setOrganizationName(ORGANIZATION_NAME)
    apply_theme(app)
    return app


def main(argv: Sequence[str] | None = None, *, profile_dir: Path | None = None) -> int:
    """Sign in, then run the main window until it is closed; the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_application(argv)
    profile = Profile(profile_dir or Profile.default_directory())
    dialog = SignInDialog(SignIn(profile))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return 0
    window = MainWindow(dialog.session)
    window.show()
    try:
        return app.exec()
    finally:
        window.shut_down()


if __name__ == "__main__":
    sys.exit(main())
