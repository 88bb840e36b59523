"""The dashboard's charts (QtCharts): each KPI's actual against its target for the
period (bars in percent of the target, a marker at 100 %), and the per-month counts.
The charts only draw rows shaped by ``desktop.local.dashboard_data``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from desktop.local.dashboard_data import KpiRow, MonthSeries
from desktop.ui.theme import AMBER, BLUE, GREEN, NAVY

FULL_TARGET = 100.0
SERIES_COLOURS = (BLUE, GREEN, AMBER)


def _chart(title: str) -> QChart:
    chart = QChart()
    font = QFont(QApplication.font())
    chart.setFont(font)
    title_font = QFont(font)
    title_font.setBold(True)
    title_font.setPointSizeF(font.pointSizeF() + 1)
    chart.setTitleFont(title_font)
    chart.setTitleBrush(QColor(NAVY))
    chart.setTitle(title)
    chart.setBackgroundRoundness(4)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.legend().setFont(font)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _axis_font() -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(max(8.0, font.pointSizeF() - 1))
    return font


class AchievementChart(QChartView):
    """Per KPI with a target: the actual as a percentage of the period's target
    (series "실적") and the target itself, a marker at 100 % (series "목표")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("achievementChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(460, 310)  # lower, QtCharts elides the category names
        self.show_rows([])

    def show_rows(self, rows: Sequence[KpiRow]) -> None:
        chart = _chart(self.tr("목표 대비 실적"))
        shown = list(reversed(rows))  # a horizontal chart draws its first category lowest
        actual = QBarSet(self.tr("실적"))
        actual.setColor(QColor(BLUE))
        actual.setLabelColor(QColor(NAVY))
        for row in shown:
            actual.append(row.achievement_pct or 0.0)
        bars = QHorizontalBarSeries()
        bars.setName(self.tr("실적"))
        bars.append(actual)
        bars.setBarWidth(0.6)
        bars.setLabelsVisible(True)
        bars.setLabelsFormat("@value%")
        bars.setLabelsPrecision(3)
        bars.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        target = QScatterSeries()
        target.setName(self.tr("목표 (기간 환산 100%)"))
        target.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        target.setMarkerSize(9)
        target.setColor(QColor(AMBER))
        target.setBorderColor(QColor(AMBER))
        for position in range(len(shown)):
            target.append(QPointF(FULL_TARGET, position))
        chart.addSeries(bars)
        chart.addSeries(target)

        categories = QBarCategoryAxis()
        short = self._short_labels()
        categories.append([short.get(row.key, row.label) for row in shown] or [""])
        categories.setLabelsFont(_axis_font())
        values = QValueAxis()
        highest = max([FULL_TARGET, *(row.achievement_pct or 0.0 for row in shown)])
        values.setRange(0, highest * 1.1)
        values.applyNiceNumbers()
        values.setLabelFormat("%.0f%%")
        values.setLabelsFont(_axis_font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        for series in (bars, target):
            series.attachAxis(categories)
            series.attachAxis(values)
        self._replace(chart)

    def _short_labels(self) -> dict[str, str]:
        """Names short enough that QtCharts does not elide them; the KPI table next
        to the chart has the full ``KPI_LABELS``."""
        return {
            "smes_supported": self.tr("지원 중소기업"),
            "lab_share_pct": self.tr("연구소기업 지원 비율"),
            "resolution_companies": self.tr("애로해결 기업"),
            "resolution_cases": self.tr("애로해결 건수"),
            "consulting_companies": self.tr("기술지도·자문 기업"),
            "consulting_cases": self.tr("기술지도·자문 건수"),
            "cases_per_staff_resolution": self.tr("1인당 애로해결"),
            "cases_per_staff_consulting": self.tr("1인당 기술지도·자문"),
        }

    def _replace(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


class MonthChart(QChartView):
    """The per-month counts: one bar set per figure of the month series, the months
    numbered along an axis titled 월 (twelve fit in a narrow chart)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(380, 240)
        self.show_series((), [])

    def show_series(self, months: Sequence[str], series: Sequence[MonthSeries]) -> None:
        chart = _chart(self.tr("월별 실적"))
        bars = QBarSeries()
        bars.setName(self.tr("월별 실적"))
        for number, one in enumerate(series):
            bar_set = QBarSet(one.label)
            bar_set.setColor(QColor(SERIES_COLOURS[number % len(SERIES_COLOURS)]))
            bar_set.append(list(one.values))
            bars.append(bar_set)
        chart.addSeries(bars)
        categories = QBarCategoryAxis()
        categories.append([self._month_label(month) for month in months] or [""])
        categories.setLabelsFont(_axis_font())
        categories.setTitleText(self.tr("월"))
        categories.setTitleFont(_axis_font())
        values = QValueAxis()
        highest = max([0.0, *(value for one in series for value in one.values)])
        values.setRange(0, max(4.0, highest * 1.15))
        values.setLabelFormat("%.0f")
        values.setLabelsFont(_axis_font())
        values.applyNiceNumbers()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(categories)
        bars.attachAxis(values)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    @staticmethod
    def _month_label(month: str) -> str:
        _, number = month.split("-")
        return str(int(number))
