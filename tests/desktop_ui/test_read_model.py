"""The local lists: one row per case and per company, kept in step with the workspace
(canonical events, then pending ones), sorted and filtered in SQL. No Qt here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from ui_builders import NOW

from desktop.local.outbox import OutboxStatus, PushOutcome
from desktop.local.read_model import (
    CaseListQuery,
    CaseSort,
    CompanyDirectory,
    ReadModel,
)
from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from domain.aggregate import DariAggregate, DariEvent
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.case_status import CaseStatus
from domain.company import Company
from domain.recording import Recording
from domain.sla import SlaState

RECEIVED = datetime(2026, 11, 23, 9, 0, tzinfo=KST)  # a Monday morning
COUNSELOR = Recording("counselor.kim", "laptop-1", RECEIVED)
CENTRAL = Recording("central.lee", "desk-11", RECEIVED + timedelta(hours=1))
LIAISON = Recording("liaison.kimm", "kimm-pc", RECEIVED + timedelta(hours=2))


class Lists:
    def __init__(self, path: Path) -> None:
        self.workspace = Workspace.open(path, cipher_key=new_store_key())
        self.read_model = ReadModel(path, reference=self.workspace.reference, clock=lambda: NOW)
        self.query = CaseListQuery(path)
        self.companies = CompanyDirectory(path)

    def catch_up(self) -> set[UUID]:
        return self.read_model.catch_up(self.workspace)

    def pull(self, *aggregates: DariAggregate) -> None:
        """Events recorded elsewhere arrive by pull."""
        events = [
            (uuid4(), event)
            for aggregate in aggregates
            for event in aggregate.collect_events()
            if isinstance(event, DariEvent)
        ]
        self.workspace.add_canonical(events, self.workspace.cursor + len(events))

    def close(self) -> None:
        self.query.close()
        self.companies.close()
        self.read_model.close()
        self.workspace.close()


@pytest.fixture
def lists(tmp_path: Path) -> Iterator[Lists]:
    opened = Lists(tmp_path / "local.sqlite")
    yield opened
    opened.close()


def company(name: str = "한빛정밀(주)", number: str = "305811234") -> Company:
    return Company.register(
        business_number=with_check_digit(number),
        name=name,
        region="daejeon",
        industry="정밀 도금",
        size="small",
        has_research_lab=True,
        by=COUNSELOR,
    )


def case_of(owner: Company, by: Recording = COUNSELOR) -> Case:
    return Case.receive(
        company_id=owner.id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description="도금층 박리",
        by=by,
    )


def test_a_case_recorded_here_is_listed_at_once_as_pending(lists: Lists) -> None:
    hanbit = company()
    case = case_of(hanbit)
    lists.workspace.record(hanbit, case)

    changed = lists.catch_up()

    row = lists.query.case(case.id, now=RECEIVED)
    assert case.id in changed
    assert row is not None
    assert (row.company_name, row.business_number) == ("한빛정밀(주)", "305-81-12341")
    assert (row.region_name, row.service_name, row.status) == (
        "대전·세종",
        "애로기술 해결",
        CaseStatus.RECEIVED,
    )
    assert row.pending == 1
    assert row.will_conflict == 0


def test_pulled_events_update_the_row_and_clear_its_pending_mark(lists: Lists) -> None:
    hanbit = company()
    case = case_of(hanbit)
    lists.workspace.record(hanbit, case)
    lists.catch_up()
    # The server accepted both events; they come back by pull, after an assignment
    # made at the center.
    pulled = [(entry.event_id, entry.event()) for entry in lists.workspace.outbox.entries()]
    assigned = lists.workspace.load_case(case.id)
    assigned.assign_institute("KIMM", by=CENTRAL)
    pulled += [(uuid4(), event) for event in assigned.collect_events()]
    lists.workspace.add_canonical(pulled, len(pulled))

    lists.catch_up()

    row = lists.query.case(case.id, now=RECEIVED + timedelta(hours=3))
    assert row is not None
    assert (row.status, row.institute_name) == (CaseStatus.ASSIGNED, "한국기계연구원")
    assert (row.pending, row.will_conflict) == (0, 0)


def test_catching_up_with_nothing_new_changes_nothing(lists: Lists) -> None:
    hanbit = company()
    lists.workspace.record(hanbit, case_of(hanbit))
    lists.catch_up()

    assert lists.catch_up() == set()


def test_a_running_clock_turns_overdue_as_time_passes_without_any_event(lists: Lists) -> None:
    hanbit = company()
    case = case_of(hanbit)
    lists.workspace.record(hanbit, case)
    lists.catch_up()

    soon = lists.query.case(case.id, now=RECEIVED + timedelta(hours=5))
    later = lists.query.case(case.id, now=RECEIVED + timedelta(days=7))

    assert soon is not None and soon.sla_state is SlaState.RUNNING
    assert later is not None and later.sla_state is SlaState.OVERDUE
    assert soon.sla_due_at == later.sla_due_at == RECEIVED + timedelta(days=3)


def test_a_first_contact_in_time_shows_as_met(lists: Lists) -> None:
    hanbit = company()
    case = case_of(hanbit)
    case.assign_institute("KIMM", by=CENTRAL)
    case.accept_assignment("KIMM", by=LIAISON)
    case.make_first_contact(
        method="phone", summary="통화", by=LIAISON.moved_to(RECEIVED + timedelta(hours=5))
    )
    lists.workspace.record(hanbit, case)
    lists.catch_up()

    row = lists.query.case(case.id, now=RECEIVED + timedelta(days=30))

    assert row is not None and row.sla_state is SlaState.MET


def test_a_case_created_here_and_refused_by_the_server_leaves_the_list(lists: Lists) -> None:
    hanbit = company()
    case = case_of(hanbit)
    [_, case_event] = lists.workspace.record(hanbit, case)
    lists.catch_up()

    lists.workspace.outbox.record_outcomes(
        [PushOutcome(case_event, OutboxStatus.REJECTED, reason="권한이 없습니다.")]
    )
    lists.catch_up()

    assert lists.query.case(case.id, now=RECEIVED) is None
    assert lists.query.count() == 0


def test_a_company_renamed_elsewhere_is_renamed_in_its_case_rows(lists: Lists) -> None:
    hanbit = company()
    case = case_of(hanbit)
    lists.pull(hanbit, case)
    lists.catch_up()
    renamed = lists.workspace.load_company(hanbit.id)
    renamed.correct_profile(
        name="한빛정밀공업(주)", region="daejeon", industry="정밀 도금", size="small", by=CENTRAL
    )
    lists.pull(renamed)

    lists.catch_up()

    row = lists.query.case(case.id, now=RECEIVED)
    assert row is not None and row.company_name == "한빛정밀공업(주)"


def test_the_text_filter_needs_every_word_and_reads_numbers_with_or_without_hyphens(
    lists: Lists,
) -> None:
    hanbit, saebom = company(), company("새봄센서", "307864521")
    lists.workspace.record(hanbit, saebom, case_of(hanbit), case_of(saebom), case_of(saebom))
    lists.catch_up()

    assert lists.query.count("새봄") == 2
    assert lists.query.count("305-81") == 1
    assert lists.query.count("3058112") == 1
    assert lists.query.count("새봄 대전") == 2
    assert lists.query.count("새봄 서울") == 0
    assert lists.query.count("100%") == 0  # a literal percent sign, not a wildcard
    assert lists.query.count("") == 3


def test_sorting_by_company_and_by_sla_happens_in_sql(lists: Lists) -> None:
    hanbit, saebom = company(), company("새봄센서", "307864521")
    late = case_of(saebom, COUNSELOR.moved_to(RECEIVED - timedelta(days=10)))
    lists.workspace.record(hanbit, saebom, case_of(hanbit), late)
    lists.catch_up()

    by_name = lists.query.page(now=RECEIVED, sort=CaseSort.COMPANY, descending=False)
    by_sla = lists.query.page(now=RECEIVED, sort=CaseSort.SLA, descending=False)

    assert [r.company_name for r in by_name] == ["새봄센서", "한빛정밀(주)"]
    assert [r.sla_state for r in by_sla] == [SlaState.OVERDUE, SlaState.RUNNING]


def test_pages_follow_each_other_without_gaps_or_repeats(lists: Lists) -> None:
    hanbit = company()
    cases = [case_of(hanbit, COUNSELOR.moved_to(RECEIVED + timedelta(minutes=i))) for i in range(7)]
    lists.workspace.record(hanbit, *cases)
    lists.catch_up()

    pages = [lists.query.page(now=RECEIVED, offset=offset, limit=3) for offset in range(0, 9, 3)]

    seen = [row.case_id for page in pages for row in page]
    assert seen == [c.id for c in reversed(cases)]  # newest first


def test_companies_are_found_by_name_or_number_for_the_intake_form(lists: Lists) -> None:
    hanbit = company()
    lists.pull(hanbit)
    lists.catch_up()

    assert [c.name for c in lists.companies.find("한빛")] == ["한빛정밀(주)"]
    assert [c.name for c in lists.companies.find("30581")] == ["한빛정밀(주)"]
    found = lists.companies.by_number("305-81-12341")
    assert found is not None and found.company_id == hanbit.id
    assert lists.companies.by_number("305-81-12340") is None  # wrong check digit


def test_rows_are_rebuilt_from_the_events_when_the_schema_changes(tmp_path: Path) -> None:
    path = tmp_path / "local.sqlite"
    lists = Lists(path)
    hanbit = company()
    lists.workspace.record(hanbit, case_of(hanbit))
    lists.catch_up()
    lists.read_model._db.execute("UPDATE list_state SET value = 'old' WHERE key = 'schema'")
    lists.read_model.close()

    rebuilt = ReadModel(path, reference=lists.workspace.reference, clock=lambda: NOW)
    try:
        assert CaseListQuery(path).count() == 0
        rebuilt.catch_up(lists.workspace)
        assert CaseListQuery(path).count() == 1
    finally:
        rebuilt.close()
        lists.query.close()
        lists.companies.close()
        lists.workspace.close()


def test_the_demo_workspace_lists_every_sla_state_it_was_made_for(tmp_path: Path) -> None:
    from desktop.local.demo_workspace import fill_demo_workspace

    lists = Lists(tmp_path / "local.sqlite")
    try:
        fill_demo_workspace(lists.workspace, now=NOW)
        lists.catch_up()
        states = {row.sla_state for row in lists.query.page(now=NOW, limit=100)}
    finally:
        lists.close()
    assert {SlaState.RUNNING, SlaState.OVERDUE, SlaState.MET, SlaState.MISSED} <= states
    assert SlaState.PAUSED in states


def test_catching_up_with_pulled_events_stops_at_a_pause_point_between_every_two(
    lists: Lists,
) -> None:
    hanbit = company()
    cases = [case_of(hanbit) for _ in range(3)]
    lists.pull(hanbit, *cases)
    pauses: list[int] = []

    lists.read_model.catch_up(lists.workspace, lambda: pauses.append(1))

    assert len(pauses) >= 4  # one per pulled event at least: 1 company, 3 cases
    assert {row.case_id for row in lists.query.page(now=RECEIVED)} == {c.id for c in cases}
