"""End to end: the desktop's conflict list shows both sides of a real server's
conflict, and central staff's decisions, made through it, become history."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from e2e_rig import Laptop
from test_two_clients import a_case, the_company

from desktop.sync.conflict_list import APPLY_THEIRS, KEEP_CANONICAL, resolve, server_items


def rival_assignments(laptop: Callable[[str], Laptop]) -> tuple[Laptop, Laptop, UUID]:
    """central.lee assigns KIMM, central.choi (offline) ETRI: choi's is held back."""
    kim, lee, choi = laptop("counselor.kim"), laptop("central.lee"), laptop("central.choi")
    company = the_company(kim.by(1))
    case = a_case(company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(company, case)
    kim.engine.sync_once()
    lee.engine.sync_once()
    choi.engine.sync_once()
    for machine, institute in ((lee, "KIMM"), (choi, "ETRI")):
        local = machine.workspace.load_case(case.id)
        local.assign_institute(institute, by=machine.by(30))
        machine.workspace.record(local)
    lee.engine.sync_once()
    choi.engine.sync_once()
    lee.engine.sync_once()
    return lee, choi, case.id


def test_the_list_shows_what_the_server_holds_and_what_was_held_back(
    laptop: Callable[[str], Laptop],
) -> None:
    lee, _, case_id = rival_assignments(laptop)

    [item] = server_items(lee.engine.client.conflicts(), lee.workspace)

    assert item.aggregate_id == case_id
    assert item.subject == "한빛정밀(주) · 도금층 박리"
    assert [(s.text, s.recorded_by) for s in item.canonical] == [
        ("담당 출연연 지정: 한국기계연구원", "central.lee")
    ]
    assert (item.held.text, item.held.recorded_by) == (
        "담당 출연연 지정: 한국전자통신연구원",
        "central.choi",
    )


def test_applying_the_held_event_records_it_in_the_resolvers_name(
    laptop: Callable[[str], Laptop],
) -> None:
    lee, choi, case_id = rival_assignments(laptop)
    [view] = lee.engine.client.conflicts()

    resolve(lee.engine.client, view, APPLY_THEIRS, "ETRI 요청 반영", lee.by(40))
    lee.engine.sync_once()
    choi.engine.sync_once()

    for machine in (lee, choi):
        case = machine.workspace.load_case(case_id)
        assert case.institute == "ETRI"
    events = lee.workspace.store.events_of(case_id)
    assert [type(e).__qualname__ for e in events[-2:]] == [
        "Case.InstituteAssigned",
        "Case.ConflictResolved",
    ]
    assert events[-2].recorded_by == "central.lee"
    assert lee.engine.client.conflicts() == []


def test_keeping_the_canonical_decision_changes_nothing_but_the_record(
    laptop: Callable[[str], Laptop],
) -> None:
    lee, _, case_id = rival_assignments(laptop)
    [view] = lee.engine.client.conflicts()

    resolve(lee.engine.client, view, KEEP_CANONICAL, "기계 분야라 KIMM 유지", lee.by(40))
    lee.engine.sync_once()

    assert lee.workspace.load_case(case_id).institute == "KIMM"
    assert type(lee.workspace.store.events_of(case_id)[-1]).__qualname__ == "Case.ConflictResolved"
    assert lee.engine.client.conflicts() == []
