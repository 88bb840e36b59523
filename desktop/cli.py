"""The ``dari`` command: the desktop client run headless (로그인, 기록, 동기화, 상태 확인).

``dari`` alone opens the desktop window (``desktop.app``, imported only then). The
subcommands work on a profile directory (``--profile DIR``, default ``~/.dari``): one
user on one server, with the encrypted local store (see ``desktop.sync.profile``).

Exit codes, for scripts: 0 done; 1 failed (the Korean message says why, nothing was
half-stored); 3 the server cannot be reached (local records are kept); 4 Dari must be
updated (local records are kept); 5 the login has expired (run ``dari login``).

No Qt here: the headless commands must run on a machine without a display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Annotated, NoReturn
from uuid import UUID

import typer

from desktop.local.credentials import CredentialsError, WrongPassword
from desktop.local.figures import region_figures
from desktop.local.outbox import OutboxEntry
from desktop.local.record_file import RecordFileError, record_file
from desktop.local.store import StoreKeyError
from desktop.local.workspace import Workspace
from desktop.sync.client import SyncClient
from desktop.sync.engine import LAST_SYNCED_KEY, SyncEngine, SyncReport
from desktop.sync.errors import (
    AuthenticationExpired,
    ProtocolTooOld,
    ServerUnavailable,
    SyncError,
)
from desktop.sync.profile import Profile, ProfileError, signed_in_user
from domain.business_calendar import KST
from domain.case import Case
from domain.company import Company
from domain.errors import DomainError
from domain.projections import Period
from domain.projections.figures import KPI_LABELS, MENTORING_STAGE_LABELS
from domain.reference import default_reference

DEMO_NOT_READY_MESSAGE = "데모는 아직 준비 중입니다."
NOT_READY_EXIT_CODE = 2
EXIT_FAILED = 1
EXIT_OFFLINE = 3
EXIT_UPDATE_REQUIRED = 4
EXIT_LOGIN_REQUIRED = 5
PASSWORD_VARIABLE = "DARI_PASSWORD"
"""The password for scripts; at a terminal the commands ask for it."""
EARLIER_PASSWORD_VARIABLE = "DARI_EARLIER_PASSWORD"
"""For a script's ``dari login`` after a password reset: the password the store was
sealed under, so that it is sealed again under the new one."""
SEALED_UNDER_ANOTHER_PASSWORD = (
    "서버 로그인은 되었지만, 이 컴퓨터의 기록은 예전 비밀번호로 잠겨 있습니다. "
    "예전 비밀번호를 --earlier-password (스크립트는 DARI_EARLIER_PASSWORD)로 알려 주시면 "
    "새 비밀번호로 다시 잠급니다."
)
EARLIER_PASSWORD_WRONG = "예전 비밀번호가 맞지 않습니다. 이 컴퓨터의 기록은 그대로 잠겨 있습니다."

app = typer.Typer(
    name="dari",
    help=(
        "다리(Dari): 중소기업지원통합센터 상담·멘토링 기록 프로그램.\n\n"
        "명령 없이 실행하면 데스크톱 화면이 열립니다. "
        "아래 명령은 화면 없이 같은 일을 합니다."
    ),
    add_completion=False,
    invoke_without_command=True,
)

ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        envvar="DARI_PROFILE",
        help="프로필 폴더: 사용자·서버·로컬 저장소가 들어 있습니다 (기본: ~/.dari).",
    ),
]


DEMO_PASSWORD_VARIABLE = "DARI_DEMO_PASSWORD"
"""Where ``make demo`` puts the demo password for ``dari --server URL --user NAME``."""


@app.callback()
def _without_command(
    context: typer.Context,
    profile: ProfileOption = None,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="화면을 열 때 로그인할 서버 주소 (데모용, --user와 함께).",
            show_default=False,
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help=(
                "화면을 열 때 이 사용자로 바로 로그인합니다 (데모용). 비밀번호는 환경 변수 "
                f"{DEMO_PASSWORD_VARIABLE}에서 읽고, 없으면 로그인 화면에서 묻습니다."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    context.obj = Profile(profile or Profile.default_directory())
    if context.invoked_subcommand is None:
        sign_in_as = None
        if user:
            password = os.environ.get(DEMO_PASSWORD_VARIABLE) or None
            sign_in_as = (server or "", user, password)
        raise typer.Exit(code=open_window(context.obj.directory, sign_in_as))


def open_window(
    profile_directory: Path, sign_in_as: tuple[str, str, str | None] | None = None
) -> int:
    """The desktop program (Qt is imported here, never for a subcommand); with
    ``(server, user, password)`` it signs in without typing."""
    from desktop.app import AutoSignIn
    from desktop.app import main as run_desktop

    answers = AutoSignIn(*sign_in_as) if sign_in_as else None
    return run_desktop(["dari"], profile_dir=profile_directory, sign_in_as=answers)


def connect(profile: Profile, server_url: str | None = None) -> SyncClient:
    """The client for the profile's server (tests replace this with a fake server)."""
    return profile.client(server_url)


