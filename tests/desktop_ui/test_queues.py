"""The role queues without a display: each filter holds exactly the right cases, in
SQL over the read model, and the queue actions record through the domain or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from queue_builders import QueueCases, later, stage_cases, store_as_pulled
from ui_builders import NOW

from desktop.local.queues import (
    ASSIGNMENT_QUEUE,
    SURVEY_QUEUE,
    QueueActions,
    awaiting_acceptance,
    institutes_to_offer,
    liaison_inbox,
    no_recommendation,
    recommended_institute,
)
from desktop.local.read_model import CaseFilter, CaseListQuery, CaseSort, ReadModel
from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from domain.access import Actor, Role
from domain.case import Case
from domain.case_status import CaseStatus
from domain.errors import DomainError, NotPermitted
from domain.recording import Recording


class Queues:
    def __init__(self, path: Path) -> None:
        self.workspace = Workspace.open(path, cipher_key=new_store_key())
        self.read_model = ReadModel(path, reference=self.workspace.reference)
        self.query = CaseListQuery(path)
        self.cases = stage_cases(self.workspace.reference)
        store_as_pulled(self.workspace, self.cases)
        self.read_model.catch_up(self.workspace)

    def ids(self, scope: CaseFilter) -> list[UUID]:
        return [row.case_id for row in self.query.page(now=NOW, scope=scope, limit=100)]

    def actions(self, actor: Actor) -> QueueActions:
        device = f"{actor.username}-pc"
        return QueueActions(
            self.workspace, actor, lambda: Recording(actor.username, device, later(1))
        )

    def close(self) -> None:
        self.query.close()
        self.read_model.close()
        self.workspace.close()


KIMM_LIAISON = Actor("liaison.kimm", Role.LIAISON, institute="KIMM")
ETRI_LIAISON = Actor("liaison.etri", Role.LIAISON, institute="ETRI")
CENTRAL = Actor("central.lee", Role.CENTRAL)


@pytest.fixture
def queues(tmp_path: Path) -> Iterator[Queues]:
    opened = Queues(tmp_path / "local.sqlite")
    yield opened
    opened.close()


def ids(*cases: Case) -> set[UUID]:
    return {case.id for case in cases}


# What each queue holds ------------------------------------------------------------------


def test_the_liaison_inbox_holds_the_institutes_open_cases_waiting_ones_first(
    queues: Queues,
) -> None:
    c: QueueCases = queues.cases

    inbox = queues.ids(liaison_inbox("KIMM"))

    assert set(inbox) == ids(c.assigned_to_kimm, c.accepted_by_kimm)
    assert inbox[0] == c.assigned_to_kimm.id


def test_waiting_cases_stay_first_whatever_the_sort(queues: Queues) -> None:
    waiting = queues.cases.assigned_to_kimm  # received before the accepted one

    for descending in (True, False):
        rows = queues.query.page(now=NOW, scope=liaison_inbox("KIMM"), descending=descending)
        assert rows[0].case_id == waiting.id
        assert rows[0].status is CaseStatus.ASSIGNED


def test_another_institutes_inbox_holds_only_its_own_cases(queues: Queues) -> None:
    assert queues.ids(liaison_inbox("ETRI")) == [queues.cases.assigned_to_etri.id]


def test_a_liaison_without_a_known_institute_sees_an_empty_inbox(queues: Queues) -> None:
    assert queues.ids(liaison_inbox(None)) == []
    assert queues.query.count(scope=liaison_inbox(None)) == 0


def test_the_awaiting_count_counts_only_cases_not_yet_accepted(queues: Queues) -> None:
    assert queues.query.count(scope=awaiting_acceptance("KIMM")) == 1


def test_the_assignment_queue_holds_new_classified_and_declined_cases(queues: Queues) -> None:
    c = queues.cases

    assert set(queues.ids(ASSIGNMENT_QUEUE)) == ids(c.received, c.classified, c.declined_by_kimm)


def test_the_survey_queue_holds_resolved_and_closed_cases_not_yet_surveyed(
    queues: Queues,
) -> None:
    c = queues.cases

    assert set(queues.ids(SURVEY_QUEUE)) == ids(c.resolved_by_kimm, c.closed_unsurveyed)


def test_the_counselors_list_still_holds_every_case(queues: Queues) -> None:
    assert queues.query.count() == len(queues.cases.cases) == 10


def test_filters_combine_with_the_text_search(queues: Queues) -> None:
    assert queues.query.count("한빛", scope=ASSIGNMENT_QUEUE) == 3
    assert queues.query.count("새봄", scope=ASSIGNMENT_QUEUE) == 0


def test_the_surveyed_flag_follows_the_current_resolution(queues: Queues) -> None:
    c = queues.cases
    reopened = queues.workspace.load_case(c.surveyed.id)
    by = Recording("central.lee", "desk", later(1))
    reopened.reopen("재발", by=by)
    reopened.resolve(outcome="resolved", summary="재조치", by=by.moved_to(later(2)))
    queues.workspace.record(reopened)

    queues.read_model.catch_up_local(queues.workspace)

    row = queues.query.case(c.surveyed.id, now=NOW)
    assert row is not None and row.surveyed is False
    assert c.surveyed.id in queues.ids(SURVEY_QUEUE)


# Actions ---------------------------------------------------------------------------


def test_accepting_records_the_acceptance_and_the_case_leaves_the_waiting_list(
    queues: Queues,
) -> None:
    case_id = queues.cases.assigned_to_kimm.id

    queues.actions(KIMM_LIAISON).accept(case_id)
    queues.read_model.catch_up_local(queues.workspace)

    [pending] = queues.workspace.pending_for(case_id)
    assert isinstance(pending.entry.event(), Case.AssignmentAccepted)
    assert queues.query.count(scope=awaiting_acceptance("KIMM")) == 0
    assert case_id in queues.ids(liaison_inbox("KIMM"))


def test_declining_without_a_reason_is_refused_in_korean_and_records_nothing(
    queues: Queues,
) -> None:
    case_id = queues.cases.assigned_to_kimm.id

    with pytest.raises(DomainError) as refused:
        queues.actions(KIMM_LIAISON).decline(case_id, "   ")

    assert refused.value.message == "반려 사유을(를) 입력해 주세요."
    assert refused.value.field == "reason"
    assert queues.workspace.pending_for(case_id) == []


def test_a_declined_case_moves_to_the_assignment_queue(queues: Queues) -> None:
    case_id = queues.cases.assigned_to_kimm.id

    queues.actions(KIMM_LIAISON).decline(case_id, "해당 장비 없음")
    queues.read_model.catch_up_local(queues.workspace)

    assert case_id not in queues.ids(liaison_inbox("KIMM"))
    assert case_id in queues.ids(ASSIGNMENT_QUEUE)


def test_a_liaison_cannot_accept_another_institutes_case(queues: Queues) -> None:
    case_id = queues.cases.assigned_to_kimm.id

    with pytest.raises(DomainError):
        queues.actions(ETRI_LIAISON).accept(case_id)

    assert queues.workspace.pending_for(case_id) == []


def test_a_liaison_may_not_assign_institutes(queues: Queues) -> None:
    case_id = queues.cases.received.id

    with pytest.raises(NotPermitted):
        queues.actions(KIMM_LIAISON).assign(case_id, "KIMM")

    assert queues.workspace.pending_for(case_id) == []


def test_assigning_records_it_and_the_case_leaves_the_assignment_queue(queues: Queues) -> None:
    case_id = queues.cases.classified.id

    queues.actions(CENTRAL).assign(case_id, "KRISS")
    queues.read_model.catch_up_local(queues.workspace)

    [pending] = queues.workspace.pending_for(case_id)
    assert isinstance(pending.entry.event(), Case.InstituteAssigned)
    assert case_id not in queues.ids(ASSIGNMENT_QUEUE)
    assert queues.ids(liaison_inbox("KRISS")) == [case_id]


def test_a_survey_out_of_range_is_refused_and_records_nothing(queues: Queues) -> None:
    case_id = queues.cases.resolved_by_kimm.id

    for satisfaction in (0, 6):
        with pytest.raises(DomainError) as refused:
            queues.actions(CENTRAL).survey(case_id, satisfaction)
        assert refused.value.field == "satisfaction"

    assert queues.workspace.pending_for(case_id) == []


def test_a_survey_records_it_and_the_case_leaves_the_survey_queue(queues: Queues) -> None:
    case_id = queues.cases.closed_unsurveyed.id

    queues.actions(CENTRAL).survey(case_id, 4, "  빠른 대응  ")
    queues.read_model.catch_up_local(queues.workspace)

    [pending] = queues.workspace.pending_for(case_id)
    event = pending.entry.event()
    assert isinstance(event, Case.FollowUpSurveyed)
    assert (event.satisfaction, event.comment) == (4, "빠른 대응")
    assert case_id not in queues.ids(SURVEY_QUEUE)


# The institute chooser ---------------------------------------------------------------


def test_an_institute_that_declined_is_not_offered_again(queues: Queues) -> None:
    case = queues.workspace.load_case(queues.cases.declined_by_kimm.id)

    offered = [i.code for i in institutes_to_offer(case, queues.workspace.reference)]

    assert "KIMM" not in offered
    assert "ETRI" in offered
    assert len(offered) == len(queues.workspace.reference.institutes) - 1


def test_without_a_matching_engine_nothing_is_recommended(queues: Queues) -> None:
    case = queues.workspace.load_case(queues.cases.received.id)

    assert recommended_institute(case, queues.workspace.reference, no_recommendation) is None


def test_a_recommendation_of_an_institute_that_declined_is_dropped(queues: Queues) -> None:
    reference = queues.workspace.reference
    declined = queues.workspace.load_case(queues.cases.declined_by_kimm.id)
    fresh = queues.workspace.load_case(queues.cases.received.id)

    def kimm(case: Case) -> str:
        return "KIMM"

    assert recommended_institute(declined, reference, kimm) is None
    recommended = recommended_institute(fresh, reference, kimm)
    assert recommended is not None and recommended.name == "한국기계연구원"


def test_each_queue_holds_the_same_cases_whatever_the_sort(queues: Queues) -> None:
    for scope in (liaison_inbox("KIMM"), ASSIGNMENT_QUEUE, SURVEY_QUEUE):
        expected = set(queues.ids(scope))
        for sort in CaseSort:
            for descending in (True, False):
                rows = queues.query.page(now=NOW, sort=sort, descending=descending, scope=scope)
                assert {r.case_id for r in rows} == expected, (scope, sort)


def test_a_read_model_of_the_first_schema_is_rebuilt_with_the_surveyed_flag(
    tmp_path: Path,
) -> None:
    path = tmp_path / "local.sqlite"
    queues = Queues(path)
    db = queues.read_model._db
    # What a version 1 file holds: no ``surveyed`` column.
    db.execute("DROP TABLE list_cases")
    db.execute("CREATE TABLE list_cases (case_id TEXT PRIMARY KEY, status TEXT)")
    db.execute("UPDATE list_state SET value = '1' WHERE key = 'schema'")
    queues.read_model.close()

    upgraded = ReadModel(path, reference=queues.workspace.reference)
    try:
        upgraded.catch_up(queues.workspace)
        ids = {r.case_id for r in queues.query.page(now=NOW, scope=SURVEY_QUEUE)}
    finally:
        upgraded.close()
        queues.query.close()
        queues.workspace.close()
    assert ids == {queues.cases.resolved_by_kimm.id, queues.cases.closed_unsurveyed.id}
