"""Auth over HTTP and in the account functions: login, tokens and their rotation,
devices, throttling, roles; on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from domain.access import Role
from domain.errors import InvalidValue, UnknownReference
from sync_server.auth import throttle, users
from sync_server.settings import Settings
from sync_server.tables import login_attempts, refresh_tokens
from sync_server.tables import users as users_table

MakeClient = Callable[..., TestClient]

PASSWORD = "correct horse battery"
KIM = "counselor.kim"
ADMIN = "admin.choi"


def add_kim(engine: Engine, password: str = PASSWORD) -> None:
    with engine.begin() as connection:
        users.add_user(connection, KIM, "김상담", Role.COUNSELOR, password, region="daejeon")


def add_admin(engine: Engine) -> None:
    with engine.begin() as connection:
        users.add_user(connection, ADMIN, "최관리", Role.ADMIN, PASSWORD)


def log_in(
    client: TestClient,
    username: str = KIM,
    password: str = PASSWORD,
    device_id: str = "kim-laptop",
) -> httpx.Response:
    response: httpx.Response = client.post(
        "/auth/login",
        json={
            "username": username,
            "password": password,
            "device_id": device_id,
            "device_name": "상담실 노트북",
        },
    )
    return response


def tokens_of(
    client: TestClient, username: str = KIM, device_id: str = "kim-laptop"
) -> dict[str, str]:
    response = log_in(client, username, device_id=device_id)
    assert response.status_code == 200, response.text
    body: dict[str, str] = response.json()
    return body


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def refresh(client: TestClient, refresh_token: str) -> httpx.Response:
    response: httpx.Response = client.post("/auth/refresh", json={"refresh_token": refresh_token})
    return response


def code_of(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json")
    code: str = response.json()["code"]
    return code


# Login


def test_logging_in_returns_an_access_and_a_refresh_token(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)

    response = log_in(client)

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["access_token"] and body["refresh_token"]
    assert body["expires_in"] == 15 * 60
    assert body["refresh_expires_in"] == 30 * 24 * 3600


def test_me_tells_who_is_signed_in(client: TestClient, server_engine: Engine) -> None:
    add_kim(server_engine)
    access = tokens_of(client)["access_token"]

    response = client.get("/auth/me", headers=bearer(access))

    assert response.status_code == 200
    assert response.json() == {
        "username": KIM,
        "display_name": "김상담",
        "role": "counselor",
        "region": "daejeon",
        "institute": None,
    }


def test_the_access_token_names_the_user_their_scope_and_the_device(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)

    access = tokens_of(client)["access_token"]

    claims = jwt.decode(access, options={"verify_signature": False})
    assert jwt.get_unverified_header(access)["alg"] == "HS256"
    assert claims["sub"] == KIM
    assert claims["role"] == "counselor"
    assert claims["region"] == "daejeon"
    assert claims["institute"] is None
    assert claims["device"] == "kim-laptop"
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert claims["jti"]


def test_a_wrong_password_and_an_unknown_user_get_the_same_401(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)

    wrong_password = log_in(client, password="not the password")
    unknown_user = log_in(client, username="nobody.here")

    assert wrong_password.status_code == unknown_user.status_code == 401
    assert code_of(wrong_password) == code_of(unknown_user) == "bad_credentials"
    assert wrong_password.json()["detail"] == unknown_user.json()["detail"]
    assert "올바르지 않습니다" in wrong_password.json()["detail"]


def test_logging_in_registers_the_computer_to_the_user(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)

    tokens_of(client)
    tokens_of(client)

    with server_engine.connect() as connection:
        devices = users.list_devices(connection)
    assert [(d.device_id, d.username, d.name) for d in devices] == [
        ("kim-laptop", KIM, "상담실 노트북")
    ]
    assert devices[0].last_seen_at is not None


def test_a_computer_registered_to_another_user_is_refused(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    add_admin(server_engine)
    tokens_of(client, ADMIN, device_id="shared-pc")

    response = log_in(client, KIM, device_id="shared-pc")

    assert response.status_code == 409
    assert code_of(response) == "device_of_another_user"


def test_a_disabled_user_cannot_log_in(client: TestClient, server_engine: Engine) -> None:
    add_kim(server_engine)
    with server_engine.begin() as connection:
        users.disable_user(connection, KIM)

    response = log_in(client)

    assert response.status_code == 403
    assert code_of(response) == "user_disabled"


def test_an_enabled_user_can_log_in_again(client: TestClient, server_engine: Engine) -> None:
    add_kim(server_engine)
    with server_engine.begin() as connection:
        users.disable_user(connection, KIM)
        users.enable_user(connection, KIM)

    assert log_in(client).status_code == 200


def test_a_disabled_users_access_token_is_refused_with_403(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    access = tokens_of(client)["access_token"]
    with server_engine.begin() as connection:
        users.disable_user(connection, KIM)

    response = client.get("/auth/me", headers=bearer(access))

    assert response.status_code == 403
    assert code_of(response) == "user_disabled"


def test_every_login_attempt_is_recorded(client: TestClient, server_engine: Engine) -> None:
    add_kim(server_engine)

    log_in(client, password="not the password")
    log_in(client)

    with server_engine.connect() as connection:
        outcomes = connection.execute(
            sa.select(login_attempts.c.succeeded).order_by(login_attempts.c.id)
        ).scalars()
        assert list(outcomes) == [False, True]


# Throttling


def test_too_many_failed_logins_are_refused_with_429_and_retry_after(
    make_client: MakeClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    client = make_client(login_attempts_allowed=3, login_window_seconds=300)
    failures = [log_in(client, password="not the password") for _ in range(3)]

    response = log_in(client)  # even the right password waits now

    assert [failure.status_code for failure in failures] == [401, 401, 401]
    assert response.status_code == 429
    assert code_of(response) == "too_many_login_attempts"
    assert 0 < int(response.headers["Retry-After"]) <= 300
    assert response.json()["detail"] == "로그인 시도가 너무 많습니다. 5분 후 다시 시도해 주세요."


def test_unknown_usernames_are_throttled_too(make_client: MakeClient) -> None:
    client = make_client(login_attempts_allowed=2)
    for _ in range(2):
        log_in(client, username="nobody.here")

    response = log_in(client, username="nobody.here")

    assert response.status_code == 429


def test_a_successful_login_clears_the_earlier_failures(
    make_client: MakeClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    client = make_client(login_attempts_allowed=3)
    for _ in range(2):
        log_in(client, password="not the password")
    assert log_in(client).status_code == 200
    for _ in range(2):
        log_in(client, password="not the password")

    assert log_in(client).status_code == 200


def test_failures_older_than_the_window_no_longer_count(
    server_engine: Engine, server_settings: Settings
) -> None:
    settings = server_settings.model_copy(
        update={"login_attempts_allowed": 2, "login_window_seconds": 300}
    )
    now = datetime.now(UTC)
    with server_engine.begin() as connection:
        for seconds_ago in (400, 350, 100):
            throttle.record_login_attempt(
                connection, KIM, succeeded=False, now=now - timedelta(seconds=seconds_ago)
            )

        throttle.require_login_allowed(connection, KIM, settings, now=now)


def test_retry_after_counts_until_enough_failures_leave_the_window(
    server_engine: Engine, server_settings: Settings
) -> None:
    settings = server_settings.model_copy(
        update={"login_attempts_allowed": 2, "login_window_seconds": 300}
    )
    now = datetime.now(UTC)
    with server_engine.begin() as connection:
        for seconds_ago in (200, 100):
            throttle.record_login_attempt(
                connection, KIM, succeeded=False, now=now - timedelta(seconds=seconds_ago)
            )

        with pytest.raises(throttle.LoginThrottled) as refused:
            throttle.require_login_allowed(connection, KIM, settings, now=now)

    assert refused.value.retry_after_seconds == 100
    assert refused.value.headers == {"Retry-After": "100"}
    assert refused.value.problem.detail == "로그인 시도가 너무 많습니다. 2분 후 다시 시도해 주세요."


# Access tokens


def test_an_expired_access_token_is_refused_with_token_expired(
    make_client: MakeClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    client = make_client(access_token_seconds=-1)
    access = tokens_of(client)["access_token"]

    response = client.get("/auth/me", headers=bearer(access))

    assert response.status_code == 401
    assert code_of(response) == "token_expired"
    assert response.json()["detail"] == "로그인이 만료되었습니다. 다시 로그인해 주세요."


def test_a_request_without_a_token_gets_401(client: TestClient) -> None:
    response = client.get("/auth/me")

    assert response.status_code == 401
    assert code_of(response) == "not_authenticated"


@pytest.mark.parametrize(
    "authorization",
    [
        "",
        "Bearer",
        "Bearer ",
        "Basic Y291bnNlbG9yLmtpbTpwYXNzd29yZA==",
        "Bearer not-a-jwt",
        "Bearer a.b.c",
        "Token {access}",
        "Bearer {forged}",
    ],
    ids=[
        "empty",
        "scheme-only",
        "scheme-and-space",
        "basic",
        "not-a-jwt",
        "garbage-jwt",
        "wrong-scheme",
        "signed-with-another-key",
    ],
)
def test_a_malformed_authorization_header_gets_401(
    client: TestClient, server_engine: Engine, authorization: str
) -> None:
    add_kim(server_engine)
    access = tokens_of(client)["access_token"]
    claims = jwt.decode(access, options={"verify_signature": False})
    forged = jwt.encode(claims, "another key that is long enough for HS256!!", algorithm="HS256")

    response = client.get(
        "/auth/me",
        headers={"Authorization": authorization.format(access=access, forged=forged)},
    )

    assert response.status_code == 401
    assert code_of(response) == "not_authenticated"


# Refresh tokens


def test_refreshing_returns_a_new_pair_that_works(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    first = tokens_of(client)

    response = refresh(client, first["refresh_token"])

    assert response.status_code == 200
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert client.get("/auth/me", headers=bearer(second["access_token"])).status_code == 200


def test_the_access_token_of_a_used_refresh_token_stops_working(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    first = tokens_of(client)
    refresh(client, first["refresh_token"])

    response = client.get("/auth/me", headers=bearer(first["access_token"]))

    assert response.status_code == 401
    assert code_of(response) == "token_revoked"


def test_reusing_a_refresh_token_is_refused_and_ends_every_login_of_the_device(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    first = tokens_of(client)
    second = refresh(client, first["refresh_token"]).json()

    reuse = refresh(client, first["refresh_token"])

    assert reuse.status_code == 401
    assert code_of(reuse) == "refresh_token_revoked"
    assert refresh(client, second["refresh_token"]).status_code == 401
    me = client.get("/auth/me", headers=bearer(second["access_token"]))
    assert me.status_code == 401
    assert code_of(me) == "token_revoked"


def test_reuse_on_one_device_leaves_the_users_other_devices_signed_in(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    laptop = tokens_of(client, device_id="kim-laptop")
    desktop = tokens_of(client, device_id="kim-desktop")
    refresh(client, laptop["refresh_token"])

    refresh(client, laptop["refresh_token"])

    assert client.get("/auth/me", headers=bearer(desktop["access_token"])).status_code == 200


def test_an_unknown_refresh_token_gets_401(client: TestClient) -> None:
    response = refresh(client, "not-a-refresh-token")

    assert response.status_code == 401
    assert code_of(response) == "not_authenticated"


def test_an_expired_refresh_token_gets_401(make_client: MakeClient, server_engine: Engine) -> None:
    add_kim(server_engine)
    client = make_client(refresh_token_seconds=-1)
    first = tokens_of(client)

    response = refresh(client, first["refresh_token"])

    assert response.status_code == 401
    assert code_of(response) == "refresh_token_expired"


def test_refresh_tokens_are_stored_only_as_sha256_hashes(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    refresh_token = tokens_of(client)["refresh_token"]

    with server_engine.connect() as connection:
        stored = connection.execute(sa.select(refresh_tokens.c.token_hash)).scalars().all()

    assert stored == [hashlib.sha256(refresh_token.encode()).hexdigest()]


# Devices


def test_a_revoked_device_gets_401_device_revoked(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    add_admin(server_engine)
    kim = tokens_of(client)
    admin = tokens_of(client, ADMIN, device_id="admin-pc")

    revoked = client.post("/admin/devices/kim-laptop/revoke", headers=bearer(admin["access_token"]))

    assert revoked.status_code == 200
    assert revoked.json()["revoked"] is True
    me = client.get("/auth/me", headers=bearer(kim["access_token"]))
    assert me.status_code == 401
    assert code_of(me) == "device_revoked"


def test_a_revoked_device_can_neither_refresh_nor_log_in_again(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    kim = tokens_of(client)
    with server_engine.begin() as connection:
        users.revoke_device(connection, "kim-laptop")

    again = refresh(client, kim["refresh_token"])
    login = log_in(client)

    assert (again.status_code, code_of(again)) == (401, "device_revoked")
    assert code_of(login) == "device_revoked"


def test_a_password_reset_ends_the_users_logins_and_the_new_password_works(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    before = tokens_of(client)
    with server_engine.begin() as connection:
        users.reset_password(connection, KIM, "a brand new password")

    assert client.get("/auth/me", headers=bearer(before["access_token"])).status_code == 401
    assert refresh(client, before["refresh_token"]).status_code == 401
    assert log_in(client).status_code == 401
    assert log_in(client, password="a brand new password").status_code == 200


# Administration


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/admin/users"),
        ("GET", "/admin/devices"),
        ("POST", "/admin/devices/kim-laptop/revoke"),
    ],
)
def test_admin_endpoints_refuse_a_counselor_with_403(
    client: TestClient, server_engine: Engine, method: str, path: str
) -> None:
    add_kim(server_engine)
    access = tokens_of(client)["access_token"]

    response = client.request(method, path, headers=bearer(access))

    assert response.status_code == 403
    assert code_of(response) == "forbidden"
    assert response.json()["detail"] == "이 기능은 관리자만 사용할 수 있습니다."


def test_an_admin_sees_every_user_with_whether_it_is_disabled(
    client: TestClient, server_engine: Engine
) -> None:
    add_kim(server_engine)
    add_admin(server_engine)
    with server_engine.begin() as connection:
        users.disable_user(connection, KIM)
    access = tokens_of(client, ADMIN, device_id="admin-pc")["access_token"]

    response = client.get("/admin/users", headers=bearer(access))

    assert response.status_code == 200
    assert [(u["username"], u["role"], u["disabled"]) for u in response.json()] == [
        (ADMIN, "admin", False),
        (KIM, "counselor", True),
    ]


def test_an_admin_sees_the_registered_devices(client: TestClient, server_engine: Engine) -> None:
    add_kim(server_engine)
    add_admin(server_engine)
    tokens_of(client)
    access = tokens_of(client, ADMIN, device_id="admin-pc")["access_token"]

    everyone = client.get("/admin/devices", headers=bearer(access))
    kims = client.get("/admin/devices", params={"username": KIM}, headers=bearer(access))

    assert sorted(d["device_id"] for d in everyone.json()) == ["admin-pc", "kim-laptop"]
    assert [d["device_id"] for d in kims.json()] == ["kim-laptop"]


def test_revoking_an_unknown_device_is_a_404(client: TestClient, server_engine: Engine) -> None:
    add_admin(server_engine)
    access = tokens_of(client, ADMIN, device_id="admin-pc")["access_token"]

    response = client.post("/admin/devices/no-such-pc/revoke", headers=bearer(access))

    assert response.status_code == 404
    assert code_of(response) == "unknown_device"


# Accounts


def test_passwords_are_stored_as_argon2id_hashes(server_engine: Engine) -> None:
    add_kim(server_engine)

    with server_engine.connect() as connection:
        stored = connection.execute(sa.select(users_table.c.password_hash)).scalar_one()

    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_a_hash_made_with_old_parameters_is_replaced_on_login(server_engine: Engine) -> None:
    add_kim(server_engine)
    old_hash = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with server_engine.begin() as connection:
        connection.execute(users_table.update().values(password_hash=old_hash))

        assert users.authenticate(connection, KIM, PASSWORD) is not None

        stored = connection.execute(sa.select(users_table.c.password_hash)).scalar_one()
    assert stored != old_hash
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


@pytest.mark.parametrize(
    ("role", "region", "institute", "error", "field"),
    [
        (Role.COUNSELOR, "atlantis", None, UnknownReference, "region"),
        (Role.COUNSELOR, None, None, InvalidValue, "region"),
        (Role.LIAISON, None, "NOPE", UnknownReference, "institute"),
        (Role.LIAISON, None, None, InvalidValue, "institute"),
        (Role.CENTRAL, "daejeon", None, InvalidValue, "region"),
        ("janitor", None, None, InvalidValue, "role"),
    ],
    ids=[
        "counselor-unknown-region",
        "counselor-without-region",
        "liaison-unknown-institute",
        "liaison-without-institute",
        "central-with-region",
        "unknown-role",
    ],
)
def test_a_user_needs_the_scope_of_their_role(
    server_engine: Engine,
    role: Role | str,
    region: str | None,
    institute: str | None,
    error: type[Exception],
    field: str,
) -> None:
    with server_engine.begin() as connection, pytest.raises(error) as refused:
        users.add_user(connection, "new.user", "새사용자", role, PASSWORD, region, institute)

    assert getattr(refused.value, "field", None) == field


def test_a_liaison_of_a_known_institute_is_added(server_engine: Engine) -> None:
    with server_engine.begin() as connection:
        users.add_user(connection, "liaison.kimm", "김기계", "liaison", PASSWORD, institute="KIMM")

        listed = users.list_users(connection)

    assert [(u.username, u.role, u.institute) for u in listed] == [
        ("liaison.kimm", Role.LIAISON, "KIMM")
    ]


def test_a_password_shorter_than_10_characters_is_refused_in_korean(server_engine: Engine) -> None:
    with server_engine.begin() as connection, pytest.raises(InvalidValue) as refused:
        users.add_user(connection, KIM, "김상담", Role.COUNSELOR, "short", region="daejeon")

    assert refused.value.message == "비밀번호는 10자 이상이어야 합니다."
    assert refused.value.field == "password"


def test_a_username_is_taken_only_once(server_engine: Engine) -> None:
    add_kim(server_engine)

    with server_engine.begin() as connection, pytest.raises(InvalidValue) as refused:
        users.add_user(connection, KIM, "김다른", Role.CENTRAL, PASSWORD)

    assert refused.value.field == "username"
