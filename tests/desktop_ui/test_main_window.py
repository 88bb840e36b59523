"""The main window: sync in a background QThread with a status area that tells the
truth (online, pending, last synced, errors with a retry button), the case list kept
current by sync, and the idle lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QThread, Slot
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_builders import PASSWORD, DesktopFakeServer, shown_window

from desktop.sync.status import Connection, StatusSnapshot
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording

SYNC_TIMEOUT = 8000


def elsewhere(server: DesktopFakeServer) -> Case:
    """A case another counselor recorded; it is on the server only."""
    by = Recording("counselor.park", "laptop-2")
    company = Company.register(
        business_number=with_check_digit("307864521"),
        name="새봄센서",
        region="daejeon",
        industry="산업용 센서",
        size="micro",
        has_research_lab=False,
        by=by,
    )
    case = Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="online",
        service="difficulty_resolution",
        description="센서 출력 드리프트",
        by=by,
    )
    server.add_canonical(company, case)
    return case


def record_a_case(window: MainWindow) -> None:
    form = window.intake
    window.show_intake()
    form.business_number.setText("214-86-18758")
    form.company_name.setText("다래정밀(주)")
    form.industry.setText("금속 가공")
    form.company_size.setCurrentIndex(form.company_size.findData("small"))
    form.description.setPlainText("절삭 공구 마모가 빠릅니다.")
    assert form.save() is not None


def synced(window: MainWindow) -> bool:
    area = window.sync_area
    return area.connection.text() == "온라인" and area.last_synced.text().startswith(
        "마지막 동기화"
    )


class ThreadProbe(QObject):
    """Records on which thread each status snapshot reaches the GUI side."""

    def __init__(self) -> None:
        super().__init__()
        self.on_gui_thread: list[bool] = []

    @Slot(object)
    def seen(self, _snapshot: object) -> None:
        self.on_gui_thread.append(QThread.currentThread() is QApplication.instance().thread())


def test_sync_runs_off_the_gui_thread_and_the_status_arrives_on_it(
    qtbot: QtBot, window: MainWindow, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_threads: set[int] = set()
    catch_up_threads: set[int] = set()
    original = session.read_model.catch_up

    def catch_up(workspace: object, *pause: object) -> object:
        catch_up_threads.add(threading.get_ident())
        return original(workspace, *pause)  # type: ignore[arg-type]

    monkeypatch.setattr(session.read_model, "catch_up", catch_up)
    window.sync.engine.status.subscribe(
        lambda s: sync_threads.add(threading.get_ident()) if s.syncing else None
    )
    probe = ThreadProbe()
    window.sync.status_changed.connect(probe.seen)

    window.sync.start()
    qtbot.waitUntil(lambda: synced(window), timeout=SYNC_TIMEOUT)
    record_a_case(window)  # the GUI thread only adds what it recorded itself
    qtbot.waitUntil(lambda: window.sync_area.pending.text() == "보낼 기록 0건")

    gui = threading.get_ident()
    assert sync_threads and gui not in sync_threads
    assert catch_up_threads and gui not in catch_up_threads
    assert probe.on_gui_thread and all(probe.on_gui_thread)


def test_a_case_from_another_counselor_appears_after_sync(
    qtbot: QtBot, window: MainWindow, server: DesktopFakeServer
) -> None:
    elsewhere(server)

    window.sync.start()

    qtbot.waitUntil(lambda: window.cases.total == 1, timeout=SYNC_TIMEOUT)
    assert window.cases.case_row(0).company_name == "새봄센서"
    assert window.list_page.count.text() == "전체 1건"


def test_the_list_refreshes_in_the_windows_turn_and_gives_it_back_after_painting(
    qtbot: QtBot, window: MainWindow, server: DesktopFakeServer
) -> None:
    elsewhere(server)
    turns = window.sync.engine.turns
    during_refresh: list[bool] = []
    refresh = window.list_page.refresh

    def watched_refresh() -> None:
        during_refresh.append(turns.in_foreground)
        refresh()

    window.list_page.refresh = watched_refresh  # type: ignore[method-assign]

    window.sync.start()

    qtbot.waitUntil(lambda: window.cases.total == 1, timeout=SYNC_TIMEOUT)
    assert during_refresh and all(during_refresh)
    qtbot.waitUntil(lambda: not turns.in_foreground, timeout=SYNC_TIMEOUT)


def test_a_case_recorded_here_is_sent_and_then_marked_synced(
    qtbot: QtBot, window: MainWindow, server: DesktopFakeServer
) -> None:
    record_a_case(window)
    assert window.cases.data(window.cases.index(0, 8)) == "전송 대기 1건"

    window.sync.start()

    qtbot.waitUntil(
        lambda: window.cases.data(window.cases.index(0, 8)) == "동기화됨", timeout=SYNC_TIMEOUT
    )
    assert server.head == 2  # the company and the case
    assert window.sync_area.pending.text() == "보낼 기록 0건"


def test_when_the_server_goes_away_the_window_says_so_and_keeps_working(
    qtbot: QtBot, window: MainWindow, server: DesktopFakeServer, session: Session
) -> None:
    window.sync.start()
    qtbot.waitUntil(lambda: synced(window), timeout=SYNC_TIMEOUT)

    server.down = True
    record_a_case(window)

    area = window.sync_area
    qtbot.waitUntil(lambda: area.connection.text() == "오프라인", timeout=SYNC_TIMEOUT)
    assert "서버에 연결할 수 없습니다" in area.error.text()
    assert area.pending.text() == "보낼 기록 2건"
    assert window.cases.total == 1  # the list still works, and shows the new case
    server.down = False  # back: the retries (with backoff) get through on their own
    qtbot.waitUntil(
        lambda: area.pending.text() == "보낼 기록 0건" and synced(window) and area.error.isHidden(),
        timeout=SYNC_TIMEOUT,
    )


def test_the_retry_button_shows_with_an_error_and_syncs_at_once(
    qtbot: QtBot, themed_app: QApplication, window: MainWindow
) -> None:
    area = window.sync_area
    area.show_status(
        StatusSnapshot(
            connection=Connection.OFFLINE, last_error="서버에 연결할 수 없습니다.", pending=3
        )
    )
    assert area.retry.isVisibleTo(window)
    assert area.pending.text() == "보낼 기록 3건"

    area.retry.click()  # the sync thread was not running: it starts

    qtbot.waitUntil(lambda: synced(window), timeout=SYNC_TIMEOUT)
    assert not area.retry.isVisibleTo(window)


def test_a_long_first_pull_shows_progress_with_an_eta(
    themed_app: QApplication, window: MainWindow
) -> None:
    from desktop.sync.status import PullProgress

    window.sync_area.show_status(
        StatusSnapshot(
            connection=Connection.ONLINE, syncing=True, pull=PullProgress(25_000, 100_000, 90)
        )
    )

    assert window.sync_area.progress.isVisibleTo(window)
    assert window.sync_area.progress_label.text() == "받는 중 25,000 / 100,000 (약 2분 남음)"


# The idle lock ----------------------------------------------------------------------


@pytest.fixture
def lockable(qtbot: QtBot, themed_app: QApplication, session: Session) -> Iterator[MainWindow]:
    with shown_window(qtbot, session, idle_lock_ms=150) as main:
        yield main


def test_the_window_locks_after_the_idle_time(qtbot: QtBot, lockable: MainWindow) -> None:
    qtbot.waitUntil(lambda: lockable.locked, timeout=3000)

    assert lockable.screens.currentWidget() is lockable.lock_screen
    assert not lockable.list_page.isVisible()  # nothing of the cases stays on screen


@pytest.fixture
def slow_to_lock(qtbot: QtBot, themed_app: QApplication, session: Session) -> Iterator[MainWindow]:
    with shown_window(qtbot, session, idle_lock_ms=600) as main:
        yield main


def test_typing_and_moving_the_mouse_postpone_the_lock(
    qtbot: QtBot, slow_to_lock: MainWindow
) -> None:
    window = slow_to_lock.windowHandle()
    started = time.monotonic()
    for step in range(12):  # 1.2 s of input, twice the idle time
        if step % 2:
            QTest.keyClick(window, Qt.Key.Key_Shift)
        else:
            QTest.mouseMove(window, QPoint(100 + step, 100))
        qtbot.wait(100)
        assert not slow_to_lock.locked, f"locked after {time.monotonic() - started:.2f} s"

    qtbot.waitUntil(lambda: slow_to_lock.locked, timeout=3000)


def test_a_wrong_password_keeps_it_locked_and_says_so(qtbot: QtBot, lockable: MainWindow) -> None:
    lockable.lock()
    screen = lockable.lock_screen
    screen.password.setText("wrong-password")

    screen.unlock_button.click()

    qtbot.waitUntil(lambda: screen.error.isVisibleTo(lockable), timeout=3000)
    assert screen.error.text() == "비밀번호가 맞지 않습니다. 다시 입력해 주세요."
    assert lockable.locked


def test_the_password_unlocks_it(qtbot: QtBot, lockable: MainWindow) -> None:
    lockable.lock()
    lockable.lock_screen.password.setText(PASSWORD)

    with qtbot.waitSignal(lockable.lock_screen.unlocked, timeout=3000):
        lockable.lock_screen.unlock_button.click()

    assert not lockable.locked
    assert lockable.list_page.isVisible()


def test_ctrl_l_locks_at_once(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert window.locked


def test_the_lock_time_comes_from_the_settings(window: MainWindow, session: Session) -> None:
    assert window.idle.timeout_ms == session.preferences.idle_lock_minutes * 60_000
