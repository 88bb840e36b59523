"""Unlocking the local store with the user's password (비밀번호로 로컬 저장소 열기).

The store's AES key is never written down in the clear. A key-encryption key is
derived from the password with argon2id and a random salt made for this profile, and
the store key is kept only sealed under it (AES-GCM) in ``credentials.json``. The seal
is also the local verifier: a wrong password fails its authentication tag, so

- later sign-ins work offline, against this file alone;
- a wrong password gives a clear Korean message and opens nothing;
- a new password re-seals the same store key; the store is not re-encrypted.

Sealing a key rather than using the derived bytes as the store key is what lets a
profile made by ``dari login`` (whose random key sits in ``store.key``) be adopted
without losing its unsynced records, and a changed password re-seal in milliseconds.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.local.store import new_store_key

FORMAT_VERSION = 1
SALT_BYTES = 16
KEY_BYTES = 32
NONCE_BYTES = 12

WRONG_PASSWORD = "비밀번호가 맞지 않습니다. 다시 입력해 주세요."
EMPTY_PASSWORD = "비밀번호를 입력해 주세요."


class CredentialsError(Exception):
    """The credentials file cannot be used. ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongPassword(CredentialsError):
    """The password does not open this profile's store key."""

    def __init__(self, message: str = WRONG_PASSWORD) -> None:
        super().__init__(message)


class OtherUser(CredentialsError):
    """The profile belongs to someone else: one profile is one user on one server."""


@dataclass(frozen=True)
class KdfParams:
    """argon2id costs. The default is RFC 9106's second recommended option
    (t=3, 64 MiB, p=4): about 0.13 s on a 2-core laptop, per guess."""

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class SignedInUser:
    """Who signed in here, as the server described them (kept for offline sign-ins)."""

    username: str
    display_name: str
    role: str = "counselor"
    region: str | None = None
    institute: str | None = None


def derive_key(password: str, salt: bytes, params: KdfParams = DEFAULT_KDF) -> bytes:
    """The key-encryption key: argon2id over the password and the profile's salt."""
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class LocalCredentials:
    """``credentials.json`` of one profile: salt, KDF costs, the sealed store key and
    the signed-in user. Written with mode 600, replaced atomically."""

    def __init__(self, path: Path, *, params: KdfParams = DEFAULT_KDF) -> None:
        self.path = path
        self.params = params

    def exists(self) -> bool:
        return self.path.exists()

    @property
    def username(self) -> str | None:
        return self._read()["username"] if self.exists() else None

    @property
    def user(self) -> SignedInUser | None:
        if not self.exists():
            return None
        data = self._read()
        return SignedInUser(**data["user"]) if data.get("user") else None

    def create(self, user: SignedInUser, password: str, *, store_key: str | None = None) -> str:
        """Seal ``store_key`` (a new random one if ``None``) under ``password``;
        returns the store key."""
        _require_password(password)
        key = store_key or new_store_key()
        self._write(user, password, key, salt=secrets.token_bytes(SALT_BYTES))
        return key

    def unlock(self, username: str, password: str) -> str:
        """The store key, if ``password`` is this user's; ``WrongPassword`` otherwise."""
        _require_password(password)
        data = self._read()
        if data["username"] != username:
            raise OtherUser(
                f"이 컴퓨터의 Dari 프로필은 '{data['username']}' 사용자의 것입니다. "
                "그 사용자로 로그인하거나 다른 프로필 폴더를 사용해 주세요."
            )
        kdf = data["kdf"]
        params = KdfParams(kdf["time_cost"], kdf["memory_cost_kib"], kdf["parallelism"])
        sealing = derive_key(password, _b64(kdf["salt"]), params)
        try:
            plain = AESGCM(sealing).decrypt(
                _b64(data["nonce"]), _b64(data["sealed_key"]), _associated(username)
            )
        except InvalidTag:
            raise WrongPassword() from None
        return plain.decode("ascii")

    def change_password(self, username: str, old_password: str, new_password: str) -> str:
        """Re-seal the same store key under a new password (and a new salt); returns
        the store key."""
        key = self.unlock(username, old_password)
        _require_password(new_password)
        user = self.user or SignedInUser(username, username)
        self._write(user, new_password, key, salt=secrets.token_bytes(SALT_BYTES))
        return key

    def remember_user(self, user: SignedInUser) -> None:
        """Keep a fresher description of the same user (after an online sign-in)."""
        data = self._read()
        if data["username"] != user.username:
            raise OtherUser(f"다른 사용자의 프로필입니다: {data['username']}")
        data["user"] = asdict(user)
        _write_private(self.path, data)

    # Internals ----------------------------------------------------------------

    def _write(self, user: SignedInUser, password: str, store_key: str, *, salt: bytes) -> None:
        sealing = derive_key(password, salt, self.params)
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(sealing).encrypt(
            nonce, store_key.encode("ascii"), _associated(user.username)
        )
        data = {
            "format": FORMAT_VERSION,
            "username": user.username,
            "user": asdict(user),
            "kdf": {
                "algorithm": "argon2id",
                "time_cost": self.params.time_cost,
                "memory_cost_kib": self.params.memory_cost_kib,
                "parallelism": self.params.parallelism,
                "salt": _text(salt),
            },
            "nonce": _text(nonce),
            "sealed_key": _text(sealed),
        }
        _write_private(self.path, data)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["format"] != FORMAT_VERSION or data["kdf"]["algorithm"] != "argon2id":
                raise ValueError(data["format"])
            for name in ("username", "nonce", "sealed_key"):
                if not isinstance(data[name], str):
                    raise ValueError(name)
        except FileNotFoundError:
            raise CredentialsError(
                "이 컴퓨터에서 처음 로그인합니다. 서버에 연결해 로그인해 주세요."
            ) from None
        except (ValueError, KeyError, TypeError):
            raise CredentialsError(
                f"로그인 정보 파일이 손상되었습니다: {self.path}. 관리자에게 문의해 주세요."
            ) from None
        return dict(data)


def _require_password(password: str) -> None:
    if not password:
        raise WrongPassword(EMPTY_PASSWORD)


def _associated(username: str) -> bytes:
    """Binds the seal to its user and format: a record copied to another name fails."""
    return f"dari-store-key:v{FORMAT_VERSION}:{username}".encode()


def _text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise CredentialsError("로그인 정보 파일이 손상되었습니다.") from None


def _write_private(path: Path, data: dict[str, Any]) -> None:
    """Mode 600, never visible half-written (same rule as the profile's other secrets)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
