"""The KPI report as an Excel workbook and as CSV, read back the way a person's tools
read them: openpyxl and the csv module."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from fastapi.testclient import TestClient
from projection_scenario import REF, june
from sqlalchemy.engine import Engine

from domain.projections.kpi import KPI_LABELS
from sync_server.projections import catch_up

SHEETS = [
    "전체",
    "지역별",
    "출연연별",
    "지원분야별",
    "접수경로별",
    "지원사업별",
    "월별",
    "목표 대비",
    "보고서 정보",
]
JUNE = {"from": "2024-06", "to": "2024-06"}


@pytest.fixture
def june_report(server_engine: Engine) -> None:
    june(server_engine)
    catch_up(server_engine, REF)


@pytest.mark.usefixtures("june_report")
def test_the_workbook_has_a_sheet_per_breakdown_with_korean_headers_and_numbers(
    client: TestClient, central: dict[str, str]
) -> None:
    response = client.get("/reports/kpi.xlsx", params=JUNE, headers=central)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response.headers["content-disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == SHEETS

    overall = workbook["전체"]
    headers = [cell.value for cell in overall[1]]
    assert headers[0] == "구분"
    assert KPI_LABELS["resolution_cases"] in headers
    assert KPI_LABELS["first_response_met_pct"] in headers
    assert any(str(h).startswith(KPI_LABELS["mentoring_funnel"]) for h in headers)
    assert overall.freeze_panes == "A2"
    values = dict(zip(headers, [cell.value for cell in overall[2]], strict=True))
    assert values["구분"] == "전체"
    assert values[KPI_LABELS["resolution_cases"]] == 2
    assert isinstance(values[KPI_LABELS["resolution_cases"]], int)
    assert values[KPI_LABELS["median_days_to_first_contact"]] == 4.5
    assert values[KPI_LABELS["satisfaction_average"]] == 4.0
    assert values[f"{KPI_LABELS['mentoring_funnel']}: R&D"] == 1

    regions = workbook["지역별"]
    region_headers = [cell.value for cell in regions[1]]
    assert region_headers[:2] == ["지역", "코드"]
    assert regions.freeze_panes == "A2"
    by_code = {row[1]: row for row in regions.iter_rows(min_row=2, values_only=True)}
    daejeon = dict(zip(region_headers, by_code["daejeon"], strict=True))
    assert daejeon["지역"] == REF.region("daejeon").name
    assert daejeon[KPI_LABELS["resolution_cases"]] == 2
    assert len(by_code) == 12  # every region has a row, zeros or not
    against = {
        row[0]: row[1:] for row in workbook["목표 대비"].iter_rows(min_row=2, values_only=True)
    }
    assert against[KPI_LABELS["resolution_cases"]] == (3564, 7000, 2)
    assert [c.value for c in workbook["목표 대비"][1]][1:3] == ["2012년 실적", "2014년 목표"]
    for sheet in workbook.worksheets[:-1]:
        for row in sheet.iter_rows(min_row=2):
            for cell in row[2 if sheet.title != "전체" else 1 :]:
                assert cell.value is None or cell.data_type == "n", (sheet.title, cell.value)

    months = workbook["월별"]
    assert [row[1] for row in months.iter_rows(min_row=2, values_only=True)] == ["2024-06"]
    about = {
        row[0]: row[1] for row in workbook["보고서 정보"].iter_rows(min_row=2, values_only=True)
    }
    assert about["기간"] == "2024-06 ~ 2024-06"
    assert about["지역"] == "전국"


@pytest.mark.usefixtures("june_report")
def test_the_csv_is_utf8_with_a_bom_and_has_the_overall_and_every_breakdown_row(
    client: TestClient, central: dict[str, str]
) -> None:
    response = client.get("/reports/kpi.csv", params=JUNE, headers=central)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, overall, *rest = table
    assert header[:3] == ["구분", "코드", "이름"]
    assert KPI_LABELS["resolution_cases"] in header
    row = dict(zip(header, overall, strict=True))
    assert row["구분"] == "전체"
    assert int(row[KPI_LABELS["resolution_cases"]]) == 2
    assert float(row[KPI_LABELS["median_days_to_assign"]]) == 1.5
    assert row[KPI_LABELS["agreement_met_pct"]] == "100"
    dimensions = {line[0] for line in rest}
    assert dimensions == {"지역", "출연연", "지원 분야", "접수 경로", "지원사업", "월"}
    seoul = next(line for line in rest if line[:2] == ["지역", "seoul"])
    assert seoul[2] == REF.region("seoul").name
    assert int(dict(zip(header, seoul, strict=True))[KPI_LABELS["resolution_cases"]]) == 0
    unassigned = next(line for line in rest if line[:2] == ["출연연", ""])
    assert unassigned[2] == "미지정"


def test_an_empty_period_exports_zeros(client: TestClient, central: dict[str, str]) -> None:
    params = {"from": "2031-01", "to": "2031-01"}
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/reports/kpi.xlsx", params=params, headers=central).content)
    )
    csv_text = client.get("/reports/kpi.csv", params=params, headers=central).content

    overall = workbook["전체"]
    values = dict(zip([c.value for c in overall[1]], [c.value for c in overall[2]], strict=True))
    assert values[KPI_LABELS["resolution_cases"]] == 0
    assert values[KPI_LABELS["first_response_met_pct"]] is None
    assert csv_text.decode("utf-8-sig").splitlines()[1].startswith("전체,,전체,0,")
