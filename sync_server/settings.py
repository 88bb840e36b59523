"""Server settings from the environment or a ``.env`` file (prefix ``DARI_``)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DARI_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str = ""
    """Empty means the embedded default: an SQLite file in ``data_dir``."""
    secret_key: str = Field(default_factory=lambda: secrets.token_urlsafe(32))
    access_token_seconds: int = 15 * 60
    refresh_token_seconds: int = 30 * 24 * 3600
    login_attempts_allowed: int = 5
    login_window_seconds: int = 5 * 60
    max_batch_events: int = 1000
    pull_page_limit: int = 1000
    long_poll_seconds: float = 25.0
    projector: Literal["thread", "process"] = "thread"
    """Where the read models are folded: a thread of the server, or a child process of
    its own (``dari-server serve`` on PostgreSQL, unless ``DARI_PROJECTOR`` says
    otherwise), so folding does not compete with judging pushes for the interpreter."""

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'dari-server.sqlite').resolve()}"


def with_lasting_secret(settings: Settings) -> Settings:
    """Tokens must outlive a restart and be valid on every worker: unless a secret key
    was configured, keep one in ``data_dir/secret.key`` (readable by the server only)."""
    if "secret_key" in settings.model_fields_set:
        return settings
    path = settings.data_dir / "secret.key"
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return settings.model_copy(update={"secret_key": path.read_text().strip()})


def with_serving_defaults(settings: Settings) -> Settings:
    """What a served server uses unless configured: on PostgreSQL, the projector folds in
    a process of its own (measured on 100,000 pushed events: ~15% more events a second,
    and the read models keep pace). The embedded SQLite file keeps its one writer."""
    if "projector" in settings.model_fields_set:
        return settings
    if not settings.effective_database_url.startswith("postgresql"):
        return settings
    return settings.model_copy(update={"projector": "process"})
