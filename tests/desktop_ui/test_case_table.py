"""The case list's Qt model: lazy pages from SQL, sorting and filtering in SQL, SLA
state as Korean text and colour. Checked by Qt's own QAbstractItemModelTester, on a
small list and on 100,000 cases (no timings here: those are ``bench/``'s)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QImage
from PySide6.QtWidgets import QApplication, QTableView
from ui_builders import NOW

from desktop.local.demo_workspace import fill_demo_workspace
from desktop.local.read_model import CaseListQuery, CaseRow, ReadModel
from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.qtmodels import role_data
from desktop.qtmodels.case_table import (
    COLUMNS,
    PAGE_SIZE,
    SLA_COLOURS,
    SLA_COLUMN,
    SYNC_COLUMN,
    CaseTableModel,
)
from domain.case_status import CaseStatus
from domain.reference import default_reference
from domain.sla import SlaState

MANY = 100_000


@pytest.fixture
def demo_query(tmp_path: Path) -> Iterator[CaseListQuery]:
    path = tmp_path / "local.sqlite"
    with Workspace.open(path, cipher_key=new_store_key()) as workspace:
        fill_demo_workspace(workspace, now=NOW)
        read_model = ReadModel(path, reference=workspace.reference, clock=lambda: NOW)
        read_model.catch_up(workspace)
        read_model.close()
    query = CaseListQuery(path)
    yield query
    query.close()


@pytest.fixture(scope="module")
def many_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100,000 synthetic rows, written straight into the read model's table."""
    path = tmp_path_factory.mktemp("many") / "local.sqlite"
    read_model = ReadModel(path, reference=default_reference())
    states = [SlaState.RUNNING, SlaState.MET, SlaState.MISSED, SlaState.PAUSED, None]
    statuses = list(CaseStatus)
    rows = [
        CaseRow(
            case_id=uuid4(),
            company_id=uuid4(),
            company_name=f"기업{n % 9973:04d}",
            business_number=f"{300 + n % 600:03d}-81-{n % 100000:05d}",
            region="daejeon",
            region_name="대전·세종",
            service="difficulty_resolution",
            service_name="애로기술 해결",
            status=statuses[n % len(statuses)],
            received_at=NOW - timedelta(minutes=n),
            institute=None,
            institute_name="",
            sla_state=states[n % len(states)],
            sla_due_at=NOW + timedelta(days=3) - timedelta(minutes=n)
            if states[n % len(states)] is SlaState.RUNNING
            else None,
            pending=n % 50 == 0,
            will_conflict=0,
        )
        for n in range(MANY)
    ]
    read_model.put_rows(rows)
    read_model.close()
    return path


def test_the_model_passes_qts_model_tester(
    qtmodeltester: object, themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW, page_size=10)

    qtmodeltester.check(model, force_py=False)  # type: ignore[attr-defined]

    assert model.total == 36


def test_rows_are_loaded_a_page_at_a_time(
    themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW, page_size=10)

    assert (model.rowCount(), model.total) == (10, 36)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 36
    assert len({model.case_id(row) for row in range(36)}) == 36


def test_the_sla_column_speaks_korean_and_shows_its_colour(
    themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW, page_size=100)
    texts = {}
    for row in range(model.rowCount()):
        state = model.case_row(row).sla_state
        texts[state] = model.data(model.index(row, SLA_COLUMN))
        if state is SlaState.OVERDUE:
            brush = model.data(model.index(row, SLA_COLUMN), Qt.ItemDataRole.ForegroundRole)
            assert isinstance(brush, QBrush)
            assert brush.color().name().upper() == SLA_COLOURS[SlaState.OVERDUE][0]

    assert texts[SlaState.OVERDUE].startswith("기한 초과")
    assert texts[SlaState.RUNNING].startswith("기한 내 ·")
    assert texts[SlaState.RUNNING].endswith("까지")
    assert texts[SlaState.MET] == "기한 내 처리"
    assert texts[SlaState.MISSED] == "기한 후 처리"
    assert texts[SlaState.PAUSED].startswith("일시정지")


def test_headers_and_sync_marks_are_in_korean(
    themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW)

    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    marks = {model.data(model.index(r, SYNC_COLUMN)) for r in range(model.rowCount())}

    assert headers[0] == "접수일시" and headers[SLA_COLUMN] == "최초 응대 기한"
    assert marks == {"동기화됨", "전송 대기 1건", "전송 대기 3건"}


