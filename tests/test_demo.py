"""`make demo` prints the scenario: timelines, SLA states and refusals, in Korean."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.demo import run_demo


@pytest.fixture
def demo_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    run_demo(tmp_path)
    return capsys.readouterr().out


def test_the_demo_shows_each_case_with_its_korean_status(demo_output: str) -> None:
    assert "■ 도금 박리 불량 — 한빛정밀(주) [협약 체결]" in demo_output
    assert "■ 연구인력 파견 — 새봄센서 [출연연 수락]" in demo_output
    assert "■ 해외 시장 정보 — 가온식품 [해결]" in demo_output


def test_the_demo_shows_met_overdue_and_not_applicable_sla_states(demo_output: str) -> None:
    assert "최초 응대 (3영업일): 기한 내 처리, 기한 2024-09-23 15:00" in demo_output
    assert "최초 응대 (3영업일): 기한 초과, 기한 2024-09-26 10:00" in demo_output
    assert "협약 체결 (2주): 해당 없음" in demo_output


def test_the_demo_counts_chuseok_as_no_business_days(demo_output: str) -> None:
    # Received Fri 13 Sep 15:00; 16-18 Sep is Chuseok, so 3 business days end Mon 23 Sep.
    assert "기한 2024-09-23 15:00" in demo_output


def test_the_demo_explains_each_refused_input_in_korean(demo_output: str) -> None:
    assert "사업자등록번호의 검증번호가 맞지 않습니다" in demo_output
    assert "알 수 없는 출연연 코드입니다: KAIST" in demo_output
    assert "3,000만원 이하여야 합니다 (입력: 4,500만원)" in demo_output
    assert "해결되지 않은 건은 만족도 조사를 할 수 없습니다" in demo_output


def test_the_demo_store_is_encrypted_on_disk(demo_output: str, tmp_path: Path) -> None:
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("counselor.sqlite*"))
    assert raw, "the demo should leave its store in the directory it was given"
    assert "니켈 도금층".encode() not in raw
