"""Translations for the small fixed label sets that Qt-free modules give the screens:
case status labels (``domain.case_status``), SLA words (``domain.sla``), the connection
and timeline badges (``desktop.sync.status``, ``desktop.local.case_timeline``) and the sign-in messages of ``desktop.ui.session``.

Those modules stay Korean and Qt-free. Their labels are listed here with
``QT_TRANSLATE_NOOP`` so that lupdate collects them into the .ts file, and widgets show
them through the functions below. With no translator installed (Korean), every function
returns its argument unchanged. Labels not listed (reference data names, event
descriptions) stay Korean in every language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from domain.sla import SlaState

STATUS_CONTEXT = "CaseStatus"
SLA_CONTEXT = "SlaState"
SIGN_IN_CONTEXT = "SignInError"
CONNECTION_CONTEXT = "Connection"
BADGE_CONTEXT = "TimelineBadge"
DOMAIN_CONTEXT = "DomainLabel"

STATUS_LABELS = (
    str(QT_TRANSLATE_NOOP("CaseStatus", "접수")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "분류 완료")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "출연연 지정 (수락 대기)")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "반려 (재지정 필요)")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "출연연 수락")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "상담 진행")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "해결방안 수립")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "협약 체결")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "해결")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "종결")),
    str(QT_TRANSLATE_NOOP("CaseStatus", "취하")),
)
"""``domain.case_status`` status labels, as the case list shows them."""

SLA_LABELS = (
    str(QT_TRANSLATE_NOOP("SlaState", "시작 전")),
    str(QT_TRANSLATE_NOOP("SlaState", "기한 내")),
    str(QT_TRANSLATE_NOOP("SlaState", "일시정지")),
    str(QT_TRANSLATE_NOOP("SlaState", "기한 초과")),
    str(QT_TRANSLATE_NOOP("SlaState", "기한 내 처리")),
    str(QT_TRANSLATE_NOOP("SlaState", "기한 후 처리")),
)
"""``domain.sla.SlaState`` labels."""

CONNECTION_LABELS = (
    str(QT_TRANSLATE_NOOP("Connection", "연결 확인 전")),
    str(QT_TRANSLATE_NOOP("Connection", "온라인")),
    str(QT_TRANSLATE_NOOP("Connection", "오프라인")),
    str(QT_TRANSLATE_NOOP("Connection", "Dari 업데이트 필요")),
    str(QT_TRANSLATE_NOOP("Connection", "다시 로그인 필요")),
)
"""``desktop.sync.status.Connection`` labels (the status bar's badge)."""

BADGE_LABELS = (
    str(QT_TRANSLATE_NOOP("TimelineBadge", "동기화됨")),
    str(QT_TRANSLATE_NOOP("TimelineBadge", "전송 대기")),
    str(QT_TRANSLATE_NOOP("TimelineBadge", "충돌")),
    str(QT_TRANSLATE_NOOP("TimelineBadge", "거부")),
)
"""``desktop.local.case_timeline.TimelineBadge`` labels (a timeline entry's sync badge)."""

DOMAIN_LABELS = (
    # domain.company.COMPANY_SIZES
    str(QT_TRANSLATE_NOOP("DomainLabel", "소상공인")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "소기업")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "중기업")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "중견기업")),
    # domain.service_details.EXCHANGE_PERIODS
    str(QT_TRANSLATE_NOOP("DomainLabel", "단기 (1주 이내)")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "중기 (1~6개월)")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "장기 (6개월 이상)")),
    # domain.service_details.INFORMATION_KINDS
    str(QT_TRANSLATE_NOOP("DomainLabel", "R&D 기획")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "기술 로드맵")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "시장 정보")),
)
"""Small fixed choice lists of the domain that forms offer in combo boxes."""

