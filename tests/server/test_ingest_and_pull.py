"""Push judgement and scoped pull, straight against the central history on SQLite and
PostgreSQL (the HTTP layer is tested separately)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa
from envelope_builders import envelopes
from sqlalchemy.engine import Engine

from domain.access import Actor, Role, Scope, may_read
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording
from domain.reference import default_reference
from sync_protocol import EventEnvelope, EventStatus
from sync_server.auth.session import Session
from sync_server.ingest import BatchRefused, push
from sync_server.pull import pull, readable_by
from sync_server.tables import aggregate_scopes, conflicts, events, receipts

REF = default_reference()
KIM = Session(Actor("counselor.kim", Role.COUNSELOR, region="daejeon"), "kim-laptop")
PARK = Session(Actor("counselor.park", Role.COUNSELOR, region="daejeon"), "park-laptop")
SEOUL = Session(Actor("counselor.seo", Role.COUNSELOR, region="seoul"), "seo-laptop")
LEE = Session(Actor("central.lee", Role.CENTRAL), "lee-desk")
CHOI = Session(Actor("central.choi", Role.CENTRAL), "choi-desk")
KIMM = Session(Actor("liaison.kimm", Role.LIAISON, institute="KIMM"), "kimm-pc")
ETRI = Session(Actor("liaison.etri", Role.LIAISON, institute="ETRI"), "etri-pc")
ADMIN = Session(Actor("admin", Role.ADMIN), "admin-pc")


@pytest.fixture
def history(server_engine: Engine) -> Engine:
    """The central history on a migrated database (SQLite and PostgreSQL)."""
    return server_engine


def by(session: Session, minute: int = 0) -> Recording:
    return Recording(
        session.actor.username, session.device_id, datetime(2024, 9, 2, 10, minute, tzinfo=KST)
    )


def a_company(session: Session = KIM) -> Company:
    return Company.register(
        business_number=with_check_digit("305811234"),
        name="한빛정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=by(session),
    )


def a_case(company_id: UUID, session: Session = KIM, region: str = "daejeon") -> Case:
    return Case.receive(
        company_id=company_id,
        region=region,
        channel="hotline_1379",
        service="difficulty_resolution",
        description="도금 불량",
        by=by(session),
    )


def stored_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(events)).scalar_one())


def statuses(results: list) -> list[EventStatus]:  # type: ignore[type-arg]
    return [r.status for r in results]


def test_a_counselors_new_company_and_case_are_accepted_in_order(history: Engine) -> None:
    company = a_company()
    case = a_case(company.id)
    results, high_water_mark = push(history, KIM, envelopes(company) + envelopes(case), REF)

    assert statuses(results) == [EventStatus.ACCEPTED, EventStatus.ACCEPTED]
    assert [r.position for r in results] == sorted(r.position for r in results)
    assert high_water_mark == results[-1].position


def test_a_replayed_batch_returns_the_same_results_and_stores_nothing_twice(
    history: Engine,
) -> None:
    company = a_company()
    batch = envelopes(company)
    first, _ = push(history, KIM, batch, REF)
    again, _ = push(history, KIM, batch, REF)

    assert again == first
    assert stored_count(history) == 1


def test_an_envelope_claiming_another_user_refuses_the_whole_batch(history: Engine) -> None:
    mine = envelopes(a_company(KIM))
    forged = envelopes(a_case(mine[0].aggregate_id, PARK))

    with pytest.raises(BatchRefused) as refused:
        push(history, KIM, mine + forged, REF)

    assert refused.value.status == 403 and refused.value.code == "forged_sender"
    assert "2번째 기록" in refused.value.detail
    assert stored_count(history) == 0


def test_an_envelope_from_another_device_refuses_the_whole_batch(history: Engine) -> None:
    other_device = Session(KIM.actor, "stolen-laptop")

    with pytest.raises(BatchRefused) as refused:
        push(history, other_device, envelopes(a_company(KIM)), REF)

    assert refused.value.code == "forged_sender"
    assert stored_count(history) == 0


def test_an_unknown_event_type_refuses_the_batch(history: Engine) -> None:
    envelope = envelopes(a_company())[0]
    forged = envelope.model_copy(update={"topic": "dari.Company.Exploded"})

    with pytest.raises(BatchRefused) as refused:
        push(history, KIM, [forged], REF)

    assert refused.value.code == "unknown_event_type"
    assert stored_count(history) == 0


def test_a_schema_version_newer_than_the_server_knows_refuses_the_batch(history: Engine) -> None:
    envelope = envelopes(a_company())[0]
    future = envelope.model_copy(update={"schema_version": 9})

    with pytest.raises(BatchRefused) as refused:
        push(history, KIM, [future], REF)

    assert refused.value.code == "unsupported_schema_version"
    assert stored_count(history) == 0


def test_an_older_schema_version_is_upcast_and_accepted(history: Engine) -> None:
    company = a_company()
    case = a_case(company.id)
    case.assign_institute("KIMM", by=by(LEE, 1))
    push(history, KIM, envelopes(company), REF)
    received, assigned = envelopes(case)
    push(history, KIM, [received], REF)
    push(history, LEE, [assigned], REF)
    contact = a_case_copy(case)
    contact.make_first_contact(method="phone", summary="통화", by=by(KIM, 2))
    [v2] = envelopes(contact)
    v1_payload = {k: v for k, v in v2.payload.items() if k not in ("method", "class_version")}
    v1 = v2.model_copy(update={"schema_version": 1, "payload": v1_payload})

    [result], _ = push(history, KIM, [v1], REF)

    assert result.status is EventStatus.ACCEPTED
    with history.connect() as connection:
        stored = connection.execute(
            sa.select(events.c.schema_version).where(events.c.event_id == v1.event_id)
        ).scalar_one()
    assert stored == 2


def test_a_counselor_cannot_record_a_case_of_another_region(history: Engine) -> None:
    company = a_company(SEOUL)
    push(history, SEOUL, envelopes(company), REF)
    results, _ = push(history, SEOUL, envelopes(a_case(company.id, SEOUL, region="daejeon")), REF)

    assert results[0].status is EventStatus.REJECTED
    assert "다른 지역" in (results[0].reason or "")


def test_positions_stay_gapless_when_a_batch_stores_only_some_of_its_events(
    history: Engine,
) -> None:
    company = a_company(SEOUL)
    push(history, SEOUL, envelopes(company), REF)
    refused = a_case(company.id, SEOUL, region="daejeon")
    kept = a_case(company.id, SEOUL, region="seoul")

    mixed, _ = push(history, SEOUL, envelopes(refused) + envelopes(kept), REF)
    after, _ = push(history, SEOUL, envelopes(a_case(company.id, SEOUL, region="seoul")), REF)

    assert statuses(mixed) == [EventStatus.REJECTED, EventStatus.ACCEPTED]
    with history.connect() as connection:
        stored = connection.execute(sa.select(events.c.position).order_by("position")).scalars()
        assert list(stored) == [1, 2, 3]
    assert [mixed[1].position, after[0].position] == [2, 3]


def test_the_same_company_registered_offline_by_two_counselors_becomes_one(history: Engine) -> None:
    push(history, KIM, envelopes(a_company(KIM)), REF)
    results, _ = push(history, PARK, envelopes(a_company(PARK)), REF)

    assert results[0].status is EventStatus.ACCEPTED
    assert "합쳤습니다" in (results[0].reason or "")
    assert stored_count(history) == 1


def notes_added_offline_to_one_case(
    history: Engine,
) -> tuple[list[EventEnvelope], list[EventEnvelope]]:
    """A stored case to which Kim and Lee each add a note to version 1, offline: the
    envelopes of Kim's note and of Lee's."""
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    mine, theirs = a_case_copy(case), a_case_copy(case)
    mine.add_note("김 상담원 메모", by=by(KIM, 5))
    theirs.add_note("이 직원 메모", by=by(LEE, 6))
    return envelopes(mine), envelopes(theirs)


def test_concurrent_compatible_edits_are_rebased_after_each_other(history: Engine) -> None:
    mine, theirs = notes_added_offline_to_one_case(history)

    first, _ = push(history, KIM, mine, REF)
    second, _ = push(history, LEE, theirs, REF)

    assert first[0].status is EventStatus.ACCEPTED and first[0].version == 2
    assert second[0].status is EventStatus.REBASED and second[0].version == 3


def test_a_replayed_rebase_is_answered_as_rebased_from_its_receipt(history: Engine) -> None:
    mine, theirs = notes_added_offline_to_one_case(history)
    push(history, KIM, mine, REF)
    first, _ = push(history, LEE, theirs, REF)

    again, _ = push(history, LEE, theirs, REF)

    assert again == first and again[0].status is EventStatus.REBASED
    with history.connect() as connection:
        receipted = connection.execute(sa.select(receipts.c.event_id, receipts.c.status)).all()
    # Plain acceptances are their own receipts (their rows in ``events``).
    assert receipted == [(first[0].event_id, "rebased")]


def test_two_institutes_assigned_offline_produce_a_visible_conflict(history: Engine) -> None:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    here, there = a_case_copy(case), a_case_copy(case)
    here.assign_institute("KIMM", by=by(LEE, 5))
    there.assign_institute("ETRI", by=by(CHOI, 6))

    push(history, LEE, envelopes(here), REF)
    results, _ = push(history, CHOI, envelopes(there), REF)

    assert results[0].status is EventStatus.CONFLICT
    assert "다른 출연연 지정" in (results[0].reason or "")
    with history.connect() as connection:
        kept = connection.execute(sa.select(conflicts)).one()
        scope = connection.execute(sa.select(aggregate_scopes.c.institute)).all()
    assert kept.aggregate_id == case.id and kept.status == "open"
    assert ("KIMM",) in scope and ("ETRI",) not in scope


def test_a_scope_row_is_written_only_when_a_push_moves_its_aggregate(history: Engine) -> None:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    with history.begin() as connection:  # a marker: rewriting the row would erase it
        connection.execute(
            aggregate_scopes.update()
            .where(aggregate_scopes.c.aggregate_id == case.id)
            .values(region="marker")
        )

    def stored_scope() -> tuple[str | None, str | None]:
        with history.connect() as connection:
            row = connection.execute(
                sa.select(aggregate_scopes.c.region, aggregate_scopes.c.institute).where(
                    aggregate_scopes.c.aggregate_id == case.id
                )
            ).one()
        return row.region, row.institute

    case.add_note("진행 메모", by=by(KIM, 1))
    push(history, KIM, envelopes(case), REF)
    assert stored_scope() == ("marker", None)

    case.assign_institute("KIMM", by=by(LEE, 2))
    push(history, LEE, envelopes(case), REF)
    assert stored_scope() == ("daejeon", "KIMM")


def test_the_same_assignment_made_twice_offline_is_kept_as_a_conflict_not_stored_twice(
    history: Engine,
) -> None:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    here, there = a_case_copy(case), a_case_copy(case)
    here.assign_institute("KIMM", by=by(LEE, 5))
    there.assign_institute("KIMM", by=by(CHOI, 6))

    push(history, LEE, envelopes(here), REF)
    results, _ = push(history, CHOI, envelopes(there), REF)

    assert results[0].status is EventStatus.CONFLICT
    assert "이미" in (results[0].reason or "")


def test_a_decision_on_top_of_the_devices_own_rebased_event_is_not_a_conflict(
    history: Engine,
) -> None:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    notes = a_case_copy(case)
    notes.add_note("다른 직원 메모", by=by(KIM, 1))
    push(history, KIM, envelopes(notes), REF)  # someone else's event at version 2
    offline = a_case_copy(case)
    offline.assign_institute("KIMM", by=by(LEE, 2))
    offline.assign_institute("ETRI", by=by(LEE, 3))  # Lee changes their mind, offline

    first, second = push(history, LEE, envelopes(offline), REF)[0]

    assert first.status is EventStatus.REBASED and second.status is EventStatus.REBASED


def test_an_event_that_no_longer_holds_after_concurrent_events_is_a_conflict(
    history: Engine,
) -> None:
    company = a_company()
    case = a_case(company.id)
    case.assign_institute("KIMM", by=by(LEE, 1))
    push(history, LEE, envelopes(company)[:0], REF)
    push(history, KIM, envelopes(company), REF)
    events_of_case = envelopes(case)
    push(history, KIM, events_of_case[:1], REF)
    push(history, LEE, events_of_case[1:], REF)
    # Offline, the counselor withdraws the case at version 2 while KIMM accepted and resolved.
    withdrawn, progressed = a_case_copy(case), a_case_copy(case)
    progressed.accept_assignment("KIMM", by=by(KIMM, 10))
    progressed.make_first_contact(method="phone", summary="통화", by=by(KIMM, 11))
    progressed.resolve(outcome="resolved", summary="해결", by=by(KIMM, 12))
    push(history, KIMM, envelopes(progressed), REF)
    withdrawn.withdraw("기업 요청으로 취하", by=by(KIM, 13))

    results, _ = push(history, KIM, envelopes(withdrawn), REF)

    assert results[0].status is EventStatus.CONFLICT
    assert results[0].conflict_id is not None
    assert "취하" in (results[0].reason or "")


def test_a_liaison_reassigned_away_has_later_pushes_rejected_with_the_reason(
    history: Engine,
) -> None:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    assigned = a_case_copy(case)
    assigned.assign_institute("KIMM", by=by(LEE, 1))
    push(history, LEE, envelopes(assigned), REF)
    offline_kimm = a_case_copy(assigned)
    reassigned = a_case_copy(assigned)
    reassigned.assign_institute("ETRI", by=by(LEE, 2))
    push(history, LEE, envelopes(reassigned), REF)

    offline_kimm.accept_assignment("KIMM", by=by(KIMM, 3))
    results, _ = push(history, KIMM, envelopes(offline_kimm), REF)

    assert results[0].status is EventStatus.REJECTED
    assert "재지정" in (results[0].reason or "")


def test_pull_gives_each_role_only_its_scope(history: Engine) -> None:
    company = a_company()
    daejeon_case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(daejeon_case), REF)
    seoul_company = Company.register(
        business_number=with_check_digit("105811234"),
        name="서울소재",
        region="seoul",
        industry="소재",
        size="small",
        has_research_lab=False,
        by=by(SEOUL),
    )
    seoul_case = a_case(seoul_company.id, SEOUL, region="seoul")
    push(history, SEOUL, envelopes(seoul_company) + envelopes(seoul_case), REF)

    def cases_seen(session: Session) -> set[UUID]:
        page = pull(history, session.actor, 0, 100)
        return {
            e.envelope.aggregate_id for e in page.events if e.envelope.aggregate_type == "dari.Case"
        }

    assert cases_seen(KIM) == {daejeon_case.id}
    assert cases_seen(SEOUL) == {seoul_case.id}
    assert cases_seen(LEE) == {daejeon_case.id, seoul_case.id}
    assert cases_seen(KIMM) == set()
    assert pull(history, ADMIN.actor, 0, 100).events == []


def test_a_newly_assigned_liaison_receives_the_cases_earlier_events(history: Engine) -> None:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    cursor = pull(history, KIMM.actor, 0, 100).next_cursor
    assigned = a_case_copy(case)
    assigned.assign_institute("KIMM", by=by(LEE, 1))
    push(history, LEE, envelopes(assigned), REF)

    page = pull(history, KIMM.actor, cursor, 100)

    case_versions = [e.envelope.version for e in page.events if e.envelope.aggregate_id == case.id]
    assert case_versions == [1, 2]


def test_pull_pages_resume_from_any_cursor_without_gaps_or_repeats(history: Engine) -> None:
    company = a_company()
    push(history, KIM, envelopes(company), REF)
    for _ in range(7):
        push(history, KIM, envelopes(a_case(company.id)), REF)
    seen, cursor = [], 0
    while True:
        page = pull(history, LEE.actor, cursor, 3)
        seen += [e.position for e in page.events]
        cursor = page.next_cursor
        if not page.has_more:
            break

    assert seen == sorted(set(seen)) and len(seen) == 8
    assert cursor == page.high_water_mark


@pytest.mark.parametrize("actor", [KIM.actor, SEOUL.actor, LEE.actor, KIMM.actor, ADMIN.actor])
@pytest.mark.parametrize(
    "scope",
    [
        Scope("dari.Case", "daejeon", None),
        Scope("dari.Case", "daejeon", "KIMM"),
        Scope("dari.Case", "seoul", "ETRI"),
        Scope("dari.Company", "seoul", None),
        Scope("dari.ConsultingRecord", "daejeon", "KIMM"),
        Scope("dari.MentoringEngagement", "daejeon", None),
    ],
)
def test_the_pull_filter_agrees_with_the_domain_read_rule(
    history: Engine, actor: Actor, scope: Scope
) -> None:
    aggregate_id = uuid4()
    with history.begin() as connection:
        connection.execute(
            aggregate_scopes.insert().values(
                aggregate_id=aggregate_id,
                aggregate_type=scope.aggregate_type,
                region=scope.region,
                institute=scope.institute,
            )
        )
        found = connection.execute(
            sa.select(aggregate_scopes.c.aggregate_id).where(
                aggregate_scopes.c.aggregate_id == aggregate_id, readable_by(actor)
            )
        ).all()
    assert bool(found) == may_read(actor, scope)


def a_case_copy(case: Case) -> Case:
    """The same case as another device holds it: the events so far, nothing pending."""
    import copy

    twin = copy.deepcopy(case)
    twin.collect_events()
    return twin


def test_scoped_pages_move_through_other_regions_events_in_windows_and_miss_nothing(
    history: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sync_server.pull

    monkeypatch.setattr(sync_server.pull, "SCAN_WINDOW", 3)
    company = a_company()
    push(history, KIM, envelopes(company), REF)
    seoul_company = Company.register(
        business_number=with_check_digit("105811234"),
        name="서울소재",
        region="seoul",
        industry="소재",
        size="small",
        has_research_lab=False,
        by=by(SEOUL),
    )
    push(history, SEOUL, envelopes(seoul_company), REF)
    mine = []
    for _case in range(4):
        for _ in range(3):  # a stretch of Seoul's cases wider than the window
            push(history, SEOUL, envelopes(a_case(seoul_company.id, SEOUL, region="seoul")), REF)
        case = a_case(company.id)
        mine.append(case.id)
        push(history, KIM, envelopes(case), REF)

    seen, cursor, pages = [], 0, 0
    while True:
        page = pull(history, KIM.actor, cursor, 100)
        pages += 1
        assert page.next_cursor > cursor or not page.has_more
        seen += [e.envelope.aggregate_id for e in page.events]
        cursor = page.next_cursor
        if not page.has_more:
            break

    assert [i for i in seen if i in mine] == mine
    assert seen.count(company.id) == 1 and seen.count(seoul_company.id) == 1
    assert pages > 1 and cursor == page.high_water_mark
