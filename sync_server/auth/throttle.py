"""Login throttling (로그인 시도 제한), per username, kept in the database so every
server worker sees the same count.

Every password check is recorded, failed or not. When a username has had
``login_attempts_allowed`` failures within ``login_window_seconds`` (counting only
those after its last successful login), further attempts are refused with a 429
until enough of those failures are older than the window. Refused attempts are not
recorded: someone hammering an account cannot keep its owner out for longer.
Unknown usernames are counted too, so the answers do not tell who exists.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection

from sync_server.database import as_utc
from sync_server.problems import ProblemError
from sync_server.settings import Settings
from sync_server.tables import login_attempts


class LoginThrottled(ProblemError):
    """Too many failed logins; ``headers`` carries the ``Retry-After`` to send."""

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, math.ceil(retry_after_seconds / 60))
        super().__init__(
            429,
            "too_many_login_attempts",
            f"로그인 시도가 너무 많습니다. {minutes}분 후 다시 시도해 주세요.",
            title="too many login attempts",
        )
        self.retry_after_seconds = retry_after_seconds

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


def require_login_allowed(
    connection: Connection, username: str, settings: Settings, *, now: datetime | None = None
) -> None:
    """Raise ``LoginThrottled`` if ``username`` has used up its failed attempts."""
    now = now or datetime.now(UTC)
    window = timedelta(seconds=settings.login_window_seconds)
    allowed = max(1, settings.login_attempts_allowed)
    failures = _failures_since_last_success(connection, username, since=now - window)
    if len(failures) < allowed:
        return
    # The attempt that must leave the window for the count to fall below the limit.
    freeing = failures[len(failures) - allowed]
    retry_after = math.ceil((freeing + window - now).total_seconds())
    raise LoginThrottled(max(1, retry_after))


def record_login_attempt(
    connection: Connection, username: str, *, succeeded: bool, now: datetime | None = None
) -> None:
    connection.execute(
        login_attempts.insert().values(
            username=username, attempted_at=now or datetime.now(UTC), succeeded=succeeded
        )
    )


def _failures_since_last_success(
    connection: Connection, username: str, *, since: datetime
) -> list[datetime]:
    """Times of the failed attempts after ``since`` and after the last success, oldest first."""
    last_success = connection.execute(
        sa.select(sa.func.max(login_attempts.c.attempted_at)).where(
            login_attempts.c.username == username,
            login_attempts.c.succeeded == sa.true(),
            login_attempts.c.attempted_at > since,
        )
    ).scalar_one_or_none()
    if last_success is not None:
        since = max(since, as_utc(last_success))
    times = connection.execute(
        sa.select(login_attempts.c.attempted_at)
        .where(
            login_attempts.c.username == username,
            login_attempts.c.succeeded == sa.false(),
            login_attempts.c.attempted_at > since,
        )
        .order_by(login_attempts.c.attempted_at)
    ).scalars()
    return [as_utc(moment) for moment in times]
