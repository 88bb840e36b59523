"""Fixtures of the desktop program's tests: a themed QApplication (offscreen, see
``tests/conftest.py``), profiles with cheap argon2 costs, a demo workspace, and the
fake sync server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_builders import (
    CHEAP_KDF,
    NOW,
    PASSWORD,
    SERVER_URL,
    USERNAME,
    DesktopFakeServer,
    shown_window,
)

from desktop.local.credentials import SignedInUser
from desktop.local.demo_workspace import fill_demo_workspace
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session, SignIn
from desktop.ui.theme import apply_theme


@pytest.fixture(scope="session")
def themed_app(qapp: QApplication) -> QApplication:
    apply_theme(qapp)
    return qapp


@pytest.fixture
def server() -> DesktopFakeServer:
    return DesktopFakeServer()


@pytest.fixture
def connect(server: DesktopFakeServer) -> Callable[[Profile, str], SyncClient]:
    def to_fake(profile: Profile, url: str) -> SyncClient:
        return SyncClient(url, tokens=profile.tokens(), transport=server.transport())

    return to_fake


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return Profile(tmp_path / "profile")


@pytest.fixture
def sign_in(profile: Profile, connect: Callable[[Profile, str], SyncClient]) -> SignIn:
    return SignIn(profile, connect=connect, kdf=CHEAP_KDF)


@pytest.fixture
def open_session(sign_in: SignIn) -> Iterator[Callable[[], Session]]:
    """Sign in (the first time through the fake server); sessions are closed after."""
    sessions: list[Session] = []

    def open_one() -> Session:
        session = sign_in(SERVER_URL, USERNAME, PASSWORD)
        sessions.append(session)
        return session

    yield open_one
    for session in sessions:
        session.close()


@pytest.fixture
def demo_profile(profile: Profile) -> Profile:
    """A profile signed in before (credentials sealed with ``PASSWORD``), holding the
    demo workspace: 36 cases, the last 3 of them recorded here and not yet synced, and
    7 mentoring engagements (the last 2 with events waiting to be sent)."""
    settings = profile.settings()
    profile.save_settings(replace(settings, server_url=SERVER_URL, username=USERNAME))
    credentials = profile.credentials(CHEAP_KDF)
    user = SignedInUser(USERNAME, "김상담", "counselor", "daejeon")
    key = credentials.create(user, PASSWORD)
    with Workspace.open(profile.store_path, cipher_key=key) as workspace:
        fill_demo_workspace(workspace, now=NOW)
    return profile


@pytest.fixture
def session(open_session: Callable[[], Session]) -> Session:
    return open_session()


@pytest.fixture
def window(qtbot: QtBot, themed_app: QApplication, session: Session) -> Iterator[MainWindow]:
    with shown_window(qtbot, session) as main:
        yield main
