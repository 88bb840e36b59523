"""The role queues (역할별 업무 목록): which cases each role's work list holds, and the
one-click actions taken from them. No Qt here; the pages in ``desktop.ui`` are thin.

- 받은 요청 (institute liaison): open cases currently assigned to their institute,
  those waiting for acceptance (수락 대기) first; 수락 / 반려.
- 출연연 지정 대기 (central staff): cases that need an institute, received, classified
  or declined (반려, 재지정 필요); 지정.
- 만족도 조사 (central staff): resolved or closed cases whose current resolution has
  not been surveyed; 만족도 조사 입력.

Every action loads the case as this computer sees it, runs the domain's command (which
judges it and raises a ``DomainError`` with a Korean message), checks the signed-in
user may record it (the server checks again) and only then records it in the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.utils import get_topic

from desktop.local.credentials import SignedInUser
from desktop.local.read_model import CaseFilter
from desktop.local.workspace import Workspace
from domain.access import CASE, Actor, Role, Scope, require_may_record
from domain.case import Case
from domain.case_status import CaseStatus
from domain.recording import Recording
from domain.reference import Institute, ReferenceData

S = CaseStatus

AWAITING_ACCEPTANCE = frozenset({S.ASSIGNED})
"""수락 대기: assigned, not yet accepted or declined."""
WITH_THE_INSTITUTE = frozenset({S.ASSIGNED, S.ACCEPTED, S.IN_CONTACT, S.PLANNED, S.AGREED})
"""Open and not yet resolved: the institute still has work on these."""

ASSIGNMENT_QUEUE = CaseFilter(statuses=frozenset({S.RECEIVED, S.CLASSIFIED, S.DECLINED}))
"""출연연 지정 대기: cases with no institute, new or declined."""
SURVEY_QUEUE = CaseFilter(statuses=frozenset({S.RESOLVED, S.CLOSED}), surveyed=False)
"""만족도 조사 대기: resolved (or since closed) and not surveyed for that resolution."""

NO_INSTITUTE = ""
"""Matches no case: a liaison whose institute is unknown sees an empty inbox."""


def liaison_inbox(institute: str | None) -> CaseFilter:
    """받은 요청: the institute's open cases, those waiting for acceptance first."""
    return CaseFilter(
        statuses=WITH_THE_INSTITUTE,
        institute=institute or NO_INSTITUTE,
        first=AWAITING_ACCEPTANCE,
    )


def awaiting_acceptance(institute: str | None) -> CaseFilter:
    """수락 대기 only (for the inbox's count)."""
    return CaseFilter(statuses=AWAITING_ACCEPTANCE, institute=institute or NO_INSTITUTE)


def actor_of(user: SignedInUser) -> Actor:
    """The signed-in user as the access rules see them (an unknown role may do nothing)."""
    try:
        role = Role(user.role)
    except ValueError:
        role = Role.ADMIN
    return Actor(user.username, role, user.region, user.institute)


Recommend = Callable[[Case], str | None]
"""Suggests an institute code for a case (담당 출연연 추천), or None.

The seam for the matching engine (통합 DB: patents, equipment, researchers, labs),
which has not landed yet; until it does, ``no_recommendation`` is used."""


def no_recommendation(case: Case) -> None:
    return None


def institutes_to_offer(case: Case, reference: ReferenceData) -> list[Institute]:
    """The institutes a case may be assigned to: all of them but those that already
    declined it (반려) and the one it is assigned to now."""
    excluded = {institute for institute, _ in case.declines}
    if case.institute:
        excluded.add(case.institute)
    return [i for i in reference.institutes if i.code not in excluded]


def recommended_institute(
    case: Case, reference: ReferenceData, recommend: Recommend
) -> Institute | None:
    """The recommendation, if there is one and it may be offered."""
    code = recommend(case)
    if code is None:
        return None
    return next((i for i in institutes_to_offer(case, reference) if i.code == code), None)


class QueueActions:
    """The commands the role queues take, recorded in the workspace's outbox.

    A refused command raises ``DomainError`` (Korean) and records nothing."""

    def __init__(
        self, workspace: Workspace, actor: Actor, recording: Callable[[], Recording]
    ) -> None:
        self.workspace = workspace
        self.actor = actor
        self._recording = recording

    def load(self, case_id: UUID) -> Case:
        return self.workspace.load_case(case_id)

    def accept(self, case_id: UUID) -> None:
        """수락, for the liaison's own institute."""
        self._record(case_id, lambda case, by: case.accept_assignment(self._institute, by=by))

    def decline(self, case_id: UUID, reason: str) -> None:
        """반려 with a reason (required: the domain says so in Korean)."""
        self._record(
            case_id,
            lambda case, by: case.decline_assignment(self._institute, reason.strip(), by=by),
        )

    def assign(self, case_id: UUID, institute: str) -> None:
        """담당 출연연 지정 (or reassignment after a decline)."""
        self._record(case_id, lambda case, by: case.assign_institute(institute, by=by))

    def survey(self, case_id: UUID, satisfaction: int, comment: str = "") -> None:
        """만족도 조사 of the current resolution (1–5)."""
        self._record(
            case_id,
            lambda case, by: case.survey_follow_up(
                satisfaction=satisfaction, comment=comment.strip(), by=by
            ),
        )

    @property
    def _institute(self) -> str:
        return self.actor.institute or NO_INSTITUTE

    def _record(self, case_id: UUID, command: Callable[[Case, Recording], None]) -> None:
        case = self.load(case_id)
        scope = Scope(CASE, case.region, case.institute)
        command(case, self._recording())
        for event in case.pending_events:
            require_may_record(self.actor, get_topic(type(event)), scope)
        self.workspace.record(case)
