"""Tracked projections of the central history into the read models.

``catch_up`` folds the events after each projection's tracking position into the
active generation and advances the position in the same transaction, so a crash or a
restart never skips or double-counts an event: either the rows and the position both
moved, or neither did. Several workers may run it at once; the projection state rows
are locked, so they take turns.

``rebuild`` folds the whole history into a new generation beside the live one, a chunk
per transaction, while reports keep reading the active generation. Once it has caught
up with the head, one transaction folds the remainder, makes the new generation the
active one and deletes the old generation's rows.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from domain.errors import DomainError
from domain.projections.events import FactEvent
from domain.reference import ReferenceData
from sync_server.projections.history import count_events, head, read_fact_events
from sync_server.projections.read_models import (
    BY_AGGREGATE_TYPE,
    PROJECTIONS,
    Projection,
    load_facts,
)
from sync_server.tables import projection_state

CATCH_UP_CHUNK = 5_000
"""Events folded per catch-up transaction."""

REBUILD_CHUNK = 50_000
"""Events folded per rebuild transaction."""

REBUILD_CACHE = 1_000_000
"""Facts a rebuild keeps in memory between chunks; past that it forgets them and
loads the ones it needs again from the rows it wrote."""

Progress = Callable[[int, int], None]
"""``progress(events_done, events_total)``; the total may grow while the history does."""


class RebuildRefused(DomainError):
    """A rebuild cannot start or finish (unknown projection, another rebuild running)."""


@dataclass(frozen=True)
class ProjectionState:
    name: str
    active_generation: int
    position: int
    building_generation: int | None
    building_position: int | None


def read_states(connection: Connection, *, lock: bool = False) -> dict[str, ProjectionState]:
    """Every projection's state (rows for projections added later are created here),
    locked against other projectors until the transaction ends when ``lock``."""
    query = sa.select(projection_state).order_by(projection_state.c.name)
    if lock and connection.dialect.name == "postgresql":
        query = query.with_for_update()
    states = {row.name: _state(row) for row in connection.execute(query)}
    missing = [name for name in PROJECTIONS if name not in states]
    if missing:
        _insert_missing_states(connection, missing)
        states = {row.name: _state(row) for row in connection.execute(query)}
    return {name: states[name] for name in PROJECTIONS}


def _state(row: Any) -> ProjectionState:
    return ProjectionState(
        row.name,
        row.active_generation,
        row.position,
        row.building_generation,
        row.building_position,
    )


def _insert_missing_states(connection: Connection, names: Sequence[str]) -> None:
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(
        dialect.insert(projection_state).on_conflict_do_nothing(),
        [
            {
                "name": name,
                "active_generation": 1,
                "position": 0,
                "building_generation": None,
                "building_position": None,
                "updated_at": datetime.now(UTC),
            }
            for name in names
        ],
    )


def active_generations(connection: Connection) -> tuple[dict[str, int], int]:
    """What reports read: each projection's active generation, and the position up to
    which all of them have folded the history."""
    states = read_states(connection)
    return (
        {name: state.active_generation for name, state in states.items()},
        min(state.position for state in states.values()),
    )


# Folding ---------------------------------------------------------------------------------


class _Fold:
    """Facts of one generation per projection, folded in memory and written back in bulk.

    Facts are cached by the integer of their UUID (hashing a ``UUID`` runs Python code;
    an ``int`` does not). ``complete`` says the cache holds every row of the generation
    (a rebuild before its first eviction): then a key missing from it is simply new,
    and nothing is read back.
    """

    def __init__(
        self,
        generations: dict[str, int],
        reference: ReferenceData,
        *,
        complete: bool,
        max_cached: int | None = None,
    ) -> None:
        self.generations = generations
        self.reference = reference
        self.complete = complete
        self.max_cached = max_cached
        self.facts: dict[str, dict[int, Any]] = {name: {} for name in generations}
        self.stored: dict[str, set[int]] = {name: set() for name in generations}
        self.dirty: dict[str, set[int]] = {name: set() for name in generations}
        self.settling: dict[str, set[int]] = {name: set() for name in generations}
        self._routes: dict[str, tuple[Projection, dict[int, Any], set[int]] | None] = {}

    def _route(self, topic: str) -> tuple[Projection, dict[int, Any], set[int]] | None:
        if topic in self._routes:
            return self._routes[topic]
        projection = BY_AGGREGATE_TYPE.get(topic.rsplit(".", 1)[0])
        route = None
        if projection is not None and projection.name in self.generations:
            name = projection.name
            route = (projection, self.facts[name], self.dirty[name])
        self._routes[topic] = route
        return route

    def apply(
        self,
        connection: Connection,
        positions: Sequence[int],
        fact_events: Sequence[FactEvent],
        after: dict[str, int] | None = None,
    ) -> None:
        """Fold ``fact_events``, each projection only those after its ``after`` position."""
        if after is not None:
            fact_events = [
                event
                for position, event in zip(positions, fact_events, strict=True)
                if (route := self._route(event.topic)) is not None
                and position > after[route[0].name]
            ]
        if not self.complete:
            self._load_missing(connection, fact_events)
        reference = self.reference
        route_of = self._route
        for event in fact_events:
            route = route_of(event.topic)
            if route is None:
                continue
            projection, cache, dirty = route
            key = event.aggregate_id.int
            before = cache.get(key)
            after_event = projection.evolve(before, event, reference)
            if after_event is not before:
                cache[key] = after_event
                dirty.add(key)

    def _load_missing(self, connection: Connection, pending: Sequence[FactEvent]) -> None:
        missing: dict[str, set[UUID]] = {}
        for event in pending:
            route = self._route(event.topic)
            if route is not None and event.aggregate_id.int not in route[1]:
                missing.setdefault(route[0].name, set()).add(event.aggregate_id)
        for name, keys in missing.items():
            projection = PROJECTIONS[name]
            loaded = load_facts(connection, projection, self.generations[name], keys)
            cache, stored = self.facts[name], self.stored[name]
            for key in keys:
                cache[key.int] = loaded.get(key)
            stored.update(key.int for key in loaded)

    def flush(self, connection: Connection, *, everything: bool = True) -> int:
        """Write changed facts; returns the rows written.

        A rebuild writes behind (``everything=False``): facts changed in this chunk wait
        for the next one, and are written once they stop changing (a case's events
        spread over weeks, so most would otherwise be written two or three times). The
        last flush, and any flush that forgets the cache, writes everything."""
        evict = self.max_cached is not None and sum(map(len, self.facts.values())) > self.max_cached
        everything = everything or evict
        written = 0
        for name, touched in self.dirty.items():
            settling = self.settling.setdefault(name, set())
            if everything:
                keys = touched | settling
                settling.clear()
            else:
                keys = settling - touched
                settling.clear()
                settling.update(touched)
            touched.clear()
            if not keys:
                continue
            projection = PROJECTIONS[name]
            cache, stored = self.facts[name], self.stored[name]
            generation = self.generations[name]
            replaced = [key for key in keys if key in stored]
            present = [facts for key in keys if (facts := cache.get(key)) is not None]
            _delete_rows(connection, projection, generation, [UUID(int=key) for key in replaced])
            _insert_rows(connection, projection, generation, present)
            stored.update(key for key in keys if cache.get(key) is not None)
            stored.difference_update(key for key in replaced if cache.get(key) is None)
            written += len(present)
        if evict:
            for name in self.facts:
                self.facts[name].clear()
                self.stored[name].clear()
            self.complete = False
        return written


def _delete_rows(
    connection: Connection, projection: Projection, generation: int, keys: Sequence[UUID]
) -> None:
    if not keys:
        return
    table = projection.table
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table.name} WHERE generation = %s AND {projection.key} = ANY(%s)",
                (generation, list(keys)),
            )
        return
    for start in range(0, len(keys), 5_000):
        connection.execute(
            table.delete().where(
                table.c.generation == generation,
                projection.key_column.in_(keys[start : start + 5_000]),
            )
        )


def _insert_rows(
    connection: Connection, projection: Projection, generation: int, facts: Sequence[Any]
) -> None:
    """COPY on PostgreSQL, executemany on SQLite, in the open transaction."""
    if not facts:
        return
    table = projection.table
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        columns = ", ".join(column.name for column in table.columns)
        copy_row = projection.copy_row
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy,
        ):
            write_row = copy.write_row
            for item in facts:
                write_row(copy_row(item, generation))
        return
    connection.execute(table.insert(), [projection.sql_row(item, generation) for item in facts])


def _save_positions(connection: Connection, positions: dict[str, int]) -> None:
    """Advance the tracking positions: the last step of a catch-up transaction."""
    now = datetime.now(UTC)
    for name, position in positions.items():
        connection.execute(
            projection_state.update()
            .where(projection_state.c.name == name)
            .values(position=position, updated_at=now)
        )


# Catching up -----------------------------------------------------------------------------


def catch_up(
    engine: Engine,
    reference: ReferenceData,
    *,
    limit: int | None = None,
    chunk: int = CATCH_UP_CHUNK,
) -> int:
    """Fold the events recorded since the last catch-up into the active generations,
    ``chunk`` events per transaction; returns the number of events read (at most
    ``limit``). Safe to call from several threads or workers at once."""
    done = 0
    while limit is None or done < limit:
        size = chunk if limit is None else min(chunk, limit - done)
        with engine.begin() as connection:
            states = read_states(connection, lock=True)
            after = {name: state.position for name, state in states.items()}
            positions, fact_events = read_fact_events(connection, min(after.values()), size)
            if not fact_events:
                return done
            fold = _Fold(
                {name: state.active_generation for name, state in states.items()},
                reference,
                complete=False,
            )
            fold.apply(connection, positions, fact_events, after)
            fold.flush(connection)
            last = positions[-1]
            _save_positions(
                connection, {name: last for name, position in after.items() if position < last}
            )
        done += len(fact_events)
        if len(fact_events) < size:
            break
    return done


# Rebuilding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RebuildResult:
    projections: tuple[str, ...]
    generation: int
    events: int
    seconds: float

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else float("inf")


def rebuild(
    engine: Engine,
    reference: ReferenceData,
    progress: Progress | None = None,
    *,
    projections: Collection[str] | None = None,
    chunk: int = REBUILD_CHUNK,
    max_cached: int = REBUILD_CACHE,
    before_switch: Callable[[], None] | None = None,
) -> RebuildResult:
    """Fold the whole history from position 0 into a new generation of ``projections``
    (all by default) and make it the active one; reports read the old generation until
    the switch. ``before_switch`` runs once the new generation has caught up, just
    before the switching transaction (tests use it to look at the halfway state).

    Each chunk commits with ``building_position`` (how far the fold has come, for
    people watching); rows are written behind, once their facts stop changing, and all
    of them by the switch. An interrupted rebuild is not resumed: the next one clears
    what it left and starts from zero."""
    names = _projection_names(projections)
    aggregate_types = [PROJECTIONS[name].aggregate_type for name in names]
    started = time.perf_counter()
    with _only_rebuild(engine), without_cycle_collection():
        generation = _begin_generation(engine, names)
        with engine.connect() as connection:
            total = count_events(connection, aggregate_types=aggregate_types)
            connection.rollback()
        fold = _Fold(
            dict.fromkeys(names, generation), reference, complete=True, max_cached=max_cached
        )
        position = done = 0
        if progress:
            progress(0, total)
        while True:
            with engine.begin() as connection:
                positions, fact_events = read_fact_events(
                    connection, position, chunk, aggregate_types=aggregate_types
                )
                if not fact_events:
                    break
                fold.apply(connection, positions, fact_events)
                fold.flush(connection, everything=False)
                position = positions[-1]
                _save_building_position(connection, names, generation, position)
            done += len(fact_events)
            if progress:
                progress(done, max(total, done))
            if len(fact_events) < chunk:
                break
        if before_switch:
            before_switch()
        with engine.begin() as connection:
            states = read_states(connection, lock=True)
            if any(states[name].building_generation != generation for name in names):
                raise RebuildRefused(
                    "다른 재구성이 이 재구성을 대신했습니다. 결과를 버립니다.", field="projection"
                )
            # Every position up to the head is committed (pushes commit in position
            # order, under the history lock): fold the rest up to it and track from it,
            # even when the last events there belong to other projections.
            until = head(connection)
            while True:
                positions, fact_events = read_fact_events(
                    connection, position, chunk, until=until, aggregate_types=aggregate_types
                )
                if not fact_events:
                    break
                fold.apply(connection, positions, fact_events)
                fold.flush(connection, everything=False)
                position = positions[-1]
                done += len(fact_events)
            fold.flush(connection)
            position = max(position, until)
            _switch(connection, names, generation, position, states)
    if progress:
        progress(done, done)
    return RebuildResult(tuple(names), generation, done, time.perf_counter() - started)


def _projection_names(projections: Collection[str] | None) -> list[str]:
    if projections is None:
        return list(PROJECTIONS)
    unknown = [name for name in projections if name not in PROJECTIONS]
    if unknown:
        known = ", ".join(PROJECTIONS)
        raise RebuildRefused(
            f"알 수 없는 통계 표입니다: {', '.join(unknown)} (있는 표: {known})",
            field="projection",
        )
    return [name for name in PROJECTIONS if name in projections]


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Facts, events and rows hold no reference cycles, but a rebuild (or a replay, or
    a full load) makes millions of them, and the cycle collector would walk them again
    and again (it took two thirds of a rebuild's time). Reference counting still frees
    everything; cycles made by other threads meanwhile are collected afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _only_rebuild(engine: Engine) -> Iterator[None]:
    """One rebuild at a time (PostgreSQL advisory lock; SQLite has one server)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        got = connection.execute(
            sa.text("SELECT pg_try_advisory_lock(hashtext('dari.projections.rebuild'))")
        ).scalar_one()
        connection.commit()
        if not got:
            raise RebuildRefused(
                "다른 곳에서 통계 재구성이 이미 진행 중입니다. 끝난 뒤에 다시 실행해 주세요."
            )
        try:
            yield
        finally:
            connection.execute(
                sa.text("SELECT pg_advisory_unlock(hashtext('dari.projections.rebuild'))")
            )
            connection.commit()


