"""The counselor's workspace (작업 공간): what this computer shows and records.

Local state = the canonical events (pulled from the server, in the local event store),
then this computer's unsynced events from the outbox, each re-based on top: rebuilt
at the next version and checked by the domain's own rule (``DariAggregate.accept``).
A pending event that no longer holds after newer canonical events is flagged
"will conflict" (충돌 예상) and left out of the view, never deleted: the server judges it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import AggregateCreated
from eventsourcing.persistence import IntegrityError, StoredEvent

from desktop.local.outbox import Outbox, OutboxEntry, OutboxStatus
from desktop.local.store import open_store, sqlite_settings
from domain.aggregate import DariAggregate, DariEvent
from domain.application import DariApplication
from domain.business_number import BusinessNumber
from domain.case import Case
from domain.company import Company, company_id
from domain.consulting import ConsultingRecord
from domain.errors import DomainError, UnknownReference
from domain.mentoring import MentoringEngagement
from domain.reference import ReferenceData

A = TypeVar("A", bound=DariAggregate)

ALREADY_EXISTS = "같은 기록이 이미 서버에 있어 이 기록은 적용되지 않습니다 (중복 생성)."
MISSING_START = "이 기록의 앞선 기록(생성 기록)이 없어 적용할 수 없습니다."


@dataclass(frozen=True)
class PendingEvent:
    """An unsynced local event as the workspace sees it now."""

    entry: OutboxEntry
    conflict_reason: str | None = None
    """Korean: why it no longer applies on top of the canonical events (None: it does)."""

    @property
    def event_id(self) -> UUID:
        return self.entry.event_id

    @property
    def will_conflict(self) -> bool:
        return self.conflict_reason is not None


@dataclass
class LocalView:
    """One aggregate: canonical state, then the pending events that still apply."""

    aggregate: DariAggregate | None
    canonical_version: int
    pending: list[PendingEvent] = field(default_factory=list)

    @property
    def will_conflict(self) -> list[PendingEvent]:
        return [p for p in self.pending if p.will_conflict]


class Workspace:
    """The local event store plus the outbox, seen as one.

    ``load_*`` give the local view of an aggregate; commands on it add pending events
    that ``record`` puts in the outbox. The sync engine adds canonical events with
    ``add_canonical``."""

    def __init__(self, store: DariApplication, outbox: Outbox) -> None:
        self.store = store
        self.outbox = outbox

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        cipher_key: str | None = None,
        reference: ReferenceData | None = None,
    ) -> Workspace:
        """The workspace in one SQLite file, encrypted when a key is given."""
        store = open_store(sqlite_settings(path, cipher_key=cipher_key), reference=reference)
        try:
            outbox = Outbox(path, cipher_key=cipher_key)
        except Exception:
            store.close()
            raise
        return cls(store, outbox)

    def close(self) -> None:
        self.outbox.close()
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def reference(self) -> ReferenceData:
        return self.store.reference

    # The local view ----------------------------------------------------------

    def view(self, aggregate_id: UUID) -> LocalView:
        canonical = self.store.events_of(aggregate_id)
        aggregate: DariAggregate | None = None
        for event in canonical:
            aggregate = event.mutate(aggregate)
        canonical_version = 0 if aggregate is None else aggregate.version
        pending = []
        for entry in self.outbox.unsynced_for(aggregate_id):
            if _already_arrived(entry, canonical_version):
                continue
            aggregate, reason = self._rebase(aggregate, entry, canonical)
            pending.append(PendingEvent(entry, reason))
        if aggregate is not None:
            # The re-based events are the outbox's, not new ones for ``record``.
            aggregate.collect_events()
        return LocalView(aggregate, canonical_version, pending)

    def load(self, aggregate_id: UUID) -> DariAggregate:
        aggregate = self.view(aggregate_id).aggregate
        if aggregate is None:
            raise UnknownReference(f"기록을 찾을 수 없습니다: {aggregate_id}")
        return aggregate

    def load_case(self, case_id: UUID) -> Case:
        return self._load(case_id, Case, "애로사항")

    def load_company(self, company_id: UUID) -> Company:
        return self._load(company_id, Company, "기업")

    def load_consulting_record(self, record_id: UUID) -> ConsultingRecord:
        return self._load(record_id, ConsultingRecord, "자문 기록")

    def load_mentoring(self, engagement_id: UUID) -> MentoringEngagement:
        return self._load(engagement_id, MentoringEngagement, "멘토링")

    def company_by_business_number(self, business_number: str) -> Company | None:
        try:
            return self.load_company(company_id(BusinessNumber.parse(business_number)))
        except UnknownReference:
            return None

    def exists(self, aggregate_id: UUID) -> bool:
        return self.view(aggregate_id).aggregate is not None

    def case_ids(self) -> list[UUID]:
        """Every case known here: canonical ones, then those received on this computer."""
        return self._ids_created_by(Case.Received.TOPIC)

    def company_ids(self) -> list[UUID]:
        return self._ids_created_by(Company.Registered.TOPIC)

    def mentoring_ids(self) -> list[UUID]:
        return self._ids_created_by(MentoringEngagement.Started.TOPIC)

    # Recording ---------------------------------------------------------------

    def record(self, *aggregates: DariAggregate) -> list[UUID]:
        """Put the aggregates' new events in the outbox, all or none; their event ids."""
        events: list[DariEvent] = []
        for aggregate in aggregates:
            for event in aggregate.collect_events():
                if not isinstance(event, DariEvent):
                    raise TypeError(f"not a Dari event: {event!r}")
                events.append(event)
        if not events:
            return []
        return self.outbox.append(events)

    def pending_count(self) -> int:
        """Local events not in the canonical history yet (sent or not)."""
        return self.outbox.count(OutboxStatus.PENDING, OutboxStatus.ACKNOWLEDGED)

    def pending_for(self, aggregate_id: UUID) -> list[PendingEvent]:
        return self.view(aggregate_id).pending

    def refused(self) -> list[OutboxEntry]:
        """Local events the server answered with conflict or rejection, oldest first."""
        return self.outbox.entries(OutboxStatus.CONFLICT, OutboxStatus.REJECTED)

    # Canonical events (from the sync engine) ----------------------------------

    def add_canonical(self, pulled: Sequence[tuple[UUID, DariEvent]], cursor: int) -> int:
        """Store a pulled page (event id, event) in order, then, in one outbox
        transaction, drop those events from the outbox and move the cursor.

        Events already stored are skipped, so a page pulled again after a crash
        between the two steps is harmless. Returns how many were new."""
        mapper = self.store.mapper
        return self.add_canonical_states(
            [(event_id, mapper.to_stored_event(event)) for event_id, event in pulled], cursor
        )

    def add_canonical_states(self, pulled: Sequence[tuple[UUID, StoredEvent]], cursor: int) -> int:
        """``add_canonical`` for events already in the store's own form (``sealed``):
        a pulled page needs no decoding and encoding again."""
        stored = self._store_new([state for _, state in pulled])
        self.outbox.arrived([event_id for event_id, _ in pulled], cursor)
        return stored

    def sealed(self, aggregate_id: UUID, version: int, topic: str, state: bytes) -> StoredEvent:
        """An event's state as the wire carries it (the store's JSON, unencrypted), made
        into the stored form: compressed and encrypted as the store's mapper does."""
        mapper = self.store.mapper
        if mapper.compressor:
            state = mapper.compressor.compress(state)
        if mapper.cipher:
            state = mapper.cipher.encrypt(state)
        return StoredEvent(
            originator_id=aggregate_id, originator_version=version, topic=topic, state=state
        )

    @property
    def cursor(self) -> int:
        return self.outbox.cursor

    # Internals ----------------------------------------------------------------

    def _load(self, aggregate_id: UUID, kind: type[A], label: str) -> A:
        aggregate = self.view(aggregate_id).aggregate
        if aggregate is None:
            raise UnknownReference(f"{label}을(를) 찾을 수 없습니다: {aggregate_id}")
        if not isinstance(aggregate, kind):
            raise DomainError(f"{label}이(가) 아닌 기록입니다: {aggregate_id}")
        return aggregate

    def _rebase(
        self, aggregate: DariAggregate | None, entry: OutboxEntry, canonical: list[DariEvent]
    ) -> tuple[DariAggregate | None, str | None]:
        version = 1 if aggregate is None else aggregate.version + 1
        try:
            event = entry.event(version)
            if isinstance(event, AggregateCreated):
                if aggregate is not None:
                    return aggregate, ALREADY_EXISTS
                event.check(None, self.reference)
                created = event.mutate(None)
                assert isinstance(created, DariAggregate)
                return created, None
            if aggregate is None:
                return None, MISSING_START
            rival = _rival_decision(entry, event, canonical)
            if rival is not None:
                return aggregate, rival
            aggregate.accept(event, self.reference)
        except DomainError as error:
            return aggregate, error.message
        return aggregate, None

    def _store_new(self, events: list[StoredEvent]) -> int:
        if not events:
            return 0
        try:
            self._insert(events)
        except IntegrityError:
            events = self._not_yet_stored(events)
            if events:
                self._insert(events)
        return len(events)

    def _insert(self, events: list[StoredEvent]) -> None:
        """Canonical events go straight to the recorder, in one transaction: they need
        none of ``Application.save``'s extras, whose per-event checks cost more than
        the encryption and the insert together."""
        self.store.recorder.insert_events(events)

    def _not_yet_stored(self, events: list[StoredEvent]) -> list[StoredEvent]:
        # Canonical events of one aggregate arrive in version order, so an event is
        # stored exactly when the stored head is at or past its version.
        heads: dict[UUID, int] = {}
        fresh = []
        for event in events:
            aggregate_id = UUID(str(event.originator_id))
            if aggregate_id not in heads:
                last = self.store.recorder.select_events(aggregate_id, desc=True, limit=1)
                heads[aggregate_id] = last[0].originator_version if last else 0
            if event.originator_version > heads[aggregate_id]:
                fresh.append(event)
        return fresh

    def _ids_created_by(self, topic: str) -> list[UUID]:
        ids = list(_canonical_ids(self.store, topic))
        known = set(ids)
        ids += [i for i in self.outbox.aggregate_ids(topic) if i not in known]
        return ids


