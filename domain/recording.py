"""Who records a change, on which device, when, and against which reference data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.errors import InvalidValue
from domain.reference import ReferenceData, default_reference


@dataclass(frozen=True)
class Recording:
    """The context of one command: the person (user id), their device, the instant
    (``None`` means now) and the reference data the command is judged against."""

    user: str
    device: str
    at: datetime | None = None
    reference: ReferenceData = field(default_factory=default_reference, compare=False)

    def __post_init__(self) -> None:
        if not self.user.strip():
            raise InvalidValue("기록하는 사용자를 알 수 없습니다.", field="user")
        if not self.device.strip():
            raise InvalidValue("기록하는 기기를 알 수 없습니다.", field="device")
        if self.at is not None and self.at.tzinfo is None:
            raise InvalidValue("기록 시각에는 시간대가 있어야 합니다.", field="at")

    def moved_to(self, at: datetime) -> Recording:
        """The same person and device at another instant."""
        return Recording(self.user, self.device, at, self.reference)
