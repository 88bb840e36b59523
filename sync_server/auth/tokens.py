"""Access and refresh tokens (로그인 토큰).

- The access token is a short-lived JWT (HS256) the client sends on every request. Its
  claims name the user, their role and scope, and the device; the server reads the
  account and the device again on every request, so disabling an account or revoking
  a computer takes effect at once, not when the token expires.
- The refresh token is an opaque random string, living for weeks; the server keeps
  only its sha256 hash (a leaked table gives nobody a login). Each refresh revokes the
  used token and issues a new pair (rotation).
- One rule for both: a pair lives only while its refresh token is unrevoked. The
  access token carries the hash of its refresh token (claim ``sid``), so revoking a
  refresh token also ends the access token issued with it.
- A revoked refresh token presented again means it was copied (or the device was
  signed out): every token of that device is revoked and its user logs in again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from domain.access import Actor, Role
from sync_protocol.auth import TokenPair
from sync_server.auth import users
from sync_server.auth.session import Session
from sync_server.database import as_utc
from sync_server.problems import ProblemError
from sync_server.settings import Settings
from sync_server.tables import devices, refresh_tokens
from sync_server.tables import users as users_table

ACCESS_TOKEN_ALGORITHM = "HS256"
_REQUIRED_CLAIMS = ("sub", "role", "device", "sid", "exp", "iat", "jti")


@dataclass(frozen=True)
class AccessClaims:
    """What a valid access token says; the account and device are checked separately."""

    username: str
    device_id: str
    refresh_token_hash: str
    token_id: str


def not_authenticated() -> ProblemError:
    return ProblemError(
        401, "not_authenticated", "로그인이 필요합니다. 다시 로그인해 주세요.", title="login needed"
    )


def refresh_token_hash(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode("utf-8")).hexdigest()


def issue_token_pair(
    connection: Connection, actor: Actor, device_id: str, settings: Settings
) -> TokenPair:
    """A new login of ``actor`` on ``device_id``: store the refresh token's hash, sign
    the access token. The device's expired refresh tokens are dropped on the way."""
    now = datetime.now(UTC)
    refresh_token = secrets.token_urlsafe(32)
    token_hash = refresh_token_hash(refresh_token)
    connection.execute(
        refresh_tokens.delete().where(
            refresh_tokens.c.device_id == device_id, refresh_tokens.c.expires_at < now
        )
    )
    connection.execute(
        refresh_tokens.insert().values(
            token_hash=token_hash,
            username=actor.username,
            device_id=device_id,
            expires_at=now + timedelta(seconds=settings.refresh_token_seconds),
            revoked=False,
        )
    )
    return TokenPair(
        access_token=encode_access_token(actor, device_id, token_hash, settings, now=now),
        refresh_token=refresh_token,
        expires_in=settings.access_token_seconds,
        refresh_expires_in=settings.refresh_token_seconds,
    )


def encode_access_token(
    actor: Actor,
    device_id: str,
    token_hash: str,
    settings: Settings,
    *,
    now: datetime | None = None,
) -> str:
    issued_at = now or datetime.now(UTC)
    claims = {
        "sub": actor.username,
        "role": actor.role.value,
        "region": actor.region,
        "institute": actor.institute,
        "device": device_id,
        "sid": token_hash,
        "iat": issued_at,
        "exp": issued_at + timedelta(seconds=settings.access_token_seconds),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, _signing_key(settings), algorithm=ACCESS_TOKEN_ALGORITHM)


def decode_access_token(access_token: str, settings: Settings) -> AccessClaims:
    """The claims of a well-signed, unexpired access token; a problem (401) otherwise."""
    try:
        claims = jwt.decode(
            access_token,
            _signing_key(settings),
            algorithms=[ACCESS_TOKEN_ALGORITHM],
            options={"require": list(_REQUIRED_CLAIMS)},
        )
    except jwt.ExpiredSignatureError:
        raise ProblemError(
            401,
            "token_expired",
            "로그인이 만료되었습니다. 다시 로그인해 주세요.",
            title="token expired",
        ) from None
    except jwt.InvalidTokenError:
        raise not_authenticated() from None
    names = (claims["sub"], claims["device"], claims["sid"], claims["jti"])
    if not all(isinstance(name, str) and name for name in names):
        raise not_authenticated()
    return AccessClaims(
        username=claims["sub"],
        device_id=claims["device"],
        refresh_token_hash=claims["sid"],
        token_id=claims["jti"],
    )


