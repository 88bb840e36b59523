"""End to end through the desktop program's windows: a real ``uvicorn`` sync server (on
SQLite and on PostgreSQL) and two ``MainWindow``s, each on its own profile, signed in
through ``SignIn`` as two counselors of 대전·세종. What one records through its intake
form, offline or not, reaches the other's case list; a server that goes away is said
so, in Korean, and recording goes on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from e2e_rig import PASSWORD, RunningServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.local.credentials import KdfParams
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncEngine
from desktop.sync.profile import Profile
from desktop.ui.main_window import MainWindow
from desktop.ui.session import SignIn
from desktop.ui.theme import apply_theme

CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1)
SYNC_TIMEOUT = 20_000
SYNC_STATE_COLUMN = 8

OpenWindow = Callable[[str], MainWindow]


@pytest.fixture
def open_window(
    qtbot: QtBot, qapp: QApplication, running_server: RunningServer, tmp_path: Path
) -> Iterator[OpenWindow]:
    """``open_window(username)``: signs in on a fresh profile (the first time, so through
    the server) and shows the main window with its sync thread running."""
    apply_theme(qapp)
    windows: list[MainWindow] = []

    def open_one(username: str) -> MainWindow:
        sign_in = SignIn(Profile(tmp_path / f"profile-{username}"), kdf=CHEAP_KDF)
        session = sign_in(running_server.url, username, PASSWORD)
        engine = SyncEngine(
            session.workspace,
            session.connect(),
            wait_timeout=1.0,
            backoff=Backoff(base=0.05, cap=0.3),
        )
        window = MainWindow(session, engine=engine)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield open_one
    for window in windows:
        window.shut_down()


def synced(window: MainWindow) -> bool:
    area = window.sync_area
    return area.connection.text() == "온라인" and area.last_synced.text().startswith(
        "마지막 동기화"
    )


def offline(window: MainWindow) -> bool:
    return window.sync_area.connection.text() == "오프라인"


def record_through_the_intake_form(window: MainWindow, company: str) -> None:
    form = window.intake
    window.show_intake()
    form.business_number.setText("214-86-18758")
    form.company_name.setText(company)
    form.industry.setText("금속 가공")
    form.company_size.setCurrentIndex(form.company_size.findData("small"))
    form.description.setPlainText("절삭 공구 마모가 빠릅니다.")
    assert form.save() is not None


def sync_state_of_first_row(window: MainWindow) -> object:
    return window.cases.data(window.cases.index(0, SYNC_STATE_COLUMN))


def test_a_case_recorded_offline_in_one_window_reaches_the_other_window(
    qtbot: QtBot, open_window: OpenWindow, running_server: RunningServer
) -> None:
    kim, park = open_window("counselor.kim"), open_window("counselor.park")
    qtbot.waitUntil(lambda: synced(kim) and synced(park), timeout=SYNC_TIMEOUT)

    running_server.kill()
    qtbot.waitUntil(lambda: offline(kim), timeout=SYNC_TIMEOUT)
    record_through_the_intake_form(kim, "다래정밀(주)")

    assert kim.cases.total == 1
    assert sync_state_of_first_row(kim) == "전송 대기 1건"
    assert park.cases.total == 0

    running_server.start()  # back on the same port: the retries get through by themselves

    qtbot.waitUntil(lambda: sync_state_of_first_row(kim) == "동기화됨", timeout=SYNC_TIMEOUT)
    qtbot.waitUntil(lambda: park.cases.total == 1, timeout=SYNC_TIMEOUT)
    assert park.cases.case_row(0).company_name == "다래정밀(주)"
    assert sync_state_of_first_row(park) == "동기화됨"


def test_when_the_server_goes_away_while_syncing_the_window_says_so_and_records_locally(
    qtbot: QtBot, open_window: OpenWindow, running_server: RunningServer
) -> None:
    kim = open_window("counselor.kim")
    qtbot.waitUntil(lambda: synced(kim), timeout=SYNC_TIMEOUT)

    running_server.kill()  # while the sync thread waits on the server for news

    area = kim.sync_area
    qtbot.waitUntil(lambda: offline(kim), timeout=SYNC_TIMEOUT)
    assert "서버에 연결할 수 없습니다" in area.error.text()
    # 다시 시도 shows between the automatic attempts (hidden while one is under way).
    qtbot.waitUntil(lambda: area.retry.isVisibleTo(kim), timeout=SYNC_TIMEOUT)
    record_through_the_intake_form(kim, "다래정밀(주)")
    assert kim.cases.total == 1
    assert sync_state_of_first_row(kim) == "전송 대기 1건"
    qtbot.waitUntil(lambda: area.pending.text() == "보낼 기록 2건", timeout=SYNC_TIMEOUT)
