"""The figures the national center reports (성과 지표), for the whole country or one
slice of it, with the Korean headers the reports show."""

from __future__ import annotations

from dataclasses import dataclass

from domain.mentoring import MentoringStage


@dataclass(frozen=True, slots=True)
class KpiFigures:
    """One period's figures for one scope. Counts are whole numbers; a percentage,
    median or average is ``None`` when there was nothing to measure. Medians are in
    calendar days from intake (접수). ``mentoring_funnel`` maps each stage, in order,
    to the number of engagements that reached it."""

    smes_supported: int
    smes_with_lab: int
    lab_share_pct: float
    resolution_companies: int
    resolution_cases: int
    consulting_companies: int
    consulting_cases: int
    cases_per_staff_resolution: float
    cases_per_staff_consulting: float
    first_response_met_pct: float | None
    agreement_met_pct: float | None
    median_days_to_assign: float | None
    median_days_to_first_contact: float | None
    median_days_to_resolve: float | None
    satisfaction_average: float | None
    survey_response_rate_pct: float | None
    mentoring_funnel: dict[str, int]


KPI_LABELS: dict[str, str] = {
    "smes_supported": "지원 중소기업 수",
    "smes_with_lab": "기업부설연구소 보유 지원기업 수",
    "lab_share_pct": "연구소 보유 중소기업 대비 지원 비율(%)",
    "resolution_companies": "애로기술 해결 기업 수",
    "resolution_cases": "애로기술 해결 건수",
    "consulting_companies": "기술지도·자문 기업 수",
    "consulting_cases": "기술지도·자문 건수",
    "cases_per_staff_resolution": "지원인력 1인당 애로해결 건수",
    "cases_per_staff_consulting": "지원인력 1인당 기술지도·자문 건수",
    "first_response_met_pct": "3일 내 최초 응대 준수율(%)",
    "agreement_met_pct": "2주 내 협약 준수율(%)",
    "median_days_to_assign": "출연연 지정 소요일(중앙값)",
    "median_days_to_first_contact": "최초 연락 소요일(중앙값)",
    "median_days_to_resolve": "해결 소요일(중앙값)",
    "satisfaction_average": "만족도 평균(5점 만점)",
    "survey_response_rate_pct": "만족도 조사 응답률(%)",
    "mentoring_funnel": "멘토링 단계별 도달 건수",
}
"""The Korean header of each ``KpiFigures`` field, in field order (for Excel and CSV)."""

MENTORING_STAGE_LABELS: dict[str, str] = {stage.value: stage.label for stage in MentoringStage}
"""The Korean name of each key of ``KpiFigures.mentoring_funnel``, in stage order."""

NUMERIC_KPIS: tuple[str, ...] = tuple(name for name in KPI_LABELS if name != "mentoring_funnel")
"""The fields that are one number each: those a target can be set for."""
