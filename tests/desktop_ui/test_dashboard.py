"""The dashboard (현황판): central staff see the national KPI report from the real
server app, with charts, breakdowns, an as-of date and an Excel export; a counselor
sees their region's figures computed on this computer, with no server at all."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from report_server import BASE_URL, CENTRAL, COUNSELOR, SERVER_PASSWORD, ReportServer
from ui_builders import NOW

from desktop.local.dashboard_data import DashboardQuery, offline_report
from desktop.local.dashboard_sources import ServerReports
from desktop.local.demo_workspace import fill_demo_workspace
from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.tokens import MemoryTokenStore
from desktop.ui.dashboard import DashboardPage, counselor_dashboard
from desktop.ui.dashboard_export import ExcelExport
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from domain.projections import NationalFacts, kpi_report
from domain.projections.kpi import KpiReport
from domain.projections.period import Period
from domain.reference import default_reference

LOAD_TIMEOUT = 15_000
JUNE_2024 = 6


@pytest.fixture
def report_server(tmp_path: Path) -> Iterator[ReportServer]:
    server = ReportServer(tmp_path / "server")
    yield server
    server.close()


class SavePicker:
    """The file dialog's seam: answers with a file in ``folder``, keeps the names
    the page suggested."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.suggested: list[str] = []

    def __call__(self, parent: QWidget, suggested_name: str) -> Path | None:
        self.suggested.append(suggested_name)
        return self.folder / suggested_name


def connect_as(server: ReportServer, username: str) -> Callable[[], SyncClient]:
    tokens = MemoryTokenStore()
    SyncClient(BASE_URL, tokens=tokens, transport=server.transport).login(
        username, SERVER_PASSWORD, device_id=f"{username}-pc"
    )
    return lambda: SyncClient(BASE_URL, tokens=tokens, transport=server.transport)


def open_page(qtbot: QtBot, page: DashboardPage) -> DashboardPage:
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT):
        page.show()
    return page


@pytest.fixture
def exports(tmp_path: Path) -> SavePicker:
    folder = tmp_path / "exports"
    folder.mkdir()
    return SavePicker(folder)


@pytest.fixture
def central_page(
    qtbot: QtBot, themed_app: QApplication, report_server: ReportServer, exports: SavePicker
) -> DashboardPage:
    """The national dashboard for June 2024, as central staff."""
    connect = connect_as(report_server, CENTRAL)
    page = DashboardPage(
        ServerReports(connect),
        default_reference(),
        subtitle="전국 성과지표",
        export=ExcelExport(connect, choose_path=exports),
        today=lambda: date(2024, 12, 31),
    )
    page.first_month.setCurrentIndex(JUNE_2024 - 1)
    page.last_month.setCurrentIndex(JUNE_2024 - 1)
    return open_page(qtbot, page)


def kpi_row(page: DashboardPage, key: str) -> int:
    model = page.kpi_model
    return next(row for row in range(model.rowCount()) if model.row_at(row).key == key)


def cell(page: DashboardPage, row: int, column: int) -> str:
    model = page.kpi_model
    return str(model.data(model.index(row, column)))


# Central staff ---------------------------------------------------------------------------


