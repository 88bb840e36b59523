"""Login, token refresh, the signed-in user, and the administrator's view of users and
devices (로그인, 토큰 갱신, 사용자·기기 관리)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine

from sync_protocol.auth import DeviceInfo, LoginRequest, RefreshRequest, TokenPair, UserInfo
from sync_protocol.problems import Problem
from sync_server.auth import throttle, tokens, users
from sync_server.auth.dependencies import (
    AdminSession,
    CurrentSession,
    DatabaseEngine,
    ServerSettings,
)
from sync_server.problems import ProblemError, problem_response
from sync_server.settings import Settings

router = APIRouter(tags=["auth"])

_PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"model": Problem},
    403: {"model": Problem},
}


class UserAccount(UserInfo):
    """A user as an administrator sees them: with whether the account is stopped."""

    disabled: bool


@router.post(
    "/auth/login",
    response_model=TokenPair,
    responses={**_PROBLEM_RESPONSES, 409: {"model": Problem}, 429: {"model": Problem}},
)
def login(
    credentials: LoginRequest,
    request: Request,
    engine: DatabaseEngine,
    settings: ServerSettings,
) -> TokenPair | Response:
    """Check the password, register this computer to the user, and issue tokens."""
    try:
        user = _authenticate(engine, credentials, settings)
    except throttle.LoginThrottled as refused:
        # A problem response carries no headers, so the 429 is answered here with its
        # Retry-After.
        response = problem_response(
            refused.problem.model_copy(update={"instance": request.url.path})
        )
        response.headers.update(refused.headers)
        return response
    with engine.begin() as connection:
        try:
            users.register_device(
                connection, user.username, credentials.device_id, credentials.device_name
            )
        except users.DeviceOfAnotherUser as error:
            raise ProblemError(
                409, "device_of_another_user", error.message, field="device_id"
            ) from None
        except users.DeviceRevoked:
            raise tokens.device_revoked() from None
        return tokens.issue_token_pair(connection, user.actor, credentials.device_id, settings)


@router.post("/auth/refresh", responses=_PROBLEM_RESPONSES)
def refresh(body: RefreshRequest, engine: DatabaseEngine, settings: ServerSettings) -> TokenPair:
    """Trade a refresh token for a new pair; the used one stops working."""
    return tokens.rotate_refresh_token(engine, body.refresh_token, settings)


@router.get("/auth/me", responses=_PROBLEM_RESPONSES)
def me(session: CurrentSession, engine: DatabaseEngine) -> UserInfo:
    with engine.connect() as connection:
        return users.get_user(connection, session.actor.username).info()


@router.get("/admin/users", responses=_PROBLEM_RESPONSES)
def list_users(_admin: AdminSession, engine: DatabaseEngine) -> list[UserAccount]:
    with engine.connect() as connection:
        return [
            UserAccount(**user.info().model_dump(), disabled=user.disabled)
            for user in users.list_users(connection)
        ]


@router.get("/admin/devices", responses=_PROBLEM_RESPONSES)
def list_devices(
    _admin: AdminSession, engine: DatabaseEngine, username: str | None = None
) -> list[DeviceInfo]:
    with engine.connect() as connection:
        return users.list_devices(connection, username)


@router.post(
    "/admin/devices/{device_id}/revoke",
    responses={**_PROBLEM_RESPONSES, 404: {"model": Problem}},
)
def revoke_device(device_id: str, _admin: AdminSession, engine: DatabaseEngine) -> DeviceInfo:
    """Block a lost or stolen computer: its logins end now and it cannot log in again."""
    with engine.begin() as connection:
        try:
            users.revoke_device(connection, device_id)
        except users.UnknownDevice as error:
            raise ProblemError(404, "unknown_device", error.message, field="device_id") from None
        return users.get_device(connection, device_id)


def _authenticate(engine: Engine, credentials: LoginRequest, settings: Settings) -> users.User:
    """The account whose password was given, with every attempt recorded for throttling.

    The attempt is committed before a refusal is raised, so the refusal counts.
    """
    with engine.begin() as connection:
        throttle.require_login_allowed(connection, credentials.username, settings)
        user = users.authenticate(connection, credentials.username, credentials.password)
        granted = user is not None and not user.disabled
        throttle.record_login_attempt(connection, credentials.username, succeeded=granted)
    if user is None:
        raise ProblemError(
            401,
            "bad_credentials",
            "사용자 이름 또는 비밀번호가 올바르지 않습니다.",
            title="bad credentials",
        )
    if user.disabled:
        raise tokens.user_disabled()
    return user
