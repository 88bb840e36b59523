"""The ``dari-server`` command: run and look after the central sync server (중앙 서버 운영).

Each subcommand that is not built yet says so and exits with code 2, so a script or
unit file that calls it early fails loudly instead of doing nothing.
"""

from __future__ import annotations

import typer

NOT_READY_MESSAGE = "이 명령은 아직 준비 중입니다 (다음 단계에서 제공)."
NOT_READY_EXIT_CODE = 2

app = typer.Typer(
    name="dari-server",
    help=(
        "다리(Dari) 중앙 서버: 전국 12개 지역상담센터의 기록을 모아 하나의 이력으로 "
        "보관하고 전국 통계를 만듭니다."
    ),
    add_completion=False,
    invoke_without_command=True,
)

# Commands that exist in the plan but not yet in code, with the help an operator will see.
_COMMANDS_NOT_READY = {
    "serve": "동기화 서버를 실행합니다 (HTTP).",
    "migrate": "데이터베이스 구조를 최신으로 맞춥니다 (Alembic).",
    "users": "사용자와 역할(상담원, 출연연 담당자, 통합센터 직원, 관리자)을 관리합니다.",
    "devices": "등록된 컴퓨터를 보고, 분실한 컴퓨터를 차단합니다.",
    "rebuild": "이벤트 이력에서 통계와 조회용 표를 다시 만듭니다.",
    "import": "통합 DB(특허, 장비, 연구자, 연구실)와 기준 정보를 가져옵니다.",
    "demo": "시험용 가상 자료를 만듭니다 (실제 운영 규모).",
}


@app.callback()
def _without_command(context: typer.Context) -> None:
    if context.invoked_subcommand is None:
        typer.echo(context.get_help())


def _not_ready() -> None:
    typer.echo(NOT_READY_MESSAGE, err=True)
    raise typer.Exit(code=NOT_READY_EXIT_CODE)


for _name, _help in _COMMANDS_NOT_READY.items():
    app.command(name=_name, help=_help)(_not_ready)


def main() -> None:
    """Entry point of the ``dari-server`` script."""
    app(prog_name="dari-server")
