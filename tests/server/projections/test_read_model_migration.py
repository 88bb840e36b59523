"""Revision 0002 adds the read models: from an empty database and from 0001 with a
history already in it, on SQLite and PostgreSQL; the tables then match the code."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from projection_scenario import REF, a_case, a_company, kst, store_all
from sqlalchemy.engine import Engine

from sync_server.database import create_database_engine
from sync_server.migrate import alembic_config, current_revision, upgrade
from sync_server.projections import PROJECTIONS, catch_up, read_states
from sync_server.tables import case_facts, metadata


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    request.getfixturevalue("postgres_env")  # empties the public schema
    return str(request.getfixturevalue("postgres_sqlalchemy_url"))


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_an_empty_database_upgrades_to_the_read_models(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    engine = create_database_engine(empty_database_url)
    try:
        assert current_revision(empty_database_url) == "0002"
        assert schema_differences(engine) == []
        with engine.connect() as connection:
            states = read_states(connection)
        assert set(states) == set(PROJECTIONS)
        assert {(s.active_generation, s.position) for s in states.values()} == {(1, 0)}
    finally:
        engine.dispose()


def test_a_database_at_0001_with_a_history_upgrades_and_folds_it(empty_database_url: str) -> None:
    upgrade(empty_database_url, "0001")
    engine = create_database_engine(empty_database_url)
    try:
        company = a_company(1, kst(2024, 6, 3, 9))
        head = store_all(engine, company, a_case(company.id, kst(2024, 6, 3, 10)))

        upgrade(empty_database_url)
        assert catch_up(engine, REF) == head

        assert schema_differences(engine) == []
        with engine.connect() as connection:
            assert connection.execute(sa.select(sa.func.count()).select_from(case_facts)).scalar()
    finally:
        engine.dispose()


def test_0002_downgrades_to_0001_and_back(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "0001")
    assert current_revision(empty_database_url) == "0001"

    upgrade(empty_database_url)

    assert current_revision(empty_database_url) == "0002"
