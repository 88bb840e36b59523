"""Facts folded from stored events: what the national projections need to know about
each case (애로사항), company (기업), consulting record (기술지도·자문) and mentoring
engagement (멘토링), and nothing more.

Each fold is pure: ``evolve_x(facts, event, reference)`` gives the next facts, or the
same facts for an event that changes nothing the projections read. ``NationalFacts``
holds them all, keyed by aggregate id, so the server and a counselor's client build the
same figures from the same events. The per-event path reads the stored payload dict and
builds one frozen value, since the server rebuilds at 50,000 events/s or more.

A case's SLA clocks are folded here with the same ``SlaClock`` transitions, in the same
order, as ``domain.case_sla``, so the projections and a case screen never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any, TypeVar
from uuid import UUID

from domain.business_calendar import KoreanBusinessCalendar, default_calendar, to_kst
from domain.case import Case
from domain.case_sla import CaseSla, CaseSlaStatus
from domain.case_status import CaseStatus
from domain.company import Company
from domain.consulting import ConsultingRecord
from domain.errors import UnknownReference
from domain.mentoring import MentoringEngagement
from domain.projections.events import FactEvent, date_of, uuid_of
from domain.reference import ReferenceData
from domain.sla import FIRST_RESPONSE_BUSINESS_DAYS, Pause, SlaClock

_RECEIVED = CaseStatus.RECEIVED.value
_CLASSIFIED = CaseStatus.CLASSIFIED.value
_ASSIGNED = CaseStatus.ASSIGNED.value
_DECLINED = CaseStatus.DECLINED.value
_ACCEPTED = CaseStatus.ACCEPTED.value
_IN_CONTACT = CaseStatus.IN_CONTACT.value
_PLANNED = CaseStatus.PLANNED.value
_AGREED = CaseStatus.AGREED.value
_RESOLVED = CaseStatus.RESOLVED.value
_CLOSED = CaseStatus.CLOSED.value
_WITHDRAWN = CaseStatus.WITHDRAWN.value

_FIRST_RESPONSE = SlaClock("first_response", FIRST_RESPONSE_BUSINESS_DAYS)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """One case as the projections see it. Times are the events' ``recorded_at``.

    ``institute`` is the institute currently designated (None when unassigned or
    returned); ``first_assigned_at`` survives reassignment. A reopened case is open
    again: its resolution, closing and plan (kind, program, agreement) are cleared until
    they happen again, as the aggregate clears its plan; ``satisfaction`` is the latest
    survey and ``surveys`` how many there were. ``pauses`` are the spans spent waiting
    on the SME (기업 회신 대기). The two clocks are those of ``domain.case_sla``; ``None``
    means the clock does not apply.
    """

    case_id: UUID
    company_id: UUID
    region: str
    channel: str
    service: str
    counselor: str
    received_at: datetime
    institute: str | None = None
    first_assigned_at: datetime | None = None
    first_contact_at: datetime | None = None
    program: str | None = None
    resolution_kind: str | None = None
    planned_at: datetime | None = None
    agreement_due_business_days: int | None = None
    agreement_signed_at: datetime | None = None
    resolved_at: datetime | None = None
    outcome: str | None = None
    closed_at: datetime | None = None
    withdrawn_at: datetime | None = None
    satisfaction: int | None = None
    surveys: int = 0
    pauses: tuple[Pause, ...] = ()
    status: str = _RECEIVED
    first_response_clock: SlaClock | None = None
    agreement_clock: SlaClock | None = None

    @property
    def sla(self) -> CaseSla:
        return CaseSla(self.first_response_clock, self.agreement_clock)

    def sla_status(
        self, as_of: datetime, calendar: KoreanBusinessCalendar | None = None
    ) -> CaseSlaStatus:
        """The clocks' standing as of ``as_of``; equal to ``case_sla_status`` when these
        facts were folded from the case's events recorded up to ``as_of``."""
        calendar = calendar or default_calendar()
        first, agreement = self.first_response_clock, self.agreement_clock
        return CaseSlaStatus(
            first.status(as_of, calendar) if first else None,
            agreement.status(as_of, calendar) if agreement else None,
        )


