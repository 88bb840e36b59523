"""Fixtures of the client sync tests: encrypted workspaces on real SQLite files, and
the fake sync server of ``sync_fakes``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_builders import OpenWorkspace
from sync_fakes import FakeSyncServer

from desktop.local.outbox import Outbox
from desktop.local.store import new_store_key, open_store, sqlite_settings
from desktop.local.workspace import Workspace


@pytest.fixture
def server() -> FakeSyncServer:
    return FakeSyncServer()


@pytest.fixture
def open_workspace(tmp_path: Path) -> Iterator[OpenWorkspace]:
    keys: dict[str, str] = {}
    opened: list[Workspace] = []

    def open_one(name: str = "laptop", outbox_class: type[Outbox] = Outbox) -> Workspace:
        path = tmp_path / f"{name}.sqlite"
        key = keys.setdefault(name, new_store_key())
        store = open_store(sqlite_settings(path, cipher_key=key))
        workspace = Workspace(store, outbox_class(path, cipher_key=key))
        opened.append(workspace)
        return workspace

    yield open_one
    for workspace in opened:
        workspace.close()  # closing twice is harmless


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace("laptop")
