"""Finding cases by text through the trigram index (``desktop.local.case_search``):
the same rows as a substring test of every word, whatever the word's length, and
an index that follows the rows as they change. No Qt here."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from ui_builders import NOW

from desktop.local import case_search
from desktop.local.read_model import CaseListQuery, CaseRow, CaseSort, ReadModel
from domain.case_status import CaseStatus
from domain.reference.loader import default_reference
from domain.sla import SlaState

COMPANIES = ("한빛정밀(주)", "새봄센서", "정우 100% 소재", 'Daeil "Tech"', "미래_바이오")
INSTITUTES = ((None, ""), ("KIMM", "한국기계연구원"), ("ETRI", "한국전자통신연구원"))


def row(number: int, company: str, institute: tuple[str | None, str]) -> CaseRow:
    return CaseRow(
        case_id=uuid4(),
        company_id=uuid4(),
        company_name=company,
        business_number=f"30{number % 10}-81-1234{number % 10}",
        region="daejeon",
        region_name="대전·세종",
        service="difficulty_resolution",
        service_name="애로기술 해결",
        status=CaseStatus.ASSIGNED if institute[0] else CaseStatus.RECEIVED,
        received_at=NOW - timedelta(hours=number),
        institute=institute[0],
        institute_name=institute[1],
        sla_state=SlaState.RUNNING,
        sla_due_at=NOW + timedelta(days=1),
        pending=0,
        will_conflict=0,
    )


ROWS = [
    row(n, company, institute)
    for n, (company, institute) in enumerate(
        (company, institute) for company in COMPANIES for institute in INSTITUTES
    )
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "local.sqlite"


@pytest.fixture
def model(path: Path) -> Iterator[ReadModel]:
    read_model = ReadModel(path, reference=default_reference())
    yield read_model
    read_model.close()


@pytest.fixture
def query(path: Path, model: ReadModel) -> Iterator[CaseListQuery]:
    opened = CaseListQuery(path)
    yield opened
    opened.close()


def scanned(path: Path, text: str) -> set[str]:
    """What a plain scan finds: the rows whose search text contains every word."""
    words = text.lower().split()
    with sqlite3.connect(path) as db:
        return {
            case_id
            for case_id, search in db.execute("SELECT case_id, search FROM list_cases")
            if all(word in search for word in words)
        }


@pytest.mark.parametrize(
    "text",
    [
        "정",
        "정밀",
        "밀(주",
        "m",  # the last letter of the text (the institute's code)
        "mm",
        "kimm",
        "tech",
        '"tech"',
        "100%",
        "_",
        "%",
        "81-1234",
        "3058112",
        "센서 etri",
        "정밀 새봄",
        "없는말",
        "z",
    ],
)
def test_the_index_finds_exactly_the_rows_a_scan_finds(
    path: Path, model: ReadModel, query: CaseListQuery, text: str
) -> None:
    model.put_rows(ROWS)

    found = {str(r.case_id) for r in query.page(now=NOW, text=text, limit=1000)}

    assert found == scanned(path, text)
    assert query.count(text) == len(found)


def test_a_changed_row_is_found_by_its_new_text_only(
    model: ReadModel, query: CaseListQuery
) -> None:
    model.put_rows(ROWS)
    renamed = replace(ROWS[0], company_name="다래기계")

    model.put_rows([renamed])

    assert query.count("다래기계") == 1
    assert query.count("한빛") == len(INSTITUTES) - 1
    assert query.count("") == len(ROWS)


def test_a_rebuild_empties_the_index_with_the_rows(model: ReadModel, query: CaseListQuery) -> None:
    model.put_rows(ROWS)

    model.rebuild()
    model.put_rows(ROWS[:1])

    assert query.count("") == 1
    assert query.count("새봄") == 0
    assert query.count("한빛") == 1


def test_a_page_with_many_matches_walks_the_sort_index_to_the_same_rows(
    model: ReadModel, query: CaseListQuery, monkeypatch: pytest.MonkeyPatch
) -> None:
    model.put_rows(ROWS)
    sorts = [(sort, descending) for sort in CaseSort for descending in (False, True)]
    sorted_ = {
        key: [r.case_id for r in query.page(now=NOW, text="대전", sort=key[0], descending=key[1])]
        for key in sorts
    }

    monkeypatch.setattr(case_search, "WALK_ABOVE", 0)
    walked = {
        key: [r.case_id for r in query.page(now=NOW, text="대전", sort=key[0], descending=key[1])]
        for key in sorts
    }

    assert walked == sorted_
    assert all(len(ids) == len(ROWS) for ids in walked.values())
