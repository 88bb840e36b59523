"""``SyncClient``: the sync server's HTTP contract over one ``httpx.Client``.

Timeouts, connection retries, the protocol header and the bearer token are set here
and nowhere else. Every failure becomes one of the typed errors of
``desktop.sync.errors``; an expired access token is refreshed once, then the request
is retried once."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from uuid import UUID

import httpx
import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError

from desktop.sync.errors import (
    AuthenticationExpired,
    DownloadCancelled,
    ProblemError,
    ProtocolTooOld,
    ServerUnavailable,
    SyncError,
    UnexpectedResponse,
)
from desktop.sync.reports import KpiQuery, KpiReportDocument, Progress, ServerKpiReport
from desktop.sync.tokens import MemoryTokenStore, TokenStore
from desktop.sync.turns import never_pause
from sync_protocol import (
    PROTOCOL_VERSION,
    ConflictResolution,
    ConflictView,
    Handshake,
    LoginRequest,
    PulledEvent,
    PullPage,
    PushRequest,
    PushResponse,
    RefreshRequest,
    ServerInfo,
    TokenPair,
    UserInfo,
)
from sync_protocol.problems import Problem
from sync_protocol.version import PROTOCOL_HEADER

M = TypeVar("M", bound=BaseModel)

CLIENT_VERSION = "0.1.0"
CONNECT_TIMEOUT = 5.0
REQUEST_TIMEOUT = 30.0
CONNECT_RETRIES = 2
"""httpx retries a failed connection this often; anything longer is the engine's backoff."""
LONG_POLL_MARGIN = 10.0
"""Seconds a long poll may take beyond the timeout it asks the server for."""

UNAVAILABLE_STATUSES = frozenset({502, 503, 504})
SIGNED_OUT_CODES = frozenset({"user_disabled"})
"""Problems after which only an administrator or a new login helps: stop, like a 401."""
UNAVAILABLE_MESSAGE = (
    "서버에 연결할 수 없습니다. 기록은 이 컴퓨터에 안전하게 남아 있으며, 연결되면 다시 보냅니다."
)
LOGIN_REQUIRED_MESSAGE = "로그인이 만료되었습니다. 다시 로그인해 주세요 (dari login)."
INTERRUPTED_MESSAGE = "서버와의 연결이 끊겨 내려받지 못했습니다. 잠시 후 다시 시도해 주세요."

_CONFLICTS = TypeAdapter(list[ConflictView])


class Head(BaseModel):
    """The answer of ``/sync/wait``."""

    high_water_mark: int


