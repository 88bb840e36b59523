"""Where the client keeps its access and refresh tokens. The caller chooses: memory
(tests, one-off scripts) or a file readable only by its owner (the ``dari`` profile)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from sync_protocol.auth import TokenPair


class TokenStore(Protocol):
    def load(self) -> TokenPair | None: ...

    def save(self, tokens: TokenPair | None) -> None:
        """Keep new tokens; ``None`` forgets them (logout, refresh refused)."""


class MemoryTokenStore:
    def __init__(self, tokens: TokenPair | None = None) -> None:
        self._tokens = tokens
        self._lock = threading.Lock()

    def load(self) -> TokenPair | None:
        with self._lock:
            return self._tokens

    def save(self, tokens: TokenPair | None) -> None:
        with self._lock:
            self._tokens = tokens


class FileTokenStore:
    """Tokens as JSON in a file of mode 600, replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def load(self) -> TokenPair | None:
        with self._lock:
            try:
                return TokenPair.model_validate_json(self.path.read_bytes())
            except (FileNotFoundError, ValidationError):
                return None

    def save(self, tokens: TokenPair | None) -> None:
        with self._lock:
            if tokens is None:
                self.path.unlink(missing_ok=True)
                return
            write_private(self.path, tokens.model_dump_json().encode())


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 600, never visible half-written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
