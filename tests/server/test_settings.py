"""Server settings: the embedded default, a signing key that outlives restarts, and
where a served server folds its read models."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from sync_server.settings import Settings, with_lasting_secret, with_serving_defaults


def test_the_embedded_default_is_an_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url="")

    assert (
        settings.effective_database_url == f"sqlite:///{tmp_path.resolve() / 'dari-server.sqlite'}"
    )


def test_without_a_configured_key_the_server_keeps_one_across_restarts(tmp_path: Path) -> None:
    first = with_lasting_secret(Settings(data_dir=tmp_path))
    second = with_lasting_secret(Settings(data_dir=tmp_path))

    assert first.secret_key == second.secret_key
    mode = stat.S_IMODE((tmp_path / "secret.key").stat().st_mode)
    assert mode == 0o600


def test_a_configured_key_is_used_as_given(tmp_path: Path) -> None:
    settings = with_lasting_secret(Settings(data_dir=tmp_path, secret_key="configured-key"))

    assert settings.secret_key == "configured-key"
    assert not (tmp_path / "secret.key").exists()


def test_a_served_postgresql_server_folds_its_read_models_in_a_process_of_its_own() -> None:
    served = with_serving_defaults(Settings(database_url="postgresql://dari@db/dari"))

    assert served.projector == "process"


def test_the_embedded_sqlite_server_folds_on_a_thread(tmp_path: Path) -> None:
    served = with_serving_defaults(Settings(data_dir=tmp_path, database_url=""))

    assert served.projector == "thread"


def test_a_configured_projector_is_used_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DARI_PROJECTOR", "thread")

    served = with_serving_defaults(Settings(database_url="postgresql://dari@db/dari"))

    assert served.projector == "thread"
