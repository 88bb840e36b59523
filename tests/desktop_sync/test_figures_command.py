"""`dari figures`: a counselor's own-region figures from this computer, offline."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sync_builders import a_case, a_company
from typer.testing import CliRunner

from desktop import cli
from desktop.local.credentials import SignedInUser
from desktop.sync.profile import Profile

runner = CliRunner()


PASSWORD = "figures-password-1379"


def test_the_figures_count_the_cases_recorded_on_this_computer(tmp_path: Path) -> None:
    profile = Profile(tmp_path)
    settings = profile.settings()
    profile.save_settings(replace(settings, server_url="http://dari", username="counselor.kim"))
    store_key = profile.seal_store_key(SignedInUser("counselor.kim", "김상담"), PASSWORD)
    with profile.open_workspace(store_key) as workspace:
        company = a_company()
        workspace.record(company, a_case(company), a_case(company))

    result = runner.invoke(
        cli.app,
        [
            "--profile",
            str(tmp_path),
            "figures",
            "--region",
            "daejeon",
            "--from",
            "2024-09",
            "--to",
            "2024-09",
        ],
        env={cli.PASSWORD_VARIABLE: PASSWORD},
    )

    assert result.exit_code == 0, result.output
    assert "애로기술 해결 건수: 2" in result.output
    assert "애로기술 해결 기업 수: 1" in result.output


def test_a_malformed_month_is_refused_in_korean(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app,
        [
            "--profile",
            str(tmp_path),
            "figures",
            "--region",
            "daejeon",
            "--from",
            "2024-13",
            "--to",
            "2024-12",
        ],
    )

    assert result.exit_code == 1
    assert "YYYY-MM" in result.output


def test_an_unknown_region_is_refused_in_korean(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app,
        [
            "--profile",
            str(tmp_path),
            "figures",
            "--region",
            "atlantis",
            "--from",
            "2024-01",
            "--to",
            "2024-12",
        ],
    )

    assert result.exit_code == 1
    assert "알 수 없는 지역" in result.output
