"""KPI reports (central staff only): JSON, Excel and CSV.

``GET /reports/kpi?from=2024-01&to=2024-12[&region=][&institute=][&as_of=]``. Without
``as_of`` the figures come from the read models (caught up within a second of a
push); with it, from the events recorded up to that instant, replayed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from domain.access import Role
from domain.business_calendar import KST
from domain.errors import DomainError, UnknownReference
from domain.projections.period import Period
from domain.projections.targets import KpiTargets, StaffCounts
from domain.reference import ReferenceData, default_reference
from sync_server.auth.dependencies import require_role
from sync_server.auth.session import Session
from sync_server.problems import ProblemError
from sync_server.projections.export import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    last_month,
    report_csv,
    report_json,
    report_xlsx,
)
from sync_server.projections.reports import (
    ReportAnswer,
    live_report,
    load_staff_counts,
    report_as_of,
)

router = APIRouter(prefix="/reports", tags=["reports"])

CentralSession = Annotated[Session, Depends(require_role(Role.CENTRAL))]
FromMonth = Annotated[str, Query(alias="from", description="첫 달 (YYYY-MM)", examples=["2024-01"])]
ToMonth = Annotated[str, Query(description="마지막 달, 포함 (YYYY-MM)", examples=["2024-12"])]
RegionCode = Annotated[str | None, Query(description="지역 코드, 예: daejeon")]
InstituteCode = Annotated[str | None, Query(description="출연연 코드, 예: KIMM")]
AsOf = Annotated[
    str | None,
    Query(
        description=(
            "이 시각까지 기록된 이벤트로 계산합니다 (ISO 8601). 시간대가 없으면 한국 시간, "
            "날짜만 주면 그날이 끝날 때까지입니다."
        ),
        examples=["2024-06-30T18:00:00+09:00"],
    ),
]


def requested_report(
    session: CentralSession,
    request: Request,
    from_month: FromMonth,
    to: ToMonth,
    region: RegionCode = None,
    institute: InstituteCode = None,
    as_of: AsOf = None,
) -> ReportAnswer:
    """The report a request asks for: one declaration of the query for every format."""
    return _answer(request, from_month, to, region, institute, as_of)


RequestedReport = Annotated[ReportAnswer, Depends(requested_report)]


@router.get("/kpi")
def kpi(answer: RequestedReport) -> Response:
    """성과지표 보고서 (JSON): 전체와 지역·출연연·분야·경로·사업·월별 수치."""
    return Response(report_json(answer), media_type="application/json")


@router.get("/kpi.xlsx")
def kpi_xlsx(answer: RequestedReport) -> Response:
    """성과지표 보고서 (Excel): 전체 시트와 분류별 시트, 한국어 머리글."""
    return Response(
        report_xlsx(answer, default_reference()),
        media_type=XLSX_MEDIA_TYPE,
        headers=_attachment(answer, "xlsx"),
    )


@router.get("/kpi.csv")
def kpi_csv(answer: RequestedReport) -> Response:
    """성과지표 보고서 (CSV, UTF-8 BOM): 전체 행과 분류별 행."""
    return Response(
        report_csv(answer, default_reference()),
        media_type=CSV_MEDIA_TYPE,
        headers=_attachment(answer, "csv"),
    )


def _answer(
    request: Request,
    from_month: str,
    to_month: str,
    region: str | None,
    institute: str | None,
    as_of_text: str | None,
) -> ReportAnswer:
    reference = default_reference()
    period = _period(from_month, to_month)
    region, institute = _scope(reference, region, institute)
    engine = request.app.state.engine
    try:
        targets, staff = _configured(request)
        if as_of_text is None:
            return live_report(
                engine,
                reference,
                period,
                region=region,
                institute=institute,
                targets=targets,
                staff=staff,
                mirror=request.app.state.facts_mirror,
            )
        as_of = parse_as_of(as_of_text)
        return report_as_of(
            engine,
            reference,
            period,
            as_of,
            region=region,
            institute=institute,
            targets=targets,
            staff=staff,
        )
    except UnknownReference as unknown:
        raise ProblemError(422, "unknown_reference", unknown.message, field=unknown.field) from None


TARGETS_FILE = "kpi-targets.toml"
STAFF_FILE = "staff-counts.toml"


def _configured(request: Request) -> tuple[KpiTargets | None, StaffCounts | None]:
    """The targets and staff counts an administrator put in the data folder, if any:
    ``kpi-targets.toml`` (``KpiTargets.from_toml``) and ``staff-counts.toml``."""
    data_dir = request.app.state.settings.data_dir
    try:
        targets_file = data_dir / TARGETS_FILE
        targets = KpiTargets.load(targets_file) if targets_file.exists() else None
        staff_file = data_dir / STAFF_FILE
        staff = (
            load_staff_counts(staff_file, targets.staff if targets else None)
            if staff_file.exists()
            else None
        )
    except DomainError as invalid:
        raise ProblemError(
            500, "report_settings_invalid", f"보고서 설정 파일이 잘못되었습니다: {invalid.message}"
        ) from None
    return targets, staff


def _period(from_month: str, to_month: str) -> Period:
    try:
        return Period.parse(from_month, to_month)
    except DomainError as invalid:
        raise ProblemError(422, "invalid_period", invalid.message, field="from") from None


def _scope(
    reference: ReferenceData, region: str | None, institute: str | None
) -> tuple[str | None, str | None]:
    """Empty parameters mean the whole country; unknown codes are refused."""
    region, institute = region or None, institute or None
    try:
        if region is not None:
            reference.region(region)
        if institute is not None:
            reference.institute(institute)
    except UnknownReference as unknown:
        raise ProblemError(422, "unknown_reference", unknown.message, field=unknown.field) from None
    return region, institute


def parse_as_of(text: str) -> datetime:
    """ISO 8601; without a time zone it is Korean time; a date alone means the end of
    that day (everything recorded that day is included)."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max, KST)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ProblemError(
            422,
            "invalid_as_of",
            f"기준 시각은 ISO 8601 형식으로 입력해 주세요 (예: 2024-06-30T18:00:00+09:00, 입력: {text!r}).",
            field="as_of",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=KST)


def _attachment(answer: ReportAnswer, extension: str) -> dict[str, str]:
    period = answer.report.period
    months = f"{period.start:%Y%m}-{last_month(period).replace('-', '')}"
    scope = answer.region or answer.institute or "national"
    name = f"dari-kpi-{months}-{scope}.{extension}"
    korean = f"다리-성과지표-{months}-{scope}.{extension}"
    return {
        "Content-Disposition": (
            f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(korean)}"
        )
    }
