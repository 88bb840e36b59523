"""How an event's state becomes JSON bytes and back, for the local store and the wire.

The format is the ``eventsourcing`` library's ``JSONTranscoder`` format, unchanged:
typed values (UUIDs, dates, instants, decimals) are written as
``{"_type_": …, "_data_": …}``. Only the work is done by orjson instead of the standard
``json`` module: a first sync decodes and re-encodes every pulled event, and the
standard encoder was a third of that time. Each side reads what the other writes
(``tests/domain/test_wire_transcoder.py``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import JSONTranscoder

_NESTED = (dict, list, tuple)
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class DariTranscoder(JSONTranscoder):
    """``JSONTranscoder``'s format, written and read with orjson."""

    def encode(self, obj: Any) -> bytes:
        # orjson writes UUIDs itself (as plain strings); they must carry their type.
        return orjson.dumps(self._typed_uuids(obj), default=self._encode_obj, option=_OPTIONS)

    def decode(self, data: bytes) -> Any:
        value = orjson.loads(data)
        return self._revive(value) if type(value) in _NESTED else value

    def _typed_uuids(self, value: Any) -> Any:
        kind = type(value)
        if kind is UUID:
            return self._encode_obj(value)
        if kind is dict:
            return {
                key: self._typed_uuids(item) if type(item) in _WALKED else item
                for key, item in value.items()
            }
        if kind is list or kind is tuple:
            return [self._typed_uuids(item) if type(item) in _WALKED else item for item in value]
        return value

    def _revive(self, value: Any) -> Any:
        """Typed values restored in place, innermost first: ``value`` is orjson's own
        fresh result, so only the nested items are touched (most of a payload's items
        are plain strings and numbers, and rebuilding every dict cost a fifth of the
        server's judging)."""
        if type(value) is list:
            for index, item in enumerate(value):
                if type(item) in _NESTED:
                    value[index] = self._revive(item)
            return value
        for key, item in value.items():
            if type(item) in _NESTED:
                value[key] = self._revive(item)  # an existing key: the dict keeps its size
        return self._decode_obj(value) if "_type_" in value else value


_WALKED = (dict, list, tuple, UUID)
