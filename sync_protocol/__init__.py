"""The wire between the desktop and the sync server: pydantic v2 models only.

Both sides import these models and nothing of each other. ``PROTOCOL_VERSION`` is
what this build speaks; a server refuses clients older than its
``MIN_CLIENT_PROTOCOL_VERSION`` with an "update Dari" problem, and a client keeps its
pending events when that happens.
"""

from sync_protocol.auth import DeviceInfo, LoginRequest, RefreshRequest, TokenPair, UserInfo
from sync_protocol.conflicts import ConflictResolution, ConflictView
from sync_protocol.envelope import MAX_BATCH_EVENTS, EventEnvelope
from sync_protocol.problems import Problem
from sync_protocol.sync import (
    EventResult,
    EventStatus,
    PulledEvent,
    PullPage,
    PushRequest,
    PushResponse,
)
from sync_protocol.version import (
    MIN_CLIENT_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    Handshake,
    ServerInfo,
)

__all__ = [
    "MAX_BATCH_EVENTS",
    "MIN_CLIENT_PROTOCOL_VERSION",
    "PROTOCOL_VERSION",
    "ConflictResolution",
    "ConflictView",
    "DeviceInfo",
    "EventEnvelope",
    "EventResult",
    "EventStatus",
    "Handshake",
    "LoginRequest",
    "Problem",
    "PullPage",
    "PulledEvent",
    "PushRequest",
    "PushResponse",
    "RefreshRequest",
    "ServerInfo",
    "TokenPair",
    "UserInfo",
]
