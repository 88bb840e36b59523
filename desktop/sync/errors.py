"""What can go wrong talking to the sync server, as typed errors with Korean messages.

The engine decides by type: ``ServerUnavailable`` means "try again later" (backoff),
``ProtocolTooOld`` means "update Dari" (stop, keep the outbox), ``AuthenticationExpired``
means "log in again", ``ProblemError`` is the server's RFC 9457 answer to one request."""

from __future__ import annotations

from sync_protocol.problems import Problem


class SyncError(Exception):
    """Any sync failure. ``message`` is Korean, for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ServerUnavailable(SyncError):
    """No answer: connection refused or reset, a timeout, or the server is overloaded."""


class ProtocolTooOld(SyncError):
    """The server no longer speaks this build's protocol (HTTP 426)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(
            problem.detail
            or "Dari 프로그램이 오래되어 서버와 동기화할 수 없습니다. Dari를 업데이트해 주세요."
        )
        self.problem = problem


class AuthenticationExpired(SyncError):
    """The session cannot be renewed (no tokens, refresh refused, device revoked)."""


class ProblemError(SyncError):
    """The server refused a request with a problem response."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail or problem.title)
        self.problem = problem


class UnexpectedResponse(SyncError):
    """The server answered something this client cannot read."""


class DownloadCancelled(SyncError):
    """The person cancelled a download; the partial file was removed."""

    def __init__(self, message: str = "내려받기를 취소했습니다.") -> None:
        super().__init__(message)
