"""The conflicts panel (충돌): both sides of each open conflict on the server and of
each pending event here that will conflict; central staff resolve, others read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from uuid import UUID, uuid4

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_builders import USERNAME, DesktopFakeServer, engine_for

from desktop.qtmodels.conflict_table import ConflictTableModel
from desktop.sync.conflict_list import ConflictSource
from desktop.sync.engine import SyncEngine
from desktop.ui.conflicts import ConflictsPanel
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording

LOAD_TIMEOUT = 5000
ELSEWHERE = Recording("counselor.park", "laptop-2")
CENTRAL_ELSEWHERE = Recording("central.choi", "desk-3")


def a_case_assigned_to_kimm(server: DesktopFakeServer, number: str, description: str) -> Case:
    """A case recorded and assigned to KIMM elsewhere; it is on the server only."""
    company = Company.register(
        business_number=with_check_digit(number),
        name="새봄센서",
        region="daejeon",
        industry="산업용 센서",
        size="micro",
        has_research_lab=False,
        by=ELSEWHERE,
    )
    case = Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="online",
        service="difficulty_resolution",
        description=description,
        by=ELSEWHERE,
    )
    case.assign_institute("KIMM", by=CENTRAL_ELSEWHERE)
    server.add_canonical(company, case)
    return case


def accepted_here(session: Session, case_id: UUID) -> None:
    case = session.workspace.load_case(case_id)
    case.accept_assignment("KIMM", by=session.recording())
    session.workspace.record(case)


def reassigned_to_etri(session: Session, case_id: UUID) -> Case:
    case = session.workspace.store.case(case_id)
    case.assign_institute("ETRI", by=CENTRAL_ELSEWHERE)
    return case


def a_server_conflict(session: Session, server: DesktopFakeServer) -> UUID:
    """The user accepted KIMM's assignment here while central staff reassigned the case
    to ETRI; the push makes a conflict on the server."""
    case = a_case_assigned_to_kimm(server, "307864521", "센서 출력 드리프트")
    engine = SyncEngine(session.workspace, session.connect())
    engine.sync_once()
    accepted_here(session, case.id)
    server.add_canonical(reassigned_to_etri(session, case.id))
    engine.sync_once()
    engine.client.close()
    assert len(server.conflicts) == 1
    return server.conflicts[0].conflict_id


def a_local_conflict(session: Session, server: DesktopFakeServer) -> UUID:
    """The same, but the reassignment was pulled before the acceptance was pushed."""
    case = a_case_assigned_to_kimm(server, "214861875", "금형 냉각 불균일")
    engine = SyncEngine(session.workspace, session.connect())
    engine.sync_once()
    engine.client.close()
    accepted_here(session, case.id)
    [reassignment] = reassigned_to_etri(session, case.id).collect_events()
    workspace = session.workspace
    workspace.add_canonical([(uuid4(), reassignment)], workspace.cursor)  # type: ignore[list-item]
    return case.id


@pytest.fixture
def panels(qtbot: QtBot, themed_app: QApplication) -> Iterator[Callable[[Session], ConflictsPanel]]:
    def open_panel(session: Session) -> ConflictsPanel:
        panel = ConflictsPanel(session)
        qtbot.addWidget(panel)
        panel.resize(1200, 700)
        panel.show()
        with qtbot.waitSignal(panel.loaded, timeout=LOAD_TIMEOUT):
            panel.refresh()
        return panel

    yield open_panel


def rows_of(model: ConflictTableModel, source: ConflictSource) -> list[int]:
    return [row for row, item in enumerate(model.items) if item.source is source]


def test_the_panel_shows_both_sides_of_a_server_conflict_and_a_local_one(
    panels: Callable[[Session], ConflictsPanel],
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
    qtmodeltester: object,
) -> None:
    session = open_session()
    a_server_conflict(session, server)
    a_local_conflict(session, server)

    panel = panels(session)

    model = panel.model
    [on_server] = rows_of(model, ConflictSource.SERVER)
    [local] = rows_of(model, ConflictSource.LOCAL)
    assert model.data(model.index(on_server, 0)) == "서버 충돌"
    assert model.data(model.index(local, 0)) == "충돌 예상 (미전송)"
    assert model.data(model.index(on_server, 1)) == "새봄센서 · 센서 출력 드리프트"
    assert "counselor.kim" in model.data(model.index(on_server, 2))
    assert "한국기계연구원 지정 수락" in model.data(model.index(on_server, 2))
    assert "한국전자통신연구원" in model.data(model.index(on_server, 3))
    assert "한국전자통신연구원" in model.data(model.index(local, 3))
    assert panel.count.text() == "서버 충돌 1건 · 충돌 예상 1건"
    qtmodeltester.check(model)  # type: ignore[attr-defined]

    panel.table.selectRow(on_server)
    canonical, held = panel.canonical_side.text(), panel.held_side.text()
    assert "한국전자통신연구원" in canonical and "central.choi" in canonical
    assert "한국기계연구원 지정 수락" in held and "counselor.kim" in held
    assert panel.reason.text().startswith("충돌 사유:")


def test_a_counselor_reads_a_server_conflict_without_a_resolve_button(
    panels: Callable[[Session], ConflictsPanel],
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
) -> None:
    session = open_session()
    a_server_conflict(session, server)

    panel = panels(session)
    panel.table.selectRow(0)

    assert not panel.resolve_row.isVisibleTo(panel)
    assert "통합센터 직원" in panel.read_only_note.text()


def test_central_staff_resolve_a_conflict_and_it_leaves_the_list(
    qtbot: QtBot,
    panels: Callable[[Session], ConflictsPanel],
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
) -> None:
    server.roles[USERNAME] = "central"
    session = open_session()
    conflict_id = a_server_conflict(session, server)
    panel = panels(session)
    panel.table.selectRow(0)
    assert panel.resolve_row.isVisibleTo(panel)

    panel.note.setText("기계 분야라 ETRI 지정 유지")
    with qtbot.waitSignal(panel.resolved, timeout=LOAD_TIMEOUT):
        panel.keep_button.click()
    qtbot.waitUntil(lambda: not panel.busy, timeout=LOAD_TIMEOUT)

    [resolution] = server.resolutions
    assert resolution.decision == "keep_canonical"
    assert resolution.note == "기계 분야라 ETRI 지정 유지"
    assert [c.status for c in server.conflicts if c.conflict_id == conflict_id] == ["resolved"]
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisibleTo(panel)
    assert "기존 기록 유지" in panel.notice.text()


def test_a_decision_needs_a_reason(
    panels: Callable[[Session], ConflictsPanel],
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
) -> None:
    server.roles[USERNAME] = "central"
    session = open_session()
    a_server_conflict(session, server)
    panel = panels(session)
    panel.table.selectRow(0)

    panel.keep_button.click()

    assert panel.decision_error.text() == "해결 사유를 입력해 주세요."
    assert server.resolutions == []


def test_offline_the_panel_keeps_the_last_list_and_says_so(
    qtbot: QtBot,
    panels: Callable[[Session], ConflictsPanel],
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
) -> None:
    session = open_session()
    a_server_conflict(session, server)
    panel = panels(session)

    server.down = True
    with qtbot.waitSignal(panel.loaded, timeout=LOAD_TIMEOUT):
        panel.refresh()

    assert "마지막으로 받은 목록을 표시합니다" in panel.banner.text()
    assert panel.banner.isVisibleTo(panel)
    assert panel.model.rowCount() == 1


def test_the_status_areas_conflict_count_opens_the_panel(
    qtbot: QtBot,
    themed_app: QApplication,
    open_session: Callable[[], Session],
    server: DesktopFakeServer,
) -> None:
    session = open_session()
    a_server_conflict(session, server)
    window = MainWindow(session, engine=engine_for(session), start_sync=False)
    qtbot.addWidget(window)
    window.show()
    area = window.sync_area
    try:
        window.sync.start()
        qtbot.waitUntil(lambda: area.conflicts.isVisibleTo(window), timeout=LOAD_TIMEOUT)
        assert area.conflicts.text() == "서버 충돌 1건"

        area.conflicts.click()

        assert window.pages.currentWidget() is window.conflicts
        qtbot.waitUntil(lambda: window.conflicts.model.rowCount() == 1, timeout=LOAD_TIMEOUT)
    finally:
        window.shut_down()
