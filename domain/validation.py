"""Small checks shared by the aggregates' preconditions; each raises ``InvalidValue``
with a Korean message that names the field as a counselor sees it."""

from __future__ import annotations

from domain.errors import InvalidValue


def required_text(value: object, field: str, label: str, *, max_length: int = 2000) -> str:
    """Non-empty text, at most ``max_length`` characters, surrounding spaces removed."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"{label}을(를) 입력해 주세요.", field=field)
    text = value.strip()
    if len(text) > max_length:
        raise InvalidValue(
            f"{label}은(는) {max_length:,}자 이내로 입력해 주세요 (입력: {len(text):,}자).",
            field=field,
        )
    return text


def one_of(value: object, choices: dict[str, str], field: str, label: str) -> str:
    """One of the codes in ``choices`` (code → Korean label)."""
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(choices.values())
        raise InvalidValue(f"{label}은(는) 다음 중 하나여야 합니다: {allowed}.", field=field)
    return value


def whole_number_between(value: object, low: int, high: int, field: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidValue(f"{label}은(는) {low}에서 {high} 사이의 정수여야 합니다.", field=field)
    return value


def hours(value: object, field: str, label: str) -> float:
    """A positive number of hours within one day."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 24:
        raise InvalidValue(f"{label}은(는) 0시간 초과 24시간 이하여야 합니다.", field=field)
    return float(value)