def test_the_central_dashboard_shows_the_kpi_rows_against_their_targets(
    central_page: DashboardPage,
) -> None:
    row = kpi_row(central_page, "resolution_cases")

    assert cell(central_page, row, 0) == "애로기술 해결 건수"
    assert [cell(central_page, row, column) for column in range(1, 6)] == [
        "3,564",  # 2012 actual
        "7,000",  # 2014 target
        "583",  # a month's share of it
        "2",
        "0.3",
    ]
    headers = [central_page.kpi_model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers[1:3] == ["2012년 실적", "2014년 목표"]
    assert "2024-06 ~ 2024-06" in central_page.period_label.text()


def test_the_achievement_chart_has_one_series_for_the_actuals_and_one_for_the_targets(
    central_page: DashboardPage,
) -> None:
    chart = central_page.achievement_chart.chart()

    names = [series.name() for series in chart.series()]

    assert names[0] == "실적"
    assert names[1].startswith("목표")
    assert len(names) == 2
    bars, targets = chart.series()
    assert bars.barSets()[0].count() == 8  # the KPIs with a target
    assert targets.count() == 8
    assert {point.x() for point in targets.points()} == {100.0}
    assert "애로해결 건수" in chart.axes(Qt.Orientation.Vertical)[0].categories()


def test_the_month_chart_and_the_breakdowns_show_the_report(
    central_page: DashboardPage,
) -> None:
    month_bars = central_page.month_chart.chart().series()[0]
    regions = central_page.breakdown_models["region"]
    daejeon = next(
        regions.row_at(row)
        for row in range(regions.rowCount())
        if regions.row_at(row).key == "daejeon"
    )

    assert [bar_set.label() for bar_set in month_bars.barSets()] == [
        "애로기술 해결 건수",
        "기술지도·자문 건수",
    ]
    assert month_bars.barSets()[0].at(0) == 2.0
    assert daejeon.name == "대전·세종"
    assert regions.data(regions.index(0, 0)) == "서울"
    assert central_page.breakdowns.count() == 4
    assert (
        central_page.breakdown_models["month"].data(
            central_page.breakdown_models["month"].index(0, 0)
        )
        == "2024년 6월"
    )


def test_changing_the_as_of_date_queries_the_server_with_that_day(
    qtbot: QtBot, central_page: DashboardPage, report_server: ReportServer
) -> None:
    with qtbot.waitSignal(central_page.loaded, timeout=LOAD_TIMEOUT):
        central_page.set_as_of_day(date(2024, 6, 12))

    request = report_server.transport.kpi_requests()[-1]
    assert request.url.params["as_of"] == "2024-06-12"
    assert central_page.report is not None
    assert central_page.report.as_of.date() == date(2024, 6, 12)
    resolve_days = kpi_row(central_page, "median_days_to_resolve")
    assert cell(central_page, resolve_days, 4) == "—"  # nothing resolved by the 12th
    assert "2024-06-12 23:59 기준" in central_page.period_label.text()

    with qtbot.waitSignal(central_page.loaded, timeout=LOAD_TIMEOUT):
        central_page.clear_as_of.click()

    assert "as_of" not in report_server.transport.kpi_requests()[-1].url.params
    assert cell(central_page, resolve_days, 4) == "11.0"


def test_the_empty_as_of_calendar_opens_on_this_month(
    qtbot: QtBot, central_page: DashboardPage
) -> None:
    picker = central_page.as_of
    calendar = picker.calendarWidget()

    arrow = QPoint(picker.width() - 6, picker.height() // 2)
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton, pos=arrow)

    assert picker.text() == "지금"
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2024, 12)
    calendar.window().hide()


def test_a_server_that_cannot_be_reached_is_told_in_korean_and_the_figures_stay(
    qtbot: QtBot, central_page: DashboardPage, report_server: ReportServer
) -> None:
    report_server.transport.down = True

    with qtbot.waitSignal(central_page.load_failed, timeout=LOAD_TIMEOUT) as failed:
        central_page.refresh_button.click()

    assert "서버에 연결할 수 없어" in failed.args[0]
    assert central_page.message.isVisible()
    assert central_page.kpi_model.rowCount() > 0
    assert not central_page.busy.isVisible()


def test_a_refused_report_is_told_in_korean(
    qtbot: QtBot, themed_app: QApplication, report_server: ReportServer
) -> None:
    page = DashboardPage(
        ServerReports(connect_as(report_server, COUNSELOR)), default_reference(), subtitle=""
    )
    qtbot.addWidget(page)

    with qtbot.waitSignal(page.load_failed, timeout=LOAD_TIMEOUT) as failed:
        page.show()

    assert "권한이 없습니다" in failed.args[0]
    assert "통합센터 직원" in failed.args[0]


# Excel export ----------------------------------------------------------------------------


def test_the_export_writes_a_real_workbook_and_the_progress_reaches_100(
    qtbot: QtBot, central_page: DashboardPage, exports: SavePicker
) -> None:
    export = central_page.export
    assert export is not None
    values: list[int] = []
    export.progress.valueChanged.connect(values.append)

    with qtbot.waitSignal(export.saved, timeout=LOAD_TIMEOUT) as saved:
        export.button.click()

    path = saved.args[0]
    assert exports.suggested == ["다리_KPI_2024-06_2024-06.xlsx"]
    assert path == exports.folder / "다리_KPI_2024-06_2024-06.xlsx"
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "전체"
    assert values[-1] == 100
    assert str(path) in export.message.text()
    assert "저장했습니다" in export.message.text()
    assert not export.progress.isVisible()
    assert list(exports.folder.iterdir()) == [path]


