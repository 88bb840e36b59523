"""A case's facts folded from its stored events: who received it where, the milestones
(designation, first contact, plan, agreement, resolution, closing), the latest survey
and the spans spent waiting on the SME."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from fact_builders import (
    COMPANY_ID,
    LIAISON,
    MONDAY_9,
    REFERENCE,
    a_case,
    a_company,
    at,
    case_facts,
    fact_events,
    fold_case,
    kst,
    plan_rnd,
)

from domain.case import Case
from domain.projections.facts import CaseFacts, evolve, evolve_case
from domain.reference import ReferenceData


def a_case_in_contact() -> Case:
    case = a_case()
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 11)))
    case.accept_assignment("KIMM", by=at(kst(2024, 6, 10, 14), LIAISON))
    case.make_first_contact(method="phone", summary="대표와 통화", by=at(kst(2024, 6, 11, 10)))
    return case


def a_resolved_case() -> Case:
    case = a_case_in_contact()
    case.plan_resolution(
        kind="technology_transfer", summary="보유 기술 이전", by=at(kst(2024, 6, 12, 10))
    )
    case.resolve(outcome="resolved", summary="기술이전 완료", by=at(kst(2024, 6, 20, 10)))
    return case


# --- intake and designation ----------------------------------------------------------------


def test_a_received_case_records_where_how_and_by_whom_it_came_in() -> None:
    case = a_case(region="busan", channel="online", service="technology_transfer")

    facts = case_facts(case)

    assert (facts.case_id, facts.company_id) == (case.id, COMPANY_ID)
    assert (facts.region, facts.channel, facts.service) == (
        "busan",
        "online",
        "technology_transfer",
    )
    assert (facts.counselor, facts.received_at, facts.status) == (
        "counselor-kim",
        MONDAY_9,
        "received",
    )
    assert facts.institute is None and facts.first_assigned_at is None


def test_a_classification_corrects_the_service() -> None:
    case = a_case(service="db_disclosure")
    case.classify(
        service="difficulty_resolution", technology_field="금형", urgency="urgent", by=at(MONDAY_9)
    )

    facts = case_facts(case)

    assert (facts.service, facts.status) == ("difficulty_resolution", "classified")


def test_a_designated_institute_is_the_cases_institute() -> None:
    case = a_case()
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 11)))

    facts = case_facts(case)

    assert (facts.institute, facts.first_assigned_at, facts.status) == (
        "KIMM",
        kst(2024, 6, 10, 11),
        "assigned",
    )


def test_a_reassignment_changes_the_institute_but_keeps_the_first_designation_time() -> None:
    case = a_case()
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 11)))
    case.decline_assignment("KIMM", "보유 기술 없음", by=at(kst(2024, 6, 11, 9), LIAISON))
    case.assign_institute("KITECH", by=at(kst(2024, 6, 11, 15)))

    facts = case_facts(case)

    assert facts.institute == "KITECH"
    assert facts.first_assigned_at == kst(2024, 6, 10, 11)


def test_a_case_returned_by_its_institute_has_no_institute() -> None:
    case = a_case()
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 11)))
    case.decline_assignment("KIMM", "보유 기술 없음", by=at(kst(2024, 6, 11, 9), LIAISON))

    facts = case_facts(case)

    assert (facts.institute, facts.status) == (None, "declined")
    assert facts.first_assigned_at == kst(2024, 6, 10, 11)


def test_an_accepted_case_contacted_afterwards_is_in_contact() -> None:
    facts = case_facts(a_case_in_contact())

    assert facts.first_contact_at == kst(2024, 6, 11, 10)
    assert facts.status == "in_contact"


def test_a_contact_made_before_the_institute_accepts_puts_the_case_in_contact_on_acceptance() -> (
    None
):
    case = a_case()
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 11)))
    case.make_first_contact(method="visit", summary="현장 방문", by=at(kst(2024, 6, 10, 15)))
    case.accept_assignment("KIMM", by=at(kst(2024, 6, 11, 9), LIAISON))

    facts = case_facts(case)

    assert (facts.first_contact_at, facts.status) == (kst(2024, 6, 10, 15), "in_contact")


# --- plan and agreement -------------------------------------------------------------------


def test_a_demand_responsive_plan_records_its_program_and_its_two_week_agreement_rule() -> None:
    case = a_case_in_contact()
    plan_rnd(case, "demand_responsive", kst(2024, 6, 12, 10))

    facts = case_facts(case)

    assert (facts.resolution_kind, facts.program, facts.planned_at) == (
        "rnd",
        "demand_responsive",
        kst(2024, 6, 12, 10),
    )
    assert facts.agreement_due_business_days == 10
    assert facts.status == "planned"


def test_a_plan_without_rnd_has_no_program_and_no_agreement_rule() -> None:
    case = a_case_in_contact()
    case.plan_resolution(
        kind="equipment_support", summary="시험 장비 지원", by=at(kst(2024, 6, 12, 10))
    )

    facts = case_facts(case)

    assert (facts.resolution_kind, facts.program) == ("equipment_support", None)
    assert facts.agreement_due_business_days is None
    assert facts.agreement_clock is None


def test_a_signed_agreement_is_recorded_when_it_was_recorded() -> None:
    case = a_case_in_contact()
    plan_rnd(case, "demand_responsive", kst(2024, 6, 12, 10))
    case.sign_agreement(date(2024, 6, 14), by=at(kst(2024, 6, 17, 9), LIAISON))

    facts = case_facts(case)

    assert (facts.agreement_signed_at, facts.status) == (kst(2024, 6, 17, 9), "agreed")


def test_a_plan_under_a_program_no_longer_configured_has_no_agreement_rule() -> None:
    case = a_case_in_contact()
    plan_rnd(case, "demand_responsive", kst(2024, 6, 12, 10))
    without_it = replace_programs(REFERENCE, keep="institute_main")

    facts: CaseFacts | None = None
    for e in fact_events(case):
        facts = evolve_case(facts, e, without_it)

    assert facts is not None
    assert (facts.program, facts.agreement_due_business_days) == ("demand_responsive", None)


def replace_programs(reference: ReferenceData, *, keep: str) -> ReferenceData:
    programs = tuple(p for p in reference.programs if p.code == keep)
    return ReferenceData(
        reference.regions, reference.institutes, programs, reference.services, reference.channels
    )


# --- resolution, survey, closing, reopening -------------------------------------------------


def test_a_resolution_records_its_time_and_outcome() -> None:
    facts = case_facts(a_resolved_case())

    assert (facts.resolved_at, facts.outcome, facts.status) == (
        kst(2024, 6, 20, 10),
        "resolved",
        "resolved",
    )


def test_a_closed_case_records_when_it_was_closed() -> None:
    case = a_resolved_case()
    case.close(by=at(kst(2024, 6, 21, 10)))

    facts = case_facts(case)

    assert (facts.closed_at, facts.status) == (kst(2024, 6, 21, 10), "closed")


def test_a_reopened_case_is_open_again_until_it_is_resolved_again() -> None:
    case = a_resolved_case()
    case.close(by=at(kst(2024, 6, 21, 10)))
    case.reopen("기술이전 후 재발", by=at(kst(2024, 7, 1, 10)))

    facts = case_facts(case)

    assert facts.status == "in_contact"
    assert (facts.resolved_at, facts.outcome, facts.closed_at) == (None, None, None)
    assert (facts.resolution_kind, facts.program, facts.planned_at) == (None, None, None)


def test_a_case_reopened_and_resolved_again_has_its_latest_resolution() -> None:
    case = a_resolved_case()
    case.reopen("기술이전 후 재발", by=at(kst(2024, 7, 1, 10)))
    case.resolve(outcome="partially_resolved", summary="부분 해결", by=at(kst(2024, 7, 10, 10)))

    facts = case_facts(case)

    assert (facts.resolved_at, facts.outcome, facts.status) == (
        kst(2024, 7, 10, 10),
        "partially_resolved",
        "resolved",
    )


def test_the_latest_survey_gives_the_satisfaction_and_every_survey_is_counted() -> None:
    case = a_resolved_case()
    case.survey_follow_up(satisfaction=2, comment="재발", by=at(kst(2024, 6, 25, 10)))
    case.reopen("기술이전 후 재발", by=at(kst(2024, 7, 1, 10)))
    case.resolve(outcome="resolved", summary="재해결", by=at(kst(2024, 7, 10, 10)))
    case.survey_follow_up(satisfaction=5, by=at(kst(2024, 7, 15, 10)))

    facts = case_facts(case)

    assert (facts.satisfaction, facts.surveys) == (5, 2)


def test_a_withdrawn_case_records_when_it_was_withdrawn() -> None:
    case = a_case_in_contact()
    case.withdraw("기업이 자체 해결", by=at(kst(2024, 6, 12, 9)))

    facts = case_facts(case)

    assert (facts.withdrawn_at, facts.status) == (kst(2024, 6, 12, 9), "withdrawn")


# --- waiting on the SME ---------------------------------------------------------------------


def test_each_wait_on_the_sme_is_a_pause_with_its_start_and_end() -> None:
    case = a_case()
    case.start_waiting_on_sme("서류 회신 대기", by=at(kst(2024, 6, 10, 12)))
    case.end_waiting_on_sme(by=at(kst(2024, 6, 11, 12)))
    case.start_waiting_on_sme("시료 회신 대기", by=at(kst(2024, 6, 12, 12)))

    facts = case_facts(case)

    assert facts.pauses == (
        (kst(2024, 6, 10, 12), kst(2024, 6, 11, 12)),
        (kst(2024, 6, 12, 12), None),
    )


def test_a_resolution_ends_an_open_wait_on_the_sme() -> None:
    case = a_case_in_contact()
    case.start_waiting_on_sme("서류 회신 대기", by=at(kst(2024, 6, 12, 12)))
    case.resolve(outcome="resolved", summary="해결", by=at(kst(2024, 6, 13, 12)))

    facts = case_facts(case)

    assert facts.pauses == ((kst(2024, 6, 12, 12), kst(2024, 6, 13, 12)),)


# --- what the fold ignores -------------------------------------------------------------------


def test_notes_and_conflict_decisions_leave_the_facts_as_they_are() -> None:
    case = a_case()
    before = case_facts(case)
    case.add_note("대표 부재, 내일 재연락", by=at(MONDAY_9))
    case.resolve_conflict("c-1", "keep_canonical", "기존 기록 유지", by=at(MONDAY_9))
    note, decision = fact_events(case)[-2:]

    assert evolve_case(before, note, REFERENCE) is before
    assert evolve_case(before, decision, REFERENCE) is before


def test_events_of_a_case_whose_intake_is_missing_give_no_facts() -> None:
    events = fact_events(a_case_in_contact())[1:]

    facts: CaseFacts | None = None
    for e in events:
        facts = evolve_case(facts, e, REFERENCE)

    assert facts is None


def test_an_unknown_topic_leaves_the_facts_as_they_are() -> None:
    facts = case_facts(a_case())
    received = fact_events(a_case())[0]
    unknown = replace(received, topic="dari.Case.SomethingNew")

    assert evolve_case(facts, unknown, REFERENCE) is facts
    assert evolve(facts, replace(received, topic="dari.Newcomer.Created"), REFERENCE) is facts


def test_evolve_folds_each_event_with_its_aggregates_fold() -> None:
    case_events = fact_events(a_case_in_contact())
    company_event = fact_events(a_company(5))[0]

    folded = None
    for e in case_events:
        folded = evolve(folded, e, REFERENCE)

    assert folded == fold_case(case_events)
    company = evolve(None, company_event, REFERENCE)
    assert company is not None and not isinstance(company, CaseFacts)


def test_evolve_refuses_facts_of_another_aggregate_type() -> None:
    company = evolve(None, fact_events(a_company(5))[0], REFERENCE)
    case_event = fact_events(a_case_in_contact())[1]

    with pytest.raises(TypeError):
        evolve(company, case_event, REFERENCE)
