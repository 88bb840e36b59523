"""The role queues' pages: the liaison's 받은 요청, central staff's 출연연 지정 대기 and
만족도 조사. Each records through the domain, or shows why not in Korean and records
nothing; after a recording the case leaves (or moves in) its queue."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from queue_builders import CENTRAL_USER, LIAISON_USER, QueueCases, open_as
from ui_builders import NOW, DesktopFakeServer, engine_for

from desktop.local.credentials import SignedInUser
from desktop.local.read_model import CaseListQuery
from desktop.ui.assignment_queue import AssignmentQueuePage
from desktop.ui.inbox import InboxPage
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_page import QueuePage
from desktop.ui.session import Session
from desktop.ui.survey_entry import SurveyEntryPage
from domain.case import Case
from domain.case_status import CaseStatus


class Opened:
    """A session of one user over ``stage_cases``, and the pages made on it."""

    def __init__(self, user: SignedInUser, directory: Path, server: DesktopFakeServer) -> None:
        self.session, self.cases = open_as(user, directory, server)
        self.query = CaseListQuery(self.session.profile.store_path)

    def pending(self, case_id: UUID) -> list[Any]:
        return [p.entry.event() for p in self.session.workspace.pending_for(case_id)]

    def close(self) -> None:
        self.query.close()
        self.session.close()


@pytest.fixture
def as_user(
    tmp_path: Path, server: DesktopFakeServer, themed_app: QApplication
) -> Iterator[Callable[[SignedInUser], Opened]]:
    opened: list[Opened] = []

    def open_one(user: SignedInUser) -> Opened:
        opened.append(Opened(user, tmp_path / user.username, server))
        return opened[-1]

    yield open_one
    for one in opened:
        one.close()


def shown(qtbot: QtBot, page: QWidget) -> Any:
    qtbot.addWidget(page)
    page.resize(1320, 640)
    page.show()
    return page


def statuses(page: QueuePage) -> dict[UUID, CaseStatus]:
    model = page.model
    return {model.case_row(r).case_id: model.case_row(r).status for r in range(model.rowCount())}


# 받은 요청 --------------------------------------------------------------------------


@pytest.fixture
def liaison(as_user: Callable[[SignedInUser], Opened]) -> Opened:
    return as_user(LIAISON_USER)


@pytest.fixture
def inbox(qtbot: QtBot, liaison: Opened) -> InboxPage:
    return shown(qtbot, InboxPage(liaison.session, liaison.query, clock=lambda: NOW))


def test_the_inbox_shows_the_institutes_cases_with_the_waiting_one_selected_first(
    inbox: InboxPage, liaison: Opened
) -> None:
    c: QueueCases = liaison.cases

    assert statuses(inbox) == {
        c.assigned_to_kimm.id: CaseStatus.ASSIGNED,
        c.accepted_by_kimm.id: CaseStatus.ACCEPTED,
    }
    assert inbox.selected_row() is not None
    assert inbox.selected_row().case_id == c.assigned_to_kimm.id  # type: ignore[union-attr]
    assert inbox.count.text() == "전체 2건 · 수락 대기 1건"
    assert inbox.accept_button.isEnabled()


def test_accepting_moves_the_case_out_of_waiting_and_tells_the_window(
    qtbot: QtBot, inbox: InboxPage, liaison: Opened
) -> None:
    case_id = liaison.cases.assigned_to_kimm.id

    with qtbot.waitSignal(inbox.recorded) as recorded:
        qtbot.mouseClick(inbox.accept_button, Qt.MouseButton.LeftButton)

    assert recorded.args == [case_id]
    assert [type(e) for e in liaison.pending(case_id)] == [Case.AssignmentAccepted]
    assert statuses(inbox)[case_id] is CaseStatus.ACCEPTED
    assert inbox.count.text() == "전체 2건 · 수락 대기 0건"
    assert not inbox.accept_button.isEnabled()
    assert "수락했습니다" in inbox.notice.text()


def test_declining_without_a_reason_says_so_in_korean_and_records_nothing(
    qtbot: QtBot, inbox: InboxPage, liaison: Opened
) -> None:
    case_id = liaison.cases.assigned_to_kimm.id

    with qtbot.assertNotEmitted(inbox.recorded):
        qtbot.mouseClick(inbox.decline_button, Qt.MouseButton.LeftButton)

    assert inbox.reason_field.message == "반려 사유을(를) 입력해 주세요."
    assert liaison.pending(case_id) == []
    assert statuses(inbox)[case_id] is CaseStatus.ASSIGNED


def test_declining_with_a_reason_takes_the_case_out_of_the_inbox(
    qtbot: QtBot, inbox: InboxPage, liaison: Opened
) -> None:
    case_id = liaison.cases.assigned_to_kimm.id
    inbox.reason.insert("보유 장비가 없습니다")

    with qtbot.waitSignal(inbox.recorded):
        qtbot.mouseClick(inbox.decline_button, Qt.MouseButton.LeftButton)

    [declined] = liaison.pending(case_id)
    assert isinstance(declined, Case.AssignmentDeclined)
    assert declined.reason == "보유 장비가 없습니다"
    assert case_id not in statuses(inbox)
    assert inbox.reason.text() == ""


def test_an_accepted_case_offers_no_accept_or_decline(inbox: InboxPage, liaison: Opened) -> None:
    inbox.select_case(liaison.cases.accepted_by_kimm.id)

    assert not inbox.accept_button.isEnabled()
    assert not inbox.decline_button.isEnabled()
    assert "상세 화면" in inbox.state_hint.text()


def test_enter_on_a_row_asks_for_the_case_detail(
    qtbot: QtBot, inbox: InboxPage, liaison: Opened
) -> None:
    inbox.table.setFocus()

    with qtbot.waitSignal(inbox.case_activated) as activated:
        qtbot.keyClick(inbox.table, Qt.Key.Key_Return)

    assert activated.args == [liaison.cases.assigned_to_kimm.id]


def test_the_filtered_model_passes_qts_model_tester(qtmodeltester: Any, inbox: InboxPage) -> None:
    qtmodeltester.check(inbox.model, force_py=False)
    inbox.model.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(inbox.model, force_py=False)


# 출연연 지정 대기 -----------------------------------------------------------------------


@pytest.fixture
def central(as_user: Callable[[SignedInUser], Opened]) -> Opened:
    return as_user(CENTRAL_USER)


@pytest.fixture
def assignment(qtbot: QtBot, central: Opened) -> AssignmentQueuePage:
    return shown(qtbot, AssignmentQueuePage(central.session, central.query, clock=lambda: NOW))


def test_the_assignment_queue_holds_the_cases_without_an_institute(
    assignment: AssignmentQueuePage, central: Opened
) -> None:
    c = central.cases

    assert set(statuses(assignment)) == {c.received.id, c.classified.id, c.declined_by_kimm.id}
    assert assignment.count.text() == "지정할 건 3건"


def test_one_click_assignment_records_it_and_the_case_leaves_the_queue(
    qtbot: QtBot, assignment: AssignmentQueuePage, central: Opened
) -> None:
    case_id = central.cases.classified.id
    assignment.select_case(case_id)
    assert assignment.choose("KRISS")

    with qtbot.waitSignal(assignment.recorded):
        qtbot.mouseClick(assignment.assign_button, Qt.MouseButton.LeftButton)

    [assigned] = central.pending(case_id)
    assert isinstance(assigned, Case.InstituteAssigned)
    assert assigned.institute == "KRISS"
    assert case_id not in statuses(assignment)
    assert assignment.count.text() == "지정할 건 2건"
    assert assignment.selected_row() is not None  # the next case is ready


def test_assigning_without_choosing_says_so_and_records_nothing(
    qtbot: QtBot, assignment: AssignmentQueuePage, central: Opened
) -> None:
    case_id = central.cases.received.id
    assignment.select_case(case_id)

    with qtbot.assertNotEmitted(assignment.recorded):
        qtbot.mouseClick(assignment.assign_button, Qt.MouseButton.LeftButton)

    assert assignment.chooser_field.message == "담당 출연연을 선택해 주세요."
    assert central.pending(case_id) == []


def test_an_institute_that_declined_is_not_offered_and_its_reason_is_shown(
    assignment: AssignmentQueuePage, central: Opened
) -> None:
    assignment.select_case(central.cases.declined_by_kimm.id)

    offered = [assignment.chooser.itemData(i) for i in range(assignment.chooser.count())]
    assert "KIMM" not in offered
    assert "ETRI" in offered
    assert "한국기계연구원 반려: 보유 기술이 없습니다." in assignment.declines.text()
    assert assignment.recommendation.isHidden()


def test_a_recommendation_is_shown_and_chosen_only_when_there_is_one(
    qtbot: QtBot, central: Opened
) -> None:
    page = shown(
        qtbot,
        AssignmentQueuePage(
            central.session, central.query, recommend=lambda case: "KITECH", clock=lambda: NOW
        ),
    )
    page.select_case(central.cases.received.id)

    assert not page.recommendation.isHidden()
    assert "한국생산기술연구원" in page.recommendation.text()
    assert page.chooser.currentData() == "KITECH"


# 만족도 조사 ----------------------------------------------------------------------------


@pytest.fixture
def survey(qtbot: QtBot, central: Opened) -> SurveyEntryPage:
    return shown(qtbot, SurveyEntryPage(central.session, central.query, clock=lambda: NOW))


def test_the_survey_queue_holds_resolved_cases_not_yet_surveyed(
    survey: SurveyEntryPage, central: Opened
) -> None:
    c = central.cases

    assert set(statuses(survey)) == {c.resolved_by_kimm.id, c.closed_unsurveyed.id}
    assert "공정 조건 개선" in survey.summary.text()


def test_a_survey_without_a_score_asks_for_one_from_1_to_5_and_records_nothing(
    qtbot: QtBot, survey: SurveyEntryPage, central: Opened
) -> None:
    case_id = survey.selected_row().case_id  # type: ignore[union-attr]
    survey.comment.setPlainText("좋았습니다")

    with qtbot.assertNotEmitted(survey.recorded):
        qtbot.mouseClick(survey.save_button, Qt.MouseButton.LeftButton)

    assert survey.satisfaction_field.message == "만족도를 1점에서 5점 중에서 골라 주세요."
    assert central.pending(case_id) == []


def test_a_survey_offers_exactly_the_scores_1_to_5(survey: SurveyEntryPage) -> None:
    assert [b.text() for b in survey.scores.buttons()] == ["1", "2", "3", "4", "5"]
    survey.set_satisfaction(6)
    assert survey.satisfaction is None


def test_a_saved_survey_is_recorded_and_the_case_leaves_the_queue(
    qtbot: QtBot, survey: SurveyEntryPage, central: Opened
) -> None:
    case_id = central.cases.closed_unsurveyed.id
    survey.select_case(case_id)
    qtbot.mouseClick(survey.scores.button(4), Qt.MouseButton.LeftButton)
    survey.comment.setPlainText("  빠른 대응  ")

    with qtbot.waitSignal(survey.recorded):
        qtbot.mouseClick(survey.save_button, Qt.MouseButton.LeftButton)

    [surveyed] = central.pending(case_id)
    assert isinstance(surveyed, Case.FollowUpSurveyed)
    assert (surveyed.satisfaction, surveyed.comment) == (4, "빠른 대응")
    assert case_id not in statuses(survey)
    assert survey.satisfaction is None


# The main window ------------------------------------------------------------------------


def window_for(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session, engine=engine_for(session), start_sync=False, clock=lambda: NOW)
    qtbot.addWidget(window)
    return window


def test_a_liaison_gets_the_inbox_in_the_header_and_central_staff_their_two_queues(
    qtbot: QtBot, liaison: Opened, central: Opened
) -> None:
    for opened, expected in ((liaison, ["받은 요청"]), (central, ["지정 대기", "만족도 조사"])):
        window = window_for(qtbot, opened.session)
        try:
            assert [b.text() for b in window.nav_queues] == expected
        finally:
            window.shut_down()


def test_a_liaison_starts_on_the_inbox_and_is_offered_no_intake(
    qtbot: QtBot, liaison: Opened
) -> None:
    window = window_for(qtbot, liaison.session)
    try:
        window.show_intake()

        assert window.pages.currentWidget() is window.queues[0].page
        assert window.nav_intake.isHidden()
        assert window.list_page.new_case.isHidden()
    finally:
        window.shut_down()


def test_central_staff_start_on_the_case_list_without_the_intake_form(
    qtbot: QtBot, central: Opened
) -> None:
    window = window_for(qtbot, central.session)
    try:
        assert window.pages.currentWidget() is window.list_page
        assert window.nav_intake.isHidden()
    finally:
        window.shut_down()


def test_a_recording_in_a_queue_reaches_the_windows_sync(qtbot: QtBot, liaison: Opened) -> None:
    window = window_for(qtbot, liaison.session)
    inbox = window.queues[0].page
    assert isinstance(inbox, InboxPage)
    try:
        qtbot.mouseClick(window.nav_queues[0], Qt.MouseButton.LeftButton)
        assert window.pages.currentWidget() is inbox
        # Not syncing: the controller answers ``recorded`` with a status update.
        with qtbot.waitSignal(window.sync.status_changed):
            inbox.accept()
    finally:
        window.shut_down()


# Refreshing while someone types -----------------------------------------------------------


def test_a_refresh_from_sync_keeps_the_reason_being_typed(
    inbox: InboxPage, liaison: Opened
) -> None:
    inbox.reason.insert("검토 중인 사유")

    inbox.refresh()

    assert inbox.selected_row().case_id == liaison.cases.assigned_to_kimm.id  # type: ignore[union-attr]
    assert inbox.reason.text() == "검토 중인 사유"


def test_sorting_keeps_the_selected_case_and_the_chosen_institute(
    assignment: AssignmentQueuePage, central: Opened
) -> None:
    case_id = central.cases.classified.id
    assignment.select_case(case_id)
    assignment.choose("KRISS")

    assignment.model.sort(0, Qt.SortOrder.AscendingOrder)

    assert assignment.selected_row().case_id == case_id  # type: ignore[union-attr]
    assert assignment.chooser.currentData() == "KRISS"


def test_a_narrow_window_gives_the_page_buttons_the_room_of_the_centers_name(
    qtbot: QtBot, central: Opened
) -> None:
    window = window_for(qtbot, central.session)
    try:
        window.resize(1440, 820)
        window.show()
        assert window.center_name.isVisible()
        assert "통합센터 직원" in window.who.text()

        window.resize(1100, 680)
        qtbot.waitUntil(lambda: not window.center_name.isVisible())

        assert window.who.text() == central.session.user.display_name
        assert "통합센터 직원" in window.who.toolTip()
        header = window.header
        for button in window.nav.buttons():
            if not button.isHidden():
                assert button.width() >= button.sizeHint().width()
        assert header.width() <= window.width()
    finally:
        window.shut_down()
