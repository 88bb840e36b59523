"""Where an ingested event's time goes, against the budget issue 4's ingest target sets.

The same N events as ``sync_ingest.py`` (default 100,000; batches of 1,000) are judged
and stored in this process, without HTTP, on PostgreSQL, one step of ``ingest.push`` at
a time. Measured in the same run:

- the budget: ``sync_ingest.py``'s target is 0.5x plain ``executemany`` of the same
  rows, so an event may take at most twice that baseline's time per row, end to end;
- PostgreSQL's own share of storing: a binary ``COPY`` of the stored rows into a copy
  of the ``events`` table with its indexes, with no judging and no Python formatting
  beyond psycopg's.

It prints each step in microseconds an event and as a share of the budget, so whether
the target can be reached without HTTP at all is read off one run.
Run: .venv/bin/python bench/sync_ingest_breakdown.py [--events 100000]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import orjson
import psycopg
from _sync_rig import PG, counselor_history, fresh_database
from sync_ingest import BATCH, raw_executemany

from domain.access import Actor, Role
from domain.reference import default_reference
from sync_protocol import PushRequest
from sync_server.auth.session import Session
from sync_server.central_history import head
from sync_server.database import create_database_engine
from sync_server.garbage import collect_garbage_seldom
from sync_server.ingest import (
    _Batch,
    _save_receipts,
    known_results,
    lock_history,
    refuse_malformed,
)
from sync_server.migrate import upgrade

SENDER = Session(Actor("counselor.kim", Role.COUNSELOR, region="daejeon"), "bench-laptop")
STEPS = {
    "validate": "read the batch: JSON to envelopes (pydantic), envelope checks",
    "lock": "take the history lock",
    "known": "look up earlier answers (replayed events)",
    "load": "load the batch's aggregates from their stored events",
    "judge": "judge: decode each payload, check scope and rules, fold",
    "store": "store: binary COPY of the events, scopes, receipts, answers",
    "commit": "commit",
}


def judged_in_steps(dbname: str, bodies: list[bytes]) -> Counter[str]:
    """``ingest.push`` (validation first, as the endpoint does) with a clock per step."""
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{dbname}"
    upgrade(url)
    engine = create_database_engine(url)
    reference = default_reference()
    spent: Counter[str] = Counter()

    @contextmanager
    def step(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        spent[name] += time.perf_counter() - started

    for body in bodies:
        with step("validate"):
            envelopes = PushRequest.model_validate_json(body).events
            refuse_malformed(SENDER, envelopes)
        with engine.connect() as connection:
            transaction = connection.begin()
            with step("lock"):
                lock_history(connection)
            with step("known"):
                known = known_results(connection, [e.event_id for e in envelopes])
                fresh = [e for e in envelopes if e.event_id not in known]
            with step("load"):
                batch = _Batch(connection, SENDER, reference, {e.aggregate_id for e in fresh})
            with step("judge"):
                for envelope in fresh:
                    batch.judge(envelope)
            with step("store"):
                answers = batch.flush()
                _save_receipts(connection, list(answers.values()), SENDER.actor.username)
                head(connection)
            with step("commit"):
                transaction.commit()
        assert {a.status.value for a in answers.values()} == {"accepted"}
    engine.dispose()
    return spent


def copy_of_stored_rows(dbname: str) -> float:
    """PostgreSQL's part of storing: the stored rows copied, 1,000 per transaction, into
    a table like ``events`` (same indexes), from rows already in memory."""
    with psycopg.connect(dbname=dbname, **PG) as db:
        rows = db.execute("SELECT * FROM events ORDER BY position").fetchall()
        types = [
            oid
            for (oid,) in db.execute(
                "SELECT atttypid::int FROM pg_attribute WHERE attrelid = 'events'::regclass"
                " AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
            )
        ]
        db.execute("CREATE TABLE events_copied (LIKE events INCLUDING ALL)")
        db.commit()
        started = time.perf_counter()
        for start in range(0, len(rows), BATCH):
            statement = "COPY events_copied FROM STDIN (FORMAT BINARY)"
            with db.cursor() as cursor, cursor.copy(statement) as copy:
                copy.set_types(types)
                for row in rows[start : start + BATCH]:
                    copy.write_row(row)
            db.commit()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events = counselor_history(args.events)
    bodies = [
        orjson.dumps({"events": events[start : start + BATCH]})
        for start in range(0, len(events), BATCH)
    ]
    collect_garbage_seldom()  # as ``dari-server serve`` runs
    with fresh_database() as dbname:
        spent = judged_in_steps(dbname, bodies)
        copied = copy_of_stored_rows(dbname)
        raw, _, _ = raw_executemany(dbname, events)
    gc.collect()
    n = len(events)
    budget = 2 * raw / n  # 0.5x the baseline's rate is twice its time per row
    total = sum(spent.values())
    print(f"sync ingest, where the time goes: {n:,} events in batches of {BATCH:,},")
    print("in-process on PostgreSQL (no HTTP)")
    print(f"  raw executemany of the same rows: {1e6 * raw / n:6.2f} us/row")
    print(f"  budget at the 0.5x target:        {1e6 * budget:6.2f} us/event, end to end")
    for name, what in STEPS.items():
        share = spent[name] / n / budget
        print(f"  {1e6 * spent[name] / n:6.2f} us  {share:5.0%}  {what}")
    print(f"  {1e6 * total / n:6.2f} us  {total / n / budget:5.0%}  in all, before HTTP")
    print(
        f"  of the store step, PostgreSQL's own (COPY of the stored rows into a copy of"
        f" events): {1e6 * copied / n:.2f} us"
    )
    print(f"in-process work per event: {total / n / budget:.2f}x the budget (must be <= 1)")


if __name__ == "__main__":
    main()
