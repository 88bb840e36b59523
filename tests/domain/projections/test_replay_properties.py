"""Replaying is deterministic: rebuilding from zero equals updating incrementally, the
facts as of an instant are those of exactly the events recorded by then, and how the
central store interleaves different aggregates does not matter."""

from __future__ import annotations

from datetime import datetime

from event_streams import event_streams, instants_around
from fact_builders import REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.projections.events import FactEvent
from domain.projections.facts import NationalFacts, facts_from

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(event_streams(), st.data())
def test_folding_a_stream_in_two_chunks_equals_folding_it_at_once(
    stream: list[FactEvent], data: st.DataObject
) -> None:
    split = data.draw(st.integers(0, len(stream)))
    incremental = facts_from(stream[:split], REFERENCE)

    for e in stream[split:]:
        incremental.apply(e, REFERENCE)

    assert incremental == facts_from(stream, REFERENCE)


@PROPERTY
@given(event_streams(), st.data())
def test_the_facts_as_of_an_instant_are_the_fold_of_exactly_the_events_recorded_by_then(
    stream: list[FactEvent], data: st.DataObject
) -> None:
    as_of: datetime = data.draw(st.sampled_from(instants_around(stream)))

    as_of_facts = facts_from(stream, REFERENCE, as_of=as_of)

    replayed = NationalFacts()
    for e in stream:
        if e.recorded_at <= as_of:
            replayed.apply(e, REFERENCE)
    assert as_of_facts == replayed


@PROPERTY
@given(event_streams(), st.data())
def test_the_order_in_which_different_aggregates_arrive_does_not_change_the_facts(
    stream: list[FactEvent], data: st.DataObject
) -> None:
    by_aggregate: dict[object, list[FactEvent]] = {}
    for e in stream:
        by_aggregate.setdefault(e.aggregate_id, []).append(e)
    grouped = [e for events in by_aggregate.values() for e in events]

    assert facts_from(grouped, REFERENCE) == facts_from(stream, REFERENCE)


def test_no_events_give_no_facts() -> None:
    assert facts_from([], REFERENCE) == NationalFacts()
