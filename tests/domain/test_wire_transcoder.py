"""Dari's transcoder writes and reads the event store library's JSON format with orjson;
each must read exactly what the other writes, so stores and servers written by either
stay readable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder
from hypothesis import given
from hypothesis import strategies as st

from domain.application import register_dari_transcodings
from domain.transcoder import DariTranscoder
from domain.wire import _MAPPER

typed_values = st.one_of(
    st.uuids(),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    # Fixed offsets: an instant at a zone's DST fold reads back as its offset only,
    # with either transcoder (the library writes ISO text).
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=9))])),
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**62), 2**62), st.text(max_size=20), typed_values
)
payloads = st.dictionaries(
    st.text(max_size=10),
    st.recursive(
        json_scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
        ),
        max_leaves=12,
    ),
    max_size=6,
)


def reference_transcoder() -> JSONTranscoder:
    transcoder = JSONTranscoder()
    register_dari_transcodings(transcoder)
    return transcoder


@given(payloads)
def test_the_wire_codec_reads_what_the_store_transcoder_reads(payload: dict[str, Any]) -> None:
    reference = reference_transcoder()
    encoded = reference.encode(payload)

    assert _MAPPER.transcoder.decode(encoded) == reference.decode(encoded)


def test_typed_values_come_back_as_their_types_at_any_depth() -> None:
    reference = reference_transcoder()
    payload = {
        "case_id": UUID(int=7),
        "nested": {"signed_on": date(2024, 10, 2), "amounts": [Decimal("1.50")]},
        "at": datetime(2024, 10, 2, 9, 30, tzinfo=UTC),
    }

    decoded = _MAPPER.transcoder.decode(reference.encode(payload))

    assert decoded == payload
    assert isinstance(decoded["nested"]["signed_on"], date)
    assert isinstance(decoded["nested"]["amounts"][0], Decimal)


def dari_transcoder() -> DariTranscoder:
    transcoder = DariTranscoder()
    register_dari_transcodings(transcoder)
    return transcoder


@given(payloads)
def test_what_dari_writes_the_library_reads_back_unchanged(payload: dict[str, Any]) -> None:
    assert reference_transcoder().decode(dari_transcoder().encode(payload)) == payload


@given(payloads)
def test_what_the_library_writes_dari_reads_back_unchanged(payload: dict[str, Any]) -> None:
    assert dari_transcoder().decode(reference_transcoder().encode(payload)) == payload


def test_uuids_inside_lists_and_tuples_keep_their_type() -> None:
    payload = {"ids": [UUID(int=1), (UUID(int=2),)], "nested": {"id": UUID(int=3)}}

    decoded = reference_transcoder().decode(dari_transcoder().encode(payload))

    assert decoded == {"ids": [UUID(int=1), [UUID(int=2)]], "nested": {"id": UUID(int=3)}}
