"""``SyncClient`` against a fake of the server's HTTP contract."""

from __future__ import annotations

import httpx
import pytest
from sync_fakes import PASSWORD, SERVER_URL, FakeSyncServer, problem

from desktop.sync.client import SyncClient
from desktop.sync.errors import (
    AuthenticationExpired,
    ProblemError,
    ProtocolTooOld,
    ServerUnavailable,
    UnexpectedResponse,
)
from desktop.sync.tokens import MemoryTokenStore
from sync_protocol import PROTOCOL_VERSION, PushRequest, TokenPair
from sync_protocol.version import PROTOCOL_HEADER


def test_login_keeps_the_tokens_in_the_callers_store(server: FakeSyncServer) -> None:
    tokens = MemoryTokenStore()
    client = server.client(tokens)

    pair = client.login("counselor.kim", PASSWORD, device_id="laptop-1")

    assert tokens.load() == pair


def test_a_wrong_password_is_a_problem_with_a_korean_detail(server: FakeSyncServer) -> None:
    client = server.client()

    with pytest.raises(ProblemError) as refused:
        client.login("counselor.kim", "틀린 비밀번호", device_id="laptop-1")

    assert refused.value.problem.status == 401
    assert "비밀번호" in refused.value.message


def test_every_sync_request_carries_the_token_and_the_protocol_version(
    server: FakeSyncServer,
) -> None:
    client = server.signed_in_client("counselor.kim", "laptop-1")

    client.pull(0, 10)

    request = server.requests[-1]
    assert request.headers["Authorization"].startswith("Bearer access-")
    assert request.headers[PROTOCOL_HEADER] == str(PROTOCOL_VERSION)


def test_an_expired_access_token_is_refreshed_and_the_request_retried_once(
    server: FakeSyncServer,
) -> None:
    client = server.signed_in_client("counselor.kim", "laptop-1")
    before = client.tokens.load()
    server.expire_access_tokens()

    page = client.pull(0, 10)

    assert page.events == []
    after = client.tokens.load()
    assert after is not None and before is not None
    assert after.access_token != before.access_token
    paths = [r.url.path for r in server.requests[-3:]]
    assert paths == ["/sync/pull", "/auth/refresh", "/sync/pull"]


def test_a_refused_refresh_means_log_in_again_and_forgets_the_tokens(
    server: FakeSyncServer,
) -> None:
    client = server.signed_in_client("counselor.kim", "laptop-1")
    server.expire_access_tokens()
    server.refresh_tokens.clear()

    with pytest.raises(AuthenticationExpired) as expired:
        client.pull(0, 10)

    assert "로그인" in expired.value.message
    assert client.tokens.load() is None


def test_no_tokens_at_all_means_log_in_without_asking_the_server(
    server: FakeSyncServer,
) -> None:
    client = server.client()

    with pytest.raises(AuthenticationExpired):
        client.pull(0, 10)

    assert server.requests == []


def test_a_too_old_protocol_is_its_own_error_asking_for_an_update(
    server: FakeSyncServer,
) -> None:
    server.min_protocol = PROTOCOL_VERSION + 1
    client = server.client()

    with pytest.raises(ProtocolTooOld) as too_old:
        client.handshake()

    assert too_old.value.problem.code == "protocol_too_old"
    assert "업데이트" in too_old.value.message


def test_a_refused_connection_means_the_server_is_unavailable(server: FakeSyncServer) -> None:
    client = server.signed_in_client("counselor.kim", "laptop-1")
    server.down = True

    with pytest.raises(ServerUnavailable) as unavailable:
        client.push(PushRequest(events=[]))

    assert "연결할 수 없습니다" in unavailable.value.message


def test_a_timeout_means_the_server_is_unavailable() -> None:
    def too_slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    client = SyncClient(SERVER_URL, transport=httpx.MockTransport(too_slow))

    with pytest.raises(ServerUnavailable):
        client.handshake()


def test_an_overloaded_gateway_means_the_server_is_unavailable() -> None:
    client = SyncClient(
        SERVER_URL, transport=httpx.MockTransport(lambda request: httpx.Response(503))
    )

    with pytest.raises(ServerUnavailable):
        client.handshake()


def test_an_answer_that_is_not_the_contract_is_an_unexpected_response() -> None:
    client = SyncClient(
        SERVER_URL,
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json={"hello": 1})),
    )

    with pytest.raises(UnexpectedResponse):
        client.handshake()


def test_the_long_poll_returns_the_servers_high_water_mark(server: FakeSyncServer) -> None:
    client = server.signed_in_client("counselor.kim", "laptop-1")

    assert client.wait(0, timeout=0.01) == 0
    assert server.requests[-1].url.params["timeout"] == "0.01"


def test_a_disabled_account_means_signed_out_not_a_passing_problem() -> None:
    def disabled(request: httpx.Request) -> httpx.Response:
        return problem(403, "user_disabled", "사용이 중지된 계정입니다. 관리자에게 문의해 주세요.")

    tokens = MemoryTokenStore(
        TokenPair(access_token="a", refresh_token="r", expires_in=60, refresh_expires_in=600)
    )
    client = SyncClient(SERVER_URL, tokens=tokens, transport=httpx.MockTransport(disabled))

    with pytest.raises(AuthenticationExpired) as signed_out:
        client.pull(0, 10)

    assert "사용이 중지된 계정" in signed_out.value.message


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"next_cursor": 1, "high_water_mark": 1, "has_more": false}',
        b'{"events": [{"position": 1}], "next_cursor": 1, "high_water_mark": 1, "has_more": false}',
    ],
)
def test_a_pulled_page_that_is_not_the_contract_is_an_unexpected_response(body: bytes) -> None:
    client = SyncClient(
        SERVER_URL,
        tokens=MemoryTokenStore(
            TokenPair(access_token="a", refresh_token="r", expires_in=60, refresh_expires_in=600)
        ),
        transport=httpx.MockTransport(lambda request: httpx.Response(200, content=body)),
    )

    with pytest.raises(UnexpectedResponse):
        client.pull(0, 10)
