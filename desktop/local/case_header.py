"""The head of a case's detail page (애로사항 상세): the company, where the case
stands, and its SLA clocks, all as this computer sees it (canonical events, then the
local ones that still apply)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from desktop.local.workspace import Workspace
from domain.aggregate import DariEvent
from domain.business_calendar import KST
from domain.business_number import BusinessNumber
from domain.case import Case
from domain.case_sla import case_sla_status
from domain.errors import DomainError
from domain.sla import SlaStatus

UNKNOWN_COMPANY = "(이 컴퓨터에 없는 기업)"


@dataclass(frozen=True)
class CaseHeader:
    case: Case
    company_name: str
    business_number: str
    region_name: str
    service_name: str
    institute_name: str
    """Empty when no institute is assigned."""
    first_response: SlaStatus | None
    agreement: SlaStatus | None

    @property
    def status_label(self) -> str:
        label = self.case.status.label
        return f"{label} · 기업 회신 대기" if self.case.waiting_on_sme else label

    @property
    def received_at(self) -> str:
        return self.case.received_at.astimezone(KST).strftime("%Y-%m-%d %H:%M")


def case_header(workspace: Workspace, case_id: UUID, *, now: datetime) -> CaseHeader:
    """Raises ``UnknownReference`` when the case is not on this computer."""
    view = workspace.view(case_id)
    case = workspace.load_case(case_id)
    events: list[DariEvent] = list(workspace.store.events_of(case_id))
    events += [p.entry.event() for p in view.pending if not p.will_conflict]
    reference = workspace.reference
    sla = case_sla_status(events, now, reference)
    name, number = UNKNOWN_COMPANY, ""
    try:
        company = workspace.load_company(case.company_id)
        name, number = company.name, str(BusinessNumber.parse(company.business_number))
    except DomainError:
        pass
    return CaseHeader(
        case=case,
        company_name=name,
        business_number=number,
        region_name=_name(reference.region, case.region),
        service_name=_name(reference.service, case.service),
        institute_name=_name(reference.institute, case.institute) if case.institute else "",
        first_response=sla.first_response,
        agreement=sla.agreement,
    )


def _name(lookup: Callable[[str], Any], code: str) -> str:
    try:
        return str(lookup(code).name)
    except DomainError:
        return code
