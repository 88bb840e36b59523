"""The English switch: with ``dari_en.qm`` installed the sign-in dialog, the case list and
the intake form speak English (no Hangul left but in data such as company and region
names); removing it gives the Korean source texts back. The .ts file translates every
text of the sources, keeps each text's ``{placeholders}``, and the .qm matches it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui_builders import CHEAP_KDF, NOW, PASSWORD, USERNAME, DesktopFakeServer

from desktop.local import credentials as credentials_module
from desktop.local.case_timeline import TimelineBadge
from desktop.local.read_model import CaseListQuery, CompanyDirectory
from desktop.qtmodels.case_table import SLA_COLUMN, SYNC_COLUMN, CaseTableModel
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.sync.status import Connection
from desktop.ui import session as session_module
from desktop.ui import translated_labels
from desktop.ui.case_list import CaseListPage
from desktop.ui.intake import IntakeForm
from desktop.ui.session import USERNAME_FIELD, Session, SignIn
from desktop.ui.sign_in import SignInDialog
from desktop.ui.translation import (
    LANGUAGE_ENVIRONMENT,
    chosen_language,
    install_translation,
    translations_directory,
)
from domain.case_status import CaseStatus
from domain.company import COMPANY_SIZES
from domain.service_details import EXCHANGE_PERIODS, INFORMATION_KINDS
from domain.sla import SlaState

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TS_FILE = translations_directory() / "dari_en.ts"
STATUS_COLUMN = 5


@pytest.fixture
def english(themed_app: QApplication) -> Iterator[QApplication]:
    installed = install_translation(themed_app, "en")
    assert installed, "dari_en.qm did not load"
    yield themed_app
    install_translation(themed_app, "ko")


# What the screens show ---------------------------------------------------------------


def screen_texts(root: QWidget) -> list[str]:
    """Every text a person reads on the screen that the program wrote (not the data:
    line edits' contents and reference-data combo items are left out)."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        texts.append(widget.toolTip())
        if isinstance(widget, QTableView):
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount())
            ]
    return [text for text in texts if text]


def with_hangul(texts: list[str]) -> list[str]:
    return [text for text in texts if HANGUL.search(text)]


def test_the_sign_in_dialog_speaks_english(
    qtbot: QtBot, english: QApplication, sign_in: SignIn
) -> None:
    dialog = SignInDialog(sign_in)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "Dari sign-in"
    assert dialog.sign_in_button.text() == "Sign in"
    assert dialog.fields[USERNAME_FIELD].label.text() == "Username"
    assert dialog.password.placeholderText() == "Password"
    assert with_hangul(screen_texts(dialog)) == []


def test_a_sign_in_message_from_the_session_is_shown_in_english(
    qtbot: QtBot, english: QApplication, sign_in: SignIn
) -> None:
    dialog = SignInDialog(sign_in)
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)

    dialog.sign_in_button.click()
    username = dialog.fields[USERNAME_FIELD]
    qtbot.waitUntil(lambda: bool(username.message), timeout=5000)

    assert username.message == "Please enter your username."


def test_every_korean_message_constant_of_signing_in_is_a_translated_sign_in_message() -> None:
    """lupdate reads only the Qt modules: a message kept as a constant in the Qt-free
    sign-in modules must be listed in ``translated_labels.SIGN_IN_MESSAGES``."""
    constants = [
        value
        for module in (session_module, credentials_module)
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str) and HANGUL.search(value)
    ]

    assert constants
    assert [c for c in constants if c not in translated_labels.SIGN_IN_MESSAGES] == []


@pytest.fixture
def offline_session(
    demo_profile: Profile, connect: Callable[[Profile, str], SyncClient], server: DesktopFakeServer
) -> Iterator[Session]:
    server.down = True
    session = SignIn(demo_profile, connect=connect, kdf=CHEAP_KDF)("", USERNAME, PASSWORD)
    session.read_model.catch_up(session.workspace)
    yield session
    session.close()


@pytest.fixture
def demo_query(offline_session: Session) -> Iterator[CaseListQuery]:
    query = CaseListQuery(offline_session.profile.store_path)
    yield query
    query.close()


