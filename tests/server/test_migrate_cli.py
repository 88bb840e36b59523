"""`dari-server migrate` with the URL an operator writes: plain postgresql://."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sync_server import cli


@pytest.mark.postgres
def test_migrate_accepts_a_postgresql_url_without_a_driver_name(
    postgres_env: dict[str, str], postgres_url: str
) -> None:
    assert postgres_url.startswith("postgresql://")

    result = CliRunner().invoke(cli.app, ["migrate", "--database-url", postgres_url])

    assert result.exit_code == 0, result.output
    assert "리비전 0002" in result.output
