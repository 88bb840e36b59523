"""The demo's people (데모 사용자): who records what in the demo history, with the
role, region or institute the server gives their accounts, and their computer."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Role


@dataclass(frozen=True)
class DemoPerson:
    username: str
    display_name: str
    role: Role
    region: str | None = None
    institute: str | None = None
    device: str = ""
    """The computer their demo events were recorded on."""
    shown: bool = False
    """One of the accounts offered to whoever runs the demo (the others only record)."""


COUNSELOR = DemoPerson(
    "counselor.kim", "김상담", Role.COUNSELOR, "daejeon", None, "daejeon-laptop-03", True
)
SECOND_COUNSELOR = DemoPerson(
    "counselor.park", "박상담", Role.COUNSELOR, "daejeon", None, "daejeon-laptop-04", True
)
LIAISON = DemoPerson("liaison.kimm", "박연구", Role.LIAISON, None, "KIMM", "kimm-pc-2", True)
CENTRAL = DemoPerson("central.lee", "이통합", Role.CENTRAL, None, None, "cheonan-desk-11", True)
ADMIN = DemoPerson("admin.jung", "정관리", Role.ADMIN, None, None, "cheonan-desk-01", True)
COORDINATOR = DemoPerson(
    "coordinator.han", "한코디", Role.COUNSELOR, "daejeon", None, "daejeon-laptop-05"
)

_LIAISON_NAMES = {
    "ETRI": "최협력",
    "KRISS": "정표준",
    "KISTI": "윤정보",
    "KITECH": "강생산",
    "KIST": "서과학",
    "KRICT": "오화학",
    "KERI": "문전기",
    "KIER": "송에너지",
}


def liaison_of(institute: str) -> DemoPerson:
    """The liaison (출연연 전담조직) of an institute in the demo: ``liaison.<code>``."""
    if institute == LIAISON.institute:
        return LIAISON
    code = institute.lower()
    name = _LIAISON_NAMES.get(institute, f"{institute} 담당")
    return DemoPerson(f"liaison.{code}", name, Role.LIAISON, None, institute, f"{code}-pc")


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    COUNSELOR,
    SECOND_COUNSELOR,
    LIAISON,
    CENTRAL,
    ADMIN,
    COORDINATOR,
    *(liaison_of(code) for code in _LIAISON_NAMES),
)
"""Everyone with a demo account: the shown ones first."""
