"""Reference data: the bundled defaults, lookups by code, program rules and
administrators' override files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from domain.errors import InvalidValue, UnknownReference
from domain.reference import (
    Channel,
    Institute,
    Program,
    ReferenceData,
    Region,
    Service,
    default_reference,
    load_reference,
)


def write(tmp_path: Path, text: str, name: str = "override.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def program(code: str) -> Program:
    return default_reference().program(code)


# --- the bundled defaults ---------------------------------------------------


def test_the_defaults_hold_twelve_regional_centers() -> None:
    # given the bundled reference data
    reference = default_reference()

    # then it lists twelve regions with unique codes, Seoul first
    assert len(reference.regions) == 12
    assert len({region.code for region in reference.regions}) == 12
    assert reference.regions[0].name == "서울"


def test_the_defaults_hold_the_twenty_five_institutes() -> None:
    # given the bundled reference data
    reference = default_reference()

    # then it lists the 25 institutes, from KIST to KIT, in the release's order
    assert len(reference.institutes) == 25
    assert reference.institutes[0].code == "KIST"
    assert reference.institutes[-1].code == "KIT"


def test_an_institute_carries_its_korean_and_english_names() -> None:
    # given the bundled reference data
    # when KIST is looked up
    kist = default_reference().institute("KIST")

    # then both of its names are known
    assert kist.name == "한국과학기술연구원"
    assert kist.name_en == "Korea Institute of Science and Technology"


def test_the_defaults_hold_the_three_programs_in_order() -> None:
    # given the bundled reference data
    codes = [p.code for p in default_reference().programs]

    # then the three programs come from shortest to longest R&D
    assert codes == ["demand_responsive", "institute_main", "government_commissioned"]


def test_the_defaults_hold_six_services_and_five_channels() -> None:
    # given the bundled reference data
    reference = default_reference()

    # then the services and channels of the center are listed
    assert [s.code for s in reference.services] == [
        "difficulty_resolution",
        "db_disclosure",
        "personnel_exchange",
        "information_provision",
        "technology_transfer",
        "consulting",
    ]
    assert [c.code for c in reference.channels] == [
        "hotline_1379",
        "callcenter_080",
        "online",
        "visit",
        "app",
    ]


def test_the_demand_responsive_program_promises_an_agreement_in_ten_business_days() -> None:
    # given the demand-responsive program
    demand = program("demand_responsive")

    # then it is selected on demand, with an agreement due two weeks after the plan
    assert demand.selections_per_year == 0
    assert demand.selection_description == "수요 발생 즉시"
    assert demand.agreement_due_business_days == 10
    assert demand.developer == "출연(연), 중소기업"


def test_the_defaults_are_read_once() -> None:
    # given the defaults were already asked for
    # when they are asked for again, directly or through load_reference
    # then the same object comes back
    assert default_reference() is default_reference()
    assert load_reference() is default_reference()


# --- lookups ------------------------------------------------------------------

Lookup = Callable[[ReferenceData, str], Region | Institute | Program | Service | Channel]


@pytest.mark.parametrize(
    ("lookup", "code", "name"),
    [
        (ReferenceData.region, "gwangju", "광주·전남"),
        (ReferenceData.institute, "KITECH", "한국생산기술연구원"),
        (ReferenceData.program, "institute_main", "출연(연)기관 주요사업"),
        (ReferenceData.service, "technology_transfer", "기술이전"),
        (ReferenceData.channel, "hotline_1379", "1379 상담전화"),
    ],
)
def test_a_known_code_finds_its_entry(lookup: Lookup, code: str, name: str) -> None:
    # given the bundled reference data
    # when a known code is looked up
    found = lookup(default_reference(), code)

    # then the entry with that code and name comes back
    assert found.code == code
    assert found.name == name


@pytest.mark.parametrize(
    ("lookup", "field", "message"),
    [
        (ReferenceData.region, "region", "알 수 없는 지역 코드입니다: XYZ"),
        (ReferenceData.institute, "institute", "알 수 없는 출연연 코드입니다: XYZ"),
        (ReferenceData.program, "program", "알 수 없는 지원사업 코드입니다: XYZ"),
        (ReferenceData.service, "service", "알 수 없는 기술지원 분야 코드입니다: XYZ"),
        (ReferenceData.channel, "channel", "알 수 없는 접수 경로 코드입니다: XYZ"),
    ],
)
def test_an_unknown_code_is_refused_naming_the_field_and_the_code(
    lookup: Lookup, field: str, message: str
) -> None:
    # given the bundled reference data
    # when a code it does not know is looked up
    with pytest.raises(UnknownReference) as refused:
        lookup(default_reference(), "XYZ")

    # then the counselor reads which kind of code and which code
    assert refused.value.field == field
    assert refused.value.message == message


# --- program rules ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "budget_krw", "duration_months"),
    [
        ("demand_responsive", 1, 1),
        ("demand_responsive", 30_000_000, 3),
        ("institute_main", 30_000_001, 1),
        ("institute_main", 5_000_000_000, 11),
        ("government_commissioned", 100_000_000, 12),
        ("government_commissioned", 10_000_000_000, 60),
    ],
)
def test_a_plan_at_the_edges_of_a_program_is_accepted(
    code: str, budget_krw: int, duration_months: int
) -> None:
    # given a program
    # when a plan exactly at its limits is checked
    # then nothing is refused
    program(code).check_plan(budget_krw, duration_months)


@pytest.mark.parametrize(
    ("code", "budget_krw", "message"),
    [
        (
            "demand_responsive",
            0,
            "수요대응 공동기술지원사업의 예산은 0원보다 커야 합니다 (입력: 0원).",
        ),
        (
            "demand_responsive",
            30_000_001,
            "수요대응 공동기술지원사업의 예산은 3,000만원 이하여야 합니다 (입력: 3,000만 1원).",
        ),
        (
            "institute_main",
            30_000_000,
            "출연(연)기관 주요사업의 예산은 3,000만원 초과여야 합니다 (입력: 3,000만원).",
        ),
        (
            "government_commissioned",
            99_999_999,
            "정부수탁사업의 예산은 1억원 이상이어야 합니다 (입력: 9,999만 9,999원).",
        ),
    ],
)
def test_a_budget_just_outside_a_program_is_refused_stating_the_rule(
    code: str, budget_krw: int, message: str
) -> None:
    # given a program and a plan with a valid duration
    rules = program(code)

    # when a budget just outside its range is checked
    with pytest.raises(InvalidValue) as refused:
        rules.check_plan(budget_krw, rules.min_months)

    # then the rule is stated next to the budget field
    assert refused.value.field == "budget_krw"
    assert refused.value.message == message


@pytest.mark.parametrize(
    ("code", "duration_months", "message"),
    [
        (
            "demand_responsive",
            0,
            "수요대응 공동기술지원사업의 과제기간은 1개월 이상이어야 합니다 (입력: 0개월).",
        ),
        (
            "demand_responsive",
            4,
            "수요대응 공동기술지원사업의 과제기간은 3개월 이하여야 합니다 (입력: 4개월).",
        ),
        (
            "institute_main",
            0,
            "출연(연)기관 주요사업의 과제기간은 1개월 이상이어야 합니다 (입력: 0개월).",
        ),
        (
            "institute_main",
            12,
            "출연(연)기관 주요사업의 과제기간은 11개월 이하여야 합니다 (입력: 12개월).",
        ),
        (
            "government_commissioned",
            11,
            "정부수탁사업의 과제기간은 12개월 이상이어야 합니다 (입력: 11개월).",
        ),
    ],
)
def test_a_duration_just_outside_a_program_is_refused_stating_the_rule(
    code: str, duration_months: int, message: str
) -> None:
    # given a program and a plan with a valid budget
    rules = program(code)

    # when a duration just outside its range is checked
    with pytest.raises(InvalidValue) as refused:
        rules.check_plan(rules.min_budget_krw, duration_months)

    # then the rule is stated next to the duration field
    assert refused.value.field == "duration_months"
    assert refused.value.message == message


def test_an_over_budget_demand_responsive_plan_is_told_in_man_won() -> None:
    # given the demand-responsive program
    # when a plan of 45 million won is checked
    with pytest.raises(InvalidValue) as refused:
        program("demand_responsive").check_plan(45_000_000, 2)

    # then the amounts read the way Korean budgets are written
    assert refused.value.message == (
        "수요대응 공동기술지원사업의 예산은 3,000만원 이하여야 합니다 (입력: 4,500만원)."
    )


def test_a_negative_budget_is_refused() -> None:
    # given the government-commissioned program, which has no maximum
    # when a negative budget is checked
    with pytest.raises(InvalidValue) as refused:
        program("government_commissioned").check_plan(-100_000_000, 12)

    # then it is refused as not positive
    assert refused.value.field == "budget_krw"
    assert "0원보다 커야" in refused.value.message


# --- override files -----------------------------------------------------------

FOUR_REGIONS = """
[[regions]]
code = "capital"
name = "수도권"

