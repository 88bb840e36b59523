"""The outbox (보낼 기록함): events recorded on this computer that the central history
does not hold yet, kept in the same SQLite file as the local event store.

The event store holds only canonical events, in the order they were pulled. A new
local event waits here, with a client-made ``event_id``, until it comes back by pull:
``pending`` (not answered yet), then ``acknowledged`` (the server accepted or rebased
it) until the pulled copy arrives, or ``conflict`` / ``rejected`` (kept, with the
server's reason, for people to see; never pushed again, never deleted silently).

Each row's event body (its state, who recorded it, when) is encrypted with the store's
own AES key when the store is encrypted; ids, topics, versions, statuses and the
server's short reasons stay readable, as ids and topics do in the event store itself.
The outbox uses its own ``sqlite3`` connection; every change is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.utils import Environment

from desktop.local.cipher import LocalStoreCipher
from desktop.local.store import StoreKeyError
from domain.aggregate import DariEvent
from domain.wire import from_wire, to_wire

CURSOR_KEY = "cursor"
"""Global position of the last pulled page: the next pull asks for events after it."""


class OutboxStatus(StrEnum):
    PENDING = "pending"
    ACKNOWLEDGED = "acknowledged"
    CONFLICT = "conflict"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_unsynced(self) -> bool:
        """Still on its way into the canonical history (shown in the local view)."""
        return self in (OutboxStatus.PENDING, OutboxStatus.ACKNOWLEDGED)


_STATUS_LABELS = {
    OutboxStatus.PENDING: "전송 대기",
    OutboxStatus.ACKNOWLEDGED: "서버 수락 (수신 대기)",
    OutboxStatus.CONFLICT: "충돌",
    OutboxStatus.REJECTED: "거부",
}

UNSYNCED = (OutboxStatus.PENDING, OutboxStatus.ACKNOWLEDGED)
REFUSED = (OutboxStatus.CONFLICT, OutboxStatus.REJECTED)


@dataclass(frozen=True)
class OutboxEntry:
    """One local event and what the server said about it so far."""

    seq: int
    event_id: UUID
    aggregate_id: UUID
    aggregate_type: str
    version: int
    """The version it was recorded at, on top of what this computer knew then."""
    topic: str
    schema_version: int
    recorded_by: str
    device: str
    recorded_at: datetime
    payload: dict[str, Any]
    status: OutboxStatus
    position: int | None = None
    server_version: int | None = None
    reason: str | None = None
    conflict_id: UUID | None = None

    def event(self, version: int | None = None) -> DariEvent:
        """The domain event, at ``version`` (a rebase) or at the recorded version."""
        return from_wire(
            self.aggregate_id,
            self.version if version is None else version,
            self.topic,
            self.payload,
        )


@dataclass(frozen=True)
class PushOutcome:
    """The server's answer for one pushed event, as the outbox keeps it."""

    event_id: UUID
    status: OutboxStatus
    position: int | None = None
    version: int | None = None
    reason: str | None = None
    conflict_id: UUID | None = None


_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS sync_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        aggregate_id TEXT NOT NULL,
        aggregate_type TEXT NOT NULL,
        version INTEGER NOT NULL,
        topic TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        body BLOB NOT NULL,
        status TEXT NOT NULL,
        position INTEGER,
        server_version INTEGER,
        reason TEXT,
        conflict_id TEXT
    )
    """,
    "CREATE INDEX IF NOT EXISTS sync_outbox_by_aggregate ON sync_outbox (aggregate_id, seq)",
    "CREATE INDEX IF NOT EXISTS sync_outbox_by_status ON sync_outbox (status, seq)",
    "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

_COLUMNS = (
    "seq, event_id, aggregate_id, aggregate_type, version, topic, schema_version, body, "
    "status, position, server_version, reason, conflict_id"
)


class _Sealer:
    """Encrypts row bodies with the store's AES key, or passes them through."""

    def __init__(self, cipher_key: str | None) -> None:
        self._cipher = (
            LocalStoreCipher(Environment(env={LocalStoreCipher.CIPHER_KEY: cipher_key}))
            if cipher_key is not None
            else None
        )

    def seal(self, plain: bytes) -> bytes:
        return plain if self._cipher is None else self._cipher.encrypt(plain)

    def open(self, sealed: bytes) -> bytes:
        return sealed if self._cipher is None else self._cipher.decrypt(sealed)


