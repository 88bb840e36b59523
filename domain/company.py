"""Companies (기업) that ask for support. A company's id is derived from its business
registration number, so two counselors registering the same company offline create
the same aggregate, and the sync server sees one company."""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import AggregateCreated

from domain.aggregate import DariAggregate, DariEvent
from domain.business_number import BusinessNumber
from domain.errors import IllegalTransition, InvalidValue
from domain.recording import Recording
from domain.reference import ReferenceData
from domain.validation import one_of, required_text


class CompanySize(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    MIDSIZE = "midsize"

    @property
    def label(self) -> str:
        return COMPANY_SIZES[self.value]


COMPANY_SIZES = {"micro": "소상공인", "small": "소기업", "medium": "중기업", "midsize": "중견기업"}


def company_id(business_number: BusinessNumber) -> UUID:
    return uuid5(NAMESPACE_URL, f"https://dari.kr/companies/{business_number.digits}")


def _check_profile(event: Any, reference: ReferenceData) -> None:
    required_text(event.name, "name", "기업명", max_length=200)
    reference.region(event.region)
    required_text(event.industry, "industry", "업종", max_length=200)
    one_of(event.size, COMPANY_SIZES, "size", "기업 규모")


def _require_yes_or_no(has_research_lab: object) -> None:
    if not isinstance(has_research_lab, bool):
        raise InvalidValue(
            "기업부설연구소 보유 여부를 예 또는 아니오로 선택해 주세요.", field="has_research_lab"
        )


class Company(DariAggregate):
    """기업: name, 사업자등록번호, region, industry, size, research-lab flag."""

    TOPIC = "dari.Company"

    class Registered(DariEvent, AggregateCreated):
        TOPIC = "dari.Company.Registered"
        business_number: str
        name: str
        region: str
        industry: str
        size: str
        has_research_lab: bool

        def check(self, aggregate: Any, reference: ReferenceData) -> None:
            parsed = BusinessNumber.parse(self.business_number)
            if company_id(parsed) != self.originator_id:
                raise IllegalTransition(
                    "기업 식별자가 사업자등록번호와 맞지 않습니다.", field="business_number"
                )
            _check_profile(self, reference)
            _require_yes_or_no(self.has_research_lab)

        def apply(self, aggregate: Any) -> None:
            aggregate.business_number = self.business_number
            aggregate.name = self.name
            aggregate.region = self.region
            aggregate.industry = self.industry
            aggregate.size = CompanySize(self.size)
            aggregate.has_research_lab = self.has_research_lab

        def describe(self, reference: ReferenceData) -> str:
            return f"기업 등록: {self.name} ({BusinessNumber.parse(self.business_number)})"

    class ProfileCorrected(DariEvent):
        TOPIC = "dari.Company.ProfileCorrected"
        name: str
        region: str
        industry: str
        size: str

        def check(self, aggregate: Company, reference: ReferenceData) -> None:
            _check_profile(self, reference)

        def apply(self, aggregate: Company) -> None:
            aggregate.name = self.name
            aggregate.region = self.region
            aggregate.industry = self.industry
            aggregate.size = CompanySize(self.size)

        def describe(self, reference: ReferenceData) -> str:
            return f"기업 정보 수정: {self.name}"

    class ResearchLabChanged(DariEvent):
        """기업부설연구소: the KPI's denominator counts companies that have one."""

        TOPIC = "dari.Company.ResearchLabChanged"
        has_research_lab: bool

        def check(self, aggregate: Company, reference: ReferenceData) -> None:
            _require_yes_or_no(self.has_research_lab)
            if aggregate.has_research_lab == self.has_research_lab:
                state = "있음" if self.has_research_lab else "없음"
                raise IllegalTransition(
                    f"기업부설연구소 보유 여부가 이미 '{state}'입니다.", field="has_research_lab"
                )

        def apply(self, aggregate: Company) -> None:
            aggregate.has_research_lab = self.has_research_lab

        def describe(self, reference: ReferenceData) -> str:
            return "기업부설연구소 " + ("보유" if self.has_research_lab else "미보유") + "로 변경"

    def __init__(self) -> None:
        """The state is set by the creation event's ``apply``, never by arguments."""

    business_number: str
    name: str
    region: str
    industry: str
    size: CompanySize
    has_research_lab: bool

    @classmethod
    def register(
        cls,
        *,
        business_number: str,
        name: str,
        region: str,
        industry: str,
        size: str,
        has_research_lab: bool,
        by: Recording,
    ) -> Company:
        parsed = BusinessNumber.parse(business_number)
        return cls._begin(
            cls.Registered,
            by,
            company_id(parsed),
            business_number=parsed.digits,
            name=name.strip(),
            region=region,
            industry=industry.strip(),
            size=size,
            has_research_lab=has_research_lab,
        )

    def correct_profile(
        self, *, name: str, region: str, industry: str, size: str, by: Recording
    ) -> None:
        self._record(
            self.ProfileCorrected,
            by,
            name=name.strip(),
            region=region,
            industry=industry.strip(),
            size=size,
        )

    def change_research_lab(self, has_research_lab: bool, *, by: Recording) -> None:
        self._record(self.ResearchLabChanged, by, has_research_lab=has_research_lab)
