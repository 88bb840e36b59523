"""A case's timeline: one Korean line per event, with who recorded it, on which device
and when."""

from __future__ import annotations

from datetime import date

from builders import BY, LIAISON, a_received_case, has_hangul, kst

from domain.application import DariApplication, TimelineEntry
from domain.case import Case

RECEIVED_AT = kst(2024, 6, 10, 9)
ASSIGNED_AT = kst(2024, 6, 10, 11)
ACCEPTED_AT = kst(2024, 6, 11, 9, 30)


def an_app() -> DariApplication:
    return DariApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def a_stored_case_assigned_to_kimm(app: DariApplication) -> Case:
    case = a_received_case(by=BY.moved_to(RECEIVED_AT))
    case.assign_institute("KIMM", by=BY.moved_to(ASSIGNED_AT))
    case.accept_assignment("KIMM", by=LIAISON.moved_to(ACCEPTED_AT))
    app.record(case)
    return case


def a_stored_case_through_its_whole_life(app: DariApplication) -> Case:
    case = a_stored_case_assigned_to_kimm(app)
    by = LIAISON.moved_to(kst(2024, 6, 12, 10))
    case.make_first_contact(method="visit", summary="공장 방문", by=by)
    case.add_note("시편 3종 수령", by=by)
    case.start_waiting_on_sme("시편 추가 요청", by=by)
    case.end_waiting_on_sme(by=by)
    case.plan_resolution(
        kind="rnd",
        program="demand_responsive",
        budget_krw=25_000_000,
        duration_months=3,
        summary="소재 공동 개선",
        by=by,
    )
    case.sign_agreement(date(2024, 6, 20), by=by)
    case.resolve(outcome="resolved", summary="균열 제거", by=by)
    case.survey_follow_up(satisfaction=5, comment="감사합니다", by=BY)
    case.close(by=BY)
    app.record(case)
    return case


def test_the_timeline_has_one_entry_per_event_in_order() -> None:
    app = an_app()
    case = a_stored_case_assigned_to_kimm(app)

    timeline = app.timeline(case.id)

    assert [entry.version for entry in timeline] == [1, 2, 3]
    assert [entry.kind for entry in timeline] == [
        "Received",
        "InstituteAssigned",
        "AssignmentAccepted",
    ]


def test_each_entry_says_who_recorded_it_on_which_device_and_when() -> None:
    app = an_app()
    case = a_stored_case_assigned_to_kimm(app)

    timeline = app.timeline(case.id)

    assert [(e.recorded_by, e.device, e.recorded_at) for e in timeline] == [
        ("counselor-kim", "laptop-1", RECEIVED_AT),
        ("counselor-kim", "laptop-1", ASSIGNED_AT),
        ("liaison-park", "kimm-desktop", ACCEPTED_AT),
    ]


def test_the_assignment_entry_names_the_institute_in_korean() -> None:
    app = an_app()
    case = a_stored_case_assigned_to_kimm(app)

    assigned = app.timeline(case.id)[1]

    assert assigned == TimelineEntry(
        version=2,
        recorded_at=ASSIGNED_AT,
        recorded_by="counselor-kim",
        device="laptop-1",
        kind="InstituteAssigned",
        text="담당 출연연 지정: 한국기계연구원",
    )


def test_the_intake_entry_names_the_channel_service_and_description_in_korean() -> None:
    app = an_app()
    case = a_stored_case_assigned_to_kimm(app)

    received = app.timeline(case.id)[0]

    assert "1379 상담전화" in received.text
    assert "애로기술 해결" in received.text
    assert "사출 금형에 균열" in received.text


def test_the_intake_entry_of_a_technology_transfer_request_describes_its_details() -> None:
    app = an_app()
    case = a_received_case(
        service="technology_transfer",
        details={"desired_field": "열처리", "running_royalty": True},
    )
    app.record(case)

    received = app.timeline(case.id)[0]

    assert "기술이전" in received.text
    assert "희망 분야 열처리" in received.text
    assert "러닝개런티 협의" in received.text


def test_every_entry_of_a_whole_case_life_reads_in_korean() -> None:
    app = an_app()
    case = a_stored_case_through_its_whole_life(app)

    timeline = app.timeline(case.id)

    assert len(timeline) == case.version == 12
    assert all(has_hangul(entry.text) for entry in timeline), [e.text for e in timeline]


def test_the_plan_entry_shows_the_program_budget_in_man_won_and_duration() -> None:
    app = an_app()
    case = a_stored_case_through_its_whole_life(app)

    planned = next(e for e in app.timeline(case.id) if e.kind == "ResolutionPlanned")

    assert "수요대응 공동기술지원사업" in planned.text
    assert "2,500만원" in planned.text
    assert "3개월" in planned.text


def test_the_timeline_of_stored_events_matches_what_was_recorded() -> None:
    app = an_app()
    case = a_stored_case_through_its_whole_life(app)

    texts = [e.text for e in app.timeline(case.id)]

    assert "협약 체결 (2024-06-20)" in texts
    assert "만족도 조사: 5점 — 감사합니다" in texts
    assert texts[-1] == "종결"
