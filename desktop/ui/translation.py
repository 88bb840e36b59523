"""The display language: Korean (the source texts) or English (``dari_en.qm``).

Every screen text is written in Korean inside ``tr()``/``translate()``. For Korean,
only Qt's own strings need a translator (``qtbase_ko``: 확인 / 취소 in standard
dialogs); for English, our ``dari_en.qm`` turns our texts into English and Qt's own
strings are English already. ``DARI_LANGUAGE`` (``ko`` or ``en``) overrides the saved
preference, e.g. ``DARI_LANGUAGE=en dari``.

The .ts/.qm files live in ``desktop/resources/i18n``; ``make translations`` updates
the .ts from the sources and compiles the .qm."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.local.preferences import DEFAULT_LANGUAGE, LANGUAGES
from desktop.ui.fonts import resources_directory

LANGUAGE_ENVIRONMENT = "DARI_LANGUAGE"
"""The environment variable that overrides the saved display language."""

_installed: list[QTranslator] = []


def translations_directory() -> Path:
    return resources_directory() / "i18n"


def chosen_language(preferred: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``DARI_LANGUAGE`` when it names a known language, else ``preferred`` when it
    does, else Korean."""
    environ = os.environ if environ is None else environ
    for candidate in (environ.get(LANGUAGE_ENVIRONMENT, "").strip().lower(), preferred):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def install_translation(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators for ``language`` ("ko" or "en"), replacing the ones this
    function installed before; returns those now installed (empty when none could be
    loaded, e.g. Qt's Korean file is missing: the program then stays usable).

    Widgets made before the call keep their texts: call it before making windows."""
    remove_translation(app)
    translators: list[QTranslator] = []
    if language == "en":
        translator = QTranslator(app)
        if translator.load("dari_en", str(translations_directory())):
            translators.append(translator)
    else:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(QLocale.Language.Korean), "qtbase", "_", folder):
            translators.append(translator)
    for translator in translators:
        app.installTranslator(translator)
    _installed.extend(translators)
    return list(translators)


def installed_translators() -> list[QTranslator]:
    """The translators ``install_translation`` installed and that are still installed."""
    return list(_installed)


def remove_translation(app: QCoreApplication) -> None:
    """Remove every translator ``install_translation`` installed: Korean source texts,
    Qt's own strings in English."""
    while _installed:
        app.removeTranslator(_installed.pop())
