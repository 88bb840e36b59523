"""A case's SLA clocks folded from its events: the 3-business-day first response
(최초 응대) and the 2-week agreement (협약) of demand-responsive R&D.

The week of Mon 2024-06-10 to Fri 2024-06-28 has no public holidays; a case received
on Monday 09:00 must be contacted by Thursday 09:00."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from builders import BY, LIAISON, a_received_case, kst

from domain.aggregate import DariEvent
from domain.application import DariApplication
from domain.case import Case
from domain.case_sla import CaseSlaStatus, case_sla, case_sla_status
from domain.reference import default_reference
from domain.sla import SlaState

RECEIVED_AT = kst(2024, 6, 10, 9)
FIRST_RESPONSE_DUE = kst(2024, 6, 13, 9)
CONTACTED_AT = kst(2024, 6, 11, 10)
PLANNED_AT = kst(2024, 6, 12, 10)
AGREEMENT_DUE = kst(2024, 6, 26, 10)  # 10 business days after the plan
LONG_AFTER = kst(2024, 8, 1)

REFERENCE = default_reference()


def an_accepted_case_received_at(at: datetime = RECEIVED_AT) -> Case:
    by = BY.moved_to(at)
    case = a_received_case(by=by)
    case.assign_institute("KIMM", by=by)
    case.accept_assignment("KIMM", by=LIAISON.moved_to(at))
    return case


def a_case_contacted_at(at: datetime) -> Case:
    case = an_accepted_case_received_at()
    case.make_first_contact(method="phone", summary="대표와 통화", by=LIAISON.moved_to(at))
    return case


# A budget (KRW) and a duration (months) each program funds.
FUNDABLE = {
    "demand_responsive": (20_000_000, 3),
    "institute_main": (200_000_000, 9),
    "government_commissioned": (200_000_000, 12),
}


def plan(case: Case, program: str | None, *, at: datetime = PLANNED_AT) -> None:
    """A technology-transfer plan when ``program`` is None, else an R&D plan it funds."""
    if program is None:
        case.plan_resolution(
            kind="technology_transfer", summary="기술이전", by=LIAISON.moved_to(at)
        )
        return
    budget_krw, duration_months = FUNDABLE[program]
    case.plan_resolution(
        kind="rnd",
        program=program,
        budget_krw=budget_krw,
        duration_months=duration_months,
        summary="공동 R&D",
        by=LIAISON.moved_to(at),
    )


def a_demand_responsive_plan() -> Case:
    case = a_case_contacted_at(CONTACTED_AT)
    plan(case, "demand_responsive")
    return case


def status_of(case: Case, as_of: datetime = LONG_AFTER) -> CaseSlaStatus:
    return case_sla_status(case.collect_events(), as_of, REFERENCE)


# --- first response ----------------------------------------------------------------------


def test_a_contact_within_three_business_days_meets_the_first_response_promise() -> None:
    case = a_case_contacted_at(kst(2024, 6, 13, 8, 59))

    first_response = status_of(case).first_response

    assert first_response is not None
    assert first_response.state is SlaState.MET
    assert first_response.due_at == FIRST_RESPONSE_DUE


def test_a_contact_after_three_business_days_misses_the_first_response_promise() -> None:
    case = a_case_contacted_at(kst(2024, 6, 13, 10))

    first_response = status_of(case).first_response

    assert first_response is not None
    assert first_response.state is SlaState.MISSED


def test_a_weekend_does_not_count_towards_the_first_response() -> None:
    friday_9 = kst(2024, 6, 14, 9)
    case = an_accepted_case_received_at(friday_9)
    case.make_first_contact(
        method="phone", summary="수요일 이른 아침 회신", by=LIAISON.moved_to(kst(2024, 6, 19, 8))
    )

    first_response = status_of(case).first_response

    assert first_response is not None
    assert first_response.due_at == kst(2024, 6, 19, 9)
    assert first_response.state is SlaState.MET


def test_a_case_without_contact_is_overdue_after_three_business_days() -> None:
    case = an_accepted_case_received_at()

    first_response = status_of(case, as_of=kst(2024, 6, 14, 9)).first_response

    assert first_response is not None
    assert first_response.state is SlaState.OVERDUE


def test_as_of_an_instant_before_the_contact_the_first_response_clock_is_running() -> None:
    case = a_case_contacted_at(kst(2024, 6, 12, 15))

    first_response = status_of(case, as_of=kst(2024, 6, 11, 12)).first_response

    assert first_response is not None
    assert first_response.state is SlaState.RUNNING
    assert first_response.due_at == FIRST_RESPONSE_DUE


def test_as_of_an_instant_before_intake_the_first_response_clock_has_not_started() -> None:
    case = an_accepted_case_received_at()

    first_response = status_of(case, as_of=kst(2024, 6, 7, 9)).first_response

    assert first_response is not None
    assert first_response.state is SlaState.NOT_STARTED


def test_waiting_on_the_sme_pauses_the_first_response_clock() -> None:
    case = an_accepted_case_received_at()
    case.start_waiting_on_sme("사업자등록증 회신 대기", by=BY.moved_to(kst(2024, 6, 10, 12)))

    first_response = status_of(case, as_of=kst(2024, 6, 13, 10)).first_response

    assert first_response is not None
    assert first_response.state is SlaState.PAUSED


def test_time_spent_waiting_on_the_sme_moves_the_first_response_due_date() -> None:
    case = an_accepted_case_received_at()
    case.start_waiting_on_sme("사업자등록증 회신 대기", by=BY.moved_to(kst(2024, 6, 10, 12)))
    case.end_waiting_on_sme(by=BY.moved_to(kst(2024, 6, 12, 12)))
    case.make_first_contact(
        method="phone", summary="회신 후 통화", by=LIAISON.moved_to(kst(2024, 6, 14, 10))
    )

    first_response = status_of(case).first_response

    assert first_response is not None
    assert first_response.due_at == kst(2024, 6, 17, 9)
    assert first_response.state is SlaState.MET


def test_a_case_withdrawn_before_any_contact_has_no_first_response_clock() -> None:
    case = an_accepted_case_received_at()
    case.withdraw("기업이 자체 해결", by=BY.moved_to(kst(2024, 6, 17, 9)))

    assert status_of(case).first_response is None


def test_a_case_withdrawn_after_its_contact_keeps_its_first_response_result() -> None:
    case = a_case_contacted_at(CONTACTED_AT)
    case.withdraw("기업이 자체 해결", by=BY.moved_to(kst(2024, 6, 17, 9)))

    first_response = status_of(case).first_response

    assert first_response is not None
    assert first_response.state is SlaState.MET


# --- agreement ---------------------------------------------------------------------------


def test_a_case_without_a_plan_has_no_agreement_clock() -> None:
    case = a_case_contacted_at(CONTACTED_AT)

    assert status_of(case).agreement is None


@pytest.mark.parametrize("program", [None, "institute_main", "government_commissioned"])
def test_a_plan_other_than_demand_responsive_rnd_starts_no_agreement_clock(
    program: str | None,
) -> None:
    case = a_case_contacted_at(CONTACTED_AT)

    plan(case, program)

    assert status_of(case).agreement is None


def test_a_demand_responsive_plan_starts_a_two_week_agreement_clock() -> None:
    case = a_demand_responsive_plan()

    agreement = status_of(case, as_of=kst(2024, 6, 13, 10)).agreement

    assert agreement is not None
    assert agreement.state is SlaState.RUNNING
    assert agreement.due_at == AGREEMENT_DUE


def test_an_agreement_signed_within_two_weeks_of_the_plan_meets_the_promise() -> None:
    case = a_demand_responsive_plan()
    case.sign_agreement(date(2024, 6, 26), by=LIAISON.moved_to(kst(2024, 6, 26, 9)))

    agreement = status_of(case).agreement

    assert agreement is not None
    assert agreement.state is SlaState.MET


def test_an_agreement_signed_later_than_two_weeks_after_the_plan_misses_the_promise() -> None:
    case = a_demand_responsive_plan()
    case.sign_agreement(date(2024, 6, 27), by=LIAISON.moved_to(kst(2024, 6, 27, 9)))

    agreement = status_of(case).agreement

    assert agreement is not None
    assert agreement.state is SlaState.MISSED


def test_a_demand_responsive_plan_unsigned_after_two_weeks_is_overdue() -> None:
    case = a_demand_responsive_plan()

    agreement = status_of(case, as_of=kst(2024, 6, 27, 9)).agreement

    assert agreement is not None
    assert agreement.state is SlaState.OVERDUE


def test_waiting_on_the_sme_moves_the_agreement_due_date() -> None:
    case = a_demand_responsive_plan()
    case.start_waiting_on_sme("협약서 날인 대기", by=BY.moved_to(kst(2024, 6, 13, 10)))
    case.end_waiting_on_sme(by=BY.moved_to(kst(2024, 6, 17, 10)))

    agreement = status_of(case, as_of=kst(2024, 6, 18, 9)).agreement

    assert agreement is not None
    assert agreement.due_at == kst(2024, 6, 28, 10)


def test_replanning_away_from_demand_responsive_rnd_drops_the_agreement_clock() -> None:
    case = a_demand_responsive_plan()

    plan(case, "institute_main", at=kst(2024, 6, 14, 10))

    assert status_of(case).agreement is None


def test_a_case_resolved_without_an_agreement_is_not_overdue_on_it() -> None:
    case = a_demand_responsive_plan()
    case.resolve(
        outcome="not_resolvable",
        summary="기술적으로 해결 불가",
        by=LIAISON.moved_to(kst(2024, 6, 14, 10)),
    )
    case.close(by=BY.moved_to(kst(2024, 6, 14, 11)))

    agreement = status_of(case).agreement

    assert agreement is None or agreement.state is not SlaState.OVERDUE


# --- the same fold over stored events ------------------------------------------------------


def test_the_fold_over_stored_events_gives_the_same_clocks_as_over_the_new_events() -> None:
    app = DariApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    case = a_demand_responsive_plan()
    new_events: list[DariEvent] = list(case.pending_events)
    app.record(case)

    stored_events = app.events_of(case.id)

    assert case_sla(stored_events, REFERENCE) == case_sla(new_events, REFERENCE)
    first_response = case_sla_status(stored_events, LONG_AFTER, REFERENCE).first_response
    assert first_response is not None
    assert first_response.state is SlaState.MET


def test_stored_events_until_an_instant_give_the_status_as_of_that_instant() -> None:
    app = DariApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    case = a_case_contacted_at(kst(2024, 6, 12, 15))
    app.record(case)
    as_of = kst(2024, 6, 11, 12)

    first_response = case_sla_status(
        app.events_of(case.id, until=as_of), as_of, REFERENCE
    ).first_response

    assert first_response is not None
    assert first_response.state is SlaState.RUNNING
