"""One engagement on screen (멘토링 상세): who, where it stands, the actions, then its
sessions, convergence tasks, exchange groups and the timeline of everything recorded,
each line with a 동기화됨 / 전송 대기 / 충돌 예상 badge."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.local.mentoring_detail import MentoringDetail, SyncMark, TimelineEntry
from desktop.ui.theme import (
    AMBER,
    AMBER_SOFT,
    BLUE_SOFT,
    GREY_SOFT,
    MUTED,
    NAVY,
    RED,
    RED_SOFT,
    set_role,
)
from domain.business_calendar import KST

ACTIONS = ("session", "task", "group", "stage", "conclude")
BADGE_COLOURS = {
    SyncMark.SYNCED: (MUTED, GREY_SOFT),
    SyncMark.PENDING: (AMBER, AMBER_SOFT),
    SyncMark.WILL_CONFLICT: (RED, RED_SOFT),
    SyncMark.CONFLICT: (RED, RED_SOFT),
    SyncMark.REJECTED: (RED, RED_SOFT),
}


def badge(text: str, colour: str, background: str) -> QLabel:
    chip = QLabel(text)
    chip.setStyleSheet(
        f"color: {colour}; background: {background}; border-radius: 3px; padding: 1px 7px;"
    )
    return chip


class EngagementView(QWidget):
    """``action_requested`` carries one of ``ACTIONS``."""

    action_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("engagementView")
        self.detail: MentoringDetail | None = None
        self.title = QLabel()
        set_role(self.title, "subtitle")
        self.title.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        set_role(self.facts, "hint")
        self.stage_badge = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        labels = {
            "session": self.tr("세션 기록"),
            "task": self.tr("융합 과제"),
            "group": self.tr("교류회"),
            "stage": self.tr("단계 변경"),
            "conclude": self.tr("종료"),
        }
        tips = {
            "session": self.tr("멘토링 세션을 기록합니다."),
            "task": self.tr("융합 R&D 과제 발굴을 기록합니다."),
            "group": self.tr("교류회 결성·참여를 기록합니다."),
            "stage": self.tr("과제선정 > R&D > 사업화 > 투·융자 > 해외진출 단계를 바꿉니다."),
            "conclude": self.tr("멘토링을 종료합니다."),
        }
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for action in ACTIONS:
            button = QPushButton(labels[action])
            button.setObjectName(f"mentoring-{action}")
            button.setToolTip(tips[action])
            button.clicked.connect(lambda _=False, a=action: self.action_requested.emit(a))
            self.buttons[action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.concluded_note = QLabel(self.tr("종료된 멘토링입니다. 기록을 추가할 수 없습니다."))
        set_role(self.concluded_note, "hint")

        self.sessions = _Section(self.tr("멘토링 세션"))
        self.tasks = _Section(self.tr("융합 R&D 과제"))
        self.groups = _Section(self.tr("교류회"))
        self.timeline = _Section(self.tr("기록 이력"))

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(12)
        for section in (self.sessions, self.tasks, self.groups, self.timeline):
            column.addWidget(section)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.stage_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addLayout(actions)
        layout.addWidget(self.concluded_note)
        layout.addWidget(scroll, 1)

    def show_detail(self, detail: MentoringDetail) -> None:
        self.detail = detail
        row = detail.row
        self.title.setText(
            self.tr("{junior} ← 멘토 {senior}").format(
                junior=row.junior.name, senior=row.senior.name
            )
        )
        facts = self.tr("코디네이터 {coordinator} · {region} · 시작 {started}").format(
            coordinator=row.coordinator,
            region=row.region_name,
            started=row.started_at.astimezone(KST).date().isoformat(),
        )
        self.facts.setText(facts)
        stage = row.stage_label or self.tr("단계 진입 전")
        if row.concluded:
            stage = self.tr("{stage} · 종료").format(stage=stage)
        self.stage_badge.setText(stage)
        self.stage_badge.setStyleSheet(
            f"color: {NAVY}; background: {BLUE_SOFT}; border-radius: 3px; padding: 3px 9px;"
            " font-weight: bold;"
        )
        for button in self.buttons.values():
            button.setEnabled(not row.concluded)
        self.concluded_note.setVisible(row.concluded)
        self._fill_sessions(detail)
        self._fill_tasks(detail)
        self._fill_groups(detail)
        self._fill_timeline(detail.timeline)

    def timeline_texts(self) -> list[tuple[str, str]]:
        """(text, badge) per timeline line, oldest first (for tests)."""
        return self.timeline.pairs

    def _fill_sessions(self, detail: MentoringDetail) -> None:
        self.sessions.clear(self.tr("아직 기록된 세션이 없습니다."), bool(detail.sessions))
        for session in reversed(detail.sessions):
            head = self.tr("{day} · {hours}시간 · {topics}").format(
                day=session.held_on.isoformat(),
                hours=f"{session.hours:g}",
                topics=", ".join(session.topics),
            )
            self.sessions.add_line(head, session.know_how)

    def _fill_tasks(self, detail: MentoringDetail) -> None:
        self.tasks.clear(self.tr("아직 발굴한 과제가 없습니다."), bool(detail.tasks))
        for task in detail.tasks:
            self.tasks.add_line(task.title, task.description)

    def _fill_groups(self, detail: MentoringDetail) -> None:
        self.groups.clear(self.tr("참여한 교류회가 없습니다."), bool(detail.exchange_groups))
        last = len(detail.exchange_groups) - 1
        for number, group in enumerate(detail.exchange_groups):
            self.groups.add_line(group, self.tr("현재 참여 중") if number == last else "")

    def _fill_timeline(self, entries: list[TimelineEntry]) -> None:
        self.timeline.clear("", True)
        labels = {
            SyncMark.SYNCED: self.tr("동기화됨"),
            SyncMark.PENDING: self.tr("전송 대기"),
            SyncMark.WILL_CONFLICT: self.tr("충돌 예상"),
            SyncMark.CONFLICT: self.tr("충돌"),
            SyncMark.REJECTED: self.tr("거부"),
        }
        for entry in reversed(entries):
            when = entry.at.astimezone(KST).strftime("%Y-%m-%d %H:%M")
            note = f"{when} · {entry.recorded_by}"
            if entry.reason:
                note += f" · {entry.reason}"
            self.timeline.add_badged(entry.text, note, labels[entry.mark], entry.mark)


class _Section(QFrame):
    """A titled card of lines (text, a muted note under it, an optional badge)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setProperty("role", "card")
        heading = QLabel(title)
        set_role(heading, "subtitle")
        self.empty = QLabel()
        set_role(self.empty, "hint")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(0, 1)
        self.pairs: list[tuple[str, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(self.empty)
        layout.addLayout(self.grid)
        self._rows = 0

    def clear(self, empty_text: str, has_lines: bool) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone now, not at the next turn of the event loop
                widget.deleteLater()
        self.pairs = []
        self._rows = 0
        self.empty.setText(empty_text)
        self.empty.setVisible(not has_lines and bool(empty_text))

    def add_line(self, text: str, note: str) -> None:
        self._add(text, note)

    def add_badged(self, text: str, note: str, label: str, mark: SyncMark) -> None:
        top = self._add(text, note)
        colour, background = BADGE_COLOURS[mark]
        self.grid.addWidget(badge(label, colour, background), top, 1, Qt.AlignmentFlag.AlignTop)
        self.pairs.insert(0, (text, label))

    def _add(self, text: str, note: str) -> int:
        top = self._rows
        line = QLabel(text)
        line.setWordWrap(True)
        self.grid.addWidget(line, top, 0)
        self._rows += 1
        if note:
            under = QLabel(note)
            under.setWordWrap(True)
            set_role(under, "hint")
            self.grid.addWidget(under, self._rows, 0)
            self._rows += 1
        return top
