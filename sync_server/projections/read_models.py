"""The read models: which table holds which facts, and how a facts value becomes a row
and back. The tables (``sync_server.tables``) mirror the facts dataclasses of
``domain.projections`` field for field, plus the ``generation`` the row belongs to.

Rows are written with COPY on PostgreSQL, so the codecs work on whole tuples: the
fields are read with one ``attrgetter`` and only the JSON columns (pauses, stages, SLA
clocks, encoded by orjson) and, for SQLite, the times are converted."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any
from uuid import UUID

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from domain.business_calendar import KST
from domain.projections.events import FactEvent
from domain.projections.facts import (
    CaseFacts,
    CompanyFacts,
    ConsultingFacts,
    MentoringFacts,
    NationalFacts,
    evolve_case,
    evolve_company,
    evolve_consulting,
    evolve_mentoring,
)
from domain.reference import ReferenceData
from domain.sla import SlaClock
from sync_server.database import as_utc
from sync_server.tables import case_facts, company_facts, consulting_facts, mentoring_facts

Evolve = Callable[[Any, FactEvent, ReferenceData], Any]
Decode = Callable[[Any], Any]


# JSON columns ----------------------------------------------------------------------------


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _moment_or_none(text: str | None) -> datetime | None:
    return None if text is None else _moment(text)


def _kst(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(KST)


def _kst_or_none(text: str | None) -> datetime | None:
    return None if text is None else _kst(text)


def _parsed(value: Any) -> Any:
    """psycopg and SQLAlchemy give JSON parsed; a ``::text`` select gives it as text."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def _pauses(value: Any) -> tuple[tuple[datetime, datetime | None], ...]:
    return tuple((_moment(start), _moment_or_none(end)) for start, end in _parsed(value))


def _stages(value: Any) -> tuple[tuple[str, datetime], ...]:
    return tuple((stage, _moment(reached_at)) for stage, reached_at in _parsed(value))


def _clock(value: Any) -> SlaClock | None:
    """A clock keeps its instants in Korean time (as ``SlaClock`` makes them)."""
    data = _parsed(value)
    if data is None:
        return None
    return SlaClock(
        name=data["name"],
        budget_business_days=data["budget_business_days"],
        started_at=_kst_or_none(data["started_at"]),
        pauses=tuple((_kst(start), _kst_or_none(end)) for start, end in data["pauses"]),
        stopped_at=_kst_or_none(data["stopped_at"]),
    )


JSON_DECODERS: dict[str, Decode] = {
    "pauses": _pauses,
    "stages": _stages,
    "first_response_clock": _clock,
    "agreement_clock": _clock,
}
"""Every JSON column of the read models, and how its value becomes facts again. orjson
writes them (tuples as arrays, datetimes as ISO 8601 text, dataclasses as objects)."""


def utc_or_none(moment: datetime | None) -> datetime | None:
    """A stored time in UTC (see ``as_utc``); PostgreSQL's aware answers are converted too."""
    return None if moment is None else as_utc(moment).astimezone(UTC)


# Projections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """One tracked projection: the facts of one aggregate type in one table."""

    name: str
    table: sa.Table
    aggregate_type: str
    key: str
    facts_type: type[Any]
    evolve: Evolve
    national_field: str
    """Where these facts live in ``NationalFacts`` (``cases``, ``companies``, ...)."""
    fields: tuple[str, ...] = field(init=False)
    """The facts' fields, in the table's column order (without ``generation``)."""
    _get: Callable[[Any], tuple[Any, ...]] = field(init=False, repr=False)
    _json: tuple[int, ...] = field(init=False, repr=False)
    _moments: tuple[int, ...] = field(init=False, repr=False)
    _order: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        columns = [column for column in self.table.columns if column.name != "generation"]
        names = tuple(column.name for column in columns)
        set_ = object.__setattr__
        set_(self, "fields", names)
        set_(self, "_get", attrgetter(*names))
        set_(self, "_json", tuple(i for i, name in enumerate(names) if name in JSON_DECODERS))
        set_(
            self,
            "_moments",
            tuple(i for i, column in enumerate(columns) if isinstance(column.type, sa.DateTime)),
        )
        field_names = [f.name for f in dataclasses.fields(self.facts_type)]
        set_(
            self,
            "_order",
            tuple(names.index(name) if name in names else -1 for name in field_names),
        )

    @property
    def key_column(self) -> sa.Column[Any]:
        return self.table.c[self.key]

    @property
    def select_columns(self) -> str:
        """The columns for a raw select: JSON as text, for orjson to parse."""
        return ", ".join(f"{name}::text" if name in JSON_DECODERS else name for name in self.fields)

    def copy_row(self, facts: Any, generation: int) -> list[Any]:
        """The row of ``facts`` for PostgreSQL's COPY, in table column order."""
        values = [generation, *self._get(facts)]
        for index in self._json:
            value = values[index + 1]
            if value is not None:
                values[index + 1] = orjson.dumps(value).decode()
        return values

    def sql_row(self, facts: Any, generation: int) -> dict[str, Any]:
        """The row of ``facts`` for an SQLAlchemy insert (SQLite): times in UTC, since
        SQLite compares them as text, and JSON as plain values."""
        values = list(self._get(facts))
        for index in self._json:
            value = values[index]
            if value is not None:
                values[index] = orjson.loads(orjson.dumps(value))
        for index in self._moments:
            value = values[index]
            if value is not None:
                values[index] = value.astimezone(UTC)
        return {"generation": generation, **dict(zip(self.fields, values, strict=True))}

    def from_values(self, values: Sequence[Any]) -> Any:
        """Facts from a row's values in ``fields`` order."""
        decoded = list(values)
        for index in self._json:
            decoded[index] = JSON_DECODERS[self.fields[index]](decoded[index])
        for index in self._moments:
            decoded[index] = utc_or_none(decoded[index])
        return self.facts_type(*[decoded[i] for i in self._order])


