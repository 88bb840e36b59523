"""The client sync engine (동기화), without Qt: the HTTP client of the sync protocol,
the engine that pushes the outbox and pulls the canonical history, its status for
the UI, and the ``dari`` profile (server, user, device, tokens, store key).

The local side it syncs (event store + outbox = ``Workspace``) is ``desktop.local``.
"""

from desktop.sync.backoff import Backoff
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine, SyncReport
from desktop.sync.errors import (
    AuthenticationExpired,
    ProblemError,
    ProtocolTooOld,
    ServerUnavailable,
    SyncError,
    UnexpectedResponse,
)
from desktop.sync.status import Connection, PullProgress, StatusSnapshot, SyncStatus
from desktop.sync.tokens import FileTokenStore, MemoryTokenStore, TokenStore

__all__ = [
    "AuthenticationExpired",
    "Backoff",
    "Connection",
    "FileTokenStore",
    "MemoryTokenStore",
    "ProblemError",
    "ProtocolTooOld",
    "PullProgress",
    "ServerUnavailable",
    "StatusSnapshot",
    "SyncClient",
    "SyncEngine",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "TokenStore",
    "UnexpectedResponse",
]
