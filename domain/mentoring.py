"""Technology-cooperation mentoring (기술협력 멘토링): a senior company (선배 기업)
coaches a junior one (후배 기업) with a coordinator (전담 코디네이터); sessions share
know-how and discover convergence R&D tasks (융합 R&D 과제); the project moves through
the staged package 과제선정 > R&D > 사업화 > 투·융자 > 해외진출."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import AggregateCreated

from domain.aggregate import DariAggregate, DariEvent
from domain.errors import IllegalTransition, InvalidValue
from domain.recording import Recording
from domain.reference import ReferenceData
from domain.validation import hours, required_text


class MentoringStage(StrEnum):
    TASK_SELECTION = "task_selection"
    RND = "rnd"
    COMMERCIALISATION = "commercialisation"
    INVESTMENT = "investment"
    OVERSEAS = "overseas"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def rank(self) -> int:
        return list(MentoringStage).index(self)


_STAGE_LABELS = {
    MentoringStage.TASK_SELECTION: "과제선정",
    MentoringStage.RND: "R&D",
    MentoringStage.COMMERCIALISATION: "사업화",
    MentoringStage.INVESTMENT: "투·융자",
    MentoringStage.OVERSEAS: "해외진출",
}


@dataclass(frozen=True)
class MentoringSession:
    held_on: date
    hours: float
    topics: tuple[str, ...]
    know_how: str


def _require_active(engagement: MentoringEngagement) -> None:
    if engagement.concluded:
        raise IllegalTransition("종료된 멘토링에는 기록을 추가할 수 없습니다.")


class MentoringEngagement(DariAggregate):
    """멘토링 참여: 선배 기업 ↔ 후배 기업."""

    TOPIC = "dari.MentoringEngagement"

    class Started(DariEvent, AggregateCreated):
        TOPIC = "dari.MentoringEngagement.Started"
        senior_company_id: UUID
        junior_company_id: UUID
        coordinator: str
        region: str

        def check(self, aggregate: Any, reference: ReferenceData) -> None:
            if self.senior_company_id == self.junior_company_id:
                raise InvalidValue(
                    "선배 기업과 후배 기업은 서로 달라야 합니다.", field="junior_company_id"
                )
            required_text(self.coordinator, "coordinator", "전담 코디네이터", max_length=100)
            reference.region(self.region)

        def apply(self, aggregate: Any) -> None:
            aggregate.senior_company_id = self.senior_company_id
            aggregate.junior_company_id = self.junior_company_id
            aggregate.coordinator = self.coordinator
            aggregate.region = self.region
            aggregate.sessions = []
            aggregate.convergence_tasks = []
            aggregate.exchange_group = None
            aggregate.stage = None
            aggregate.stage_history = []
            aggregate.concluded = False

        def describe(self, reference: ReferenceData) -> str:
            return f"멘토링 시작 (코디네이터 {self.coordinator})"

    class SessionHeld(DariEvent):
        TOPIC = "dari.MentoringEngagement.SessionHeld"
        held_on: date
        hours: float
        topics: list[str]
        know_how: str

        def check(self, aggregate: MentoringEngagement, reference: ReferenceData) -> None:
            _require_active(aggregate)
            if not isinstance(self.held_on, date):
                raise InvalidValue("멘토링 일자를 입력해 주세요.", field="held_on")
            hours(self.hours, "hours", "멘토링 시간")
            if not self.topics:
                raise InvalidValue("멘토링 주제를 하나 이상 입력해 주세요.", field="topics")
            for topic in self.topics:
                required_text(topic, "topics", "멘토링 주제", max_length=200)
            required_text(self.know_how, "know_how", "공유한 노하우", max_length=4000)

        def apply(self, aggregate: MentoringEngagement) -> None:
            aggregate.sessions.append(
                MentoringSession(self.held_on, self.hours, tuple(self.topics), self.know_how)
            )

        def describe(self, reference: ReferenceData) -> str:
            return f"멘토링 세션 {self.held_on.isoformat()} ({self.hours:g}시간): {', '.join(self.topics)}"

    class ConvergenceTaskDiscovered(DariEvent):
        """융합 R&D 과제 발굴."""

        TOPIC = "dari.MentoringEngagement.ConvergenceTaskDiscovered"
        title: str
        description: str

        def check(self, aggregate: MentoringEngagement, reference: ReferenceData) -> None:
            _require_active(aggregate)
            title = required_text(self.title, "title", "과제명", max_length=200)
            known = {t.strip().casefold() for t, _ in aggregate.convergence_tasks}
            if title.casefold() in known:
                raise IllegalTransition("같은 이름의 융합 R&D 과제가 이미 있습니다.", field="title")

        def apply(self, aggregate: MentoringEngagement) -> None:
            aggregate.convergence_tasks.append((self.title, self.description))

        def describe(self, reference: ReferenceData) -> str:
            return f"융합 R&D 과제 발굴: {self.title}"

    class ExchangeGroupJoined(DariEvent):
        """교류회 결성·참여."""

        TOPIC = "dari.MentoringEngagement.ExchangeGroupJoined"
        group: str

        def check(self, aggregate: MentoringEngagement, reference: ReferenceData) -> None:
            _require_active(aggregate)
            required_text(self.group, "group", "교류회", max_length=200)
            if aggregate.exchange_group == self.group:
                raise IllegalTransition("이미 해당 교류회에 참여 중입니다.", field="group")

        def apply(self, aggregate: MentoringEngagement) -> None:
            aggregate.exchange_group = self.group

        def describe(self, reference: ReferenceData) -> str:
            return f"교류회 참여: {self.group}"

    class StageReached(DariEvent):
        """단계 진행. Moving back needs a reason."""

        TOPIC = "dari.MentoringEngagement.StageReached"
        stage: str
        reason: str

        def check(self, aggregate: MentoringEngagement, reference: ReferenceData) -> None:
            _require_active(aggregate)
            try:
                stage = MentoringStage(self.stage)
            except ValueError:
                raise InvalidValue("알 수 없는 멘토링 단계입니다.", field="stage") from None
            current = aggregate.stage
            if current is stage:
                raise IllegalTransition(f"이미 '{stage.label}' 단계입니다.", field="stage")
            if current is not None and stage.rank < current.rank and not self.reason.strip():
                raise IllegalTransition(
                    f"'{current.label}'에서 '{stage.label}'(으)로 되돌아가려면 사유를 입력해 주세요.",
                    field="reason",
                )

        def apply(self, aggregate: MentoringEngagement) -> None:
            aggregate.stage = MentoringStage(self.stage)
            aggregate.stage_history.append((self.stage, self.timestamp))

        def describe(self, reference: ReferenceData) -> str:
            reason = f" (사유: {self.reason})" if self.reason else ""
            return f"단계 진행: {MentoringStage(self.stage).label}{reason}"

    class Concluded(DariEvent):
        TOPIC = "dari.MentoringEngagement.Concluded"
        summary: str

        def check(self, aggregate: MentoringEngagement, reference: ReferenceData) -> None:
            _require_active(aggregate)
            required_text(self.summary, "summary", "종료 요약")

        def apply(self, aggregate: MentoringEngagement) -> None:
            aggregate.concluded = True

        def describe(self, reference: ReferenceData) -> str:
            return f"멘토링 종료: {self.summary}"

    def __init__(self) -> None:
        """The state is set by the creation event's ``apply``, never by arguments."""

    senior_company_id: UUID
    junior_company_id: UUID
    coordinator: str
    region: str
    sessions: list[MentoringSession]
    convergence_tasks: list[tuple[str, str]]
    exchange_group: str | None
    stage: MentoringStage | None
    stage_history: list[tuple[str, Any]]
    concluded: bool

    @classmethod
    def start(
        cls,
        *,
        senior_company_id: UUID,
        junior_company_id: UUID,
        coordinator: str,
        region: str,
        by: Recording,
        engagement_id: UUID | None = None,
    ) -> MentoringEngagement:
        return cls._begin(
            cls.Started,
            by,
            engagement_id or uuid4(),
            senior_company_id=senior_company_id,
            junior_company_id=junior_company_id,
            coordinator=coordinator,
            region=region,
        )

    def hold_session(
        self, *, held_on: date, hours: float, topics: list[str], know_how: str, by: Recording
    ) -> None:
        self._record(
            self.SessionHeld,
            by,
            held_on=held_on,
            hours=hours,
            topics=list(topics),
            know_how=know_how,
        )

    def discover_convergence_task(self, *, title: str, description: str, by: Recording) -> None:
        self._record(
            self.ConvergenceTaskDiscovered, by, title=title.strip(), description=description
        )

    def join_exchange_group(self, group: str, *, by: Recording) -> None:
        self._record(self.ExchangeGroupJoined, by, group=group.strip())

    def reach_stage(self, stage: str, *, reason: str = "", by: Recording) -> None:
        self._record(self.StageReached, by, stage=stage, reason=reason)

    def conclude(self, summary: str, *, by: Recording) -> None:
        self._record(self.Concluded, by, summary=summary)
