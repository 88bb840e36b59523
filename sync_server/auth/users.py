"""User accounts (사용자) and their registered computers (기기), over a SQLAlchemy
``Connection``: the caller owns the transaction (``with engine.begin() as connection``).

A counselor belongs to one region (지역상담센터), a liaison to one institute (출연연);
central staff and administrators to neither. Errors are domain errors with a Korean
message, so the HTTP layer and the ``dari-server`` command show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Connection

from domain.access import Actor, Role
from domain.errors import DomainError, InvalidValue, UnknownReference
from domain.reference import ReferenceData, default_reference
from sync_protocol.auth import DeviceInfo, UserInfo
from sync_server.auth import passwords
from sync_server.database import as_utc
from sync_server.tables import devices, refresh_tokens, users

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1000
"""The same limit as ``LoginRequest.password``: a longer one could never log in."""


class UnknownUser(UnknownReference):
    """No account has this username."""


class UnknownDevice(UnknownReference):
    """No computer is registered under this device id."""


class DeviceOfAnotherUser(DomainError):
    """The device id is already registered to someone else."""


class DeviceRevoked(DomainError):
    """An administrator has blocked this computer."""


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: Role
    region: str | None
    institute: str | None
    disabled: bool
    created_at: datetime

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.region, self.institute)

    def info(self) -> UserInfo:
        return UserInfo(
            username=self.username,
            display_name=self.display_name,
            role=self.role.value,
            region=self.region,
            institute=self.institute,
        )


def add_user(
    connection: Connection,
    username: str,
    display_name: str,
    role: Role | str,
    password: str,
    region: str | None = None,
    institute: str | None = None,
    *,
    reference: ReferenceData | None = None,
) -> User:
    """Create an account. A counselor needs a known region, a liaison a known
    institute (``UnknownReference`` otherwise); the password needs 10 characters."""
    _check_username(username)
    if not display_name.strip() or len(display_name) > 200:
        raise InvalidValue("이름을 1~200자로 입력해 주세요.", field="display_name")
    role = _parse_role(role)
    region, institute = region or None, institute or None
    _check_scope(role, region, institute, reference or default_reference())
    _check_password(password)
    if find_user(connection, username) is not None:
        raise InvalidValue(f"이미 있는 사용자 이름입니다: {username}", field="username")
    user = User(
        username=username,
        display_name=display_name.strip(),
        role=role,
        region=region,
        institute=institute,
        disabled=False,
        created_at=datetime.now(UTC),
    )
    connection.execute(
        users.insert().values(
            username=user.username,
            display_name=user.display_name,
            role=user.role.value,
            region=user.region,
            institute=user.institute,
            password_hash=passwords.hash_password(password),
            disabled=False,
            created_at=user.created_at,
        )
    )
    return user


def find_user(connection: Connection, username: str) -> User | None:
    row = connection.execute(sa.select(users).where(users.c.username == username)).first()
    return None if row is None else _user_from(row)


def get_user(connection: Connection, username: str) -> User:
    user = find_user(connection, username)
    if user is None:
        raise UnknownUser(f"없는 사용자입니다: {username}", field="username")
    return user


def list_users(connection: Connection) -> list[User]:
    rows = connection.execute(sa.select(users).order_by(users.c.username))
    return [_user_from(row) for row in rows]


def disable_user(connection: Connection, username: str) -> None:
    """Stop an account (사용 중지): it can no longer log in, and its logins end now."""
    _set_disabled(connection, username, disabled=True)
    revoke_refresh_tokens(connection, username=username)


def enable_user(connection: Connection, username: str) -> None:
    """Let a stopped account log in again (its old logins stay ended)."""
    _set_disabled(connection, username, disabled=False)


def reset_password(connection: Connection, username: str, new_password: str) -> None:
    """Set a new password and end every login of the account, on every computer."""
    _check_password(new_password)
    result = connection.execute(
        users.update()
        .where(users.c.username == username)
        .values(password_hash=passwords.hash_password(new_password))
    )
    if result.rowcount == 0:
        raise UnknownUser(f"없는 사용자입니다: {username}", field="username")
    revoke_refresh_tokens(connection, username=username)


def authenticate(connection: Connection, username: str, password: str) -> User | None:
    """The account when ``password`` is its password, else ``None`` — the same answer,
    in about the same time, for an unknown username. A disabled account is returned
    (with ``disabled`` set): the caller decides what to tell a person whose password
    was right. A hash made with old parameters is replaced by a current one."""
    row = connection.execute(
        sa.select(users.c.password_hash).where(users.c.username == username)
    ).first()
    if row is None:
        passwords.spend_verification_time(password)
        return None
    if not passwords.verify_password(row.password_hash, password):
        return None
    if passwords.needs_rehash(row.password_hash):
        connection.execute(
            users.update()
            .where(users.c.username == username)
            .values(password_hash=passwords.hash_password(password))
        )
    return get_user(connection, username)


def register_device(
    connection: Connection, username: str, device_id: str, name: str = ""
) -> DeviceInfo:
    """Bind a computer to the account on login, or note that it was seen again.

    Raises ``DeviceOfAnotherUser`` when the id is registered to someone else and
    ``DeviceRevoked`` when an administrator has blocked it.
    """
    now = datetime.now(UTC)
    known = find_device(connection, device_id)
    if known is None:
        connection.execute(
            devices.insert().values(
                device_id=device_id,
                username=username,
                name=name or device_id,
                registered_at=now,
                last_seen_at=now,
                revoked=False,
            )
        )
    elif known.username != username:
        raise DeviceOfAnotherUser(
            "이 컴퓨터는 다른 사용자에게 등록되어 있습니다. 관리자에게 문의해 주세요.",
            field="device_id",
        )
    elif known.revoked:
        raise DeviceRevoked(
            "이 컴퓨터는 관리자가 사용을 차단했습니다. 관리자에게 문의해 주세요.",
            field="device_id",
        )
    else:
        connection.execute(
            devices.update()
            .where(devices.c.device_id == device_id)
            .values(name=name or known.name, last_seen_at=now)
        )
    return get_device(connection, device_id)


def find_device(connection: Connection, device_id: str) -> DeviceInfo | None:
    row = connection.execute(sa.select(devices).where(devices.c.device_id == device_id)).first()
    return None if row is None else _device_from(row)


def get_device(connection: Connection, device_id: str) -> DeviceInfo:
    device = find_device(connection, device_id)
    if device is None:
        raise UnknownDevice(f"등록되지 않은 기기입니다: {device_id}", field="device_id")
    return device


def list_devices(connection: Connection, username: str | None = None) -> list[DeviceInfo]:
    """Every registered computer, or only those of ``username``."""
    query = sa.select(devices).order_by(devices.c.username, devices.c.registered_at)
    if username is not None:
        query = query.where(devices.c.username == username)
    return [_device_from(row) for row in connection.execute(query)]


def revoke_device(connection: Connection, device_id: str) -> None:
    """Block a computer (분실·도난 등): its logins end now and it cannot log in again."""
    result = connection.execute(
        devices.update().where(devices.c.device_id == device_id).values(revoked=True)
    )
    if result.rowcount == 0:
        raise UnknownDevice(f"등록되지 않은 기기입니다: {device_id}", field="device_id")
    revoke_refresh_tokens(connection, device_id=device_id)


def revoke_refresh_tokens(
    connection: Connection, *, username: str | None = None, device_id: str | None = None
) -> None:
    """End the logins of an account or of a computer: their refresh tokens, and the
    access tokens issued with them, stop working at once."""
    if username is None and device_id is None:
        raise ValueError("name an account or a device")
    query = refresh_tokens.update().where(refresh_tokens.c.revoked == sa.false())
    if username is not None:
        query = query.where(refresh_tokens.c.username == username)
    if device_id is not None:
        query = query.where(refresh_tokens.c.device_id == device_id)
    connection.execute(query.values(revoked=True))


def _set_disabled(connection: Connection, username: str, *, disabled: bool) -> None:
    result = connection.execute(
        users.update().where(users.c.username == username).values(disabled=disabled)
    )
    if result.rowcount == 0:
        raise UnknownUser(f"없는 사용자입니다: {username}", field="username")


def _check_username(username: str) -> None:
    if not username or len(username) > 100 or any(char.isspace() for char in username):
        raise InvalidValue("사용자 이름은 공백 없이 1~100자로 입력해 주세요.", field="username")


def _parse_role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        choices = ", ".join(f"{known.value}({known.label})" for known in Role)
        raise InvalidValue(
            f"알 수 없는 역할입니다: {role}. 다음 중 하나를 고르세요: {choices}", field="role"
        ) from None


def _check_scope(
    role: Role, region: str | None, institute: str | None, reference: ReferenceData
) -> None:
    if role is Role.COUNSELOR:
        if region is None:
            raise InvalidValue("상담원은 소속 지역(지역상담센터)을 정해야 합니다.", field="region")
        reference.region(region)
        if institute is not None:
            raise InvalidValue("상담원에게는 출연연을 정하지 않습니다.", field="institute")
    elif role is Role.LIAISON:
        if institute is None:
            raise InvalidValue(
                "출연연 전담조직 사용자는 소속 출연연을 정해야 합니다.", field="institute"
            )
        reference.institute(institute)
        if region is not None:
            raise InvalidValue(
                "출연연 전담조직 사용자에게는 지역을 정하지 않습니다.", field="region"
            )
    elif region is not None or institute is not None:
        raise InvalidValue(
            f"{role.label}에게는 지역이나 출연연을 정하지 않습니다.",
            field="region" if region is not None else "institute",
        )


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(
            f"비밀번호는 {MIN_PASSWORD_LENGTH}자 이상이어야 합니다.", field="password"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidValue(
            f"비밀번호는 {MAX_PASSWORD_LENGTH}자를 넘을 수 없습니다.", field="password"
        )


def _user_from(row: sa.Row[tuple[object, ...]]) -> User:
    return User(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        region=row.region,
        institute=row.institute,
        disabled=bool(row.disabled),
        created_at=as_utc(row.created_at),
    )


def _device_from(row: sa.Row[tuple[object, ...]]) -> DeviceInfo:
    return DeviceInfo(
        device_id=row.device_id,
        username=row.username,
        name=row.name,
        registered_at=as_utc(row.registered_at),
        last_seen_at=None if row.last_seen_at is None else as_utc(row.last_seen_at),
        revoked=bool(row.revoked),
    )
