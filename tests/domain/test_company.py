"""Companies (기업): registration by business number, the derived id, the profile."""

from __future__ import annotations

import pytest
from builders import BUSINESS_NUMBER, LIAISON, a_company, assert_korean, kst

from domain.business_number import with_check_digit
from domain.company import Company, CompanySize
from domain.errors import IllegalTransition, InvalidValue, UnknownReference


def with_wrong_check_digit(number: str) -> str:
    return number[:9] + str((int(number[9]) + 1) % 10)


def hyphenated(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def test_a_registered_company_keeps_its_profile_and_business_number_digits() -> None:
    company = a_company(business_number=hyphenated(BUSINESS_NUMBER))

    assert company.business_number == BUSINESS_NUMBER
    assert company.name == "다리정밀"
    assert company.region == "daejeon"
    assert company.industry == "금형 제조"
    assert company.size is CompanySize.SMALL
    assert company.has_research_lab is True


def test_a_business_number_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_company(business_number=with_wrong_check_digit(BUSINESS_NUMBER))

    assert_korean(refused.value, field="business_number")


@pytest.mark.parametrize("written", ["", "12-345-67890", "12345678", "123-45-6789O"])
def test_a_business_number_not_written_as_ten_digits_is_refused(written: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        a_company(business_number=written)

    assert_korean(refused.value, field="business_number")


def test_the_same_business_number_written_with_or_without_hyphens_gives_the_same_company() -> None:
    typed_with_hyphens = a_company(business_number=hyphenated(BUSINESS_NUMBER))
    typed_as_digits = a_company(business_number=BUSINESS_NUMBER, by=LIAISON)

    assert typed_with_hyphens.id == typed_as_digits.id


def test_different_business_numbers_give_different_companies() -> None:
    one = a_company(business_number=with_check_digit("123456789"))
    other = a_company(business_number=with_check_digit("123456788"))

    assert one.id != other.id


def test_a_company_in_an_unknown_region_is_refused() -> None:
    with pytest.raises(UnknownReference) as refused:
        a_company(region="jeju")

    assert_korean(refused.value, field="region")


def test_a_company_without_a_name_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_company(name="   ")

    assert_korean(refused.value, field="name")


def test_a_company_without_an_industry_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        a_company(industry="")

    assert_korean(refused.value, field="industry")


@pytest.mark.parametrize("size", ["micro", "small", "medium", "midsize"])
def test_a_company_can_be_any_of_the_sizes(size: str) -> None:
    company = a_company(size=size)

    assert company.size == size


@pytest.mark.parametrize("size", ["large", "SMALL", ""])
def test_a_company_size_outside_the_sizes_is_refused(size: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        a_company(size=size)

    assert_korean(refused.value, field="size")


def test_a_company_that_sets_up_a_research_lab_is_recorded_as_having_one() -> None:
    company = a_company(has_research_lab=False)

    company.change_research_lab(True, by=LIAISON)

    assert company.has_research_lab is True
    assert company.version == 2


def test_recording_the_research_lab_flag_it_already_has_is_refused() -> None:
    company = a_company(has_research_lab=True)

    with pytest.raises(IllegalTransition) as refused:
        company.change_research_lab(True, by=LIAISON)

    assert_korean(refused.value, field="has_research_lab")
    assert company.version == 1


def test_correcting_the_profile_replaces_name_region_industry_and_size() -> None:
    company = a_company()

    company.correct_profile(
        name=" 다리정밀(주) ", region="chungnam", industry="정밀 가공", size="medium", by=LIAISON
    )

    assert (company.name, company.region, company.industry) == (
        "다리정밀(주)",
        "chungnam",
        "정밀 가공",
    )
    assert company.size is CompanySize.MEDIUM
    assert company.business_number == BUSINESS_NUMBER


def test_a_profile_correction_to_an_unknown_region_is_refused_and_changes_nothing() -> None:
    company = a_company()

    with pytest.raises(UnknownReference) as refused:
        company.correct_profile(
            name="다리정밀", region="jeju", industry="금형 제조", size="small", by=LIAISON
        )

    assert_korean(refused.value, field="region")
    assert (company.region, company.version, len(company.pending_events)) == ("daejeon", 1, 1)


def test_a_registration_event_whose_id_does_not_match_the_business_number_is_refused() -> None:
    registered = a_company().collect_events()[0]
    assert isinstance(registered, Company.Registered)
    other_number = with_check_digit("987654321")
    forged = Company.Registered(
        **{**vars(registered), "business_number": other_number},
    )

    with pytest.raises(IllegalTransition) as refused:
        forged.check(None, LIAISON.reference)

    assert_korean(refused.value, field="business_number")


def test_the_registration_event_says_who_registered_the_company_and_when() -> None:
    at = kst(2024, 6, 12, 15)

    registered = a_company(by=LIAISON.moved_to(at)).collect_events()[0]

    assert (registered.recorded_by, registered.device, registered.timestamp) == (
        "liaison-park",
        "kimm-desktop",
        at,
    )
