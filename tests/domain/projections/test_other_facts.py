"""Facts of companies (기업), consulting records (기술지도·자문) and mentoring
engagements (멘토링), folded from their stored events."""

from __future__ import annotations

from datetime import date

from fact_builders import (
    COMPANY_ID,
    MONDAY_9,
    REFERENCE,
    a_company,
    a_consulting_record,
    an_engagement,
    at,
    fact_events,
    kst,
)

from domain.aggregate import DariAggregate
from domain.projections.facts import (
    CompanyFacts,
    ConsultingFacts,
    MentoringFacts,
    evolve_company,
    evolve_consulting,
    evolve_mentoring,
)


def company_facts(company: DariAggregate) -> CompanyFacts:
    facts: CompanyFacts | None = None
    for e in fact_events(company):
        facts = evolve_company(facts, e, REFERENCE)
    assert facts is not None
    return facts


def consulting_facts(record: DariAggregate) -> ConsultingFacts:
    facts: ConsultingFacts | None = None
    for e in fact_events(record):
        facts = evolve_consulting(facts, e, REFERENCE)
    assert facts is not None
    return facts


def mentoring_facts(engagement: DariAggregate) -> MentoringFacts:
    facts: MentoringFacts | None = None
    for e in fact_events(engagement):
        facts = evolve_mentoring(facts, e, REFERENCE)
    assert facts is not None
    return facts


# --- companies ------------------------------------------------------------------------------


def test_a_registered_company_has_its_region_and_research_lab_flag() -> None:
    facts = company_facts(a_company(region="gyeonggi", lab=False))

    assert facts == CompanyFacts(COMPANY_ID, "gyeonggi", False, MONDAY_9)


def test_a_corrected_profile_moves_the_company_to_its_new_region() -> None:
    company = a_company(region="gyeonggi")
    company.correct_profile(
        name="다리정밀", region="seoul", industry="금형", size="small", by=at(MONDAY_9)
    )

    assert company_facts(company).region == "seoul"


def test_a_research_lab_opened_later_is_reflected_in_the_flag() -> None:
    company = a_company(lab=False)
    company.change_research_lab(True, by=at(kst(2024, 7, 1)))

    assert company_facts(company).has_research_lab


# --- consulting records ---------------------------------------------------------------------


def test_a_consulting_record_keeps_its_date_hours_institute_and_channel() -> None:
    record = a_consulting_record(consulted_on=date(2024, 6, 11), institute="KIMS")

    facts = consulting_facts(record)

    assert facts == ConsultingFacts(
        record_id=record.id,
        company_id=COMPANY_ID,
        region="daejeon",
        channel="visit",
        institute="KIMS",
        consulted_on=date(2024, 6, 11),
        hours=2.0,
        recorded_at=MONDAY_9,
        cancelled=False,
    )


def test_a_consulting_record_without_an_institute_has_none() -> None:
    assert consulting_facts(a_consulting_record(institute=None)).institute is None


def test_a_cancelled_consulting_record_is_marked_cancelled() -> None:
    record = a_consulting_record()
    record.cancel("중복 입력", by=at(kst(2024, 6, 12)))

    assert consulting_facts(record).cancelled


# --- mentoring ------------------------------------------------------------------------------


def test_a_started_engagement_has_its_region_and_no_stage_yet() -> None:
    engagement = an_engagement(region="gwangju")

    facts = mentoring_facts(engagement)

    assert facts == MentoringFacts(engagement.id, "gwangju", MONDAY_9)
    assert facts.current_stage is None


def test_each_stage_reached_is_kept_in_order_with_its_time() -> None:
    engagement = an_engagement()
    engagement.reach_stage("task_selection", by=at(kst(2024, 7, 1)))
    engagement.reach_stage("rnd", by=at(kst(2024, 9, 1)))
    engagement.reach_stage("commercialisation", by=at(kst(2025, 3, 1)))

    facts = mentoring_facts(engagement)

    assert facts.stages == (
        ("task_selection", kst(2024, 7, 1)),
        ("rnd", kst(2024, 9, 1)),
        ("commercialisation", kst(2025, 3, 1)),
    )
    assert facts.current_stage == "commercialisation"


def test_moving_back_a_stage_keeps_the_history_and_sets_the_current_stage() -> None:
    engagement = an_engagement()
    engagement.reach_stage("rnd", by=at(kst(2024, 7, 1)))
    engagement.reach_stage("task_selection", reason="과제 재선정", by=at(kst(2024, 8, 1)))

    facts = mentoring_facts(engagement)

    assert [stage for stage, _ in facts.stages] == ["rnd", "task_selection"]
    assert facts.current_stage == "task_selection"


def test_sessions_tasks_and_groups_leave_the_engagement_facts_as_they_are() -> None:
    engagement = an_engagement()
    before = mentoring_facts(engagement)
    engagement.hold_session(
        held_on=date(2024, 6, 12), hours=3, topics=["금형"], know_how="공정 노하우", by=at(MONDAY_9)
    )
    engagement.discover_convergence_task(title="금형 센서", description="", by=at(MONDAY_9))
    engagement.join_exchange_group("대전 금형 교류회", by=at(MONDAY_9))

    after = mentoring_facts(engagement)

    assert after == before


def test_a_concluded_engagement_records_when() -> None:
    engagement = an_engagement()
    engagement.conclude("사업화 완료", by=at(kst(2025, 6, 1)))

    assert mentoring_facts(engagement).concluded_at == kst(2025, 6, 1)
