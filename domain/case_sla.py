"""A case's SLA clocks, folded from its events alone, so a counselor's offline client
and the server's projections compute the same answer for any instant.

- first response (최초 응대): starts at intake, stops at the first contact,
  3 business days; not applicable once a case is withdrawn before any contact.
- agreement (협약): starts when a plan names a program with an agreement deadline
  (수요대응 공동기술지원사업: 2 weeks), stops at the signature; not applicable once
  the case is resolved, reopened or withdrawn without one.
Both pause while the case waits on the SME.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.aggregate import DariEvent
from domain.business_calendar import KoreanBusinessCalendar, default_calendar
from domain.case import Case
from domain.reference import ReferenceData
from domain.sla import FIRST_RESPONSE_BUSINESS_DAYS, SlaClock, SlaStatus


@dataclass(frozen=True)
class CaseSla:
    """``None`` for a clock means it does not apply to this case (yet)."""

    first_response: SlaClock | None
    agreement: SlaClock | None


@dataclass(frozen=True)
class CaseSlaStatus:
    first_response: SlaStatus | None
    agreement: SlaStatus | None


def _pause(clock: SlaClock | None, at: datetime) -> SlaClock | None:
    return clock.pause(at) if clock else None


def _resume(clock: SlaClock | None, at: datetime) -> SlaClock | None:
    return clock.resume(at) if clock else None


def case_sla(events: Iterable[DariEvent], reference: ReferenceData) -> CaseSla:
    first: SlaClock | None = SlaClock("first_response", FIRST_RESPONSE_BUSINESS_DAYS)
    agreement: SlaClock | None = None
    for e in events:
        at = e.timestamp
        if isinstance(e, Case.Received) and first:
            first = first.start(at)
        elif isinstance(e, Case.FirstContactMade) and first:
            first = first.stop(at)
        elif isinstance(e, Case.WaitingOnSmeStarted):
            first, agreement = _pause(first, at), _pause(agreement, at)
        elif isinstance(e, Case.WaitingOnSmeEnded):
            first, agreement = _resume(first, at), _resume(agreement, at)
        elif isinstance(e, Case.ResolutionPlanned):
            agreement = _agreement_clock(e, agreement, reference)
        elif isinstance(e, Case.AgreementSigned) and agreement:
            agreement = agreement.stop(at)
        elif isinstance(e, Case.Withdrawn):
            first = _kept_if_stopped(first)
            agreement = _kept_if_stopped(agreement)
        elif isinstance(e, Case.Resolved | Case.Reopened):
            # No agreement will be signed under the plan that started this clock.
            agreement = _kept_if_stopped(agreement)
    return CaseSla(first, agreement)


def _kept_if_stopped(clock: SlaClock | None) -> SlaClock | None:
    """A clock that can no longer be stopped does not apply; a stopped one keeps its verdict."""
    return clock if clock and clock.is_stopped else None


def _agreement_clock(
    plan: Case.ResolutionPlanned, clock: SlaClock | None, reference: ReferenceData
) -> SlaClock | None:
    """A re-plan keeps a running clock; a plan without an agreement deadline drops it."""
    days = reference.program(plan.program).agreement_due_business_days if plan.program else None
    if days is None:
        return None
    if clock is not None and not clock.is_stopped:
        return clock
    return SlaClock("agreement", days).start(plan.timestamp)


def case_sla_status(
    events: Iterable[DariEvent],
    as_of: datetime,
    reference: ReferenceData,
    calendar: KoreanBusinessCalendar | None = None,
) -> CaseSlaStatus:
    """The SLA states as of ``as_of``, from the events recorded up to that instant."""
    calendar = calendar or default_calendar()
    sla = case_sla((e for e in events if e.timestamp <= as_of), reference)
    return CaseSlaStatus(
        sla.first_response.status(as_of, calendar) if sla.first_response else None,
        sla.agreement.status(as_of, calendar) if sla.agreement else None,
    )
