"""The mentoring page: the stage funnel and the filter over the demo engagements, an
engagement's detail, recording through the small forms (a pending entry, the
``recorded`` signal), and the domain's refusals shown in Korean with nothing recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_builders import CHEAP_KDF, PASSWORD, USERNAME, DesktopFakeServer

from desktop.local.read_model import CompanyDirectory
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.ui.main_window import MainWindow
from desktop.ui.mentoring import MentoringPage
from desktop.ui.mentoring_forms import (
    FORM,
    ExchangeGroupForm,
    SessionForm,
    StageForm,
    StartForm,
)
from desktop.ui.session import Session, SignIn
from domain.mentoring import MentoringStage

FUNNEL = [
    "과제선정 5건 (현재 1건)",
    "R&D 4건 (현재 2건)",
    "사업화 3건 (현재 1건)",
    "투·융자 1건 (현재 0건)",
    "해외진출 1건 (현재 1건)",
]


@pytest.fixture
def session(
    demo_profile: Profile, connect: Callable[[Profile, str], SyncClient], server: DesktopFakeServer
) -> Iterator[Session]:
    server.down = True  # all of this works offline
    opened = SignIn(demo_profile, connect=connect, kdf=CHEAP_KDF)("", USERNAME, PASSWORD)
    opened.read_model.catch_up(opened.workspace)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: QtBot, themed_app: QApplication, session: Session) -> Iterator[MentoringPage]:
    directory = CompanyDirectory(session.profile.store_path)
    mentoring = MentoringPage(session, directory)
    qtbot.addWidget(mentoring)
    mentoring.resize(1300, 760)
    mentoring.show()
    yield mentoring
    directory.close()


def select(page: MentoringPage, junior: str) -> UUID:
    for row in range(page.model.rowCount()):
        if page.model.engagement_row(row).junior.name == junior:
            engagement_id = page.model.engagement_id(row)
            assert page.select_engagement(engagement_id)
            return engagement_id
    raise AssertionError(f"no engagement of {junior}")


def test_the_funnel_shows_how_many_engagements_reached_each_stage(page: MentoringPage) -> None:
    assert page.funnel.texts() == FUNNEL
    assert page.funnel_note.text() == "7건 기준 · 단계 진입 전 2건"
    assert page.count.text() == "전체 7건"


def test_the_filter_narrows_the_list_and_the_funnel_follows(page: MentoringPage) -> None:
    page.search.setText("오세영")

    page.apply_filter()

    assert page.model.total == 3
    assert page.count.text() == "검색 결과 3건"
    assert page.funnel.texts()[:2] == ["과제선정 3건 (현재 1건)", "R&D 2건 (현재 2건)"]
    assert page.funnel_note.text() == "검색 결과 3건 기준 · 단계 진입 전 0건"


def test_selecting_an_engagement_shows_its_sessions_tasks_groups_and_timeline(
    page: MentoringPage,
) -> None:
    select(page, "금강에너지")

    view = page.view
    assert page.side.currentWidget() is view
    assert view.title.text() == "금강에너지 ← 멘토 한결모빌리티(주)"
    assert view.stage_badge.text() == "사업화"
    assert view.detail is not None and len(view.detail.sessions) == 4
    assert [task.title for task in view.detail.tasks] == [
        "전기차 배터리 팩 경량 하우징",
        "BMS 열관리 모듈",
    ]
    assert view.detail.exchange_groups == ["대전 모빌리티 부품 교류회"]
    timeline = view.timeline_texts()
    assert timeline[0] == ("멘토링 시작 (코디네이터 한지원)", "동기화됨")
    assert ("단계 진행: 사업화", "동기화됨") in timeline


def test_enter_on_a_row_puts_the_keyboard_on_its_first_action(
    qtbot: QtBot, page: MentoringPage
) -> None:
    select(page, "유성금형")
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=1000)

    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    assert page.view.buttons["session"].hasFocus()
    assert page.view.title.text() == "유성금형 ← 멘토 태양기계"


def test_a_session_recorded_through_the_form_adds_a_pending_entry(
    qtbot: QtBot, page: MentoringPage, session: Session
) -> None:
    engagement_id = select(page, "금강에너지")
    assert page.open_form("session")
    form = page.forms["session"]
    assert isinstance(form, SessionForm)
    form.hours.setText("1.5")
    form.topics.insert("양산 라인 점검, 원가 절감")
    form.know_how.setPlainText("협력사 공정 감사 체크리스트를 공유")

    with qtbot.waitSignal(page.recorded, timeout=1000):
        assert form.save() == engagement_id

    [pending] = session.workspace.pending_for(engagement_id)
    assert pending.entry.topic == "dari.MentoringEngagement.SessionHeld"
    assert page.side.currentWidget() is page.view
    assert page.view.timeline_texts()[-1][1] == "전송 대기"
    row = page.model.row_of(engagement_id)
    assert row is not None
    assert page.model.data(page.model.index(row, 8)) == "전송 대기 1건"
    assert page.model.engagement_row(row).sessions_held == 5


def test_a_session_without_topics_is_explained_next_to_the_field_and_not_recorded(
    qtbot: QtBot, page: MentoringPage, session: Session
) -> None:
    engagement_id = select(page, "금강에너지")
    page.open_form("session")
    form = page.forms["session"]
    assert isinstance(form, SessionForm)
    form.know_how.setPlainText("노하우")

    with qtbot.assertNotEmitted(page.recorded):
        assert form.save() is None

    assert form.errors() == {"topics": "멘토링 주제를 하나 이상 입력해 주세요."}
    assert session.workspace.pending_for(engagement_id) == []
    assert page.side.currentWidget() is form


@pytest.mark.parametrize("typed", ["두 시간", "0", "25"])
def test_hours_that_are_no_number_of_hours_in_a_day_are_explained_next_to_the_field(
    page: MentoringPage, session: Session, typed: str
) -> None:
    engagement_id = select(page, "금강에너지")
    page.open_form("session")
    form = page.forms["session"]
    assert isinstance(form, SessionForm)
    form.hours.setText(typed)
    form.topics.insert("원가 절감")
    form.know_how.setPlainText("노하우")

    assert form.save() is None

    assert form.errors() == {"hours": "멘토링 시간은(는) 0시간 초과 24시간 이하여야 합니다."}
    assert session.workspace.pending_for(engagement_id) == []


def test_going_back_a_stage_without_a_reason_is_refused_in_korean_and_nothing_is_recorded(
    qtbot: QtBot, page: MentoringPage, session: Session
) -> None:
    engagement_id = select(page, "금강에너지")  # at 사업화
    page.open_form("stage")
    form = page.forms["stage"]
    assert isinstance(form, StageForm)
    form.stage.setCurrentIndex(form.stage.findData(MentoringStage.TASK_SELECTION.value))

    with qtbot.assertNotEmitted(page.recorded):
        assert form.save() is None

    assert form.errors() == {
        "reason": "'사업화'에서 '과제선정'(으)로 되돌아가려면 사유를 입력해 주세요."
    }
    assert form.reason.property("invalid") is True
    assert session.workspace.pending_for(engagement_id) == []


def test_the_stage_form_offers_the_next_stage(page: MentoringPage) -> None:
    select(page, "유성금형")  # at R&D

    page.open_form("stage")

    form = page.forms["stage"]
    assert isinstance(form, StageForm)
    assert form.stage.currentText() == "사업화"


def test_a_concluded_engagement_offers_no_actions(page: MentoringPage) -> None:
    select(page, "청솔바이오")

    assert page.view.stage_badge.text() == "해외진출 · 종료"
    assert not any(button.isEnabled() for button in page.view.buttons.values())


def test_a_new_engagement_is_started_for_companies_found_in_the_directory(
    qtbot: QtBot, page: MentoringPage, session: Session
) -> None:
    page.start_new()
    form = page.start_form
    assert isinstance(form, StartForm)
    form.junior.insert("서림")
    form.senior.insert("태양기계")
    form.coordinator.insert("한지원")

    with qtbot.waitSignal(page.recorded, timeout=1000):
        engagement_id = form.save()

    assert engagement_id is not None
    assert page.selected_engagement_id() == engagement_id
    assert page.view.title.text() == "서림텍스타일 ← 멘토 태양기계"
    assert len(session.workspace.pending_for(engagement_id)) == 1
    assert page.model.total == 8


def test_starting_without_companies_shows_every_message_at_once(
    page: MentoringPage, session: Session
) -> None:
    before = session.workspace.pending_count()
    page.start_new()

    assert page.start_form.save() is None

    assert page.start_form.errors() == {
        "junior_company_id": "후배 기업을 찾아 목록에서 선택해 주세요.",
        "senior_company_id": "선배 기업을 찾아 목록에서 선택해 주세요.",
        "coordinator": "전담 코디네이터을(를) 입력해 주세요.",
    }
    assert session.workspace.pending_count() == before


def test_a_company_cannot_mentor_itself(page: MentoringPage, session: Session) -> None:
    before = session.workspace.pending_count()
    page.start_new()
    form = page.start_form
    directory = CompanyDirectory(session.profile.store_path)
    [row] = directory.find("태양기계")
    directory.close()
    form.junior.choose(row)
    form.senior.choose(row)
    form.coordinator.insert("한지원")

    assert form.save() is None

    assert form.errors() == {"junior_company_id": "선배 기업과 후배 기업은 서로 달라야 합니다."}
    assert FORM not in form.errors()
    assert session.workspace.pending_count() == before


def test_the_main_window_has_a_mentoring_page_for_a_counselor(
    qtbot: QtBot, themed_app: QApplication, session: Session
) -> None:
    window = MainWindow(session, start_sync=False)
    qtbot.addWidget(window)
    window.show()

    window.nav_mentoring.click()

    assert window.nav_mentoring.isVisibleTo(window)
    assert window.mentoring is not None
    assert window.pages.currentWidget() is window.mentoring
    window.shut_down()


def test_a_record_on_the_mentoring_page_counts_as_waiting_to_be_sent(
    qtbot: QtBot, themed_app: QApplication, session: Session
) -> None:
    window = MainWindow(session, start_sync=False)
    qtbot.addWidget(window)
    window.show_mentoring()
    page = window.mentoring
    assert page is not None
    select(page, "유성금형")
    page.open_form("group")
    form = page.forms["group"]
    assert isinstance(form, ExchangeGroupForm)
    form.group.insert("대전 금형 교류회")

    assert form.save() is not None

    waiting = session.workspace.pending_count()
    assert window.sync_area.pending.text() == f"보낼 기록 {waiting}건"
    assert "멘토링 기록을 저장했습니다" in window.statusBar().currentMessage()
    window.shut_down()
