"""The reference data (기준 정보) as one value: regions, institutes, programs,
services and channels, each looked up by code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from domain.errors import UnknownReference
from domain.reference.program import Program


@dataclass(frozen=True)
class Region:
    """A regional counseling center (지역상담센터), e.g. ``seoul`` 서울."""

    code: str
    name: str


@dataclass(frozen=True)
class Institute:
    """A government-funded research institute (출연연), e.g. ``KIST``."""

    code: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Service:
    """A kind of technical support a request can ask for (기술지원 분야)."""

    code: str
    name: str


@dataclass(frozen=True)
class Channel:
    """How a difficulty reached the center (접수 경로), e.g. the 1379 hotline."""

    code: str
    name: str


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_T = TypeVar("_T", bound=_Coded)


@dataclass(frozen=True)
class ReferenceData:
    """All reference data, each list in the order it was configured."""

    regions: tuple[Region, ...]
    institutes: tuple[Institute, ...]
    programs: tuple[Program, ...]
    services: tuple[Service, ...]
    channels: tuple[Channel, ...]
    _regions: Mapping[str, Region] = field(init=False, repr=False, compare=False)
    _institutes: Mapping[str, Institute] = field(init=False, repr=False, compare=False)
    _programs: Mapping[str, Program] = field(init=False, repr=False, compare=False)
    _services: Mapping[str, Service] = field(init=False, repr=False, compare=False)
    _channels: Mapping[str, Channel] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen: the indexes are set once here, through object.__setattr__.
        object.__setattr__(self, "_regions", _index(self.regions))
        object.__setattr__(self, "_institutes", _index(self.institutes))
        object.__setattr__(self, "_programs", _index(self.programs))
        object.__setattr__(self, "_services", _index(self.services))
        object.__setattr__(self, "_channels", _index(self.channels))

    def region(self, code: str) -> Region:
        return _lookup(self._regions, code, "지역", "region")

    def institute(self, code: str) -> Institute:
        return _lookup(self._institutes, code, "출연연", "institute")

    def program(self, code: str) -> Program:
        return _lookup(self._programs, code, "지원사업", "program")

    def service(self, code: str) -> Service:
        return _lookup(self._services, code, "기술지원 분야", "service")

    def channel(self, code: str) -> Channel:
        return _lookup(self._channels, code, "접수 경로", "channel")


def _index(items: tuple[_T, ...]) -> dict[str, _T]:
    by_code: dict[str, _T] = {}
    for item in items:
        if item.code in by_code:
            raise ValueError(f"코드가 중복됩니다: {item.code}")
        by_code[item.code] = item
    return by_code


def _lookup(by_code: Mapping[str, _T], code: str, kind: str, field_name: str) -> _T:
    try:
        return by_code[code]
    except KeyError:
        raise UnknownReference(f"알 수 없는 {kind} 코드입니다: {code}", field=field_name) from None
