"""Which case actions a user is offered: the domain's access rules and each event's
own precondition decide, never a second copy of them."""

from __future__ import annotations

import typing

import pytest
from sync_builders import CENTRAL, COUNSELOR, LIAISON, a_case, a_company

from desktop.local.action_fields import action_fields, whole_number
from desktop.local.case_actions import (
    CaseAction,
    actor_of,
    allowed_actions,
    record_action,
    refusal,
)
from desktop.local.credentials import SignedInUser
from domain.access import Actor, Role
from domain.case import Case
from domain.case_status import CaseStatus
from domain.errors import DomainError
from domain.reference import default_reference

A = CaseAction
REFERENCE = default_reference()
KIM = Actor("counselor.kim", Role.COUNSELOR, region="daejeon")
PARK_IN_SEOUL = Actor("counselor.park", Role.COUNSELOR, region="seoul")
LEE = Actor("central.lee", Role.CENTRAL)
KIMM = Actor("liaison.kimm", Role.LIAISON, institute="KIMM")
ETRI = Actor("liaison.etri", Role.LIAISON, institute="ETRI")
ADMIN = Actor("admin", Role.ADMIN)


def received() -> Case:
    return a_case(a_company())


def assigned_to_kimm() -> Case:
    case = received()
    case.assign_institute("KIMM", by=CENTRAL)
    return case


def resolved() -> Case:
    case = assigned_to_kimm()
    case.accept_assignment("KIMM", by=LIAISON)
    case.make_first_contact(method="phone", summary="통화", by=LIAISON)
    case.resolve(outcome="resolved", summary="공정 개선", by=LIAISON)
    return case


def test_a_counselor_of_the_region_may_contact_note_wait_and_withdraw_a_new_case() -> None:
    assert allowed_actions(received(), KIM, REFERENCE) == [
        A.FIRST_CONTACT,
        A.NOTE,
        A.WITHDRAW,
        A.START_WAITING,
    ]


def test_a_counselor_is_never_offered_to_classify_or_assign_an_institute() -> None:
    for case in (received(), assigned_to_kimm(), resolved()):
        offered = allowed_actions(case, KIM, REFERENCE)
        assert A.ASSIGN_INSTITUTE not in offered
        assert A.CLASSIFY not in offered


def test_central_staff_classify_and_assign_a_new_case() -> None:
    assert allowed_actions(received(), LEE, REFERENCE) == [
        A.CLASSIFY,
        A.ASSIGN_INSTITUTE,
        A.NOTE,
        A.WITHDRAW,
    ]


def test_the_liaison_of_the_assigned_institute_may_accept_or_decline() -> None:
    offered = allowed_actions(assigned_to_kimm(), KIMM, REFERENCE)

    assert offered[:2] == [A.ACCEPT, A.DECLINE]


def test_a_liaison_of_another_institute_is_offered_nothing_and_told_why() -> None:
    case = assigned_to_kimm()

    assert allowed_actions(case, ETRI, REFERENCE) == []
    why = refusal(A.ACCEPT, case, ETRI, REFERENCE)
    assert why is not None and "소속 출연연에 지정된 건이 아닙니다" in why.message


def test_a_liaison_is_offered_nothing_on_a_case_not_yet_assigned() -> None:
    assert allowed_actions(received(), KIMM, REFERENCE) == []


def test_accepting_is_no_longer_offered_once_accepted() -> None:
    case = assigned_to_kimm()
    case.accept_assignment("KIMM", by=LIAISON)

    offered = allowed_actions(case, KIMM, REFERENCE)

    assert A.ACCEPT not in offered and A.DECLINE not in offered
    assert A.FIRST_CONTACT in offered
    assert A.PLAN not in offered  # 최초 연락 먼저


def test_others_regions_and_administrators_are_offered_nothing() -> None:
    assert allowed_actions(received(), PARK_IN_SEOUL, REFERENCE) == []
    assert allowed_actions(received(), ADMIN, REFERENCE) == []
    assert allowed_actions(received(), None, REFERENCE) == []


def test_a_resolved_case_is_surveyed_closed_or_reopened_by_central_staff() -> None:
    assert allowed_actions(resolved(), LEE, REFERENCE) == [
        A.NOTE,
        A.SURVEY,
        A.CLOSE,
        A.REOPEN,
    ]


def test_the_survey_is_offered_once_per_resolution() -> None:
    case = resolved()
    record_action(A.SURVEY, case, {"satisfaction": 4, "comment": ""}, actor=LEE, by=CENTRAL)

    assert A.SURVEY not in allowed_actions(case, LEE, REFERENCE)


def test_waiting_on_the_sme_swaps_start_for_end() -> None:
    case = received()
    record_action(A.START_WAITING, case, {"reason": "자료 회신 대기"}, actor=KIM, by=COUNSELOR)

    offered = allowed_actions(case, KIM, REFERENCE)

    assert A.END_WAITING in offered and A.START_WAITING not in offered


def test_a_recorded_action_changes_the_case_through_its_command() -> None:
    case = assigned_to_kimm()

    record_action(A.DECLINE, case, {"reason": "보유 기술 아님"}, actor=KIMM, by=LIAISON)

    assert case.status is CaseStatus.DECLINED
    assert case.declines == [("KIMM", "보유 기술 아님")]


def test_a_refused_action_names_the_field_in_korean_and_changes_nothing() -> None:
    case = assigned_to_kimm()

    with pytest.raises(DomainError) as refused:
        record_action(A.DECLINE, case, {"reason": "  "}, actor=KIMM, by=LIAISON)

    assert (refused.value.field, refused.value.message) == (
        "reason",
        "반려 사유을(를) 입력해 주세요.",
    )
    assert case.status is CaseStatus.ASSIGNED and case.version == 2


def test_an_action_outside_the_users_role_is_refused_even_if_asked_directly() -> None:
    with pytest.raises(DomainError, match="기록할 수 없습니다"):
        record_action(
            A.ASSIGN_INSTITUTE, received(), {"institute": "KIMM"}, actor=KIM, by=COUNSELOR
        )


@pytest.mark.parametrize("action", list(CaseAction))
def test_every_form_field_is_a_field_of_the_actions_event(action: CaseAction) -> None:
    """So a DomainError naming a field is shown next to that field."""
    fields = typing.get_type_hints(action.event_class)

    for field in action_fields(action, resolved(), REFERENCE):
        assert field.name in fields


def test_the_signed_in_user_becomes_the_domains_actor() -> None:
    user = SignedInUser("liaison.kimm", "박연구", "liaison", institute="KIMM")

    assert actor_of(user) == KIMM
    assert actor_of(SignedInUser("x", "x", "auditor")) is None


def test_a_typed_budget_is_a_whole_number_and_anything_else_is_left_to_the_domain() -> None:
    assert whole_number("150,000,000") == 150_000_000
    assert whole_number(" ") is None
    assert whole_number("1억") == "1억"
