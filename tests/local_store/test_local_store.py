"""The local event store keeps what the domain records, on every backend."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError

from desktop.local.store import StoreKeyError, new_store_key, open_store, sqlite_settings
from domain.application import DariApplication
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.consulting import ConsultingRecord
from domain.errors import DomainError
from domain.mentoring import MentoringEngagement
from domain.recording import Recording

BY = Recording("counselor-kim", "laptop-1", at=datetime(2024, 9, 2, 10, 0, tzinfo=KST))
SECRET_DESCRIPTION = "도금층 박리 불량이 반복됩니다 — 비밀 공정 조건 포함"


def a_company(number: str = "123456789") -> Company:
    return Company.register(
        business_number=with_check_digit(number),
        name="한빛정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=BY,
    )


def a_case(company: Company) -> Case:
    return Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description=SECRET_DESCRIPTION,
        by=BY,
    )


def with_a_wrong_check_digit(first_nine: str) -> str:
    valid = with_check_digit(first_nine)
    return valid[:9] + str((int(valid[9]) + 1) % 10)


def reopen(settings: dict[str, str]) -> DariApplication:
    return open_store(settings)


def test_a_recorded_case_reloads_equal_after_the_store_is_reopened(
    store: DariApplication, store_settings: dict[str, str]
) -> None:
    company = a_company()
    case = a_case(company)
    case.assign_institute("KIMM", by=BY)
    store.record(company, case)

    again = reopen(store_settings)
    try:
        assert again.case(case.id) == case
        assert again.company(company.id) == company
    finally:
        again.close()


def test_dates_and_company_ids_survive_storage(store: DariApplication) -> None:
    company = a_company()
    record = ConsultingRecord.record(
        company_id=company.id,
        region="daejeon",
        channel="visit",
        consulted_on=date(2024, 9, 3),
        hours=1.5,
        topic="열처리 조건 자문",
        institute="KIMS",
        by=BY,
    )
    store.record(company, record)

    loaded = store.consulting_record(record.id)
    assert loaded.consulted_on == date(2024, 9, 3)
    assert loaded.company_id == company.id


def test_a_mentoring_engagement_with_sessions_reloads_equal(store: DariApplication) -> None:
    senior, junior = a_company("123456789"), a_company("223456789")
    engagement = MentoringEngagement.start(
        senior_company_id=senior.id,
        junior_company_id=junior.id,
        coordinator="코디네이터 박",
        region="daejeon",
        by=BY,
    )
    engagement.hold_session(
        held_on=date(2024, 9, 5), hours=2, topics=["품질관리"], know_how="공정 표준화", by=BY
    )
    engagement.reach_stage("task_selection", by=BY)
    store.record(senior, junior, engagement)

    assert store.mentoring(engagement.id) == engagement


def test_the_timeline_lists_events_in_the_order_they_were_recorded(
    store: DariApplication,
) -> None:
    company = a_company()
    case = a_case(company)
    case.assign_institute("KIMM", by=BY.moved_to(datetime(2024, 9, 2, 11, 0, tzinfo=KST)))
    case.add_note(
        "기업 담당자 부재, 재연락 예정", by=BY.moved_to(datetime(2024, 9, 2, 12, 0, tzinfo=KST))
    )
    store.record(company, case)

    kinds = [entry.kind for entry in store.timeline(case.id)]
    assert kinds == ["Received", "InstituteAssigned", "NoteAdded"]


def test_a_refused_command_stores_nothing(store: DariApplication) -> None:
    company = a_company()
    case = a_case(company)
    store.record(company, case)
    before = store.recorder.max_notification_id()

    with pytest.raises(DomainError):
        case.assign_institute("NOPE", by=BY)
    store.record(case)

    assert store.recorder.max_notification_id() == before
    assert store.case(case.id).institute is None


def test_a_wrong_business_number_stores_nothing(store: DariApplication) -> None:
    before = store.recorder.max_notification_id()
    with pytest.raises(DomainError) as refused:
        Company.register(
            business_number=with_a_wrong_check_digit("123456789"),
            name="오류기업",
            region="seoul",
            industry="제조",
            size="small",
            has_research_lab=False,
            by=BY,
        )
    assert refused.value.field == "business_number"
    assert store.recorder.max_notification_id() == before


def test_the_same_company_registered_twice_offline_collides_instead_of_duplicating(
    store: DariApplication,
) -> None:
    first, second = a_company(), a_company()
    assert first.id == second.id
    store.record(first)

    with pytest.raises(IntegrityError):
        store.record(second)
    assert len(store.events_of(first.id)) == 1


def test_a_missing_record_is_reported_in_korean(store: DariApplication) -> None:
    with pytest.raises(DomainError, match="찾을 수 없습니다"):
        store.case(a_company().id)


# Encryption at rest: only for the encrypted SQLite file ---------------------------------


def encrypted_store_with_a_case(tmp_path: Path) -> tuple[dict[str, str], Case]:
    settings = sqlite_settings(tmp_path / "local.sqlite", cipher_key=new_store_key())
    app = open_store(settings)
    company = a_company()
    case = a_case(company)
    app.record(company, case)
    app.close()
    return settings, case


def test_the_encrypted_file_does_not_contain_the_case_description(tmp_path: Path) -> None:
    encrypted_store_with_a_case(tmp_path)

    raw = b"".join(p.read_bytes() for p in tmp_path.glob("local.sqlite*"))
    assert SECRET_DESCRIPTION.encode() not in raw
    assert "한빛정밀".encode() not in raw


def test_a_plain_file_does_contain_it_which_is_why_counselors_get_the_encrypted_one(
    tmp_path: Path,
) -> None:
    app = open_store(sqlite_settings(tmp_path / "plain.sqlite"))
    company = a_company()
    app.record(company, a_case(company))
    app.close()

    raw = b"".join(p.read_bytes() for p in tmp_path.glob("plain.sqlite*"))
    assert SECRET_DESCRIPTION.encode() in raw


def test_a_wrong_key_is_refused_with_a_korean_message_and_stores_nothing(tmp_path: Path) -> None:
    settings, case = encrypted_store_with_a_case(tmp_path)
    wrong = sqlite_settings(tmp_path / "local.sqlite", cipher_key=new_store_key())

    with pytest.raises(StoreKeyError, match="암호 키가 맞지 않습니다"):
        open_store(wrong)

    right = open_store(settings)
    try:
        assert right.recorder.max_notification_id() == 2
        assert right.case(case.id) == case
    finally:
        right.close()


def test_an_encrypted_store_opened_without_a_key_is_refused(tmp_path: Path) -> None:
    encrypted_store_with_a_case(tmp_path)

    with pytest.raises(StoreKeyError):
        open_store(sqlite_settings(tmp_path / "local.sqlite"))


@pytest.mark.parametrize("key", ["", "not base64!", "c2hvcnQ="])
def test_a_malformed_key_is_refused_before_the_store_is_touched(tmp_path: Path, key: str) -> None:
    with pytest.raises(StoreKeyError, match="형식"):
        sqlite_settings(tmp_path / "local.sqlite", cipher_key=key)
    assert not (tmp_path / "local.sqlite").exists()