@app.command()
def demo() -> None:
    """예시 시나리오를 한국어로 보여 줍니다 (상담원이 애로사항을 접수하고 처리하는 과정)."""
    try:
        from desktop.demo import run_demo
    except ModuleNotFoundError as error:
        # Only the demo module itself may be missing; a broken import inside it is a bug.
        if error.name != "desktop.demo":
            raise
        typer.echo(DEMO_NOT_READY_MESSAGE, err=True)
        raise typer.Exit(code=NOT_READY_EXIT_CODE) from None
    run_demo()


@app.command()
def login(
    context: typer.Context,
    server: Annotated[
        str, typer.Option("--server", prompt="서버 주소", help="동기화 서버 주소 (https://…)")
    ],
    username: Annotated[str, typer.Option("--username", "-u", prompt="사용자 이름")],
    password: Annotated[
        str,
        typer.Option(
            "--password",
            prompt="비밀번호",
            hide_input=True,
            envvar=PASSWORD_VARIABLE,
            help="생략하면 묻습니다 (스크립트는 환경 변수 DARI_PASSWORD).",
        ),
    ],
    earlier_password: Annotated[
        str | None,
        typer.Option(
            "--earlier-password",
            hide_input=True,
            envvar=EARLIER_PASSWORD_VARIABLE,
            help=(
                "관리자가 비밀번호를 바꾼 뒤: 이 컴퓨터의 기록을 잠근 예전 비밀번호. "
                "기록을 새 비밀번호로 다시 잠급니다 (터미널에서는 필요할 때 묻습니다)."
            ),
        ),
    ] = None,
) -> None:
    """서버에 로그인하고 이 컴퓨터를 등록합니다."""
    profile = _profile(context)
    server = server.rstrip("/")
    with _korean_errors():
        settings = profile.settings()
        someone_else = settings.username not in (None, username) or settings.server_url not in (
            None,
            server,
        )
        if someone_else and profile.has_local_data():
            raise ProfileError(
                "이 프로필에는 다른 사용자 또는 다른 서버의 기록이 있습니다. "
                "--profile 로 다른 폴더를 지정해 주세요."
            )
        with connect(profile, server) as client:
            client.handshake()
            client.login(
                username,
                password,
                device_id=settings.device_id,
                device_name=settings.device_name,
            )
            user = signed_in_user(client, username)
        try:  # before the settings change: a profile sealed for someone else stays theirs
            store_key = profile.seal_store_key(user, password)
        except WrongPassword:
            store_key = _sealed_again(profile, username, password, earlier_password)
        profile.save_settings(replace(settings, server_url=server, username=username))
        with profile.open_workspace(store_key):
            pass  # made now, so that a wrong key is found at login, not at the first record
    typer.echo(f"로그인했습니다: {username} @ {server} (기기 {settings.device_id})")


@app.command()
def record(
    context: typer.Context,
    file: Annotated[Path, typer.Argument(help="기록할 명령이 든 JSON 파일", show_default=False)],
) -> None:
    """JSON 파일의 애로사항·멘토링 기록을 이 컴퓨터에 저장합니다 (다음 동기화 때 전송).

    파일 형식: 명령 객체 하나 또는 그 목록. 예: {"command": "add_note", "case_id": "…",
    "text": "…"}. 명령: register_company, receive_case, classify, assign_institute,
    accept_assignment, decline_assignment, first_contact, add_note, plan_resolution,
    sign_agreement, resolve, survey, close, start_mentoring, mentoring_session.
    하나라도 잘못되면 아무것도 저장하지 않습니다.
    """
    profile = _profile(context)
    with _korean_errors():
        settings = profile.signed_in()
        assert settings.username is not None
        with _unlocked_workspace(profile) as workspace:
            recorded = record_file(
                workspace, file, user=settings.username, device=settings.device_id
            )
            pending = workspace.pending_count()
    typer.echo(f"기록 {len(recorded.event_ids)}건을 저장했습니다 (동기화 대기 {pending}건).")
    for label, created_id in recorded.created:
        typer.echo(f"  새 {label}: {created_id}")


