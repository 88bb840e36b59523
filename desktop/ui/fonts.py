"""The bundled Korean font (NanumGothic, SIL OFL 1.1; see ``desktop/resources/fonts``).

Loaded from the package at startup, so Korean renders on a computer that has no CJK
font installed. A font installed on the machine would hide a failed load (fontconfig
falls back to it), hence ``load_bundled_fonts`` reports what Qt actually registered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FAMILY = "NanumGothic"
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
POINT_SIZE = 10


class FontError(RuntimeError):
    """The bundled font could not be loaded (a broken installation)."""


def resources_directory() -> Path:
    """``desktop/resources`` in a source tree or a wheel; inside a PyInstaller bundle,
    the same folder under ``sys._MEIPASS``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "desktop" / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


_font_ids: list[int] = []


def load_bundled_fonts() -> list[str]:
    """Register the bundled TTFs with Qt (once); returns the families they provide."""
    if not _font_ids:
        for name in FONT_FILES:
            path = resources_directory() / "fonts" / name
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                message = QCoreApplication.translate("Fonts", "글꼴을 불러올 수 없습니다: {path}")
                raise FontError(message.format(path=path))
            _font_ids.append(font_id)
    return bundled_families()


def bundled_families() -> list[str]:
    """The families Qt registered from the bundled files (empty before loading)."""
    families: list[str] = []
    for font_id in _font_ids:
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def use_korean_font(app: QApplication) -> str:
    """Load the bundled font and make it the application's font; returns its family."""
    families = load_bundled_fonts()
    family = FAMILY if FAMILY in families else families[0]
    font = QFont(family, POINT_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    return family
