"""The case (애로사항) from intake to closure: the legal path, every refused transition,
the R&D program rules and the service-specific details."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from builders import (
    BY,
    COMPANY_ID,
    LIAISON,
    MONDAY_9,
    a_case_in_contact,
    a_classified_case,
    a_closed_case,
    a_planned_case,
    a_received_case,
    a_resolved_case,
    an_accepted_case,
    an_agreed_case,
    an_assigned_case,
    assert_korean,
    kst,
    snapshot,
)

from domain.case import Case
from domain.case_status import CaseStatus
from domain.errors import IllegalTransition, InvalidValue, UnknownReference

# --- the legal path ---------------------------------------------------------------


def test_a_received_case_records_company_region_channel_service_and_counselor() -> None:
    case = a_received_case()

    assert case.status is CaseStatus.RECEIVED
    assert case.company_id == COMPANY_ID
    assert case.region == "daejeon"
    assert case.channel == "hotline_1379"
    assert case.service == "difficulty_resolution"
    assert case.counselor == "counselor-kim"
    assert case.received_at == MONDAY_9
    assert case.version == 1


def test_classifying_a_received_case_records_its_technology_field_and_urgency() -> None:
    case = a_received_case()

    case.classify(service="difficulty_resolution", technology_field="금형", urgency="urgent", by=BY)

    assert case.status is CaseStatus.CLASSIFIED
    assert case.technology_field == "금형"
    assert case.urgency == "urgent"


def test_assigning_an_institute_leaves_the_case_waiting_for_its_acceptance() -> None:
    case = a_classified_case()

    case.assign_institute("KIMM", by=BY)

    assert case.status is CaseStatus.ASSIGNED
    assert case.institute == "KIMM"


def test_the_assigned_institute_can_accept_the_case() -> None:
    case = an_assigned_case("KIMM")

    case.accept_assignment("KIMM", by=LIAISON)

    assert case.status is CaseStatus.ACCEPTED


def test_the_first_contact_after_acceptance_puts_the_case_in_contact() -> None:
    case = an_accepted_case()
    contacted_at = kst(2024, 6, 11, 14)

    case.make_first_contact(method="visit", summary="현장 방문", by=LIAISON.moved_to(contacted_at))

    assert case.status is CaseStatus.IN_CONTACT
    assert case.first_contact_at == contacted_at


@pytest.mark.parametrize(
    ("kind", "program", "budget_krw", "duration_months"),
    [
        ("technology_transfer", None, None, None),
        ("equipment_support", None, None, None),
        ("rnd", "demand_responsive", 25_000_000, 3),
    ],
)
def test_a_case_in_contact_can_be_planned_with_each_resolution_kind(
    kind: str, program: str | None, budget_krw: int | None, duration_months: int | None
) -> None:
    case = a_case_in_contact()

    case.plan_resolution(
        kind=kind,
        program=program,
        budget_krw=budget_krw,
        duration_months=duration_months,
        summary="해결방안",
        by=LIAISON,
    )

    assert case.status is CaseStatus.PLANNED
    assert case.plan is not None
    assert (case.plan.kind, case.plan.program, case.plan.budget_krw) == (kind, program, budget_krw)


def test_a_planned_case_can_sign_its_agreement() -> None:
    case = a_planned_case()

    case.sign_agreement(date(2024, 6, 14), by=LIAISON)

    assert case.status is CaseStatus.AGREED
    assert case.agreement_signed_on == date(2024, 6, 14)


def test_an_agreed_case_can_be_resolved() -> None:
    case = an_agreed_case()

    case.resolve(outcome="resolved", summary="균열 원인 제거", by=LIAISON)

    assert case.status is CaseStatus.RESOLVED
    assert case.resolutions == [("resolved", "균열 원인 제거")]


def test_a_case_in_contact_can_be_resolved_without_a_plan() -> None:
    case = a_case_in_contact()

    case.resolve(outcome="partially_resolved", summary="전화 자문으로 일부 해결", by=LIAISON)

    assert case.status is CaseStatus.RESOLVED


def test_a_resolved_case_can_be_surveyed_for_satisfaction() -> None:
    case = a_resolved_case()

    case.survey_follow_up(satisfaction=4, comment="만족", by=BY)

    assert [(s.resolution_number, s.satisfaction) for s in case.surveys] == [(1, 4)]
    assert case.is_surveyed_for_current_resolution


def test_a_resolved_case_can_be_closed() -> None:
    case = a_resolved_case()

    case.close(by=BY)

    assert case.status is CaseStatus.CLOSED
    assert not case.status.is_open


def test_a_reopened_case_goes_back_to_its_institute_in_contact_without_a_plan() -> None:
    case = a_closed_case()

    case.reopen("동일 증상 재발", by=BY)

    assert case.status is CaseStatus.IN_CONTACT
    assert case.institute == "KIMM"
    assert case.plan is None
    assert case.agreement_signed_on is None


def test_a_case_reopened_and_resolved_again_can_be_surveyed_a_second_time() -> None:
    case = a_closed_case()
    case.reopen("동일 증상 재발", by=BY)
    case.resolve(outcome="resolved", summary="재발 원인 제거", by=LIAISON)

    case.survey_follow_up(satisfaction=3, by=BY)

    assert [(s.resolution_number, s.satisfaction) for s in case.surveys] == [(1, 5), (2, 3)]


def test_a_reopened_case_cannot_be_surveyed_before_it_is_resolved_again() -> None:
    case = a_closed_case()
    case.reopen("동일 증상 재발", by=BY)

    with pytest.raises(IllegalTransition) as refused:
        case.survey_follow_up(satisfaction=3, by=BY)

    assert_korean(refused.value)


def test_a_case_can_be_withdrawn_before_resolution_with_a_reason() -> None:
    case = a_case_in_contact()

    case.withdraw("자체 해결", by=BY)

    assert case.status is CaseStatus.WITHDRAWN
    assert case.closing_reason == "자체 해결"


# --- declining and reassigning ----------------------------------------------------


def test_a_declined_case_keeps_the_reason_and_waits_for_another_institute() -> None:
    case = an_assigned_case("KIMM")

    case.decline_assignment("KIMM", "보유 기술 없음", by=LIAISON)

    assert case.status is CaseStatus.DECLINED
    assert case.institute is None
    assert case.declines == [("KIMM", "보유 기술 없음")]


def test_a_declined_case_can_be_assigned_to_another_institute_who_accepts_it() -> None:
    case = an_assigned_case("KIMM")
    case.decline_assignment("KIMM", "보유 기술 없음", by=LIAISON)

    case.assign_institute("KITECH", by=BY)
    case.accept_assignment("KITECH", by=LIAISON)

    assert case.status is CaseStatus.ACCEPTED
    assert case.institute == "KITECH"


def test_declining_without_a_reason_is_refused() -> None:
    case = an_assigned_case("KIMM")

    with pytest.raises(InvalidValue) as refused:
        case.decline_assignment("KIMM", "   ", by=LIAISON)

    assert_korean(refused.value, field="reason")


def test_a_reassigned_case_can_no_longer_be_accepted_by_the_previous_institute() -> None:
    case = an_assigned_case("KIMM")
    case.assign_institute("KITECH", by=BY)

    with pytest.raises(IllegalTransition) as refused:
        case.accept_assignment("KIMM", by=LIAISON)

    assert_korean(refused.value, field="institute")


def test_a_case_already_accepted_can_be_reassigned_to_another_institute() -> None:
    case = an_accepted_case("KIMM")

    case.assign_institute("KITECH", by=BY)

    assert case.status is CaseStatus.ASSIGNED
    assert case.institute == "KITECH"


def test_a_case_reassigned_after_contact_is_in_contact_once_the_new_institute_accepts() -> None:
    case = a_case_in_contact("KIMM")
    case.assign_institute("KITECH", by=BY)

    case.accept_assignment("KITECH", by=LIAISON)

    assert case.status is CaseStatus.IN_CONTACT
    assert case.institute == "KITECH"


def test_a_liaison_cannot_accept_a_case_assigned_to_another_institute() -> None:
    case = an_assigned_case("KIMM")

    with pytest.raises(IllegalTransition) as refused:
        case.accept_assignment("ETRI", by=LIAISON)

    assert_korean(refused.value, field="institute")


def test_a_liaison_cannot_decline_a_case_assigned_to_another_institute() -> None:
    case = an_assigned_case("KIMM")

    with pytest.raises(IllegalTransition) as refused:
        case.decline_assignment("ETRI", "담당 아님", by=LIAISON)

    assert_korean(refused.value, field="institute")


def test_assigning_the_institute_already_assigned_is_refused() -> None:
    case = an_assigned_case("KIMM")

    with pytest.raises(IllegalTransition) as refused:
        case.assign_institute("KIMM", by=BY)

    assert_korean(refused.value, field="institute")
    assert "한국기계연구원" in refused.value.message


def test_a_case_contacted_before_acceptance_is_in_contact_once_accepted() -> None:
    case = a_received_case()
    case.make_first_contact(method="phone", summary="접수 당일 회신", by=BY)
    case.assign_institute("KIMM", by=BY)

    case.accept_assignment("KIMM", by=LIAISON)

    assert case.status is CaseStatus.IN_CONTACT


def test_a_case_contacted_before_acceptance_can_be_resolved_without_a_plan() -> None:
    case = a_received_case()
    case.make_first_contact(method="phone", summary="접수 당일 회신", by=BY)
    case.assign_institute("KIMM", by=BY)
    case.accept_assignment("KIMM", by=LIAISON)

    case.resolve(outcome="resolved", summary="전화 자문으로 해결", by=LIAISON)

    assert case.status is CaseStatus.RESOLVED


# --- refused transitions ------------------------------------------------------------


def test_a_case_cannot_be_accepted_before_it_is_assigned() -> None:
    case = a_classified_case()

    with pytest.raises(IllegalTransition) as refused:
        case.accept_assignment("KIMM", by=LIAISON)

    assert_korean(refused.value)


def test_a_plan_before_the_first_contact_is_refused() -> None:
    case = an_accepted_case()

    with pytest.raises(IllegalTransition) as refused:
        case.plan_resolution(kind="technology_transfer", summary="기술이전", by=LIAISON)

    assert_korean(refused.value)


def test_a_survey_before_resolution_is_refused() -> None:
    case = an_agreed_case()

    with pytest.raises(IllegalTransition) as refused:
        case.survey_follow_up(satisfaction=5, by=BY)

    assert_korean(refused.value)


def test_a_second_survey_for_the_same_resolution_is_refused() -> None:
    case = a_resolved_case()
    case.survey_follow_up(satisfaction=5, by=BY)

    with pytest.raises(IllegalTransition) as refused:
        case.survey_follow_up(satisfaction=4, by=BY)

    assert_korean(refused.value)


@pytest.mark.parametrize("satisfaction", [0, 6])
def test_a_satisfaction_outside_one_to_five_is_refused(satisfaction: int) -> None:
    case = a_resolved_case()

    with pytest.raises(InvalidValue) as refused:
        case.survey_follow_up(satisfaction=satisfaction, by=BY)

    assert_korean(refused.value, field="satisfaction")


def test_closing_a_case_before_it_is_resolved_is_refused() -> None:
    case = a_case_in_contact()

    with pytest.raises(IllegalTransition) as refused:
        case.close(by=BY)

    assert_korean(refused.value)


def test_withdrawing_a_resolved_case_is_refused() -> None:
    case = a_resolved_case()

    with pytest.raises(IllegalTransition) as refused:
        case.withdraw("기업 요청", by=BY)

    assert_korean(refused.value)


def test_a_note_on_a_closed_case_is_refused() -> None:
    case = a_closed_case()

    with pytest.raises(IllegalTransition) as refused:
        case.add_note("추가 메모", by=BY)

    assert_korean(refused.value)


def test_the_first_contact_cannot_be_recorded_twice() -> None:
    case = a_case_in_contact()

    with pytest.raises(IllegalTransition) as refused:
        case.make_first_contact(method="email", summary="다시 연락", by=LIAISON)

    assert_korean(refused.value)


def test_a_first_contact_by_an_unknown_method_is_refused() -> None:
    case = an_accepted_case()

    with pytest.raises(InvalidValue) as refused:
        case.make_first_contact(method="fax", summary="팩스 발송", by=LIAISON)

    assert_korean(refused.value, field="method")


def test_waiting_on_the_sme_cannot_start_twice() -> None:
    case = a_case_in_contact()
    case.start_waiting_on_sme("견적서 회신 대기", by=BY)

    with pytest.raises(IllegalTransition) as refused:
        case.start_waiting_on_sme("도면 회신 대기", by=BY)

    assert_korean(refused.value)


def test_a_case_without_a_description_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_received_case(description="  ")

    assert_korean(refused.value, field="description")


@pytest.mark.parametrize(
    ("field", "receive"),
    [
        ("region", lambda: a_received_case(region="jeju")),
        ("channel", lambda: a_received_case(channel="fax")),
        ("service", lambda: a_received_case(service="patent_filing")),
    ],
)
def test_a_case_with_an_unknown_code_is_refused(field: str, receive: Callable[[], Case]) -> None:
    with pytest.raises(UnknownReference) as refused:
        receive()

    assert_korean(refused.value, field=field)


def test_assigning_an_unknown_institute_is_refused() -> None:
    case = a_classified_case()

    with pytest.raises(UnknownReference) as refused:
        case.assign_institute("MIT", by=BY)

    assert_korean(refused.value, field="institute")


def test_a_consulting_request_is_not_received_as_a_case() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_received_case(service="consulting")

    assert_korean(refused.value, field="service")


def test_a_case_cannot_be_reclassified_as_consulting() -> None:
    case = a_received_case()
    before = snapshot(case)

    with pytest.raises(InvalidValue) as refused:
        case.classify(service="consulting", technology_field="금형", urgency="normal", by=BY)

    assert_korean(refused.value, field="service")
    assert snapshot(case) == before
    assert case.service == "difficulty_resolution"


# --- R&D programs -------------------------------------------------------------------


def plan_rnd(case: Case, program: str | None, budget_krw: int, duration_months: int) -> None:
    case.plan_resolution(
        kind="rnd",
        program=program,
        budget_krw=budget_krw,
        duration_months=duration_months,
        summary="공동 R&D",
        by=LIAISON,
    )


@pytest.mark.parametrize(
    ("program", "budget_krw", "duration_months", "field"),
    [
        ("demand_responsive", 30_000_001, 3, "budget_krw"),
        ("demand_responsive", 30_000_000, 4, "duration_months"),
        ("institute_main", 30_000_000, 6, "budget_krw"),
        ("institute_main", 50_000_000, 12, "duration_months"),
        ("government_commissioned", 99_999_999, 12, "budget_krw"),
        ("government_commissioned", 100_000_000, 11, "duration_months"),
        ("demand_responsive", 0, 3, "budget_krw"),
        ("demand_responsive", 10_000_000, 0, "duration_months"),
    ],
    ids=[
        "demand-responsive over 30 million",
        "demand-responsive 4 months",
        "institute-main not over 30 million",
        "institute-main a full year",
        "government under 100 million",
        "government under a year",
        "zero budget",
        "zero months",
    ],
)
def test_an_rnd_plan_outside_its_programs_rules_is_refused(
    program: str, budget_krw: int, duration_months: int, field: str
) -> None:
    case = a_case_in_contact()

    with pytest.raises(InvalidValue) as refused:
        plan_rnd(case, program, budget_krw, duration_months)

    assert_korean(refused.value, field=field)


@pytest.mark.parametrize(
    ("program", "budget_krw", "duration_months"),
    [
        ("demand_responsive", 30_000_000, 3),
        ("demand_responsive", 1, 1),
        ("institute_main", 30_000_001, 11),
        ("institute_main", 500_000_000, 1),
        ("government_commissioned", 100_000_000, 12),
        ("government_commissioned", 5_000_000_000, 60),
    ],
)
def test_an_rnd_plan_within_its_programs_rules_is_accepted(
    program: str, budget_krw: int, duration_months: int
) -> None:
    case = a_case_in_contact()

    plan_rnd(case, program, budget_krw, duration_months)

    assert case.plan is not None
    assert (case.plan.program, case.plan.budget_krw, case.plan.duration_months) == (
        program,
        budget_krw,
        duration_months,
    )


def test_an_rnd_plan_without_a_program_is_refused() -> None:
    case = a_case_in_contact()

    with pytest.raises(InvalidValue) as refused:
        plan_rnd(case, None, 10_000_000, 3)

    assert_korean(refused.value, field="program")


def test_an_rnd_plan_with_an_unknown_program_is_refused() -> None:
    case = a_case_in_contact()

    with pytest.raises(UnknownReference) as refused:
        plan_rnd(case, "horizon_europe", 10_000_000, 3)

    assert_korean(refused.value, field="program")


@pytest.mark.parametrize(
    ("program", "budget_krw", "duration_months", "blamed"),
    [
        ("demand_responsive", None, None, "program"),
        (None, 10_000_000, None, "budget_krw"),
        (None, None, 99, "duration_months"),
    ],
)
def test_a_plan_that_is_not_rnd_cannot_name_a_program_a_budget_or_a_duration(
    program: str | None, budget_krw: int | None, duration_months: int | None, blamed: str
) -> None:
    case = a_case_in_contact()

    with pytest.raises(InvalidValue) as refused:
        case.plan_resolution(
            kind="technology_transfer",
            program=program,
            budget_krw=budget_krw,
            duration_months=duration_months,
            summary="기술이전",
            by=LIAISON,
        )

    assert_korean(refused.value, field=blamed)


# --- service-specific details ---------------------------------------------------------

EXCHANGE = {"desired_institute": "KIST", "research_field": "소재", "period": "mid"}
TRANSFER = {"desired_field": "열처리", "running_royalty": True}


def test_a_personnel_exchange_request_keeps_its_institute_field_and_period() -> None:
    case = a_received_case(service="personnel_exchange", details=EXCHANGE)

    assert case.details == EXCHANGE


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({**EXCHANGE, "research_field": ""}, "research_field"),
        ({"desired_institute": "KIST", "period": "mid"}, "research_field"),
        ({**EXCHANGE, "period": "two_years"}, "period"),
        ({"desired_institute": "KIST", "research_field": "소재"}, "period"),
    ],
)
def test_a_personnel_exchange_request_needs_a_research_field_and_a_period_class(
    details: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        a_received_case(service="personnel_exchange", details=details)

    assert_korean(refused.value, field=field)


def test_a_personnel_exchange_request_for_an_unknown_institute_is_refused() -> None:
    with pytest.raises(UnknownReference) as refused:
        a_received_case(
            service="personnel_exchange", details={**EXCHANGE, "desired_institute": "MIT"}
        )

    assert_korean(refused.value, field="desired_institute")


def test_a_personnel_exchange_request_without_a_desired_institute_blames_that_field() -> None:
    details = {"research_field": "소재", "period": "mid"}

    with pytest.raises(InvalidValue) as refused:
        a_received_case(service="personnel_exchange", details=details)

    assert_korean(refused.value, field="desired_institute")


@pytest.mark.parametrize(
    "information", ["rnd_planning", "technology_roadmap", "market_information"]
)
def test_an_information_request_names_one_of_the_kinds_of_information(information: str) -> None:
    case = a_received_case(service="information_provision", details={"information": information})

    assert case.details == {"information": information}


@pytest.mark.parametrize("details", [{}, {"information": "patent_map"}])
def test_an_information_request_without_a_known_kind_is_refused(details: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue) as refused:
        a_received_case(service="information_provision", details=details)

    assert_korean(refused.value, field="information")


def test_a_technology_transfer_request_keeps_its_field_and_running_royalty_choice() -> None:
    case = a_received_case(service="technology_transfer", details=TRANSFER)

    assert case.details == TRANSFER


def test_a_technology_transfer_request_needs_a_desired_field() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_received_case(service="technology_transfer", details={"running_royalty": False})

    assert_korean(refused.value, field="desired_field")


@pytest.mark.parametrize("running_royalty", ["yes", 1, None])
def test_a_technology_transfer_request_needs_a_yes_or_no_running_royalty(
    running_royalty: object,
) -> None:
    details = {**TRANSFER, "running_royalty": running_royalty}

    with pytest.raises(InvalidValue) as refused:
        a_received_case(service="technology_transfer", details=details)

    assert_korean(refused.value, field="running_royalty")


@pytest.mark.parametrize(
    ("service", "details"),
    [
        ("difficulty_resolution", {"desired_field": "열처리"}),
        ("technology_transfer", {**TRANSFER, "budget": 1}),
    ],
)
def test_details_a_service_does_not_have_are_refused(service: str, details: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue) as refused:
        a_received_case(service=service, details=details)

    assert_korean(refused.value, field="details")


# --- refused commands change nothing; events say who, where, when -----------------------

REFUSALS: list[tuple[str, Callable[[], Case], Callable[[Case], None]]] = [
    ("accept by another institute", an_assigned_case, lambda c: c.accept_assignment("ETRI", by=BY)),
    ("plan before contact", an_accepted_case, lambda c: c.plan_resolution(kind="rnd", summary="x", by=BY)),
    ("rnd over budget", a_case_in_contact, lambda c: plan_rnd(c, "demand_responsive", 40_000_000, 3)),
    ("close before resolution", a_planned_case, lambda c: c.close(by=BY)),
    ("survey score 6", a_resolved_case, lambda c: c.survey_follow_up(satisfaction=6, by=BY)),
    ("note on a closed case", a_closed_case, lambda c: c.add_note("메모", by=BY)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "refused_command"),
    [(given, command) for _, given, command in REFUSALS],
    ids=[name for name, _, _ in REFUSALS],
)
def test_a_refused_command_leaves_the_case_unchanged(
    given: Callable[[], Case], refused_command: Callable[[Case], None]
) -> None:
    case = given()
    before = snapshot(case)
    state_before = copy.deepcopy(vars(case))

    with pytest.raises((IllegalTransition, InvalidValue)):
        refused_command(case)

    assert snapshot(case) == before
    assert vars(case) == state_before


def test_each_event_carries_who_recorded_it_on_which_device_and_when() -> None:
    case = an_assigned_case("KIMM")
    accepted_at = kst(2024, 6, 11, 10, 30)

    case.accept_assignment("KIMM", by=LIAISON.moved_to(accepted_at))

    received, *_, accepted = case.collect_events()
    assert isinstance(received, Case.Received)
    assert (received.recorded_by, received.device, received.timestamp) == (
        "counselor-kim",
        "laptop-1",
        MONDAY_9,
    )
    assert isinstance(accepted, Case.AssignmentAccepted)
    assert (accepted.recorded_by, accepted.device, accepted.timestamp) == (
        "liaison-park",
        "kimm-desktop",
        accepted_at,
    )
