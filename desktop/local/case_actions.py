"""The actions on a case (처리) and which of them the signed-in user may take now.

Nothing here restates a rule of the domain. An action is allowed exactly when
``domain.access`` lets the user's role record its event on this case, and the event's
own ``check`` accepts the case's current state: the check is run on a probe event with
sample values, and only ``IllegalTransition`` (the state forbids it) counts against
the action; a sample value the check dislikes is the form's business, not the state's.
So the buttons on screen and the domain never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from desktop.local.credentials import SignedInUser
from domain.access import CASE, Actor, Role, Scope, require_may_record
from domain.aggregate import DariEvent
from domain.case import Case
from domain.errors import DomainError, IllegalTransition, NotPermitted
from domain.recording import Recording
from domain.reference import ReferenceData

PROBE_DEVICE = "probe"
PROBE_TEXT = "확인"


class CaseAction(StrEnum):
    CLASSIFY = "classify"
    ASSIGN_INSTITUTE = "assign_institute"
    ACCEPT = "accept"
    DECLINE = "decline"
    FIRST_CONTACT = "first_contact"
    NOTE = "note"
    PLAN = "plan"
    AGREEMENT = "agreement"
    RESOLVE = "resolve"
    SURVEY = "survey"
    CLOSE = "close"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"
    START_WAITING = "start_waiting"
    END_WAITING = "end_waiting"

    @property
    def label(self) -> str:
        return _ACTIONS[self].label

    @property
    def event_class(self) -> type[DariEvent]:
        return _ACTIONS[self].event_class


class _Values(dict[str, Any]):
    """The form's values; a value the form did not give is None (the domain says so)."""

    def __missing__(self, key: str) -> None:
        return None


@dataclass(frozen=True)
class _Action:
    label: str
    event_class: type[DariEvent]
    sample: Callable[[Case, Actor, ReferenceData], dict[str, Any]]
    """Values that make a well-formed event, so that ``check`` judges only the state."""
    record: Callable[[Case, _Values, Recording], None]

    @property
    def topic(self) -> str:
        topic: str = self.event_class.TOPIC  # type: ignore[attr-defined]
        return topic


def _none(case: Case, actor: Actor, reference: ReferenceData) -> dict[str, Any]:
    return {}


def _reason(case: Case, actor: Actor, reference: ReferenceData) -> dict[str, Any]:
    return {"reason": PROBE_TEXT}


def _another_institute(case: Case, actor: Actor, reference: ReferenceData) -> dict[str, Any]:
    other = next(i.code for i in reference.institutes if i.code != case.institute)
    return {"institute": other}


def _assigned_institute(case: Case, actor: Actor, reference: ReferenceData) -> dict[str, Any]:
    return {"institute": case.institute or actor.institute or "", "reason": PROBE_TEXT}


