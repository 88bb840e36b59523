"""People, companies and cases for the client sync tests."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from desktop.local.outbox import Outbox
from desktop.local.workspace import Workspace
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording


class OpenWorkspace(Protocol):
    def __call__(self, name: str = "laptop", outbox_class: type[Outbox] = Outbox) -> Workspace:
        """(Re)open the encrypted workspace of one named laptop; its key is kept."""


COUNSELOR = Recording("counselor.kim", "laptop-1", at=datetime(2024, 9, 2, 10, 0, tzinfo=KST))
OTHER_COUNSELOR = Recording(
    "counselor.park", "laptop-2", at=datetime(2024, 9, 2, 11, 0, tzinfo=KST)
)
CENTRAL = Recording("central.lee", "desk-11", at=datetime(2024, 9, 2, 12, 0, tzinfo=KST))
LIAISON = Recording("liaison.kimm", "kimm-pc", at=datetime(2024, 9, 3, 9, 0, tzinfo=KST))

SECRET_DESCRIPTION = "도금층 박리 불량 — 비밀 공정 조건: 니켈 욕 pH 4.2"


def a_company(number: str = "305811234", by: Recording = COUNSELOR) -> Company:
    return Company.register(
        business_number=with_check_digit(number),
        name="한빛정밀(주)",
        region="daejeon",
        industry="정밀 도금",
        size="small",
        has_research_lab=True,
        by=by,
    )


def a_case(company: Company, by: Recording = COUNSELOR) -> Case:
    return Case.receive(
        company_id=company.id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description=SECRET_DESCRIPTION,
        by=by,
    )
