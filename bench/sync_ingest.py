"""How fast the sync server ingests pushed events on PostgreSQL.

Pushes N events (default 100,000) in batches of 1,000 over HTTP to a real
``dari-server serve`` on PostgreSQL: every event is authenticated, decoded, checked
against its sender's scope and its aggregate's rules, and stored with its receipt.
Baseline, same run: plain psycopg ``executemany`` of the same rows into a table of the
same shape, 1,000 rows per transaction.

Target (issue 4): >= 0.5x the baseline.  Peer: CouchDB/PouchDB ~4,600 docs/s.
Run: .venv/bin/python bench/sync_ingest.py [--events 100000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import orjson
import psycopg
from _sync_rig import (
    PG,
    CpuReading,
    counselor_history,
    cpu_reading,
    cpu_spent,
    fresh_database,
    login,
    process_cpu_seconds,
    running_server,
)

BATCH = 1000


def push_all(
    base: str,
    dbname: str,
    events: list[dict],  # type: ignore[type-arg]
) -> tuple[float, float, CpuReading]:
    """Pushes every batch; like the baseline's rows, the request bodies are made first.
    Returns the seconds taken, the CPU seconds this client spent on them, and the CPU
    reading (``cpu_reading``) at the start."""
    client = login(base, "counselor.kim", "bench-laptop")
    bodies = [
        orjson.dumps({"events": events[start : start + BATCH]})
        for start in range(0, len(events), BATCH)
    ]
    headers = {"Content-Type": "application/json"}
    cpu_before = cpu_reading(base, dbname)
    client_cpu = time.process_time()
    started = time.perf_counter()
    for body in bodies:
        response = client.post("/sync/push", content=body, headers=headers)
        response.raise_for_status()
        statuses = {r["status"] for r in response.json()["results"]}
        assert statuses == {"accepted"}, statuses
    elapsed = time.perf_counter() - started
    return elapsed, time.process_time() - client_cpu, cpu_before


def projections_lag(dbname: str, pushed: int) -> float:
    """Seconds after the last push until every read model has folded the whole history
    (the projector folds while the pushes arrive; this is what is left at the end)."""
    started = time.perf_counter()
    with psycopg.connect(dbname=dbname, autocommit=True, **PG) as db:
        while time.perf_counter() - started < 120:
            (behind,) = db.execute(
                "SELECT count(*) FROM projection_state WHERE position < %s", (pushed,)
            ).fetchone()  # type: ignore[misc]
            if behind == 0:
                return time.perf_counter() - started
            time.sleep(0.01)
    raise RuntimeError("the read models did not catch up within 120 s")


def raw_executemany(dbname: str, events: list[dict]) -> tuple[float, float, float]:  # type: ignore[type-arg]
    """Seconds taken, and the CPU seconds it took in this process and in its PostgreSQL
    backend."""
    rows = [
        (
            e["event_id"],
            e["aggregate_id"],
            e["aggregate_type"],
            e["version"],
            e["topic"],
            e["schema_version"],
            e["recorded_by"],
            e["device_id"],
            e["recorded_at"],
            json.dumps(e["payload"], ensure_ascii=False).encode(),
        )
        for e in events
    ]
    with psycopg.connect(dbname=dbname, **PG) as db:
        db.execute(
            "CREATE TABLE raw_events (position bigserial PRIMARY KEY, event_id uuid UNIQUE,"
            " aggregate_id uuid, aggregate_type text, version int, topic text,"
            " schema_version int, recorded_by text, device_id text, recorded_at timestamptz,"
            " state bytea, UNIQUE (aggregate_id, version))"
        )
        db.commit()
        backend = db.info.backend_pid
        backend_cpu = process_cpu_seconds(backend)
        client_cpu = time.process_time()
        started = time.perf_counter()
        for start in range(0, len(rows), BATCH):
            with db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO raw_events (event_id, aggregate_id, aggregate_type, version,"
                    " topic, schema_version, recorded_by, device_id, recorded_at, state)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    rows[start : start + BATCH],
                )
            db.commit()
        return (
            time.perf_counter() - started,
            time.process_time() - client_cpu,
            process_cpu_seconds(backend) - backend_cpu,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events = counselor_history(args.events)
    with fresh_database() as dbname, tempfile.TemporaryDirectory() as scratch:
        with running_server(dbname, Path(scratch)) as base:
            pushed, client_cpu, cpu_before = push_all(base, dbname, events)
            lag = projections_lag(dbname, len(events))
            cpu_after = cpu_reading(base, dbname)
        raw, raw_client_cpu, raw_postgresql_cpu = raw_executemany(dbname, events)
    n = len(events)
    ours, baseline = n / pushed, n / raw
    print(f"sync ingest, {n:,} events in batches of {BATCH:,}, PostgreSQL")
    print(f"  dari-server push (HTTP, judged, receipts): {pushed:6.2f} s  {ours:9,.0f} events/s")
    print(f"  raw executemany of the same rows:          {raw:6.2f} s  {baseline:9,.0f} rows/s")
    print(f"ratio to raw executemany: {ours / baseline:.2f}x (target >= 0.5x)")
    print(f"read models caught up {lag:.2f} s after the last push")
    spent = {
        name: 1e6 * seconds / n
        for name, seconds in {**cpu_spent(cpu_before, cpu_after), "client": client_cpu}.items()
    }
    print("CPU an event, from the first push until the read models caught up:")
    for name, us in spent.items():
        print(f"  {us:6.1f} us  {name}")
    pushing = spent["server"] + spent["its PostgreSQL backends"] + spent["client"]
    print(f"  {pushing:6.1f} us  for the pushes alone (server, its backends, client)")
    print(f"  {sum(spent.values()):6.1f} us  in all")
    print(
        f"  raw executemany, a row: client {1e6 * raw_client_cpu / n:.1f} us,"
        f" PostgreSQL backend {1e6 * raw_postgresql_cpu / n:.1f} us"
    )
    allowed = 2 * 1e6 * raw / n
    print(
        f"at the 0.5x target an event may take {allowed:.1f} us end to end; the server's"
        f" own CPU alone took {spent['server']:.1f} us ({spent['server'] / allowed:.2f}x),"
        " and one client's batches are judged one after another"
    )


if __name__ == "__main__":
    main()
