"""``SyncEngine``: pushes the outbox, pulls the canonical history, and keeps going.

One ``sync_once`` = push every pending event in batches (recording each answer),
then pull pages from the stored cursor until the server has no more. Every step
can be cut off (crash, lost connection) and simply run again:

- cut during a push, before its answers are recorded: the events are still pending
  and are pushed again with the same event ids; the server answers a retried event
  with its first answer and stores nothing twice;
- cut after answers are recorded: acknowledged events are not pushed again, and
  wait in the outbox until they come back by pull;
- cut after a pulled page is stored but before the cursor moves: the page is pulled
  again, its events are already stored and are skipped, then the outbox is tidied
  and the cursor moved together, in one transaction.

``run`` loops until stopped: it syncs when the server says new events exist (a
long poll on ``/sync/wait`` in a helper thread) or when ``request_sync`` is called,
and backs off with jitter while the server cannot be reached. A too-old protocol
(426) or a session that cannot be renewed stops it; the outbox is kept as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from desktop.local.outbox import OutboxEntry, OutboxStatus, PushOutcome
from desktop.local.workspace import Workspace
from desktop.sync.backoff import Backoff
from desktop.sync.client import SyncClient
from desktop.sync.errors import (
    AuthenticationExpired,
    ProblemError,
    ProtocolTooOld,
    ServerUnavailable,
    SyncError,
    UnexpectedResponse,
)
from desktop.sync.garbage import few_collections
from desktop.sync.status import Connection, StatusSnapshot, SyncStatus
from desktop.sync.turns import Turns
from domain.wire import state_bytes, unreadable_reason
from sync_protocol import (
    MAX_BATCH_EVENTS,
    EventEnvelope,
    EventResult,
    EventStatus,
    PushRequest,
    PushResponse,
)
from sync_protocol.conflicts import ConflictStatus

LAST_SYNCED_KEY = "last_synced_at"
PULL_PAGE_SIZE = 1000
WAIT_TIMEOUT = 25.0
"""Seconds one long poll asks the server to hold the request."""
BATCH_REFUSALS = frozenset(
    {
        "batch_too_large",
        "forged_sender",
        "unknown_event_type",
        "unsupported_schema_version",
        "malformed_event",
        "invalid_request",
    }
)
"""Problem codes of a push refused whole for what it carries, not for who sends it."""
IDLE_CHECK = 0.2
"""How often an idle ``run`` loop looks at its stop event."""


@dataclass(frozen=True)
class SyncReport:
    """What one ``sync_once`` did."""

    pushed: int = 0
    accepted: int = 0
    rebased: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    stored: int = 0
    """Pulled events that were new here (the rest were already stored)."""
    cursor: int = 0
    high_water_mark: int = 0
    open_conflicts: int = 0


class SyncEngine:
    def __init__(
        self,
        workspace: Workspace,
        client: SyncClient,
        *,
        status: SyncStatus | None = None,
        push_batch: int = MAX_BATCH_EVENTS,
        pull_page: int = PULL_PAGE_SIZE,
        wait_timeout: float = WAIT_TIMEOUT,
        backoff: Backoff | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        turns: Turns | None = None,
    ) -> None:
        if not 1 <= push_batch <= MAX_BATCH_EVENTS:
            raise ValueError(f"push_batch must be 1..{MAX_BATCH_EVENTS}")
        self.workspace = workspace
        self.client = client
        self.push_batch = push_batch
        self.pull_page = pull_page
        self.wait_timeout = wait_timeout
        self.backoff = backoff or Backoff()
        self._now = now
        self.turns = turns or Turns()
        """The window's turns: a long pull steps aside between two events."""
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pulled = threading.Event()
        """Set whenever the cursor moves, so the watcher long-polls again at once."""
        self._shaken_hands = False
        self._cursor = workspace.cursor
        self.status = status or SyncStatus(self._initial_status())

    # One round ---------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Push, then pull to the server's head. Raises the typed sync errors after
        recording them in ``status``; whatever was done before the error stays done."""
        with self._lock:
            self.status.update(syncing=True)
            try:
                report = self._sync()
            except ProtocolTooOld as error:
                self._failed(Connection.UPDATE_REQUIRED, error)
                raise
            except AuthenticationExpired as error:
                self._failed(Connection.LOGIN_REQUIRED, error)
                raise
            except ServerUnavailable as error:
                self._failed(Connection.OFFLINE, error)
                raise
            except SyncError as error:
                # The server answered, so we are online, but this round failed.
                self._failed(Connection.ONLINE, error)
                raise
            finally:
                self.status.pull_finished()
                self.status.update(syncing=False)
            synced_at = self._now()
            self.workspace.outbox.set_state(LAST_SYNCED_KEY, synced_at.isoformat())
            self.status.update(
                connection=Connection.ONLINE,
                last_synced_at=synced_at,
                last_error=None,
                retry_in_seconds=None,
                open_conflicts=report.open_conflicts,
                **self._counts(),
            )
            return report

    def _sync(self) -> SyncReport:
        if not self._shaken_hands:
            self.client.handshake()
            self._shaken_hands = True
        pushed = self._push_pending()
        self.status.update(connection=Connection.ONLINE, **self._counts())
        pulled, stored, cursor, head = self._pull_to_head()
        open_conflicts = sum(c.status is ConflictStatus.OPEN for c in self.client.conflicts())
        counts = {status: 0 for status in EventStatus}
        for result in pushed:
            counts[result.status] += 1
        return SyncReport(
            pushed=len(pushed),
            accepted=counts[EventStatus.ACCEPTED],
            rebased=counts[EventStatus.REBASED],
            conflicts=counts[EventStatus.CONFLICT],
            rejected=counts[EventStatus.REJECTED],
            pulled=pulled,
            stored=stored,
            cursor=cursor,
            high_water_mark=head,
            open_conflicts=open_conflicts,
        )

    def _push_pending(self) -> list[EventResult]:
        answered: list[EventResult] = []
        while batch := self.workspace.outbox.to_push(self.push_batch):
            answered += self._push(batch)
            self.status.update(**self._counts())
        return answered

    def _push(self, batch: list[OutboxEntry]) -> list[EventResult]:
        """Push one batch and keep the answers. A batch the server refuses whole is
        split until the refused event is alone; it is then kept as rejected, with the
        server's reason, so that one bad event never blocks the others."""
        try:
            response = self.client.push(PushRequest(events=[envelope_of(e) for e in batch]))
        except ProblemError as error:
            if error.problem.code not in BATCH_REFUSALS:
                raise
            if len(batch) > 1:
                half = len(batch) // 2
                return self._push(batch[:half]) + self._push(batch[half:])
            results = [
                EventResult(
                    event_id=batch[0].event_id, status=EventStatus.REJECTED, reason=error.message
                )
            ]
        else:
            results = _results_for(batch, response)
        self.workspace.outbox.record_outcomes(outcome_of(r) for r in results)
        return results

    def _pull_to_head(self) -> tuple[int, int, int, int]:
        """Pull pages until the head. The next page is fetched while this one is
        decoded and stored, so the server's work and ours overlap; the cursor only
        moves once a page is stored, so a crash anywhere re-pulls harmlessly."""
        cursor = self.workspace.cursor
        pulled = stored = 0
        with (
            few_collections(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="dari-pull") as fetcher,
        ):
            pause = self.turns.pause_point
            coming = fetcher.submit(self.client.pull, cursor, self.pull_page, pause)
            page = coming.result()
            self.status.pull_started(cursor, page.high_water_mark)
            while True:
                if page.next_cursor < cursor or (
                    page.has_more and not page.events and page.next_cursor == cursor
                ):
                    raise UnexpectedResponse("서버가 보낸 동기화 위치가 올바르지 않습니다.")
                if page.has_more:
                    coming = fetcher.submit(
                        self.client.pull, page.next_cursor, self.pull_page, pause
                    )
                states = [(p.envelope.event_id, self._sealed(p.envelope)) for p in page.events]
                stored += self.workspace.add_canonical_states(states, page.next_cursor)
                pulled += len(states)
                cursor = self._cursor = page.next_cursor
                self._pulled.set()
                self.status.pull_advanced(cursor, page.high_water_mark)
                if not page.has_more:
                    return pulled, stored, cursor, page.high_water_mark
                page = coming.result()

    # Running ------------------------------------------------------------------

    def request_sync(self) -> None:
        """Something was recorded here: show it as pending and sync soon."""
        self.status.update(**self._counts())
        self._wake.set()

    def run(self, stop: threading.Event) -> None:
        """Sync until ``stop`` is set, or until only a person can fix what is wrong
        (an update of Dari, a new login); the status says which."""
        done = threading.Event()
        watcher = threading.Thread(
            target=self._watch_server, args=(stop, done), name="dari-sync-watch", daemon=True
        )
        watcher.start()
        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    self.sync_once()
                except (ProtocolTooOld, AuthenticationExpired):
                    return
                except SyncError:
                    delay = self.backoff.next_delay()
                    self.status.update(retry_in_seconds=round(delay, 1))
                    self._sleep(stop, delay)
                    continue
                self.backoff.reset()
                self._sleep(stop, None)
        finally:
            done.set()

    def _sleep(self, stop: threading.Event, seconds: float | None) -> None:
        """Until woken, stopped, or ``seconds`` have passed (``None``: no limit)."""
        waited = 0.0
        while not stop.is_set() and (seconds is None or waited < seconds):
            step = IDLE_CHECK if seconds is None else min(IDLE_CHECK, seconds - waited)
            if self._wake.wait(step):
                return
            waited += step

    def _watch_server(self, stop: threading.Event, done: threading.Event) -> None:
        backoff = Backoff(base=self.backoff.base, cap=self.backoff.cap)
        failing = False
        while not (stop.is_set() or done.is_set()):
            cursor = self._cursor
            try:
                head = self.client.wait(cursor, self.wait_timeout)
            except SyncError:
                if not failing:
                    # The main loop may be idle and would go on showing "online": wake
                    # it once, so it finds out, says so, and retries with its backoff.
                    failing = True
                    self._wake.set()
                done.wait(backoff.next_delay())
                continue
            failing = False
            backoff.reset()
            if head > cursor:
                self._wake.set()
                self._until_pulled_past(cursor, stop, done)

    def _until_pulled_past(self, cursor: int, stop: threading.Event, done: threading.Event) -> None:
        # Without this the long poll would return at once, again and again, until the
        # main loop has pulled; bounded so that a failing sync does not stall watching.
        waited = 0.0
        while self._cursor <= cursor and waited < self.wait_timeout:
            if stop.is_set() or done.is_set():
                return
            # A missed set between wait and clear is harmless: the loop re-reads _cursor.
            self._pulled.wait(IDLE_CHECK)
            self._pulled.clear()
            waited += IDLE_CHECK

    # Status -------------------------------------------------------------------

    def _initial_status(self) -> StatusSnapshot:
        synced = self.workspace.outbox.get_state(LAST_SYNCED_KEY)
        counts = self._counts()
        return StatusSnapshot(
            pending=counts["pending"],
            refused=counts["refused"],
            last_synced_at=None if synced is None else datetime.fromisoformat(synced),
        )

    def _sealed(self, envelope: EventEnvelope) -> StoredEvent:
        self.turns.pause_point()
        _readable(envelope)
        return self.workspace.sealed(
            envelope.aggregate_id, envelope.version, envelope.topic, state_bytes(envelope.payload)
        )

    def _counts(self) -> dict[str, int]:
        outbox = self.workspace.outbox
        return {
            "pending": outbox.count(OutboxStatus.PENDING, OutboxStatus.ACKNOWLEDGED),
            "refused": outbox.count(OutboxStatus.CONFLICT, OutboxStatus.REJECTED),
        }

    def _failed(self, connection: Connection, error: SyncError) -> None:
        self.status.update(connection=connection, last_error=error.message, **self._counts())


