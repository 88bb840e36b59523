"""Screenshots of the desktop program for the README (``make screenshots``).

Starts the demo server (``dari-server demo``, see ``scripts/demo_server.py``), then runs
the real program (``desktop.app``'s application, sign-in dialog and main window) signed
in as each role — the counselor of 대전·세종, the KIMM liaison, the central staff — each
on a fresh profile. For each role it saves every page the header's navigation buttons
lead to, as ``<role>-<page>.png`` (the page from the button's objectName, ``navCases`` →
``cases``), so a page added to ``MainWindow`` is captured without editing this script.
Also the sign-in dialog, the intake form's messages and the lock screen.

Under Xvfb (as ``make screenshots`` does)::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1600x1000x24' \\
        .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo_server import DemoServer  # noqa: E402

from desktop.app import AutoSignIn, create_application, delete_now, sign_in_dialog  # noqa: E402
from desktop.sync.profile import Profile  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.session import Session, SignIn  # noqa: E402
from desktop.ui.translation import install_translation  # noqa: E402
from domain.case_status import CaseStatus  # noqa: E402
from domain.demo.people import CENTRAL, COUNSELOR, LIAISON, DemoPerson  # noqa: E402
from sync_server.demo import DEMO_PASSWORD  # noqa: E402

ROLES: tuple[DemoPerson, ...] = (COUNSELOR, LIAISON, CENTRAL)
WINDOW_SIZE = (1440, 900)
PAGE_SETTLE_SECONDS = 1.0
"""A page may load in the background when shown; give it this long before the grab."""


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let Qt lay out, paint and deliver queued signals for a moment."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.01)


def wait_until(app: QApplication, condition: Callable[[], bool], seconds: float = 60.0) -> None:
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


def page_name(button: QAbstractButton, position: int) -> str:
    """``navCases`` → ``cases``, ``navCaseDetail`` → ``case-detail``; a button without
    an objectName is named by its place in the header (``page-3``)."""
    name = re.sub(r"^nav[-_]?", "", button.objectName(), flags=re.IGNORECASE)
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name)
    name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return name or f"page-{position}"


def sign_in(
    app: QApplication, server_url: str, person: DemoPerson, profile: Profile, shot: Path | None
) -> Session:
    """Through the sign-in dialog (``SignIn``), as ``make demo`` does; ``shot`` saves
    the filled-in dialog first."""
    answers = AutoSignIn(server_url, person.username)
    dialog = sign_in_dialog(SignIn(profile), answers)
    dialog.show()
    dialog.password.setText(DEMO_PASSWORD)
    dialog.password.setFocus()
    settle(app)
    if shot is not None:
        save(dialog, shot)
    dialog.submit()
    wait_until(app, lambda: dialog.session is not None or dialog.banner.isVisible())
    if dialog.session is None:
        raise RuntimeError(f"{person.username}: {dialog.banner.text()}")
    return dialog.session


def close_for_good(window: MainWindow) -> None:
    """Close the window (stopping its sync) and delete it now (``delete_now``)."""
    window.close()
    delete_now(window)
    QCoreApplication.processEvents()


def synced(window: MainWindow) -> bool:
    """Online and synced at least once (in any language)."""
    status = window.sync.engine.status.snapshot()
    return status.online and status.last_synced_at is not None


def capture_pages(app: QApplication, window: MainWindow, role: str, out: Path) -> None:
    """Every page a header button of this role's window leads to."""
    buttons = [b for b in window.nav.buttons() if b.isCheckable()]
    for position, button in enumerate(buttons, start=1):
        if not button.isVisibleTo(window) or not button.isEnabled():
            continue
        button.click()
        settle(app, PAGE_SETTLE_SECONDS)
        save(window, out / f"{role}-{page_name(button, position)}.png")


DETAIL_STATUS = {
    "counselor": CaseStatus.IN_CONTACT,
    "liaison": CaseStatus.PLANNED,
    "central": CaseStatus.RESOLVED,
}
"""For each role, a case in a state where that role has actions to offer."""


