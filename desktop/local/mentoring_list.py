"""The mentoring list (멘토링 목록) and its stage funnel (단계별 현황), from the workspace.

One row per engagement as this computer sees it (canonical events, then the pending
ones that still apply). Engagements are few (tens per region, not the case list's
hundred thousand), so rows are folded from the events on each call: no table of
their own in the read model, nothing to keep in step.

The funnel counts, for each stage in order, the engagements that ever reached it,
and those at it now. "Reached" is the national KPI report's rule
(``domain.projections.kpi``): a stage recorded in the engagement's history, so one
that skipped 투·융자 does not count there, and moving back does not undo a stage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from desktop.local.workspace import LocalView, Workspace
from domain.company import Company
from domain.errors import DomainError
from domain.mentoring import MentoringEngagement, MentoringStage

UNKNOWN_COMPANY = "(기업 정보 없음)"


@dataclass(frozen=True)
class CompanyName:
    name: str
    business_number: str
    """Ten digits, or empty when the company is not known here."""


@dataclass(frozen=True)
class MentoringRow:
    engagement_id: UUID
    junior: CompanyName
    """후배 기업: the company being mentored."""
    senior: CompanyName
    """선배 기업: the mentor company."""
    coordinator: str
    region: str
    region_name: str
    started_at: datetime
    stage: MentoringStage | None
    reached_stages: frozenset[MentoringStage]
    sessions_held: int
    last_session: date | None
    convergence_tasks: int
    exchange_group: str | None
    concluded: bool
    pending: int
    """Local events of this engagement not in the canonical history yet."""
    will_conflict: int
    search_text: str

    @property
    def stage_label(self) -> str:
        return self.stage.label if self.stage else ""

    def matches(self, words: Sequence[str]) -> bool:
        return all(word in self.search_text for word in words)


@dataclass(frozen=True)
class FunnelStep:
    stage: MentoringStage
    reached: int
    """Engagements that reached this stage (at any time)."""
    current: int
    """Engagements at this stage now (concluded ones included)."""

    @property
    def label(self) -> str:
        return self.stage.label


class MentoringList:
    """Rows of the engagements known here, newest first."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def rows(self, text: str = "") -> list[MentoringRow]:
        """The engagements whose companies, coordinator, region, stage, exchange group
        or tasks contain every word of ``text`` (case-insensitive)."""
        words = text.casefold().split()
        names = _CompanyNames(self._workspace)
        rows = []
        for engagement_id in self._workspace.mentoring_ids():
            row = self.row(engagement_id, names)
            if row is not None and row.matches(words):
                rows.append(row)
        return newest_first(rows)

    def row(self, engagement_id: UUID, names: _CompanyNames | None = None) -> MentoringRow | None:
        return self.row_of(self._workspace.view(engagement_id), names)

    def row_of(self, view: LocalView, names: _CompanyNames | None = None) -> MentoringRow | None:
        """The row of an engagement's local view (``None`` if it is no engagement)."""
        if not isinstance(view.aggregate, MentoringEngagement):
            return None
        return _row(view, view.aggregate, names or _CompanyNames(self._workspace), self._region)

    def _region(self, code: str) -> str:
        try:
            return self._workspace.reference.region(code).name
        except DomainError:
            return code


def newest_first(rows: Iterable[MentoringRow]) -> list[MentoringRow]:
    """The list's own order: the engagement started last first."""
    return sorted(rows, key=lambda r: (r.started_at, str(r.engagement_id)), reverse=True)


def stage_funnel(rows: Iterable[MentoringRow]) -> list[FunnelStep]:
    """Per stage, in stage order: how many engagements reached it, how many are at it."""
    rows = list(rows)
    steps = []
    for stage in MentoringStage:
        reached = sum(1 for r in rows if stage in r.reached_stages)
        current = sum(1 for r in rows if r.stage is stage)
        steps.append(FunnelStep(stage, reached, current))
    return steps


def not_yet_staged(rows: Iterable[MentoringRow]) -> int:
    """Engagements that have reached no stage yet (단계 진입 전)."""
    return sum(1 for r in rows if not r.reached_stages)


class _CompanyNames:
    """Company names looked up once per listing."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._known: dict[UUID, CompanyName] = {}

    def __call__(self, company_id: UUID) -> CompanyName:
        if company_id not in self._known:
            aggregate = self._workspace.view(company_id).aggregate
            self._known[company_id] = (
                CompanyName(aggregate.name, aggregate.business_number)
                if isinstance(aggregate, Company)
                else CompanyName(UNKNOWN_COMPANY, "")
            )
        return self._known[company_id]


def _row(
    view: LocalView,
    engagement: MentoringEngagement,
    names: _CompanyNames,
    region_name: Callable[[str], str],
) -> MentoringRow:
    junior = names(engagement.junior_company_id)
    senior = names(engagement.senior_company_id)
    region = region_name(engagement.region)
    stage = engagement.stage
    sessions = engagement.sessions
    searchable = [
        junior.name,
        junior.business_number,
        senior.name,
        senior.business_number,
        engagement.coordinator,
        region,
        stage.label if stage else "",
        engagement.exchange_group or "",
        *(title for title, _ in engagement.convergence_tasks),
    ]
    return MentoringRow(
        engagement_id=engagement.id,
        junior=junior,
        senior=senior,
        coordinator=engagement.coordinator,
        region=engagement.region,
        region_name=region,
        started_at=engagement.created_on,
        stage=stage,
        reached_stages=frozenset(MentoringStage(stage) for stage, _ in engagement.stage_history),
        sessions_held=len(sessions),
        last_session=max((s.held_on for s in sessions), default=None),
        convergence_tasks=len(engagement.convergence_tasks),
        exchange_group=engagement.exchange_group,
        concluded=engagement.concluded,
        pending=len(view.pending) - len(view.will_conflict),
        will_conflict=len(view.will_conflict),
        search_text=" ".join(searchable).casefold(),
    )
