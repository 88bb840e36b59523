"""The conflicts panel (충돌): open conflicts with both sides, what the server holds and
what was held back, by whom and when. Central staff (통합센터) decide a server conflict;
everyone else reads it. This computer's pending events that will conflict are listed
too, so nobody is surprised after the next sync.

The server's list is fetched off the GUI thread; offline, the panel shows the last
list it received and says so."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.qtmodels.conflict_table import ConflictTableModel, when_text
from desktop.sync import conflict_list
from desktop.sync.conflict_list import APPLY_THEIRS, KEEP_CANONICAL, ConflictItem, Side
from desktop.sync.errors import AuthenticationExpired, ServerUnavailable, SyncError
from desktop.ui import background
from desktop.ui.fields import error_banner
from desktop.ui.session import Session
from desktop.ui.theme import mark_invalid, set_role
from domain.access import Role
from domain.case_status import CONFLICT_DECISIONS
from sync_protocol import ConflictView

COLUMN_WIDTHS = (130, 240, 300, 300, 130)


@dataclass(frozen=True)
class Fetched:
    """One refresh: the local items always; the server's, or why not."""

    local: list[ConflictItem]
    server: list[ConflictItem] | None
    error: SyncError | None


class ConflictsPanel(QWidget):
    """``loaded`` after each refresh; ``resolved`` after central staff decided one
    (the window then syncs, so the decision's event comes down)."""

    loaded = Signal()
    resolved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsPanel")
        self.session = session
        self.model = ConflictTableModel(self)
        self._last_server: list[ConflictItem] = []
        self._last_received_at: datetime | None = None
        self._call: background.BackgroundCall | None = None
        self._resolving: background.BackgroundCall | None = None

        title = QLabel(self.tr("충돌"))
        set_role(title, "title")
        hint = QLabel(
            self.tr(
                "서로 다른 곳에서 같은 기록을 다르게 바꾼 경우입니다. "
                "서버의 기록이 현재 확정된 내용이며, 보류된 기록은 삭제되지 않고 결정을 기다립니다."
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.count = QLabel()
        set_role(self.count, "hint")
        self.refresh_button = QPushButton(self.tr("새로 고침"))
        self.refresh_button.clicked.connect(self.refresh)
        self.banner = error_banner()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        set_role(self.notice, "banner-info")
        self.notice.hide()

        self.table = QTableView()
        self.table.setObjectName("conflictTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.canonical_side = QLabel()
        self.held_side = QLabel()
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        set_role(self.reason, "warning")
        self.empty = QLabel(self.tr("충돌이 없습니다."))
        set_role(self.empty, "hint")
        self.details = self._details()

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        self._show_selected(None)

    # Layout -------------------------------------------------------------------------

    def _details(self) -> QFrame:
        """The reason, the two sides next to each other, and the decision area."""
        details = QFrame()
        column = QVBoxLayout(details)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.reason)
        sides = QHBoxLayout()
        sides.setSpacing(12)
        for heading, body in (
            (self.tr("서버의 기록 (현재 확정된 결정)"), self.canonical_side),
            (self.tr("보류된 기록"), self.held_side),
        ):
            card = QFrame()
            card.setProperty("role", "card")
            inner = QVBoxLayout(card)
            inner.setContentsMargins(16, 12, 16, 12)
            label = QLabel(heading)
            set_role(label, "subtitle")
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            inner.addWidget(label)
            inner.addWidget(body, 1)
            sides.addWidget(card, 1)
        column.addLayout(sides, 1)
        column.addWidget(self._decision_area())
        return details

    def _decision_area(self) -> QFrame:
        area = QFrame()
        area.setProperty("role", "card")
        self.read_only_note = QLabel()
        self.read_only_note.setWordWrap(True)
        set_role(self.read_only_note, "hint")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("해결 사유 (예: 기계 분야라 KIMM 지정 유지)"))
        self.note.setMaxLength(2000)
        self.keep_button = QPushButton(self.tr("기존 기록 유지"))
        self.keep_button.setProperty("primary", True)
        self.keep_button.clicked.connect(lambda: self.resolve_selected(KEEP_CANONICAL))
        self.apply_button = QPushButton(self.tr("보류된 기록 반영"))
        self.apply_button.clicked.connect(lambda: self.resolve_selected(APPLY_THEIRS))
        self.decision_error = QLabel()
        self.decision_error.setWordWrap(True)
        set_role(self.decision_error, "error")
        self.decision_error.hide()
        self.resolve_row = QWidget()
        row = QHBoxLayout(self.resolve_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("해결 사유")))
        row.addWidget(self.note, 1)
        row.addWidget(self.keep_button)
        row.addWidget(self.apply_button)
        inner = QVBoxLayout(area)
        inner.setContentsMargins(16, 10, 16, 10)
        inner.addWidget(self.read_only_note)
        inner.addWidget(self.resolve_row)
        inner.addWidget(self.decision_error)
        return area

    # Loading ------------------------------------------------------------------------

    @property
    def central(self) -> bool:
        return self.session.user.role == Role.CENTRAL.value

    @property
    def busy(self) -> bool:
        return self._call is not None or self._resolving is not None

    @Slot()
    def refresh(self) -> None:
        """Fetch the server's list and look at this computer's pending events, off the
        GUI thread; ``loaded`` when done."""
        if self._call is not None:
            return
        self.refresh_button.setEnabled(False)
        self.refresh_button.setText(self.tr("불러오는 중…"))
        session = self.session
        self._call = background.start(lambda: _fetch(session), self._fetched, self._fetch_failed)

    def _fetched(self, result: object) -> None:
        assert isinstance(result, Fetched)
        self._call = None
        self._reset_refresh_button()
        if result.server is not None:
            self._last_server = result.server
            self._last_received_at = datetime.now(UTC)
            self.banner.hide()
        else:
            self._show_fetch_error(result.error)
        self._show_items(self._last_server + result.local)
        self.loaded.emit()

    def _fetch_failed(self, error: Exception) -> None:
        self._call = None
        self._reset_refresh_button()
        self.banner.setText(self.tr("충돌 목록을 불러오지 못했습니다: {error}").format(error=error))
        self.banner.show()
        self.loaded.emit()

    def _show_fetch_error(self, error: SyncError | None) -> None:
        if isinstance(error, ServerUnavailable):
            if self._last_received_at is None:
                text = self.tr(
                    "서버에 연결할 수 없어 서버의 충돌 목록을 받지 못했습니다. "
                    "이 컴퓨터의 충돌 예상 기록만 표시합니다."
                )
            else:
                text = self.tr(
                    "서버에 연결할 수 없어 마지막으로 받은 목록을 표시합니다 ({when} 기준)."
                ).format(when=when_text(self._last_received_at))
        elif isinstance(error, AuthenticationExpired):
            text = self.tr(
                "로그인이 만료되어 서버의 충돌 목록을 받지 못했습니다. "
                "아래 상태 표시줄의 [다시 로그인]을 눌러 주세요."
            )
        else:
            message = error.message if error is not None else ""
            text = self.tr("서버의 충돌 목록을 받지 못했습니다: {message}").format(message=message)
        self.banner.setText(text)
        self.banner.show()

    def _reset_refresh_button(self) -> None:
        self.refresh_button.setEnabled(True)
        self.refresh_button.setText(self.tr("새로 고침"))

    def _show_items(self, items: list[ConflictItem]) -> None:
        selected = self.selected()
        self.model.set_items(items)
        server = sum(item.resolvable for item in items)
        self.count.setText(
            self.tr("서버 충돌 {server}건 · 충돌 예상 {local}건").format(
                server=server, local=len(items) - server
            )
        )
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)
        row = self.model.row_of(selected) if selected is not None else None
        if row is None and items:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self._show_selected(None)

    # The selected conflict ----------------------------------------------------------

    def selected(self) -> ConflictItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected(self.selected())

    def _show_selected(self, item: ConflictItem | None) -> None:
        self.details.setVisible(item is not None)
        self.decision_error.hide()
        if item is None:
            return
        canonical = item.canonical or ()
        self.canonical_side.setText(
            "<br>".join(_side_html(side) for side in canonical) or self.tr("(없음)")
        )
        self.held_side.setText(_side_html(item.held))
        self.reason.setText(self.tr("충돌 사유: {reason}").format(reason=item.reason))
        may_resolve = item.resolvable and self.central
        self.resolve_row.setVisible(may_resolve)
        if not item.resolvable:
            note = self.tr(
                "아직 서버로 보내지 않은 이 컴퓨터의 기록입니다. 보내면 서버가 판단하며, "
                "충돌로 남으면 통합센터 직원이 해결합니다. 기록은 지워지지 않습니다."
            )
        elif not self.central:
            note = self.tr(
                "충돌 해결은 통합센터 직원이 합니다. 이 화면에서는 내용만 확인할 수 있습니다."
            )
        else:
            note = self.tr(
                "어느 쪽을 남길지 정하고 사유를 적어 주세요. 결정은 이 건의 이력에 기록됩니다."
            )
        self.read_only_note.setText(note)

    # Resolving (central staff) --------------------------------------------------------

    def resolve_selected(self, decision: str) -> None:
        item = self.selected()
        if item is None or item.view is None or not self.central or self._resolving is not None:
            return
        note = self.note.text().strip()
        if not note:
            self._show_decision_error(self.tr("해결 사유를 입력해 주세요."))
            mark_invalid(self.note, True)
            self.note.setFocus()
            return
        mark_invalid(self.note, False)
        self.decision_error.hide()
        self._set_resolving(True)
        session, view = self.session, item.view
        self._resolving = background.start(
            lambda: _resolve(session, view, decision, note), self._resolved, self._resolve_failed
        )

    def _resolved(self, view: object) -> None:
        assert isinstance(view, ConflictView)
        self._resolving = None
        self._set_resolving(False)
        self.note.clear()
        decision = (view.resolution or "").split(":", 1)[0]
        label = CONFLICT_DECISIONS.get(decision, decision)
        self.notice.setText(self.tr("충돌을 해결했습니다 ({decision}).").format(decision=label))
        self.notice.show()
        self._last_server = [i for i in self._last_server if i.key != view.conflict_id]
        self._show_items(self._last_server + [i for i in self.model.items if not i.resolvable])
        self.resolved.emit()
        self.refresh()

    def _resolve_failed(self, error: Exception) -> None:
        self._resolving = None
        self._set_resolving(False)
        if isinstance(error, ServerUnavailable):
            text = self.tr(
                "서버에 연결할 수 없어 충돌을 해결하지 못했습니다. 연결되면 다시 시도해 주세요."
            )
        elif isinstance(error, SyncError):
            text = error.message
        else:
            text = self.tr("충돌을 해결하지 못했습니다: {error}").format(error=error)
        self._show_decision_error(text)

    def _show_decision_error(self, text: str) -> None:
        self.decision_error.setText(text)
        self.decision_error.show()

    def _set_resolving(self, resolving: bool) -> None:
        for widget in (self.keep_button, self.apply_button, self.note):
            widget.setEnabled(not resolving)


def _fetch(session: Session) -> Fetched:
    workspace = session.workspace
    local = conflict_list.local_items(workspace)
    try:
        with session.connect() as client:
            views = client.conflicts()
    except SyncError as error:
        return Fetched(local, None, error)
    return Fetched(local, conflict_list.server_items(views, workspace), None)


def _resolve(session: Session, view: ConflictView, decision: str, note: str) -> ConflictView:
    with session.connect() as client:
        return conflict_list.resolve(client, view, decision, note, session.recording())


def _side_html(side: Side) -> str:
    who = html.escape(f"{side.recorded_by} ({side.device})")
    return (
        f"<b>{html.escape(side.text)}</b><br>"
        f"<span style='color:#667085'>{who} · {when_text(side.recorded_at)}</span>"
    )