@dataclass(frozen=True, slots=True)
class CompanyFacts:
    """A company's region and whether it has a corporate research lab (기업부설연구소)."""

    company_id: UUID
    region: str
    has_research_lab: bool
    registered_at: datetime


@dataclass(frozen=True, slots=True)
class ConsultingFacts:
    """One technical guidance and consulting record (기술지도·자문)."""

    record_id: UUID
    company_id: UUID
    region: str
    channel: str
    institute: str | None
    consulted_on: date
    hours: float
    recorded_at: datetime
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class MentoringFacts:
    """One mentoring engagement and the stages (과제선정 > … > 해외진출) it reached."""

    engagement_id: UUID
    region: str
    started_at: datetime
    stages: tuple[tuple[str, datetime], ...] = ()
    current_stage: str | None = None
    concluded_at: datetime | None = None


Facts = CaseFacts | CompanyFacts | ConsultingFacts | MentoringFacts
F = TypeVar("F", CaseFacts, CompanyFacts, ConsultingFacts, MentoringFacts)
_Step = Callable[[F, FactEvent, ReferenceData], F]
_Create = Callable[[FactEvent, ReferenceData], F]


def _evolver(cls: type[F]) -> Callable[..., F]:
    """``dataclasses.replace`` for one class, about twice as fast: it reads every field
    at once and calls the constructor positionally. The folds' hot path."""
    names = tuple(f.name for f in fields(cls))
    values_of = attrgetter(*names)
    position = {name: i for i, name in enumerate(names)}

    def evolved(facts: F, **changes: Any) -> F:
        values = list(values_of(facts))
        for name, value in changes.items():
            values[position[name]] = value
        return cls(*values)

    return evolved


_case_with = _evolver(CaseFacts)
_company_with = _evolver(CompanyFacts)
_consulting_with = _evolver(ConsultingFacts)
_mentoring_with = _evolver(MentoringFacts)


# --- cases ----------------------------------------------------------------------------


def _case_received(e: FactEvent, reference: ReferenceData) -> CaseFacts:
    d = e.data
    return CaseFacts(
        case_id=e.aggregate_id,
        company_id=uuid_of(d["company_id"]),
        region=d["region"],
        channel=d["channel"],
        service=d["service"],
        counselor=e.recorded_by,
        received_at=e.recorded_at,
        first_response_clock=_FIRST_RESPONSE.start(e.recorded_at),
    )


