"""The dashboard page (현황판): KPIs against their targets, the per-month figures and
the breakdowns per region, institute, service and month, for a period and as of a day.

Central staff see the national report from the server (and export it to Excel); a
counselor sees the figures of their region computed on this computer from its own
events, with no server needed. Either way the report is loaded in Qt's thread pool
while a busy bar runs, and any failure is told in Korean on the page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.local.dashboard_data import (
    DASHBOARD_BREAKDOWNS,
    DashboardQuery,
    breakdown_rows,
    kpi_rows,
    month_series,
    targeted_rows,
)
from desktop.local.dashboard_sources import LocalRegionFigures, ReportSource, ServerReports
from desktop.local.workspace import Workspace
from desktop.qtmodels.dashboard_tables import SORT_ROLE, BreakdownTableModel, KpiTableModel
from desktop.sync.errors import ProblemError, ServerUnavailable, SyncError
from desktop.ui import background
from desktop.ui.dashboard_charts import AchievementChart, MonthChart
from desktop.ui.dashboard_export import ChoosePath, ExcelExport, choose_with_dialog
from desktop.ui.session import Session
from desktop.ui.theme import set_role
from domain.access import Role
from domain.business_calendar import KST
from domain.errors import DomainError
from domain.projections.kpi import KpiReport
from domain.reference import ReferenceData

RELOAD_DELAY_MS = 400
"""Typing a date or stepping the year re-queries once the person pauses."""
NO_DATE = QDate(2000, 1, 1)
"""The as-of picker's "empty" value: shown as 지금 (now)."""


