"""The composition root: ``dari`` opens the sign-in dialog on the chosen profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import create_application, main
from desktop.ui.fonts import FAMILY
from desktop.ui.sign_in import SignInDialog


def test_the_application_is_themed_with_the_korean_font(themed_app: QApplication) -> None:
    app = create_application([])

    assert app is themed_app
    assert app.font().family() == FAMILY


def test_closing_the_sign_in_dialog_ends_the_program_quietly(
    themed_app: QApplication, tmp_path: Path
) -> None:
    seen: list[object] = []

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if dialog is not None:
            dialog.close()

    QTimer.singleShot(200, close_the_dialog)

    assert main([], profile_dir=tmp_path / "profile") == 0
    assert len(seen) == 1 and isinstance(seen[0], SignInDialog)
    assert not (tmp_path / "profile" / "credentials.json").exists()
