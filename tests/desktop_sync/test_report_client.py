"""``SyncClient``'s report calls against the real server app: the KPI report as a
typed result, and the Excel workbook streamed to a file with progress, cancel and
Korean errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from report_server import COUNSELOR, ReportServer

from desktop.sync.errors import DownloadCancelled, ProblemError, ServerUnavailable
from desktop.sync.reports import KpiQuery
from domain.projections.period import Period

JUNE = KpiQuery("2024-06", "2024-06")


@pytest.fixture
def report_server(tmp_path: Path) -> Iterator[ReportServer]:
    server = ReportServer(tmp_path / "server")
    yield server
    server.close()


def test_the_kpi_report_arrives_as_the_domains_report_with_its_source(
    report_server: ReportServer,
) -> None:
    client = report_server.client()

    answer = client.kpi_report(JUNE)

    assert answer.source == "read_model"
    assert answer.report.period == Period.month(2024, 6)
    assert answer.report.overall.resolution_cases == 2
    assert answer.report.overall.median_days_to_first_contact == 4.5
    assert answer.report.overall.first_response_met_pct == 50.0
    assert answer.report.targets.target["resolution_cases"] == 7000
    assert answer.report.breakdowns["region"]["daejeon"].resolution_cases == 2
    assert list(answer.report.breakdowns["month"]) == ["2024-06"]


def test_an_as_of_date_is_sent_and_the_report_is_replayed_to_that_day(
    report_server: ReportServer,
) -> None:
    client = report_server.client()

    answer = client.kpi_report(KpiQuery("2024-06", "2024-06", as_of="2024-06-12"))

    assert report_server.transport.kpi_requests()[-1].url.params["as_of"] == "2024-06-12"
    assert answer.source == "events"
    assert answer.report.overall.resolution_cases == 2  # both received by the 12th
    assert answer.report.overall.median_days_to_resolve is None  # none resolved yet


def test_a_counselor_is_refused_with_a_korean_problem(report_server: ReportServer) -> None:
    client = report_server.client(COUNSELOR)

    with pytest.raises(ProblemError) as refused:
        client.kpi_report(JUNE)

    assert refused.value.problem.status == 403
    assert "통합센터 직원" in refused.value.message


def test_the_workbook_is_streamed_to_the_file_with_progress_to_the_total(
    report_server: ReportServer, tmp_path: Path
) -> None:
    client = report_server.client()
    target = tmp_path / "다리_KPI_2024.xlsx"
    seen: list[tuple[int, int | None]] = []

    saved = client.download_kpi_xlsx(
        JUNE, target, progress=lambda done, total: seen.append((done, total))
    )

    assert saved == target
    workbook = openpyxl.load_workbook(target)
    assert "전체" in workbook.sheetnames
    done, total = seen[-1]
    assert total is not None and done == total == target.stat().st_size
    assert seen[0] == (0, total)
    assert not list(tmp_path.glob("*.part"))


def test_a_cancelled_download_leaves_no_file(report_server: ReportServer, tmp_path: Path) -> None:
    client = report_server.client()
    target = tmp_path / "kpi.xlsx"

    with pytest.raises(DownloadCancelled) as cancelled:
        client.download_kpi_xlsx(JUNE, target, cancelled=lambda: True)

    assert "취소" in cancelled.value.message
    assert list(tmp_path.iterdir()) == [tmp_path / "server"]


def test_a_server_that_goes_away_mid_download_is_unavailable_and_leaves_no_file(
    report_server: ReportServer, tmp_path: Path
) -> None:
    client = report_server.client()
    report_server.transport.cut_downloads_after = 100
    target = tmp_path / "kpi.xlsx"

    with pytest.raises(ServerUnavailable) as failed:
        client.download_kpi_xlsx(JUNE, target)

    assert "연결이 끊겨" in failed.value.message
    assert not target.exists()
    assert not list(tmp_path.glob("*.part"))


def test_a_server_that_cannot_be_reached_is_unavailable(
    report_server: ReportServer, tmp_path: Path
) -> None:
    client = report_server.client()
    report_server.transport.down = True

    with pytest.raises(ServerUnavailable):
        client.kpi_report(JUNE)
    with pytest.raises(ServerUnavailable):
        client.download_kpi_xlsx(JUNE, tmp_path / "kpi.xlsx")
    assert not (tmp_path / "kpi.xlsx").exists()


def test_a_refused_download_is_a_problem_and_leaves_no_file(
    report_server: ReportServer, tmp_path: Path
) -> None:
    client = report_server.client(COUNSELOR)

    with pytest.raises(ProblemError):
        client.download_kpi_xlsx(JUNE, tmp_path / "kpi.xlsx")

    assert not (tmp_path / "kpi.xlsx").exists()


def test_progress_is_reported_as_the_chunks_arrive(
    report_server: ReportServer, tmp_path: Path
) -> None:
    client = report_server.client()
    gate = threading.Event()
    gate.set()  # the second half follows at once
    report_server.transport.hold_downloads = gate
    seen: list[tuple[int, int | None]] = []

    client.download_kpi_xlsx(
        JUNE, tmp_path / "kpi.xlsx", progress=lambda done, total: seen.append((done, total))
    )

    total = (tmp_path / "kpi.xlsx").stat().st_size
    assert seen == [(0, total), (total // 2, total), (total, total)]
