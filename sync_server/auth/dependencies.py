"""FastAPI dependencies: the database engine, the settings, the signed-in session and
role checks. Routers declare what they need with the ``Annotated`` aliases below::

    @router.get("/cases")
    def cases(session: CurrentSession, engine: DatabaseEngine) -> ...

    @router.get("/admin/users")
    def users(session: AdminSession) -> ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from domain.access import Role
from sync_server.auth import tokens
from sync_server.auth.session import Session
from sync_server.problems import ProblemError
from sync_server.settings import Settings


def database_engine(request: Request) -> Engine:
    return cast(Engine, request.app.state.engine)


def server_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


DatabaseEngine = Annotated[Engine, Depends(database_engine)]
ServerSettings = Annotated[Settings, Depends(server_settings)]

# auto_error=False: a missing or non-Bearer header becomes our own 401 problem below.
bearer_token = HTTPBearer(auto_error=False, description="`POST /auth/login`의 access_token")


def current_session(
    request: Request,
    authorization: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_token)],
) -> Session:
    """The session of the ``Authorization: Bearer <access token>`` header.

    401 ``not_authenticated`` (missing or malformed), ``token_expired``,
    ``token_revoked`` or ``device_revoked``; 403 ``user_disabled``.
    """
    if authorization is None:
        raise tokens.not_authenticated()
    engine, settings = database_engine(request), server_settings(request)
    with engine.connect() as connection:
        return tokens.session_for_access_token(connection, authorization.credentials, settings)


CurrentSession = Annotated[Session, Depends(current_session)]


def require_role(*roles: Role) -> Callable[[Session], Session]:
    """A dependency that lets only ``roles`` through, with a 403 ``forbidden`` otherwise::

    CentralSession = Annotated[Session, Depends(require_role(Role.CENTRAL))]
    """
    allowed = frozenset(roles)
    who = ", ".join(role.label for role in roles)

    def role_guard(session: CurrentSession) -> Session:
        if session.actor.role not in allowed:
            raise ProblemError(
                403,
                "forbidden",
                f"이 기능은 {who}만 사용할 수 있습니다.",
                title="forbidden",
            )
        return session

    return role_guard


AdminSession = Annotated[Session, Depends(require_role(Role.ADMIN))]
