"""The main window (주 화면): a header with the pages and the signed-in user, the
case list and the intake form, the sync status area, and the idle lock over all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.local.mentoring_desk import records_mentoring
from desktop.local.read_model import CaseListQuery, CompanyDirectory
from desktop.qtmodels.case_table import CaseTableModel
from desktop.sync.engine import SyncEngine
from desktop.ui.case_detail import CaseDetailPage
from desktop.ui.case_list import CaseListPage
from desktop.ui.conflicts import ConflictsPanel
from desktop.ui.dashboard import dashboard_for
from desktop.ui.idle_lock import IdleWatcher, LockScreen
from desktop.ui.intake import IntakeForm
from desktop.ui.mentoring import MentoringPage
from desktop.ui.queue_page import QueuePage
from desktop.ui.relogin import ReloginDialog
from desktop.ui.role_queues import role_queues
from desktop.ui.session import Session
from desktop.ui.settings import SettingsDialog
from desktop.ui.settings_change import SettingsChange
from desktop.ui.sync_status import SyncStatusArea
from desktop.ui.sync_worker import SyncController
from desktop.ui.theme import set_role
from desktop.ui.translated_labels import domain_label
from domain.access import Role, records_case_event

LIST_REFRESH_MS = 500
"""Changes from a sync reach the lists at most this often."""
LONG_PULL_REFRESH_MS = 2500
TURN_AFTER_REFRESH_MS = 40
"""How long the window keeps its turn after a list refresh: the event loop repaints the
list next (and the scroll bars and the count). In ``bench/desktop_list.py`` the longest
stall was 76–107 ms with the turn given back right after the refresh, and 31–68 ms
(45–48 ms in three of five runs) with it kept 40 ms; painting inside the turn with an
explicit ``repaint()`` did worse (51–73 ms): it painted the whole page."""
"""While a long pull runs (thousands of events, a first sync), every page changes the
lists: re-reading and repainting them twice a second took the GUI thread 50–100 ms each
time on the 2-core test machine, so the lists follow the pull at this slower pace; the
status bar shows its progress meanwhile."""
LONG_PULL_EVENTS = 5000
SAVED_MESSAGE_MS = 6000
PAGES_MIN_WIDTH = 1100
COMPACT_HEADER_BELOW_PER_PAGE = 110
"""About one page button's width in the header, with its spacing."""
COMPACT_HEADER_ROOM = 700
"""Width left beside the page buttons below which the center's name is not shown."""
COMPACT_WHO_ROOM = 560
"""... and below which only the user's name is (role and region in the tooltip)."""


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        *,
        engine: SyncEngine | None = None,
        idle_lock_ms: int | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        start_sync: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("다리 (Dari) — {name}").format(name=session.user.display_name))
        # No fixed minimum width: the pages' own minimums set it, the header's page
        # buttons included (resizeEvent shortens the labels beside them first).
        self.setMinimumHeight(680)
        self.resize(1320, 820)

        # The lists show what the read model holds at once; the sync thread catches it
        # up first thing, so a long rebuild never holds the window back.
        path = session.profile.store_path
        self.query = CaseListQuery(path)
        self.directory = CompanyDirectory(path)
        self.cases = CaseTableModel(self.query, clock=clock, parent=self)
        self.list_page = CaseListPage(self.cases)
        self.intake = IntakeForm(session, self.directory)
        self.conflicts = ConflictsPanel(session)
        self.pages = QStackedWidget()
        self.pages.setMinimumWidth(PAGES_MIN_WIDTH)
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.intake)
        self.case_detail = CaseDetailPage(session, clock=clock)
        self.pages.addWidget(self.case_detail)
        self.queues = role_queues(session, self.query, clock=clock)
        for queue in self.queues:
            self.pages.addWidget(queue.page)
        self.mentoring: MentoringPage | None = None
        if records_mentoring(session.user.role):
            self.mentoring = MentoringPage(session, self.directory)
            self.pages.addWidget(self.mentoring)
        self.pages.addWidget(self.conflicts)
        self.settings_dialog: SettingsDialog | None = None
        self.relogin_dialog: ReloginDialog | None = None
        self.dashboard = dashboard_for(session)
        if self.dashboard is not None:
            self.pages.addWidget(self.dashboard)

        self.lock_screen = LockScreen(
            session.credentials, session.username, session.user.display_name
        )
        self.header = self._header()
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.pages, 1)
        self.screens = QStackedWidget()
        self.screens.addWidget(self.content)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)

        self.sync_area = SyncStatusArea()
        self.statusBar().addPermanentWidget(self.sync_area, 1)
        self.statusBar().setSizeGripEnabled(False)
        self.sync = SyncController(
            engine or SyncEngine(session.workspace, session.connect()),
            session.workspace,
            session.read_model,
            parent=self,
        )
        self.sync_area.show_status(self.sync.engine.status.snapshot())

        minutes = session.preferences.idle_lock_minutes
        self.idle = IdleWatcher(idle_lock_ms or minutes * 60_000, parent=self)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(LIST_REFRESH_MS)
        self._stale_lists: set[QWidget] = set()
        self._wire()
        self.list_page.new_case.setVisible(self.takes_in_cases)
        self.show_start_page()
        if start_sync:
            self.sync.start()

    def _header(self) -> QFrame:
        header = QFrame()
        header.setProperty("role", "header")
        header.setFixedHeight(56)
        brand = QLabel(self.tr("다리"))
        brand.setStyleSheet("font-size: 17pt; font-weight: bold;")
        center = self.center_name = QLabel(self.tr("중소기업지원통합센터"))
        set_role(center, "hint")
        self.nav_list = QPushButton(self.tr("애로사항 목록"))
        self.nav_list.setObjectName("navCases")
        self.nav_intake = QPushButton(self.tr("새 접수"))
        self.nav_conflicts = QPushButton(self.tr("충돌"))
        self.nav_intake.setObjectName("navIntake")
        self.nav_intake.setVisible(self.takes_in_cases)
        self.nav = QButtonGroup(self)
        self.nav_queues = [QPushButton(queue.label) for queue in self.queues]
        for button, queue in zip(self.nav_queues, self.queues, strict=True):
            button.setObjectName(queue.name)
        self.nav_conflicts.setObjectName("navConflicts")
        self.nav_mentoring = QPushButton(self.tr("멘토링"))
        self.nav_mentoring.setObjectName("navMentoring")
        self.nav_mentoring.setVisible(self.mentoring is not None)
        self.nav_dashboard = QPushButton(self.tr("현황판"))
        self.nav_dashboard.setObjectName("navDashboard")
        self.nav_dashboard.setVisible(self.dashboard is not None)
        for button in (
            self.nav_list,
            self.nav_intake,
            *self.nav_queues,
            self.nav_mentoring,
            self.nav_dashboard,
            self.nav_conflicts,
        ):
            button.setProperty("nav", True)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.nav.addButton(button)
        user = self.session.user
        region = self._region_name(user.region)
        who = " · ".join(
            part
            for part in (user.display_name, domain_label(self.session.role_label), region)
            if part
        )
        self.who = QLabel(who)
        self.who.setToolTip(who)
        self.who.setMinimumWidth(1)
        center.setMinimumWidth(1)
        self._who_full, self._who_short = who, user.display_name
        self.settings_button = QPushButton(self.tr("설정"))
        self.settings_button.setProperty("flat-header", True)
        self.lock_button = QPushButton(self.tr("화면 잠금"))
        self.lock_button.setProperty("flat-header", True)
        self.lock_button.setToolTip("Ctrl+L")

        row = QHBoxLayout(header)
        row.setContentsMargins(20, 0, 16, 0)
        row.setSpacing(10)
        row.addWidget(brand)
        row.addWidget(center)
        row.addSpacing(28)
        row.addWidget(self.nav_list)
        row.addWidget(self.nav_intake)
        for button in self.nav_queues:
            row.addWidget(button)
        row.addWidget(self.nav_mentoring)
        row.addWidget(self.nav_dashboard)
        row.addWidget(self.nav_conflicts)
        row.addStretch(1)
        row.addWidget(self.who)
        row.addSpacing(8)
        row.addWidget(self.settings_button)
        row.addWidget(self.lock_button)
        return header

    def _wire(self) -> None:
        self.nav_list.clicked.connect(self.show_list)
        self.nav_intake.clicked.connect(self.show_intake)
        self.nav_mentoring.clicked.connect(self.show_mentoring)
        if self.mentoring is not None:
            self.mentoring.recorded.connect(self._mentoring_recorded)
        self.nav_dashboard.clicked.connect(self.show_dashboard)
        self.list_page.new_case_requested.connect(self.show_intake)
        self.intake.cancelled.connect(self.show_list)
        self.intake.saved.connect(self._case_saved)
        self.lock_button.clicked.connect(self.lock)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.quit_requested.connect(self.close)
        self.idle.idle.connect(self.lock)
        self.sync.status_changed.connect(self.sync_area.show_status)
        self.sync.lists_changed.connect(self._lists_changed)
        self.sync_area.retry_requested.connect(self.sync.sync_now)
        self.nav_conflicts.clicked.connect(self.show_conflicts)
        self.sync_area.conflicts_requested.connect(self.show_conflicts)
        self.conflicts.resolved.connect(self.sync.sync_now)
        self.settings_button.clicked.connect(self.open_settings)
        self.sync_area.relogin_requested.connect(self.open_relogin)
        self._refresh_timer.timeout.connect(self._refresh_lists)
        self.list_page.case_activated.connect(self.show_case)
        self.case_detail.back_requested.connect(self.show_list)
        self.case_detail.recorded.connect(self._recorded)
        for button, queue in zip(self.nav_queues, self.queues, strict=True):
            button.clicked.connect(lambda _=False, page=queue.page: self.show_queue(page))
            queue.page.recorded.connect(self._recorded)
            queue.page.case_activated.connect(self.show_case)
        QShortcut(QKeySequence("Ctrl+N"), self, self.show_intake)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)

    # Pages --------------------------------------------------------------------------

    @Slot()
    def show_list(self) -> None:
        if self.locked:
            return
        self.pages.setCurrentWidget(self.list_page)
        self._refresh_if_stale(self.list_page)
        self.nav_list.setChecked(True)
        self.list_page.table.setFocus()

    @property
    def takes_in_cases(self) -> bool:
        """Only counselors receive cases (접수); the others never see the intake form."""
        try:
            role = Role(self.session.user.role)
        except ValueError:
            return False
        return records_case_event(role, "Received")

    @Slot()
    def show_start_page(self) -> None:
        """A liaison starts on their inbox, everyone else on the case list."""
        if self.queues and self.session.user.role == Role.LIAISON:
            self.show_queue(self.queues[0].page)
        else:
            self.show_list()

    @Slot()
    def show_intake(self) -> None:
        if self.locked or not self.takes_in_cases:
            return
        self.pages.setCurrentWidget(self.intake)
        self.nav_intake.setChecked(True)
        self.intake.company_search.setFocus()

    def show_queue(self, page: QueuePage) -> None:
        if self.locked:
            return
        self.pages.setCurrentWidget(page)
        self._refresh_if_stale(page)
        for button, queue in zip(self.nav_queues, self.queues, strict=True):
            button.setChecked(queue.page is page)
        page.table.setFocus()

    @Slot(object)
    def _recorded(self, case_id: object) -> None:
        """A page recorded a case event (and caught the read model up): sync, and
        refresh the lists, but the queue that recorded it, which refreshed itself."""
        self.sync.recorded()
        self.list_page.refresh()
        for queue in self.queues:
            if queue.page is not self.sender():
                queue.page.refresh()

    @Slot(object)
    def show_case(self, case_id: object) -> None:
        assert isinstance(case_id, UUID)
        if self.locked:
            return
        self.pages.setCurrentWidget(self.case_detail)
        self.case_detail.show_case(case_id)
        self.nav_list.setChecked(True)

    @Slot()
    def show_mentoring(self) -> None:
        if self.locked or self.mentoring is None:
            return
        self.pages.setCurrentWidget(self.mentoring)
        self.nav_mentoring.setChecked(True)
        self.mentoring.table.setFocus()

    @Slot()
    def _mentoring_recorded(self) -> None:
        self.sync.recorded()
        self.statusBar().showMessage(
            self.tr(
                "멘토링 기록을 저장했습니다. 이 컴퓨터에 보관되며, 서버에 연결되면 전송됩니다."
            ),
            SAVED_MESSAGE_MS,
        )

    @Slot()
    def show_conflicts(self) -> None:
        if self.locked:
            return
        self.pages.setCurrentWidget(self.conflicts)
        self.nav_conflicts.setChecked(True)
        self.conflicts.refresh()
        self.conflicts.table.setFocus()

    # Dialogs ------------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        if self.locked:
            return
        self.settings_dialog = SettingsDialog(self.session, self)
        self.settings_dialog.saved.connect(self._settings_saved)
        self.settings_dialog.open()

    @Slot(object)
    def _settings_saved(self, change: object) -> None:
        assert isinstance(change, SettingsChange)
        self.idle.set_timeout_ms(change.preferences.idle_lock_minutes * 60_000)
        if change.server_changed or change.language_changed:
            message = self.tr(
                "설정을 저장했습니다. 바뀐 서버 주소와 언어는 다시 시작하면 적용됩니다."
            )
        else:
            message = self.tr("설정을 저장했습니다.")
        self.statusBar().showMessage(message, SAVED_MESSAGE_MS)

    @Slot()
    def open_relogin(self) -> None:
        """The server refused the session: ask for the password, then sync again. Not
        while locked: a password the server takes may reseal this computer's store
        (``session.keep_sealed_under``), so only the person who unlocked it may."""
        if self.locked:
            return
        if self.relogin_dialog is not None and self.relogin_dialog.isVisible():
            return
        self.relogin_dialog = ReloginDialog(self.session, self)
        self.relogin_dialog.renewed.connect(self.sync.resume)
        self.relogin_dialog.open()

    @Slot()
    def show_dashboard(self) -> None:
        if self.locked or self.dashboard is None:
            return
        self.pages.setCurrentWidget(self.dashboard)
        self.nav_dashboard.setChecked(True)

    @Slot(object)
    def _case_saved(self, case_id: object) -> None:
        assert isinstance(case_id, UUID)
        self.session.read_model.catch_up_local(self.session.workspace)
        self.sync.recorded()
        self.show_list()
        self.list_page.refresh()
        self.list_page.select_case(case_id)
        self.statusBar().showMessage(
            self.tr("접수를 저장했습니다. 이 컴퓨터에 보관되며, 서버에 연결되면 전송됩니다."),
            SAVED_MESSAGE_MS,
        )

    @Slot()
    def _lists_changed(self) -> None:
        if not self._refresh_timer.isActive():
            self._refresh_timer.start(
                LONG_PULL_REFRESH_MS if self._long_pull_running() else LIST_REFRESH_MS
            )

    @Slot()
    def _refresh_lists(self) -> None:
        """The list in front re-reads now; the others when they are next shown (each
        re-read and repaint costs the GUI thread tens of milliseconds at 100,000 cases)."""
        current = self.pages.currentWidget()
        lists: list[QWidget] = [self.list_page, *(queue.page for queue in self.queues)]
        for page in lists:
            if page is current:
                # The sync's threads step aside while the list re-reads and while the
                # event loop repaints it: Qt paints by calling the Python model for
                # every cell, and each call must win the interpreter back (``turns.py``).
                give_back = self.sync.engine.turns.take()
                try:
                    page.refresh()  # type: ignore[attr-defined]
                finally:
                    QTimer.singleShot(TURN_AFTER_REFRESH_MS, give_back)
            else:
                self._stale_lists.add(page)
        self.case_detail.refresh_if_shown()
        if self.mentoring is not None:
            self.mentoring.refresh()  # only marks itself stale while hidden

    def _refresh_if_stale(self, page: QWidget) -> None:
        if page in self._stale_lists:
            self._stale_lists.discard(page)
            page.refresh()  # type: ignore[attr-defined]

    def _long_pull_running(self) -> bool:
        pull = self.sync.engine.status.snapshot().pull
        return pull is not None and pull.total - pull.done > LONG_PULL_EVENTS

    # Locking ------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.screens.currentWidget() is self.lock_screen

    @Slot()
    def lock(self) -> None:
        if self.locked:
            return
        self.intake.hide_suggestions()
        if self.mentoring is not None:
            self.mentoring.hide_suggestions()
        for dialog in (self.settings_dialog, self.relogin_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.reject()
        self.idle.pause()
        self.sync_area.relogin.setEnabled(False)
        self.screens.setCurrentWidget(self.lock_screen)
        self.lock_screen.prepare()

    @Slot()
    def unlock(self) -> None:
        self.screens.setCurrentWidget(self.content)
        self.sync_area.relogin.setEnabled(True)
        self.idle.resume()
        current = self.pages.currentWidget()
        (self.intake.company_search if current is self.intake else self.list_page.table).setFocus()

    # Closing ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow window keeps every page button whole: the center's name goes first,
        then the role and region beside the user's name (still in its tooltip)."""
        super().resizeEvent(event)
        pages = sum(1 for button in self.nav.buttons() if not button.isHidden())
        room = self.width() - COMPACT_HEADER_BELOW_PER_PAGE * pages
        self.center_name.setVisible(room >= COMPACT_HEADER_ROOM)
        self.who.setText(self._who_full if room >= COMPACT_WHO_ROOM else self._who_short)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shut_down()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.idle.watch(self.windowHandle())  # exists once shown

    def shut_down(self) -> None:
        """Stop syncing and close the local store (idempotent)."""
        if self.session.closed:
            return
        self.idle.uninstall()
        self._refresh_timer.stop()
        self.sync.stop()
        self.query.close()
        self.directory.close()
        self.session.close()

    def _region_name(self, code: str | None) -> str:
        if not code:
            return ""
        try:
            return self.session.workspace.reference.region(code).name
        except Exception:
            return code
