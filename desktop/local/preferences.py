"""The desktop program's own settings (설정), kept in the profile folder as
``desktop.json``: how long the window may sit idle before it locks, and the display
language (the translation files themselves are loaded by the application)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_IDLE_LOCK_MINUTES = 10
MAX_IDLE_LOCK_MINUTES = 120
LANGUAGES = {"ko": "한국어", "en": "English"}
"""Display languages, each named in itself (a code → its own name)."""
DEFAULT_LANGUAGE = "ko"


class PreferencesError(Exception):
    """A setting is out of range. ``message`` is Korean."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Preferences:
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    """Minutes without keyboard or mouse input before the window locks (1–120)."""
    language: str = DEFAULT_LANGUAGE
    """The display language, a key of ``LANGUAGES``."""

    def __post_init__(self) -> None:
        minutes = self.idle_lock_minutes
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise PreferencesError("자동 잠금 시간은 분 단위 정수로 입력해 주세요.")
        if not 1 <= minutes <= MAX_IDLE_LOCK_MINUTES:
            raise PreferencesError(
                f"자동 잠금 시간은 1분에서 {MAX_IDLE_LOCK_MINUTES}분 사이여야 합니다."
            )
        if self.language not in LANGUAGES:
            raise PreferencesError("지원하지 않는 표시 언어입니다.")

    @classmethod
    def load(cls, path: Path) -> Preferences:
        """The saved settings; the defaults when there are none or they are unreadable
        (a broken settings file must not keep anyone from their work)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (OSError, ValueError, TypeError, PreferencesError):
            return cls()

    def save(self, path: Path) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
