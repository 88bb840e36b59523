"""The active read models held in memory by a server process, for fast reports.

A report must not read ~100,000 rows for every request, so the first one loads the
read models into a ``NationalFacts`` and later ones only fold the events between the
mirror's positions and the read models' tracking positions, with the same folds the
projector uses. The result is exactly the read models at those positions (the
projector wrote the same folds of the same events). A rebuild's switch (a new
generation) makes the mirror load again. Snapshots are never changed once published:
advancing copies the dictionaries it changes, so a report being computed keeps
reading a consistent state.

Once a report has been asked for, the background projector keeps the mirror current
after each catch-up, so requests seldom wait for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection, Engine

from domain.business_calendar import KST
from domain.projections.facts import NationalFacts
from domain.projections.kpi import kpi_report
from domain.projections.period import Period
from domain.reference import ReferenceData
from sync_server.projections.history import read_fact_events
from sync_server.projections.projector import read_states, without_cycle_collection
from sync_server.projections.read_models import BY_AGGREGATE_TYPE, load_national_facts

REPLAY_LIMIT = 200_000
"""Past this many events behind, loading the tables again is quicker than folding."""

_PAGE = 10_000


@dataclass(frozen=True)
class MirrorSnapshot:
    generations: dict[str, int]
    positions: dict[str, int]
    facts: NationalFacts

    @property
    def position(self) -> int:
        """The history position every projection in the snapshot has folded."""
        return min(self.positions.values())


def _prime_reports(facts: NationalFacts, reference: ReferenceData) -> None:
    """Judge every case's fixed contribution once, while loading (once per process and
    per rebuild), so the first report a person asks for is as quick as the next ones:
    one report over the whole history fills ``kpi_report``'s per-case cache."""
    if not facts.cases:
        return
    now = datetime.now(UTC)
    first = min(case.received_at for case in facts.cases.values()).astimezone(KST).date()
    last = (now.astimezone(KST) + timedelta(days=1)).date()
    kpi_report(facts, Period(min(first, last), last), as_of=now, reference=reference)


class FactsMirror:
    def __init__(self, reference: ReferenceData) -> None:
        self.reference = reference
        self._lock = threading.Lock()
        self._snapshot: MirrorSnapshot | None = None
        self.loads = 0
        """Full loads from the tables (for tests and diagnostics)."""

    @property
    def warm(self) -> bool:
        return self._snapshot is not None

    def current(self, connection: Connection) -> MirrorSnapshot:
        """The read models as of the tracking positions seen by ``connection``'s
        transaction (or later ones, if the mirror is already ahead of it)."""
        states = read_states(connection)
        generations = {name: state.active_generation for name, state in states.items()}
        positions = {name: state.position for name, state in states.items()}
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or snapshot.generations != generations:
                snapshot = self._load(connection, generations, positions)
            elif any(snapshot.positions[name] < positions[name] for name in positions):
                behind = max(positions.values()) - min(snapshot.positions.values())
                if behind > REPLAY_LIMIT:
                    snapshot = self._load(connection, generations, positions)
                else:
                    snapshot = self._advanced(connection, snapshot, positions)
            self._snapshot = snapshot
            return snapshot

    def refresh(self, engine: Engine) -> None:
        """Bring a mirror that is in use up to date (the background projector calls it)."""
        if self._snapshot is None:
            return
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            self.current(connection)
            connection.rollback()

    def _load(
        self, connection: Connection, generations: dict[str, int], positions: dict[str, int]
    ) -> MirrorSnapshot:
        self.loads += 1
        with without_cycle_collection():
            facts = load_national_facts(connection, generations)
            _prime_reports(facts, self.reference)
        return MirrorSnapshot(generations, positions, facts)

    def _advanced(
        self, connection: Connection, snapshot: MirrorSnapshot, positions: dict[str, int]
    ) -> MirrorSnapshot:
        old = snapshot.positions
        targets = {name: max(old[name], positions[name]) for name in old}
        stores: dict[str, dict[Any, Any]] = {}
        facts = snapshot.facts
        after = min(old[name] for name in old if old[name] < targets[name])
        until = max(targets.values())
        reference = self.reference
        while True:
            page_positions, page = read_fact_events(connection, after, _PAGE, until=until)
            for position, event in zip(page_positions, page, strict=True):
                projection = BY_AGGREGATE_TYPE.get(event.topic.rsplit(".", 1)[0])
                if projection is None:
                    continue
                name = projection.name
                if not old[name] < position <= targets[name]:
                    continue
                store = stores.get(name)
                if store is None:
                    store = stores[name] = dict(getattr(facts, projection.national_field))
                key = event.aggregate_id
                folded = projection.evolve(store.get(key), event, reference)
                if folded is None:
                    store.pop(key, None)
                else:
                    store[key] = folded
            if len(page_positions) < _PAGE:
                break
            after = page_positions[-1]
        advanced = NationalFacts(
            cases=stores.get("case_facts", facts.cases),
            companies=stores.get("company_facts", facts.companies),
            consulting=stores.get("consulting_facts", facts.consulting),
            mentoring=stores.get("mentoring_facts", facts.mentoring),
        )
        return MirrorSnapshot(snapshot.generations, targets, advanced)
