"""The ``dari`` command: the desktop client run headless (로그인, 기록, 동기화, 상태 확인).

``dari`` alone will open the desktop window; until then it prints the help. Each
subcommand that is not built yet says so and exits with code 2, so a script that
calls it early fails loudly instead of doing nothing.

No Qt here: the headless commands must run on a machine without a display.
"""

from __future__ import annotations

import typer

NOT_READY_MESSAGE = "이 명령은 아직 준비 중입니다 (다음 단계에서 제공)."
DEMO_NOT_READY_MESSAGE = "데모는 아직 준비 중입니다."
NOT_READY_EXIT_CODE = 2

app = typer.Typer(
    name="dari",
    help=(
        "다리(Dari): 중소기업지원통합센터 상담·멘토링 기록 프로그램.\n\n"
        "명령 없이 실행하면 이 도움말을 보여 줍니다 (곧 데스크톱 화면이 열립니다). "
        "아래 명령은 화면 없이 같은 일을 합니다."
    ),
    add_completion=False,
    invoke_without_command=True,
)

# Commands that exist in the plan but not yet in code, with the help a user will see.
_COMMANDS_NOT_READY = {
    "login": "서버에 로그인하고 이 컴퓨터를 등록합니다.",
    "sync": "보류 중인 기록을 서버로 보내고 새 기록을 받아옵니다 (동기화).",
    "status": "로그인 상태, 보류 중인 기록 수, 마지막 동기화 시각을 보여 줍니다.",
    "record": "JSON 또는 CSV 파일의 애로사항·상담 기록을 입력합니다.",
    "cases": "내 지역의 애로사항(사건) 목록을 보여 줍니다.",
    "conflicts": "서버가 받아들이지 못한 충돌 기록을 보여 줍니다.",
}


@app.callback()
def _without_command(context: typer.Context) -> None:
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())


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


def _not_ready() -> None:
    typer.echo(NOT_READY_MESSAGE, err=True)
    raise typer.Exit(code=NOT_READY_EXIT_CODE)


for _name, _help in _COMMANDS_NOT_READY.items():
    app.command(name=_name, help=_help)(_not_ready)


def main() -> None:
    """Entry point of the ``dari`` script."""
    app(prog_name="dari")
