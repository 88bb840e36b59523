"""Screenshots of the desktop program for the README (``make screenshots``).

Runs the real program (``desktop.app``'s application, sign-in dialog and main window)
against a demo profile made offline through the domain: a counselor of 대전·세종 who
signed in before, with five weeks of cases. No server is needed: the program says it
is offline, which is what a counselor on a train sees. Saves PNGs of the sign-in
dialog, the case list, the intake form and its validation messages, and the lock
screen to ``docs/screenshots/``.

Under Xvfb (as ``make screenshots`` does)::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' \\
        .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.app import create_application  # noqa: E402
from desktop.local.credentials import LocalCredentials, SignedInUser  # noqa: E402
from desktop.local.demo_workspace import fill_demo_workspace  # noqa: E402
from desktop.local.workspace import Workspace  # noqa: E402
from desktop.sync.profile import Profile  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.session import CREDENTIALS_FILE, Session, SignIn  # noqa: E402
from desktop.ui.sign_in import SignInDialog  # noqa: E402

USERNAME = "counselor.kim"
PASSWORD = "demo-비밀번호-1379"
SERVER = "http://127.0.0.1:8379"
"""The embedded server's address; nothing answers there, so the window is offline."""
WINDOW_SIZE = (1440, 900)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let Qt lay out, paint and deliver queued signals for a moment."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.01)


def wait_until(app: QApplication, condition: Callable[[], bool], seconds: float = 15.0) -> None:
    until = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > until:
            raise TimeoutError("the program did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def demo_profile(directory: Path, now: datetime) -> Profile:
    profile = Profile(directory)
    settings = profile.settings()
    profile.save_settings(replace(settings, server_url=SERVER, username=USERNAME))
    credentials = LocalCredentials(directory / CREDENTIALS_FILE)
    user = SignedInUser(USERNAME, "김상담", "counselor", "daejeon")
    key = credentials.create(user, PASSWORD)
    with Workspace.open(profile.store_path, cipher_key=key) as workspace:
        fill_demo_workspace(workspace, now=now)
    return profile


def sign_in(app: QApplication, profile: Profile, out: Path) -> Session:
    dialog = SignInDialog(SignIn(profile))
    dialog.show()
    dialog.password.setText(PASSWORD)
    settle(app)
    save(dialog, out / "sign-in.png")
    dialog.submit()
    wait_until(app, lambda: dialog.session is not None)
    assert dialog.session is not None
    return dialog.session


def fill_intake(window: MainWindow) -> None:
    form = window.intake
    window.show_intake()
    form.company_search.setFocus()
    form.company_search.insert("새봄")
    found = window.directory.find("새봄")
    form.hide_suggestions()
    form.choose_company(found[0])
    form.channel.setCurrentIndex(form.channel.findData("hotline_1379"))
    form.service.setCurrentIndex(form.service.findData("personnel_exchange"))
    form.description.setPlainText(
        "고온 환경에서 압력 센서의 출력이 시간에 따라 드리프트됩니다. "
        "신호처리 알고리즘으로 보정할 수 있는지 출연연 연구인력의 파견 지원을 희망합니다."
    )
    form.desired_institute.setCurrentIndex(form.desired_institute.findData("ETRI"))
    form.research_field.setText("센서 신호처리")
    form.period.setCurrentIndex(form.period.findData("mid"))
    form.research_field.setFocus()


def show_mistakes(window: MainWindow) -> None:
    form = window.intake
    form.reset()
    form.business_number.setText("214-86-18759")
    form.company_name.setText("한빛정밀")
    form.company_name.editingFinished.emit()
    form.industry.setText("금속 가공")
    form.company_size.setCurrentIndex(form.company_size.findData("small"))
    form.service.setCurrentIndex(form.service.findData("information_provision"))
    form.save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    arguments = parser.parse_args()
    out: Path = arguments.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" and not os.environ.get("DISPLAY"):
        print("No display: run under Xvfb (make screenshots).", file=sys.stderr)
        return 2

    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="dari-screenshots-") as scratch:
        app = create_application(["dari"])
        print(f"platform: {QApplication.platformName()}, font: {app.font().family()}")
        profile = demo_profile(Path(scratch) / "profile", now)
        session = sign_in(app, profile, out)

        window = MainWindow(session)
        window.resize(*WINDOW_SIZE)
        window.show()
        # The sync thread tries the (absent) server and reports "offline".
        wait_until(app, lambda: window.sync_area.connection.text() == "오프라인")
        wait_until(app, lambda: window.cases.total > 0)
        settle(app, 0.5)
        save(window, out / "case-list.png")

        fill_intake(window)
        settle(app)
        save(window, out / "intake.png")

        show_mistakes(window)
        settle(app)
        save(window, out / "intake-validation.png")

        window.lock()
        settle(app)
        save(window, out / "lock.png")

        window.close()
        QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