CASES = Projection(
    "case_facts", case_facts, "dari.Case", "case_id", CaseFacts, evolve_case, "cases"
)
COMPANIES = Projection(
    "company_facts",
    company_facts,
    "dari.Company",
    "company_id",
    CompanyFacts,
    evolve_company,
    "companies",
)
CONSULTING = Projection(
    "consulting_facts",
    consulting_facts,
    "dari.ConsultingRecord",
    "record_id",
    ConsultingFacts,
    evolve_consulting,
    "consulting",
)
MENTORING = Projection(
    "mentoring_facts",
    mentoring_facts,
    "dari.MentoringEngagement",
    "engagement_id",
    MentoringFacts,
    evolve_mentoring,
    "mentoring",
)

PROJECTIONS: dict[str, Projection] = {p.name: p for p in (CASES, COMPANIES, CONSULTING, MENTORING)}
"""Every tracked projection by name (``dari-server rebuild [name]``)."""

BY_AGGREGATE_TYPE: dict[str, Projection] = {p.aggregate_type: p for p in PROJECTIONS.values()}


def facts_fields(projection: Projection) -> tuple[str, ...]:
    """The fields of the projection's facts dataclass (for the schema check)."""
    return tuple(f.name for f in dataclasses.fields(projection.facts_type))


# Reading rows ----------------------------------------------------------------------------


def select_facts(
    connection: Connection,
    projection: Projection,
    generation: int,
    where: str = "",
    parameters: Sequence[Any] = (),
    condition: sa.ColumnElement[bool] | None = None,
) -> Iterable[Any]:
    """The facts of ``generation`` (narrowed by ``where``, raw SQL with psycopg
    parameters, on PostgreSQL; by ``condition`` elsewhere)."""
    table = projection.table
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        statement = (
            f"SELECT {projection.select_columns} FROM {table.name} WHERE generation = %s"
            + (f" AND {where}" if where else "")
        )
        with raw.cursor(binary=True) as cursor:
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")
            cursor.execute(statement, [generation, *parameters])
            rows = cursor.fetchall()
        return map(projection.from_values, rows)
    query = sa.select(*(table.c[name] for name in projection.fields)).where(
        table.c.generation == generation
    )
    if condition is not None:
        query = query.where(condition)
    return map(projection.from_values, connection.execute(query).all())


def load_facts(
    connection: Connection,
    projection: Projection,
    generation: int,
    keys: Iterable[UUID],
) -> dict[UUID, Any]:
    """The stored facts of ``keys`` in ``generation`` (absent keys are left out)."""
    found: dict[UUID, Any] = {}
    wanted = list(keys)
    key = attrgetter(projection.key)
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        batch = wanted[start : start + _KEYS_PER_QUERY]
        for facts in select_facts(
            connection,
            projection,
            generation,
            f"{projection.key} = ANY(%s)",
            [batch],
            condition=projection.key_column.in_(batch),
        ):
            found[key(facts)] = facts
    return found


_KEYS_PER_QUERY = 5_000


def load_national_facts(
    connection: Connection,
    generations: dict[str, int],
    *,
    received_from: datetime | None = None,
    received_before: datetime | None = None,
    consulted_from: date | None = None,
    consulted_before: date | None = None,
    region: str | None = None,
    institute: str | None = None,
) -> NationalFacts:
    """The read models as ``NationalFacts``, optionally narrowed to what a report over a
    period (and a region or institute) can count: cases received and consulting held
    in the window. Companies and mentoring engagements are always loaded whole."""
    facts = NationalFacts()
    cases, records = CASES.table.c, CONSULTING.table.c
    case_where, record_where = _Where(), _Where()
    if received_from is not None:
        moment = received_from.astimezone(UTC)
        case_where.add("received_at >= %s", moment, cases.received_at >= moment)
    if received_before is not None:
        moment = received_before.astimezone(UTC)
        case_where.add("received_at < %s", moment, cases.received_at < moment)
    if consulted_from is not None:
        record_where.add(
            "consulted_on >= %s", consulted_from, records.consulted_on >= consulted_from
        )
    if consulted_before is not None:
        record_where.add(
            "consulted_on < %s", consulted_before, records.consulted_on < consulted_before
        )
    for where, columns in ((case_where, cases), (record_where, records)):
        if region is not None:
            where.add("region = %s", region, columns.region == region)
        if institute is not None:
            where.add("institute = %s", institute, columns.institute == institute)
    _fill(facts.cases, connection, CASES, generations[CASES.name], case_where)
    _fill(facts.consulting, connection, CONSULTING, generations[CONSULTING.name], record_where)
    _fill(facts.companies, connection, COMPANIES, generations[COMPANIES.name], _Where())
    _fill(facts.mentoring, connection, MENTORING, generations[MENTORING.name], _Where())
    return facts


class _Where:
    """A filter in both forms: raw SQL for psycopg, and an SQLAlchemy condition."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.parameters: list[Any] = []
        self.conditions: list[sa.ColumnElement[bool]] = []

    def add(self, clause: str, parameter: Any, condition: sa.ColumnElement[bool]) -> None:
        self.clauses.append(clause)
        self.parameters.append(parameter)
        self.conditions.append(condition)


def _fill(
    into: dict[UUID, Any],
    connection: Connection,
    projection: Projection,
    generation: int,
    where: _Where,
) -> None:
    key = attrgetter(projection.key)
    for facts in select_facts(
        connection,
        projection,
        generation,
        " AND ".join(where.clauses),
        where.parameters,
        condition=sa.and_(*where.conditions) if where.conditions else None,
    ):
        into[key(facts)] = facts
