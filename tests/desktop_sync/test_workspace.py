"""The workspace on a real encrypted SQLite file: canonical events, then pending ones."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sync_builders import (
    CENTRAL,
    COUNSELOR,
    LIAISON,
    OTHER_COUNSELOR,
    SECRET_DESCRIPTION,
    OpenWorkspace,
    a_case,
    a_company,
)

from desktop.local.outbox import OutboxStatus, PushOutcome
from desktop.local.store import StoreKeyError, new_store_key
from desktop.local.workspace import Workspace
from domain.aggregate import DariAggregate, DariEvent
from domain.business_number import BusinessNumber
from domain.case import Case
from domain.case_status import CaseStatus
from domain.company import company_id


def pulled(*aggregates: DariAggregate) -> list[tuple[UUID, DariEvent]]:
    """The aggregates' new events as a pulled page: (event id, event)."""
    events = []
    for aggregate in aggregates:
        for event in aggregate.collect_events():
            assert isinstance(event, DariEvent)
            events.append((uuid4(), event))
    return events


def test_a_case_recorded_offline_is_pending_and_in_the_local_view(workspace: Workspace) -> None:
    company = a_company()
    case = a_case(company)

    workspace.record(company, case)

    assert workspace.pending_count() == 2
    assert workspace.load_case(case.id).status is CaseStatus.RECEIVED
    assert workspace.load_company(company.id).name == "한빛정밀(주)"
    assert workspace.store.recorder.max_notification_id() in (None, 0)


def test_each_recorded_event_gets_its_own_fresh_event_id(workspace: Workspace) -> None:
    company = a_company()
    case = a_case(company)
    case.add_note("첫 메모", by=COUNSELOR)

    event_ids = workspace.record(company, case)

    assert len(event_ids) == 3
    assert len(set(event_ids)) == 3


def test_commands_on_a_loaded_case_add_pending_events_on_top(workspace: Workspace) -> None:
    company = a_company()
    case = a_case(company)
    workspace.record(company, case)

    loaded = workspace.load_case(case.id)
    loaded.assign_institute("KIMM", by=CENTRAL)
    workspace.record(loaded)

    again = workspace.load_case(case.id)
    assert again.status is CaseStatus.ASSIGNED
    assert again.version == 2
    assert [p.entry.version for p in workspace.pending_for(case.id)] == [1, 2]


def test_the_local_view_is_the_canonical_events_then_the_pending_ones(
    workspace: Workspace,
) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    case.assign_institute("KIMM", by=CENTRAL)
    workspace.add_canonical(pulled(company, case), cursor=3)

    local = workspace.load_case(case.id)
    local.accept_assignment("KIMM", by=LIAISON)
    workspace.record(local)

    view = workspace.view(case.id)
    assert view.canonical_version == 2
    assert view.aggregate is not None and view.aggregate.version == 3
    assert workspace.load_case(case.id).status is CaseStatus.ACCEPTED
    assert workspace.store.case(case.id).status is CaseStatus.ASSIGNED


def test_a_pending_event_invalidated_by_a_pulled_canonical_event_is_flagged_not_lost(
    workspace: Workspace,
) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    case.assign_institute("KIMM", by=CENTRAL)
    workspace.add_canonical(pulled(company, case), cursor=3)
    local = workspace.load_case(case.id)
    local.accept_assignment("KIMM", by=LIAISON)
    workspace.record(local)

    # Meanwhile central staff reassigned the case to ETRI; that arrives by pull.
    elsewhere = workspace.store.case(case.id)
    elsewhere.assign_institute("ETRI", by=CENTRAL)
    workspace.add_canonical(pulled(elsewhere), cursor=4)

    view = workspace.view(case.id)
    assert isinstance(view.aggregate, Case)
    assert view.aggregate.institute == "ETRI"
    assert view.aggregate.status is CaseStatus.ASSIGNED
    [flagged] = view.will_conflict
    assert "지정되어 있지 않습니다" in (flagged.conflict_reason or "")
    assert workspace.pending_count() == 1
    assert workspace.outbox.to_push(10)[0].event_id == flagged.event_id


def test_a_decision_overtaken_by_a_rival_decision_is_flagged_as_the_server_would(
    workspace: Workspace,
) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    workspace.add_canonical(pulled(company, case), cursor=2)
    local = workspace.load_case(case.id)
    local.assign_institute("KIMM", by=COUNSELOR)
    workspace.record(local)

    elsewhere = workspace.store.case(case.id)
    elsewhere.assign_institute("ETRI", by=CENTRAL)
    workspace.add_canonical(pulled(elsewhere), cursor=3)

    [flagged] = workspace.pending_for(case.id)
    assert flagged.conflict_reason is not None
    assert "다른 출연연 지정이 먼저 기록되었습니다" in flagged.conflict_reason
    assert workspace.load_case(case.id).institute == "ETRI"


