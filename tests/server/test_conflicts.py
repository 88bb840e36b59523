"""Conflicts are kept, shown to the people involved with both sides, and resolved by
central staff with a resolution that is itself an event on the case."""

from __future__ import annotations

from uuid import UUID

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from test_ingest_and_pull import (  # the same fixtures and builders
    CHOI,
    ETRI,
    KIM,
    KIMM,
    LEE,
    REF,
    SEOUL,
    a_case,
    a_case_copy,
    a_company,
    by,
    envelopes,
    history,
)

from sync_protocol import ConflictResolution, EventStatus
from sync_server.conflicts import get_conflict, list_conflicts, resolve_conflict
from sync_server.ingest import push
from sync_server.problems import ProblemError
from sync_server.tables import events

__all__ = ["history"]


def two_rival_assignments(history: Engine) -> tuple[UUID, UUID]:
    company = a_company()
    case = a_case(company.id)
    push(history, KIM, envelopes(company) + envelopes(case), REF)
    here, there = a_case_copy(case), a_case_copy(case)
    here.assign_institute("KIMM", by=by(LEE, 5))
    there.assign_institute("ETRI", by=by(CHOI, 6))
    push(history, LEE, envelopes(here), REF)
    [result], _ = push(history, CHOI, envelopes(there), REF)
    assert result.status is EventStatus.CONFLICT and result.conflict_id
    return case.id, result.conflict_id


def test_the_conflict_is_listed_for_central_staff_and_the_regions_counselor(
    history: Engine,
) -> None:
    _, conflict_id = two_rival_assignments(history)

    assert [c.conflict_id for c in list_conflicts(history, LEE.actor)] == [conflict_id]
    assert [c.conflict_id for c in list_conflicts(history, KIM.actor)] == [conflict_id]
    assert list_conflicts(history, SEOUL.actor) == []
    assert list_conflicts(history, ETRI.actor) == []


def test_a_conflict_shows_both_sides(history: Engine) -> None:
    case_id, conflict_id = two_rival_assignments(history)

    view = get_conflict(history, LEE.actor, conflict_id)

    assert view.theirs.topic == "dari.Case.InstituteAssigned"
    assert view.theirs.payload["institute"] == "ETRI"
    assert [e.payload.get("institute") for e in view.canonical] == ["KIMM"]
    assert view.aggregate_id == case_id


def test_resolving_keeps_the_canonical_history_and_records_the_decision_as_an_event(
    history: Engine,
) -> None:
    case_id, conflict_id = two_rival_assignments(history)

    resolved = resolve_conflict(
        history,
        LEE,
        conflict_id,
        ConflictResolution(decision="keep_canonical", note="기계 분야라 KIMM 유지"),
        REF,
    )

    assert resolved.status == "resolved"
    with history.connect() as connection:
        topics = connection.execute(
            sa.select(events.c.topic)
            .where(events.c.aggregate_id == case_id)
            .order_by(events.c.version)
        ).scalars()
        assert list(topics)[-1] == "dari.Case.ConflictResolved"
    assert list_conflicts(history, LEE.actor) == []


def test_applying_theirs_stores_the_replacement_then_the_decision(history: Engine) -> None:
    case_id, conflict_id = two_rival_assignments(history)
    current = a_case_copy_from_history(history, case_id)
    current.assign_institute("ETRI", by=by(LEE, 20))
    [replacement] = envelopes(current)

    resolve_conflict(
        history,
        LEE,
        conflict_id,
        ConflictResolution(decision="apply_theirs", note="ETRI 요청 반영", replacement=replacement),
        REF,
    )

    with history.connect() as connection:
        topics = list(
            connection.execute(
                sa.select(events.c.topic)
                .where(events.c.aggregate_id == case_id)
                .order_by(events.c.version)
            ).scalars()
        )
    assert topics[-2:] == ["dari.Case.InstituteAssigned", "dari.Case.ConflictResolved"]


def test_a_conflict_cannot_be_resolved_twice(history: Engine) -> None:
    _, conflict_id = two_rival_assignments(history)
    decision = ConflictResolution(decision="keep_canonical", note="유지")
    resolve_conflict(history, LEE, conflict_id, decision, REF)

    with pytest.raises(ProblemError) as refused:
        resolve_conflict(history, LEE, conflict_id, decision, REF)
    assert refused.value.problem.status == 409


def test_only_central_staff_resolve_conflicts(history: Engine) -> None:
    _, conflict_id = two_rival_assignments(history)

    with pytest.raises(ProblemError) as refused:
        resolve_conflict(
            history, KIMM, conflict_id, ConflictResolution(decision="keep_canonical", note="x"), REF
        )
    assert refused.value.problem.status == 403


def a_case_copy_from_history(history: Engine, case_id: UUID):  # type: ignore[no-untyped-def]
    from sync_server.central_history import load_aggregate

    with history.connect() as connection:
        return load_aggregate(connection, case_id).aggregate
