"""Login, tokens, the signed-in user and their devices."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_id: str = Field(min_length=1, max_length=100)
    device_name: str = Field(default="", max_length=200)


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    refresh_token: str = Field(min_length=1, max_length=4000)


class TokenPair(BaseModel):
    model_config = ConfigDict(frozen=True)

    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    """Seconds the access token lives."""
    refresh_expires_in: int


class UserInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    username: str
    display_name: str
    role: str
    region: str | None = None
    institute: str | None = None


class DeviceInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    device_id: str
    username: str
    name: str
    registered_at: datetime
    last_seen_at: datetime | None
    revoked: bool