def test_pending_events_after_a_flagged_one_still_apply_when_they_hold(
    workspace: Workspace,
) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    case.assign_institute("KIMM", by=CENTRAL)
    workspace.add_canonical(pulled(company, case), cursor=3)
    local = workspace.load_case(case.id)
    local.accept_assignment("KIMM", by=LIAISON)
    local.add_note("방문 일정 협의 중", by=LIAISON)
    workspace.record(local)
    elsewhere = workspace.store.case(case.id)
    elsewhere.assign_institute("ETRI", by=CENTRAL)
    workspace.add_canonical(pulled(elsewhere), cursor=4)

    view = workspace.view(case.id)

    assert [p.will_conflict for p in view.pending] == [True, False]
    assert isinstance(view.aggregate, Case) and view.aggregate.notes == ["방문 일정 협의 중"]
    assert view.aggregate.version == 4


def test_outbox_payloads_are_not_plaintext_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "laptop.sqlite"
    workspace = Workspace.open(path, cipher_key=new_store_key())
    company = a_company()
    workspace.record(company, a_case(company))
    workspace.close()

    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(path.name))

    assert SECRET_DESCRIPTION.encode() not in on_disk
    assert "한빛정밀".encode() not in on_disk
    assert b"counselor.kim" not in on_disk


def test_the_outbox_cannot_be_read_with_another_key(tmp_path: Path) -> None:
    path = tmp_path / "laptop.sqlite"
    workspace = Workspace.open(path, cipher_key=new_store_key())
    company = a_company()
    workspace.record(company)
    workspace.close()

    with pytest.raises(StoreKeyError) as refused:
        Workspace.open(path, cipher_key=new_store_key())

    assert "키" in refused.value.message


def test_pulled_events_leave_the_outbox_and_move_the_cursor(workspace: Workspace) -> None:
    company = a_company()
    [event_id] = workspace.record(company)
    [entry] = workspace.outbox.to_push(10)

    workspace.add_canonical([(event_id, entry.event())], cursor=7)

    assert workspace.pending_count() == 0
    assert workspace.cursor == 7
    assert workspace.load_company(company.id).version == 1


def test_a_page_pulled_twice_is_stored_once(workspace: Workspace) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    page = pulled(company, a_case(company, by=OTHER_COUNSELOR))

    first = workspace.add_canonical(page, cursor=2)
    second = workspace.add_canonical(page, cursor=2)

    assert (first, second) == (2, 0)
    assert workspace.store.recorder.max_notification_id() == 2


def test_an_acknowledged_event_already_stored_is_not_applied_twice(
    workspace: Workspace,
) -> None:
    # A crash after the pulled copy was stored but before the outbox was tidied.
    company = a_company()
    case = a_case(company)
    case.add_note("메모", by=COUNSELOR)
    ids = workspace.record(company, case)
    entries = workspace.outbox.to_push(10)
    workspace.outbox.record_outcomes(
        PushOutcome(e.event_id, OutboxStatus.ACKNOWLEDGED, position=i, version=e.version)
        for i, e in enumerate(entries, start=1)
    )
    workspace.store.save(*(e.event() for e in entries))

    view = workspace.view(case.id)

    assert view.pending == []
    assert isinstance(view.aggregate, Case) and view.aggregate.notes == ["메모"]
    assert len(ids) == workspace.pending_count() == 3


def test_a_company_registered_offline_has_the_id_its_business_number_gives(
    open_workspace: OpenWorkspace,
) -> None:
    mine, theirs = open_workspace("kim"), open_workspace("park")
    here, there = a_company(by=COUNSELOR), a_company(by=OTHER_COUNSELOR)

    mine.record(here)
    theirs.record(there)

    expected = company_id(BusinessNumber.parse(here.business_number))
    assert mine.company_ids() == theirs.company_ids() == [expected]


def test_a_company_registered_here_and_pulled_from_elsewhere_shows_once(
    workspace: Workspace,
) -> None:
    workspace.record(a_company(by=COUNSELOR))
    workspace.add_canonical(pulled(a_company(by=OTHER_COUNSELOR)), cursor=1)

    [pending] = workspace.pending_for(a_company().id)

    assert pending.will_conflict
    assert workspace.company_ids() == [a_company().id]
    assert workspace.load_company(a_company().id).version == 1


def test_cases_received_here_and_pulled_are_all_listed(workspace: Workspace) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    theirs = a_case(company, by=OTHER_COUNSELOR)
    workspace.add_canonical(pulled(company, theirs), cursor=2)
    mine = a_case(workspace.load_company(company.id))
    workspace.record(mine)

    assert workspace.case_ids() == [theirs.id, mine.id]
