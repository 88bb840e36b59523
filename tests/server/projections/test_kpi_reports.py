"""The KPI report over HTTP: central staff only, numbers as numbers, Korean problems
for bad input, zeros for an empty period, and as-of reports replayed from the events.
The expected figures are counted by hand from the scenario, not by the projection code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from projection_scenario import (
    REF,
    a_mixed_history,
    june,
    login,
    store,
)
from sqlalchemy.engine import Engine

from domain.projections.period import Period
from sync_server.projections import catch_up, live_report, report_as_of
from sync_server.projections.export import plain


def get_kpi(client: TestClient, headers: dict[str, str], **params: str) -> Any:
    query = {"from": "2024-06", "to": "2024-06", **params}
    return client.get("/reports/kpi", params=query, headers=headers)


def test_the_june_figures_are_the_ones_counted_by_hand(
    client: TestClient, central: dict[str, str], server_engine: Engine
) -> None:
    june(server_engine)
    catch_up(server_engine, REF)

    response = get_kpi(client, central)

    assert response.status_code == 200, response.text
    body = response.json()
    overall = body["overall"]
    assert overall["resolution_cases"] == 2  # the withdrawn and the July case do not count
    assert overall["resolution_companies"] == 2
    assert overall["consulting_cases"] == 1  # the cancelled and the July record do not count
    assert overall["consulting_companies"] == 1
    assert overall["smes_supported"] == 2
    assert overall["smes_with_lab"] == 1
    assert overall["lab_share_pct"] == pytest.approx(100 / 25_700)
    assert overall["cases_per_staff_resolution"] == pytest.approx(2 / 220)
    assert overall["cases_per_staff_consulting"] == pytest.approx(1 / 220)
    assert overall["first_response_met_pct"] == 50.0
    assert overall["agreement_met_pct"] == 100.0
    assert overall["median_days_to_assign"] == 1.5
    assert overall["median_days_to_first_contact"] == 4.5
    assert overall["median_days_to_resolve"] == 11.0
    assert overall["satisfaction_average"] == 4.0
    assert overall["survey_response_rate_pct"] == 50.0
    assert overall["mentoring_funnel"]["task_selection"] == 1
    assert overall["mentoring_funnel"]["rnd"] == 1
    assert overall["mentoring_funnel"]["overseas"] == 0
    assert isinstance(overall["resolution_cases"], int)
    assert isinstance(overall["median_days_to_assign"], float)
    breakdowns = body["breakdowns"]
    assert breakdowns["region"]["daejeon"]["resolution_cases"] == 2
    assert breakdowns["region"]["seoul"]["resolution_cases"] == 0
    assert breakdowns["institute"]["KIMM"]["resolution_cases"] == 1
    assert breakdowns["institute"]["ETRI"]["resolution_cases"] == 1
    assert breakdowns["channel"]["online"]["first_response_met_pct"] == 0.0
    assert breakdowns["program"]["demand_responsive"]["agreement_met_pct"] == 100.0
    assert list(breakdowns["month"]) == ["2024-06"]
    assert body["period"] == {
        "from": "2024-06",
        "to": "2024-06",
        "start": "2024-06-01",
        "end": "2024-07-01",
    }
    assert body["source"] == "read_model"
    assert body["targets"]["target"]["resolution_cases"] == 7000
    assert body["labels"]["resolution_cases"] == "애로기술 해결 건수"


def test_a_region_or_an_institute_narrows_the_report(
    client: TestClient, central: dict[str, str], server_engine: Engine
) -> None:
    june(server_engine)
    catch_up(server_engine, REF)

    seoul = get_kpi(client, central, region="seoul").json()
    kimm = get_kpi(client, central, institute="KIMM").json()

    assert seoul["region"] == "seoul"
    assert seoul["overall"]["resolution_cases"] == 0
    assert seoul["overall"]["smes_supported"] == 0
    assert list(seoul["breakdowns"]["region"]) == ["seoul"]
    assert kimm["overall"]["resolution_cases"] == 1
    assert kimm["overall"]["first_response_met_pct"] == 100.0


def test_a_report_as_of_a_past_instant_leaves_out_what_was_recorded_later(
    client: TestClient, central: dict[str, str], server_engine: Engine
) -> None:
    june(server_engine)
    catch_up(server_engine, REF)

    then = get_kpi(client, central, as_of="2024-06-12T00:00:00+09:00").json()

    assert then["source"] == "events"
    assert then["as_of"].startswith("2024-06-12T00:00:00")
    overall = then["overall"]
    assert overall["resolution_cases"] == 2  # both received by then
    assert overall["consulting_cases"] == 0  # recorded on the 12th at 15:00
    assert overall["median_days_to_assign"] == 1.0  # the second case was assigned later
    assert overall["median_days_to_resolve"] is None  # nothing resolved yet
    assert overall["first_response_met_pct"] == 100.0  # the second clock is still running
    assert overall["mentoring_funnel"]["rnd"] == 0


def test_a_date_alone_means_the_end_of_that_day_in_korea(
    client: TestClient, central: dict[str, str], server_engine: Engine
) -> None:
    june(server_engine)

    then = get_kpi(client, central, as_of="2024-06-12").json()

    assert then["overall"]["consulting_cases"] == 1


def test_the_read_models_and_the_replay_give_the_same_report(server_engine: Engine) -> None:
    store(server_engine, a_mixed_history(seed=31, companies=8, cases=60))
    catch_up(server_engine, REF)
    now = datetime.now().astimezone()
    period = Period.parse("2024-03", "2024-07")

    for scope in ({}, {"region": "seoul"}, {"institute": "KIMM"}, {"region": "daejeon"}):
        live = live_report(server_engine, REF, period, now=now, **scope).report
        replayed = report_as_of(server_engine, REF, period, now, **scope).report
        assert plain(live) == plain(replayed), scope


@pytest.mark.parametrize("username", ["counselor.kim", "liaison.kimm"])
def test_only_central_staff_may_see_the_national_report(
    client: TestClient, people: None, username: str
) -> None:
    headers = login(client, username)

    for path in ("/reports/kpi", "/reports/kpi.xlsx", "/reports/kpi.csv"):
        response = client.get(path, params={"from": "2024-06", "to": "2024-06"}, headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == "forbidden"
        assert "통합센터 직원" in response.json()["detail"]


def test_a_report_needs_a_signed_in_user(client: TestClient) -> None:
    response = client.get("/reports/kpi", params={"from": "2024-06", "to": "2024-06"})

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({"region": "atlantis"}, "unknown_reference", "region"),
        ({"institute": "NASA"}, "unknown_reference", "institute"),
        ({"from": "2024-13"}, "invalid_period", "from"),
        ({"from": "June"}, "invalid_period", "from"),
        ({"from": "2024-07", "to": "2024-06"}, "invalid_period", "from"),
        ({"as_of": "yesterday"}, "invalid_as_of", "as_of"),
    ],
)
def test_bad_input_is_a_korean_422_problem(
    client: TestClient,
    central: dict[str, str],
    params: dict[str, str],
    code: str,
    field: str,
) -> None:
    response = get_kpi(client, central, **params)

    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == code
    assert body["field"] == field
    assert any("\uac00" <= char <= "\ud7a3" for char in body["detail"])


def test_a_missing_period_is_a_422_problem(client: TestClient, central: dict[str, str]) -> None:
    response = client.get("/reports/kpi", headers=central)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


def test_an_empty_period_is_all_zeros_not_an_error(
    client: TestClient, central: dict[str, str], server_engine: Engine
) -> None:
    june(server_engine)
    catch_up(server_engine, REF)

    response = get_kpi(client, central, **{"from": "2031-01", "to": "2031-03"})

    assert response.status_code == 200
    overall = response.json()["overall"]
    assert overall["resolution_cases"] == 0 and overall["smes_supported"] == 0
    assert overall["lab_share_pct"] == 0
    assert overall["first_response_met_pct"] is None
    assert set(overall["mentoring_funnel"].values()) == {0}
    assert list(response.json()["breakdowns"]["month"]) == ["2031-01", "2031-02", "2031-03"]
