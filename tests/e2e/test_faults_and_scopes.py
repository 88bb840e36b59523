"""End to end, the hard cases: a conflict that central staff resolve, a replayed push,
the server killed in the middle of a push, and a liaison whose case is reassigned."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from uuid import UUID

import sqlalchemy as sa
from e2e_rig import Laptop, RunningServer
from test_two_clients import a_case, the_company

from desktop.local.outbox import OutboxStatus
from desktop.sync.engine import envelope_of
from desktop.sync.errors import SyncError
from sync_protocol import ConflictResolution, PushRequest
from sync_server.database import create_database_engine
from sync_server.tables import events


def server_event_ids(server: RunningServer) -> list[UUID]:
    engine = create_database_engine(server.database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.select(events.c.event_id)).scalars())
    finally:
        engine.dispose()


def test_central_staff_resolve_a_conflict_and_every_laptop_sees_the_decision(
    laptop: Callable[..., Laptop],
) -> None:
    kim, lee, choi = laptop("counselor.kim"), laptop("central.lee"), laptop("central.choi")
    company = the_company(kim.by(1))
    case = a_case(company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(company, case)
    for machine in (kim, lee, choi):
        machine.engine.sync_once()
    for machine, institute in ((lee, "KIMM"), (choi, "ETRI")):
        local = machine.workspace.load_case(case.id)
        local.assign_institute(institute, by=machine.by(30))
        machine.workspace.record(local)
    lee.engine.sync_once()
    choi.engine.sync_once()
    [conflict] = lee.engine.client.conflicts()

    decided = lee.engine.client.resolve_conflict(
        conflict.conflict_id,
        ConflictResolution(decision="keep_canonical", note="기계 분야: 한국기계연구원 유지"),
    )
    for machine in (kim, lee, choi):
        machine.engine.sync_once()

    assert decided.status == "resolved"
    assert lee.engine.client.conflicts() == []
    for machine in (kim, lee, choi):
        timeline = [
            event.__class__.__name__ for event in machine.workspace.store.events_of(case.id)
        ]
        assert timeline[-1] == "ConflictResolved"
        assert machine.workspace.store.case(case.id).institute == "KIMM"


def test_a_replayed_push_gets_the_same_answers_and_stores_nothing_twice(
    laptop: Callable[..., Laptop], running_server: RunningServer
) -> None:
    kim = laptop("counselor.kim")
    company = the_company(kim.by(1))
    kim.workspace.record(company, a_case(company.id, kim.by(2), "도금층 박리"))
    batch = PushRequest(events=[envelope_of(e) for e in kim.workspace.outbox.to_push(100)])

    first = kim.engine.client.push(batch)
    again = kim.engine.client.push(batch)

    assert again.results == first.results
    assert len(server_event_ids(running_server)) == 2


def test_the_server_killed_mid_push_loses_nothing_it_acknowledged(
    laptop: Callable[..., Laptop], running_server: RunningServer
) -> None:
    kim = laptop("counselor.kim", push_batch=5)
    company = the_company(kim.by(0))
    kim.workspace.record(company)
    for n in range(40):
        case = a_case(company.id, kim.by(n % 60), f"애로사항 {n}")
        for note in range(5):
            case.add_note(f"메모 {note}", by=kim.by(n % 60))
        kim.workspace.record(case)
    recorded = kim.workspace.pending_count()
    pushing = threading.Thread(target=_sync_ignoring_the_outage, args=(kim,))
    pushing.start()
    _wait_until(lambda: len(server_event_ids(running_server)) >= 20)

    running_server.kill()
    pushing.join(timeout=30)
    acknowledged = {
        entry.event_id for entry in kim.workspace.outbox.entries(OutboxStatus.ACKNOWLEDGED)
    }
    running_server.start()
    stored_after_restart = set(server_event_ids(running_server))
    kim.engine.sync_once()
    stored_in_the_end = server_event_ids(running_server)

    assert acknowledged, "the kill should come after some batches were acknowledged"
    assert len(acknowledged) < recorded, "the kill should come before the push finished"
    assert acknowledged <= stored_after_restart
    assert len(stored_in_the_end) == len(set(stored_in_the_end)) == recorded
    assert kim.workspace.pending_count() == 0
    assert kim.workspace.refused() == []


def test_a_liaison_whose_case_is_reassigned_loses_access_to_it(
    laptop: Callable[..., Laptop],
) -> None:
    kim, lee, kimm = laptop("counselor.kim"), laptop("central.lee"), laptop("liaison.kimm")
    company = the_company(kim.by(1))
    case = a_case(company.id, kim.by(2), "도금층 박리")
    kim.workspace.record(company, case)
    kim.engine.sync_once()
    lee.engine.sync_once()
    assigned = lee.workspace.load_case(case.id)
    assigned.assign_institute("KIMM", by=lee.by(10))
    lee.workspace.record(assigned)
    lee.engine.sync_once()
    kimm.engine.sync_once()
    assert kimm.workspace.case_ids() == [case.id]
    # KIMM accepts offline while central staff move the case to ETRI.
    offline = kimm.workspace.load_case(case.id)
    offline.accept_assignment("KIMM", by=kimm.by(20))
    kimm.workspace.record(offline)
    moved = lee.workspace.load_case(case.id)
    moved.assign_institute("ETRI", by=lee.by(21))
    lee.workspace.record(moved)
    lee.engine.sync_once()
    kim.engine.sync_once()
    later = kim.workspace.load_case(case.id)
    later.add_note("ETRI로 재지정 후 메모", by=kim.by(30))
    kim.workspace.record(later)
    kim.engine.sync_once()

    report = kimm.engine.sync_once()

    assert report.rejected == 1
    [refused] = kimm.workspace.refused()
    assert refused.reason is not None and "재지정" in refused.reason
    topics = [type(e).__name__ for e in kimm.workspace.store.events_of(case.id)]
    assert "NoteAdded" not in topics  # recorded after the reassignment: out of KIMM's scope


def _sync_ignoring_the_outage(machine: Laptop) -> None:
    with contextlib.suppress(SyncError):  # the server went away: the point of the test
        machine.engine.sync_once()


def _wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        time.sleep(0.005)
