"""Where the dashboard's figures come from (현황판 자료): the sync server's national
report for central staff, or this computer's events for a counselor's region. No Qt:
the page calls ``load`` in a background thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop.local.dashboard_data import DashboardQuery, offline_report
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from domain.projections.kpi import KpiReport


class ReportSource(Protocol):
    """Where the figures come from; ``load`` runs in a background thread."""

    def load(self, query: DashboardQuery) -> KpiReport: ...


@dataclass(frozen=True)
class ServerReports:
    """The national report from the sync server (central staff)."""

    connect: Callable[[], SyncClient]

    def load(self, query: DashboardQuery) -> KpiReport:
        with self.connect() as client:
            return client.kpi_report(query.kpi_query()).report


@dataclass(frozen=True)
class LocalRegionFigures:
    """A counselor's region figures from this computer's events (offline)."""

    workspace: Workspace
    region: str

    def load(self, query: DashboardQuery) -> KpiReport:
        return offline_report(self.workspace, self.region, query)
