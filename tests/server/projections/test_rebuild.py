"""Rebuilding the read models from zero into a new generation, while reports keep
answering from the old one until the switch."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from projection_scenario import (
    REF,
    a_case,
    a_company,
    a_mixed_history,
    kst,
    rows,
    store,
    store_all,
)
from sqlalchemy.engine import Engine
from test_projector import positions, snapshot

from domain.projections.period import Period
from sync_server.projections import (
    PROJECTIONS,
    RebuildRefused,
    catch_up,
    live_report,
    read_states,
    rebuild,
)
from sync_server.tables import case_facts, company_facts

JUNE = Period.month(2024, 6)


def generations(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: state.active_generation for name, state in read_states(connection).items()}


def test_rebuilding_from_zero_equals_catching_up_after_every_push(server_engine: Engine) -> None:
    events = a_mixed_history(seed=21, companies=8, cases=40)
    for start in range(0, len(events), 13):
        store(server_engine, events[start : start + 13])
        catch_up(server_engine, REF)
    incremental, at = snapshot(server_engine), positions(server_engine)

    result = rebuild(server_engine, REF, chunk=17)

    assert result.events == len(events)
    assert result.generation == 2
    assert snapshot(server_engine) == incremental
    assert positions(server_engine) == at
    assert set(generations(server_engine).values()) == {2}
    for projection in PROJECTIONS.values():  # the old generation's rows are gone
        assert {row["generation"] for row in rows(server_engine, projection.table)} <= {2}


def test_a_rebuild_that_forgets_its_cache_reads_back_what_it_wrote(server_engine: Engine) -> None:
    store(server_engine, a_mixed_history(seed=22))
    catch_up(server_engine, REF)
    expected = snapshot(server_engine)

    rebuild(server_engine, REF, chunk=5, max_cached=3)

    assert snapshot(server_engine) == expected


def test_reports_answer_from_the_old_generation_during_a_rebuild_and_switch_after(
    server_engine: Engine,
) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    cases = [a_case(company.id, kst(2024, 6, day, 10)) for day in (3, 4, 5)]
    store_all(server_engine, company, *cases)
    catch_up(server_engine, REF)
    # The live generation lacks a case (as if an older projection had a bug) ...
    with server_engine.begin() as connection:
        connection.execute(case_facts.delete().where(case_facts.c.case_id == cases[0].id))
    seen: dict[str, Any] = {}

    def during_rebuild() -> None:
        # ... a case arrives while the rebuild runs ...
        late = a_case(company.id, kst(2024, 6, 7, 10))
        store_all(server_engine, late)
        seen["generations"] = generations(server_engine)
        seen["cases"] = live_report(server_engine, REF, JUNE).report.overall.resolution_cases

    result = rebuild(server_engine, REF, before_switch=during_rebuild)

    assert seen["generations"] == dict.fromkeys(PROJECTIONS, 1)
    assert seen["cases"] == 2  # the old generation, still answering
    assert result.generation == 2
    assert generations(server_engine) == dict.fromkeys(PROJECTIONS, 2)
    # the new generation has every case, including the one recorded mid-rebuild
    assert live_report(server_engine, REF, JUNE).report.overall.resolution_cases == 4
    assert catch_up(server_engine, REF) == 0


def test_the_live_generation_keeps_catching_up_while_a_rebuild_runs(
    server_engine: Engine,
) -> None:
    company = a_company(1, kst(2024, 6, 3, 9))
    store_all(server_engine, company, a_case(company.id, kst(2024, 6, 3, 10)))
    catch_up(server_engine, REF)

    def during_rebuild() -> None:
        store_all(server_engine, a_case(company.id, kst(2024, 6, 4, 10)))
        assert catch_up(server_engine, REF) == 1
        assert len(rows(server_engine, case_facts, generation=1)) == 2

    rebuild(server_engine, REF, before_switch=during_rebuild)

    assert len(rows(server_engine, case_facts, generation=2)) == 2
    assert rows(server_engine, case_facts, generation=1) == []


def test_rebuilding_one_projection_leaves_the_others_alone(server_engine: Engine) -> None:
    store(server_engine, a_mixed_history(seed=23))
    catch_up(server_engine, REF)
    before = snapshot(server_engine)

    result = rebuild(server_engine, REF, projections=["company_facts"])

    assert result.projections == ("company_facts",)
    assert generations(server_engine) == {**dict.fromkeys(PROJECTIONS, 1), "company_facts": 2}
    assert snapshot(server_engine) == before
    assert {row["generation"] for row in rows(server_engine, company_facts)} == {2}
    assert catch_up(server_engine, REF) == 0


def test_an_interrupted_rebuild_leaves_the_live_generation_serving_and_is_cleaned_up(
    server_engine: Engine,
) -> None:
    store(server_engine, a_mixed_history(seed=24))
    catch_up(server_engine, REF)
    before = snapshot(server_engine)

    def crash() -> None:
        raise RuntimeError("the operator pressed Ctrl+C")

    with pytest.raises(RuntimeError):
        rebuild(server_engine, REF, chunk=10, before_switch=crash)

    with server_engine.connect() as connection:
        states = read_states(connection)
    assert {state.active_generation for state in states.values()} == {1}
    assert {state.building_generation for state in states.values()} == {2}
    assert snapshot(server_engine) != before  # the half-built generation is beside it ...
    assert live_report(server_engine, REF, JUNE).report.overall.resolution_cases >= 0

    rebuild(server_engine, REF)

    assert snapshot(server_engine) == before  # ... until the next rebuild clears it
    with server_engine.connect() as connection:
        states = read_states(connection)
    assert {state.active_generation for state in states.values()} == {3}
    assert {state.building_generation for state in states.values()} == {None}


def test_progress_is_reported_up_to_the_total(server_engine: Engine) -> None:
    events = a_mixed_history(seed=25)
    store(server_engine, events)
    calls: list[tuple[int, int]] = []

    rebuild(server_engine, REF, lambda done, total: calls.append((done, total)), chunk=20)

    assert calls[0] == (0, len(events))
    assert calls[-1] == (len(events), len(events))
    done = [d for d, _ in calls]
    assert done == sorted(done)


def test_an_unknown_projection_is_refused_in_korean(server_engine: Engine) -> None:
    with pytest.raises(RebuildRefused, match="알 수 없는 통계 표"):
        rebuild(server_engine, REF, projections=["cases"])


def test_rebuilding_an_empty_history_switches_to_an_empty_generation(
    server_engine: Engine,
) -> None:
    result = rebuild(server_engine, REF)

    assert result.events == 0
    assert set(generations(server_engine).values()) == {2}
    with server_engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(case_facts)).scalar()
    assert count == 0