SIGN_IN_MESSAGES = (
    str(QT_TRANSLATE_NOOP("SignInError", "사용자 이름을 입력해 주세요.")),
    str(QT_TRANSLATE_NOOP("SignInError", "비밀번호를 입력해 주세요.")),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError",
            "이 프로필 폴더에는 다른 사용자 또는 다른 서버의 기록이 있습니다. "
            "다른 프로필 폴더를 사용해 주세요.",
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError",
            "서버에 연결할 수 없습니다. 처음 로그인할 때는 서버 연결이 필요합니다. "
            "서버 주소와 네트워크를 확인해 주세요.",
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError",
            "서버에 연결할 수 없습니다. 기록은 이 컴퓨터에 안전하게 남아 있으니 계속 작업하시고, "
            "연결되면 다시 로그인해 주세요.",
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError", "비밀번호가 맞지 않습니다. 서버에 등록된 비밀번호를 입력해 주세요."
        )
    ),
    str(QT_TRANSLATE_NOOP("SignInError", "서버 주소를 입력해 주세요.")),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError",
            "비밀번호가 맞지 않습니다. 관리자가 비밀번호를 바꾸었다면 예전 비밀번호를 입력해 주세요.",
        )
    ),
    # desktop.local.credentials (signing in again, unlocking the screen)
    str(QT_TRANSLATE_NOOP("SignInError", "비밀번호가 맞지 않습니다. 다시 입력해 주세요.")),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError", "이 컴퓨터에서 처음 로그인합니다. 서버에 연결해 로그인해 주세요."
        )
    ),
    str(QT_TRANSLATE_NOOP("SignInError", "로그인 정보 파일이 손상되었습니다.")),
    str(
        QT_TRANSLATE_NOOP(
            "SignInError",
            "서버 주소는 http:// 또는 https:// 로 시작해야 합니다 (예: https://dari.example.kr).",
        )
    ),
)
"""``desktop.ui.session.SignInError`` and ``desktop.local.credentials`` messages
(the server's own messages are passed on as they come)."""


ACTION_CONTEXT = "CaseAction"

ACTION_LABELS = (
    str(QT_TRANSLATE_NOOP("CaseAction", "분류")),
    str(QT_TRANSLATE_NOOP("CaseAction", "출연연 지정")),
    str(QT_TRANSLATE_NOOP("CaseAction", "지정 수락")),
    str(QT_TRANSLATE_NOOP("CaseAction", "지정 반려")),
    str(QT_TRANSLATE_NOOP("CaseAction", "최초 연락")),
    str(QT_TRANSLATE_NOOP("CaseAction", "메모")),
    str(QT_TRANSLATE_NOOP("CaseAction", "해결방안 수립")),
    str(QT_TRANSLATE_NOOP("CaseAction", "협약 체결")),
    str(QT_TRANSLATE_NOOP("CaseAction", "해결 기록")),
    str(QT_TRANSLATE_NOOP("CaseAction", "만족도 조사")),
    str(QT_TRANSLATE_NOOP("CaseAction", "종결")),
    str(QT_TRANSLATE_NOOP("CaseAction", "재개")),
    str(QT_TRANSLATE_NOOP("CaseAction", "취하")),
    str(QT_TRANSLATE_NOOP("CaseAction", "기업 회신 대기")),
    str(QT_TRANSLATE_NOOP("CaseAction", "기업 회신 수신")),
)
"""``desktop.local.case_actions.CaseAction`` labels (the case detail's buttons)."""

ROLE_LABELS = (
    str(QT_TRANSLATE_NOOP("DomainLabel", "지역상담센터 상담원")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "출연연 전담조직")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "통합센터 직원")),
    str(QT_TRANSLATE_NOOP("DomainLabel", "관리자")),
)
"""``domain.access.Role`` labels (who is signed in)."""


def status_text(label: str) -> str:
    """A case status label in the display language."""
    return QCoreApplication.translate(STATUS_CONTEXT, label)


def sla_text(state: SlaState) -> str:
    """An SLA state's word in the display language."""
    return QCoreApplication.translate(SLA_CONTEXT, state.label)


def connection_text(label: str) -> str:
    """A connection label (``Connection.label``) in the display language."""
    return QCoreApplication.translate(CONNECTION_CONTEXT, label)


def badge_text(label: str) -> str:
    """A timeline sync badge (``TimelineBadge.label``) in the display language."""
    return QCoreApplication.translate(BADGE_CONTEXT, label)


def domain_label(label: str) -> str:
    """A label of ``DOMAIN_LABELS`` in the display language (others unchanged)."""
    return QCoreApplication.translate(DOMAIN_CONTEXT, label)


def sign_in_text(message: str) -> str:
    """A sign-in message in the display language (unknown ones unchanged)."""
    return QCoreApplication.translate(SIGN_IN_CONTEXT, message)


def action_text(label: str) -> str:
    """A case action's label (``CaseAction.label``) in the display language."""
    return QCoreApplication.translate(ACTION_CONTEXT, label)
