"""Reading reference data from TOML: the bundled ``reference.toml`` and an
administrator's override file, which replaces whole lists of the defaults."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import NoReturn, TypeVar

from domain.errors import InvalidValue
from domain.reference.catalog import Channel, Institute, ReferenceData, Region, Service
from domain.reference.program import Program

_FIELD = "reference_file"
_BUNDLED = "reference.toml"
_TABLES = ("regions", "institutes", "programs", "services", "channels")

_T = TypeVar("_T", Region, Institute, Program, Service, Channel)


@functools.cache
def default_reference() -> ReferenceData:
    """The reference data bundled with Dari (``domain/reference/reference.toml``)."""
    text = resources.files("domain.reference").joinpath(_BUNDLED).read_text("utf-8")
    return _parse(text, f"{_BUNDLED} (기본값)", defaults=None)


def load_reference(path: Path | None = None) -> ReferenceData:
    """The bundled defaults, with every list that the file at ``path`` gives
    replacing the default list of the same name."""
    if path is None:
        return default_reference()
    return _parse(_read_text(path), str(path), defaults=default_reference())


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        _refuse(str(path), "파일을 찾을 수 없습니다")
    except UnicodeDecodeError:
        _refuse(str(path), "UTF-8 텍스트 파일이 아닙니다")
    except OSError as error:
        _refuse(str(path), f"파일을 읽을 수 없습니다 ({error.strerror})")


def _parse(text: str, source: str, defaults: ReferenceData | None) -> ReferenceData:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        _refuse(source, f"TOML 형식이 잘못되었습니다 ({error})")
    unknown = sorted(set(document) - set(_TABLES))
    if unknown:
        known = ", ".join(_TABLES)
        _refuse(source, f"알 수 없는 목록입니다: {', '.join(unknown)} (쓸 수 있는 목록: {known})")

    def table(name: str, build: Callable[[_Entry], _T], default: tuple[_T, ...]) -> tuple[_T, ...]:
        if name in document:
            return _read_table(document[name], name, build, source)
        if defaults is None:
            _refuse(source, f"{name} 목록이 없습니다")
        return default

    return ReferenceData(
        regions=table("regions", _region, defaults.regions if defaults else ()),
        institutes=table("institutes", _institute, defaults.institutes if defaults else ()),
        programs=table("programs", _program, defaults.programs if defaults else ()),
        services=table("services", _service, defaults.services if defaults else ()),
        channels=table("channels", _channel, defaults.channels if defaults else ()),
    )


def _read_table(
    raw: object, name: str, build: Callable[[_Entry], _T], source: str
) -> tuple[_T, ...]:
    if not isinstance(raw, list):
        _refuse(source, f"{name}은(는) [[{name}]] 항목의 목록이어야 합니다")
    if not raw:
        _refuse(source, f"{name} 목록이 비어 있습니다")
    items: list[_T] = []
    seen: set[str] = set()
    for number, fields in enumerate(raw, start=1):
        where = f"{name}의 {number}번째 항목"
        if not isinstance(fields, dict):
            _refuse(source, f"{where}이 표 형식이 아닙니다")
        entry = _Entry(fields, where, source)
        item = build(entry)
        entry.refuse_other_keys()
        if item.code in seen:
            _refuse(source, f"{name}에 코드가 중복됩니다: {item.code}")
        seen.add(item.code)
        items.append(item)
    return tuple(items)


class _Entry:
    """One ``[[table]]`` entry of the file, read key by key with typed checks."""

    def __init__(self, fields: Mapping[str, object], where: str, source: str) -> None:
        self._fields = fields
        self._where = where
        self._source = source
        self._read: set[str] = set()

    def text(self, key: str) -> str:
        value = self._required(key)
        if not isinstance(value, str):
            self.refuse(f"{key}은(는) 문자열이어야 합니다")
        if not value.strip():
            self.refuse(f"{key}이(가) 비어 있습니다")
        return value.strip()

    def integer(self, key: str) -> int:
        value = self._required(key)
        # TOML booleans arrive as bool, which is an int subclass.
        if not isinstance(value, int) or isinstance(value, bool):
            self.refuse(f"{key}은(는) 정수여야 합니다")
        return value

    def optional_integer(self, key: str) -> int | None:
        return self.integer(key) if key in self._fields else None

    def refuse_other_keys(self) -> None:
        others = sorted(set(self._fields) - self._read)
        if others:
            self.refuse(f"알 수 없는 키가 있습니다: {', '.join(others)}")

    def refuse(self, problem: str) -> NoReturn:
        _refuse(self._source, f"{self._where}: {problem}")

    def _required(self, key: str) -> object:
        self._read.add(key)
        if key not in self._fields:
            self.refuse(f"{key} 값이 없습니다")
        return self._fields[key]


def _region(entry: _Entry) -> Region:
    return Region(code=entry.text("code"), name=entry.text("name"))


def _institute(entry: _Entry) -> Institute:
    return Institute(
        code=entry.text("code"), name=entry.text("name"), name_en=entry.text("name_en")
    )


def _program(entry: _Entry) -> Program:
    try:
        return Program(
            code=entry.text("code"),
            name=entry.text("name"),
            min_budget_krw=entry.integer("min_budget_krw"),
            max_budget_krw=entry.optional_integer("max_budget_krw"),
            min_months=entry.integer("min_months"),
            max_months=entry.optional_integer("max_months"),
            selections_per_year=entry.integer("selections_per_year"),
            agreement_due_business_days=entry.optional_integer("agreement_due_business_days"),
            urgency=entry.text("urgency"),
            developer=entry.text("developer"),
        )
    except ValueError as inconsistency:
        entry.refuse(str(inconsistency))


def _service(entry: _Entry) -> Service:
    return Service(code=entry.text("code"), name=entry.text("name"))


def _channel(entry: _Entry) -> Channel:
    return Channel(code=entry.text("code"), name=entry.text("name"))


def _refuse(source: str, problem: str) -> NoReturn:
    raise InvalidValue(f"참조 데이터 파일 {source}: {problem}.", field=_FIELD)
