"""Properties of the tracked projections over generated histories (hypothesis chooses
the history, how it is pushed, and the chunk sizes): rebuilding from zero equals
catching up after every push, and catch-ups running at once never count twice."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from projection_scenario import REF, a_mixed_history, store
from sqlalchemy.engine import Engine
from test_projector import snapshot

from sync_server.projections import PROJECTIONS, catch_up, rebuild
from sync_server.tables import events, projection_state


def empty(engine: Engine) -> None:
    """Back to a migrated database with no history (hypothesis reuses the fixture)."""
    with engine.begin() as connection:
        connection.execute(events.delete())
        for projection in PROJECTIONS.values():
            connection.execute(projection.table.delete())
        connection.execute(
            projection_state.update().values(
                active_generation=1, position=0, building_generation=None, building_position=None
            )
        )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(min_value=1, max_value=10_000),
    batch=st.integers(min_value=1, max_value=40),
    catch_up_chunk=st.integers(min_value=1, max_value=50),
    rebuild_chunk=st.integers(min_value=1, max_value=200),
    max_cached=st.integers(min_value=1, max_value=500),
)
def test_rebuilding_from_zero_equals_catching_up_after_every_push(
    server_engine: Engine,
    seed: int,
    batch: int,
    catch_up_chunk: int,
    rebuild_chunk: int,
    max_cached: int,
) -> None:
    empty(server_engine)
    history = a_mixed_history(seed, companies=4, cases=12)
    for start in range(0, len(history), batch):
        store(server_engine, history[start : start + batch])
        catch_up(server_engine, REF, chunk=catch_up_chunk)
    incremental = snapshot(server_engine)

    rebuild(server_engine, REF, chunk=rebuild_chunk, max_cached=max_cached)

    assert snapshot(server_engine) == incremental


def test_catch_ups_running_at_once_fold_every_event_exactly_once(server_engine: Engine) -> None:
    history = a_mixed_history(seed=61, companies=8, cases=60)
    store(server_engine, history[: len(history) // 2])
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(5):
                catch_up(server_engine, REF, chunk=7)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    store(server_engine, history[len(history) // 2 :])
    for thread in threads:
        thread.join()
    catch_up(server_engine, REF)
    concurrent = snapshot(server_engine)

    rebuild(server_engine, REF)

    assert errors == []
    assert snapshot(server_engine) == concurrent
    with server_engine.connect() as connection:
        positions = connection.execute(sa.select(projection_state.c.position)).scalars().all()
    assert set(positions) == {len(history)}