class DashboardPage(QWidget):
    """``loaded`` carries each report shown; ``load_failed`` the Korean message."""

    loaded = Signal(object)
    load_failed = Signal(str)

    def __init__(
        self,
        source: ReportSource,
        reference: ReferenceData,
        *,
        subtitle: str,
        note: str = "",
        export: ExcelExport | None = None,
        active_only: bool = False,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.source = source
        self.reference = reference
        self.export = export
        self.report: KpiReport | None = None
        self._active_only = active_only
        self._today = today
        self._call: background.BackgroundCall | None = None
        self._again = False
        self._shown_once = False

        self._build_controls(today())
        self.kpi_model = KpiTableModel(self)
        self.kpi_table = _table(self.kpi_model, "kpiTable")
        self.kpi_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.kpi_table.horizontalHeader().setMinimumSectionSize(70)
        self.achievement_chart = AchievementChart()
        self.month_chart = MonthChart()
        self.breakdown_models = {
            dimension: BreakdownTableModel(dimension, self) for dimension in DASHBOARD_BREAKDOWNS
        }
        self.breakdowns = QTabWidget()
        self.breakdowns.setObjectName("breakdownTabs")
        tab_names = {
            "region": self.tr("지역별"),
            "institute": self.tr("출연연별"),
            "service": self.tr("지원분야별"),
            "month": self.tr("월별"),
        }
        for dimension, model in self.breakdown_models.items():
            table = _table(model, f"{dimension}Table")
            table.horizontalHeader().setStretchLastSection(True)
            self.breakdowns.addTab(table, tab_names[dimension])
        self._lay_out(subtitle, note)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        for changed in (
            self.year.valueChanged,
            self.first_month.currentIndexChanged,
            self.last_month.currentIndexChanged,
            self.as_of.dateChanged,
        ):
            changed.connect(self._schedule_reload)
        self.refresh_button.clicked.connect(self.reload)
        self.clear_as_of.clicked.connect(self._clear_as_of)
        self._query_changed()

    # Building -----------------------------------------------------------------------

    def _build_controls(self, today: date) -> None:
        self.year = QSpinBox()
        self.year.setObjectName("dashboardYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setMinimumWidth(96)
        self.first_month = QComboBox()
        self.first_month.setObjectName("dashboardFirstMonth")
        self.last_month = QComboBox()
        self.last_month.setObjectName("dashboardLastMonth")
        for combo in (self.first_month, self.last_month):
            for month in range(1, 13):
                combo.addItem(self.tr("{month}월").format(month=month), month)
        self.last_month.setCurrentIndex(11)
        self.as_of = QDateEdit()
        self.as_of.setObjectName("dashboardAsOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setMinimumDate(NO_DATE)
        self.as_of.setMaximumDate(QDate(today.year, today.month, today.day))
        self.as_of.setSpecialValueText(self.tr("지금"))
        self.as_of.setDate(NO_DATE)
        self.as_of.setToolTip(
            self.tr("이 날이 끝날 때까지 기록된 내용으로 계산합니다. 비우면 지금 기준입니다.")
        )
        self.as_of.calendarWidget().installEventFilter(self)
        self.clear_as_of = QPushButton(self.tr("기준일 지우기"))
        self.refresh_button = QPushButton(self.tr("새로 고침"))
        self.refresh_button.setObjectName("dashboardRefresh")
        self.busy = QProgressBar()
        self.busy.setObjectName("dashboardBusy")
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.busy_label = QLabel(self.tr("불러오는 중…"))
        set_role(self.busy_label, "hint")
        self.busy_label.hide()
        self.message = QLabel()
        self.message.setObjectName("dashboardMessage")
        # A role with padding given before the label is first shown: given later, the
        # style leaves the padding out of its size (the theme's repolish).
        set_role(self.message, "banner-error")
        self.message.hide()

    def _lay_out(self, subtitle: str, note: str) -> None:
        title = QLabel(self.tr("현황판"))
        set_role(title, "title")
        self.subtitle = QLabel(subtitle)
        set_role(self.subtitle, "subtitle")
        self.period_label = QLabel()
        set_role(self.period_label, "hint")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(12)
        heading.addWidget(self.subtitle)
        heading.addStretch(1)
        heading.addWidget(self.period_label)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        controls.addWidget(QLabel(self.tr("연도")))
        controls.addWidget(self.year)
        controls.addSpacing(6)
        controls.addWidget(QLabel(self.tr("기간")))
        controls.addWidget(self.first_month)
        controls.addWidget(QLabel("~"))
        controls.addWidget(self.last_month)
        controls.addSpacing(6)
        controls.addWidget(QLabel(self.tr("기준일")))
        controls.addWidget(self.as_of)
        controls.addWidget(self.clear_as_of)
        controls.addWidget(self.refresh_button)
        controls.addSpacing(6)
        controls.addWidget(self.busy)
        controls.addWidget(self.busy_label)
        controls.addStretch(1)
        if self.export is not None:
            controls.addWidget(self.export, 1)

        self.note = QLabel(note)
        self.note.setObjectName("dashboardNote")
        set_role(self.note, "warning")
        self.note.setVisible(bool(note))

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.kpi_table)
        top.addWidget(self.achievement_chart)
        top.setSizes([720, 560])
        top.setStretchFactor(0, 1)  # the table gives way first: it scrolls, the chart would clip
        top.setStretchFactor(1, 0)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.month_chart)
        bottom.addWidget(self.breakdowns)
        bottom.setSizes([400, 880])
        bottom.setStretchFactor(0, 0)
        bottom.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(bottom)
        body.setSizes([1, 1])
        body.setMinimumSize(body.minimumSizeHint())
        scroller = QScrollArea()
        scroller.setObjectName("dashboardBody")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(body)  # below its minimum, the body scrolls rather than squeezes

        column = QVBoxLayout(self)
        column.setContentsMargins(20, 14, 20, 10)
        column.setSpacing(8)
        column.addLayout(heading)
        column.addLayout(controls)
        banners = [self.note, self.message]
        if self.export is not None:
            banners.insert(0, self.export.message)
        for banner in banners:
            banner.setWordWrap(True)
            banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            column.addWidget(banner)
        column.addWidget(scroller, 1)

    # Query --------------------------------------------------------------------------

    def query(self) -> DashboardQuery:
        return DashboardQuery(
            year=self.year.value(),
            first_month=int(self.first_month.currentData()),
            last_month=int(self.last_month.currentData()),
            as_of_day=self.as_of_day,
        )

    @property
    def as_of_day(self) -> date | None:
        """The picked day, or ``None`` for now."""
        picked = self.as_of.date()
        if picked == NO_DATE:
            return None
        return date(picked.year(), picked.month(), picked.day())

    def set_as_of_day(self, day: date | None) -> None:
        self.as_of.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    @Slot()
    def _clear_as_of(self) -> None:
        self.set_as_of_day(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The empty date is in the year 2000: open the calendar on this month instead.
        calendar = self.as_of.calendarWidget()
        if event.type() == QEvent.Type.Show and watched is calendar and self.as_of_day is None:
            today = self._today()
            calendar.setCurrentPage(today.year, today.month)
        return super().eventFilter(watched, event)

    @Slot()
    def _schedule_reload(self) -> None:
        self._query_changed()
        self._reload_timer.start()

    def _query_changed(self) -> None:
        self.clear_as_of.setEnabled(self.as_of_day is not None)
        query = self.query()
        if self.export is not None:
            self.export.set_query(query.kpi_query(), self.export_file_name(query))

    def export_file_name(self, query: DashboardQuery) -> str:
        whole_year = str(query.year)
        period = whole_year if query.whole_year else f"{query.from_month}_{query.to_month}"
        return self.tr("다리_KPI_{period}.xlsx").format(period=period)

    # Loading ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._call is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Load the report for the current query; while one loads, load again after."""
        self._reload_timer.stop()
        if self._call is not None:
            self._again = True
            return
        query = self.query()
        try:
            _ = query.period
        except DomainError as invalid:
            self._fail(invalid.message)
            return
        self._again = False
        self._set_busy(True)
        self._call = background.start(lambda: self.source.load(query), self._loaded, self._failed)

    @Slot(object)
    def _loaded(self, report: object) -> None:
        self._call = None
        if self._again:
            self.reload()
            return
        self._set_busy(False)
        assert isinstance(report, KpiReport)
        self.show_report(report)
        self.message.hide()
        self.loaded.emit(report)

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._call = None
        if self._again:
            self.reload()
            return
        self._set_busy(False)
        self._fail(self._explain(error))

    def _fail(self, text: str) -> None:
        set_role(self.message, "banner-error")
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.show()
        self.load_failed.emit(text)

    def _explain(self, error: object) -> str:
        if isinstance(error, ServerUnavailable):
            return self.tr(
                "서버에 연결할 수 없어 현황을 불러오지 못했습니다. "
                "연결되면 [새로 고침]을 눌러 주세요."
            )
        if isinstance(error, ProblemError) and error.problem.status == 403:
            return self.tr("현황판을 볼 권한이 없습니다. {reason}").format(reason=error.message)
        if isinstance(error, SyncError | DomainError):
            return self.tr("현황을 불러오지 못했습니다. {reason}").format(reason=error.message)
        return self.tr("현황을 불러오지 못했습니다: {reason}").format(reason=error)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.refresh_button.setEnabled(not busy)

    # Showing ------------------------------------------------------------------------

    def show_report(self, report: KpiReport) -> None:
        self.report = report
        rows = kpi_rows(report)
        targets = report.targets
        self.kpi_model.set_rows(rows, targets.baseline_year, targets.target_year)
        self.achievement_chart.show_rows(targeted_rows(rows))
        self.month_chart.show_series(*month_series(report))
        for dimension, model in self.breakdown_models.items():
            model.set_rows(
                breakdown_rows(report, dimension, self.reference, active_only=self._active_only)
            )
        as_of = report.as_of.astimezone(KST)
        self.period_label.setText(
            self.tr("{start} ~ {end} · {as_of} 기준").format(
                start=self.query().from_month,
                end=self.query().to_month,
                as_of=f"{as_of:%Y-%m-%d %H:%M}",
            )
        )


def _table(model: KpiTableModel | BreakdownTableModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setStyleSheet("QHeaderView::section { padding: 5px 4px; }")  # more columns fit
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


# For the main window ----------------------------------------------------------------------


def dashboard_for(
    session: Session,
    *,
    choose_path: ChoosePath = choose_with_dialog,
    today: Callable[[], date] = date.today,
) -> DashboardPage | None:
    """The dashboard a signed-in user may see: the national one for central staff,
    their region's offline figures for a counselor, none for anyone else."""
    reference = session.workspace.reference
    role = session.user.role
    if role == Role.CENTRAL:
        page = DashboardPage(
            ServerReports(session.connect),
            reference,
            subtitle="",
            export=ExcelExport(session.connect, choose_path=choose_path),
            today=today,
        )
        page.subtitle.setText(
            QCoreApplication.translate("DashboardPage", "전국 성과지표 (서버 집계)")
        )
        return page
    if role == Role.COUNSELOR and session.user.region:
        return counselor_dashboard(session.workspace, session.user.region, today=today)
    return None


def counselor_dashboard(
    workspace: Workspace, region: str, *, today: Callable[[], date] = date.today
) -> DashboardPage:
    """A counselor's region figures, computed here; no server involved."""
    reference = workspace.reference
    try:
        name = reference.region(region).name
    except DomainError:
        name = region
    page = DashboardPage(
        LocalRegionFigures(workspace, region),
        reference,
        subtitle="",
        active_only=True,
        today=today,
    )
    page.subtitle.setText(
        QCoreApplication.translate("DashboardPage", "{region} 실적 (이 컴퓨터 기준)").format(
            region=name
        )
    )
    page.note.setText(
        QCoreApplication.translate(
            "DashboardPage",
            "이 컴퓨터의 수치입니다: {region}의 기록 중 이 컴퓨터에 있는 것(받아 온 기록과 "
            "아직 보내지 않은 기록)으로 계산했습니다. 서버의 전국 집계와 다를 수 있습니다.",
        ).format(region=name)
    )
    page.note.show()
    return page
