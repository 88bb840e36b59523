"""The in-memory mirror of the read models that reports use: loaded once, advanced by
the same folds as the projector, reloaded after a rebuild's switch, and kept current by
the background projector once in use."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from projection_scenario import REF, a_case, a_company, a_mixed_history, june, kst, store, store_all
from sqlalchemy.engine import Engine

from domain.projections.period import Period
from sync_server.projections import catch_up, live_report, read_states, rebuild
from sync_server.projections.export import plain
from sync_server.projections.mirror import FactsMirror
from sync_server.projections.read_models import load_national_facts


def mirrored(engine: Engine, mirror: FactsMirror) -> tuple[object, int]:
    with engine.connect() as connection:
        snapshot = mirror.current(connection)
    return snapshot.facts, snapshot.position


def tables(engine: Engine) -> object:
    with engine.connect() as connection:
        generations = {n: s.active_generation for n, s in read_states(connection).items()}
        return load_national_facts(connection, generations)


def test_the_mirror_follows_the_read_models_by_folding_what_they_folded(
    server_engine: Engine,
) -> None:
    events = a_mixed_history(seed=51)
    mirror = FactsMirror(REF)
    store(server_engine, events[:40])
    catch_up(server_engine, REF)
    first, _ = mirrored(server_engine, mirror)

    head = store(server_engine, events[40:])
    catch_up(server_engine, REF)
    advanced, position = mirrored(server_engine, mirror)

    assert mirror.loads == 1  # advanced by folding, not loaded again
    assert position == head
    assert advanced == tables(server_engine)
    assert first != advanced  # the earlier snapshot was not changed under its readers
    assert first == load_national_facts_at_40(server_engine, events)


def load_national_facts_at_40(engine: Engine, events: list) -> object:  # type: ignore[type-arg]
    from domain.projections.events import fact_event_from
    from domain.projections.facts import facts_from

    return facts_from((fact_event_from(e) for e in events[:40]), REF)


def test_a_rebuild_switch_makes_the_mirror_load_again(server_engine: Engine) -> None:
    store(server_engine, a_mixed_history(seed=52))
    catch_up(server_engine, REF)
    mirror = FactsMirror(REF)
    mirrored(server_engine, mirror)

    rebuild(server_engine, REF)
    facts, _ = mirrored(server_engine, mirror)

    assert mirror.loads == 2
    assert facts == tables(server_engine)


def test_a_report_from_the_mirror_equals_one_from_the_tables(server_engine: Engine) -> None:
    store(server_engine, a_mixed_history(seed=53, cases=40))
    catch_up(server_engine, REF)
    now = datetime.now(UTC)
    period = Period.parse("2024-03", "2024-06")
    mirror = FactsMirror(REF)

    for scope in ({}, {"region": "seoul"}, {"institute": "ETRI"}):
        from_tables = live_report(server_engine, REF, period, now=now, **scope)
        from_mirror = live_report(server_engine, REF, period, now=now, mirror=mirror, **scope)
        assert plain(from_mirror.report) == plain(from_tables.report)
        assert from_mirror.position == from_tables.position


def test_once_in_use_the_server_keeps_the_mirror_current_without_a_request(
    client: TestClient, central: dict[str, str], server_engine: Engine
) -> None:
    june(server_engine)
    assert client.get("/reports/kpi", params={"from": "2024-06", "to": "2024-06"}, headers=central)
    mirror: FactsMirror = client.app.state.facts_mirror  # type: ignore[attr-defined]
    assert mirror.warm

    company = a_company(9, kst(2024, 6, 20, 9))
    head = store_all(server_engine, company, a_case(company.id, kst(2024, 6, 20, 10)))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and mirror._snapshot.position < head:  # type: ignore[union-attr]
        time.sleep(0.05)

    assert mirror._snapshot.position == head  # type: ignore[union-attr]
    body = client.get(
        "/reports/kpi", params={"from": "2024-06", "to": "2024-06"}, headers=central
    ).json()
    assert body["overall"]["resolution_cases"] == 3
    assert body["position"] == head


def test_targets_and_staff_counts_come_from_the_data_folder(
    client: TestClient, central: dict[str, str], server_engine: Engine, tmp_path: Path
) -> None:
    june(server_engine)
    catch_up(server_engine, REF)
    (tmp_path / "kpi-targets.toml").write_text(
        "lab_sme_population = 1000\n[target]\nyear = 2027\nresolution_cases = 9000\n",
        encoding="utf-8",
    )
    (tmp_path / "staff-counts.toml").write_text("[years]\n2024 = 100\n", encoding="utf-8")

    body = client.get(
        "/reports/kpi", params={"from": "2024-06", "to": "2024-06"}, headers=central
    ).json()

    assert body["targets"]["target_year"] == 2027
    assert body["targets"]["target"]["resolution_cases"] == 9000
    assert body["overall"]["lab_share_pct"] == 0.1  # 1 company with a lab of 1,000
    assert body["overall"]["cases_per_staff_resolution"] == 0.02  # 2 cases, 100 staff


def test_a_broken_settings_file_is_a_korean_problem(
    client: TestClient, central: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "kpi-targets.toml").write_text("staff = 'many'\n", encoding="utf-8")

    response = client.get(
        "/reports/kpi", params={"from": "2024-06", "to": "2024-06"}, headers=central
    )

    assert response.status_code == 500
    assert response.json()["code"] == "report_settings_invalid"
    assert "보고서 설정 파일" in response.json()["detail"]
