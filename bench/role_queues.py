"""How fast the role queues open over 100,000 cases in the read model.

Writes 100,000 synthetic rows (11 statuses, 8 institutes), then times what a queue
page asks when it opens or refreshes: the count and the first page of 200, sorted by
intake time and by the SLA column. The raw baseline measured in this run is the
counselor's unfiltered list (the same two calls without a filter).

Run: .venv/bin/python bench/role_queues.py [--cases 100000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.local.queues import ASSIGNMENT_QUEUE, SURVEY_QUEUE, liaison_inbox
from desktop.local.read_model import (
    EVERY_CASE,
    CaseFilter,
    CaseListQuery,
    CaseRow,
    CaseSort,
    ReadModel,
)
from domain.case_status import CaseStatus
from domain.reference import default_reference
from domain.sla import SlaState

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
INSTITUTES = ("KIMM", "ETRI", "KRISS", "KITECH", "KIST", "KRICT", "KERI", "KIER", None)


def rows(count: int) -> list[CaseRow]:
    statuses = list(CaseStatus)
    return [
        CaseRow(
            case_id=uuid4(),
            company_id=uuid4(),
            company_name=f"기업{n % 9973:04d}",
            business_number="305-81-12345",
            region="daejeon",
            region_name="대전·세종",
            service="difficulty_resolution",
            service_name="애로기술 해결",
            status=statuses[n % len(statuses)],
            received_at=NOW - timedelta(minutes=n),
            institute=INSTITUTES[n % len(INSTITUTES)],
            institute_name="",
            sla_state=SlaState.RUNNING if n % 3 else None,
            sla_due_at=NOW + timedelta(days=3, minutes=-n) if n % 3 else None,
            pending=0,
            will_conflict=0,
            surveyed=n % 4 == 0,
        )
        for n in range(count)
    ]


def opening(query: CaseListQuery, scope: CaseFilter, sort: CaseSort, repeat: int) -> float:
    """Median milliseconds of count + first page."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        query.count(scope=scope)
        query.page(now=NOW, sort=sort, limit=200, scope=scope)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "local.sqlite"
        read_model = ReadModel(path, reference=default_reference())
        read_model.put_rows(rows(arguments.cases))
        read_model.close()
        query = CaseListQuery(path)
        queues = {
            "받은 요청 (KIMM)": liaison_inbox("KIMM"),
            "출연연 지정 대기": ASSIGNMENT_QUEUE,
            "만족도 조사": SURVEY_QUEUE,
        }
        for sort in (CaseSort.RECEIVED_AT, CaseSort.SLA):
            raw = opening(query, EVERY_CASE, sort, arguments.repeat)
            print(f"sort {sort.value}: counselor list (baseline) {raw:7.1f} ms")
            for name, scope in queues.items():
                queue = opening(query, scope, sort, arguments.repeat)
                total = query.count(scope=scope)
                print(
                    f"  {name:<14} {total:>7,} cases  {queue:7.1f} ms  ({queue / raw:.2f}x baseline)"
                )
        query.close()


if __name__ == "__main__":
    main()
