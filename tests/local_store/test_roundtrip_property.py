"""Property: any sequence of commands, the valid ones stored, reloads to an equal state.

Commands are drawn with arguments that are sometimes valid and sometimes not; a refused
command must leave the aggregate untouched, and what was accepted and stored must
reconstitute exactly, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.local.store import open_store
from domain.business_calendar import KST
from domain.business_number import with_check_digit
from domain.case import Case
from domain.company import Company
from domain.errors import DomainError
from domain.mentoring import MentoringEngagement
from domain.recording import Recording

START = datetime(2024, 3, 4, 9, 0, tzinfo=KST)
INSTITUTES = st.sampled_from(["KIST", "KIMM", "ETRI", "KITECH", "NOPE"])
TEXT = st.sampled_from(["", "  ", "기업 담당자와 통화", "시제품 시험 필요", "x" * 5000])
Command = Callable[[Case, Recording], None]


def case_commands() -> st.SearchStrategy[Command]:
    def call(name: str, **kwargs: Any) -> Command:
        return lambda case, by: getattr(case, name)(**kwargs, by=by)

    return st.one_of(
        st.builds(
            lambda s, f, u: call("classify", service=s, technology_field=f, urgency=u),
            st.sampled_from(["difficulty_resolution", "db_disclosure", "consulting"]),
            TEXT,
            st.sampled_from(["urgent", "normal", "someday"]),
        ),
        st.builds(lambda i: call("assign_institute", institute=i), INSTITUTES),
        st.builds(lambda i: call("accept_assignment", institute=i), INSTITUTES),
        st.builds(lambda i, r: call("decline_assignment", institute=i, reason=r), INSTITUTES, TEXT),
        st.builds(
            lambda m, s: call("make_first_contact", method=m, summary=s),
            st.sampled_from(["phone", "visit", "fax"]),
            TEXT,
        ),
        st.builds(lambda t: call("add_note", text=t), TEXT),
        st.builds(
            lambda k, p, b, m: call(
                "plan_resolution",
                kind=k,
                program=p,
                budget_krw=b,
                duration_months=m,
                summary="방안",
            ),
            st.sampled_from(["rnd", "technology_transfer", "equipment_support"]),
            st.sampled_from(
                [None, "demand_responsive", "institute_main", "government_commissioned"]
            ),
            st.sampled_from([None, 20_000_000, 50_000_000, 150_000_000]),
            st.sampled_from([None, 2, 6, 18]),
        ),
        st.builds(
            lambda d: call("sign_agreement", signed_on=d),
            st.dates(date(2024, 1, 1), date(2025, 1, 1)),
        ),
        st.builds(
            lambda o, s: call("resolve", outcome=o, summary=s),
            st.sampled_from(["resolved", "partially_resolved", "gave_up"]),
            TEXT,
        ),
        st.builds(
            lambda n, c: call("survey_follow_up", satisfaction=n, comment=c),
            st.integers(-1, 7),
            st.sampled_from(["", "만족합니다"]),
        ),
        st.just(call("close")),
        st.builds(lambda r: call("reopen", reason=r), TEXT),
        st.builds(lambda r: call("withdraw", reason=r), TEXT),
        st.builds(lambda r: call("start_waiting_on_sme", reason=r), TEXT),
        st.just(call("end_waiting_on_sme")),
    )


def happy_path() -> list[Command]:
    def call(name: str, **kwargs: Any) -> Command:
        return lambda case, by: getattr(case, name)(**kwargs, by=by)

    return [
        call(
            "classify",
            service="difficulty_resolution",
            technology_field="표면처리",
            urgency="urgent",
        ),
        call("assign_institute", institute="KIMM"),
        call("accept_assignment", institute="KIMM"),
        call("make_first_contact", method="phone", summary="현장 방문 일정 협의"),
        call(
            "plan_resolution",
            kind="rnd",
            program="demand_responsive",
            budget_krw=25_000_000,
            duration_months=3,
            summary="단기 공동 R&D",
        ),
        call("sign_agreement", signed_on=date(2024, 3, 15)),
        call("resolve", outcome="resolved", summary="도금 조건 개선"),
        call("survey_follow_up", satisfaction=5, comment="만족"),
        call("close"),
    ]


@st.composite
def case_histories(draw: st.DrawFn) -> list[Command]:
    """A prefix of the happy path, so deep states are reached, then random commands."""
    prefix = happy_path()[: draw(st.integers(0, len(happy_path())))]
    return prefix + draw(st.lists(case_commands(), max_size=20))


def apply_all(aggregate: Any, commands: list[Callable[[Any, Recording], None]]) -> int:
    """Apply each command an hour apart; return how many were accepted."""
    accepted = 0
    for n, command in enumerate(commands, start=1):
        by = Recording("counselor-kim", "laptop-1", START + timedelta(hours=n))
        version, pending = aggregate.version, len(aggregate.pending_events)
        try:
            command(aggregate, by)
        except DomainError:
            assert (aggregate.version, len(aggregate.pending_events)) == (version, pending)
        else:
            accepted += 1
    return accepted


def a_company(by: Recording, number: str) -> Company:
    return Company.register(
        business_number=with_check_digit(number),
        name="한빛정밀",
        region="daejeon",
        industry="정밀가공",
        size="small",
        has_research_lab=True,
        by=by,
    )


ROUNDTRIP = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@ROUNDTRIP
@given(commands=case_histories(), save_every=st.integers(1, 5))
def test_any_sequence_of_case_commands_reloads_to_an_equal_case(
    store_settings: dict[str, str], commands: list[Command], save_every: int
) -> None:
    app = open_store(store_settings)
    try:
        by = Recording("counselor-kim", "laptop-1", START)
        company = a_company(by, "123456789")
        case = Case.receive(
            company_id=company.id,
            region="daejeon",
            channel="hotline_1379",
            service="difficulty_resolution",
            description="도금 불량",
            by=by,
        )
        app.record(case)
        for start in range(0, len(commands), save_every):
            apply_all(case, list(commands[start : start + save_every]))
            app.record(case)
        event(f"reached {case.status.value}")

        assert app.case(case.id) == case
    finally:
        app.close()


MentoringCommand = Callable[[MentoringEngagement, Recording], None]


def mentoring_commands() -> st.SearchStrategy[MentoringCommand]:
    def call(name: str, **kwargs: Any) -> MentoringCommand:
        return lambda engagement, by: getattr(engagement, name)(**kwargs, by=by)

    return st.one_of(
        st.builds(
            lambda h, t: call(
                "hold_session", held_on=date(2024, 5, 1), hours=h, topics=t, know_how="노하우"
            ),
            st.sampled_from([0, 1.5, 3, 30]),
            st.sampled_from([[], ["품질"], ["품질", "수출"]]),
        ),
        st.builds(
            lambda t: call("discover_convergence_task", title=t, description="설명"),
            st.sampled_from(["센서 융합", "소재 경량화", ""]),
        ),
        st.builds(
            lambda g: call("join_exchange_group", group=g), st.sampled_from(["대전 교류회", ""])
        ),
        st.builds(
            lambda s, r: call("reach_stage", stage=s, reason=r),
            st.sampled_from(
                ["task_selection", "rnd", "commercialisation", "investment", "overseas", "moon"]
            ),
            st.sampled_from(["", "사업화 자금 미확보"]),
        ),
        st.builds(lambda s: call("conclude", summary=s), st.sampled_from(["", "성과 공유"])),
    )


@ROUNDTRIP
@given(commands=st.lists(mentoring_commands(), max_size=20))
def test_any_sequence_of_mentoring_commands_reloads_to_an_equal_engagement(
    store_settings: dict[str, str], commands: list[MentoringCommand]
) -> None:
    app = open_store(store_settings)
    try:
        by = Recording("coordinator-park", "laptop-2", START)
        engagement = MentoringEngagement.start(
            senior_company_id=a_company(by, "123456789").id,
            junior_company_id=a_company(by, "223456789").id,
            coordinator="코디네이터 박",
            region="daejeon",
            by=by,
        )
        apply_all(engagement, list(commands))
        app.record(engagement)

        assert app.mentoring(engagement.id) == engagement
    finally:
        app.close()
