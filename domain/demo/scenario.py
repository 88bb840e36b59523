"""The demo scenario (데모 시나리오): a week in the 대전·세종 counseling center in
September and October 2024, recorded through the domain. Deterministic: every instant
and every aggregate id is fixed, so the same scenario is the same history wherever it
is stored (the desktop's ``dari demo``, the server's ``dari-server demo``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain.aggregate import DariAggregate
from domain.business_calendar import KST
from domain.business_number import BusinessNumber, with_check_digit
from domain.case import Case
from domain.company import Company
from domain.consulting import ConsultingRecord
from domain.demo import demo_id
from domain.errors import DomainError
from domain.mentoring import MentoringEngagement
from domain.recording import Recording

AS_OF = datetime(2024, 10, 4, 18, 0, tzinfo=KST)

PEOPLE = {
    "counselor.kim": "김상담 (대전·세종 상담센터)",
    "central.lee": "이통합 (통합센터)",
    "liaison.kimm": "박연구 (한국기계연구원 전담조직)",
    "liaison.etri": "최협력 (한국전자통신연구원 전담조직)",
    "liaison.kriss": "정표준 (한국표준과학연구원 전담조직)",
    "liaison.kisti": "윤정보 (한국과학기술정보연구원 전담조직)",
    "coordinator.han": "한코디 (전담 코디네이터)",
}


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=KST)


def person(user: str, device: str) -> Callable[[datetime], Recording]:
    return lambda when: Recording(user, device, when)


counselor = person("counselor.kim", "daejeon-laptop-03")
central = person("central.lee", "cheonan-desk-11")
kimm = person("liaison.kimm", "kimm-pc-2")
etri = person("liaison.etri", "etri-pc-7")
kriss = person("liaison.kriss", "kriss-pc-1")
kisti = person("liaison.kisti", "kisti-pc-4")
coordinator = person("coordinator.han", "daejeon-laptop-05")


@dataclass
class Scenario:
    cases: list[tuple[str, UUID]]
    refusals: list[tuple[str, str]]
    mentoring_id: UUID
    consulting_id: UUID
    aggregates: list[DariAggregate]
    """Every aggregate of the week, its new events not yet stored (in recording order)."""


def build_scenario() -> Scenario:
    """The week, recorded through the domain's commands; nothing is stored yet."""
    hanbit = Company.register(
        business_number=with_check_digit("305811234"),
        name="한빛정밀(주)",
        region="daejeon",
        industry="정밀 도금·표면처리",
        size="small",
        has_research_lab=True,
        by=counselor(at(9, 13, 14, 50)),
    )
    saebom = Company.register(
        business_number=with_check_digit("307864521"),
        name="새봄센서",
        region="daejeon",
        industry="산업용 센서",
        size="micro",
        has_research_lab=False,
        by=counselor(at(9, 23, 9, 40)),
    )
    gaon = Company.register(
        business_number=with_check_digit("314225078"),
        name="가온식품",
        region="daejeon",
        industry="발효식품",
        size="medium",
        has_research_lab=True,
        by=counselor(at(9, 26, 11, 0)),
    )

    # 1. A plating defect, phoned in on the Friday before Chuseok, resolved by short R&D.
    plating = Case.receive(
        company_id=hanbit.id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description="니켈 도금층이 열처리 후 박리됩니다. 불량률 12%.",
        by=counselor(at(9, 13, 15, 0)),
        case_id=demo_id("scenario/case/plating"),
    )
    plating.classify(
        service="difficulty_resolution",
        technology_field="표면처리",
        urgency="urgent",
        by=central(at(9, 13, 16, 0)),
    )
    plating.assign_institute("KIMM", by=central(at(9, 13, 16, 10)))
    plating.accept_assignment("KIMM", by=kimm(at(9, 19, 9, 30)))
    plating.make_first_contact(
        method="visit", summary="현장 방문, 도금 라인 점검 일정 확정", by=kimm(at(9, 19, 14, 0))
    )
    plating.plan_resolution(
        kind="rnd",
        program="demand_responsive",
        budget_krw=25_000_000,
        duration_months=3,
        summary="전처리 조건 최적화 단기 공동 R&D",
        by=kimm(at(9, 20, 11, 0)),
    )
    plating.sign_agreement(date(2024, 10, 2), by=kimm(at(10, 2, 15, 0)))

    # 2. Personnel exchange, declined by one institute and reassigned; nobody has called yet.
    exchange = Case.receive(
        company_id=saebom.id,
        region="daejeon",
        channel="online",
        service="personnel_exchange",
        description="센서 신호처리 연구인력 파견을 희망합니다.",
        details={"desired_institute": "ETRI", "research_field": "신호처리", "period": "mid"},
        by=counselor(at(9, 23, 10, 0)),
        case_id=demo_id("scenario/case/exchange"),
    )
    exchange.assign_institute("ETRI", by=central(at(9, 23, 15, 0)))
    exchange.decline_assignment(
        "ETRI", "해당 분야 연구인력 파견 여력 없음", by=etri(at(9, 24, 10, 0))
    )
    exchange.assign_institute("KRISS", by=central(at(9, 24, 16, 0)))
    exchange.accept_assignment("KRISS", by=kriss(at(9, 25, 9, 0)))

    # 3. Market information; the SME owes documents, so the clock pauses.
    information = Case.receive(
        company_id=gaon.id,
        region="daejeon",
        channel="visit",
        service="information_provision",
        description="발효 미생물 배양 기술의 해외 시장 정보가 필요합니다.",
        details={"information": "market_information"},
        by=counselor(at(9, 26, 11, 10)),
        case_id=demo_id("scenario/case/information"),
    )
    information.assign_institute("KISTI", by=central(at(9, 26, 14, 0)))
    information.accept_assignment("KISTI", by=kisti(at(9, 26, 15, 0)))
    information.start_waiting_on_sme("제품 사양서 회신 대기", by=kisti(at(9, 26, 15, 10)))
    information.end_waiting_on_sme(by=kisti(at(10, 2, 9, 0)))
    information.make_first_contact(
        method="phone", summary="시장 보고서 범위 협의", by=kisti(at(10, 2, 10, 0))
    )
    information.resolve(
        outcome="resolved", summary="해외 시장 보고서 3건 제공", by=kisti(at(10, 2, 16, 0))
    )
    information.survey_follow_up(
        satisfaction=4, comment="자료가 유용했습니다", by=central(at(10, 4, 10, 0))
    )

    consulting = ConsultingRecord.record(
        company_id=hanbit.id,
        region="daejeon",
        channel="visit",
        institute="KIMS",
        consulted_on=date(2024, 9, 27),
        hours=2,
        topic="열처리로 온도 균일도 자문",
        by=counselor(at(9, 27, 17, 0)),
        record_id=demo_id("scenario/consulting/heat-treatment"),
    )

    mentoring = MentoringEngagement.start(
        senior_company_id=hanbit.id,
        junior_company_id=saebom.id,
        coordinator="한코디",
        region="daejeon",
        by=coordinator(at(9, 30, 10, 0)),
        engagement_id=demo_id("scenario/mentoring/hanbit-saebom"),
    )
    mentoring.hold_session(
        held_on=date(2024, 9, 30),
        hours=3,
        topics=["품질관리 체계", "수출 인증"],
        know_how="ISO 인증 준비 경험 공유",
        by=coordinator(at(9, 30, 16, 0)),
    )
    mentoring.discover_convergence_task(
        title="도금 두께 실시간 측정 센서",
        description="선배 기업의 공정 + 후배 기업의 센서",
        by=coordinator(at(9, 30, 16, 10)),
    )
    mentoring.reach_stage("task_selection", by=coordinator(at(10, 1, 10, 0)))
    mentoring.join_exchange_group("대전 정밀제조 교류회", by=coordinator(at(10, 1, 10, 5)))

    return Scenario(
        cases=[
            ("도금 박리 불량", plating.id),
            ("연구인력 파견", exchange.id),
            ("해외 시장 정보", information.id),
        ],
        refusals=bad_input_attempts(exchange, hanbit.id),
        mentoring_id=mentoring.id,
        consulting_id=consulting.id,
        aggregates=[hanbit, saebom, gaon, plating, exchange, information, consulting, mentoring],
    )


