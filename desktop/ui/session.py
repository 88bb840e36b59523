"""Signing in (로그인) and the session a signed-in window works in. No Qt here: the
dialog runs ``SignIn`` in a background thread, tests call it directly.

The first sign-in on a computer needs the server: it logs in (which registers this
device), asks who the user is, then seals a store key under the password
(``desktop.local.credentials``). Later sign-ins are checked against that seal alone,
so they work offline; when the session tokens are gone and the server answers, the
login is renewed on the way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from desktop.local.credentials import (
    DEFAULT_KDF,
    CredentialsError,
    KdfParams,
    LocalCredentials,
    OtherUser,
    SignedInUser,
    WrongPassword,
)
from desktop.local.preferences import Preferences
from desktop.local.read_model import ReadModel
from desktop.local.store import StoreKeyError
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.errors import ProblemError, ProtocolTooOld, ServerUnavailable, SyncError
from desktop.sync.profile import (
    Profile,
    ProfileError,
    ProfileSettings,
    signed_in_user,
)
from domain.access import Role
from domain.recording import Recording

log = logging.getLogger("dari.session")

PREFERENCES_FILE = "desktop.json"

SERVER_FIELD = "server"
USERNAME_FIELD = "username"
PASSWORD_FIELD = "password"
SEALED_UNDER_ANOTHER_PASSWORD = (
    "비밀번호가 맞지 않습니다. 관리자가 비밀번호를 바꾸었다면 예전 비밀번호를 입력해 주세요."
)
"""A password this computer's seal does not take. It may still hold an earlier one: it
takes the new one once the server has asked for it (``keep_sealed_under``)."""
NOT_THE_PASSWORD = frozenset({"device_revoked"})
"""401 answers to a login that another password would not change."""

Connect = Callable[[Profile, str], SyncClient]
"""Makes the client for a profile and a server address (tests give a fake server)."""


class SignInError(Exception):
    """Why signing in did not work; ``field`` names the input to blame, if one is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def connect_to_server(profile: Profile, server_url: str) -> SyncClient:
    return SyncClient(server_url, tokens=profile.tokens())


@dataclass
class Session:
    """What the windows of one signed-in user work with."""

    profile: Profile
    settings: ProfileSettings
    user: SignedInUser
    credentials: LocalCredentials
    workspace: Workspace
    read_model: ReadModel
    preferences: Preferences
    connect: Callable[[], SyncClient]
    store_key: str = field(repr=False)
    """The key of the local store, kept to seal it again under a changed password."""
    opened_offline: bool = False
    closed: bool = field(default=False, init=False)

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def role_label(self) -> str:
        try:
            return Role(self.user.role).label
        except ValueError:
            return self.user.role

    def recording(self, at: datetime | None = None) -> Recording:
        """Who is recording, on which device (for the domain's commands)."""
        return Recording(self.user.username, self.settings.device_id, at, self.workspace.reference)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.read_model.close()
        self.workspace.close()


