"""Who may record and read what: pure functions over an actor and an aggregate's scope.

The sync server enforces these on every push and pull; a client may use them to hide
actions its user cannot take, but the server is the guard.

- counselor (상담원): cases, consulting and mentoring of their own region; companies.
- institute liaison (출연연 전담조직): cases currently assigned to their institute.
- central staff (통합센터): everything; they classify, assign institutes and survey.
- administrator (관리자): users, devices and reference data, no case data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.errors import NotPermitted


class Role(StrEnum):
    COUNSELOR = "counselor"
    LIAISON = "liaison"
    CENTRAL = "central"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.COUNSELOR: "지역상담센터 상담원",
    Role.LIAISON: "출연연 전담조직",
    Role.CENTRAL: "통합센터 직원",
    Role.ADMIN: "관리자",
}


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    region: str | None = None
    institute: str | None = None


@dataclass(frozen=True)
class Scope:
    """Where an aggregate belongs now: its type, region and currently assigned institute."""

    aggregate_type: str
    region: str | None
    institute: str | None


CASE = "dari.Case"
COMPANY = "dari.Company"
CONSULTING = "dari.ConsultingRecord"
MENTORING = "dari.MentoringEngagement"

_CASE_EVENTS_BY_ROLE: dict[Role, frozenset[str]] = {
    Role.COUNSELOR: frozenset(
        {
            "Received",
            "FirstContactMade",
            "NoteAdded",
            "WaitingOnSmeStarted",
            "WaitingOnSmeEnded",
            "Withdrawn",
            "Closed",
            "Reopened",
        }
    ),
    Role.LIAISON: frozenset(
        {
            "AssignmentAccepted",
            "AssignmentDeclined",
            "FirstContactMade",
            "NoteAdded",
            "ResolutionPlanned",
            "AgreementSigned",
            "Resolved",
            "WaitingOnSmeStarted",
            "WaitingOnSmeEnded",
        }
    ),
    Role.CENTRAL: frozenset(
        {
            "Classified",
            "InstituteAssigned",
            "FollowUpSurveyed",
            "ConflictResolved",
            "NoteAdded",
            "Closed",
            "Reopened",
            "Withdrawn",
        }
    ),
    Role.ADMIN: frozenset(),
}


def event_name(topic: str) -> str:
    """``dari.Case.Received`` → ``Received``."""
    return topic.rsplit(".", 1)[-1]


def aggregate_type_of(topic: str) -> str:
    """``dari.Case.Received`` → ``dari.Case``."""
    return topic.rsplit(".", 1)[0]


def records_case_event(role: Role, name: str) -> bool:
    """Whether ``role`` records a case event of this name (``Received``) in any scope:
    what a screen offers before one case's scope is known."""
    return name in _CASE_EVENTS_BY_ROLE[role]


def require_may_record(actor: Actor, topic: str, scope: Scope) -> None:
    """Raise ``NotPermitted`` unless ``actor`` may record an event of ``topic`` on an
    aggregate in ``scope`` (for a creation event, the scope the event itself names)."""
    kind, name = aggregate_type_of(topic), event_name(topic)
    role = actor.role
    if role is Role.ADMIN:
        raise NotPermitted("관리자 계정으로는 상담 기록을 남길 수 없습니다.")
    if kind == COMPANY:
        if role is Role.LIAISON and name == "Registered":
            raise NotPermitted("기업 등록은 상담센터와 통합센터에서 합니다.")
        return
    if kind == CASE:
        if name not in _CASE_EVENTS_BY_ROLE[role]:
            raise NotPermitted(f"{role.label}은(는) 이 처리를 기록할 수 없습니다 ({name}).")
        _require_case_scope(actor, scope)
        return
    if kind in (CONSULTING, MENTORING):
        if role is Role.CENTRAL:
            return
        if role is Role.COUNSELOR and scope.region == actor.region:
            return
        if role is Role.LIAISON and kind == CONSULTING and scope.institute == actor.institute:
            return
        raise NotPermitted("담당 지역 또는 기관의 기록만 남길 수 있습니다.")
    raise NotPermitted(f"알 수 없는 기록 종류입니다: {kind}")


def _require_case_scope(actor: Actor, scope: Scope) -> None:
    if actor.role is Role.COUNSELOR and scope.region != actor.region:
        raise NotPermitted("다른 지역 상담센터의 애로사항은 기록할 수 없습니다.")
    if actor.role is Role.LIAISON and (
        scope.institute is None or scope.institute != actor.institute
    ):
        raise NotPermitted("현재 소속 출연연에 지정된 건이 아닙니다. 재지정되었을 수 있습니다.")


def may_read(actor: Actor, scope: Scope) -> bool:
    role = actor.role
    if role is Role.CENTRAL:
        return True
    if role is Role.ADMIN:
        return False
    if scope.aggregate_type == COMPANY:
        return True
    if role is Role.COUNSELOR:
        return scope.region == actor.region
    if scope.aggregate_type == CONSULTING:
        return scope.institute is not None and scope.institute == actor.institute
    return scope.aggregate_type == CASE and scope.institute == actor.institute
