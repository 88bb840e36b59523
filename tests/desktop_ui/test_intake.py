"""The intake form: the domain's Korean messages next to the fields, companies found
by name or number, keyboard-only entry, and a saved case at the top of the list."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_builders import CHEAP_KDF, PASSWORD, USERNAME, DesktopFakeServer

from desktop.local.read_model import CompanyDirectory
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.ui.intake import IntakeForm
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session, SignIn
from domain.case import Case

HANBIT_NUMBER = "305-81-12341"  # in the demo workspace
NEW_NUMBER = "214-86-18758"


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
def form(qtbot: QtBot, themed_app: QApplication, session: Session) -> Iterator[IntakeForm]:
    directory = CompanyDirectory(session.profile.store_path)
    intake = IntakeForm(session, directory)
    qtbot.addWidget(intake)
    yield intake
    directory.close()


def fill_new_company(form: IntakeForm) -> None:
    form.business_number.setText(NEW_NUMBER)
    form.company_name.setText("다래정밀(주)")
    form.industry.setText("금속 가공")
    form.company_size.setCurrentIndex(form.company_size.findData("small"))


def test_an_empty_form_shows_every_message_next_to_its_field_and_saves_nothing(
    form: IntakeForm, session: Session
) -> None:
    pending = session.workspace.pending_count()

    assert form.save() is None

    assert form.errors() == {
        "company.business_number": "사업자등록번호를 입력해 주세요.",
        "company.name": "기업명을(를) 입력해 주세요.",
        "case.description": "애로사항 내용을(를) 입력해 주세요.",
    }
    assert session.workspace.pending_count() == pending


def test_a_wrong_check_digit_is_explained_next_to_the_number(form: IntakeForm) -> None:
    fill_new_company(form)
    form.business_number.setText("214-86-18759")
    form.description.setPlainText("절삭 공구 마모가 빠릅니다.")

    form.save()

    assert form.errors() == {
        "company.business_number": "사업자등록번호의 검증번호가 맞지 않습니다. 번호를 다시 확인해 주세요."
    }
    assert form.business_number.property("invalid") is True


def test_the_company_size_must_be_chosen(form: IntakeForm) -> None:
    fill_new_company(form)
    form.company_size.setCurrentIndex(0)
    form.description.setPlainText("절삭 공구 마모가 빠릅니다.")

    form.save()

    assert list(form.errors()) == ["company.size"]
    assert "기업 규모" in form.errors()["company.size"]


def test_personnel_exchange_asks_for_its_own_fields(form: IntakeForm) -> None:
    fill_new_company(form)
    form.service.setCurrentIndex(form.service.findData("personnel_exchange"))
    form.description.setPlainText("연구인력 파견을 희망합니다.")

    form.save()

    assert form.errors() == {"case.desired_institute": "희망 기관(출연연)을 선택해 주세요."}
    form.desired_institute.setCurrentIndex(form.desired_institute.findData("ETRI"))
    form.save()
    assert form.errors() == {"case.research_field": "희망 연구 분야을(를) 입력해 주세요."}


def test_a_description_and_missing_details_are_reported_together(form: IntakeForm) -> None:
    fill_new_company(form)
    form.service.setCurrentIndex(form.service.findData("information_provision"))

    form.save()

    assert set(form.errors()) == {"case.description", "case.information"}


def test_a_known_business_number_selects_that_company(form: IntakeForm) -> None:
    form.business_number.setText(HANBIT_NUMBER)

    assert "한빛정밀(주)" in form.chosen_label.text()
    assert form.company_name.text() == "한빛정밀(주)"
    assert not form.company_name.isEnabled()


def test_companies_are_suggested_by_name_and_chosen_from_the_popup(
    qtbot: QtBot, form: IntakeForm
) -> None:
    form.show()
    qtbot.waitExposed(form)
    form.company_search.setFocus()
    form.company_search.insert("한빛")  # typed (Hangul goes through the input method)

    assert form.suggestions() == [f"한빛정밀(주) · {HANBIT_NUMBER}"]
    popup = form.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.company_name.text() == "한빛정밀(주)"
    assert form.chosen_label.text().startswith("등록된 기업으로 접수합니다")


def test_a_similar_name_under_another_number_warns_of_a_likely_duplicate(
    form: IntakeForm,
) -> None:
    fill_new_company(form)
    form.company_name.setText("한빛정밀")
    form.company_name.editingFinished.emit()

    assert not form.duplicate_warning.isHidden()
    assert "한빛정밀(주) (305-81-12341)" in form.duplicate_warning.text()


def test_saving_records_the_new_company_and_the_case_in_the_outbox(
    form: IntakeForm, session: Session, qtbot: QtBot
) -> None:
    fill_new_company(form)
    form.description.setPlainText("절삭 공구 마모가 빠릅니다.")
    before = session.workspace.pending_count()

    with qtbot.waitSignal(form.saved) as saved:
        form.save()

    case = session.workspace.load_case(saved.args[0])
    assert isinstance(case, Case)
    assert case.description == "절삭 공구 마모가 빠릅니다."
    assert case.region == "daejeon"  # the counselor's region
    assert session.workspace.load_company(case.company_id).name == "다래정밀(주)"
    assert session.workspace.pending_count() == before + 2
    assert form.errors() == {}
    assert form.description.toPlainText() == ""  # ready for the next call


# Keyboard only, in the window --------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, themed_app: QApplication, session: Session) -> Iterator[MainWindow]:
    main = MainWindow(session, start_sync=False)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    main.shut_down()


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    if modifier is None:
        qtbot.keyClick(focused, key)
    else:
        qtbot.keyClick(focused, key, modifier)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_tab_walks_the_form_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.intake
    qtbot.waitUntil(lambda: focused() is form.company_search)

    visited = []
    for _ in range(10):
        press(qtbot, Qt.Key.Key_Tab)
        visited.append(focused())

    assert visited == [
        form.business_number,
        form.company_name,
        form.industry,
        form.company_size,
        form.company_region,
        form.research_lab,
        form.channel,
        form.service,
        form.case_region,
        form.description,
    ]


def test_a_case_entered_by_keyboard_alone_appears_in_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.intake
    qtbot.waitUntil(lambda: focused() is form.company_search)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.business_number, NEW_NUMBER)
    press(qtbot, Qt.Key.Key_Tab)
    form.company_name.insert("다래정밀(주)")  # Hangul: typed through the input method
    press(qtbot, Qt.Key.Key_Tab)
    form.industry.insert("금속 가공")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down)  # 기업 규모: 소상공인 → the first choice after the prompt
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.description
    form.description.insertPlainText("절삭 공구 마모가 빠릅니다.")

    with qtbot.waitSignal(form.saved):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert window.pages.currentWidget() is window.list_page
    top = window.cases.case_row(0)
    assert top.company_name == "다래정밀(주)"
    assert window.list_page.selected_case_id() == top.case_id
    assert window.cases.data(window.cases.index(0, 8)) == "전송 대기 1건"
    assert "저장했습니다" in window.statusBar().currentMessage()


def test_escape_goes_back_to_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window.show_intake()
    qtbot.waitUntil(lambda: focused() is window.intake.company_search)

    press(qtbot, Qt.Key.Key_Escape)

    assert window.pages.currentWidget() is window.list_page