def _already_arrived(entry: OutboxEntry, canonical_version: int) -> bool:
    """An acknowledged event whose canonical slot is already stored came back by pull;
    only a crash before the outbox was tidied can leave it here."""
    return (
        entry.status is OutboxStatus.ACKNOWLEDGED
        and entry.server_version is not None
        and entry.server_version <= canonical_version
    )


def _rival_decision(entry: OutboxEntry, event: DariEvent, canonical: list[DariEvent]) -> str | None:
    """The server's rule for a rebase, applied ahead: a decision taken without seeing
    a rival one (canonical events at or after its recorded version, made elsewhere)
    conflicts even where the state would allow it. Events already answered by the
    server were judged there."""
    if entry.status is not OutboxStatus.PENDING:
        return None
    for unseen in canonical[entry.version - 1 :]:
        if (unseen.recorded_by, unseen.device) == (entry.recorded_by, entry.device):
            continue
        reason = event.conflicts_with(unseen)
        if reason is not None:
            return reason
    return None


def _canonical_ids(store: DariApplication, topic: str, page: int = 1000) -> Iterator[UUID]:
    start = 1
    while True:
        notifications = store.recorder.select_notifications(start=start, limit=page, topics=[topic])
        for notification in notifications:
            originator_id = notification.originator_id
            yield originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
        if len(notifications) < page:
            return
        start = notifications[-1].id + 1
