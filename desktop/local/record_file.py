"""The record file (기록 파일): case and mentoring commands as JSON, for ``dari record``.

A file holds one command object or a list of them, applied in order and stored
together: if any command fails, nothing is stored. Each object names its
``command``; the other keys are that command's fields, and an unknown key is an
error (so a typo never goes unnoticed). Every command may give ``"at"``, an ISO 8601
instant with a time zone (default: now). Dates are ``"YYYY-MM-DD"``; ids are UUIDs.
A company may be named by ``company_id`` or by ``business_number`` (its id is derived
from the number, so the same company registered on two computers is one company).

    {"command": "register_company", "business_number": "123-45-67890", "name": "한빛정밀",
     "region": "daejeon", "industry": "정밀가공", "size": "small", "has_research_lab": true}
    {"command": "receive_case", "case_id": "<uuid, optional>", "business_number": "...",
     "region": "daejeon", "channel": "hotline_1379", "service": "difficulty_resolution",
     "description": "...", "details": {}}
    {"command": "classify", "case_id": "...", "service": "...", "technology_field": "...",
     "urgency": "urgent | normal"}
    {"command": "assign_institute", "case_id": "...", "institute": "KIMM"}
    {"command": "accept_assignment", "case_id": "...", "institute": "KIMM"}
    {"command": "decline_assignment", "case_id": "...", "institute": "KIMM", "reason": "..."}
    {"command": "first_contact", "case_id": "...", "method": "phone | visit | email | video",
     "summary": "..."}
    {"command": "add_note", "case_id": "...", "text": "..."}
    {"command": "plan_resolution", "case_id": "...", "kind": "technology_transfer |
     equipment_support | rnd", "summary": "...", "program": "(rnd only)",
     "budget_krw": 25000000, "duration_months": 3}
    {"command": "sign_agreement", "case_id": "...", "signed_on": "2024-10-02"}
    {"command": "resolve", "case_id": "...", "outcome": "resolved | partially_resolved |
     not_resolvable", "summary": "..."}
    {"command": "survey", "case_id": "...", "satisfaction": 5, "comment": "(optional)"}
    {"command": "close", "case_id": "..."}
    {"command": "start_mentoring", "engagement_id": "<uuid, optional>",
     "senior_business_number": "... (or senior_company_id)",
     "junior_business_number": "... (or junior_company_id)", "coordinator": "...",
     "region": "daejeon"}
    {"command": "mentoring_session", "engagement_id": "...", "held_on": "2024-10-01",
     "hours": 2, "topics": ["..."], "know_how": "..."}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from desktop.local.workspace import Workspace
from domain.aggregate import DariAggregate
from domain.business_number import BusinessNumber
from domain.case import Case
from domain.company import Company, company_id
from domain.errors import DomainError
from domain.mentoring import MentoringEngagement
from domain.recording import Recording


class RecordFileError(Exception):
    """A record file that cannot be applied. ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Recorded:
    """What a record file stored."""

    event_ids: list[UUID]
    created: list[tuple[str, UUID]]
    """(Korean kind, id) of each aggregate the file created, in order."""


