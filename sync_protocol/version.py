"""Which protocol each side speaks."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MIN_CLIENT_PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "Dari-Protocol"
"""Every request after the handshake carries this header with the client's version."""


class Handshake(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    protocol_version: int = Field(ge=0)
    client_version: str = Field(max_length=40)


class ServerInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    protocol_version: int
    min_client_protocol_version: int
    server_version: str
