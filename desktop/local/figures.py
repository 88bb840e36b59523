"""A counselor's own figures, offline: the national KPI functions of
``domain.projections`` run over the events on this computer (the canonical ones it
has pulled, then its own pending ones), restricted to the counselor's region.

The server's reports and this computer's figures come from the same pure functions,
so they differ only by what each side has seen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from desktop.local.outbox import OutboxStatus
from desktop.local.workspace import Workspace
from domain.projections import FactEvent, KpiReport, NationalFacts, Period, kpi_report
from domain.projections.events import fact_event_from

PAGE = 5_000


def local_fact_events(workspace: Workspace) -> Iterator[FactEvent]:
    """Every canonical event in pulled order, then the pending ones as recorded."""
    store = workspace.store
    start = 1
    while True:
        page = store.recorder.select_notifications(start=start, limit=PAGE)
        for notification in page:
            yield fact_event_from(store.mapper.to_domain_event(notification))  # type: ignore[arg-type]
        if len(page) < PAGE:
            break
        start = page[-1].id + 1
    for entry in workspace.outbox.entries(OutboxStatus.PENDING, OutboxStatus.ACKNOWLEDGED):
        yield FactEvent(
            topic=entry.topic,
            aggregate_id=entry.aggregate_id,
            version=entry.version,
            recorded_at=entry.recorded_at,
            recorded_by=entry.recorded_by,
            data=entry.payload,
        )


def region_figures(
    workspace: Workspace, region: str, period: Period, *, as_of: datetime | None = None
) -> KpiReport:
    """The KPI report of ``region`` for ``period`` from this computer's events."""
    as_of = as_of or datetime.now(UTC)
    facts = NationalFacts()
    reference = workspace.store.reference
    for event in local_fact_events(workspace):
        if event.recorded_at <= as_of:
            facts.apply(event, reference)
    return kpi_report(facts, period, as_of=as_of, reference=reference, region=region)
