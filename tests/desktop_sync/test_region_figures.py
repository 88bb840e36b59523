"""A counselor's figures, offline: the national KPI functions over this computer's
canonical and pending events, for one region."""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

from sync_builders import COUNSELOR, a_case, a_company

from desktop.local.figures import region_figures
from desktop.local.workspace import Workspace
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.projections import Period
from domain.recording import Recording

SEPTEMBER = Period.month(2024, 9)
AS_OF = datetime(2024, 9, 30, 18, 0, tzinfo=KST)


def test_pending_cases_of_the_region_are_counted_offline(workspace: Workspace) -> None:
    company = a_company()
    workspace.record(company, a_case(company), a_case(company))

    report = region_figures(workspace, "daejeon", SEPTEMBER, as_of=AS_OF)

    assert report.overall.resolution_cases == 2
    assert report.overall.resolution_companies == 1
    assert report.overall.smes_with_lab == 1


def test_canonical_and_pending_events_are_both_counted(workspace: Workspace) -> None:
    company = a_company()
    pulled = a_case(company)
    workspace.add_canonical(
        [(uuid4(), e) for e in company.collect_events() + pulled.collect_events()], cursor=2
    )
    workspace.record(a_case(company))

    report = region_figures(workspace, "daejeon", SEPTEMBER, as_of=AS_OF)

    assert report.overall.resolution_cases == 2


def test_another_regions_cases_are_left_out(workspace: Workspace) -> None:
    seoul = Recording("counselor.seo", "seo-laptop", at=COUNSELOR.at)
    seoul_company = Company.register(
        business_number=with_check_digit("105811234"),
        name="서울소재",
        region="seoul",
        industry="소재",
        size="small",
        has_research_lab=False,
        by=seoul,
    )
    seoul_case = Case.receive(
        company_id=seoul_company.id,
        region="seoul",
        channel="online",
        service="difficulty_resolution",
        description="소재 강도",
        by=seoul,
    )
    company = a_company()
    workspace.record(company, a_case(company), seoul_company, seoul_case)

    report = region_figures(workspace, "daejeon", SEPTEMBER, as_of=AS_OF)

    assert report.overall.resolution_cases == 1


def test_events_recorded_after_the_as_of_instant_do_not_count(workspace: Workspace) -> None:
    company = a_company()
    later = Recording("counselor.kim", "laptop-1", at=datetime(2024, 9, 20, 10, 0, tzinfo=KST))
    workspace.record(company, a_case(company), a_case(company, by=later))

    report = region_figures(
        workspace, "daejeon", SEPTEMBER, as_of=datetime(2024, 9, 10, tzinfo=KST)
    )

    assert report.overall.resolution_cases == 1


def test_an_empty_computer_gives_zeros_not_errors(workspace: Workspace) -> None:
    report = region_figures(workspace, "daejeon", SEPTEMBER, as_of=AS_OF)

    assert report.overall.resolution_cases == 0
    assert report.overall.first_response_met_pct is None
