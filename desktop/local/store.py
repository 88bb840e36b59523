"""Opening the local event store.

The domain's ``DariApplication`` runs on one of three persistence settings:
plain SQLite, SQLite whose event state is encrypted with the library's AES cipher
(the key is supplied by the caller: later derived from the user's password), and
PostgreSQL. ``open_store`` refuses a wrong key before anything can be written."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import MapperDeserialisationError

from domain.application import DariApplication
from domain.reference import ReferenceData

CIPHER_TOPIC = "desktop.local.cipher:LocalStoreCipher"
"""AES-GCM from the ``cryptography`` package (~12x faster here than the pycryptodome
default) with pooled nonces; see ``desktop.local.cipher``."""


class StoreKeyError(Exception):
    """The store cannot be opened with the key given. ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def new_store_key() -> str:
    """A random AES-256 key, base64 text, as the cipher expects it."""
    return AESCipher.create_key(num_bytes=32)


def sqlite_settings(path: Path, *, cipher_key: str | None = None) -> dict[str, str]:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}
    if cipher_key is not None:
        _check_key_format(cipher_key)
        env |= {"CIPHER_TOPIC": CIPHER_TOPIC, "CIPHER_KEY": cipher_key}
    return env


def postgres_settings(
    *,
    dbname: str,
    host: str = "127.0.0.1",
    port: int = 5432,
    user: str = "postgres",
    password: str = "",
    cipher_key: str | None = None,
) -> dict[str, str]:
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": host,
        "POSTGRES_PORT": str(port),
        "POSTGRES_USER": user,
        "POSTGRES_PASSWORD": password,
    }
    if cipher_key is not None:
        _check_key_format(cipher_key)
        env |= {"CIPHER_TOPIC": CIPHER_TOPIC, "CIPHER_KEY": cipher_key}
    return env


def open_store(env: dict[str, str], *, reference: ReferenceData | None = None) -> DariApplication:
    """The application on the given settings, after proving the key reads what is stored."""
    app = DariApplication(env=env, reference=reference)
    try:
        _prove_key(app)
    except StoreKeyError:
        app.close()
        raise
    return app


def _prove_key(app: DariApplication) -> None:
    first = app.recorder.select_notifications(start=1, limit=1)
    if not first:
        return
    try:
        app.mapper.to_domain_event(first[0])
    except MapperDeserialisationError:
        raise StoreKeyError("저장소 암호 키가 맞지 않습니다. 비밀번호를 확인해 주세요.") from None
    except ValueError:
        raise StoreKeyError(
            "저장소를 읽을 수 없습니다. 암호화된 저장소라면 키가 필요합니다."
        ) from None


def _check_key_format(key: str) -> None:
    try:
        raw = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) not in (16, 24, 32):
        raise StoreKeyError("저장소 암호 키 형식이 올바르지 않습니다 (16·24·32바이트 base64).")
