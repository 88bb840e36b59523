"""The demo scenario: a week in a regional counseling center, recorded through the
domain (``domain.demo.scenario``) into an encrypted local store, then printed as case
timelines with their SLA states, in Korean. Deterministic: every instant is fixed, and
SLA states are shown as of one chosen instant."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop.local.store import new_store_key, open_store, sqlite_settings
from domain.application import DariApplication
from domain.business_calendar import default_calendar
from domain.case_sla import case_sla_status
from domain.demo.scenario import AS_OF, PEOPLE, Scenario, build_scenario
from domain.sla import SlaStatus

__all__ = ["AS_OF", "Scenario", "print_report", "record_scenario", "run_demo"]


def record_scenario(app: DariApplication) -> Scenario:
    """Record the scenario's week (``domain.demo.scenario``) into ``app``."""
    scenario = build_scenario()
    app.record(*scenario.aggregates)
    return scenario


def format_sla(name: str, status: SlaStatus | None) -> str:
    if status is None:
        return f"  {name}: 해당 없음"
    due = f", 기한 {status.due_at:%Y-%m-%d %H:%M}" if status.due_at else ""
    return f"  {name}: {status.state.label}{due}"


def print_report(app: DariApplication, scenario: Scenario, store_path: Path) -> None:
    print("다리(Dari) 데모 — 대전·세종 지역상담센터의 한 주")
    print(f"로컬 저장소(암호화): {store_path}")
    print(f"SLA 기준 시각: {AS_OF:%Y-%m-%d %H:%M} (한국 영업일 기준, 추석 연휴 제외)")
    calendar = default_calendar()
    for title, case_id in scenario.cases:
        case = app.case(case_id)
        company = app.company(case.company_id)
        print()
        print(f"■ {title} — {company.name} [{case.status.label}]")
        for entry in app.timeline(case_id):
            who = PEOPLE.get(entry.recorded_by, entry.recorded_by)
            print(f"  {entry.recorded_at:%m-%d %H:%M}  {who}: {entry.text}")
        sla = case_sla_status(app.events_of(case_id), AS_OF, app.reference, calendar)
        print(format_sla("최초 응대 (3영업일)", sla.first_response))
        print(format_sla("협약 체결 (2주)", sla.agreement))
    print()
    print("■ 기술지도·자문")
    for entry in app.timeline(scenario.consulting_id):
        print(f"  {entry.recorded_at:%m-%d %H:%M}  {entry.text}")
    print()
    engagement = app.mentoring(scenario.mentoring_id)
    stage = engagement.stage.label if engagement.stage else "시작 전"
    print(f"■ 기술협력 멘토링 — 현재 단계: {stage}")
    for entry in app.timeline(scenario.mentoring_id):
        print(f"  {entry.recorded_at:%m-%d %H:%M}  {entry.text}")
    print()
    print("■ 잘못된 입력은 저장되지 않고 이렇게 안내됩니다")
    for label, message in scenario.refusals:
        print(f"  {label}: {message}")


def run_demo(directory: Path | None = None) -> None:
    """Record the scenario into a fresh encrypted store and print it."""
    with tempfile.TemporaryDirectory(prefix="dari-demo-") as scratch:
        store_path = (directory or Path(scratch)) / "counselor.sqlite"
        app = open_store(sqlite_settings(store_path, cipher_key=new_store_key()))
        try:
            print_report(app, record_scenario(app), store_path)
        finally:
            app.close()