def _classified(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    status = _CLASSIFIED if f.status == _RECEIVED else f.status
    return _case_with(f, service=e.data["service"], status=status)


def _institute_assigned(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    first = f.first_assigned_at or e.recorded_at
    return _case_with(f, institute=e.data["institute"], first_assigned_at=first, status=_ASSIGNED)


def _assignment_accepted(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    # A first response may come before the institute accepts (the 3-day promise).
    return _case_with(f, status=_IN_CONTACT if f.first_contact_at else _ACCEPTED)


def _assignment_declined(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    return _case_with(f, institute=None, status=_DECLINED)


def _first_contact_made(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    at, clock = e.recorded_at, f.first_response_clock
    return _case_with(
        f,
        first_contact_at=f.first_contact_at or at,
        status=_IN_CONTACT if f.status == _ACCEPTED else f.status,
        first_response_clock=clock.stop(at) if clock else None,
    )


def _resolution_planned(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    d = e.data
    program: str | None = d.get("program")
    days = _agreement_days(program, reference)
    return _case_with(
        f,
        resolution_kind=d["kind"],
        program=program,
        planned_at=e.recorded_at,
        agreement_due_business_days=days,
        status=_PLANNED,
        agreement_clock=_agreement_clock(f.agreement_clock, days, e.recorded_at),
    )


def _agreement_days(program: str | None, reference: ReferenceData) -> int | None:
    if program is None:
        return None
    try:
        return reference.program(program).agreement_due_business_days
    except UnknownReference:
        # A program since removed from the reference data: a fold never stops.
        return None


def _agreement_clock(clock: SlaClock | None, days: int | None, at: datetime) -> SlaClock | None:
    """A re-plan keeps a running clock; a plan without an agreement deadline drops it."""
    if days is None:
        return None
    if clock is not None and not clock.is_stopped:
        return clock
    return SlaClock("agreement", days).start(at)


def _agreement_signed(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    at, clock = e.recorded_at, f.agreement_clock
    return _case_with(
        f, agreement_signed_at=at, status=_AGREED, agreement_clock=clock.stop(at) if clock else None
    )


def _resolved(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    at = e.recorded_at
    return _case_with(
        f,
        resolved_at=at,
        outcome=e.data["outcome"],
        status=_RESOLVED,
        pauses=_with_open_pause_closed(f.pauses, at),
        # No agreement will be signed under the plan that started this clock.
        agreement_clock=_kept_if_stopped(f.agreement_clock),
    )


def _follow_up_surveyed(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    return _case_with(f, satisfaction=e.data["satisfaction"], surveys=f.surveys + 1)


def _closed(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    return _case_with(f, closed_at=e.recorded_at, status=_CLOSED)


def _reopened(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    return _case_with(
        f,
        status=_IN_CONTACT if f.institute else _RECEIVED,
        resolved_at=None,
        outcome=None,
        closed_at=None,
        resolution_kind=None,
        program=None,
        planned_at=None,
        agreement_due_business_days=None,
        agreement_signed_at=None,
        agreement_clock=_kept_if_stopped(f.agreement_clock),
    )


def _withdrawn(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    at = e.recorded_at
    return _case_with(
        f,
        withdrawn_at=at,
        status=_WITHDRAWN,
        pauses=_with_open_pause_closed(f.pauses, at),
        first_response_clock=_kept_if_stopped(f.first_response_clock),
        agreement_clock=_kept_if_stopped(f.agreement_clock),
    )


def _waiting_on_sme_started(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    at, first, agreement = e.recorded_at, f.first_response_clock, f.agreement_clock
    return _case_with(
        f,
        pauses=(*f.pauses, (at, None)),
        first_response_clock=first.pause(at) if first else None,
        agreement_clock=agreement.pause(at) if agreement else None,
    )


def _waiting_on_sme_ended(f: CaseFacts, e: FactEvent, reference: ReferenceData) -> CaseFacts:
    at, first, agreement = e.recorded_at, f.first_response_clock, f.agreement_clock
    return _case_with(
        f,
        pauses=_with_open_pause_closed(f.pauses, at),
        first_response_clock=first.resume(at) if first else None,
        agreement_clock=agreement.resume(at) if agreement else None,
    )


def _with_open_pause_closed(pauses: tuple[Pause, ...], at: datetime) -> tuple[Pause, ...]:
    if pauses and pauses[-1][1] is None:
        return (*pauses[:-1], (pauses[-1][0], at))
    return pauses


def _kept_if_stopped(clock: SlaClock | None) -> SlaClock | None:
    """A clock that can no longer be stopped does not apply; a stopped one keeps its verdict."""
    return clock if clock and clock.is_stopped else None


_CASE_STEPS: dict[str, _Step[CaseFacts]] = {
    Case.Classified.TOPIC: _classified,
    Case.InstituteAssigned.TOPIC: _institute_assigned,
    Case.AssignmentAccepted.TOPIC: _assignment_accepted,
    Case.AssignmentDeclined.TOPIC: _assignment_declined,
    Case.FirstContactMade.TOPIC: _first_contact_made,
    Case.ResolutionPlanned.TOPIC: _resolution_planned,
    Case.AgreementSigned.TOPIC: _agreement_signed,
    Case.Resolved.TOPIC: _resolved,
    Case.FollowUpSurveyed.TOPIC: _follow_up_surveyed,
    Case.Closed.TOPIC: _closed,
    Case.Reopened.TOPIC: _reopened,
    Case.Withdrawn.TOPIC: _withdrawn,
    Case.WaitingOnSmeStarted.TOPIC: _waiting_on_sme_started,
    Case.WaitingOnSmeEnded.TOPIC: _waiting_on_sme_ended,
}


# --- companies, consulting records, mentoring -------------------------------------------


def _company_registered(e: FactEvent, reference: ReferenceData) -> CompanyFacts:
    d = e.data
    return CompanyFacts(e.aggregate_id, d["region"], bool(d["has_research_lab"]), e.recorded_at)


def _profile_corrected(f: CompanyFacts, e: FactEvent, reference: ReferenceData) -> CompanyFacts:
    return _company_with(f, region=e.data["region"])


def _research_lab_changed(f: CompanyFacts, e: FactEvent, reference: ReferenceData) -> CompanyFacts:
    return _company_with(f, has_research_lab=bool(e.data["has_research_lab"]))


_COMPANY_STEPS: dict[str, _Step[CompanyFacts]] = {
    Company.ProfileCorrected.TOPIC: _profile_corrected,
    Company.ResearchLabChanged.TOPIC: _research_lab_changed,
}


def _consulting_recorded(e: FactEvent, reference: ReferenceData) -> ConsultingFacts:
    d = e.data
    return ConsultingFacts(
        record_id=e.aggregate_id,
        company_id=uuid_of(d["company_id"]),
        region=d["region"],
        channel=d["channel"],
        institute=d.get("institute"),
        consulted_on=date_of(d["consulted_on"]),
        hours=float(d["hours"]),
        recorded_at=e.recorded_at,
    )


def _consulting_cancelled(
    f: ConsultingFacts, e: FactEvent, reference: ReferenceData
) -> ConsultingFacts:
    return _consulting_with(f, cancelled=True)


_CONSULTING_STEPS: dict[str, _Step[ConsultingFacts]] = {
    ConsultingRecord.Cancelled.TOPIC: _consulting_cancelled,
}


def _mentoring_started(e: FactEvent, reference: ReferenceData) -> MentoringFacts:
    return MentoringFacts(e.aggregate_id, e.data["region"], e.recorded_at)


def _stage_reached(f: MentoringFacts, e: FactEvent, reference: ReferenceData) -> MentoringFacts:
    stage: str = e.data["stage"]
    return _mentoring_with(f, stages=(*f.stages, (stage, e.recorded_at)), current_stage=stage)


def _mentoring_concluded(
    f: MentoringFacts, e: FactEvent, reference: ReferenceData
) -> MentoringFacts:
    return _mentoring_with(f, concluded_at=e.recorded_at)


_MENTORING_STEPS: dict[str, _Step[MentoringFacts]] = {
    MentoringEngagement.StageReached.TOPIC: _stage_reached,
    MentoringEngagement.Concluded.TOPIC: _mentoring_concluded,
}


# --- the folds ----------------------------------------------------------------------------


def _evolve(
    facts: F | None,
    e: FactEvent,
    reference: ReferenceData,
    creation: tuple[str, _Create[F]],
    steps: dict[str, _Step[F]],
) -> F | None:
    topic, create = creation
    if e.topic == topic:
        return create(e, reference)
    step = steps.get(e.topic)
    if step is None or facts is None:
        return facts
    return step(facts, e, reference)


_CASE_CREATION = (Case.Received.TOPIC, _case_received)
_COMPANY_CREATION = (Company.Registered.TOPIC, _company_registered)
_CONSULTING_CREATION = (ConsultingRecord.Recorded.TOPIC, _consulting_recorded)
_MENTORING_CREATION = (MentoringEngagement.Started.TOPIC, _mentoring_started)


def evolve_case(
    facts: CaseFacts | None, e: FactEvent, reference: ReferenceData
) -> CaseFacts | None:
    return _evolve(facts, e, reference, _CASE_CREATION, _CASE_STEPS)


def evolve_company(
    facts: CompanyFacts | None, e: FactEvent, reference: ReferenceData
) -> CompanyFacts | None:
    return _evolve(facts, e, reference, _COMPANY_CREATION, _COMPANY_STEPS)


def evolve_consulting(
    facts: ConsultingFacts | None, e: FactEvent, reference: ReferenceData
) -> ConsultingFacts | None:
    return _evolve(facts, e, reference, _CONSULTING_CREATION, _CONSULTING_STEPS)


def evolve_mentoring(
    facts: MentoringFacts | None, e: FactEvent, reference: ReferenceData
) -> MentoringFacts | None:
    return _evolve(facts, e, reference, _MENTORING_CREATION, _MENTORING_STEPS)


def evolve(facts: Facts | None, e: FactEvent, reference: ReferenceData) -> Facts | None:
    """The fold of the event's aggregate type; facts of another type are refused."""
    aggregate_type = e.topic.rpartition(".")[0]
    if aggregate_type == Case.TOPIC:
        return evolve_case(_facts_of(CaseFacts, facts), e, reference)
    if aggregate_type == Company.TOPIC:
        return evolve_company(_facts_of(CompanyFacts, facts), e, reference)
    if aggregate_type == ConsultingRecord.TOPIC:
        return evolve_consulting(_facts_of(ConsultingFacts, facts), e, reference)
    if aggregate_type == MentoringEngagement.TOPIC:
        return evolve_mentoring(_facts_of(MentoringFacts, facts), e, reference)
    return facts


def _facts_of(kind: type[F], facts: Facts | None) -> F | None:
    if facts is None or isinstance(facts, kind):
        return facts
    raise TypeError(f"{type(facts).__name__} cannot follow a {kind.__name__} event")


# --- all of them ------------------------------------------------------------------------

# topic -> (the NationalFacts store, creates?, the step): one dict lookup per event.
_Route = tuple[str, bool, Callable[..., Any]]
_ROUTES: dict[str, _Route] = {
    **{topic: ("cases", False, step) for topic, step in _CASE_STEPS.items()},
    **{topic: ("companies", False, step) for topic, step in _COMPANY_STEPS.items()},
    **{topic: ("consulting", False, step) for topic, step in _CONSULTING_STEPS.items()},
    **{topic: ("mentoring", False, step) for topic, step in _MENTORING_STEPS.items()},
    _CASE_CREATION[0]: ("cases", True, _CASE_CREATION[1]),
    _COMPANY_CREATION[0]: ("companies", True, _COMPANY_CREATION[1]),
    _CONSULTING_CREATION[0]: ("consulting", True, _CONSULTING_CREATION[1]),
    _MENTORING_CREATION[0]: ("mentoring", True, _MENTORING_CREATION[1]),
}


@dataclass(slots=True)
class NationalFacts:
    """The facts of every aggregate, by id: the state of all national projections."""

    cases: dict[UUID, CaseFacts] = field(default_factory=dict)
    companies: dict[UUID, CompanyFacts] = field(default_factory=dict)
    consulting: dict[UUID, ConsultingFacts] = field(default_factory=dict)
    mentoring: dict[UUID, MentoringFacts] = field(default_factory=dict)

    def apply(self, e: FactEvent, reference: ReferenceData) -> None:
        """Fold one event in; events of other topics change nothing."""
        route = _ROUTES.get(e.topic)
        if route is None:
            return
        store_name, creates, step = route
        store: dict[UUID, Any] = getattr(self, store_name)
        if creates:
            store[e.aggregate_id] = step(e, reference)
            return
        facts = store.get(e.aggregate_id)
        if facts is not None:
            store[e.aggregate_id] = step(facts, e, reference)


def facts_from(
    events: Iterable[FactEvent], reference: ReferenceData, *, as_of: datetime | None = None
) -> NationalFacts:
    """The facts after replaying ``events`` in order, only those recorded at or before
    ``as_of`` when it is given: the projections as they stood at that instant."""
    facts = NationalFacts()
    apply = facts.apply
    if as_of is None:
        for e in events:
            apply(e, reference)
        return facts
    as_of = to_kst(as_of, field="as_of")
    for e in events:
        if e.recorded_at <= as_of:
            apply(e, reference)
    return facts