_ACTIONS: dict[CaseAction, _Action] = {
    CaseAction.CLASSIFY: _Action(
        "분류",
        Case.Classified,
        lambda case, actor, ref: {
            "service": case.service,
            "technology_field": PROBE_TEXT,
            "urgency": "normal",
        },
        lambda case, v, by: case.classify(
            service=v["service"],
            technology_field=v["technology_field"],
            urgency=v["urgency"],
            by=by,
        ),
    ),
    CaseAction.ASSIGN_INSTITUTE: _Action(
        "출연연 지정",
        Case.InstituteAssigned,
        _another_institute,
        lambda case, v, by: case.assign_institute(v["institute"], by=by),
    ),
    CaseAction.ACCEPT: _Action(
        "지정 수락",
        Case.AssignmentAccepted,
        lambda case, actor, ref: {"institute": case.institute or actor.institute or ""},
        lambda case, v, by: case.accept_assignment(case.institute or "", by=by),
    ),
    CaseAction.DECLINE: _Action(
        "지정 반려",
        Case.AssignmentDeclined,
        _assigned_institute,
        lambda case, v, by: case.decline_assignment(case.institute or "", v["reason"], by=by),
    ),
    CaseAction.FIRST_CONTACT: _Action(
        "최초 연락",
        Case.FirstContactMade,
        lambda case, actor, ref: {"method": "phone", "summary": PROBE_TEXT},
        lambda case, v, by: case.make_first_contact(
            method=v["method"], summary=v["summary"], by=by
        ),
    ),
    CaseAction.NOTE: _Action(
        "메모",
        Case.NoteAdded,
        lambda case, actor, ref: {"text": PROBE_TEXT},
        lambda case, v, by: case.add_note(v["text"], by=by),
    ),
    CaseAction.PLAN: _Action(
        "해결방안 수립",
        Case.ResolutionPlanned,
        lambda case, actor, ref: {
            "kind": "technology_transfer",
            "program": None,
            "budget_krw": None,
            "duration_months": None,
            "summary": PROBE_TEXT,
        },
        lambda case, v, by: case.plan_resolution(
            kind=v["kind"],
            summary=v["summary"],
            program=v["program"],
            budget_krw=v["budget_krw"],
            duration_months=v["duration_months"],
            by=by,
        ),
    ),
    CaseAction.AGREEMENT: _Action(
        "협약 체결",
        Case.AgreementSigned,
        lambda case, actor, ref: {"signed_on": date(2000, 1, 1)},
        lambda case, v, by: case.sign_agreement(v["signed_on"], by=by),
    ),
    CaseAction.RESOLVE: _Action(
        "해결 기록",
        Case.Resolved,
        lambda case, actor, ref: {"outcome": "resolved", "summary": PROBE_TEXT},
        lambda case, v, by: case.resolve(outcome=v["outcome"], summary=v["summary"], by=by),
    ),
    CaseAction.SURVEY: _Action(
        "만족도 조사",
        Case.FollowUpSurveyed,
        lambda case, actor, ref: {"satisfaction": 5, "comment": ""},
        lambda case, v, by: case.survey_follow_up(
            satisfaction=v["satisfaction"], comment=v["comment"] or "", by=by
        ),
    ),
    CaseAction.CLOSE: _Action("종결", Case.Closed, _none, lambda case, v, by: case.close(by=by)),
    CaseAction.REOPEN: _Action(
        "재개", Case.Reopened, _reason, lambda case, v, by: case.reopen(v["reason"], by=by)
    ),
    CaseAction.WITHDRAW: _Action(
        "취하", Case.Withdrawn, _reason, lambda case, v, by: case.withdraw(v["reason"], by=by)
    ),
    CaseAction.START_WAITING: _Action(
        "기업 회신 대기",
        Case.WaitingOnSmeStarted,
        _reason,
        lambda case, v, by: case.start_waiting_on_sme(v["reason"], by=by),
    ),
    CaseAction.END_WAITING: _Action(
        "기업 회신 수신",
        Case.WaitingOnSmeEnded,
        _none,
        lambda case, v, by: case.end_waiting_on_sme(by=by),
    ),
}


def actor_of(user: SignedInUser) -> Actor | None:
    """The domain's view of the signed-in user; None for a role this version does not know."""
    try:
        role = Role(user.role)
    except ValueError:
        return None
    return Actor(user.username, role, user.region, user.institute)


def refusal(
    action: CaseAction, case: Case, actor: Actor, reference: ReferenceData
) -> DomainError | None:
    """Why ``actor`` may not take ``action`` on ``case`` now (Korean), or None."""
    spec = _ACTIONS[action]
    try:
        require_may_record(actor, spec.topic, _scope(case))
        common: dict[str, Any] = {
            "originator_id": case.id,
            "originator_version": case.version + 1,
            "timestamp": datetime.now(UTC),
            "recorded_by": actor.username,
            "device": PROBE_DEVICE,
        }
        probe = spec.event_class(**common, **spec.sample(case, actor, reference))
        probe.check(case, reference)
    except (IllegalTransition, NotPermitted) as error:
        return error
    except DomainError:
        return None
    return None


def allowed_actions(case: Case, actor: Actor | None, reference: ReferenceData) -> list[CaseAction]:
    """The actions to offer, in ``CaseAction`` order."""
    if actor is None:
        return []
    return [a for a in CaseAction if refusal(a, case, actor, reference) is None]


def record_action(
    action: CaseAction,
    case: Case,
    values: Mapping[str, Any],
    *,
    actor: Actor | None,
    by: Recording,
) -> None:
    """Run the action's command on ``case`` with the form's values; a ``DomainError``
    (Korean, naming the field when one is to blame) leaves the case unchanged."""
    if actor is None:
        raise NotPermitted("이 계정의 역할로는 애로사항을 처리할 수 없습니다.")
    spec = _ACTIONS[action]
    require_may_record(actor, spec.topic, _scope(case))
    spec.record(case, _Values(values), by)


def _scope(case: Case) -> Scope:
    return Scope(CASE, case.region, case.institute)