def test_the_case_list_speaks_english_but_for_the_data(
    qtbot: QtBot, english: QApplication, demo_query: CaseListQuery
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW)
    page = CaseListPage(model)
    qtbot.addWidget(page)

    assert page.new_case.text() == "New case (Ctrl+N)"
    assert page.count.text() == f"{model.total:,} cases"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "Received"
    assert headers[SLA_COLUMN] == "First response due"
    assert with_hangul(screen_texts(page)) == []
    # Status, SLA and sync columns are fixed label sets: English too, on every row.
    cells = [
        str(model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for column in (STATUS_COLUMN, SLA_COLUMN, SYNC_COLUMN)
    ]
    assert with_hangul(cells) == []
    assert any(cell.endswith(" to send") for cell in cells)


def test_removing_the_translator_brings_korean_back(
    qtbot: QtBot, themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    install_translation(themed_app, "en")
    install_translation(themed_app, "ko")

    model = CaseTableModel(demo_query, clock=lambda: NOW)
    page = CaseListPage(model)
    qtbot.addWidget(page)

    assert page.new_case.text() == "새 접수 (Ctrl+N)"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "접수일시"
    assert page.count.text() == f"전체 {model.total:,}건"


def test_the_intake_form_speaks_english_but_for_the_data(
    qtbot: QtBot, english: QApplication, offline_session: Session
) -> None:
    directory = CompanyDirectory(offline_session.profile.store_path)
    form = IntakeForm(offline_session, directory)
    qtbot.addWidget(form)
    try:
        assert form.save_button.text() == "Save (Ctrl+S)"
        assert form.fields["company.name"].label.text().startswith("Company name")
        assert form.research_lab.text() == "Has a corporate research lab"
        # Domain choice lists are English; reference data (regions, channels) is not ours.
        assert form.company_size.itemText(0) == "Please choose"
        assert form.company_size.itemText(form.company_size.findData("small")) == ("Small business")
        assert with_hangul(screen_texts(form)) == []
        for combo in (form.company_size, form.period, form.information, form.running_royalty):
            assert with_hangul([combo.itemText(i) for i in range(combo.count())]) == []
    finally:
        directory.close()


def test_korean_mode_shows_the_source_texts_byte_for_byte(
    qtbot: QtBot, themed_app: QApplication, sign_in: SignIn
) -> None:
    dialog = SignInDialog(sign_in)
    qtbot.addWidget(dialog)

    assert dialog.windowTitle() == "다리 (Dari) 로그인"
    assert dialog.sign_in_button.text() == "로그인"
    assert translated_labels.sla_text(SlaState.OVERDUE) == "기한 초과"


# The fixed label sets of Qt-free modules -----------------------------------------------


@pytest.mark.parametrize(
    ("context", "labels"),
    [
        (translated_labels.STATUS_CONTEXT, [status.label for status in CaseStatus]),
        (translated_labels.SLA_CONTEXT, [state.label for state in SlaState]),
        (translated_labels.CONNECTION_CONTEXT, [c.label for c in Connection]),
        (translated_labels.BADGE_CONTEXT, [badge.label for badge in TimelineBadge]),
        (
            translated_labels.DOMAIN_CONTEXT,
            [*COMPANY_SIZES.values(), *EXCHANGE_PERIODS.values(), *INFORMATION_KINDS.values()],
        ),
    ],
)
def test_every_label_of_a_fixed_set_has_an_english_translation(
    english: QApplication, context: str, labels: list[str]
) -> None:
    untranslated = [
        label for label in labels if HANGUL.search(QCoreApplication.translate(context, label))
    ]
    assert untranslated == []


# The translation files ------------------------------------------------------------------


def active_messages(ts_file: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message the sources still use."""
    messages = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            messages.append((name, message.findtext("source") or "", translation))
    return messages


def test_every_message_in_the_ts_file_has_a_finished_translation() -> None:
    messages = active_messages(TS_FILE)

    assert len(messages) > 300
    unfinished = [
        (context, source)
        for context, source, translation in messages
        if translation.get("type") == "unfinished" or not (translation.text or "").strip()
    ]
    assert unfinished == [], "run `make translations` and translate these"


def test_every_translation_keeps_its_placeholders_and_leaves_no_hangul() -> None:
    wrong = [
        (context, source, translation.text)
        for context, source, translation in active_messages(TS_FILE)
        if sorted(PLACEHOLDER.findall(source))
        != sorted(PLACEHOLDER.findall(translation.text or ""))
        or HANGUL.search(translation.text or "")
    ]
    assert wrong == []


def test_the_compiled_qm_file_matches_the_ts_file() -> None:
    translator = QTranslator()
    assert translator.load("dari_en", str(translations_directory()))

    stale = [
        (context, source)
        for context, source, translation in active_messages(TS_FILE)
        if translator.translate(context, source) != translation.text
    ]
    assert stale == [], "run `make translations`"


LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_the_ts_file_has_every_text_of_the_sources(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    sources = sorted((root / "desktop" / "ui").glob("*.py"))
    sources += sorted((root / "desktop" / "qtmodels").glob("*.py"))
    sources.append(root / "desktop" / "app.py")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FILE, fresh)

    subprocess.run(
        [str(LUPDATE), "-locations", "none", *map(str, sources), "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )

    missing = [
        (context, source)
        for context, source, translation in active_messages(fresh)
        if translation.get("type") == "unfinished"
    ]
    assert missing == [], "run `make translations` and translate these"


# Choosing the language --------------------------------------------------------------------


def test_the_environment_overrides_the_saved_language() -> None:
    assert chosen_language("ko", {LANGUAGE_ENVIRONMENT: "en"}) == "en"
    assert chosen_language("en", {}) == "en"
    assert chosen_language("en", {LANGUAGE_ENVIRONMENT: "fr"}) == "en"
    assert chosen_language(None, {}) == "ko"
    assert chosen_language("xx", {LANGUAGE_ENVIRONMENT: " EN "}) == "en"