def bad_input_attempts(exchange: Case, company_id: UUID) -> list[tuple[str, str]]:
    """What a counselor sees when the input is wrong. Nothing here is stored."""
    attempts: list[tuple[str, Callable[[], object]]] = [
        (
            "검증번호가 틀린 사업자등록번호",
            lambda: BusinessNumber.parse("305-81-12340"),
        ),
        (
            "없는 출연연 코드로 지정",
            lambda: exchange.assign_institute("KAIST", by=central(at(10, 4))),
        ),
        (
            "수요대응 사업 예산 초과",
            lambda: a_case_in_contact(company_id).plan_resolution(
                kind="rnd",
                program="demand_responsive",
                budget_krw=45_000_000,
                duration_months=3,
                summary="예시",
                by=kimm(at(10, 4, 11)),
            ),
        ),
        (
            "해결 전 만족도 조사",
            lambda: exchange.survey_follow_up(satisfaction=5, by=central(at(10, 4))),
        ),
    ]
    refusals = []
    for label, attempt in attempts:
        try:
            attempt()
        except DomainError as error:
            refusals.append((label, error.message))
        else:  # pragma: no cover - the demo would be lying
            raise AssertionError(f"{label}: 거부되어야 합니다")
    return refusals


def a_case_in_contact(company_id: UUID) -> Case:
    case = Case.receive(
        company_id=company_id,
        region="daejeon",
        channel="hotline_1379",
        service="difficulty_resolution",
        description="금형 마모",
        by=counselor(at(10, 4, 9)),
    )
    case.assign_institute("KIMM", by=central(at(10, 4, 9, 30)))
    case.accept_assignment("KIMM", by=kimm(at(10, 4, 10)))
    case.make_first_contact(method="phone", summary="통화", by=kimm(at(10, 4, 10, 30)))
    return case
