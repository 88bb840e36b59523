"""Service-specific details of a request (기술지원 분야별 세부 항목).

- 인력교류 (personnel exchange): desired institute, research field, period class
- 정보제공 (information provision): R&D planning, technology roadmap or market information
- 기술이전 (technology transfer): desired field and whether a running royalty is discussed
Other services carry no details.
"""

from __future__ import annotations

from typing import Any

from domain.errors import InvalidValue, UnknownReference
from domain.reference import ReferenceData
from domain.validation import one_of, required_text

EXCHANGE_PERIODS = {
    "short": "단기 (1주 이내)",
    "mid": "중기 (1~6개월)",
    "long": "장기 (6개월 이상)",
}
INFORMATION_KINDS = {
    "rnd_planning": "R&D 기획",
    "technology_roadmap": "기술 로드맵",
    "market_information": "시장 정보",
}

_FIELDS = {
    "personnel_exchange": {"desired_institute", "research_field", "period"},
    "information_provision": {"information"},
    "technology_transfer": {"desired_field", "running_royalty"},
}


def validate_details(service: str, details: dict[str, Any], reference: ReferenceData) -> None:
    """Refuse details that do not fit ``service``."""
    expected = _FIELDS.get(service, set())
    unknown = sorted(set(details) - expected)
    if unknown:
        service_name = reference.service(service).name
        raise InvalidValue(
            f"{service_name} 요청에는 다음 항목을 쓸 수 없습니다: {', '.join(unknown)}.",
            field="details",
        )
    if service == "personnel_exchange":
        _require_desired_institute(details.get("desired_institute"), reference)
        required_text(details.get("research_field"), "research_field", "희망 연구 분야")
        one_of(details.get("period"), EXCHANGE_PERIODS, "period", "교류 기간")
    elif service == "information_provision":
        one_of(details.get("information"), INFORMATION_KINDS, "information", "요청 정보 종류")
    elif service == "technology_transfer":
        required_text(details.get("desired_field"), "desired_field", "희망 기술 분야")
        if not isinstance(details.get("running_royalty"), bool):
            raise InvalidValue(
                "러닝개런티 협의 여부를 예 또는 아니오로 선택해 주세요.", field="running_royalty"
            )


def describe_details(service: str, details: dict[str, Any], reference: ReferenceData) -> str:
    """The details in one Korean phrase, for timelines."""
    if service == "personnel_exchange":
        institute = reference.institute(details["desired_institute"]).name
        period = EXCHANGE_PERIODS[details["period"]]
        return f"희망 기관 {institute}, 분야 {details['research_field']}, {period}"
    if service == "information_provision":
        return INFORMATION_KINDS[details["information"]]
    if service == "technology_transfer":
        royalty = "러닝개런티 협의" if details["running_royalty"] else "러닝개런티 없음"
        return f"희망 분야 {details['desired_field']}, {royalty}"
    return ""


def _require_desired_institute(code: object, reference: ReferenceData) -> None:
    if not isinstance(code, str) or not code.strip():
        raise InvalidValue("희망 기관(출연연)을 선택해 주세요.", field="desired_institute")
    try:
        reference.institute(code)
    except UnknownReference as unknown:
        raise UnknownReference(unknown.message, field="desired_institute") from None
