"""The case facts carry the same SLA clocks as ``domain.case_sla``: for any valid
sequence of commands and any instant, the projections and a case screen agree on the
3-day first response and the 2-week agreement."""

from __future__ import annotations

from datetime import date

from event_streams import cases, instants_around
from fact_builders import LIAISON, REFERENCE, a_case, at, case_facts, fact_events, kst, plan_rnd
from hypothesis import HealthCheck, given, settings

from domain.case import Case
from domain.case_sla import case_sla, case_sla_status
from domain.projections.facts import facts_from
from domain.sla import SlaState


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_folded_clocks_are_the_clocks_of_the_case_sla_fold(case: Case) -> None:
    facts = case_facts(case)

    assert facts.sla == case_sla(case.pending_events, REFERENCE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_as_of_any_instant_the_facts_give_the_sla_status_of_the_case_sla_fold(case: Case) -> None:
    events = fact_events(case)
    received_at = events[0].recorded_at

    for as_of in instants_around(events):
        if as_of < received_at:
            continue
        facts = facts_from(events, REFERENCE, as_of=as_of).cases[case.id]

        expected = case_sla_status(case.pending_events, as_of, REFERENCE)
        assert facts.sla_status(as_of) == expected, as_of


def test_a_paused_then_late_first_contact_has_the_same_verdict_on_both_sides() -> None:
    case = a_case(when=kst(2024, 6, 10, 9))
    case.start_waiting_on_sme("서류 회신 대기", by=at(kst(2024, 6, 10, 12)))
    case.end_waiting_on_sme(by=at(kst(2024, 6, 12, 12)))
    case.make_first_contact(method="phone", summary="통화", by=at(kst(2024, 6, 14, 10), LIAISON))
    as_of = kst(2024, 8, 1)

    status = case_facts(case).sla_status(as_of)

    assert status == case_sla_status(case.pending_events, as_of, REFERENCE)
    assert status.first_response is not None
    assert status.first_response.state is SlaState.MET


def test_waiting_on_the_sme_moves_the_agreement_due_date_on_both_sides() -> None:
    case = a_planned_case()
    case.start_waiting_on_sme("협약서 날인 대기", by=at(kst(2024, 6, 13, 10)))
    case.end_waiting_on_sme(by=at(kst(2024, 6, 17, 10)))
    as_of = kst(2024, 6, 18, 9)

    status = case_facts(case).sla_status(as_of)

    assert status == case_sla_status(case.pending_events, as_of, REFERENCE)
    assert status.agreement is not None
    assert status.agreement.due_at == kst(2024, 6, 28, 10)


def a_planned_case() -> Case:
    case = a_case(when=kst(2024, 6, 10, 9))
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 10)))
    case.accept_assignment("KIMM", by=at(kst(2024, 6, 10, 11), LIAISON))
    case.make_first_contact(method="phone", summary="통화", by=at(kst(2024, 6, 10, 12), LIAISON))
    plan_rnd(case, "demand_responsive", kst(2024, 6, 12, 10))
    return case


def test_a_replan_keeps_the_running_agreement_clock_of_the_first_plan() -> None:
    case = a_planned_case()
    plan_rnd(case, "demand_responsive", kst(2024, 6, 20, 10))
    case.sign_agreement(date(2024, 6, 26), by=at(kst(2024, 6, 26, 11), LIAISON))

    facts = case_facts(case)

    assert facts.planned_at == kst(2024, 6, 20, 10)
    assert facts.agreement_clock is not None
    assert facts.agreement_clock.started_at == kst(2024, 6, 12, 10)
    assert facts.sla_status(kst(2024, 8, 1)).agreement == (
        case_sla_status(case.pending_events, kst(2024, 8, 1), REFERENCE).agreement
    )
