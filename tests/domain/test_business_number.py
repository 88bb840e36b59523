"""사업자등록번호: parsing, the check digit and the printed form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.business_number import BusinessNumber, with_check_digit
from domain.errors import InvalidValue

# Worked by hand: digits 1..9 weighted by 1,3,7,1,3,7,1,3,5 give
# 1+6+21+4+15+42+7+24+45 = 165; the 9th digit adds (9*5)//10 = 4, so 169;
# the check digit is (10 - 169 % 10) % 10 = 1.
HAND_CHECKED = "1234567891"

first_nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def test_a_hand_checked_number_is_valid() -> None:
    # given the first nine digits of the hand-worked example
    # when the check digit is appended
    # then it is the one computed by hand
    assert with_check_digit("123456789") == HAND_CHECKED


def test_a_number_written_with_hyphens_is_parsed() -> None:
    # given a valid number in the printed form
    number = with_check_digit("220816251")
    written = f"{number[:3]}-{number[3:5]}-{number[5:]}"

    # when it is parsed
    parsed = BusinessNumber.parse(written)

    # then the digits are kept without hyphens
    assert parsed.digits == number


def test_a_number_written_as_ten_bare_digits_is_parsed() -> None:
    # given a valid number without hyphens
    # when it is parsed
    parsed = BusinessNumber.parse(HAND_CHECKED)

    # then the digits are kept as given
    assert parsed.digits == HAND_CHECKED


def test_spaces_around_the_number_are_ignored() -> None:
    # given a valid number typed with surrounding spaces
    # when it is parsed
    parsed = BusinessNumber.parse("  123-45-67891 \t")

    # then the spaces do not matter
    assert parsed.digits == HAND_CHECKED


def test_the_number_prints_in_the_certificate_format() -> None:
    # given a parsed number
    number = BusinessNumber.parse(HAND_CHECKED)

    # when it is shown
    # then it is written 3-2-5 with hyphens, by str() as by formatted
    assert number.formatted == "123-45-67891"
    assert str(number) == "123-45-67891"


def test_a_wrong_check_digit_is_refused_naming_the_field() -> None:
    # given a number whose last digit does not match the first nine
    # when it is parsed
    with pytest.raises(InvalidValue) as refused:
        BusinessNumber.parse("123-45-67890")

    # then the counselor is told the check digit is wrong, next to the field
    assert refused.value.field == "business_number"
    assert refused.value.message == (
        "사업자등록번호의 검증번호가 맞지 않습니다. 번호를 다시 확인해 주세요."
    )


@pytest.mark.parametrize("text", ["123456789", "12345678901", "123-45-6789", "1234-5-67891"])
def test_a_number_of_the_wrong_length_or_grouping_is_refused(text: str) -> None:
    # given digits of the wrong count, or hyphens in the wrong places
    # when they are parsed
    with pytest.raises(InvalidValue) as refused:
        BusinessNumber.parse(text)

    # then the counselor is told the expected form
    assert refused.value.field == "business_number"
    assert refused.value.message == "사업자등록번호는 숫자 10자리여야 합니다 (예: 123-45-67890)."


@pytest.mark.parametrize(
    "text", ["123-45-6789O", "abcdefghij", "１２３４５６７８９１", "123 45 67891"]
)
def test_a_number_with_letters_or_other_characters_is_refused(text: str) -> None:
    # given text that is not ten ASCII digits (letter O, full-width digits, spaces)
    # when it is parsed
    with pytest.raises(InvalidValue) as refused:
        BusinessNumber.parse(text)

    # then it is refused, naming the field in Korean
    assert refused.value.field == "business_number"
    assert "사업자등록번호" in refused.value.message


def test_an_empty_number_is_refused_asking_for_one() -> None:
    # given only spaces
    # when they are parsed
    with pytest.raises(InvalidValue) as refused:
        BusinessNumber.parse("   ")

    # then the counselor is asked to enter the number
    assert refused.value.field == "business_number"
    assert refused.value.message == "사업자등록번호를 입력해 주세요."


def test_a_business_number_cannot_be_built_around_the_check() -> None:
    # given digits with a wrong check digit
    # when the value object is built directly
    # then the same rule applies as in parse
    with pytest.raises(InvalidValue):
        BusinessNumber("1234567890")


def test_the_check_digit_helper_refuses_anything_but_nine_digits() -> None:
    # given eight digits
    # when a check digit is asked for
    # then it is refused
    with pytest.raises(InvalidValue):
        with_check_digit("12345678")


@given(first_nine_digits)
def test_a_number_with_a_computed_check_digit_always_parses(first_nine: str) -> None:
    # given any nine digits completed with their check digit
    number = with_check_digit(first_nine)

    # when the number is parsed
    parsed = BusinessNumber.parse(number)

    # then it is accepted as is
    assert parsed.digits == number


@given(first_nine_digits, st.integers(min_value=1, max_value=9))
def test_changing_the_last_digit_makes_a_number_invalid(first_nine: str, shift: int) -> None:
    # given a valid number whose last digit is changed to any other digit
    valid = with_check_digit(first_nine)
    changed = first_nine + str((int(valid[9]) + shift) % 10)

    # when it is parsed
    # then it is refused for its check digit
    with pytest.raises(InvalidValue) as refused:
        BusinessNumber.parse(changed)
    assert "검증번호" in refused.value.message


@given(first_nine_digits)
def test_the_printed_form_parses_back_to_the_same_number(first_nine: str) -> None:
    # given a valid number
    number = BusinessNumber.parse(with_check_digit(first_nine))

    # when its printed form is parsed
    # then it is the same number
    assert BusinessNumber.parse(number.formatted) == number
