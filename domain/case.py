"""The case (애로사항): an SME's difficulty from intake (접수) through the designated
institute (담당 출연연), resolution (해결) and the satisfaction follow-up (사후점검).

Each event's ``check`` is the one place its precondition lives: the command calls it
before the event happens, and the sync server calls it before it accepts a pushed event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import AggregateCreated

from domain.aggregate import DariAggregate, DariEvent
from domain.case_status import (
    CONFLICT_DECISIONS,
    CONTACT_METHODS,
    OUTCOMES,
    RESOLUTION_KINDS,
    URGENCIES,
    CaseStatus,
)
from domain.errors import IllegalTransition, InvalidValue
from domain.recording import Recording
from domain.reference import ReferenceData
from domain.service_details import describe_details, validate_details
from domain.validation import one_of, required_text, whole_number_between

S = CaseStatus
OPEN = frozenset(s for s in S if s.is_open)
ACTIVE_BEFORE_RESOLUTION = frozenset(
    {
        S.RECEIVED,
        S.CLASSIFIED,
        S.ASSIGNED,
        S.DECLINED,
        S.ACCEPTED,
        S.IN_CONTACT,
        S.PLANNED,
        S.AGREED,
    }
)


def _require_status(
    case: Case, allowed: frozenset[CaseStatus] | set[CaseStatus], doing: str
) -> None:
    if case.status not in allowed:
        raise IllegalTransition(f"'{case.status.label}' 상태에서는 {doing}할 수 없습니다.")


@dataclass(frozen=True)
class ResolutionPlan:
    kind: str
    program: str | None
    budget_krw: int | None
    duration_months: int | None
    summary: str


@dataclass(frozen=True)
class Survey:
    resolution_number: int
    satisfaction: int
    comment: str
    surveyed_at: datetime


class Case(DariAggregate):
    """애로사항 접수 건."""

    TOPIC = "dari.Case"

    class Received(DariEvent, AggregateCreated):
        """접수: channel, company, service, description, counselor, region."""

        TOPIC = "dari.Case.Received"
        company_id: UUID
        region: str
        channel: str
        service: str
        description: str
        details: dict[str, Any]

        def check(self, aggregate: Any, reference: ReferenceData) -> None:
            reference.region(self.region)
            reference.channel(self.channel)
            _require_case_service(self.service, reference)
            required_text(self.description, "description", "애로사항 내용", max_length=4000)
            validate_details(self.service, self.details, reference)

        def apply(self, aggregate: Any) -> None:
            aggregate.company_id = self.company_id
            aggregate.region = self.region
            aggregate.channel = self.channel
            aggregate.service = self.service
            aggregate.description = self.description
            aggregate.details = dict(self.details)
            aggregate.counselor = self.recorded_by
            aggregate.received_at = self.timestamp
            aggregate.status = S.RECEIVED
            aggregate.technology_field = None
            aggregate.urgency = None
            aggregate.institute = None
            aggregate.declines = []
            aggregate.first_contact_at = None
            aggregate.notes = []
            aggregate.plan = None
            aggregate.agreement_signed_on = None
            aggregate.resolutions = []
            aggregate.surveys = []
            aggregate.waiting_on_sme = False
            aggregate.closing_reason = None

        def describe(self, reference: ReferenceData) -> str:
            service = reference.service(self.service).name
            channel = reference.channel(self.channel).name
            extra = describe_details(self.service, self.details, reference)
            return f"접수 ({channel}, {service}{', ' + extra if extra else ''}): {self.description}"

    class Classified(DariEvent):
        """분류: the technology field and urgency; the service may be corrected."""

        TOPIC = "dari.Case.Classified"
        service: str
        technology_field: str
        urgency: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.RECEIVED, S.CLASSIFIED, S.DECLINED}, "분류")
            _require_case_service(self.service, reference)
            if self.service != aggregate.service:
                validate_details(self.service, aggregate.details, reference)
            required_text(self.technology_field, "technology_field", "기술 분야", max_length=200)
            one_of(self.urgency, URGENCIES, "urgency", "긴급도")

        def conflicts_with(self, unseen: DariEvent) -> str | None:
            if isinstance(unseen, Case.Classified) and unseen != self:
                return "다른 분류가 먼저 기록되었습니다."
            return None

        def apply(self, aggregate: Case) -> None:
            aggregate.service = self.service
            aggregate.technology_field = self.technology_field
            aggregate.urgency = self.urgency
            if aggregate.status is S.RECEIVED:
                aggregate.status = S.CLASSIFIED

        def describe(self, reference: ReferenceData) -> str:
            service = reference.service(self.service).name
            return f"분류: {service}, 기술 분야 {self.technology_field}, {URGENCIES[self.urgency]}"

    class InstituteAssigned(DariEvent):
        """담당 출연연 지정 (or reassignment, which revokes the previous institute)."""

        TOPIC = "dari.Case.InstituteAssigned"
        institute: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(
                aggregate,
                {S.RECEIVED, S.CLASSIFIED, S.DECLINED, S.ASSIGNED, S.ACCEPTED, S.IN_CONTACT},
                "담당 출연연을 지정",
            )
            reference.institute(self.institute)
            if aggregate.institute == self.institute:
                name = reference.institute(self.institute).name
                raise IllegalTransition(f"이미 {name}에 지정된 건입니다.", field="institute")

        def apply(self, aggregate: Case) -> None:
            aggregate.institute = self.institute
            aggregate.status = S.ASSIGNED

        def conflicts_with(self, unseen: DariEvent) -> str | None:
            if isinstance(unseen, Case.InstituteAssigned) and unseen.institute != self.institute:
                return "다른 출연연 지정이 먼저 기록되었습니다. 어느 기관에 맡길지 정해 주세요."
            if isinstance(unseen, Case.AssignmentAccepted | Case.AssignmentDeclined):
                return "지정된 출연연이 그 사이에 수락 또는 반려했습니다."
            return None

        def describe(self, reference: ReferenceData) -> str:
            return f"담당 출연연 지정: {reference.institute(self.institute).name}"

    class AssignmentAccepted(DariEvent):
        TOPIC = "dari.Case.AssignmentAccepted"
        institute: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.ASSIGNED}, "지정을 수락")
            _require_assigned_institute(aggregate, self.institute, reference)

        def apply(self, aggregate: Case) -> None:
            # A first response may come before the institute accepts (the 3-day promise).
            contacted = aggregate.first_contact_at is not None
            aggregate.status = S.IN_CONTACT if contacted else S.ACCEPTED

        def describe(self, reference: ReferenceData) -> str:
            return f"{reference.institute(self.institute).name} 지정 수락"

    class AssignmentDeclined(DariEvent):
        """반려: the institute returns the case with a reason; it can be reassigned."""

        TOPIC = "dari.Case.AssignmentDeclined"
        institute: str
        reason: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.ASSIGNED}, "지정을 반려")
            _require_assigned_institute(aggregate, self.institute, reference)
            required_text(self.reason, "reason", "반려 사유")

        def apply(self, aggregate: Case) -> None:
            aggregate.declines.append((self.institute, self.reason))
            aggregate.institute = None
            aggregate.status = S.DECLINED

        def describe(self, reference: ReferenceData) -> str:
            return f"{reference.institute(self.institute).name} 반려: {self.reason}"

    class FirstContactMade(DariEvent):
        """최초 연락: the 3-day first-response promise is kept by this event.

        Version 2 added ``method``; version 1 events were all phone calls."""

        TOPIC = "dari.Case.FirstContactMade"
        class_version = 2
        method: str
        summary: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["method"] = "phone"

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, ACTIVE_BEFORE_RESOLUTION, "최초 연락을 기록")
            if aggregate.first_contact_at is not None:
                raise IllegalTransition("최초 연락은 이미 기록되어 있습니다.")
            one_of(self.method, CONTACT_METHODS, "method", "연락 방법")
            required_text(self.summary, "summary", "연락 내용")

        def apply(self, aggregate: Case) -> None:
            aggregate.first_contact_at = self.timestamp
            if aggregate.status is S.ACCEPTED:
                aggregate.status = S.IN_CONTACT

        def describe(self, reference: ReferenceData) -> str:
            return f"최초 연락 ({CONTACT_METHODS[self.method]}): {self.summary}"

    class NoteAdded(DariEvent):
        TOPIC = "dari.Case.NoteAdded"
        text: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, OPEN, "메모를 추가")
            required_text(self.text, "text", "메모", max_length=4000)

        def apply(self, aggregate: Case) -> None:
            aggregate.notes.append(self.text)

        def describe(self, reference: ReferenceData) -> str:
            return f"메모: {self.text}"

    class ResolutionPlanned(DariEvent):
        """해결방안: technology transfer, equipment support, or one of the R&D programs."""

        TOPIC = "dari.Case.ResolutionPlanned"
        kind: str
        program: str | None
        budget_krw: int | None
        duration_months: int | None
        summary: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.ACCEPTED, S.IN_CONTACT, S.PLANNED}, "해결방안을 수립")
            if aggregate.first_contact_at is None:
                raise IllegalTransition("기업과 최초 연락을 한 뒤에 해결방안을 수립할 수 있습니다.")
            one_of(self.kind, RESOLUTION_KINDS, "kind", "해결 방식")
            required_text(self.summary, "summary", "해결방안 요약")
            if self.kind == "rnd":
                if self.program is None:
                    raise InvalidValue("R&D 과제는 지원 사업을 선택해 주세요.", field="program")
                program = reference.program(self.program)
                budget = whole_number_between(self.budget_krw, 1, 10**13, "budget_krw", "예산(원)")
                months = whole_number_between(
                    self.duration_months, 1, 120, "duration_months", "기간(개월)"
                )
                program.check_plan(budget, months)
            else:
                for field, value in (
                    ("program", self.program),
                    ("budget_krw", self.budget_krw),
                    ("duration_months", self.duration_months),
                ):
                    if value is not None:
                        raise InvalidValue(
                            "지원 사업, 예산, 기간은 R&D 과제에만 입력합니다.", field=field
                        )

        def conflicts_with(self, unseen: DariEvent) -> str | None:
            if isinstance(unseen, Case.ResolutionPlanned):
                return "다른 해결방안이 먼저 수립되었습니다."
            return None

        def apply(self, aggregate: Case) -> None:
            aggregate.plan = ResolutionPlan(
                self.kind, self.program, self.budget_krw, self.duration_months, self.summary
            )
            aggregate.status = S.PLANNED

        def describe(self, reference: ReferenceData) -> str:
            kind = RESOLUTION_KINDS[self.kind]
            if self.program is None:
                return f"해결방안 수립: {kind} — {self.summary}"
            program = reference.program(self.program).name
            budget = f"{(self.budget_krw or 0) // 10_000:,}만원"
            return (
                f"해결방안 수립: {kind} ({program}, {budget}, {self.duration_months}개월)"
                f" — {self.summary}"
            )

    class AgreementSigned(DariEvent):
        """협약 체결."""

        TOPIC = "dari.Case.AgreementSigned"
        signed_on: date

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.PLANNED}, "협약을 체결")
            if not isinstance(self.signed_on, date):
                raise InvalidValue("협약일을 입력해 주세요.", field="signed_on")

        def apply(self, aggregate: Case) -> None:
            aggregate.agreement_signed_on = self.signed_on
            aggregate.status = S.AGREED

        def describe(self, reference: ReferenceData) -> str:
            return f"협약 체결 ({self.signed_on.isoformat()})"

    class Resolved(DariEvent):
        TOPIC = "dari.Case.Resolved"
        outcome: str
        summary: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.IN_CONTACT, S.PLANNED, S.AGREED}, "해결을 기록")
            one_of(self.outcome, OUTCOMES, "outcome", "해결 결과")
            required_text(self.summary, "summary", "해결 내용")

        def apply(self, aggregate: Case) -> None:
            aggregate.resolutions.append((self.outcome, self.summary))
            aggregate.status = S.RESOLVED
            aggregate.waiting_on_sme = False

        def describe(self, reference: ReferenceData) -> str:
            return f"해결 결과 '{OUTCOMES[self.outcome]}': {self.summary}"

    class FollowUpSurveyed(DariEvent):
        """사후점검 만족도 조사: 1–5, once per resolution."""

        TOPIC = "dari.Case.FollowUpSurveyed"
        satisfaction: int
        comment: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            if not aggregate.resolutions or aggregate.status not in (S.RESOLVED, S.CLOSED):
                raise IllegalTransition("해결되지 않은 건은 만족도 조사를 할 수 없습니다.")
            if aggregate.is_surveyed_for_current_resolution:
                raise IllegalTransition("이번 해결에 대한 만족도 조사는 이미 기록되어 있습니다.")
            whole_number_between(self.satisfaction, 1, 5, "satisfaction", "만족도")
            if not isinstance(self.comment, str) or len(self.comment) > 2000:
                raise InvalidValue("의견은 2,000자 이내로 입력해 주세요.", field="comment")

        def apply(self, aggregate: Case) -> None:
            aggregate.surveys.append(
                Survey(len(aggregate.resolutions), self.satisfaction, self.comment, self.timestamp)
            )

        def describe(self, reference: ReferenceData) -> str:
            comment = f" — {self.comment}" if self.comment else ""
            return f"만족도 조사: {self.satisfaction}점{comment}"

    class Closed(DariEvent):
        TOPIC = "dari.Case.Closed"

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.RESOLVED}, "종결")

        def apply(self, aggregate: Case) -> None:
            aggregate.status = S.CLOSED

        def describe(self, reference: ReferenceData) -> str:
            return "종결"

    class Reopened(DariEvent):
        TOPIC = "dari.Case.Reopened"
        reason: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, {S.RESOLVED, S.CLOSED}, "재개")
            required_text(self.reason, "reason", "재개 사유")

        def apply(self, aggregate: Case) -> None:
            aggregate.status = S.IN_CONTACT if aggregate.institute else S.RECEIVED
            aggregate.plan = None
            aggregate.agreement_signed_on = None

        def describe(self, reference: ReferenceData) -> str:
            return f"재개: {self.reason}"

    class Withdrawn(DariEvent):
        """취하: the SME no longer needs help."""

        TOPIC = "dari.Case.Withdrawn"
        reason: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, ACTIVE_BEFORE_RESOLUTION, "취하")
            required_text(self.reason, "reason", "취하 사유")

        def apply(self, aggregate: Case) -> None:
            aggregate.status = S.WITHDRAWN
            aggregate.closing_reason = self.reason
            aggregate.waiting_on_sme = False

        def describe(self, reference: ReferenceData) -> str:
            return f"취하: {self.reason}"

    class WaitingOnSmeStarted(DariEvent):
        """기업 회신 대기: SLA clocks pause while the SME owes an answer."""

        TOPIC = "dari.Case.WaitingOnSmeStarted"
        reason: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            _require_status(aggregate, ACTIVE_BEFORE_RESOLUTION, "기업 회신 대기로 전환")
            if aggregate.waiting_on_sme:
                raise IllegalTransition("이미 기업 회신을 기다리는 중입니다.")
            required_text(self.reason, "reason", "대기 사유")

        def apply(self, aggregate: Case) -> None:
            aggregate.waiting_on_sme = True

        def describe(self, reference: ReferenceData) -> str:
            return f"기업 회신 대기 시작: {self.reason}"

    class WaitingOnSmeEnded(DariEvent):
        TOPIC = "dari.Case.WaitingOnSmeEnded"

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            if not aggregate.waiting_on_sme:
                raise IllegalTransition("기업 회신을 기다리는 중이 아닙니다.")

        def apply(self, aggregate: Case) -> None:
            aggregate.waiting_on_sme = False

        def describe(self, reference: ReferenceData) -> str:
            return "기업 회신 수신, 처리 재개"

    class ConflictResolved(DariEvent):
        """충돌 해결: central staff decide between rival records; the decision is history."""

        TOPIC = "dari.Case.ConflictResolved"
        conflict_id: str
        decision: str
        note: str

        def check(self, aggregate: Case, reference: ReferenceData) -> None:
            one_of(self.decision, CONFLICT_DECISIONS, "decision", "충돌 해결 방법")
            required_text(self.note, "note", "해결 사유")

        def describe(self, reference: ReferenceData) -> str:
            return f"충돌 해결 ({CONFLICT_DECISIONS[self.decision]}): {self.note}"

    def __init__(self) -> None:
        """The state is set by the creation event's ``apply``, never by arguments."""

    company_id: UUID
    region: str
    channel: str
    service: str
    description: str
    details: dict[str, Any]
    counselor: str
    received_at: datetime
    status: CaseStatus
    technology_field: str | None
    urgency: str | None
    institute: str | None
    declines: list[tuple[str, str]]
    first_contact_at: datetime | None
    notes: list[str]
    plan: ResolutionPlan | None
    agreement_signed_on: date | None
    resolutions: list[tuple[str, str]]
    surveys: list[Survey]
    waiting_on_sme: bool
    closing_reason: str | None

    @property
    def is_surveyed_for_current_resolution(self) -> bool:
        return any(s.resolution_number == len(self.resolutions) for s in self.surveys)

    # Commands ---------------------------------------------------------------

    @classmethod
    def receive(
        cls,
        *,
        company_id: UUID,
        region: str,
        channel: str,
        service: str,
        description: str,
        details: dict[str, Any] | None = None,
        by: Recording,
        case_id: UUID | None = None,
    ) -> Case:
        return cls._begin(
            cls.Received,
            by,
            case_id or uuid4(),
            company_id=company_id,
            region=region,
            channel=channel,
            service=service,
            description=description.strip() if isinstance(description, str) else description,
            details=dict(details or {}),
        )

    def classify(self, *, service: str, technology_field: str, urgency: str, by: Recording) -> None:
        self._record(
            self.Classified, by, service=service, technology_field=technology_field, urgency=urgency
        )

    def assign_institute(self, institute: str, *, by: Recording) -> None:
        self._record(self.InstituteAssigned, by, institute=institute)

    def accept_assignment(self, institute: str, *, by: Recording) -> None:
        self._record(self.AssignmentAccepted, by, institute=institute)

    def decline_assignment(self, institute: str, reason: str, *, by: Recording) -> None:
        self._record(self.AssignmentDeclined, by, institute=institute, reason=reason)

    def make_first_contact(self, *, method: str, summary: str, by: Recording) -> None:
        self._record(self.FirstContactMade, by, method=method, summary=summary)

    def add_note(self, text: str, *, by: Recording) -> None:
        self._record(self.NoteAdded, by, text=text)

    def plan_resolution(
        self,
        *,
        kind: str,
        summary: str,
        program: str | None = None,
        budget_krw: int | None = None,
        duration_months: int | None = None,
        by: Recording,
    ) -> None:
        self._record(
            self.ResolutionPlanned,
            by,
            kind=kind,
            program=program,
            budget_krw=budget_krw,
            duration_months=duration_months,
            summary=summary,
        )

    def sign_agreement(self, signed_on: date, *, by: Recording) -> None:
        self._record(self.AgreementSigned, by, signed_on=signed_on)

    def resolve(self, *, outcome: str, summary: str, by: Recording) -> None:
        self._record(self.Resolved, by, outcome=outcome, summary=summary)

    def survey_follow_up(self, *, satisfaction: int, comment: str = "", by: Recording) -> None:
        self._record(self.FollowUpSurveyed, by, satisfaction=satisfaction, comment=comment)

    def close(self, *, by: Recording) -> None:
        self._record(self.Closed, by)

    def reopen(self, reason: str, *, by: Recording) -> None:
        self._record(self.Reopened, by, reason=reason)

    def withdraw(self, reason: str, *, by: Recording) -> None:
        self._record(self.Withdrawn, by, reason=reason)

    def start_waiting_on_sme(self, reason: str, *, by: Recording) -> None:
        self._record(self.WaitingOnSmeStarted, by, reason=reason)

    def end_waiting_on_sme(self, *, by: Recording) -> None:
        self._record(self.WaitingOnSmeEnded, by)

    def resolve_conflict(
        self, conflict_id: str, decision: str, note: str, *, by: Recording
    ) -> None:
        self._record(
            self.ConflictResolved, by, conflict_id=conflict_id, decision=decision, note=note
        )


def _require_case_service(service: str, reference: ReferenceData) -> None:
    reference.service(service)
    if service == "consulting":
        raise InvalidValue(
            "기술지도·자문은 애로사항이 아니라 자문 기록으로 등록해 주세요.", field="service"
        )


def _require_assigned_institute(case: Case, institute: str, reference: ReferenceData) -> None:
    reference.institute(institute)
    if case.institute != institute:
        raise IllegalTransition(
            "이 건은 현재 해당 출연연에 지정되어 있지 않습니다.", field="institute"
        )
