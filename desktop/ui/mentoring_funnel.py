"""The stage funnel (단계별 현황): one horizontal bar per stage, in stage order, as
long as the number of engagements that reached it, painted with the app's font."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.local.mentoring_list import FunnelStep
from desktop.ui.theme import BLUE, BLUE_SOFT, INK, MUTED, NAVY

ROW_HEIGHT = 30
BAR_HEIGHT = 18
LABEL_WIDTH = 76
COUNT_WIDTH = 150
MARGIN = 4


class StageFunnel(QWidget):
    """``set_steps`` shows the counts; ``texts()`` gives what each row says."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageFunnel")
        self._steps: list[FunnelStep] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_steps(self, steps: Sequence[FunnelStep]) -> None:
        self._steps = list(steps)
        self.setAccessibleDescription(" / ".join(self.texts()))
        self.updateGeometry()
        self.update()

    def texts(self) -> list[str]:
        """e.g. "R&D 4건 (현재 2건)", one per stage in order."""
        return [f"{step.label} {self._count_text(step)}" for step in self._steps]

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self._steps)) * ROW_HEIGHT + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + COUNT_WIDTH + 60, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        widest = max((step.reached for step in self._steps), default=0) or 1
        track = max(10, self.width() - LABEL_WIDTH - COUNT_WIDTH - 2 * MARGIN)
        for number, step in enumerate(self._steps):
            top = MARGIN + number * ROW_HEIGHT
            middle = top + ROW_HEIGHT / 2
            painter.setPen(QColor(INK))
            label = QRectF(MARGIN, top, LABEL_WIDTH - 8, ROW_HEIGHT)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, step.label
            )
            bar_left = MARGIN + LABEL_WIDTH
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BLUE_SOFT))
            painter.drawRoundedRect(
                QRectF(bar_left, middle - BAR_HEIGHT / 2, track, BAR_HEIGHT), 3, 3
            )
            if step.reached:
                width = max(4.0, track * step.reached / widest)
                painter.setBrush(QColor(BLUE if step.current < step.reached else NAVY))
                painter.drawRoundedRect(
                    QRectF(bar_left, middle - BAR_HEIGHT / 2, width, BAR_HEIGHT), 3, 3
                )
            painter.setPen(QColor(INK if step.reached else MUTED))
            count = QRectF(bar_left + track + 8, top, COUNT_WIDTH - 8, ROW_HEIGHT)
            text = metrics.elidedText(
                self._count_text(step), Qt.TextElideMode.ElideRight, int(count.width())
            )
            painter.drawText(
                count, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )
        painter.end()

    def _count_text(self, step: FunnelStep) -> str:
        return self.tr("{reached}건 (현재 {current}건)").format(
            reached=step.reached, current=step.current
        )
