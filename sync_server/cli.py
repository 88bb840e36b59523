"""The ``dari-server`` command: run and look after the central sync server (중앙 서버 운영).

Each subcommand that is not built yet says so and exits with code 2, so a script or
unit file that calls it early fails loudly instead of doing nothing. A command that
fails says why in Korean and exits with code 1.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import sqlalchemy as sa
import typer
from sqlalchemy import Connection

from domain.access import Role
from domain.demo.people import DEMO_PEOPLE
from domain.errors import DomainError
from domain.reference import default_reference
from sync_protocol.auth import DeviceInfo
from sync_server import migrate as migrations
from sync_server.auth import users
from sync_server.database import create_database_engine
from sync_server.demo import DEMO_PASSWORD, DemoSeeded, seed_demo
from sync_server.garbage import collect_garbage_seldom
from sync_server.settings import Settings

NOT_READY_MESSAGE = "이 명령은 아직 준비 중입니다 (다음 단계에서 제공)."
NOT_READY_EXIT_CODE = 2
FAILURE_EXIT_CODE = 1

app = typer.Typer(
    name="dari-server",
    help=(
        "다리(Dari) 중앙 서버: 전국 12개 지역상담센터의 기록을 모아 하나의 이력으로 "
        "보관하고 전국 통계를 만듭니다."
    ),
    add_completion=False,
    invoke_without_command=True,
)
users_app = typer.Typer(
    help="사용자와 역할(상담원, 출연연 담당자, 통합센터 직원, 관리자)을 관리합니다.",
    no_args_is_help=True,
)
devices_app = typer.Typer(
    help="등록된 컴퓨터를 보고, 분실한 컴퓨터를 차단합니다.",
    no_args_is_help=True,
)
app.add_typer(users_app, name="users")
app.add_typer(devices_app, name="devices")

# Commands that exist in the plan but not yet in code, with the help an operator will see.
_COMMANDS_NOT_READY = {
    "import": "통합 DB(특허, 장비, 연구자, 연구실)와 기준 정보를 가져옵니다.",
}

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help=(
            "사용할 데이터베이스 주소. 빼면 DARI_DATABASE_URL, 그것도 없으면 데이터 폴더의 "
            "SQLite 파일을 씁니다. 예: postgresql://dari@localhost/dari"
        ),
        show_default=False,
    ),
]
PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        help="비밀번호 (10자 이상). 빼면 화면에 보이지 않게 두 번 물어봅니다.",
        show_default=False,
    ),
]


@app.callback()
def _without_command(context: typer.Context) -> None:
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())


def _not_ready() -> None:
    typer.echo(NOT_READY_MESSAGE, err=True)
    raise typer.Exit(code=NOT_READY_EXIT_CODE)


for _name, _help in _COMMANDS_NOT_READY.items():
    app.command(name=_name, help=_help)(_not_ready)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="받을 주소")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="받을 포트")] = 8379,
    database_url: DatabaseUrl = None,
) -> None:
    """동기화 서버를 실행합니다 (HTTP). 먼저 데이터베이스 구조를 최신으로 맞춥니다."""
    import uvicorn

    from sync_server.app import create_app
    from sync_server.settings import with_lasting_secret, with_serving_defaults

    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    migrate(settings.database_url or None)
    settings = with_serving_defaults(with_lasting_secret(settings))
    typer.echo(f"다리 동기화 서버: http://{host}:{port} (중지: Ctrl+C)")
    application = create_app(settings)
    collect_garbage_seldom()
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def demo(
    host: Annotated[str, typer.Option("--host", help="받을 주소")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="받을 포트. 0이면 비어 있는 포트를 고릅니다.")
    ] = 0,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="데모 서버의 데이터 폴더 (SQLite 파일과 서명 키). 기본: 데이터 폴더의 demo",
            show_default=False,
        ),
    ] = None,
    database_url: DatabaseUrl = None,
    serve_after: Annotated[
        bool,
        typer.Option("--serve/--no-serve", help="자료를 만든 뒤 서버를 실행할지 여부"),
    ] = True,
) -> None:
    """데모 서버: 역할마다 데모 계정과 데모 기록(대전·세종 상담센터)을 만들고 실행합니다.
    여러 번 실행해도 계정과 기록은 한 번만 만들어집니다."""
    settings = Settings()
    directory = data_dir or settings.data_dir / "demo"
    directory.mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite:///{(directory / 'dari-demo.sqlite').resolve()}"
    settings = settings.model_copy(update={"data_dir": directory, "database_url": url})
    listener = _listen(host, port) if serve_after else None
    migrate(url)
    seeded = _seed_demo(url)
    typer.echo(
        f"데모 기록 {seeded.events_sent}건을 보냈습니다: 새로 저장 {seeded.events_stored}건, "
        f"이미 서버에 있던 기록 {seeded.events_known}건"
    )
    for line in seeded.refused:
        typer.echo(f"  받아들여지지 않은 기록: {line}", err=True)
    for line in _demo_account_lines(DEMO_PASSWORD):
        typer.echo(line)
    if listener is None:
        return
    _serve_demo(settings, listener)


def _seed_demo(url: str) -> DemoSeeded:
    engine = create_database_engine(url)
    try:
        return seed_demo(engine, default_reference(), now=datetime.now(UTC))
    except DomainError as error:
        _fail(error.message)
    except sa.exc.SQLAlchemyError as error:
        _fail(_database_problem(error))
    finally:
        engine.dispose()


def _demo_account_lines(password: str) -> Iterator[str]:
    reference = default_reference()
    yield f"데모 계정 (비밀번호는 모두 {password}):"
    for person in DEMO_PEOPLE:
        if not person.shown:
            continue
        where = ""
        if person.region:
            where = f", {reference.region(person.region).name}"
        elif person.institute:
            where = f", {reference.institute(person.institute).name}"
        yield f"  {person.username:<16} {person.display_name} ({person.role.label}{where})"
    others = sum(1 for person in DEMO_PEOPLE if not person.shown)
    yield f"  그 밖에 데모 기록을 남긴 계정 {others}개 (`dari-server users list`로 확인)"


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, made before the slow part, so a taken port fails at once."""
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        _fail(f"{host}:{port}에서 받을 수 없습니다 ({error.strerror}). 다른 포트를 지정해 주세요.")
    return listener


