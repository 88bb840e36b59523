"""The mentoring table model: Qt's model tester, lazy pages, sorting and the sync
column, over the demo workspace's seven engagements."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from ui_builders import NOW

from desktop.local.demo_workspace import fill_demo_workspace
from desktop.local.mentoring_list import MentoringList
from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.qtmodels.mentoring_table import (
    COLUMNS,
    ENGAGEMENT_ID_ROLE,
    STAGE_COLUMN,
    SYNC_COLUMN,
    MentoringTableModel,
)

DEMO_ENGAGEMENTS = 7


@pytest.fixture
def listing(tmp_path: Path) -> Iterator[MentoringList]:
    with Workspace.open(tmp_path / "local.sqlite", cipher_key=new_store_key()) as workspace:
        fill_demo_workspace(workspace, now=NOW)
        yield MentoringList(workspace)


def test_the_model_passes_qts_model_tester(
    qtmodeltester: object, themed_app: QApplication, listing: MentoringList
) -> None:
    model = MentoringTableModel(listing, page_size=3)

    qtmodeltester.check(model, force_py=False)  # type: ignore[attr-defined]

    assert model.total == DEMO_ENGAGEMENTS


def test_rows_are_shown_a_page_at_a_time(themed_app: QApplication, listing: MentoringList) -> None:
    model = MentoringTableModel(listing, page_size=3)

    assert (model.rowCount(), model.total) == (3, DEMO_ENGAGEMENTS)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == DEMO_ENGAGEMENTS
    ids = {model.data(model.index(row, 0), ENGAGEMENT_ID_ROLE) for row in range(model.rowCount())}
    assert len(ids) == DEMO_ENGAGEMENTS


def test_sorting_by_stage_follows_the_stage_order_not_the_alphabet(
    themed_app: QApplication, listing: MentoringList
) -> None:
    model = MentoringTableModel(listing)

    model.sort(STAGE_COLUMN, Qt.SortOrder.AscendingOrder)

    stages = [model.data(model.index(row, STAGE_COLUMN)) for row in range(model.rowCount())]
    assert stages == [
        "단계 진입 전",
        "단계 진입 전",
        "과제선정",
        "R&D",
        "R&D",
        "사업화",
        "해외진출",
    ]


def test_headers_and_sync_marks_are_in_korean(
    themed_app: QApplication, listing: MentoringList
) -> None:
    model = MentoringTableModel(listing)

    headers = [
        model.headerData(n, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for n in range(len(COLUMNS))
    ]
    marks = {model.data(model.index(row, SYNC_COLUMN)) for row in range(model.rowCount())}

    assert headers[:4] == ["후배 기업", "선배 기업 (멘토)", "코디네이터", "현재 단계"]
    assert marks == {"동기화됨", "전송 대기 1건"}


def test_the_filter_counts_what_matches(themed_app: QApplication, listing: MentoringList) -> None:
    model = MentoringTableModel(listing)
    counts: list[int] = []
    model.count_changed.connect(counts.append)

    model.set_filter_text("오세영 R&D")

    assert counts == [2]
    assert {model.engagement_row(row).coordinator for row in range(model.rowCount())} == {"오세영"}