class _Fields:
    """One command's fields; each read removes the key, leftovers are unknown keys."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self._raw = dict(raw)

    def _take(self, key: str, required: bool) -> Any:
        if key not in self._raw:
            if required:
                raise RecordFileError(f"'{key}' 항목이 필요합니다.")
            return None
        return self._raw.pop(key)

    def text(self, key: str) -> str:
        value = self._take(key, True)
        if not isinstance(value, str):
            raise RecordFileError(f"'{key}' 항목은 문자열이어야 합니다.")
        return value

    def optional_text(self, key: str, default: str | None = None) -> str | None:
        value = self._take(key, False)
        if value is None:
            return default
        if not isinstance(value, str):
            raise RecordFileError(f"'{key}' 항목은 문자열이어야 합니다.")
        return value

    def integer(self, key: str, *, required: bool = True) -> int | None:
        value = self._take(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise RecordFileError(f"'{key}' 항목은 정수여야 합니다.")
        return value

    def number(self, key: str) -> float:
        value = self._take(key, True)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RecordFileError(f"'{key}' 항목은 숫자여야 합니다.")
        return float(value)

    def boolean(self, key: str) -> bool:
        value = self._take(key, True)
        if not isinstance(value, bool):
            raise RecordFileError(f"'{key}' 항목은 true 또는 false여야 합니다.")
        return value

    def uuid(self, key: str, *, required: bool = True) -> UUID | None:
        value = self._take(key, required)
        if value is None:
            return None
        try:
            return UUID(str(value))
        except ValueError:
            raise RecordFileError(f"'{key}' 항목이 올바른 식별자(UUID)가 아닙니다.") from None

    def day(self, key: str) -> date:
        value = self.text(key)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RecordFileError(f"'{key}' 항목은 YYYY-MM-DD 형식의 날짜여야 합니다.") from None

    def instant(self, key: str) -> datetime | None:
        value = self.optional_text(key)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise RecordFileError(f"'{key}' 항목은 ISO 8601 시각이어야 합니다.") from None
        if moment.tzinfo is None:
            raise RecordFileError(f"'{key}' 항목에는 시간대가 있어야 합니다 (예: +09:00).")
        return moment

    def text_list(self, key: str) -> list[str]:
        value = self._take(key, True)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RecordFileError(f"'{key}' 항목은 문자열 목록이어야 합니다.")
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._take(key, False)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise RecordFileError(f"'{key}' 항목은 객체여야 합니다.")
        return value

    def company(self, prefix: str = "") -> UUID:
        """``<prefix>company_id`` or ``<prefix>business_number``, exactly one of them."""
        id_key, number_key = f"{prefix}company_id", f"{prefix}business_number"
        given_id = self.uuid(id_key, required=False)
        number = self.optional_text(number_key)
        if (given_id is None) == (number is None):
            raise RecordFileError(f"'{id_key}' 또는 '{number_key}' 중 하나를 입력해 주세요.")
        if given_id is not None:
            return given_id
        assert number is not None
        return company_id(BusinessNumber.parse(number))

    def finish(self) -> None:
        if self._raw:
            unknown = ", ".join(f"'{k}'" for k in sorted(self._raw))
            raise RecordFileError(f"알 수 없는 항목입니다: {unknown}")


@dataclass
class _Session:
    """Aggregates touched by one file, in first-touch order, so that later commands
    see the effect of earlier ones and everything is stored together."""

    workspace: Workspace
    user: str
    device: str
    touched: dict[UUID, DariAggregate] = field(default_factory=dict)
    created: list[tuple[str, UUID]] = field(default_factory=list)

    def by(self, at: datetime | None) -> Recording:
        return Recording(self.user, self.device, at, self.workspace.reference)

    def case(self, case_id: UUID) -> Case:
        found = self.touched.get(case_id)
        if found is None:
            found = self.workspace.load_case(case_id)
        if not isinstance(found, Case):
            raise RecordFileError(f"애로사항이 아닌 기록입니다: {case_id}")
        self.touched[case_id] = found
        return found

    def engagement(self, engagement_id: UUID) -> MentoringEngagement:
        found = self.touched.get(engagement_id)
        if found is None:
            found = self.workspace.load_mentoring(engagement_id)
        if not isinstance(found, MentoringEngagement):
            raise RecordFileError(f"멘토링이 아닌 기록입니다: {engagement_id}")
        self.touched[engagement_id] = found
        return found

    def create(self, label: str, aggregate: DariAggregate) -> None:
        if aggregate.id in self.touched or self.workspace.exists(aggregate.id):
            raise RecordFileError(f"이미 있는 {label}입니다: {aggregate.id}")
        self.touched[aggregate.id] = aggregate
        self.created.append((label, aggregate.id))


def _register_company(s: _Session, f: _Fields, by: Recording) -> None:
    company = Company.register(
        business_number=f.text("business_number"),
        name=f.text("name"),
        region=f.text("region"),
        industry=f.text("industry"),
        size=f.text("size"),
        has_research_lab=f.boolean("has_research_lab"),
        by=by,
    )
    s.create("기업", company)


def _receive_case(s: _Session, f: _Fields, by: Recording) -> None:
    case = Case.receive(
        case_id=f.uuid("case_id", required=False),
        company_id=f.company(),
        region=f.text("region"),
        channel=f.text("channel"),
        service=f.text("service"),
        description=f.text("description"),
        details=f.mapping("details"),
        by=by,
    )
    s.create("애로사항", case)


def _on_case(action: Callable[[Case, _Fields, Recording], None]) -> _Command:
    def command(s: _Session, f: _Fields, by: Recording) -> None:
        case_id = f.uuid("case_id")
        assert case_id is not None
        action(s.case(case_id), f, by)

    return command


def _plan(case: Case, f: _Fields, by: Recording) -> None:
    case.plan_resolution(
        kind=f.text("kind"),
        summary=f.text("summary"),
        program=f.optional_text("program"),
        budget_krw=f.integer("budget_krw", required=False),
        duration_months=f.integer("duration_months", required=False),
        by=by,
    )


def _survey(case: Case, f: _Fields, by: Recording) -> None:
    satisfaction = f.integer("satisfaction")
    assert satisfaction is not None
    case.survey_follow_up(
        satisfaction=satisfaction, comment=f.optional_text("comment", "") or "", by=by
    )


def _start_mentoring(s: _Session, f: _Fields, by: Recording) -> None:
    engagement = MentoringEngagement.start(
        engagement_id=f.uuid("engagement_id", required=False),
        senior_company_id=f.company("senior_"),
        junior_company_id=f.company("junior_"),
        coordinator=f.text("coordinator"),
        region=f.text("region"),
        by=by,
    )
    s.create("멘토링", engagement)


def _mentoring_session(s: _Session, f: _Fields, by: Recording) -> None:
    engagement_id = f.uuid("engagement_id")
    assert engagement_id is not None
    s.engagement(engagement_id).hold_session(
        held_on=f.day("held_on"),
        hours=f.number("hours"),
        topics=f.text_list("topics"),
        know_how=f.text("know_how"),
        by=by,
    )


_Command = Callable[[_Session, _Fields, Recording], None]

COMMANDS: dict[str, _Command] = {
    "register_company": _register_company,
    "receive_case": _receive_case,
    "classify": _on_case(
        lambda c, f, by: c.classify(
            service=f.text("service"),
            technology_field=f.text("technology_field"),
            urgency=f.text("urgency"),
            by=by,
        )
    ),
    "assign_institute": _on_case(lambda c, f, by: c.assign_institute(f.text("institute"), by=by)),
    "accept_assignment": _on_case(lambda c, f, by: c.accept_assignment(f.text("institute"), by=by)),
    "decline_assignment": _on_case(
        lambda c, f, by: c.decline_assignment(f.text("institute"), f.text("reason"), by=by)
    ),
    "first_contact": _on_case(
        lambda c, f, by: c.make_first_contact(
            method=f.text("method"), summary=f.text("summary"), by=by
        )
    ),
    "add_note": _on_case(lambda c, f, by: c.add_note(f.text("text"), by=by)),
    "plan_resolution": _on_case(_plan),
    "sign_agreement": _on_case(lambda c, f, by: c.sign_agreement(f.day("signed_on"), by=by)),
    "resolve": _on_case(
        lambda c, f, by: c.resolve(outcome=f.text("outcome"), summary=f.text("summary"), by=by)
    ),
    "survey": _on_case(_survey),
    "close": _on_case(lambda c, f, by: c.close(by=by)),
    "start_mentoring": _start_mentoring,
    "mentoring_session": _mentoring_session,
}


def read_commands(path: Path) -> list[dict[str, Any]]:
    """The command objects of a record file; ``RecordFileError`` if it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RecordFileError(f"파일을 열 수 없습니다: {path} ({error.strerror})") from None
    except UnicodeDecodeError:
        raise RecordFileError(f"파일이 UTF-8 텍스트가 아닙니다: {path}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordFileError(
            f"JSON 형식이 올바르지 않습니다 ({error.lineno}번째 줄 {error.colno}번째 칸)."
        ) from None
    commands = data if isinstance(data, list) else [data]
    if not commands:
        raise RecordFileError("기록할 명령이 없습니다.")
    for number, command in enumerate(commands, start=1):
        if not isinstance(command, dict):
            raise RecordFileError(f"명령 {number}: 각 명령은 JSON 객체여야 합니다.")
    return commands


