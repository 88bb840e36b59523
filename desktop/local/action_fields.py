"""What each case action's form asks for (입력 항목), without Qt: the field names are
the event's own, so a ``DomainError`` naming a field lands next to that field."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.local.case_actions import CaseAction
from domain.case import Case
from domain.case_status import CONTACT_METHODS, OUTCOMES, RESOLUTION_KINDS, URGENCIES
from domain.reference import ReferenceData

NOT_A_CASE_SERVICE = "consulting"


class FieldKind(StrEnum):
    LINE = "line"
    TEXT = "text"
    """Several lines; Enter makes a new line, Ctrl+Enter saves."""
    CHOICE = "choice"
    NUMBER = "number"
    """A whole number typed as text (commas allowed), e.g. a budget in won."""
    DATE = "date"


@dataclass(frozen=True)
class ActionField:
    name: str
    label: str
    kind: FieldKind
    required: bool = True
    choices: tuple[tuple[Any, str], ...] = ()
    initial: Any = None
    placeholder: str = ""


def _reason(label: str, placeholder: str = "") -> tuple[ActionField, ...]:
    return (ActionField("reason", label, FieldKind.LINE, placeholder=placeholder),)


def action_fields(
    action: CaseAction, case: Case, reference: ReferenceData
) -> tuple[ActionField, ...]:
    """The inputs of ``action``'s form, in reading order (none: a confirmation)."""
    if action is CaseAction.CLASSIFY:
        services = tuple(
            (s.code, s.name) for s in reference.services if s.code != NOT_A_CASE_SERVICE
        )
        return (
            ActionField("service", "기술지원 분야", FieldKind.CHOICE, True, services, case.service),
            ActionField(
                "technology_field",
                "기술 분야",
                FieldKind.LINE,
                initial=case.technology_field,
                placeholder="예: 표면처리",
            ),
            ActionField(
                "urgency", "긴급도", FieldKind.CHOICE, True, tuple(URGENCIES.items()), case.urgency
            ),
        )
    if action is CaseAction.ASSIGN_INSTITUTE:
        institutes = tuple(
            (i.code, f"{i.name} ({i.code})")
            for i in reference.institutes
            if i.code != case.institute
        )
        return (ActionField("institute", "담당 출연연", FieldKind.CHOICE, True, institutes),)
    if action is CaseAction.DECLINE:
        return _reason("반려 사유", "예: 보유 기술 분야가 아닙니다")
    if action is CaseAction.FIRST_CONTACT:
        return (
            ActionField(
                "method", "연락 방법", FieldKind.CHOICE, True, tuple(CONTACT_METHODS.items())
            ),
            ActionField("summary", "연락 내용", FieldKind.LINE, placeholder="예: 담당자와 통화"),
        )
    if action is CaseAction.NOTE:
        return (ActionField("text", "메모", FieldKind.TEXT),)
    if action is CaseAction.PLAN:
        programs = tuple((p.code, p.name) for p in reference.programs)
        return (
            ActionField(
                "kind", "해결 방식", FieldKind.CHOICE, True, tuple(RESOLUTION_KINDS.items())
            ),
            ActionField("program", "지원 사업 (R&D만)", FieldKind.CHOICE, False, programs),
            ActionField(
                "budget_krw",
                "예산(원, R&D만)",
                FieldKind.NUMBER,
                False,
                placeholder="예: 150,000,000",
            ),
            ActionField(
                "duration_months",
                "기간(개월, R&D만)",
                FieldKind.NUMBER,
                False,
                placeholder="예: 12",
            ),
            ActionField("summary", "해결방안 요약", FieldKind.LINE),
        )
    if action is CaseAction.AGREEMENT:
        return (ActionField("signed_on", "협약일", FieldKind.DATE),)
    if action is CaseAction.RESOLVE:
        return (
            ActionField("outcome", "해결 결과", FieldKind.CHOICE, True, tuple(OUTCOMES.items())),
            ActionField("summary", "해결 내용", FieldKind.LINE),
        )
    if action is CaseAction.SURVEY:
        scores = tuple((n, f"{n}점") for n in range(5, 0, -1))
        return (
            ActionField("satisfaction", "만족도", FieldKind.CHOICE, True, scores),
            ActionField("comment", "의견", FieldKind.LINE, required=False),
        )
    if action is CaseAction.REOPEN:
        return _reason("재개 사유")
    if action is CaseAction.WITHDRAW:
        return _reason("취하 사유", "예: 기업이 자체 해결했습니다")
    if action is CaseAction.START_WAITING:
        return _reason("대기 사유", "예: 공정 조건표 회신 대기")
    return ()


def whole_number(text: str) -> int | str | None:
    """A typed whole number (spaces and thousands commas allowed); empty → None. Any
    other text is returned as typed, for the domain to refuse with its own message."""
    cleaned = text.replace(",", "").replace(" ", "").strip()
    if not cleaned:
        return None
    if cleaned.isascii() and cleaned.isdigit():
        return int(cleaned)
    return text
