"""The Korean business registration number (사업자등록번호): ten digits written
``123-45-67890``, the last of which is a check digit over the first nine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidValue

_FIELD = "business_number"
_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
# re.ASCII so that other Unicode digits (full-width, Arabic-Indic, ...) are refused.
_WRITTEN_FORMS = re.compile(r"\d{3}-\d{2}-\d{5}|\d{10}", re.ASCII)
_NINE_DIGITS = re.compile(r"\d{9}", re.ASCII)
_TEN_DIGITS = re.compile(r"\d{10}", re.ASCII)

_EMPTY = "사업자등록번호를 입력해 주세요."
_BAD_SHAPE = "사업자등록번호는 숫자 10자리여야 합니다 (예: 123-45-67890)."
_BAD_CHECK_DIGIT = "사업자등록번호의 검증번호가 맞지 않습니다. 번호를 다시 확인해 주세요."


@dataclass(frozen=True)
class BusinessNumber:
    """A valid 사업자등록번호. ``digits`` holds the ten digits without hyphens."""

    digits: str

    def __post_init__(self) -> None:
        if not _TEN_DIGITS.fullmatch(self.digits):
            raise InvalidValue(_BAD_SHAPE, field=_FIELD)
        if _check_digit(self.digits[:9]) != self.digits[9]:
            raise InvalidValue(_BAD_CHECK_DIGIT, field=_FIELD)

    @classmethod
    def parse(cls, text: str) -> BusinessNumber:
        """Read a number typed as ``123-45-67890`` or ``1234567890``."""
        written = text.strip()
        if not written:
            raise InvalidValue(_EMPTY, field=_FIELD)
        if not _WRITTEN_FORMS.fullmatch(written):
            raise InvalidValue(_BAD_SHAPE, field=_FIELD)
        return cls(written.replace("-", ""))

    @property
    def formatted(self) -> str:
        """The number as printed on a registration certificate: ``123-45-67890``."""
        return f"{self.digits[:3]}-{self.digits[3:5]}-{self.digits[5:]}"

    def __str__(self) -> str:
        return self.formatted


def with_check_digit(first_nine: str) -> str:
    """The valid ten-digit number that starts with ``first_nine``."""
    if not _NINE_DIGITS.fullmatch(first_nine):
        raise InvalidValue("사업자등록번호 앞부분은 숫자 9자리여야 합니다.", field=_FIELD)
    return first_nine + _check_digit(first_nine)


def _check_digit(first_nine: str) -> str:
    digits = [int(d) for d in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True))
    total += (digits[8] * 5) // 10
    return str((10 - total % 10) % 10)
