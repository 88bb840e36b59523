"""Stored events as the projections read them: the header and the payload exactly as
the event store transcodes it, with its UUID and date markers."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from fact_builders import COMPANY_ID, LIAISON, a_case, assert_korean, at, kst

from domain.errors import InvalidValue
from domain.projections.events import date_of, fact_event_from, uuid_of

HEX = "10c44860bf9159fbb76c030648ddec98"


def test_a_domain_event_becomes_a_fact_event_with_its_header_and_stored_payload() -> None:
    case = a_case()
    case.assign_institute("KIMM", by=at(kst(2024, 6, 10, 11), LIAISON))
    received, assigned = case.pending_events

    fact = fact_event_from(assigned)

    assert (fact.topic, fact.aggregate_id, fact.version) == (
        "dari.Case.InstituteAssigned",
        case.id,
        2,
    )
    assert (fact.recorded_at, fact.recorded_by) == (kst(2024, 6, 10, 11), "liaison-park")
    assert fact.data["institute"] == "KIMM"
    assert fact_event_from(received).data["company_id"] == {
        "_type_": "uuid_hex",
        "_data_": COMPANY_ID.hex,
    }


def test_uuid_of_unwraps_the_stored_marker() -> None:
    assert uuid_of({"_type_": "uuid_hex", "_data_": HEX}) == UUID(HEX)


@pytest.mark.parametrize("value", [UUID(HEX), HEX, str(UUID(HEX))])
def test_uuid_of_also_takes_a_uuid_or_its_text(value: object) -> None:
    assert uuid_of(value) == UUID(HEX)


@pytest.mark.parametrize("value", [None, 42, "not-a-uuid", {"_type_": "uuid_hex"}])
def test_an_unreadable_uuid_is_refused_in_korean(value: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        uuid_of(value)

    assert_korean(refused.value)


def test_date_of_unwraps_the_stored_marker() -> None:
    assert date_of({"_type_": "date_iso", "_data_": "2024-06-11"}) == date(2024, 6, 11)


@pytest.mark.parametrize("value", [date(2024, 6, 11), "2024-06-11"])
def test_date_of_also_takes_a_date_or_its_iso_text(value: object) -> None:
    assert date_of(value) == date(2024, 6, 11)


@pytest.mark.parametrize("value", [None, "2024-13-01", {"_data_": "어제"}, kst(2024, 6, 11)])
def test_an_unreadable_date_is_refused_in_korean(value: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        date_of(value)

    assert_korean(refused.value)
