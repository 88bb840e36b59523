"""A demo workspace (데모 데이터): the regional center of ``domain.demo.center`` stored
in a local workspace, so the lists show every SLA state without a server.

Most of it is stored as canonical history (as if pulled from the server); the last
few cases are recorded on "this computer" and wait in the outbox. Never sync a demo
workspace with a real server: its "canonical" events never came from one (the demo
server, ``dari-server demo``, holds the same history for real). Used by the desktop
tests; deterministic for a given ``now`` and ``seed``."""

from __future__ import annotations

from datetime import datetime

from desktop.local.demo_mentoring import fill_demo_mentoring
from desktop.local.workspace import Workspace
from domain.case import Case
from domain.demo.center import DemoPeople, build_center
from domain.recording import Recording

__all__ = ["DemoPeople", "fill_demo_workspace"]


def fill_demo_workspace(
    workspace: Workspace,
    *,
    now: datetime,
    people: DemoPeople | None = None,
    cases: int = 36,
    pending: int = 3,
    seed: int = 1379,
) -> list[Case]:
    """Record companies and ``cases`` cases (the last ``pending`` of them unsynced),
    and the demo's mentoring engagements (``desktop.local.demo_mentoring``)."""
    center = build_center(
        now=now, people=people, cases=cases, seed=seed, reference=workspace.reference
    )
    recorded = center.cases
    workspace.store.record(*center.companies)
    synced, local = recorded[: len(recorded) - pending], recorded[len(recorded) - pending :]
    workspace.store.record(*synced)
    for case in local:
        workspace.record(case)
    people = people or DemoPeople()
    reference = workspace.reference
    counselor_device = people.counselor_device

    def counselor(when: datetime) -> Recording:
        return Recording(people.counselor, counselor_device, when, reference)

    fill_demo_mentoring(workspace, center.companies, now=now, by=counselor, region=people.region)
    return recorded
