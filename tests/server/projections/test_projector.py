"""The tracked projections: catch-up folds every event exactly once, in the same
transaction as its tracking position, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from envelope_builders import envelopes
from fastapi.testclient import TestClient
from projection_scenario import (
    CENTRAL,
    COUNSELOR,
    REF,
    a_case,
    a_company,
    a_consulting_record,
    a_mentoring,
    a_mixed_history,
    assign,
    kst,
    reach,
    rows,
    store,
    store_all,
)
from sqlalchemy.engine import Engine

from domain.access import Actor, Role
from domain.projections.facts import facts_from
from sync_server.auth.session import Session
from sync_server.ingest import push
from sync_server.projections import PROJECTIONS, catch_up, read_states
from sync_server.projections import projector as projector_module
from sync_server.projections.background import PROJECTOR_NAME
from sync_server.projections.history import fact_events_until
from sync_server.projections.read_models import facts_fields, load_national_facts
from sync_server.tables import case_facts, company_facts, consulting_facts, mentoring_facts

KIM = Session(Actor(COUNSELOR, Role.COUNSELOR, region="daejeon"), f"{COUNSELOR}-pc")
LEE = Session(Actor(CENTRAL, Role.CENTRAL), f"{CENTRAL}-pc")


def positions(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: state.position for name, state in read_states(connection).items()}


def wait_until_folded(engine: Engine, head: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and set(positions(engine).values()) != {head}:
        time.sleep(0.05)
    assert set(positions(engine).values()) == {head}


def is_running(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def snapshot(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every read-model row, without its generation, in a stable order."""
    out = {}
    for name, projection in PROJECTIONS.items():
        found = rows(engine, projection.table)
        for row in found:
            row.pop("generation")
        out[name] = sorted(found, key=lambda row: str(row[projection.key]))
    return out


def test_the_tables_mirror_the_facts_dataclasses_field_for_field() -> None:
    for projection in PROJECTIONS.values():
        assert set(projection.fields) == set(facts_fields(projection)), projection.name
        assert projection.table.primary_key.columns.keys() == ["generation", projection.key]


def test_catch_up_after_pushes_fills_the_read_models(server_engine: Engine) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    case = a_case(company.id, kst(2024, 6, 3, 10))
    push(server_engine, KIM, envelopes(company) + envelopes(case), REF)
    assign(case, "KIMM", kst(2024, 6, 4, 11))
    _, high_water_mark = push(server_engine, LEE, envelopes(case), REF)

    folded = catch_up(server_engine, REF)

    assert folded == 3
    [company_row] = rows(server_engine, company_facts)
    [case_row] = rows(server_engine, case_facts)
    assert company_row["company_id"] == company.id and company_row["has_research_lab"] is True
    assert case_row["case_id"] == case.id and case_row["company_id"] == company.id
    assert (case_row["region"], case_row["institute"], case_row["status"]) == (
        "daejeon",
        "KIMM",
        "assigned",
    )
    assert case_row["counselor"] == COUNSELOR
    assert case_row["first_response_clock"]["started_at"] is not None
    assert positions(server_engine) == dict.fromkeys(PROJECTIONS, high_water_mark)


def test_every_kind_of_facts_survives_the_round_trip_through_its_table(
    server_engine: Engine,
) -> None:
    events = a_mixed_history(seed=7)
    store(server_engine, events)

    catch_up(server_engine, REF)

    with server_engine.connect() as connection:
        generations = {name: 1 for name in PROJECTIONS}
        stored = load_national_facts(connection, generations)
        expected = facts_from(fact_events_until(connection, None), REF)
    assert stored == expected
    assert stored.cases and stored.companies and stored.consulting and stored.mentoring
    assert any(case.pauses for case in stored.cases.values())
    assert any(case.agreement_clock for case in stored.cases.values())
    assert any(engagement.stages for engagement in stored.mentoring.values())


def test_catching_up_twice_changes_nothing(server_engine: Engine) -> None:
    store(server_engine, a_mixed_history(seed=3))
    catch_up(server_engine, REF)
    before, at = snapshot(server_engine), positions(server_engine)

    assert catch_up(server_engine, REF) == 0
    assert snapshot(server_engine) == before
    assert positions(server_engine) == at


def test_an_event_is_never_counted_twice_across_catch_ups(server_engine: Engine) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    first = a_case(company.id, kst(2024, 6, 3, 10))
    store_all(server_engine, company, first)
    catch_up(server_engine, REF)
    second = a_case(company.id, kst(2024, 6, 5, 10))
    store_all(server_engine, second)

    assert catch_up(server_engine, REF) == 1
    assert catch_up(server_engine, REF) == 0
    assert len(rows(server_engine, case_facts)) == 2


