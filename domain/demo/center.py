"""A regional center's recent weeks (데모 데이터), recorded through the domain relative
to a given instant, so that a case list shows every SLA state: 16 companies and
``cases`` cases in every stage, assigned to eight institutes.

Deterministic for a given ``now``, ``seed`` and people; the aggregate ids and the
events (but not their instants) do not depend on ``now``. The desktop stores it as a
demo workspace (``desktop.local.demo_workspace``), the server as its canonical history
(``dari-server demo``)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.demo import demo_id
from domain.recording import Recording
from domain.reference import ReferenceData, default_reference

COMPANIES = (
    ("한빛정밀(주)", "정밀 도금·표면처리", "small", True),
    ("새봄센서", "산업용 센서", "micro", False),
    ("가온식품(주)", "발효식품", "medium", True),
    ("대덕소재", "세라믹 소재", "small", True),
    ("누리로봇(주)", "협동 로봇", "small", True),
    ("청솔바이오", "진단 키트", "micro", True),
    ("유성금형", "사출 금형", "small", False),
    ("하나전자부품(주)", "PCB 실장", "medium", True),
    ("금강에너지", "ESS 배터리 팩", "small", True),
    ("보람환경기술", "수처리 설비", "small", False),
    ("미래광학", "광학 렌즈", "micro", True),
    ("온새미로(주)", "스마트 팜 장비", "micro", False),
    ("태양기계", "공작기계 부품", "medium", True),
    ("다온케미칼", "접착제·코팅제", "small", True),
    ("서림텍스타일", "기능성 섬유", "small", False),
    ("한결모빌리티(주)", "전기차 부품", "medium", True),
)

DESCRIPTIONS = {
    "difficulty_resolution": (
        "니켈 도금층이 열처리 후 박리됩니다. 불량률이 12%까지 올랐습니다.",
        "사출품 표면에 은줄(실버 스트리크)이 반복적으로 생깁니다.",
        "센서 출력이 고온에서 드리프트되어 보정 방법을 찾고 있습니다.",
        "배터리 팩 냉각 설계의 열 해석 지원이 필요합니다.",
        "코팅제 경화 시간이 계절에 따라 크게 달라집니다.",
    ),
    "db_disclosure": ("출연연 보유 특허 DB에서 관련 기술을 찾고 싶습니다.",),
    "personnel_exchange": ("신호처리 분야 연구인력 파견을 희망합니다.",),
    "information_provision": ("발효 미생물 배양 기술의 해외 시장 정보가 필요합니다.",),
    "technology_transfer": ("이차전지 분리막 코팅 기술 이전을 검토하고 있습니다.",),
}

Actor = Callable[[datetime], Recording]
Liaison = Callable[[str, datetime], Recording]

INSTITUTES = ("KIMM", "ETRI", "KRISS", "KITECH", "KIST", "KRICT", "KERI", "KIER")


@dataclass(frozen=True)
class DemoPeople:
    counselor: str = "counselor.kim"
    counselor_device: str = "daejeon-laptop-03"
    central: str = "central.lee"
    region: str = "daejeon"


def _at(now: datetime, hours_ago: float) -> datetime:
    return (now - timedelta(hours=hours_ago)).astimezone(KST)


@dataclass(frozen=True)
class DemoCenter:
    """The center's companies and cases, their new events not yet stored."""

    companies: list[Company]
    cases: list[Case]