def test_a_whole_year_is_exported_under_the_years_name(
    qtbot: QtBot, central_page: DashboardPage, exports: SavePicker
) -> None:
    central_page.first_month.setCurrentIndex(0)
    central_page.last_month.setCurrentIndex(11)
    export = central_page.export
    assert export is not None

    with qtbot.waitSignal(export.saved, timeout=LOAD_TIMEOUT) as saved:
        export.button.click()

    assert saved.args[0].name == "다리_KPI_2024.xlsx"


def test_a_server_that_goes_away_during_export_is_told_in_korean_and_leaves_no_file(
    qtbot: QtBot, central_page: DashboardPage, report_server: ReportServer, exports: SavePicker
) -> None:
    report_server.transport.cut_downloads_after = 200
    export = central_page.export
    assert export is not None

    with qtbot.waitSignal(export.failed, timeout=LOAD_TIMEOUT) as failed:
        export.button.click()

    assert "연결이 끊겨" in failed.args[0]
    assert "연결이 끊겨" in export.message.text()
    assert list(exports.folder.iterdir()) == []
    assert export.button.isEnabled()


def test_a_cancelled_export_leaves_no_file(
    qtbot: QtBot, central_page: DashboardPage, report_server: ReportServer, exports: SavePicker
) -> None:
    gate = threading.Event()
    report_server.transport.hold_downloads = gate
    export = central_page.export
    assert export is not None
    export.button.click()
    qtbot.waitUntil(lambda: export.progress.value() > 0, timeout=LOAD_TIMEOUT)  # half sent

    with qtbot.waitSignal(export.failed, timeout=LOAD_TIMEOUT) as failed:
        export.cancel_button.click()
        gate.set()

    assert "취소" in failed.args[0]
    assert list(exports.folder.iterdir()) == []


# Counselors ------------------------------------------------------------------------------


@pytest.fixture
def demo_workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "laptop.sqlite", cipher_key=new_store_key())
    fill_demo_workspace(workspace, now=NOW)
    yield workspace
    workspace.close()


def test_a_counselor_sees_their_regions_figures_from_this_computer_without_a_server(
    qtbot: QtBot, themed_app: QApplication, demo_workspace: Workspace
) -> None:
    page = counselor_dashboard(demo_workspace, "daejeon", today=lambda: NOW.date())

    open_page(qtbot, page)

    expected = offline_report(demo_workspace, "daejeon", DashboardQuery(NOW.year))
    row = kpi_row(page, "resolution_cases")
    assert expected.overall.resolution_cases > 0
    assert cell(page, row, 4) == str(expected.overall.resolution_cases)
    assert page.note.isVisible()
    assert "이 컴퓨터의 수치" in page.note.text()
    assert "대전·세종" in page.subtitle.text()
    assert page.export is None
    regions = page.breakdown_models["region"]
    assert [regions.row_at(r).key for r in range(regions.rowCount())] == ["daejeon"]


def test_the_main_window_opens_the_dashboard_from_its_nav_button(
    qtbot: QtBot, themed_app: QApplication, open_session: Callable[[], Session]
) -> None:
    session = open_session()
    window = MainWindow(session, start_sync=False)
    qtbot.addWidget(window)
    window.show()
    assert window.dashboard is not None

    with qtbot.waitSignal(window.dashboard.loaded, timeout=LOAD_TIMEOUT):
        window.nav_dashboard.click()

    assert window.pages.currentWidget() is window.dashboard
    assert window.nav_dashboard.text() == "현황판"
    window.shut_down()


# Loading ---------------------------------------------------------------------------------


class GatedSource:
    """Empty reports for each query; the first one waits for ``gate``."""

    def __init__(self) -> None:
        self.queries: list[DashboardQuery] = []
        self.gate = threading.Event()

    def load(self, query: DashboardQuery) -> KpiReport:
        self.queries.append(query)
        if len(self.queries) == 1:
            self.gate.wait(10)
        return kpi_report(NationalFacts(), query.period, as_of=NOW, reference=default_reference())


def test_a_query_changed_while_loading_is_loaded_after_and_the_stale_report_is_dropped(
    qtbot: QtBot, themed_app: QApplication
) -> None:
    source = GatedSource()
    page = DashboardPage(source, default_reference(), subtitle="", today=lambda: date(2024, 5, 1))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(source.queries) == 1)
    assert page.busy.isVisible()

    page.year.setValue(2023)
    page.reload()
    with qtbot.waitSignal(page.loaded, timeout=LOAD_TIMEOUT) as loaded:
        source.gate.set()

    assert [query.year for query in source.queries] == [2024, 2023]
    assert loaded.args[0].period == Period.year(2023)
    assert page.report is loaded.args[0]
    assert not page.busy.isVisible()
