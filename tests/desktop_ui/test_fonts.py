"""The bundled Korean font: Qt must register it from the package itself. A font
installed on the machine would draw Korean anyway (fontconfig falls back to it), so
these tests ask Qt what it loaded from the bundled files, not how text looks."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.ui.fonts import FAMILY, FONT_FILES, bundled_families, resources_directory


def test_the_bundled_korean_font_is_registered_by_qt(themed_app: QApplication) -> None:
    families = bundled_families()

    assert families  # non-empty: Qt loaded the files themselves
    assert FAMILY in families


def test_the_application_draws_with_the_bundled_font(themed_app: QApplication) -> None:
    assert themed_app.font().family() == FAMILY


def test_the_bundled_font_covers_korean(themed_app: QApplication) -> None:
    assert QFontDatabase.WritingSystem.Korean in QFontDatabase.writingSystems(FAMILY)


def test_the_bold_face_is_bundled_too(themed_app: QApplication) -> None:
    assert "Bold" in QFontDatabase.styles(FAMILY)


def test_the_licence_travels_with_the_fonts() -> None:
    fonts = resources_directory() / "fonts"
    licence = (fonts / "OFL.txt").read_text(encoding="utf-8")

    assert all((fonts / name).is_file() for name in FONT_FILES)
    assert "SIL OPEN FONT LICENSE" in licence
    assert "Version 1.1" in licence
    assert "Reserved Font Name" in licence
    assert "NAVER Corporation" in licence
