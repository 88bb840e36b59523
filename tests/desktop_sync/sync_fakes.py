"""An in-memory fake of the sync server's HTTP contract, served through
``httpx.MockTransport``, plus small builders shared by the client-side sync tests.

It judges pushed events with the domain's own rules, like the real server: accepted
at the version given, rebased after concurrent events when the event still holds,
a conflict when it no longer does. Switches simulate what the tests need: the server
down, a lost push response, expired tokens, a client protocol that is too old."""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import httpx
from envelope_builders import envelope_of_event
from eventsourcing.domain import AggregateCreated

from desktop.sync.client import SyncClient
from desktop.sync.tokens import MemoryTokenStore, TokenStore
from domain.aggregate import DariAggregate, DariEvent
from domain.errors import DomainError
from domain.reference import default_reference
from domain.wire import from_wire
from sync_protocol import (
    PROTOCOL_VERSION,
    ConflictView,
    EventEnvelope,
    EventResult,
    EventStatus,
    LoginRequest,
    PulledEvent,
    PullPage,
    PushRequest,
    PushResponse,
    RefreshRequest,
    ServerInfo,
    TokenPair,
)
from sync_protocol.conflicts import ConflictStatus
from sync_protocol.problems import PROBLEM_MEDIA_TYPE
from sync_protocol.version import PROTOCOL_HEADER

SERVER_URL = "http://dari.test"
PASSWORD = "비밀번호-123"


def problem(status: int, code: str, detail: str) -> httpx.Response:
    body = {"type": f"https://dari.kr/problems/{code}", "title": code, "status": status}
    body |= {"detail": detail, "code": code}
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"Content-Type": PROBLEM_MEDIA_TYPE}
    )


def ok(body: Any) -> httpx.Response:
    return httpx.Response(200, json=body)