@app.command()
def sync(context: typer.Context) -> None:
    """보류 중인 기록을 서버로 보내고 새 기록을 받아옵니다 (동기화)."""
    profile = _profile(context)
    with _korean_errors():
        profile.signed_in()
        with _unlocked_workspace(profile) as workspace, connect(profile) as client:
            report = SyncEngine(workspace, client).sync_once()
            pending = workspace.pending_count()
    for line in _report_lines(report, pending):
        typer.echo(line)


@app.command()
def status(context: typer.Context) -> None:
    """로그인 상태, 보류 중인 기록 수, 마지막 동기화 시각을 보여 줍니다."""
    profile = _profile(context)
    with _korean_errors():
        settings = profile.signed_in()
        with _unlocked_workspace(profile) as workspace:
            pending = workspace.pending_count()
            refused = len(workspace.refused())
            cursor = workspace.cursor
            synced = workspace.outbox.get_state(LAST_SYNCED_KEY)
        logged_in = profile.tokens().load() is not None
    typer.echo(f"서버: {settings.server_url}")
    typer.echo(f"사용자: {settings.username} (기기 {settings.device_id})")
    typer.echo(f"로그인: {'됨' if logged_in else '필요 (dari login)'}")
    typer.echo(f"보류 중인 기록: {pending}건")
    typer.echo(f"충돌·거부된 기록: {refused}건")
    when = _local_time(datetime.fromisoformat(synced)) if synced else "아직 동기화하지 않았습니다"
    typer.echo(f"마지막 동기화: {when}")
    typer.echo(f"받은 위치: {cursor}")


@app.command()
def cases(context: typer.Context) -> None:
    """이 컴퓨터에 있는 애로사항 목록: 상태, 기업, 서비스, 보류·충돌 예상 표시."""
    profile = _profile(context)
    with _korean_errors():
        profile.signed_in()
        with _unlocked_workspace(profile) as workspace:
            lines = list(_case_lines(workspace))
    if not lines:
        typer.echo("이 컴퓨터에 있는 애로사항이 없습니다.")
    for line in lines:
        typer.echo(line)


@app.command()
def conflicts(context: typer.Context) -> None:
    """서버가 받아들이지 못한 기록(충돌·거부)과 서버의 열린 충돌을 보여 줍니다."""
    profile = _profile(context)
    with _korean_errors():
        profile.signed_in()
        with _unlocked_workspace(profile) as workspace:
            refused = workspace.refused()
            local_lines = [_refused_line(workspace, entry) for entry in refused]
        server_lines, note = _server_conflict_lines(profile)
    for line in local_lines or ["이 컴퓨터의 충돌·거부된 기록: 없음"]:
        typer.echo(line)
    for line in server_lines:
        typer.echo(line)
    if note:
        typer.echo(note)


@app.command()
def figures(
    context: typer.Context,
    region: Annotated[str, typer.Option("--region", help="지역 코드, 예: daejeon")],
    start: Annotated[str, typer.Option("--from", help="시작 월, 예: 2024-01")],
    end: Annotated[str, typer.Option("--to", help="끝 월(포함), 예: 2024-12")],
) -> None:
    """담당 지역의 실적(전국 통계와 같은 계산)을 이 컴퓨터의 기록만으로 보여 줍니다 (오프라인)."""
    profile = _profile(context)
    with _korean_errors():
        period = Period.parse(start, end)
        default_reference().region(region)  # an unknown code is refused before unlocking
        with _unlocked_workspace(profile) as workspace:
            report = region_figures(workspace, region, period)
    typer.echo(f"{region} {start} ~ {end} (이 컴퓨터의 기록 기준)")
    for name, label in KPI_LABELS.items():
        value = getattr(report.overall, name)
        if name == "mentoring_funnel":
            stages = ", ".join(f"{MENTORING_STAGE_LABELS[k]} {v}" for k, v in value.items())
            typer.echo(f"  {label}: {stages or '없음'}")
        else:
            typer.echo(f"  {label}: {_number(value)}")


def _number(value: float | int | None) -> str:
    if value is None:
        return "해당 없음"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def main() -> None:
    """Entry point of the ``dari`` script."""
    app(prog_name="dari")


# Helpers ----------------------------------------------------------------------


def _profile(context: typer.Context) -> Profile:
    profile = context.find_root().obj
    if not isinstance(profile, Profile):
        profile = Profile(Profile.default_directory())
    return profile


