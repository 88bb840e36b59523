"""How fast a fresh client pulls the central history into its encrypted local store.

A server on PostgreSQL holds N events (default 100,000; pushed first, not timed). A
fresh central-staff laptop (who sees everything) pulls them all with its SyncEngine:
pages over HTTP, each event decoded, re-encrypted and stored locally, the cursor kept.
Baseline, same run: a raw paged scan of the same events table with psycopg, each row's
JSON decoded with orjson.

Target (issue 4): <= 8 s for 100,000 events.  Peer: CouchDB ~19 s for 100,000 docs.
Run: .venv/bin/python bench/sync_pull.py [--events 100000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import orjson
import psycopg
from _sync_rig import PASSWORD, PG, counselor_history, fresh_database, push_events, running_server

from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine

PAGE = 1000


def fresh_pull(base: str, scratch: Path) -> tuple[float, int]:
    workspace = Workspace.open(scratch / "fresh.sqlite", cipher_key=new_store_key())
    client = SyncClient(base)
    client.login("central.lee", PASSWORD, device_id="lee-desk", device_name="bench")
    engine = SyncEngine(workspace, client, pull_page=PAGE)
    started = time.perf_counter()
    report = engine.sync_once()
    elapsed = time.perf_counter() - started
    client.close()
    workspace.close()
    return elapsed, report.stored


def raw_scan(dbname: str) -> tuple[float, int]:
    rows = 0
    with psycopg.connect(dbname=dbname, **PG) as db:
        started = time.perf_counter()
        cursor = 0
        while True:
            page = db.execute(
                "SELECT position, event_id, aggregate_id, topic, version, state FROM events"
                " WHERE position > %s ORDER BY position LIMIT %s",
                (cursor, PAGE),
            ).fetchall()
            if not page:
                break
            for row in page:
                orjson.loads(row[5])
            rows += len(page)
            cursor = page[-1][0]
        return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    events = counselor_history(args.events)
    with fresh_database() as dbname, tempfile.TemporaryDirectory() as scratch:
        with running_server(dbname, Path(scratch)) as base:
            push_events(base, events, PAGE)
            pulled_in, stored = fresh_pull(base, Path(scratch))
        raw_in, scanned = raw_scan(dbname)
    print(f"fresh pull, {stored:,} events into an encrypted local store, server on PostgreSQL")
    print(
        f"  SyncEngine.sync_once (HTTP pages of {PAGE:,}): {pulled_in:6.2f} s  {stored / pulled_in:9,.0f} events/s"
    )
    print(
        f"  raw paged scan + orjson decode:            {raw_in:6.2f} s  {scanned / raw_in:9,.0f} rows/s"
    )
    print(f"ratio to the raw scan: {pulled_in / raw_in:.1f}x the time")
    verdict = "meets" if pulled_in <= 8.0 * stored / 100_000 else "MISSES"
    print(
        f"target <= 8 s per 100,000 events: {verdict} ({pulled_in * 100_000 / stored:.2f} s per 100,000)"
    )


if __name__ == "__main__":
    main()