def _begin_generation(engine: Engine, names: Sequence[str]) -> int:
    """Claim a new generation number and clear what an interrupted rebuild left."""
    with engine.begin() as connection:
        states = read_states(connection, lock=True)
        generation = 1 + max(
            max(state.active_generation, state.building_generation or 0)
            for state in states.values()
        )
        for name in names:
            table = PROJECTIONS[name].table
            connection.execute(
                table.delete().where(table.c.generation != states[name].active_generation)
            )
            connection.execute(
                projection_state.update()
                .where(projection_state.c.name == name)
                .values(building_generation=generation, building_position=0)
            )
    return generation


def _save_building_position(
    connection: Connection, names: Sequence[str], generation: int, position: int
) -> None:
    # The state rows are locked in name order first, as every other writer locks them,
    # so a rebuild and a catch-up never wait on each other in a cycle.
    read_states(connection, lock=True)
    connection.execute(
        projection_state.update()
        .where(
            projection_state.c.name.in_(names),
            projection_state.c.building_generation == generation,
        )
        .values(building_position=position)
    )


def _switch(
    connection: Connection,
    names: Sequence[str],
    generation: int,
    position: int,
    states: dict[str, ProjectionState],
) -> None:
    now = datetime.now(UTC)
    for name in names:
        table = PROJECTIONS[name].table
        connection.execute(
            projection_state.update()
            .where(projection_state.c.name == name)
            .values(
                active_generation=generation,
                position=position,
                building_generation=None,
                building_position=None,
                updated_at=now,
            )
        )
        connection.execute(
            table.delete().where(table.c.generation == states[name].active_generation)
        )