class Outbox:
    """The ``sync_outbox`` and ``sync_state`` tables of one local store file."""

    def __init__(self, path: Path, *, cipher_key: str | None = None, timeout: float = 10.0) -> None:
        self._sealer = _Sealer(cipher_key)
        self._lock = threading.RLock()
        # Autocommit mode: transactions are begun explicitly, so each change is one.
        self._connection = sqlite3.connect(
            str(path), timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self._connection.row_factory = sqlite3.Row
        with self._transaction() as db:
            for statement in _SCHEMA:
                db.execute(statement)
        self._prove_key()

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # Recording -------------------------------------------------------------

    def append(self, events: Sequence[DariEvent]) -> list[UUID]:
        """Add new local events as pending, all or none; returns their fresh event ids."""
        rows = []
        event_ids = []
        for event in events:
            wire = to_wire(event)
            event_id = uuid4()
            body = {
                "recorded_by": wire.recorded_by,
                "device": wire.device,
                "recorded_at": wire.recorded_at.isoformat(),
                "payload": wire.payload,
            }
            rows.append(
                (
                    str(event_id),
                    str(wire.aggregate_id),
                    wire.aggregate_type,
                    wire.version,
                    wire.topic,
                    wire.schema_version,
                    self._sealer.seal(json.dumps(body, ensure_ascii=False).encode()),
                    OutboxStatus.PENDING.value,
                )
            )
            event_ids.append(event_id)
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO sync_outbox (event_id, aggregate_id, aggregate_type, version, "
                "topic, schema_version, body, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return event_ids

    def record_outcomes(self, outcomes: Iterable[PushOutcome]) -> None:
        """Keep the server's answers for a pushed batch, in one transaction.

        Rows that already arrived by pull are gone, and stay gone: a late answer to
        a retried push changes nothing."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE sync_outbox SET status = ?, position = ?, server_version = ?, "
                "reason = ?, conflict_id = ? WHERE event_id = ?",
                [
                    (
                        o.status.value,
                        o.position,
                        o.version,
                        o.reason,
                        None if o.conflict_id is None else str(o.conflict_id),
                        str(o.event_id),
                    )
                    for o in outcomes
                ],
            )

    def arrived(self, event_ids: Iterable[UUID], cursor: int) -> None:
        """A pulled page is in the store: drop its events from the outbox and move the
        cursor, together.

        Acknowledged events at or before the cursor that did not come back are not
        in this user's scope any more (e.g. a liaison reassigned away); the server
        holds them, so they leave the outbox too."""
        with self._transaction() as db:
            db.executemany(
                "DELETE FROM sync_outbox WHERE event_id = ?", [(str(i),) for i in event_ids]
            )
            db.execute(
                "DELETE FROM sync_outbox WHERE status = ? AND position <= ?",
                (OutboxStatus.ACKNOWLEDGED.value, cursor),
            )
            _set_state(db, CURSOR_KEY, str(cursor))

    def discard(self, event_id: UUID) -> bool:
        """Remove a conflicting or rejected event once a person has dealt with it."""
        with self._transaction() as db:
            removed = db.execute(
                "DELETE FROM sync_outbox WHERE event_id = ? AND status IN (?, ?)",
                (str(event_id), *(s.value for s in REFUSED)),
            ).rowcount
        return bool(removed)

    def requeue(self, event_id: UUID) -> UUID | None:
        """Send a conflicting or rejected event again, e.g. after the server was updated.

        It gets a fresh event id: the server answers a known id with its first answer.
        Returns the new id, or ``None`` if there is no such refused event."""
        fresh = uuid4()
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE sync_outbox SET event_id = ?, status = ?, position = NULL, "
                "server_version = NULL, reason = NULL, conflict_id = NULL "
                "WHERE event_id = ? AND status IN (?, ?)",
                (
                    str(fresh),
                    OutboxStatus.PENDING.value,
                    str(event_id),
                    *(s.value for s in REFUSED),
                ),
            ).rowcount
        return fresh if changed else None

    # Reading ---------------------------------------------------------------

    def to_push(self, limit: int) -> list[OutboxEntry]:
        """The oldest pending events, in the order they were recorded."""
        return self._select("WHERE status = ? ORDER BY seq LIMIT ?", (OutboxStatus.PENDING, limit))

    def unsynced_for(self, aggregate_id: UUID) -> list[OutboxEntry]:
        """An aggregate's events not in the canonical history yet, in recording order."""
        return self._select(
            "WHERE aggregate_id = ? AND status IN (?, ?) ORDER BY seq",
            (str(aggregate_id), *UNSYNCED),
        )

    def entries(self, *statuses: OutboxStatus) -> list[OutboxEntry]:
        chosen = statuses or tuple(OutboxStatus)
        marks = ", ".join("?" for _ in chosen)
        return self._select(f"WHERE status IN ({marks}) ORDER BY seq", tuple(chosen))

    def count(self, *statuses: OutboxStatus) -> int:
        chosen = statuses or tuple(OutboxStatus)
        marks = ", ".join("?" for _ in chosen)
        with self._lock:
            row = self._connection.execute(
                f"SELECT COUNT(*) FROM sync_outbox WHERE status IN ({marks})",
                [s.value for s in chosen],
            ).fetchone()
        return int(row[0])

    def aggregate_ids(self, topic: str) -> list[UUID]:
        """Aggregates with an unsynced event of ``topic`` (e.g. a creation event)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT aggregate_id FROM sync_outbox WHERE topic = ? AND status IN (?, ?) "
                "GROUP BY aggregate_id ORDER BY MIN(seq)",
                (topic, *UNSYNCED),
            ).fetchall()
        return [UUID(row[0]) for row in rows]

    # Sync state ------------------------------------------------------------

    @property
    def cursor(self) -> int:
        return int(self.get_state(CURSOR_KEY) or 0)

    def get_state(self, key: str) -> str | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT value FROM sync_state WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        with self._transaction() as db:
            _set_state(db, key, value)

    # Internals -------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def _select(self, where: str, parameters: tuple[Any, ...]) -> list[OutboxEntry]:
        with self._lock:
            rows = self._connection.execute(
                f"SELECT {_COLUMNS} FROM sync_outbox {where}",
                [p.value if isinstance(p, OutboxStatus) else p for p in parameters],
            ).fetchall()
        return [self._entry(row) for row in rows]

    def _entry(self, row: sqlite3.Row) -> OutboxEntry:
        body = json.loads(self._sealer.open(row["body"]))
        return OutboxEntry(
            seq=row["seq"],
            event_id=UUID(row["event_id"]),
            aggregate_id=UUID(row["aggregate_id"]),
            aggregate_type=row["aggregate_type"],
            version=row["version"],
            topic=row["topic"],
            schema_version=row["schema_version"],
            recorded_by=body["recorded_by"],
            device=body["device"],
            recorded_at=datetime.fromisoformat(body["recorded_at"]),
            payload=body["payload"],
            status=OutboxStatus(row["status"]),
            position=row["position"],
            server_version=row["server_version"],
            reason=row["reason"],
            conflict_id=None if row["conflict_id"] is None else UUID(row["conflict_id"]),
        )

    def _prove_key(self) -> None:
        with self._lock:
            row = self._connection.execute(
                "SELECT body FROM sync_outbox ORDER BY seq LIMIT 1"
            ).fetchone()
        if row is None:
            return
        try:
            json.loads(self._sealer.open(row["body"]))
        except ValueError:
            self.close()
            raise StoreKeyError(
                "보낼 기록함을 읽을 수 없습니다. 저장소 암호 키를 확인해 주세요."
            ) from None


def _set_state(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