def envelope_of(entry: OutboxEntry) -> EventEnvelope:
    return EventEnvelope.of(entry.event_id, entry)


def outcome_of(result: EventResult) -> PushOutcome:
    if result.status in (EventStatus.ACCEPTED, EventStatus.REBASED):
        return PushOutcome(
            result.event_id, OutboxStatus.ACKNOWLEDGED, result.position, result.version
        )
    status = (
        OutboxStatus.CONFLICT if result.status is EventStatus.CONFLICT else OutboxStatus.REJECTED
    )
    return PushOutcome(
        result.event_id, status, reason=result.reason, conflict_id=result.conflict_id
    )


def _results_for(batch: Sequence[OutboxEntry], response: PushResponse) -> list[EventResult]:
    sent = [entry.event_id for entry in batch]
    answered: dict[UUID, EventResult] = {r.event_id: r for r in response.results}
    if len(response.results) != len(sent) or set(answered) != set(sent):
        raise UnexpectedResponse("서버가 보낸 기록 결과가 보낸 기록과 맞지 않습니다.")
    return [answered[event_id] for event_id in sent]


def _readable(envelope: EventEnvelope) -> None:
    """A pulled event is stored as it came, without decoding it (the server judged it):
    only what this version of Dari could not read later is refused now."""
    reason = unreadable_reason(envelope.topic, envelope.schema_version)
    if reason is not None:
        raise SyncError(
            f"서버에서 받은 기록을 읽을 수 없습니다: {reason} Dari를 업데이트해야 할 수 있습니다."
        )
