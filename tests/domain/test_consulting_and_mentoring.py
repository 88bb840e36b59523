"""Technical guidance and consulting records (기술지도·자문) and technology-cooperation
mentoring (기술협력 멘토링) between senior and junior companies."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from builders import BY, COMPANY_ID, LIAISON, a_company, assert_korean

from domain.business_number import with_check_digit
from domain.consulting import ConsultingRecord
from domain.errors import IllegalTransition, InvalidValue, UnknownReference
from domain.mentoring import MentoringEngagement, MentoringStage

# --- consulting -----------------------------------------------------------------------


def a_consulting_record(**overrides: Any) -> ConsultingRecord:
    fields: dict[str, Any] = {
        "company_id": COMPANY_ID,
        "region": "daejeon",
        "channel": "visit",
        "consulted_on": date(2024, 6, 11),
        "hours": 2,
        "topic": "도금 공정 불량 원인 자문",
        "institute": "KIMS",
        "by": BY,
        **overrides,
    }
    return ConsultingRecord.record(**fields)


def test_a_consulting_record_counts_in_the_kpis() -> None:
    record = a_consulting_record()

    assert record.counts
    assert (record.institute, record.hours, record.counselor) == ("KIMS", 2, "counselor-kim")


def test_a_consulting_record_may_name_no_institute() -> None:
    record = a_consulting_record(institute=None)

    assert record.institute is None


@pytest.mark.parametrize("hours", [0.5, 24])
def test_consulting_hours_within_a_day_are_accepted(hours: float) -> None:
    record = a_consulting_record(hours=hours)

    assert record.hours == hours


@pytest.mark.parametrize("hours", [0, -1, 24.5, True])
def test_consulting_hours_outside_one_day_are_refused(hours: float) -> None:
    with pytest.raises(InvalidValue) as refused:
        a_consulting_record(hours=hours)

    assert_korean(refused.value, field="hours")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"institute": "MIT"}, "institute"),
        ({"region": "jeju"}, "region"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_a_consulting_record_with_an_unknown_code_is_refused(
    overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(UnknownReference) as refused:
        a_consulting_record(**overrides)

    assert_korean(refused.value, field=field)


def test_a_consulting_record_without_a_topic_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_consulting_record(topic=" ")

    assert_korean(refused.value, field="topic")


def test_a_cancelled_consulting_record_no_longer_counts() -> None:
    record = a_consulting_record()

    record.cancel("중복 입력", by=BY)

    assert not record.counts
    assert record.cancelled_reason == "중복 입력"


def test_a_consulting_record_cannot_be_cancelled_twice() -> None:
    record = a_consulting_record()
    record.cancel("중복 입력", by=BY)

    with pytest.raises(IllegalTransition) as refused:
        record.cancel("다시 취소", by=BY)

    assert_korean(refused.value)
    assert (record.cancelled_reason, record.version) == ("중복 입력", 2)


def test_cancelling_a_consulting_record_needs_a_reason() -> None:
    record = a_consulting_record()

    with pytest.raises(InvalidValue) as refused:
        record.cancel("", by=BY)

    assert_korean(refused.value, field="reason")
    assert record.counts


# --- mentoring ------------------------------------------------------------------------

SENIOR: UUID = COMPANY_ID
JUNIOR: UUID = a_company(business_number=with_check_digit("220811111")).id


def an_engagement() -> MentoringEngagement:
    return MentoringEngagement.start(
        senior_company_id=SENIOR,
        junior_company_id=JUNIOR,
        coordinator="코디네이터 이",
        region="daejeon",
        by=BY,
    )


def at_stage(stage: MentoringStage) -> MentoringEngagement:
    engagement = an_engagement()
    engagement.reach_stage(stage, by=BY)
    return engagement


def a_concluded_engagement() -> MentoringEngagement:
    engagement = an_engagement()
    engagement.conclude("해외진출 지원 완료", by=BY)
    return engagement


def test_a_new_engagement_has_no_stage_sessions_or_tasks() -> None:
    engagement = an_engagement()

    assert engagement.stage is None
    assert engagement.sessions == []
    assert engagement.convergence_tasks == []
    assert not engagement.concluded


def test_a_company_cannot_mentor_itself() -> None:
    with pytest.raises(InvalidValue) as refused:
        MentoringEngagement.start(
            senior_company_id=SENIOR,
            junior_company_id=SENIOR,
            coordinator="코디네이터 이",
            region="daejeon",
            by=BY,
        )

    assert_korean(refused.value, field="junior_company_id")


def test_an_engagement_without_a_coordinator_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        MentoringEngagement.start(
            senior_company_id=SENIOR,
            junior_company_id=JUNIOR,
            coordinator="",
            region="daejeon",
            by=BY,
        )

    assert_korean(refused.value, field="coordinator")


def test_a_session_records_its_topics_and_know_how() -> None:
    engagement = an_engagement()

    engagement.hold_session(
        held_on=date(2024, 6, 12),
        hours=3,
        topics=["양산 공정", "품질 인증"],
        know_how="인증 준비 절차",
        by=BY,
    )

    [session] = engagement.sessions
    assert session.topics == ("양산 공정", "품질 인증")
    assert session.hours == 3


@pytest.mark.parametrize("topics", [[], ["양산 공정", "  "]])
def test_a_session_needs_topics(topics: list[str]) -> None:
    engagement = an_engagement()

    with pytest.raises(InvalidValue) as refused:
        engagement.hold_session(
            held_on=date(2024, 6, 12), hours=3, topics=topics, know_how="노하우", by=BY
        )

    assert_korean(refused.value, field="topics")


@pytest.mark.parametrize("hours", [0, -2, 25])
def test_a_session_needs_a_positive_number_of_hours_within_a_day(hours: float) -> None:
    engagement = an_engagement()

    with pytest.raises(InvalidValue) as refused:
        engagement.hold_session(
            held_on=date(2024, 6, 12), hours=hours, topics=["양산 공정"], know_how="노하우", by=BY
        )

    assert_korean(refused.value, field="hours")
    assert engagement.sessions == []


def test_a_discovered_convergence_task_is_listed() -> None:
    engagement = an_engagement()

    engagement.discover_convergence_task(
        title="스마트 센서 융합", description="IoT 센서 + 금형", by=BY
    )

    assert engagement.convergence_tasks == [("스마트 센서 융합", "IoT 센서 + 금형")]


def test_a_convergence_task_with_the_same_title_is_refused() -> None:
    engagement = an_engagement()
    engagement.discover_convergence_task(title="스마트 센서 융합", description="첫 번째", by=BY)

    with pytest.raises(IllegalTransition) as refused:
        engagement.discover_convergence_task(title=" 스마트 센서 융합 ", description="중복", by=BY)

    assert_korean(refused.value, field="title")
    assert len(engagement.convergence_tasks) == 1


def test_joining_the_exchange_group_already_joined_is_refused() -> None:
    engagement = an_engagement()
    engagement.join_exchange_group("대전 기계 교류회", by=BY)

    with pytest.raises(IllegalTransition) as refused:
        engagement.join_exchange_group("대전 기계 교류회", by=BY)

    assert_korean(refused.value, field="group")


def test_the_first_stage_may_be_any_stage() -> None:
    engagement = an_engagement()

    engagement.reach_stage(MentoringStage.COMMERCIALISATION, by=BY)

    assert engagement.stage is MentoringStage.COMMERCIALISATION


def test_a_stage_can_move_forward_past_several_stages_without_a_reason() -> None:
    engagement = at_stage(MentoringStage.TASK_SELECTION)

    engagement.reach_stage(MentoringStage.INVESTMENT, by=LIAISON)

    assert engagement.stage is MentoringStage.INVESTMENT
    assert [stage for stage, _ in engagement.stage_history] == ["task_selection", "investment"]


def test_moving_back_a_stage_without_a_reason_is_refused() -> None:
    engagement = at_stage(MentoringStage.COMMERCIALISATION)

    with pytest.raises(IllegalTransition) as refused:
        engagement.reach_stage(MentoringStage.RND, reason="  ", by=BY)

    assert_korean(refused.value, field="reason")
    assert engagement.stage is MentoringStage.COMMERCIALISATION


def test_moving_back_a_stage_with_a_reason_is_accepted() -> None:
    engagement = at_stage(MentoringStage.COMMERCIALISATION)

    engagement.reach_stage(MentoringStage.RND, reason="시제품 성능 미달로 재개발", by=BY)

    assert engagement.stage is MentoringStage.RND


def test_reaching_the_current_stage_again_is_refused() -> None:
    engagement = at_stage(MentoringStage.RND)

    with pytest.raises(IllegalTransition) as refused:
        engagement.reach_stage(MentoringStage.RND, reason="재확인", by=BY)

    assert_korean(refused.value, field="stage")


def test_an_unknown_stage_is_refused() -> None:
    engagement = an_engagement()

    with pytest.raises(InvalidValue) as refused:
        engagement.reach_stage("ipo", by=BY)

    assert_korean(refused.value, field="stage")


@pytest.mark.parametrize(
    "record",
    [
        lambda e: e.hold_session(
            held_on=date(2024, 7, 1), hours=1, topics=["후속"], know_how="노하우", by=BY
        ),
        lambda e: e.discover_convergence_task(title="새 과제", description="", by=BY),
        lambda e: e.join_exchange_group("교류회", by=BY),
        lambda e: e.reach_stage(MentoringStage.OVERSEAS, by=BY),
        lambda e: e.conclude("다시 종료", by=BY),
    ],
    ids=["session", "convergence task", "exchange group", "stage", "conclusion"],
)
def test_nothing_can_be_recorded_after_the_engagement_is_concluded(record: Any) -> None:
    engagement = a_concluded_engagement()
    version = engagement.version

    with pytest.raises(IllegalTransition) as refused:
        record(engagement)

    assert_korean(refused.value)
    assert engagement.version == version