def _sealed_again(
    profile: Profile, username: str, password: str, earlier_password: str | None
) -> str:
    """The server took a new password, the store is sealed under an earlier one: with
    that earlier password, seal it under the new one (asked for at a terminal)."""
    if earlier_password is None and _at_a_terminal():
        typer.echo("이 컴퓨터의 기록은 예전 비밀번호로 잠겨 있습니다.")
        earlier_password = typer.prompt("예전 비밀번호", hide_input=True)
    if not earlier_password:
        raise ProfileError(SEALED_UNDER_ANOTHER_PASSWORD)
    try:
        store_key = profile.credentials().change_password(username, earlier_password, password)
    except WrongPassword:
        raise ProfileError(EARLIER_PASSWORD_WRONG) from None
    typer.echo("이 컴퓨터의 기록을 새 비밀번호로 다시 잠갔습니다.")
    return store_key


def _unlocked_workspace(profile: Profile) -> Workspace:
    """The signed-in profile's store, unlocked with the password from ``DARI_PASSWORD``
    or, at a terminal, asked for."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None and profile.credentials_path.exists() and _at_a_terminal():
        password = typer.prompt("비밀번호", hide_input=True)
    return profile.open_workspace(profile.unlock_store_key(password))


def _at_a_terminal() -> bool:
    return sys.stdin.isatty()


@contextmanager
def _korean_errors() -> Iterator[None]:
    """Known failures become a Korean message on stderr and an exit code."""
    try:
        yield
    except ServerUnavailable as error:
        _fail(error.message, EXIT_OFFLINE)
    except ProtocolTooOld as error:
        _fail(error.message, EXIT_UPDATE_REQUIRED)
    except AuthenticationExpired as error:
        _fail(error.message, EXIT_LOGIN_REQUIRED)
    except (SyncError, RecordFileError, ProfileError, StoreKeyError, CredentialsError) as error:
        _fail(error.message, EXIT_FAILED)
    except DomainError as error:
        _fail(error.message, EXIT_FAILED)


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code=code)


def _report_lines(report: SyncReport, pending: int) -> list[str]:
    lines = [
        f"보냄 {report.pushed}건 (수락 {report.accepted}, 재배치 {report.rebased}, "
        f"충돌 {report.conflicts}, 거부 {report.rejected})",
        f"받음 {report.pulled}건 (새 기록 {report.stored}건), 위치 {report.cursor}",
        f"동기화 대기 {pending}건, 서버의 열린 충돌 {report.open_conflicts}건",
    ]
    if report.conflicts or report.rejected:
        lines.append("충돌·거부된 기록은 'dari conflicts'로 확인해 주세요.")
    return lines


def _case_lines(workspace: Workspace) -> Iterator[str]:
    companies: dict[UUID, str] = {}
    for case_id in workspace.case_ids():
        view = workspace.view(case_id)
        case = view.aggregate
        marks = []
        if view.pending:
            marks.append(f"[보류 {len(view.pending)}건]")
        if view.will_conflict:
            marks.append(f"[충돌 예상 {len(view.will_conflict)}건]")
        if not isinstance(case, Case):
            yield f"{case_id}  (적용할 수 없는 기록)  {' '.join(marks)}".rstrip()
            continue
        if case.company_id not in companies:
            company = workspace.view(case.company_id).aggregate
            companies[case.company_id] = company.name if isinstance(company, Company) else "-"
        service = workspace.reference.service(case.service).name
        yield (
            f"{case_id}  {case.status.label}  {companies[case.company_id]}  {service}  "
            f"{' '.join(marks)}"
        ).rstrip()


def _refused_line(workspace: Workspace, entry: OutboxEntry) -> str:
    try:
        what = entry.event().describe(workspace.reference)
    except Exception:  # an unreadable local event is still shown, by its topic
        what = entry.topic
    conflict = f" (충돌 번호 {entry.conflict_id})" if entry.conflict_id else ""
    return (
        f"[{entry.status.label}] {entry.aggregate_id} — {what}\n"
        f"    사유: {entry.reason or '-'}{conflict}"
    )


def _server_conflict_lines(profile: Profile) -> tuple[list[str], str | None]:
    try:
        with connect(profile) as client:
            views = client.conflicts()
    except ServerUnavailable:
        return [], "서버에 연결할 수 없어 이 컴퓨터의 기록만 보여 줍니다."
    except SyncError as error:
        return [], f"서버의 충돌 목록을 가져오지 못했습니다: {error.message}"
    lines = [
        f"[서버 충돌 {v.conflict_id}] {v.aggregate_id} ({v.status.value}) — {v.reason}"
        for v in views
    ]
    return lines or ["서버의 충돌: 없음"], None


def _local_time(moment: datetime) -> str:
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M (KST)")