[[regions]]
code = "central"
name = "중부권"

[[regions]]
code = "honam"
name = "호남권"

[[regions]]
code = "yeongnam"
name = "영남권"
"""


def test_an_override_file_replaces_the_whole_region_list(tmp_path: Path) -> None:
    # given a file listing four regions
    path = write(tmp_path, FOUR_REGIONS)

    # when the reference data is loaded from it
    reference = load_reference(path)

    # then exactly those regions are known, in the file's order
    assert [r.code for r in reference.regions] == ["capital", "central", "honam", "yeongnam"]
    assert reference.region("honam").name == "호남권"


def test_a_default_region_is_unknown_once_the_list_is_replaced(tmp_path: Path) -> None:
    # given an override that replaces the regions
    reference = load_reference(write(tmp_path, FOUR_REGIONS))

    # when a default region is looked up
    # then it is no longer known
    with pytest.raises(UnknownReference):
        reference.region("seoul")


def test_lists_left_out_of_an_override_keep_their_defaults(tmp_path: Path) -> None:
    # given an override that only replaces the regions
    reference = load_reference(write(tmp_path, FOUR_REGIONS))

    # then the other lists are the bundled ones
    defaults = default_reference()
    assert reference.institutes == defaults.institutes
    assert reference.programs == defaults.programs
    assert reference.services == defaults.services
    assert reference.channels == defaults.channels


def test_an_override_can_change_a_program_rule(tmp_path: Path) -> None:
    # given an override raising the demand-responsive ceiling to 50 million
    path = write(
        tmp_path,
        """
        [[programs]]
        code = "demand_responsive"
        name = "수요대응 공동기술지원사업"
        min_budget_krw = 1
        max_budget_krw = 50_000_000
        min_months = 1
        max_months = 3
        selections_per_year = 0
        agreement_due_business_days = 10
        urgency = "긴급한 현장애로 해결 필요"
        developer = "출연(연), 중소기업"
        """,
    )

    # when a 45-million-won plan is checked against it
    # then it is accepted
    load_reference(path).program("demand_responsive").check_plan(45_000_000, 3)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[regions]\ncode = 'a'", "TOML 형식이 잘못되었습니다"),
        (
            FOUR_REGIONS + '\n[[regions]]\ncode = "honam"\nname = "호남"\n',
            "regions에 코드가 중복됩니다: honam",
        ),
        (
            '[[institutes]]\ncode = "KIST"\nname_en = "KIST"\n',
            "institutes의 1번째 항목: name 값이 없습니다",
        ),
        (
            '[[regions]]\ncode = 7\nname = "서울"\n',
            "regions의 1번째 항목: code은(는) 문자열이어야 합니다",
        ),
        (
            '[[regions]]\ncode = ""\nname = "서울"\n',
            "regions의 1번째 항목: code이(가) 비어 있습니다",
        ),
        ('regions = "seoul"\n', "regions은(는) [[regions]] 항목의 목록이어야 합니다"),
        ("regions = []\n", "regions 목록이 비어 있습니다"),
        ('[[region]]\ncode = "seoul"\nname = "서울"\n', "알 수 없는 목록입니다: region"),
        (
            '[[regions]]\ncode = "seoul"\nname = "서울"\nnmae = "x"\n',
            "regions의 1번째 항목: 알 수 없는 키가 있습니다: nmae",
        ),
    ],
    ids=[
        "bad TOML",
        "duplicate code",
        "missing name",
        "code not text",
        "empty code",
        "list not a list",
        "empty list",
        "unknown list",
        "misspelt key",
    ],
)
def test_a_malformed_override_file_is_refused_naming_the_file_and_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    # given an override file with a mistake in it
    path = write(tmp_path, text)

    # when the reference data is loaded from it
    with pytest.raises(InvalidValue) as refused:
        load_reference(path)

    # then the administrator reads which file and what is wrong
    assert refused.value.field == "reference_file"
    assert str(path) in refused.value.message
    assert problem in refused.value.message


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ("max_budget_krw = true", "max_budget_krw은(는) 정수여야 합니다"),
        ("max_budget_krw = 0", "최대 예산(max_budget_krw)이 최소 예산보다 작습니다"),
        ("max_months = 0", "최대 기간(max_months)이 최소 기간보다 짧습니다"),
    ],
    ids=["boolean for a number", "maximum below minimum budget", "maximum below minimum months"],
)
def test_an_inconsistent_program_in_an_override_is_refused(
    tmp_path: Path, fields: str, problem: str
) -> None:
    # given an override whose program rule is wrongly typed or contradicts itself
    path = write(
        tmp_path,
        f"""
        [[programs]]
        code = "demand_responsive"
        name = "수요대응 공동기술지원사업"
        min_budget_krw = 1
        min_months = 1
        selections_per_year = 0
        urgency = "긴급"
        developer = "중소기업"
        {fields}
        """,
    )

    # when the reference data is loaded from it
    with pytest.raises(InvalidValue) as refused:
        load_reference(path)

    # then the program entry and its problem are named
    assert refused.value.field == "reference_file"
    assert f"programs의 1번째 항목: {problem}" in refused.value.message


def test_a_missing_override_file_is_refused_naming_it(tmp_path: Path) -> None:
    # given a path where no file exists
    path = tmp_path / "absent.toml"

    # when the reference data is loaded from it
    with pytest.raises(InvalidValue) as refused:
        load_reference(path)

    # then the administrator reads that the file was not found
    assert refused.value.field == "reference_file"
    assert refused.value.message == f"참조 데이터 파일 {path}: 파일을 찾을 수 없습니다."


def test_an_override_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    # given a file saved in the legacy EUC-KR encoding
    path = tmp_path / "euc-kr.toml"
    path.write_bytes('[[regions]]\ncode = "seoul"\nname = "서울"\n'.encode("euc-kr"))

    # when the reference data is loaded from it
    with pytest.raises(InvalidValue) as refused:
        load_reference(path)

    # then the administrator reads that it must be UTF-8
    assert "UTF-8" in refused.value.message