class SyncClient:
    """The server's endpoints as methods taking and returning protocol models."""

    def __init__(
        self,
        base_url: str,
        *,
        tokens: TokenStore | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = REQUEST_TIMEOUT,
        client_version: str = CLIENT_VERSION,
    ) -> None:
        self.base_url = base_url
        self.tokens: TokenStore = tokens if tokens is not None else MemoryTokenStore()
        self.client_version = client_version
        self._refreshing = threading.Lock()
        self._http = httpx.Client(
            base_url=base_url,
            transport=transport or httpx.HTTPTransport(retries=CONNECT_RETRIES),
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            headers={
                PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                "User-Agent": f"Dari/{client_version}",
            },
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # Open endpoints --------------------------------------------------------

    def handshake(self) -> ServerInfo:
        hello = Handshake(protocol_version=PROTOCOL_VERSION, client_version=self.client_version)
        response = self._send("POST", "/handshake", body=hello, authenticated=False)
        return _parse(ServerInfo, response)

    def login(
        self, username: str, password: str, *, device_id: str, device_name: str = ""
    ) -> TokenPair:
        request = LoginRequest(
            username=username, password=password, device_id=device_id, device_name=device_name
        )
        response = self._send("POST", "/auth/login", body=request, authenticated=False)
        tokens = _parse(TokenPair, response)
        self.tokens.save(tokens)
        return tokens

    def refresh(self) -> TokenPair:
        """New tokens from the refresh token; ``AuthenticationExpired`` if refused."""
        current = self.tokens.load()
        if current is None:
            raise AuthenticationExpired("로그인이 필요합니다 (dari login).")
        request = RefreshRequest(refresh_token=current.refresh_token)
        try:
            response = self._send("POST", "/auth/refresh", body=request, authenticated=False)
        except ProblemError as error:
            if error.problem.status in (400, 401, 403, 422):
                self.tokens.save(None)
                raise AuthenticationExpired(LOGIN_REQUIRED_MESSAGE) from error
            raise
        tokens = _parse(TokenPair, response)
        self.tokens.save(tokens)
        return tokens

    def me(self) -> UserInfo:
        """Who the signed-in user is (name, role, region, institute)."""
        return _parse(UserInfo, self._send("GET", "/auth/me"))

    # Sync endpoints --------------------------------------------------------

    def push(self, request: PushRequest) -> PushResponse:
        return _parse(PushResponse, self._send("POST", "/sync/push", body=request))

    def pull(self, cursor: int, limit: int, pause: Callable[[], None] = never_pause) -> PullPage:
        """A page after ``cursor``; ``pause`` is called between two events while it is
        read (``Turns.pause_point``: the window may need the interpreter)."""
        response = self._send("GET", "/sync/pull", params={"cursor": cursor, "limit": limit})
        return _parse_page(response, pause)

    def wait(self, cursor: int, timeout: float) -> int:
        """Long poll: the server's high-water mark, as soon as it passes ``cursor`` or
        after ``timeout`` seconds."""
        response = self._send(
            "GET",
            "/sync/wait",
            params={"cursor": cursor, "timeout": timeout},
            timeout=httpx.Timeout(timeout + LONG_POLL_MARGIN, connect=CONNECT_TIMEOUT),
        )
        return _parse(Head, response).high_water_mark

    def conflicts(self) -> list[ConflictView]:
        return _parse_with(_CONFLICTS, self._send("GET", "/conflicts"))

    def resolve_conflict(self, conflict_id: UUID, resolution: ConflictResolution) -> ConflictView:
        """Central staff only: decide a conflict; the decision becomes an event on the case."""
        response = self._send("POST", f"/conflicts/{conflict_id}/resolve", body=resolution)
        return _parse(ConflictView, response)

    # Reports (central staff) -------------------------------------------------

    def kpi_report(self, query: KpiQuery) -> ServerKpiReport:
        """The national KPI report (성과지표) for ``query``."""
        response = self._send("GET", "/reports/kpi", params=query.params())
        return _parse(KpiReportDocument, response).answer()

    def download_kpi_xlsx(
        self,
        query: KpiQuery,
        destination: Path,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """Stream the report's Excel workbook to ``destination``, calling ``progress``
        after each chunk; ``cancelled`` is asked between chunks (``DownloadCancelled``).
        The bytes go to a ``.part`` file beside it, renamed once complete and removed
        on any failure, so ``destination`` is never left half written."""
        partial = destination.with_name(destination.name + ".part")
        try:
            response = self._open_stream("/reports/kpi.xlsx", query.params())
            try:
                _save_stream(response, partial, progress, cancelled)
            finally:
                response.close()
            os.replace(partial, destination)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return destination

    def _open_stream(self, path: str, params: dict[str, Any]) -> httpx.Response:
        """A successful response whose body is still to be read (the caller closes
        it), after one token refresh if the access token had expired."""
        for attempt in (1, 2):
            access = self._access_token()
            request = self._http.build_request(
                "GET", path, params=params, headers={"Authorization": f"Bearer {access}"}
            )
            try:
                response = self._http.send(request, stream=True)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
                raise ServerUnavailable(UNAVAILABLE_MESSAGE) from error
            except httpx.HTTPError as error:
                raise SyncError(f"서버 주소나 연결 설정이 올바르지 않습니다: {error}") from error
            if response.status_code < 400:
                return response
            try:
                response.read()
            except httpx.HTTPError as error:
                raise ServerUnavailable(UNAVAILABLE_MESSAGE) from error
            finally:
                response.close()
            if response.status_code == 401:
                problem = _problem(response)
                if problem.code != "token_expired" or attempt == 2:
                    raise AuthenticationExpired(problem.detail or LOGIN_REQUIRED_MESSAGE)
                self._refresh_after(access)
                continue
            _checked(response)
        raise AuthenticationExpired(LOGIN_REQUIRED_MESSAGE)  # pragma: no cover

    # Internals -------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        authenticated: bool = True,
        timeout: httpx.Timeout | None = None,
    ) -> httpx.Response:
        content = None if body is None else body.model_dump_json().encode()
        for attempt in (1, 2):
            access = self._access_token() if authenticated else None
            response = self._exchange(method, path, content, params, access, timeout)
            if response.status_code != 401 or not authenticated:
                break
            problem = _problem(response)
            if problem.code != "token_expired" or attempt == 2:
                raise AuthenticationExpired(problem.detail or LOGIN_REQUIRED_MESSAGE)
            self._refresh_after(access)
        return _checked(response)

    def _exchange(
        self,
        method: str,
        path: str,
        content: bytes | None,
        params: dict[str, Any] | None,
        access: str | None,
        timeout: httpx.Timeout | None,
    ) -> httpx.Response:
        headers = {} if content is None else {"Content-Type": "application/json"}
        if access is not None:
            headers["Authorization"] = f"Bearer {access}"
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        try:
            return self._http.request(
                method, path, content=content, params=params, headers=headers, **extra
            )
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
            raise ServerUnavailable(UNAVAILABLE_MESSAGE) from error
        except httpx.HTTPError as error:
            raise SyncError(f"서버 주소나 연결 설정이 올바르지 않습니다: {error}") from error

    def _access_token(self) -> str:
        tokens = self.tokens.load()
        if tokens is None:
            raise AuthenticationExpired("로그인이 필요합니다 (dari login).")
        return tokens.access_token

    def _refresh_after(self, used_access: str | None) -> None:
        # Two threads may see the same expired token; only the first refreshes, the
        # other retries with the token the first one got.
        with self._refreshing:
            current = self.tokens.load()
            if current is not None and current.access_token != used_access:
                return
            self.refresh()


def _checked(response: httpx.Response) -> httpx.Response:
    status = response.status_code
    if status < 400:
        return response
    problem = _problem(response)
    if status == 426:
        raise ProtocolTooOld(problem)
    if problem.code in SIGNED_OUT_CODES:
        raise AuthenticationExpired(problem.detail or LOGIN_REQUIRED_MESSAGE)
    if status in UNAVAILABLE_STATUSES:
        raise ServerUnavailable(UNAVAILABLE_MESSAGE)
    raise ProblemError(problem)


def _save_stream(
    response: httpx.Response,
    partial: Path,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    length = response.headers.get("Content-Length", "")
    total = int(length) if length.isdigit() else None
    done = 0
    if progress is not None:
        progress(done, total)
    try:
        with partial.open("wb") as file:
            for chunk in response.iter_bytes():  # as received, so progress moves
                if cancelled is not None and cancelled():
                    raise DownloadCancelled()
                file.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
        raise ServerUnavailable(INTERRUPTED_MESSAGE) from error
    except httpx.HTTPError as error:
        raise UnexpectedResponse(f"서버 응답을 내려받지 못했습니다: {error}") from error
    except OSError as error:
        raise SyncError(
            f"파일을 저장할 수 없습니다: {partial.with_suffix('')} ({error.strerror})"
        ) from error
    if total is not None and done != total:
        raise ServerUnavailable(INTERRUPTED_MESSAGE)


def _problem(response: httpx.Response) -> Problem:
    try:
        return Problem.model_validate_json(response.content)
    except ValidationError:
        return Problem(
            title=response.reason_phrase or "error",
            status=response.status_code,
            detail=f"서버가 요청을 처리하지 못했습니다 (HTTP {response.status_code}).",
        )


def _parse(model: type[M], response: httpx.Response) -> M:
    try:
        return model.model_validate_json(response.content)
    except ValidationError as error:
        raise UnexpectedResponse(
            f"서버 응답을 이해할 수 없습니다 ({model.__name__}): {error.error_count()}개 오류"
        ) from error


def _parse_page(response: httpx.Response, pause: Callable[[], None]) -> PullPage:
    """A pulled page, validated one event at a time. One pydantic call over a page of
    1,000 events holds the GIL for 30–130 ms on a busy 2-core machine, and the window's
    thread cannot paint meanwhile; between two events, other threads get their turn."""
    try:
        data = orjson.loads(response.content)
        events = []
        for item in data["events"]:
            pause()
            events.append(PulledEvent.model_validate(item))
        return PullPage.model_validate({**data, "events": events})
    except (orjson.JSONDecodeError, ValidationError, TypeError, KeyError) as error:
        count = error.error_count() if isinstance(error, ValidationError) else 1
        raise UnexpectedResponse(
            f"서버 응답을 이해할 수 없습니다 (PullPage): {count}개 오류"
        ) from error


T = TypeVar("T")


def _parse_with(adapter: TypeAdapter[T], response: httpx.Response) -> T:
    try:
        return adapter.validate_json(response.content)
    except ValidationError as error:
        raise UnexpectedResponse("서버 응답을 이해할 수 없습니다.") from error