def test_a_hundred_thousand_cases_load_only_the_first_page(
    themed_app: QApplication, many_cases: Path
) -> None:
    query = CaseListQuery(many_cases)
    try:
        model = CaseTableModel(query, clock=lambda: NOW)

        assert model.total == MANY
        assert model.rowCount() == PAGE_SIZE
        model.fetchMore(QModelIndex())
        assert model.rowCount() == 2 * PAGE_SIZE
    finally:
        query.close()


def test_sorting_a_hundred_thousand_cases_happens_in_sql(
    themed_app: QApplication, many_cases: Path
) -> None:
    query = CaseListQuery(many_cases)
    try:
        model = CaseTableModel(query, clock=lambda: NOW)
        company = [c.header for c in COLUMNS].index("기업명")

        model.sort(company, Qt.SortOrder.AscendingOrder)
        first = model.data(model.index(0, company))
        model.sort(company, Qt.SortOrder.DescendingOrder)
        last = model.data(model.index(0, company))

        assert (first, last) == ("기업0000", "기업9972")
        assert model.rowCount() == PAGE_SIZE
    finally:
        query.close()


def test_filtering_a_hundred_thousand_cases_narrows_the_count(
    themed_app: QApplication, many_cases: Path
) -> None:
    query = CaseListQuery(many_cases)
    try:
        model = CaseTableModel(query, clock=lambda: NOW)
        counts: list[int] = []
        model.count_changed.connect(counts.append)

        model.set_filter_text("기업0042")

        assert model.total == len(range(42, MANY, 9973))
        assert counts == [model.total]
        assert all(model.data(model.index(row, 1)) == "기업0042" for row in range(model.rowCount()))
        model.set_filter_text("")
        assert model.total == MANY
    finally:
        query.close()


def test_the_model_tester_passes_on_a_hundred_thousand_cases(
    qtmodeltester: object, themed_app: QApplication, many_cases: Path
) -> None:
    query = CaseListQuery(many_cases)
    try:
        model = CaseTableModel(query, clock=lambda: NOW)
        qtmodeltester.check(model, force_py=False)  # type: ignore[attr-defined]
        model.sort(SLA_COLUMN, Qt.SortOrder.AscendingOrder)
        model.set_filter_text("대전")
    finally:
        query.close()


def painted(model: CaseTableModel, times: int = 1) -> QImage:
    view = QTableView()
    view.setModel(model)
    view.resize(1400, 600)
    image = QImage()
    for _ in range(times):
        image = view.grab().toImage()
    view.deleteLater()
    return image


def test_a_repaint_asks_each_visible_cell_once_for_all_its_roles(
    themed_app: QApplication, demo_query: CaseListQuery, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW, page_size=100)
    asked: list[tuple[int, int]] = []
    answer = role_data.answer_each_role

    def counted(index: QModelIndex, span: object, data: object) -> None:
        asked.append((index.row(), index.column()))
        answer(index, span, data)  # type: ignore[arg-type]

    monkeypatch.setattr(role_data, "answer_each_role", counted)

    image = painted(model)

    assert asked and len(asked) == len(set(asked))  # each cell once, for every role
    assert not image.isNull()


def test_the_overdue_colour_reaches_the_screen_through_the_one_call(
    themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    model = CaseTableModel(demo_query, clock=lambda: NOW, page_size=100)
    view = QTableView()
    view.setModel(model)
    view.resize(1400, 600)
    image = view.grab().toImage()
    overdue = next(
        row for row in range(model.rowCount()) if model.case_row(row).sla_state is SlaState.OVERDUE
    )
    cell = view.visualRect(model.index(overdue, SLA_COLUMN))
    offset = view.viewport().mapTo(view, cell.topLeft())
    pixels = Counter(
        image.pixelColor(offset.x() + x, offset.y() + y).name().upper()
        for x in range(cell.width())
        for y in range(cell.height())
    )
    view.deleteLater()
    background, _count = pixels.most_common(1)[0]
    assert background == SLA_COLOURS[SlaState.OVERDUE][1]


def test_painting_the_list_again_and_again_keeps_nones_reference_count(
    themed_app: QApplication, demo_query: CaseListQuery
) -> None:
    """PySide6's ``QModelRoleData.setData`` drops a reference to ``None`` per call; left
    alone, the program aborts after enough repaints (``role_data.py``)."""
    model = CaseTableModel(demo_query, clock=lambda: NOW, page_size=100)
    painted(model)
    before = sys.getrefcount(None)

    painted(model, times=20)

    assert sys.getrefcount(None) >= before - 100  # without the fix: thousands fewer