def build_center(
    *,
    now: datetime,
    people: DemoPeople | None = None,
    cases: int = 36,
    seed: int = 1379,
    reference: ReferenceData | None = None,
) -> DemoCenter:
    """Record 16 companies and ``cases`` cases, the newest received two hours before ``now``."""
    people = people or DemoPeople()
    rng = random.Random(seed)
    reference = reference or default_reference()

    def by(user: str, device: str, when: datetime) -> Recording:
        return Recording(user, device, when, reference)

    def counselor(when: datetime) -> Recording:
        return by(people.counselor, people.counselor_device, when)

    def central(when: datetime) -> Recording:
        return by(people.central, "cheonan-desk-11", when)

    def liaison(institute: str, when: datetime) -> Recording:
        return by(f"liaison.{institute.lower()}", f"{institute.lower()}-pc", when)

    companies = []
    for number, (name, industry, size, lab) in enumerate(COMPANIES):
        companies.append(
            Company.register(
                business_number=with_check_digit(f"{305 + number:03d}81{1234 + 97 * number:04d}"),
                name=name,
                region=people.region,
                industry=industry,
                size=size,
                has_research_lab=lab,
                by=counselor(_at(now, 24 * 60 + number)),
            )
        )
    recorded: list[Case] = []
    # Most difficulties are technical problems, and most arrive by the 1379 hotline.
    services = ["difficulty_resolution", "information_provision", "technology_transfer"]
    services += ["db_disclosure"]
    service_weights = [6, 2, 1.5, 1]
    channels = [c.code for c in reference.channels]
    channel_weights = [5 if code == "hotline_1379" else 1 for code in channels]
    for index in range(cases):
        # Spread over ~5 weeks, newest last; the newest few were received today.
        hours_ago = 2 + (cases - index - 1) * (20 + rng.random() * 8)
        received = _at(now, hours_ago)
        service = (
            "personnel_exchange" if index % 11 == 5 else rng.choices(services, service_weights)[0]
        )
        company = companies[index % len(companies)]
        case = Case.receive(
            company_id=company.id,
            region=people.region,
            channel=rng.choices(channels, channel_weights)[0],
            service=service,
            description=rng.choice(DESCRIPTIONS[service]),
            details=_details(service, rng),
            by=counselor(received),
            case_id=demo_id(f"center/{people.region}/{seed}/case/{index}"),
        )
        _advance(case, index, received, now, rng, counselor, central, liaison)
        recorded.append(case)
    return DemoCenter(companies, recorded)


def _details(service: str, rng: random.Random) -> dict[str, object]:
    if service == "personnel_exchange":
        return {"desired_institute": "ETRI", "research_field": "신호처리", "period": "mid"}
    if service == "information_provision":
        return {"information": rng.choice(["market_information", "technology_roadmap"])}
    if service == "technology_transfer":
        return {"desired_field": "분리막 코팅", "running_royalty": rng.random() < 0.5}
    return {}


def _advance(
    case: Case,
    index: int,
    received: datetime,
    now: datetime,
    rng: random.Random,
    counselor: Actor,
    central: Actor,
    liaison: Liaison,
) -> None:
    """Take a case some way along its life, never past ``now``."""
    age = (now - received).total_seconds() / 3600
    stage = index % 9 if age > 30 else 0
    if index % 13 == 7 and age > 30:
        stage = -1  # waiting on the SME, before any contact
    institute = INSTITUTES[index % len(INSTITUTES)]
    step = received
    if stage == 0:
        return

    def later(hours: float) -> datetime:
        nonlocal step
        step = min(step + timedelta(hours=hours), now - timedelta(minutes=5))
        return step

    case.assign_institute(institute, by=central(later(3)))
    if stage == -1:
        # The counselor, who is in touch with the company (central staff may not).
        case.start_waiting_on_sme("기업 자료(공정 조건표) 회신 대기", by=counselor(later(2)))
        return
    if stage == 1:
        return
    case.accept_assignment(institute, by=liaison(institute, later(18)))
    if stage == 2:
        return
    late = index % 4 == 3
    case.make_first_contact(
        method=rng.choice(["phone", "visit", "email"]),
        summary="기업 담당자와 통화, 현장 방문 일정 협의",
        by=liaison(institute, later(110 if late else 6)),
    )
    if stage <= 4:
        return
    case.plan_resolution(
        kind="technology_transfer" if stage == 5 else "equipment_support",
        summary="보유 기술과 장비로 해결 가능, 시험 일정 수립",
        by=liaison(institute, later(30)),
    )
    if stage <= 6:
        return
    case.resolve(
        outcome="resolved",
        summary="시험 결과 불량 원인 확인, 공정 조건 개선",
        by=liaison(institute, later(60)),
    )
    if stage == 8:
        case.close(by=central(later(20)))
