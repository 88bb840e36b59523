"""``make demo``: the demo server (``dari-server demo``) in the background, then the
desktop program signed in as the demo counselor (김상담, 대전·세종) on a fresh profile.
Closing the window stops the server.

Without a display (no ``DISPLAY`` or ``WAYLAND_DISPLAY``, e.g. in CI) it says so and
prints the text scenario (``dari demo``) instead."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo_server import DemoServer  # noqa: E402

from desktop.cli import DEMO_PASSWORD_VARIABLE  # noqa: E402
from domain.demo.people import COUNSELOR  # noqa: E402
from sync_server.demo import DEMO_PASSWORD  # noqa: E402


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def text_demo() -> int:
    from desktop.demo import run_demo

    print(
        "화면(DISPLAY 또는 WAYLAND_DISPLAY)이 없어 데스크톱 프로그램을 열 수 없습니다. "
        "대신 데모 시나리오를 글로 보여 드립니다.\n"
    )
    run_demo()
    return 0


def window_demo() -> int:
    print("데모 서버를 준비하는 중입니다 (계정과 데모 기록을 만듭니다)…", flush=True)
    with DemoServer() as server, tempfile.TemporaryDirectory(prefix="dari-demo-") as profile:
        print(
            f"데스크톱 프로그램을 {COUNSELOR.display_name}({COUNSELOR.username})으로 엽니다. "
            "창을 닫으면 데모 서버도 멈춥니다.",
            flush=True,
        )
        command = [sys.executable, "-c", "from desktop.cli import main; main()"]
        command += ["--profile", profile, "--server", server.url, "--user", COUNSELOR.username]
        environment = os.environ | {DEMO_PASSWORD_VARIABLE: DEMO_PASSWORD}
        try:
            return subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode
        except KeyboardInterrupt:
            return 130


def main() -> int:
    return window_demo() if has_display() else text_demo()


if __name__ == "__main__":
    sys.exit(main())
