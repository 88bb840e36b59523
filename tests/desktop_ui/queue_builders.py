"""Shared pieces of the role queues' tests: cases at every stage that matters to a
queue, recorded through the domain, and sessions of a liaison and of central staff."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from ui_builders import CHEAP_KDF, NOW, PASSWORD, SERVER_URL, DesktopFakeServer

from desktop.local.credentials import SignedInUser
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.profile import Profile
from desktop.ui.session import Session, SignIn
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.recording import Recording
from domain.reference import ReferenceData

LIAISON_USER = SignedInUser("liaison.kimm", "박전담", "liaison", None, "KIMM")
CENTRAL_USER = SignedInUser("central.lee", "이통합", "central", None, None)

START = NOW.astimezone(KST) - timedelta(days=6)


@dataclass
class QueueCases:
    """One case per stage. Names say where each case stands (KIMM: 한국기계연구원)."""

    company: Company
    received: Case
    classified: Case
    declined_by_kimm: Case
    assigned_to_kimm: Case
    accepted_by_kimm: Case
    assigned_to_etri: Case
    resolved_by_kimm: Case
    surveyed: Case
    closed_unsurveyed: Case
    withdrawn: Case

    @property
    def cases(self) -> list[Case]:
        return [value for value in vars(self).values() if isinstance(value, Case)]


def stage_cases(reference: ReferenceData) -> QueueCases:
    """Cases taken through the domain to each stage (not yet stored anywhere)."""
    tick = iter(range(1, 1000))

    def at(person: str, device: str) -> Recording:
        return Recording(person, device, START + timedelta(minutes=10 * next(tick)), reference)

    def counselor() -> Recording:
        return at("counselor.kim", "daejeon-laptop-03")

    def central() -> Recording:
        return at("central.lee", "cheonan-desk-11")

    def liaison(institute: str = "KIMM") -> Recording:
        return at(f"liaison.{institute.lower()}", f"{institute.lower()}-pc")

    company = Company.register(
        business_number=with_check_digit("305811234"),
        name="한빛정밀(주)",
        region="daejeon",
        industry="정밀 도금",
        size="small",
        has_research_lab=True,
        by=counselor(),
    )

    def received() -> Case:
        return Case.receive(
            company_id=company.id,
            region="daejeon",
            channel="hotline_1379",
            service="difficulty_resolution",
            description="니켈 도금층이 열처리 후 박리됩니다.",
            by=counselor(),
        )

    def assigned(institute: str = "KIMM") -> Case:
        case = received()
        case.assign_institute(institute, by=central())
        return case

    def accepted() -> Case:
        case = assigned()
        case.accept_assignment("KIMM", by=liaison())
        return case

    def resolved() -> Case:
        case = accepted()
        case.make_first_contact(method="phone", summary="담당자와 통화", by=liaison())
        case.resolve(outcome="resolved", summary="공정 조건 개선", by=liaison())
        return case

    classified = received()
    classified.classify(
        service="difficulty_resolution", technology_field="표면처리", urgency="urgent", by=central()
    )
    declined = assigned()
    declined.decline_assignment("KIMM", "보유 기술이 없습니다.", by=liaison())
    surveyed = resolved()
    surveyed.survey_follow_up(satisfaction=5, comment="만족", by=central())
    closed = resolved()
    closed.close(by=central())
    withdrawn = received()
    withdrawn.withdraw("기업이 자체 해결", by=counselor())
    return QueueCases(
        company=company,
        received=received(),
        classified=classified,
        declined_by_kimm=declined,
        assigned_to_kimm=assigned(),
        accepted_by_kimm=accepted(),
        assigned_to_etri=assigned("ETRI"),
        resolved_by_kimm=resolved(),
        surveyed=surveyed,
        closed_unsurveyed=closed,
        withdrawn=withdrawn,
    )


def store_as_pulled(workspace: Workspace, cases: QueueCases) -> None:
    """As if pulled from the server: canonical history, nothing pending."""
    workspace.store.record(cases.company, *cases.cases)


def open_as(
    user: SignedInUser, directory: Path, server: DesktopFakeServer
) -> tuple[Session, QueueCases]:
    """A profile signed in before by ``user`` (offline now), holding ``stage_cases``."""
    profile = Profile(directory)
    settings = profile.settings()
    profile.save_settings(replace(settings, server_url=SERVER_URL, username=user.username))
    credentials = profile.credentials(CHEAP_KDF)
    key = credentials.create(user, PASSWORD)
    with Workspace.open(profile.store_path, cipher_key=key) as workspace:
        cases = stage_cases(workspace.reference)
        store_as_pulled(workspace, cases)

    def to_fake(profile: Profile, url: str) -> SyncClient:
        return SyncClient(url, tokens=profile.tokens(), transport=server.transport())

    server.down = True  # signing in offline keeps the sealed user (role, institute)
    session = SignIn(profile, connect=to_fake, kdf=CHEAP_KDF)(SERVER_URL, user.username, PASSWORD)
    session.read_model.catch_up(session.workspace)
    return session, cases


def later(minutes: int = 0) -> datetime:
    return NOW + timedelta(minutes=minutes)
