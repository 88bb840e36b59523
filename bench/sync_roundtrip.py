"""How soon an edit on one laptop shows on another (live notification).

Laptop A (counselor) adds a note to a case and syncs; laptop B (central staff) runs its
SyncEngine live: a long poll on /sync/wait wakes it, it pulls and stores the event in
its encrypted store. Timed from A's record to the event being in B's store, over N
edits (default 200), server on PostgreSQL, all on loopback.
Baseline, same run: two plain HTTP requests in a row (GET /health), the floor for
"one request to send, one to receive".

Target (issue 4): p95 <= 100 ms.  Peer: CouchDB live replication p95 ~26-40 ms.
Run: .venv/bin/python bench/sync_roundtrip.py [--edits 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from _sync_rig import PASSWORD, fresh_database, running_server

from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.engine import SyncEngine
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording


def laptop(base: str, scratch: Path, username: str) -> tuple[Workspace, SyncEngine]:
    workspace = Workspace.open(scratch / f"{username}.sqlite", cipher_key=new_store_key())
    client = SyncClient(base)
    client.login(username, PASSWORD, device_id=f"{username}-laptop", device_name=username)
    return workspace, SyncEngine(workspace, client, wait_timeout=10)


def percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def measure(base: str, scratch: Path, edits: int) -> list[float]:
    a_space, a_engine = laptop(base, scratch, "counselor.kim")
    b_space, b_engine = laptop(base, scratch, "central.lee")
    by = Recording("counselor.kim", "counselor.kim-laptop")
    company = Company.register(
        business_number=with_check_digit("305811234"),
        name="왕복정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=by,
    )
    case = Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description="왕복 측정",
        by=by,
    )
    a_space.record(company, case)
    a_engine.sync_once()
    stop = threading.Event()
    live = threading.Thread(target=b_engine.run, args=(stop,), daemon=True)
    live.start()
    b_store = b_space.store
    seen = 0
    while seen < 2:
        seen = b_store.recorder.max_notification_id() or 0
        time.sleep(0.01)
    samples = []
    try:
        for n in range(edits):
            local = a_space.load_case(case.id)
            local.add_note(
                f"메모 {n}",
                by=Recording("counselor.kim", "counselor.kim-laptop", datetime.now(UTC)),
            )
            started = time.perf_counter()
            a_space.record(local)
            # A syncs on as it would (push, then pull and its conflicts); the clock stops
            # when B has the event, not when A's whole sync is over.
            a_sync = threading.Thread(target=a_engine.sync_once)
            a_sync.start()
            while (b_store.recorder.max_notification_id() or 0) <= seen:
                time.sleep(0.0002)
            samples.append(time.perf_counter() - started)
            a_sync.join()
            seen += 1
    finally:
        stop.set()
        live.join(timeout=15)
    return samples


def plain_http(base: str, rounds: int) -> list[float]:
    samples = []
    with httpx.Client(base_url=base) as client:
        client.get("/health")
        for _ in range(rounds):
            started = time.perf_counter()
            client.get("/health")
            client.get("/health")
            samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    with (
        fresh_database() as dbname,
        tempfile.TemporaryDirectory() as scratch,
        running_server(dbname, Path(scratch)) as base,
    ):
        samples = measure(base, Path(scratch), args.edits)
        baseline = plain_http(base, args.edits)
    ms = [s * 1000 for s in samples]
    raw = [s * 1000 for s in baseline]
    p50, p95 = percentile(ms, 50), percentile(ms, 95)
    raw50, raw95 = percentile(raw, 50), percentile(raw, 95)
    print(f"live round trip, {len(ms)} edits, A records -> B has it in its store, PostgreSQL")
    print(
        f"  Dari (push, long-poll wake, pull, store): p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {max(ms):6.1f} ms"
    )
    print(f"  two plain HTTP requests (baseline):       p50 {raw50:6.1f} ms  p95 {raw95:6.1f} ms")
    print(f"ratio to the baseline: p50 {p50 / raw50:.1f}x, p95 {p95 / raw95:.1f}x")
    print(f"target p95 <= 100 ms: {'meets' if p95 <= 100 else 'MISSES'} ({p95:.1f} ms)")


if __name__ == "__main__":
    main()
