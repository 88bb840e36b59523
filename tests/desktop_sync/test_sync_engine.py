"""``SyncEngine`` against the fake server: push, pull, and resuming after every cut."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable
from uuid import UUID

import pytest
from sync_builders import (
    CENTRAL,
    COUNSELOR,
    LIAISON,
    OTHER_COUNSELOR,
    OpenWorkspace,
    a_case,
    a_company,
)
from sync_fakes import FakeSyncServer

from desktop.local.outbox import Outbox, OutboxStatus, PushOutcome
from desktop.local.workspace import Workspace
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncEngine
from desktop.sync.errors import ProtocolTooOld, ServerUnavailable
from desktop.sync.status import Connection, StatusSnapshot
from desktop.sync.turns import Turns
from domain.case import Case
from domain.case_status import CaseStatus
from sync_protocol import PROTOCOL_VERSION


class SimulatedCrash(Exception):
    """The process died here."""


class CrashingOutbox(Outbox):
    """An outbox whose process dies once, just before ``crash_in`` would change it."""

    crash_in = ""

    def _crash_if(self, name: str) -> None:
        if self.crash_in == name:
            self.crash_in = ""
            raise SimulatedCrash(name)

    def arrived(self, event_ids: Iterable[UUID], cursor: int) -> None:
        self._crash_if("arrived")
        super().arrived(event_ids, cursor)

    def record_outcomes(self, outcomes: Iterable[PushOutcome]) -> None:
        self._crash_if("record_outcomes")
        super().record_outcomes(outcomes)


def engine_for(
    workspace: Workspace, server: FakeSyncServer, user: str = "counselor.kim", **options: object
) -> SyncEngine:
    client = server.signed_in_client(user, "laptop-1")
    return SyncEngine(workspace, client, **options)  # type: ignore[arg-type]


def a_recorded_case(workspace: Workspace) -> UUID:
    company = a_company()
    case = a_case(company)
    workspace.record(company, case)
    return case.id


def test_a_sync_pushes_pending_events_and_pulls_them_back_as_canonical(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    case_id = a_recorded_case(workspace)
    engine = engine_for(workspace, server)

    report = engine.sync_once()

    assert (report.pushed, report.accepted, report.pulled, report.stored) == (2, 2, 2, 2)
    assert workspace.pending_count() == 0
    assert workspace.store.case(case_id).status is CaseStatus.RECEIVED
    assert workspace.cursor == server.head == 2
    status = engine.status.snapshot()
    assert status.connection is Connection.ONLINE
    assert status.pending == 0 and status.last_synced_at is not None


def test_pending_events_go_in_batches_of_the_configured_size(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    case_id = a_recorded_case(workspace)
    case = workspace.load_case(case_id)
    for number in range(3):
        case.add_note(f"메모 {number}", by=COUNSELOR)
    workspace.record(case)
    engine = engine_for(workspace, server, push_batch=2)

    engine.sync_once()

    assert [len(p.events) for p in server.pushed_bodies()] == [2, 2, 1]
    assert workspace.store.case(case_id).notes == ["메모 0", "메모 1", "메모 2"]


def test_a_push_whose_answer_was_lost_is_retried_and_stored_once(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    case_id = a_recorded_case(workspace)
    engine = engine_for(workspace, server)
    server.lose_next_push_response = True

    with pytest.raises(ServerUnavailable):
        engine.sync_once()
    assert server.head == 2
    assert workspace.outbox.count(OutboxStatus.PENDING) == 2

    report = engine.sync_once()

    first, retry = server.pushed_bodies()
    assert [e.event_id for e in first.events] == [e.event_id for e in retry.events]
    assert report.accepted == 2
    assert server.head == 2
    assert workspace.store.recorder.max_notification_id() == 2
    assert workspace.store.case(case_id).version == 1


def test_a_too_old_protocol_stops_syncing_and_keeps_the_outbox(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    a_recorded_case(workspace)
    engine = engine_for(workspace, server)
    before = workspace.outbox.entries()
    server.min_protocol = PROTOCOL_VERSION + 1

    with pytest.raises(ProtocolTooOld):
        engine.sync_once()

    assert workspace.outbox.entries() == before
    status = engine.status.snapshot()
    assert status.connection is Connection.UPDATE_REQUIRED
    assert status.last_error is not None and "업데이트" in status.last_error
    assert status.pending == 2


def test_a_too_old_protocol_stops_the_run_loop(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    a_recorded_case(workspace)
    engine = engine_for(workspace, server, wait_timeout=0.05)
    server.min_protocol = PROTOCOL_VERSION + 1

    engine.run(threading.Event())  # returns by itself

    assert engine.status.snapshot().connection is Connection.UPDATE_REQUIRED
    assert workspace.pending_count() == 2


def test_an_expired_token_is_refreshed_during_a_sync(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    a_recorded_case(workspace)
    engine = engine_for(workspace, server)
    server.expire_access_tokens()

    report = engine.sync_once()

    assert report.accepted == 2
    assert any(r.url.path == "/auth/refresh" for r in server.requests)


def test_an_unreachable_server_shows_offline_with_a_korean_reason(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    a_recorded_case(workspace)
    engine = engine_for(workspace, server)
    server.down = True

    with pytest.raises(ServerUnavailable):
        engine.sync_once()

    status = engine.status.snapshot()
    assert status.connection is Connection.OFFLINE
    assert status.last_error is not None and "연결할 수 없습니다" in status.last_error
    assert status.pending == 2
    assert workspace.outbox.count(OutboxStatus.PENDING) == 2


def test_backoff_delays_grow_with_jitter_up_to_the_cap() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(7))

    delays = [backoff.next_delay() for _ in range(6)]

    ceilings = [1, 2, 4, 8, 8, 8]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len({round(d, 6) for d in delays}) == 6
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_the_run_loop_backs_off_while_offline_and_syncs_when_the_server_returns(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    a_recorded_case(workspace)
    engine = engine_for(workspace, server, wait_timeout=0.05, backoff=Backoff(base=0.02, cap=0.1))
    seen: list[StatusSnapshot] = []
    engine.status.subscribe(seen.append)
    server.down = True
    stop = threading.Event()
    runner = threading.Thread(target=engine.run, args=(stop,))
    runner.start()
    try:
        wait_until(lambda: engine.backoff.failures >= 3)
        offline = [s for s in seen if s.connection is Connection.OFFLINE]
        assert offline and offline[-1].retry_in_seconds is not None

        server.down = False
        wait_until(lambda: workspace.pending_count() == 0)
    finally:
        stop.set()
        runner.join(timeout=5)

    assert not runner.is_alive()
    assert engine.status.snapshot().connection is Connection.ONLINE
    assert server.head == 2


def test_the_run_loop_pulls_as_soon_as_the_server_has_news(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    theirs = open_workspace("park")
    mine = open_workspace("kim")
    listener = engine_for(mine, server, wait_timeout=2.0)
    stop = threading.Event()
    runner = threading.Thread(target=listener.run, args=(stop,))
    runner.start()
    try:
        wait_until(lambda: listener.status.snapshot().connection is Connection.ONLINE)
        company = a_company(by=OTHER_COUNSELOR)
        theirs.record(company, a_case(company, by=OTHER_COUNSELOR))
        engine_for(theirs, server, user="counselor.park").sync_once()

        wait_until(lambda: len(mine.case_ids()) == 1, timeout=3.0)
    finally:
        stop.set()
        runner.join(timeout=5)
    assert mine.cursor == server.head


def test_a_crash_between_storing_a_page_and_moving_the_cursor_re_pulls_harmlessly(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    crashing = open_workspace("laptop", CrashingOutbox)
    case_id = a_recorded_case(crashing)
    crashing.outbox.crash_in = "arrived"  # type: ignore[attr-defined]

    with pytest.raises(SimulatedCrash):
        engine_for(crashing, server).sync_once()
    assert crashing.store.recorder.max_notification_id() == 2
    assert crashing.cursor == 0
    crashing.close()

    restarted = open_workspace("laptop")
    assert restarted.load_case(case_id).version == 1  # not applied twice meanwhile
    report = engine_for(restarted, server).sync_once()

    assert (report.pulled, report.stored) == (2, 0)
    assert restarted.store.recorder.max_notification_id() == 2
    assert restarted.pending_count() == 0
    assert restarted.cursor == 2


def test_a_crash_after_a_push_before_its_answers_are_kept_loses_and_doubles_nothing(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    crashing = open_workspace("laptop", CrashingOutbox)
    case_id = a_recorded_case(crashing)
    crashing.outbox.crash_in = "record_outcomes"  # type: ignore[attr-defined]

    with pytest.raises(SimulatedCrash):
        engine_for(crashing, server).sync_once()
    crashing.close()

    restarted = open_workspace("laptop")
    assert restarted.outbox.count(OutboxStatus.PENDING) == 2
    engine_for(restarted, server).sync_once()

    assert server.head == 2
    assert len(server.pushed_bodies()) == 2
    assert restarted.store.case(case_id).version == 1
    assert restarted.pending_count() == 0


def test_a_conflict_is_kept_with_its_reason_and_not_pushed_again(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    case.assign_institute("KIMM", by=CENTRAL)
    server.add_canonical(company, case)
    workspace = open_workspace("kimm")
    engine = engine_for(workspace, server, user="liaison.kimm")
    engine.sync_once()
    local = workspace.load_case(case.id)
    local.accept_assignment("KIMM", by=LIAISON)
    workspace.record(local)
    elsewhere = workspace.store.case(case.id)
    elsewhere.assign_institute("ETRI", by=CENTRAL)
    server.add_canonical(elsewhere)  # reassigned before the liaison's answer arrived

    report = engine.sync_once()
    engine.sync_once()

    assert report.conflicts == 1 and report.open_conflicts == 1
    [refused] = workspace.refused()
    assert refused.status is OutboxStatus.CONFLICT
    assert refused.reason is not None and "지정되어 있지 않습니다" in refused.reason
    assert refused.conflict_id == server.conflicts[0].conflict_id
    assert sum(len(p.events) for p in server.pushed_bodies()) == 1
    assert engine.status.snapshot().refused == 1
    assert workspace.load_case(case.id).institute == "ETRI"


def test_an_event_recorded_in_someone_elses_name_is_rejected_and_kept_visible(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    a_recorded_case(workspace)
    engine = engine_for(workspace, server, user="counselor.lee")

    report = engine.sync_once()

    assert report.rejected == 2
    assert [e.status for e in workspace.refused()] == [OutboxStatus.REJECTED] * 2
    assert workspace.pending_count() == 0
    assert server.head == 0


def test_an_event_that_makes_the_server_refuse_its_batch_is_rejected_alone(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    case_id = a_recorded_case(workspace)
    case = workspace.load_case(case_id)
    case.add_note("첫 메모", by=COUNSELOR)
    case.start_waiting_on_sme("서류 대기", by=COUNSELOR)
    case.add_note("둘째 메모", by=COUNSELOR)
    workspace.record(case)
    server.unknown_topics.add(Case.WaitingOnSmeStarted.TOPIC)
    engine = engine_for(workspace, server)

    report = engine.sync_once()

    [rejected] = workspace.refused()
    assert rejected.topic == Case.WaitingOnSmeStarted.TOPIC
    assert rejected.reason is not None and "알 수 없는 기록 종류" in rejected.reason
    assert (report.accepted, report.rebased, report.rejected) == (3, 1, 1)
    assert workspace.store.case(case_id).notes == ["첫 메모", "둘째 메모"]
    assert workspace.cursor == server.head == 4


def test_a_rejected_event_can_be_sent_again_under_a_new_event_id(
    workspace: Workspace, server: FakeSyncServer
) -> None:
    case_id = a_recorded_case(workspace)
    case = workspace.load_case(case_id)
    case.start_waiting_on_sme("서류 대기", by=COUNSELOR)
    workspace.record(case)
    server.unknown_topics.add(Case.WaitingOnSmeStarted.TOPIC)
    engine = engine_for(workspace, server)
    engine.sync_once()
    [rejected] = workspace.refused()
    server.unknown_topics.clear()  # the server was updated

    fresh = workspace.outbox.requeue(rejected.event_id)
    engine.sync_once()

    assert fresh is not None and fresh != rejected.event_id
    assert workspace.refused() == []
    assert workspace.store.case(case_id).waiting_on_sme


def test_concurrent_edits_are_rebased_by_the_server_and_both_survive(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    kim, park = open_workspace("kim"), open_workspace("park")
    kim_engine = engine_for(kim, server)
    park_engine = engine_for(park, server, user="counselor.park")
    case_id = a_recorded_case(kim)
    kim_engine.sync_once()
    park_engine.sync_once()
    for workspace, note, by in (
        (kim, "김: 전화 상담", COUNSELOR),
        (park, "박: 방문 예정", OTHER_COUNSELOR),
    ):
        case = workspace.load_case(case_id)
        case.add_note(note, by=by)
        workspace.record(case)

    kim_report = kim_engine.sync_once()
    park_report = park_engine.sync_once()
    kim_engine.sync_once()

    assert (kim_report.accepted, park_report.rebased) == (1, 1)
    assert kim.store.case(case_id) == park.store.case(case_id)
    assert kim.load_case(case_id).notes == ["김: 전화 상담", "박: 방문 예정"]


def test_a_long_pull_reports_its_progress_page_by_page(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    for number in ("305811234", "307864521", "314225078"):
        company = a_company(number, by=OTHER_COUNSELOR)
        server.add_canonical(company, a_case(company, by=OTHER_COUNSELOR))
    workspace = open_workspace("new-laptop")
    engine = engine_for(workspace, server, pull_page=2)
    seen: list[StatusSnapshot] = []
    engine.status.subscribe(seen.append)

    report = engine.sync_once()

    progress = [(s.pull.done, s.pull.total) for s in seen if s.pull is not None]
    assert progress == [(0, 6), (2, 6), (4, 6), (6, 6)]
    assert engine.status.snapshot().pull is None
    assert report.pulled == 6 and len(workspace.case_ids()) == 3


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        time.sleep(0.01)


def test_a_pull_steps_aside_while_the_window_has_its_turn_and_goes_on_after(
    open_workspace: OpenWorkspace, server: FakeSyncServer
) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    server.add_canonical(company, case)
    workspace = open_workspace("new-laptop")
    turns = Turns(max_pause=30)
    engine = engine_for(workspace, server, turns=turns)
    reports: list[object] = []
    syncing = threading.Thread(target=lambda: reports.append(engine.sync_once()), daemon=True)

    with turns.foreground():
        syncing.start()
        syncing.join(0.3)
        assert syncing.is_alive() and workspace.cursor == 0

    syncing.join(10)
    assert len(reports) == 1 and workspace.case_ids() == [case.id]
