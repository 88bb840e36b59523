"""Recording mentoring (멘토링 기록) on this computer: one command on one engagement,
checked by the domain and by the access rules the server will apply, then put in the
outbox. A refusal raises the ``DomainError`` with its Korean message, and nothing is
recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from desktop.local.workspace import Workspace
from domain.access import MENTORING, Actor, Role, Scope, require_may_record
from domain.errors import NotPermitted
from domain.mentoring import MentoringEngagement
from domain.recording import Recording

MENTORING_ROLES = frozenset({Role.COUNSELOR, Role.CENTRAL})
"""Who records mentoring: a region's counselors (their own region) and central staff."""


def records_mentoring(role: str | None) -> bool:
    """Whether a user of ``role`` records mentoring at all (shows the 멘토링 page)."""
    try:
        return Role(role or "") in MENTORING_ROLES
    except ValueError:
        return False


class MentoringDesk:
    """Commands on engagements for one signed-in user; each returns the engagement id."""

    def __init__(
        self, workspace: Workspace, actor: Actor | None, recording: Callable[[], Recording]
    ) -> None:
        self._workspace = workspace
        self._actor = actor
        self._recording = recording

    def start(
        self,
        *,
        senior_company_id: UUID,
        junior_company_id: UUID,
        coordinator: str,
        region: str,
    ) -> UUID:
        engagement = MentoringEngagement.start(
            senior_company_id=senior_company_id,
            junior_company_id=junior_company_id,
            coordinator=coordinator,
            region=region,
            by=self._recording(),
        )
        self._allow(MentoringEngagement.Started.TOPIC, region)
        return self._record(engagement)

    def check_start(self, *, coordinator: str, region: str) -> None:
        """Raise what starting with these values would raise, whatever the companies
        (a form shows every message at once, before both companies are chosen)."""
        MentoringEngagement.start(
            senior_company_id=uuid4(),
            junior_company_id=uuid4(),
            coordinator=coordinator,
            region=region,
            by=self._recording(),
        )
        self._allow(MentoringEngagement.Started.TOPIC, region)

    def hold_session(
        self,
        engagement_id: UUID,
        *,
        held_on: date,
        hours: float,
        topics: list[str],
        know_how: str,
    ) -> UUID:
        engagement = self._load(engagement_id, MentoringEngagement.SessionHeld.TOPIC)
        engagement.hold_session(
            held_on=held_on, hours=hours, topics=topics, know_how=know_how, by=self._recording()
        )
        return self._record(engagement)

    def discover_convergence_task(
        self, engagement_id: UUID, *, title: str, description: str
    ) -> UUID:
        topic = MentoringEngagement.ConvergenceTaskDiscovered.TOPIC
        engagement = self._load(engagement_id, topic)
        engagement.discover_convergence_task(
            title=title, description=description, by=self._recording()
        )
        return self._record(engagement)

    def join_exchange_group(self, engagement_id: UUID, group: str) -> UUID:
        engagement = self._load(engagement_id, MentoringEngagement.ExchangeGroupJoined.TOPIC)
        engagement.join_exchange_group(group, by=self._recording())
        return self._record(engagement)

    def reach_stage(self, engagement_id: UUID, stage: str, *, reason: str = "") -> UUID:
        engagement = self._load(engagement_id, MentoringEngagement.StageReached.TOPIC)
        engagement.reach_stage(stage, reason=reason.strip(), by=self._recording())
        return self._record(engagement)

    def conclude(self, engagement_id: UUID, summary: str) -> UUID:
        engagement = self._load(engagement_id, MentoringEngagement.Concluded.TOPIC)
        engagement.conclude(summary, by=self._recording())
        return self._record(engagement)

    # Internals -----------------------------------------------------------------------

    def _load(self, engagement_id: UUID, topic: str) -> MentoringEngagement:
        engagement = self._workspace.load_mentoring(engagement_id)
        self._allow(topic, engagement.region)
        return engagement

    def _allow(self, topic: str, region: str) -> None:
        if self._actor is None:
            raise NotPermitted("이 계정의 역할로는 멘토링을 기록할 수 없습니다.")
        require_may_record(self._actor, topic, Scope(MENTORING, region, None))

    def _record(self, engagement: MentoringEngagement) -> UUID:
        self._workspace.record(engagement)
        return engagement.id


def actor_of(
    username: str, role: str | None, region: str | None, institute: str | None
) -> Actor | None:
    """The access rules' view of a signed-in user (``None``: a role Dari does not know)."""
    try:
        return Actor(username, Role(role or ""), region, institute)
    except ValueError:
        return None
