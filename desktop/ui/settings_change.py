"""Changing the settings (설정) of a signed-in session, without Qt: the server address
(kept in the profile) and the preferences (idle lock minutes, display language).

A new server address is refused while this profile holds records the server has not
taken yet: they were recorded for the old server and must reach it first."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.local.preferences import LANGUAGES, Preferences, PreferencesError
from desktop.ui.session import PREFERENCES_FILE, SERVER_FIELD, Session, SignInError, server_address

IDLE_FIELD = "idle_lock_minutes"
LANGUAGE_FIELD = "language"


@dataclass(frozen=True)
class SettingsChange:
    """What a saved change did, for the window to apply at once."""

    preferences: Preferences
    server_changed: bool
    language_changed: bool


def unsynced_records(session: Session) -> int:
    """Local records not in the server's history yet (sent or not)."""
    return session.workspace.pending_count()


def change_settings(
    session: Session, *, server: str, idle_lock_minutes: int, language: str
) -> SettingsChange:
    """Check everything, then save; ``SignInError`` (naming the field) and nothing
    saved when a value is refused."""
    address = server_address(server)
    try:
        preferences = Preferences(idle_lock_minutes=idle_lock_minutes, language=language)
    except PreferencesError as error:
        field = IDLE_FIELD if language in LANGUAGES else LANGUAGE_FIELD
        raise SignInError(error.message, field) from None
    server_changed = address != (session.settings.server_url or "")
    if server_changed:
        waiting = unsynced_records(session)
        if waiting:
            raise SignInError(
                f"이 컴퓨터에 아직 서버로 보내지 않은 기록이 {waiting:,}건 있어 서버 주소를 "
                "바꿀 수 없습니다. 기록이 지금의 서버에 전송된 뒤에 바꿔 주세요.",
                SERVER_FIELD,
            )
        settings = replace(session.settings, server_url=address)
        session.profile.save_settings(settings)
        session.settings = settings
    language_changed = preferences.language != session.preferences.language
    preferences.save(session.profile.directory / PREFERENCES_FILE)
    session.preferences = preferences
    return SettingsChange(preferences, server_changed, language_changed)
