"""The ``dari`` profile directory (default ``~/.dari``): one user on one server.

profile.json       server URL, username, this device's id and name
credentials.json   the local store's AES key, sealed under the user's password
                   (``desktop.local.credentials``; mode 600)
tokens.json        access and refresh tokens (mode 600)
local.sqlite       the local event store and its outbox (event state encrypted)

The store key is never kept in the clear. Profiles made by an earlier ``dari login``
kept it in ``store.key``; the next sign-in (``dari login`` or the window) seals that
key under the password and deletes the file, so their unsynced records stay readable.
"""

from __future__ import annotations

import json
import os
import platform
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.local.credentials import DEFAULT_KDF, KdfParams, LocalCredentials, SignedInUser
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.errors import ProblemError
from desktop.sync.tokens import FileTokenStore, write_private

PROFILE_ENV = "DARI_PROFILE"
CREDENTIALS_FILE = "credentials.json"


PASSWORD_NEEDED = (
    "이 컴퓨터의 기록은 비밀번호로 잠겨 있습니다. 터미널에서 실행해 비밀번호를 입력하거나, "
    "스크립트에서는 환경 변수 DARI_PASSWORD에 비밀번호를 넣어 주세요."
)


class ProfileError(Exception):
    """The profile cannot be used as asked. ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ProfileSettings:
    device_id: str
    device_name: str
    server_url: str | None = None
    username: str | None = None


class Profile:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.settings_path = directory / "profile.json"
        self.key_path = directory / "store.key"
        """Where an earlier ``dari login`` kept the store key in the clear."""
        self.credentials_path = directory / CREDENTIALS_FILE
        self.tokens_path = directory / "tokens.json"
        self.store_path = directory / "local.sqlite"

    @classmethod
    def default_directory(cls) -> Path:
        configured = os.environ.get(PROFILE_ENV)
        return Path(configured) if configured else Path.home() / ".dari"

    def ensure(self) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    # Settings ------------------------------------------------------------------

    def settings(self) -> ProfileSettings:
        """The saved settings; a new device id is made and saved the first time."""
        try:
            data = json.loads(self.settings_path.read_text(encoding="utf-8"))
            return ProfileSettings(**data)
        except FileNotFoundError:
            pass
        except (ValueError, TypeError):
            raise ProfileError(f"프로필 설정 파일이 손상되었습니다: {self.settings_path}") from None
        fresh = ProfileSettings(
            device_id=f"dev-{uuid.uuid4().hex[:16]}", device_name=platform.node() or "dari"
        )
        self.save_settings(fresh)
        return fresh

    def save_settings(self, settings: ProfileSettings) -> None:
        self.ensure()
        data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode()
        write_private(self.settings_path, data)

    def signed_in(self) -> ProfileSettings:
        """Settings of a profile that has logged in once; ``ProfileError`` otherwise."""
        if not self.settings_path.exists():
            raise ProfileError("먼저 로그인해 주세요: dari login")
        settings = self.settings()
        if settings.server_url is None or settings.username is None:
            raise ProfileError("먼저 로그인해 주세요: dari login")
        return settings

    # The local store --------------------------------------------------------------

    def credentials(self, params: KdfParams = DEFAULT_KDF) -> LocalCredentials:
        return LocalCredentials(self.credentials_path, params=params)

    def seal_store_key(
        self, user: SignedInUser, password: str, *, params: KdfParams = DEFAULT_KDF
    ) -> str:
        """After a sign-in the server accepted: the store key, unlocked with ``password``
        if this profile's key is sealed already, otherwise sealed under it now (an
        earlier profile's ``store.key`` is adopted, then deleted). ``WrongPassword`` if
        the key is sealed under another password."""
        credentials = self.credentials(params)
        if credentials.exists():
            return credentials.unlock(user.username, password)
        self.ensure()
        adopted = self.key_path.read_text("ascii").strip() if self.key_path.exists() else None
        key = credentials.create(user, password, store_key=adopted)
        self.key_path.unlink(missing_ok=True)
        return key

    def unlock_store_key(self, password: str | None) -> str:
        """The store key of a signed-in profile, unlocked with ``password``."""
        settings = self.signed_in()
        assert settings.username is not None
        credentials = self.credentials()
        if credentials.exists():
            if not password:
                raise ProfileError(PASSWORD_NEEDED)
            return credentials.unlock(settings.username, password)
        if self.key_path.exists():  # not signed in since the key was sealed
            return self.key_path.read_text(encoding="ascii").strip()
        raise ProfileError("먼저 로그인해 주세요: dari login")

    def has_local_data(self) -> bool:
        return self.store_path.exists()

    def open_workspace(self, store_key: str) -> Workspace:
        self.ensure()
        if not self.store_path.exists():
            # Made private before SQLite writes to it; its journal files follow its mode.
            os.close(os.open(self.store_path, os.O_WRONLY | os.O_CREAT, 0o600))
        return Workspace.open(self.store_path, cipher_key=store_key)

    # The server ---------------------------------------------------------------------

    def tokens(self) -> FileTokenStore:
        return FileTokenStore(self.tokens_path)

    def client(self, server_url: str | None = None) -> SyncClient:
        url = server_url or self.signed_in().server_url
        assert url is not None
        return SyncClient(url, tokens=self.tokens())


def signed_in_user(client: SyncClient, username: str) -> SignedInUser:
    """The server's description of a signed-in user; a server without ``/auth/me``
    (older, or a test double) leaves only the username known."""
    try:
        info = client.me()
    except ProblemError:
        return SignedInUser(username=username, display_name=username)
    return SignedInUser(
        username=info.username,
        display_name=info.display_name,
        role=info.role,
        region=info.region,
        institute=info.institute,
    )
