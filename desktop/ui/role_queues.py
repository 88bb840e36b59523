"""Which role queues (역할별 업무 목록) a signed-in user gets, in the order of the
header's buttons: a liaison 받은 요청; central staff 지정 대기 and 만족도 조사."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from desktop.local.read_model import CaseListQuery
from desktop.ui.assignment_queue import AssignmentQueuePage
from desktop.ui.inbox import InboxPage
from desktop.ui.queue_page import QueuePage
from desktop.ui.session import Session
from desktop.ui.survey_entry import SurveyEntryPage
from domain.access import Role


@dataclass(frozen=True)
class RoleQueue:
    label: str
    """The header button's text."""
    page: QueuePage
    name: str
    """The header button's object name (``navInbox``): screenshots and tests find it by it."""


def role_queues(
    session: Session,
    query: CaseListQuery,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[RoleQueue]:
    role = session.user.role
    if role == Role.LIAISON:
        return [
            RoleQueue(
                QCoreApplication.translate("RoleQueues", "받은 요청"),
                InboxPage(session, query, clock=clock),
                "navInbox",
            )
        ]
    if role == Role.CENTRAL:
        return [
            RoleQueue(
                QCoreApplication.translate("RoleQueues", "지정 대기"),
                AssignmentQueuePage(session, query, clock=clock),
                "navAssignment",
            ),
            RoleQueue(
                QCoreApplication.translate("RoleQueues", "만족도 조사"),
                SurveyEntryPage(session, query, clock=clock),
                "navSurvey",
            ),
        ]
    return []