def apply_commands(
    workspace: Workspace, commands: list[dict[str, Any]], *, user: str, device: str
) -> Recorded:
    """Run the commands against the local view and store all their events, or none."""
    session = _Session(workspace, user, device)
    for number, raw in enumerate(commands, start=1):
        name = raw.get("command")
        where = f"명령 {number} ({name})" if isinstance(name, str) else f"명령 {number}"
        try:
            _apply_one(session, raw)
        except RecordFileError as error:
            raise RecordFileError(f"{where}: {error.message}") from None
        except DomainError as error:
            blame = f", 항목 '{error.field}'" if error.field else ""
            raise RecordFileError(f"{where}{blame}: {error.message}") from None
    event_ids = workspace.record(*session.touched.values())
    return Recorded(event_ids, session.created)


def record_file(workspace: Workspace, path: Path, *, user: str, device: str) -> Recorded:
    return apply_commands(workspace, read_commands(path), user=user, device=device)


def _apply_one(session: _Session, raw: dict[str, Any]) -> None:
    fields = _Fields(raw)
    name = fields.optional_text("command")
    if name is None:
        raise RecordFileError("'command' 항목이 필요합니다.")
    command = COMMANDS.get(name)
    if command is None:
        known = ", ".join(COMMANDS)
        raise RecordFileError(f"알 수 없는 명령입니다: '{name}' (가능한 명령: {known})")
    by = session.by(fields.instant("at"))
    command(session, fields, by)
    fields.finish()
