"""End to end: a real ``uvicorn`` sync server on a free port (on SQLite and on
PostgreSQL, migrated by Alembic) and several real clients, each an encrypted local workspace with its own
``SyncEngine``. Counselors edit offline, then sync; everyone ends with the same history."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from uuid import UUID

from e2e_rig import Laptop

from desktop.local.outbox import OutboxStatus
from desktop.local.workspace import Workspace
from desktop.sync.status import Connection
from domain.business_number import with_check_digit
from domain.case import Case
from domain.case_status import CaseStatus
from domain.company import Company
from domain.recording import Recording

BUSINESS_NUMBER = with_check_digit("305811234")


def the_company(by: Recording) -> Company:
    return Company.register(
        business_number=BUSINESS_NUMBER,
        name="한빛정밀(주)",
        region="daejeon",
        industry="정밀 도금",
        size="small",
        has_research_lab=True,
        by=by,
    )


def a_case(company_id: UUID, by: Recording, description: str) -> Case:
    return Case.receive(
        company_id=company_id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description=description,
        by=by,
    )


def canonical_history(workspace: Workspace, aggregate_ids: list[UUID]) -> list[tuple[str, int]]:
    return [
        (type(event).__qualname__, event.originator_version)
        for aggregate_id in aggregate_ids
        for event in workspace.store.events_of(aggregate_id)
    ]


def test_offline_edits_on_two_laptops_converge_to_one_history(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, park = laptop("counselor.kim"), laptop("counselor.park")
    # Offline: both register the same company and each receives a case for it.
    kim_company = the_company(kim.by(1))
    kim_case = a_case(kim_company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(kim_company, kim_case)
    park_company = the_company(park.by(3))
    park_case = a_case(park_company.id, park.by(4), "열처리 변형")
    park.workspace.record(park_company, park_case)

    kim.engine.sync_once()
    park_report = park.engine.sync_once()
    kim.engine.sync_once()

    assert park_report.accepted == 2  # the second registration is merged into the first
    ids = [kim_company.id, kim_case.id, park_case.id]
    assert canonical_history(kim.workspace, ids) == canonical_history(park.workspace, ids)
    assert kim.workspace.case_ids() == park.workspace.case_ids() == [kim_case.id, park_case.id]
    assert kim.workspace.company_ids() == park.workspace.company_ids() == [kim_company.id]
    assert kim.workspace.pending_count() == park.workspace.pending_count() == 0
    assert kim.workspace.refused() == park.workspace.refused() == []


def test_notes_added_offline_on_both_laptops_both_survive(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, park = laptop("counselor.kim"), laptop("counselor.park")
    company = the_company(kim.by(1))
    case = a_case(company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(company, case)
    kim.engine.sync_once()
    park.engine.sync_once()
    for machine, note, minute in ((kim, "김: 전화 상담", 10), (park, "박: 방문 예정", 11)):
        local = machine.workspace.load_case(case.id)
        local.add_note(note, by=machine.by(minute))
        machine.workspace.record(local)

    kim.engine.sync_once()
    park_report = park.engine.sync_once()
    kim.engine.sync_once()

    assert park_report.rebased == 1
    for machine in (kim, park):
        assert machine.workspace.store.case(case.id).notes == ["김: 전화 상담", "박: 방문 예정"]
        assert machine.workspace.pending_count() == 0


def test_two_institutes_assigned_offline_make_a_visible_conflict(
    laptop: Callable[[str], Laptop],
) -> None:
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
    choi_report = choi.engine.sync_once()

    assert choi_report.conflicts == 1 and choi_report.open_conflicts == 1
    [refused] = choi.workspace.refused()
    assert refused.status is OutboxStatus.CONFLICT
    assert refused.reason is not None and "다른 출연연 지정" in refused.reason
    assert choi.workspace.load_case(case.id).institute == "KIMM"
    assert choi.engine.status.snapshot().refused == 1
    assert [c.conflict_id for c in lee.engine.client.conflicts()] == [refused.conflict_id]


def test_a_laptop_running_the_engine_sees_another_laptops_edit_at_once(
    laptop: Callable[[str], Laptop],
) -> None:
    kim, park = laptop("counselor.kim"), laptop("counselor.park")
    stop = threading.Event()
    runner = threading.Thread(target=park.engine.run, args=(stop,))
    runner.start()
    try:
        _wait_until(lambda: park.engine.status.snapshot().connection is Connection.ONLINE)
        company = the_company(kim.by(1))
        case = a_case(company.id, kim.by(2), "도금층 박리")
        kim.workspace.record(company, case)
        kim.engine.sync_once()

        _wait_until(lambda: park.workspace.case_ids() == [case.id])
    finally:
        stop.set()
        runner.join(timeout=10)
    assert not runner.is_alive()
    assert park.workspace.load_case(case.id).status is CaseStatus.RECEIVED


def _wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        time.sleep(0.02)
