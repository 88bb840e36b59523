"""Server settings: the embedded default and a signing key that outlives restarts."""

from __future__ import annotations

import stat
from pathlib import Path

from sync_server.settings import Settings, with_lasting_secret


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
