"""``make demo`` (``scripts/demo.py``) on a machine without a display: it says so in
Korean and prints the text scenario instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_without_a_display_make_demo_explains_and_shows_the_text_scenario() -> None:
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY")
    }

    finished = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr
    assert "화면(DISPLAY 또는 WAYLAND_DISPLAY)이 없어" in finished.stdout
    assert "■ 도금 박리 불량 — 한빛정밀(주) [협약 체결]" in finished.stdout