def test_a_crash_before_commit_leaves_rows_and_position_unchanged(
    server_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    store_all(server_engine, company, a_case(company.id, kst(2024, 6, 3, 10)))
    catch_up(server_engine, REF)
    before, at = snapshot(server_engine), positions(server_engine)
    later = a_case(company.id, kst(2024, 6, 7, 10))
    record = a_consulting_record(company.id, kst(2024, 6, 7).date(), kst(2024, 6, 7, 15))
    store_all(server_engine, later, record)
    written: list[int] = []
    real_flush = projector_module._Fold.flush

    def flush_then_count(fold: Any, connection: sa.Connection) -> int:
        written.append(real_flush(fold, connection))
        return written[-1]

    def crash(connection: sa.Connection, new_positions: dict[str, int]) -> None:
        raise RuntimeError("the power went out")

    monkeypatch.setattr(projector_module._Fold, "flush", flush_then_count)
    monkeypatch.setattr(projector_module, "_save_positions", crash)
    with pytest.raises(RuntimeError, match="power"):
        catch_up(server_engine, REF)

    assert written == [2]  # the rows were written inside the transaction ...
    assert snapshot(server_engine) == before  # ... and rolled back with it
    assert positions(server_engine) == at
    monkeypatch.undo()
    assert catch_up(server_engine, REF) == 2
    assert len(rows(server_engine, case_facts)) == 2
    assert len(rows(server_engine, consulting_facts)) == 1


def test_catch_up_goes_a_chunk_per_transaction_and_stops_at_the_limit(
    server_engine: Engine,
) -> None:
    events = a_mixed_history(seed=5)
    head = store(server_engine, events)

    assert catch_up(server_engine, REF, limit=10, chunk=4) == 10
    assert set(positions(server_engine).values()) == {10}
    assert catch_up(server_engine, REF, chunk=7) == len(events) - 10
    assert set(positions(server_engine).values()) == {head}


def test_catching_up_after_every_push_equals_catching_up_once(server_engine: Engine) -> None:
    events = a_mixed_history(seed=11)
    for start in range(0, len(events), 9):
        store(server_engine, events[start : start + 9])
        catch_up(server_engine, REF, chunk=4)
    incremental = snapshot(server_engine)

    with server_engine.begin() as connection:
        for projection in PROJECTIONS.values():
            connection.execute(projection.table.delete())
        connection.execute(sa.text("UPDATE projection_state SET position = 0"))
    catch_up(server_engine, REF)

    assert snapshot(server_engine) == incremental


def test_mentoring_stages_and_pauses_are_kept_in_order(server_engine: Engine) -> None:
    senior, junior = a_company(1, kst(2024, 6, 3)), a_company(2, kst(2024, 6, 3))
    engagement = a_mentoring(senior.id, junior.id, kst(2024, 6, 4))
    reach(engagement, "task_selection", kst(2024, 6, 10))
    reach(engagement, "rnd", kst(2024, 7, 1))
    store_all(server_engine, senior, junior, engagement)

    catch_up(server_engine, REF)

    [row] = rows(server_engine, mentoring_facts)
    assert [stage for stage, _ in row["stages"]] == ["task_selection", "rnd"]
    assert row["current_stage"] == "rnd"


def test_the_server_keeps_the_read_models_caught_up_in_the_background(
    client: TestClient, server_engine: Engine
) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    head = store_all(server_engine, company, a_case(company.id, kst(2024, 6, 3, 10)))

    wait_until_folded(server_engine, head)

    assert len(rows(server_engine, case_facts)) == 1
    projector = client.app.state.projector  # type: ignore[attr-defined]
    assert projector.running


def test_the_projector_stops_with_the_server(make_client: Any) -> None:
    client = make_client()
    projector = client.app.state.projector
    assert projector.running

    client.__exit__(None, None, None)

    assert not projector.running


def test_facts_rows_are_plain_dataclass_values(server_engine: Engine) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    store_all(server_engine, company)
    catch_up(server_engine, REF)
    with server_engine.connect() as connection:
        facts = load_national_facts(connection, {name: 1 for name in PROJECTIONS})
    [stored] = facts.companies.values()
    assert dataclasses.asdict(stored)["region"] == "daejeon"
    assert stored.registered_at.utcoffset() is not None


def test_a_server_can_fold_its_read_models_in_a_process_of_its_own(
    make_client: Any, server_engine: Engine
) -> None:
    client = make_client(projector="process")
    company = a_company(1, kst(2024, 6, 3, 9))
    head = store_all(server_engine, company, a_case(company.id, kst(2024, 6, 3, 10)))

    wait_until_folded(server_engine, head)

    projector = client.app.state.projector
    assert projector.folded == 0  # nothing was folded on the server's own thread
    assert projector.child_pid not in (None, os.getpid())
    assert len(rows(server_engine, case_facts)) == 1
    if server_engine.dialect.name == "postgresql":  # its connections say whose they are
        with server_engine.connect() as connection:
            names = connection.exec_driver_sql(
                "SELECT DISTINCT application_name FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).scalars()
            assert PROJECTOR_NAME in set(names)


def test_the_folding_process_stops_with_the_server(make_client: Any) -> None:
    client = make_client(projector="process")
    pid = client.app.state.projector.child_pid
    assert pid is not None and is_running(pid)

    client.__exit__(None, None, None)

    assert not is_running(pid)


def test_a_folding_process_that_dies_is_started_again(
    make_client: Any, server_engine: Engine
) -> None:
    client = make_client(projector="process")
    projector = client.app.state.projector
    first = projector.child_pid
    os.kill(first, signal.SIGKILL)

    company = a_company(1, kst(2024, 6, 3, 9))
    head = store_all(server_engine, company, a_case(company.id, kst(2024, 6, 3, 10)))
    wait_until_folded(server_engine, head)

    assert projector.child_pid not in (None, first)
    assert len(rows(server_engine, case_facts)) == 1
