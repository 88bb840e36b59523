"""The ``dari`` profile directory (default ``~/.dari``): one user on one server.

profile.json   server URL, username, this device's id and name
store.key      the local store's AES key (mode 600)
tokens.json    access and refresh tokens (mode 600)
local.sqlite   the local event store and its outbox (event state encrypted)
"""

from __future__ import annotations

import json
import os
import platform
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.tokens import FileTokenStore, write_private

PROFILE_ENV = "DARI_PROFILE"


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

    def store_key(self) -> str:
        """The local store's key, made at random the first time.

        Issue 6 replaces this file: the key is then derived from the user's password
        through a KDF, so a lost laptop holds nothing readable."""
        try:
            return self.key_path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            pass
        self.ensure()
        key = new_store_key()
        write_private(self.key_path, key.encode("ascii"))
        return key

    def has_local_data(self) -> bool:
        return self.store_path.exists()

    def open_workspace(self) -> Workspace:
        self.ensure()
        key = self.store_key()
        if not self.store_path.exists():
            # Made private before SQLite writes to it; its journal files follow its mode.
            os.close(os.open(self.store_path, os.O_WRONLY | os.O_CREAT, 0o600))
        return Workspace.open(self.store_path, cipher_key=key)

    # The server ---------------------------------------------------------------------

    def tokens(self) -> FileTokenStore:
        return FileTokenStore(self.tokens_path)

    def client(self, server_url: str | None = None) -> SyncClient:
        url = server_url or self.signed_in().server_url
        assert url is not None
        return SyncClient(url, tokens=self.tokens())