def _serve_demo(settings: Settings, listener: socket.socket) -> None:
    import uvicorn

    from sync_server.app import create_app
    from sync_server.settings import with_lasting_secret

    host, port = listener.getsockname()[:2]
    address = f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}"
    typer.echo(f"다리 데모 서버: {address} (중지: Ctrl+C)")
    # A desktop's long poll would hold a graceful stop for up to its whole wait.
    config = uvicorn.Config(
        create_app(with_lasting_secret(settings)),
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=2,
    )
    uvicorn.Server(config).run(sockets=[listener])


@app.command()
def migrate(database_url: DatabaseUrl = None) -> None:
    """데이터베이스 구조를 최신으로 맞춥니다 (Alembic). 처음 설치할 때와 업데이트한 뒤에 실행합니다."""
    url = database_url or _default_database_url(create_data_dir=True)
    try:
        migrations.upgrade(url)
        revision = migrations.current_revision(url)
    except sa.exc.SQLAlchemyError as error:
        _fail(_database_problem(error))
    typer.echo(f"데이터베이스 구조를 최신으로 맞췄습니다 (리비전 {revision}).")


@app.command()
def rebuild(
    projection: Annotated[
        str | None,
        typer.Argument(
            help=(
                "다시 만들 통계 표: case_facts(애로사항), company_facts(기업), "
                "consulting_facts(기술지도·자문), mentoring_facts(멘토링). 빼면 모두."
            ),
            show_default=False,
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """이벤트 이력에서 통계 표를 처음부터 다시 만듭니다. 서버는 그동안 기존 표로 계속 답하고,
    새 표가 완성되면 바로 바꿉니다."""
    from sync_server.projections import PROJECTIONS, RebuildRefused
    from sync_server.projections import rebuild as rebuild_projections

    if projection is not None and projection not in PROJECTIONS:
        _fail(f"알 수 없는 통계 표입니다: {projection} (있는 표: {', '.join(PROJECTIONS)})")
    names = [projection] if projection else list(PROJECTIONS)
    engine = create_database_engine(database_url or _default_database_url())
    try:
        with _rebuild_progress() as progress:
            result = rebuild_projections(engine, default_reference(), progress, projections=names)
    except RebuildRefused as refused:
        _fail(refused.message)
    except sa.exc.SQLAlchemyError as error:
        _fail(_database_problem(error))
    finally:
        engine.dispose()
    typer.echo(
        f"다시 만들었습니다: {', '.join(result.projections)} (세대 {result.generation}) — "
        f"이벤트 {result.events:,}건, {result.seconds:.1f}초, "
        f"초당 {result.events_per_second:,.0f}건"
    )


@contextmanager
def _rebuild_progress() -> Iterator[Callable[[int, int], None]]:
    """A progress bar with the time left (rich, which typer brings), or plain lines."""
    try:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
    except ImportError:  # pragma: no cover - typer depends on rich
        last = [0.0]

        def print_line(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 1 or done == total:
                last[0] = now
                typer.echo(f"통계 재구성: {done:,}/{total:,}건")

        yield print_line
        return
    with Progress(
        TextColumn("통계 재구성"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("경과"),
        TimeElapsedColumn(),
        TextColumn("남은 시간"),
        TimeRemainingColumn(),
    ) as bar:
        task = bar.add_task("rebuild", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 1))

        yield advance


@users_app.command("add")
def add_user(
    username: Annotated[str, typer.Argument(help="로그인할 때 쓰는 사용자 이름 (공백 없이)")],
    name: Annotated[str, typer.Option("--name", help="화면에 보일 이름, 예: 김상담")],
    role: Annotated[
        Role,
        typer.Option(
            "--role",
            help=(
                "역할: counselor(지역상담센터 상담원), liaison(출연연 전담조직), "
                "central(통합센터 직원), admin(관리자)"
            ),
        ),
    ],
    region: Annotated[
        str | None, typer.Option("--region", help="상담원의 지역 코드, 예: daejeon")
    ] = None,
    institute: Annotated[
        str | None, typer.Option("--institute", help="출연연 담당자의 기관 코드, 예: KIST")
    ] = None,
    password: PasswordOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """사용자를 추가합니다. 상담원은 --region, 출연연 담당자는 --institute가 필요합니다."""
    secret = password if password is not None else _ask_password("비밀번호")
    with _database(database_url) as connection:
        user = users.add_user(connection, username, name, role, secret, region, institute)
    typer.echo(f"사용자를 추가했습니다: {user.username} ({user.display_name}, {_describe(user)})")


@users_app.command("list")
def list_users(database_url: DatabaseUrl = None) -> None:
    """사용자 목록을 보여 줍니다 (이름, 역할, 소속, 사용 중 여부)."""
    with _database(database_url) as connection:
        accounts = users.list_users(connection)
    if not accounts:
        typer.echo("등록된 사용자가 없습니다. `dari-server users add`로 추가하세요.")
    for user in accounts:
        status = "사용 중지" if user.disabled else "사용 중"
        typer.echo(f"{user.username}  {user.display_name}  {_describe(user)}  [{status}]")


@users_app.command("disable")
def disable_user(
    username: Annotated[str, typer.Argument(help="사용을 중지할 사용자 이름")],
    database_url: DatabaseUrl = None,
) -> None:
    """사용자의 사용을 중지합니다. 더는 로그인할 수 없고, 지금 된 로그인도 모두 끝납니다."""
    with _database(database_url) as connection:
        users.disable_user(connection, username)
    typer.echo(f"사용을 중지했습니다: {username}. 이 사용자의 로그인이 모두 끝났습니다.")


@users_app.command("enable")
def enable_user(
    username: Annotated[str, typer.Argument(help="다시 사용하게 할 사용자 이름")],
    database_url: DatabaseUrl = None,
) -> None:
    """사용을 중지한 사용자가 다시 로그인할 수 있게 합니다."""
    with _database(database_url) as connection:
        users.enable_user(connection, username)
    typer.echo(f"다시 사용할 수 있게 했습니다: {username}")


@users_app.command("reset-password")
def reset_password(
    username: Annotated[str, typer.Argument(help="비밀번호를 바꿀 사용자 이름")],
    password: PasswordOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """비밀번호를 새로 정합니다. 모든 컴퓨터에서 이 사용자의 로그인이 끝납니다."""
    secret = password if password is not None else _ask_password("새 비밀번호")
    with _database(database_url) as connection:
        users.reset_password(connection, username, secret)
    typer.echo(f"비밀번호를 바꿨습니다: {username}. 새 비밀번호로 다시 로그인해야 합니다.")


@devices_app.command("list")
def list_devices(
    username: Annotated[
        str | None, typer.Option("--user", help="이 사용자의 컴퓨터만 보여 줍니다")
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """등록된 컴퓨터 목록을 보여 줍니다 (기기 ID, 이름, 사용자, 마지막 접속, 차단 여부)."""
    with _database(database_url) as connection:
        known = users.list_devices(connection, username)
    if not known:
        typer.echo("등록된 컴퓨터가 없습니다. 사용자가 처음 로그인할 때 등록됩니다.")
    for device in known:
        typer.echo(_describe_device(device))


@devices_app.command("revoke")
def revoke_device(
    device_id: Annotated[str, typer.Argument(help="차단할 컴퓨터의 기기 ID (devices list에 보임)")],
    database_url: DatabaseUrl = None,
) -> None:
    """분실하거나 도난당한 컴퓨터를 차단합니다. 그 컴퓨터의 로그인이 끝나고 다시 로그인할 수 없습니다."""
    with _database(database_url) as connection:
        users.revoke_device(connection, device_id)
    typer.echo(f"컴퓨터를 차단했습니다: {device_id}")


@contextmanager
def _database(database_url: str | None) -> Iterator[Connection]:
    """One transaction on the chosen database; a domain or database error ends the
    command with its Korean message and exit code 1."""
    engine = create_database_engine(database_url or _default_database_url())
    try:
        with engine.begin() as connection:
            yield connection
    except DomainError as error:
        _fail(error.message)
    except sa.exc.SQLAlchemyError as error:
        _fail(_database_problem(error))
    finally:
        engine.dispose()


def _default_database_url(*, create_data_dir: bool = False) -> str:
    settings = Settings()
    if create_data_dir and not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings.effective_database_url


def _database_problem(error: sa.exc.SQLAlchemyError) -> str:
    detail = " ".join(str(getattr(error, "orig", None) or error).split())
    return (
        f"데이터베이스를 사용할 수 없습니다 ({detail}). 주소를 확인하고, 처음 쓰는 "
        "데이터베이스라면 먼저 `dari-server migrate`를 실행해 주세요."
    )


def _ask_password(label: str) -> str:
    answer: str = typer.prompt(
        label, hide_input=True, confirmation_prompt=f"{label} 확인 (한 번 더 입력)"
    )
    return answer


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code=FAILURE_EXIT_CODE)


def _describe(user: users.User) -> str:
    if user.region:
        return f"{user.role.label}, 지역 {user.region}"
    if user.institute:
        return f"{user.role.label}, 출연연 {user.institute}"
    return user.role.label


def _describe_device(device: DeviceInfo) -> str:
    status = "차단됨" if device.revoked else "사용 중"
    last_seen = _local_time(device.last_seen_at) if device.last_seen_at else "-"
    return (
        f"{device.device_id}  {device.name}  사용자 {device.username}  "
        f"등록 {_local_time(device.registered_at)}  마지막 접속 {last_seen}  [{status}]"
    )


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def main() -> None:
    """Entry point of the ``dari-server`` script."""
    app(prog_name="dari-server")
