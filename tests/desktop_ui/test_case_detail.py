"""The case detail page: the timeline's sync badges, the actions each role may take
now, an action recorded through its form (or refused, recording nothing), and the
main window opening the page from the list."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from ui_builders import CHEAP_KDF, NOW, PASSWORD, SERVER_URL, DesktopFakeServer

from desktop.local.case_actions import CaseAction
from desktop.local.credentials import SignedInUser
from desktop.local.demo_workspace import fill_demo_workspace
from desktop.local.workspace import Workspace
from desktop.qtmodels.case_timeline import BADGE, REASON, TEXT
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.ui.case_detail import CaseDetailPage
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session, SignIn
from domain.case import Case
from domain.case_status import CaseStatus
from domain.recording import Recording

COUNSELOR = SignedInUser("counselor.kim", "김상담", "counselor", "daejeon")
LIAISON_ETRI = SignedInUser("liaison.etri", "박연구", "liaison", institute="ETRI")
CENTRAL = SignedInUser("central.lee", "이통합", "central")

OpenAs = Callable[[SignedInUser], Session]


@pytest.fixture
def open_as(
    tmp_path: Path, connect: Callable[[Profile, str], SyncClient], server: DesktopFakeServer
) -> Iterator[OpenAs]:
    """A session on its own demo workspace (36 cases, the last 3 unsynced), signed in
    offline as ``user``, with the lists caught up."""
    server.down = True
    sessions: list[Session] = []

    def open_one(user: SignedInUser) -> Session:
        profile = Profile(tmp_path / user.username)
        settings = profile.settings()
        profile.save_settings(replace(settings, server_url=SERVER_URL, username=user.username))
        credentials = profile.credentials(CHEAP_KDF)
        key = credentials.create(user, PASSWORD)
        with Workspace.open(profile.store_path, cipher_key=key) as workspace:
            fill_demo_workspace(workspace, now=NOW)
        session = SignIn(profile, connect=connect, kdf=CHEAP_KDF)("", user.username, PASSWORD)
        session.read_model.catch_up(session.workspace)
        sessions.append(session)
        return session

    yield open_one
    for session in sessions:
        session.close()


@pytest.fixture
def page_for(qtbot: QtBot, themed_app: QApplication) -> Callable[[Session], CaseDetailPage]:
    def make(session: Session) -> CaseDetailPage:
        page = CaseDetailPage(session, clock=lambda: NOW)
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        return page

    return make


def a_case(session: Session, wanted: Callable[[Case], bool]) -> Case:
    workspace = session.workspace
    return next(c for c in map(workspace.load_case, workspace.case_ids()) if wanted(c))


def column(page: CaseDetailPage, number: int) -> list[str]:
    model = page.timeline
    return [model.index(row, number).data() for row in range(model.rowCount())]


def buttons(page: CaseDetailPage) -> list[str]:
    return [button.text() for button in page.action_buttons.values()]


def test_a_synced_case_shows_its_head_and_a_timeline_of_synced_events(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    case = a_case(session, lambda c: c.status is CaseStatus.CLOSED)
    page = page_for(session)

    page.show_case(case.id)

    assert page.values["status"].text() == "종결"
    assert page.values["region"].text() == "대전·세종"
    assert page.description.toPlainText() == case.description
    assert column(page, BADGE) == ["동기화됨"] * page.timeline.rowCount()
    assert column(page, TEXT)[-1] == "종결"
    assert page.values["first_response"].text() in ("기한 내 처리", "기한 후 처리")


def test_a_case_recorded_here_shows_its_events_waiting_to_be_sent(
    qtmodeltester: ModelTester, open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    [local, *_] = [
        c
        for c in map(session.workspace.load_case, session.workspace.case_ids())
        if session.workspace.pending_for(c.id)
    ]
    page = page_for(session)

    page.show_case(local.id)

    assert set(column(page, BADGE)) == {"전송 대기"}
    qtmodeltester.check(page.timeline, force_py=False)
    assert column(page, TEXT)[0].startswith("접수 (")


def test_a_local_event_overtaken_by_the_server_shows_a_conflict_with_its_reason(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    workspace = session.workspace
    case = a_case(
        session, lambda c: c.status is CaseStatus.RECEIVED and not workspace.pending_for(c.id)
    )
    case.make_first_contact(method="phone", summary="통화", by=session.recording())
    workspace.record(case)
    # Meanwhile central staff withdrew the case; that arrives by pull.
    elsewhere = workspace.store.case(case.id)
    elsewhere.withdraw("기업 요청", by=Recording("central.lee", "desk-11"))
    workspace.add_canonical([(uuid4(), e) for e in elsewhere.collect_events()], cursor=999)
    page = page_for(session)

    page.show_case(case.id)

    assert column(page, BADGE)[-2:] == ["동기화됨", "충돌"]
    assert "'취하' 상태에서는" in column(page, REASON)[-1]


def test_a_counselor_is_not_offered_to_assign_an_institute_or_accept(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    case = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED)
    page = page_for(session)

    page.show_case(case.id)

    assert "출연연 지정" not in buttons(page)
    assert "지정 수락" not in buttons(page)
    assert buttons(page) == ["최초 연락", "메모", "취하", "기업 회신 대기"]


def test_central_staff_are_offered_to_classify_and_assign_a_new_case(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(CENTRAL)
    case = a_case(session, lambda c: c.status is CaseStatus.RECEIVED)
    page = page_for(session)

    page.show_case(case.id)

    assert buttons(page)[:2] == ["분류", "출연연 지정"]


def test_a_liaison_may_accept_or_decline_only_a_case_assigned_to_their_institute(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(LIAISON_ETRI)
    ours = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED and c.institute == "ETRI")
    theirs = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED and c.institute != "ETRI")
    page = page_for(session)

    page.show_case(ours.id)
    offered = buttons(page)
    page.show_case(theirs.id)

    assert offered[:2] == ["지정 수락", "지정 반려"]
    assert buttons(page) == []
    assert page.no_actions.text() == "지금 이 계정으로 이 건에 기록할 수 있는 처리가 없습니다."


def test_an_action_saved_with_enter_is_recorded_and_shown_waiting_to_be_sent(
    qtbot: QtBot, open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    case = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED)
    page = page_for(session)
    page.show_case(case.id)
    pending = session.workspace.pending_count()
    rows = page.timeline.rowCount()

    page.action_buttons[CaseAction.START_WAITING].click()
    assert page.form is not None
    reason = page.form.fields["reason"].editor
    assert isinstance(reason, QLineEdit)
    reason.insert("공정 조건표 회신 대기")
    with qtbot.waitSignal(page.recorded) as recorded:
        qtbot.keyClick(reason, Qt.Key.Key_Return)

    assert recorded.args == [case.id]
    assert session.workspace.pending_count() == pending + 1
    assert page.timeline.rowCount() == rows + 1
    assert column(page, TEXT)[-1] == "기업 회신 대기 시작: 공정 조건표 회신 대기"
    assert column(page, BADGE)[-1] == "전송 대기"
    assert page.timeline.index(rows, 1).data() == "김상담"
    assert page.form is None
    assert "기업 회신 수신" in buttons(page) and "기업 회신 대기" not in buttons(page)
    assert page.values["status"].text().endswith("기업 회신 대기")


def test_central_staff_assign_an_institute_with_the_keyboard_alone(
    qtbot: QtBot, open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(CENTRAL)
    case = a_case(session, lambda c: c.status is CaseStatus.RECEIVED)
    page = page_for(session)
    page.show_case(case.id)
    form = page.open_action(CaseAction.ASSIGN_INSTITUTE)
    combo = form.fields["institute"].editor
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("KIMM"))

    with qtbot.waitSignal(page.recorded):
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    assert session.workspace.load_case(case.id).institute == "KIMM"
    assert column(page, TEXT)[-1] == "담당 출연연 지정: 한국기계연구원"


def test_a_note_keeps_enter_for_new_lines_and_saves_with_ctrl_enter(
    qtbot: QtBot, open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    case = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED)
    page = page_for(session)
    page.show_case(case.id)
    form = page.open_action(CaseAction.NOTE)
    text = form.fields["text"].editor
    assert isinstance(text, QPlainTextEdit)
    text.insertPlainText("첫 줄")
    qtbot.keyClick(text, Qt.Key.Key_Return)
    text.insertPlainText("둘째 줄")
    assert page.form is form

    with qtbot.waitSignal(page.recorded):
        qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert column(page, TEXT)[-1] == "메모: 첫 줄\n둘째 줄"


def test_a_refused_action_shows_the_korean_message_by_the_field_and_records_nothing(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(LIAISON_ETRI)
    case = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED and c.institute == "ETRI")
    page = page_for(session)
    page.show_case(case.id)
    pending = session.workspace.pending_count()

    form = page.open_action(CaseAction.DECLINE)
    assert form.save() is False

    assert form.errors() == {"reason": "반려 사유을(를) 입력해 주세요."}
    assert session.workspace.pending_count() == pending
    assert page.form is form


def test_a_case_changed_under_an_open_form_is_refused_in_korean_above_its_buttons(
    open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    case = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED)
    page = page_for(session)
    page.show_case(case.id)
    form = page.open_action(CaseAction.START_WAITING)
    # Recorded meanwhile (another window, or the same user a moment ago):
    case.start_waiting_on_sme("자료 대기", by=session.recording())
    session.workspace.record(case)
    pending = session.workspace.pending_count()

    form.fields["reason"].editor.setText("공정 조건표 회신 대기")  # type: ignore[attr-defined]

    assert form.save() is False
    assert form.errors() == {"form": "이미 기업 회신을 기다리는 중입니다."}
    assert session.workspace.pending_count() == pending


def test_escape_closes_an_open_form_and_then_goes_back_to_the_list(
    qtbot: QtBot, open_as: OpenAs, page_for: Callable[[Session], CaseDetailPage]
) -> None:
    session = open_as(COUNSELOR)
    case = a_case(session, lambda c: c.status is CaseStatus.ASSIGNED)
    page = page_for(session)
    page.show_case(case.id)
    form = page.open_action(CaseAction.NOTE)

    qtbot.keyClick(form.fields["text"].editor, Qt.Key.Key_Escape)
    assert page.form is None and page.buttons.isVisible()
    with qtbot.waitSignal(page.back_requested):
        qtbot.keyClick(page.table, Qt.Key.Key_Escape)


def test_activating_a_case_in_the_list_opens_its_detail_and_a_recorded_action_refreshes_it(
    qtbot: QtBot, themed_app: QApplication, open_as: OpenAs
) -> None:
    session = open_as(COUNSELOR)
    window = MainWindow(session, start_sync=False, clock=lambda: NOW)
    qtbot.addWidget(window)
    window.show()
    try:
        table = window.list_page.table
        row = next(
            r
            for r in range(window.cases.rowCount())
            if window.cases.case_row(r).status is CaseStatus.ASSIGNED
        )
        case_id: UUID = window.cases.case_id(row)
        pending = window.cases.case_row(row).pending

        table.activated.emit(window.cases.index(row, 1))

        assert window.pages.currentWidget() is window.case_detail
        assert window.case_detail.case_id == case_id
        assert window.case_detail.company.text() == window.cases.case_row(row).company_name

        form = window.case_detail.open_action(CaseAction.NOTE)
        form.fields["text"].editor.setPlainText("현장 방문 일정 조율 중")  # type: ignore[attr-defined]
        assert form.save()
        new_row = window.cases.row_of(case_id)
        assert new_row is not None and window.cases.case_row(new_row).pending == pending + 1

        window.case_detail.back_button.click()
        assert window.pages.currentWidget() is window.list_page
    finally:
        window.shut_down()