def capture_case_detail(
    app: QApplication, window: MainWindow, role: str, out: Path, *, prefix: str = ""
) -> None:
    """The detail page (timeline and allowed actions) of a case in this role's list."""
    model = window.cases
    while model.canFetchMore():
        model.fetchMore()
    rows = [model.case_row(n) for n in range(model.rowCount())]
    wanted = DETAIL_STATUS.get(role)
    chosen = next((r for r in rows if r.status is wanted), rows[0] if rows else None)
    if chosen is None:
        return
    window.show_case(chosen.case_id)
    settle(app, PAGE_SETTLE_SECONDS)
    save(window, out / f"{prefix}{role}-case-detail.png")


def capture_settings(app: QApplication, window: MainWindow, out: Path) -> None:
    window.open_settings()
    settle(app)
    dialog = window.settings_dialog
    if dialog is not None:
        save(dialog, out / "settings.png")
        dialog.reject()


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


def capture_counselor_extras(app: QApplication, window: MainWindow, out: Path) -> None:
    """The intake form filled in and with its messages (nothing is saved), and the lock."""
    try:
        fill_intake(window)
        settle(app)
        save(window, out / "counselor-intake-filled.png")
        show_mistakes(window)
        settle(app)
        save(window, out / "counselor-intake-validation.png")
    except (AttributeError, IndexError) as error:  # the form changed: say so, go on
        print(f"skipped the intake screenshots: {error!r}", file=sys.stderr)
    window.lock()
    settle(app)
    save(window, out / "lock.png")


def capture_role(
    app: QApplication, server_url: str, person: DemoPerson, scratch: Path, out: Path
) -> None:
    role = person.role.value
    first = person is ROLES[0]
    profile = Profile(scratch / role)
    session = sign_in(app, server_url, person, profile, out / "sign-in.png" if first else None)
    window = MainWindow(session)
    window.resize(*WINDOW_SIZE)
    window.show()
    try:
        wait_until(app, lambda: synced(window))
        window.show_list()  # a liaison starts on the inbox; the list re-reads when shown
        wait_until(app, lambda: window.cases.total > 0)
        settle(app, 0.5)
        capture_pages(app, window, role, out)
        capture_case_detail(app, window, role, out)
        if person.role is COUNSELOR.role:
            capture_settings(app, window, out)
            capture_counselor_extras(app, window, out)
    finally:
        close_for_good(window)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    arguments = parser.parse_args()
    out: Path = arguments.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb" and not os.environ.get("DISPLAY"):
        print("No display: run under Xvfb (make screenshots).", file=sys.stderr)
        return 2

    app = create_application(["dari"])
    print(f"platform: {QApplication.platformName()}, font: {app.font().family()}")
    with DemoServer(quiet=True) as server, tempfile.TemporaryDirectory(prefix="dari-shots-") as tmp:
        for person in ROLES:
            capture_role(app, server.url, person, Path(tmp), out)
        capture_in_english(app, server.url, Path(tmp), out)
    return 0


def capture_in_english(app: QApplication, server_url: str, scratch: Path, out: Path) -> None:
    """The counselor's case list and case detail with the English switch on."""
    install_translation(app, "en")
    try:
        profile = Profile(scratch / "english")
        session = sign_in(app, server_url, COUNSELOR, profile, out / "en-sign-in.png")
        window = MainWindow(session)
        window.resize(*WINDOW_SIZE)
        window.show()
        try:
            wait_until(app, lambda: window.cases.total > 0 and synced(window))
            settle(app, PAGE_SETTLE_SECONDS)
            save(window, out / "en-counselor-cases.png")
            capture_case_detail(app, window, "counselor", out, prefix="en-")
        finally:
            close_for_good(window)
    finally:
        install_translation(app, "ko")


if __name__ == "__main__":
    sys.exit(main())