_SESSION_ROW = (
    sa.select(
        users_table.c.role,
        users_table.c.region,
        users_table.c.institute,
        users_table.c.disabled,
        devices.c.device_id,
        devices.c.revoked.label("device_revoked"),
        refresh_tokens.c.token_hash,
        refresh_tokens.c.revoked.label("token_revoked"),
    )
    .select_from(users_table)
    .outerjoin(
        devices,
        sa.and_(
            devices.c.device_id == sa.bindparam("device_id"),
            devices.c.username == users_table.c.username,
        ),
    )
    .outerjoin(
        refresh_tokens,
        sa.and_(
            refresh_tokens.c.token_hash == sa.bindparam("token_hash"),
            refresh_tokens.c.device_id == devices.c.device_id,
        ),
    )
    .where(users_table.c.username == sa.bindparam("username"))
)
"""The account, device and refresh token behind an access token, in one row. Built
once: every authenticated request runs it, and building it each time cost more than
running it."""


def session_for_access_token(
    connection: Connection, access_token: str, settings: Settings
) -> Session:
    """The signed-in session an access token stands for, checked against the account,
    the device and the refresh token it was issued with."""
    claims = decode_access_token(access_token, settings)
    row = connection.execute(
        _SESSION_ROW,
        {
            "username": claims.username,
            "device_id": claims.device_id,
            "token_hash": claims.refresh_token_hash,
        },
    ).first()
    if row is None or row.device_id is None:
        raise not_authenticated()
    if row.disabled:
        raise user_disabled()
    if row.device_revoked:
        raise device_revoked()
    if row.token_hash is None or row.token_revoked:
        raise ProblemError(
            401,
            "token_revoked",
            "이 로그인은 끝났습니다 (로그아웃, 비밀번호 변경 또는 보안 조치). 다시 로그인해 주세요.",
            title="token revoked",
        )
    actor = Actor(claims.username, Role(row.role), row.region, row.institute)
    return Session(actor=actor, device_id=claims.device_id)


def rotate_refresh_token(engine: Engine, refresh_token: str, settings: Settings) -> TokenPair:
    """Trade a refresh token for a new pair, revoking it. A revoked one (used before)
    revokes every token of its device — committed — and is refused with a 401."""
    now = datetime.now(UTC)
    token_hash = refresh_token_hash(refresh_token)
    with engine.begin() as connection:
        login = connection.execute(
            sa.select(
                refresh_tokens.c.device_id,
                refresh_tokens.c.expires_at,
                users_table.c.username,
                users_table.c.disabled,
                devices.c.revoked.label("device_revoked"),
            )
            .join(users_table, users_table.c.username == refresh_tokens.c.username)
            .join(devices, devices.c.device_id == refresh_tokens.c.device_id)
            .where(refresh_tokens.c.token_hash == token_hash)
        ).first()
        if login is None:
            raise not_authenticated()
        if login.disabled:
            raise user_disabled()
        if login.device_revoked:
            raise device_revoked()
        if as_utc(login.expires_at) <= now:
            raise ProblemError(
                401,
                "refresh_token_expired",
                "로그인이 만료되었습니다. 다시 로그인해 주세요.",
                title="login expired",
            )
        # A conditional update, so two requests racing with one token cannot both win.
        claimed = connection.execute(
            refresh_tokens.update()
            .where(
                refresh_tokens.c.token_hash == token_hash, refresh_tokens.c.revoked == sa.false()
            )
            .values(revoked=True)
        )
        if claimed.rowcount == 1:
            connection.execute(
                devices.update()
                .where(devices.c.device_id == login.device_id)
                .values(last_seen_at=now)
            )
            user = users.get_user(connection, login.username)
            return issue_token_pair(connection, user.actor, login.device_id, settings)
        users.revoke_refresh_tokens(connection, device_id=login.device_id)
    raise ProblemError(
        401,
        "refresh_token_revoked",
        "이 로그인 정보는 이미 사용되었거나 끝난 것입니다. 보안을 위해 이 컴퓨터의 로그인을 "
        "모두 끝냈습니다. 다시 로그인해 주세요.",
        title="refresh token revoked",
    )


def user_disabled() -> ProblemError:
    return ProblemError(
        403,
        "user_disabled",
        "사용이 중지된 계정입니다. 관리자에게 문의해 주세요.",
        title="user disabled",
    )


def device_revoked() -> ProblemError:
    return ProblemError(
        401,
        "device_revoked",
        "이 컴퓨터는 관리자가 사용을 차단했습니다. 관리자에게 문의해 주세요.",
        title="device revoked",
    )


def _signing_key(settings: Settings) -> bytes:
    """A key for access tokens only, derived from the server secret, so the secret can
    sign other things without one kind of signature passing for another."""
    return hmac.new(
        settings.secret_key.encode("utf-8"), b"dari access token", hashlib.sha256
    ).digest()
