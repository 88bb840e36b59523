"""The server's national projections (issue 5): read models folded from the central
history by the pure functions of ``domain.projections``, kept caught up by a
background projector, rebuilt beside the live generation, and the KPI reports made
from them (JSON, Excel, CSV)."""

from sync_server.projections.background import BackgroundProjector, WakingHeadNotifier
from sync_server.projections.projector import (
    ProjectionState,
    RebuildRefused,
    RebuildResult,
    active_generations,
    catch_up,
    read_states,
    rebuild,
)
from sync_server.projections.read_models import PROJECTIONS, Projection, load_national_facts
from sync_server.projections.reports import ReportAnswer, live_report, report_as_of

__all__ = [
    "PROJECTIONS",
    "BackgroundProjector",
    "Projection",
    "ProjectionState",
    "RebuildRefused",
    "RebuildResult",
    "ReportAnswer",
    "WakingHeadNotifier",
    "active_generations",
    "catch_up",
    "live_report",
    "load_national_facts",
    "read_states",
    "rebuild",
    "report_as_of",
]
