"""Open endpoints: health, version and the protocol handshake."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from sync_protocol import (
    MIN_CLIENT_PROTOCOL_VERSION,
    PROTOCOL_VERSION,
    Handshake,
    ServerInfo,
)
from sync_protocol.version import PROTOCOL_HEADER
from sync_server.problems import ProblemError

SERVER_VERSION = "0.1.0"

router = APIRouter(tags=["meta"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/version")
def version() -> ServerInfo:
    return ServerInfo(
        protocol_version=PROTOCOL_VERSION,
        min_client_protocol_version=MIN_CLIENT_PROTOCOL_VERSION,
        server_version=SERVER_VERSION,
    )


@router.post("/handshake")
def handshake(hello: Handshake) -> ServerInfo:
    require_protocol(hello.protocol_version)
    return version()


def require_protocol(client_version: int) -> None:
    if client_version < MIN_CLIENT_PROTOCOL_VERSION:
        raise ProblemError(
            426,
            "protocol_too_old",
            "Dari 프로그램이 오래되어 서버와 동기화할 수 없습니다. Dari를 업데이트해 주세요. "
            "저장하지 못한 기록은 이 컴퓨터에 그대로 남아 있습니다.",
            title="update Dari",
        )
    if client_version > PROTOCOL_VERSION:
        raise ProblemError(
            400,
            "protocol_too_new",
            "서버가 이 Dari 버전보다 오래되었습니다. 관리자에게 서버 업데이트를 요청해 주세요.",
        )


def protocol_header(
    dari_protocol: Annotated[int | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> int:
    """Every sync request states its protocol version; a missing header is an old client."""
    version_given = dari_protocol if dari_protocol is not None else 0
    require_protocol(version_given)
    return version_given