class SignIn:
    """Opens a ``Session`` for a profile from a server address, username and password."""

    def __init__(
        self,
        profile: Profile,
        *,
        connect: Connect = connect_to_server,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        self.profile = profile
        self.credentials = profile.credentials(kdf)
        self._connect = connect

    @property
    def first_time(self) -> bool:
        """No one has signed in on this computer with this profile yet: the server is needed."""
        return not self.credentials.exists()

    def remembered(self) -> tuple[str, str]:
        """The server address and username to offer (empty when unknown)."""
        if not self.profile.settings_path.exists():
            return "", ""
        try:
            settings = self.profile.settings()
        except ProfileError:
            return "", ""
        return settings.server_url or "", self.credentials.username or settings.username or ""

    def __call__(self, server_url: str, username: str, password: str) -> Session:
        username = username.strip()
        if not username:
            raise SignInError("사용자 이름을 입력해 주세요.", USERNAME_FIELD)
        if not password:
            raise SignInError("비밀번호를 입력해 주세요.", PASSWORD_FIELD)
        try:
            if self.first_time:
                return self._first(server_address(server_url), username, password)
            return self._again(username, password)
        except OtherUser as error:
            raise SignInError(error.message, USERNAME_FIELD) from None
        except WrongPassword as error:
            raise SignInError(error.message, PASSWORD_FIELD) from None
        except (CredentialsError, ProfileError, StoreKeyError) as error:
            raise SignInError(error.message) from None

    # The two ways in -------------------------------------------------------------------

    def _first(self, server_url: str, username: str, password: str) -> Session:
        profile = self.profile
        settings = profile.settings()
        someone_else = settings.username not in (None, username) or settings.server_url not in (
            None,
            server_url,
        )
        if someone_else and profile.has_local_data():
            raise SignInError(
                "이 프로필 폴더에는 다른 사용자 또는 다른 서버의 기록이 있습니다. "
                "다른 프로필 폴더를 사용해 주세요."
            )
        user = self._log_in(server_url, username, password, settings)
        settings = replace(settings, server_url=server_url, username=username)
        profile.save_settings(settings)
        # A profile made by ``dari login`` keeps its store key (and its unsynced records).
        store_key = profile.seal_store_key(user, password, params=self.credentials.params)
        return self._open(settings, user, store_key, offline=False)

    def _again(self, username: str, password: str) -> Session:
        try:
            store_key = self.credentials.unlock(username, password)
        except WrongPassword:
            raise WrongPassword(SEALED_UNDER_ANOTHER_PASSWORD) from None
        settings = self.profile.signed_in()
        user = self.credentials.user or SignedInUser(username, username)
        offline = True
        if self.profile.tokens().load() is None and settings.server_url:
            offline = not self._renew_login(settings, username, password)
        return self._open(settings, user, store_key, offline=offline)

    def _log_in(
        self, server_url: str, username: str, password: str, settings: ProfileSettings
    ) -> SignedInUser:
        try:
            with self._connect(self.profile, server_url) as client:
                client.handshake()
                client.login(
                    username,
                    password,
                    device_id=settings.device_id,
                    device_name=settings.device_name,
                )
                return signed_in_user(client, username)
        except ServerUnavailable:
            raise SignInError(
                "서버에 연결할 수 없습니다. 처음 로그인할 때는 서버 연결이 필요합니다. "
                "서버 주소와 네트워크를 확인해 주세요.",
                SERVER_FIELD,
            ) from None
        except ProtocolTooOld as error:
            raise SignInError(error.message) from None
        except ProblemError as error:
            field = PASSWORD_FIELD if error.problem.status == 401 else None
            raise SignInError(error.message, field) from None
        except SyncError as error:
            raise SignInError(error.message, SERVER_FIELD) from None

    def _renew_login(self, settings: ProfileSettings, username: str, password: str) -> bool:
        """Best effort: offline, or refused, the sign-in still goes ahead locally."""
        assert settings.server_url is not None
        try:
            with self._connect(self.profile, settings.server_url) as client:
                client.login(
                    username,
                    password,
                    device_id=settings.device_id,
                    device_name=settings.device_name,
                )
                self.credentials.remember_user(signed_in_user(client, username))
        except SyncError:
            return False
        return True

    def _open(
        self, settings: ProfileSettings, user: SignedInUser, store_key: str, *, offline: bool
    ) -> Session:
        profile = self.profile
        workspace = profile.open_workspace(store_key)
        try:
            read_model = ReadModel(profile.store_path, reference=workspace.reference)
        except Exception:
            workspace.close()
            raise
        server_url = settings.server_url or ""
        return Session(
            profile=profile,
            settings=settings,
            user=self.credentials.user or user,
            credentials=self.credentials,
            workspace=workspace,
            read_model=read_model,
            preferences=Preferences.load(profile.directory / PREFERENCES_FILE),
            connect=lambda: self._connect(profile, server_url),
            store_key=store_key,
            opened_offline=offline,
        )


def log_in_again(session: Session, password: str) -> None:
    """Renew the server login of an open session (its refresh token expired or was
    revoked): new tokens are kept in the profile, where the sync client reads them.
    Nothing local is touched. ``SignInError`` with a Korean message otherwise."""
    if not password:
        raise SignInError("비밀번호를 입력해 주세요.", PASSWORD_FIELD)
    settings = session.settings
    try:
        with session.connect() as client:
            client.login(
                session.username,
                password,
                device_id=settings.device_id,
                device_name=settings.device_name,
            )
    except ServerUnavailable:
        raise SignInError(
            "서버에 연결할 수 없습니다. 기록은 이 컴퓨터에 안전하게 남아 있으니 계속 작업하시고, "
            "연결되면 다시 로그인해 주세요."
        ) from None
    except ProblemError as error:
        # A 401 is the password, unless the server says this computer was blocked.
        if error.problem.status == 401 and error.problem.code not in NOT_THE_PASSWORD:
            raise SignInError(
                "비밀번호가 맞지 않습니다. 서버에 등록된 비밀번호를 입력해 주세요.", PASSWORD_FIELD
            ) from None
        raise SignInError(error.message) from None
    except SyncError as error:
        raise SignInError(error.message) from None
    keep_sealed_under(session, password)


def keep_sealed_under(session: Session, password: str) -> None:
    """After the server took ``password``: a store still sealed under an earlier one
    (the password was changed or reset on the server) is sealed under this one, so the
    next sign-in on this computer takes the password the server takes."""
    try:
        session.credentials.unlock(session.username, password)
    except WrongPassword:
        try:
            session.credentials.create(session.user, password, store_key=session.store_key)
        except OSError:  # the login stands; the earlier password still opens the store
            log.exception("이 컴퓨터의 기록을 새 비밀번호로 다시 잠그지 못했습니다.")
    except CredentialsError:  # unreadable: the login stands, the seal is left as it is
        log.exception("이 컴퓨터의 로그인 정보를 읽지 못해 비밀번호를 맞추지 못했습니다.")


def server_address(text: str) -> str:
    address = text.strip().rstrip("/")
    if not address:
        raise SignInError("서버 주소를 입력해 주세요.", SERVER_FIELD)
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SignInError(
            "서버 주소는 http:// 또는 https:// 로 시작해야 합니다 (예: https://dari.example.kr).",
            SERVER_FIELD,
        )
    return address