@dataclass
class FakeSyncServer:
    min_protocol: int = 1
    down: bool = False
    lose_next_push_response: bool = False
    page_limit_cap: int = 1000
    unknown_topics: set[str] = field(default_factory=set)
    canonical: list[EventEnvelope] = field(default_factory=list)
    answers: dict[UUID, EventResult] = field(default_factory=dict)
    conflicts: list[ConflictView] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    access_tokens: dict[str, str] = field(default_factory=dict)
    expired_tokens: set[str] = field(default_factory=set)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    password: str = PASSWORD
    """Every user's password here (an administrator's reset changes it)."""

    def __post_init__(self) -> None:
        self._numbers = itertools.count(1)
        self._changed = threading.Condition()
        self.reference = default_reference()

    # Wiring ---------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def client(self, tokens: TokenStore | None = None) -> SyncClient:
        return SyncClient(
            SERVER_URL, tokens=tokens or MemoryTokenStore(), transport=self.transport()
        )

    def signed_in_client(self, username: str, device: str) -> SyncClient:
        client = self.client()
        client.login(username, PASSWORD, device_id=device)
        return client

    # Switches ---------------------------------------------------------------------

    def expire_access_tokens(self) -> None:
        self.expired_tokens |= set(self.access_tokens)

    @property
    def head(self) -> int:
        return len(self.canonical)

    def pushed_bodies(self) -> list[PushRequest]:
        return [
            PushRequest.model_validate_json(r.content)
            for r in self.requests
            if r.url.path == "/sync/push"
        ]

    def add_canonical(self, *aggregates: DariAggregate) -> None:
        """Events recorded elsewhere (another counselor), already in the history."""
        for aggregate in aggregates:
            for event in aggregate.collect_events():
                assert isinstance(event, DariEvent)
                self._store(envelope_of_event(event))

    # The contract --------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        route = (request.method, request.url.path)
        if route == ("POST", "/handshake"):
            return self._handshake(json.loads(request.content))
        if route == ("POST", "/auth/login"):
            return self._login(LoginRequest.model_validate_json(request.content))
        if route == ("POST", "/auth/refresh"):
            return self._refresh(RefreshRequest.model_validate_json(request.content))
        refused = self._check_protocol(request) or self._check_token(request)
        if refused is not None:
            return refused
        user = self.access_tokens[request.headers["Authorization"].removeprefix("Bearer ")]
        if route == ("POST", "/sync/push"):
            response = self._push(PushRequest.model_validate_json(request.content), user)
            if self.lose_next_push_response:
                self.lose_next_push_response = False
                raise httpx.ReadTimeout("the answer was lost", request=request)
            return response
        if route == ("GET", "/sync/pull"):
            params = request.url.params
            return self._pull(int(params["cursor"]), int(params["limit"]))
        if route == ("GET", "/sync/wait"):
            params = request.url.params
            return self._wait(int(params["cursor"]), float(params["timeout"]))
        if route == ("GET", "/conflicts"):
            return ok([json.loads(c.model_dump_json()) for c in self.conflicts])
        return problem(404, "http_404", "찾을 수 없는 주소입니다.")

    def _handshake(self, body: dict[str, Any]) -> httpx.Response:
        if body["protocol_version"] < self.min_protocol:
            return self._too_old()
        info = ServerInfo(
            protocol_version=PROTOCOL_VERSION,
            min_client_protocol_version=self.min_protocol,
            server_version="fake",
        )
        return ok(info.model_dump())

    def _too_old(self) -> httpx.Response:
        return problem(
            426,
            "protocol_too_old",
            "Dari 프로그램이 오래되어 서버와 동기화할 수 없습니다. Dari를 업데이트해 주세요.",
        )

    def _check_protocol(self, request: httpx.Request) -> httpx.Response | None:
        if int(request.headers.get(PROTOCOL_HEADER, "0")) < self.min_protocol:
            return self._too_old()
        return None

    def _check_token(self, request: httpx.Request) -> httpx.Response | None:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token in self.expired_tokens:
            return problem(401, "token_expired", "로그인 시간이 지났습니다.")
        if token not in self.access_tokens:
            return problem(401, "invalid_token", "로그인이 필요합니다.")
        return None

    def _tokens_for(self, username: str) -> TokenPair:
        number = next(self._numbers)
        pair = TokenPair(
            access_token=f"access-{number}",
            refresh_token=f"refresh-{number}",
            expires_in=900,
            refresh_expires_in=86400,
        )
        self.access_tokens[pair.access_token] = username
        self.refresh_tokens[pair.refresh_token] = username
        return pair

    def _login(self, login: LoginRequest) -> httpx.Response:
        if login.password != self.password:
            return problem(401, "invalid_credentials", "사용자 이름 또는 비밀번호가 맞지 않습니다.")
        return ok(self._tokens_for(login.username).model_dump())

    def _refresh(self, refresh: RefreshRequest) -> httpx.Response:
        username = self.refresh_tokens.pop(refresh.refresh_token, None)
        if username is None:
            return problem(401, "invalid_token", "다시 로그인해 주세요.")
        return ok(self._tokens_for(username).model_dump())

    def _push(self, push: PushRequest, user: str) -> httpx.Response:
        for number, envelope in enumerate(push.events, start=1):
            if envelope.topic in self.unknown_topics:
                detail = f"{number}번째 기록: 알 수 없는 기록 종류입니다 ({envelope.topic})."
                return problem(422, "unknown_event_type", detail)
        results = []
        for envelope in push.events:
            if envelope.event_id not in self.answers:
                self.answers[envelope.event_id] = self._judge(envelope, user)
            results.append(self.answers[envelope.event_id])
        response = PushResponse(results=results, high_water_mark=self.head)
        return ok(json.loads(response.model_dump_json()))

    def _judge(self, envelope: EventEnvelope, user: str) -> EventResult:
        if envelope.recorded_by != user:
            return EventResult(
                event_id=envelope.event_id,
                status=EventStatus.REJECTED,
                reason="다른 사용자의 이름으로 기록할 수 없습니다.",
            )
        history = [e for e in self.canonical if e.aggregate_id == envelope.aggregate_id]
        version = len(history) + 1
        try:
            self._check_on_top(history, envelope, version)
        except DomainError as error:
            conflict = ConflictView(
                conflict_id=uuid4(),
                aggregate_id=envelope.aggregate_id,
                status=ConflictStatus.OPEN,
                reason=error.message,
                created_at=datetime.now(UTC),
                theirs=envelope,
                canonical=history,
            )
            self.conflicts.append(conflict)
            return EventResult(
                event_id=envelope.event_id,
                status=EventStatus.CONFLICT,
                reason=error.message,
                conflict_id=conflict.conflict_id,
            )
        status = EventStatus.ACCEPTED if envelope.version == version else EventStatus.REBASED
        position = self._store(envelope.model_copy(update={"version": version}))
        return EventResult(
            event_id=envelope.event_id, status=status, position=position, version=version
        )

    def _check_on_top(
        self, history: list[EventEnvelope], envelope: EventEnvelope, version: int
    ) -> None:
        aggregate: Any = None
        for stored in history:
            aggregate = _decoded(stored).mutate(aggregate)
        event = from_wire(envelope.aggregate_id, version, envelope.topic, envelope.payload)
        if isinstance(event, AggregateCreated):
            if aggregate is not None:
                raise DomainError("이미 있는 기록입니다.")
            event.check(None, self.reference)
            return
        if aggregate is None:
            raise DomainError("앞선 기록이 없습니다.")
        aggregate.accept(event, self.reference)

    def _store(self, envelope: EventEnvelope) -> int:
        with self._changed:
            self.canonical.append(envelope)
            self._changed.notify_all()
            return self.head

    def _pull(self, cursor: int, limit: int) -> httpx.Response:
        limit = min(limit, self.page_limit_cap)
        chosen = [
            PulledEvent(position=position, envelope=envelope)
            for position, envelope in enumerate(self.canonical, start=1)
            if position > cursor
        ][:limit]
        next_cursor = chosen[-1].position if chosen else max(cursor, self.head)
        page = PullPage(
            events=chosen,
            next_cursor=next_cursor,
            high_water_mark=self.head,
            has_more=next_cursor < self.head,
        )
        return ok(json.loads(page.model_dump_json()))

    def _wait(self, cursor: int, timeout: float) -> httpx.Response:
        with self._changed:
            self._changed.wait_for(lambda: self.head > cursor, timeout=min(timeout, 5.0))
            return ok({"high_water_mark": self.head})


def _decoded(envelope: EventEnvelope) -> DariEvent:
    return from_wire(envelope.aggregate_id, envelope.version, envelope.topic, envelope.payload)
