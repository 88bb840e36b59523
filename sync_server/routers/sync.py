"""Push, pull and wait: the sync endpoints. Every call states its protocol version."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from domain.reference import default_reference
from sync_protocol import PullPage, PushRequest, PushResponse
from sync_server.auth.dependencies import CurrentSession
from sync_server.central_history import head
from sync_server.ingest import BatchRefused, push
from sync_server.notifier import HeadNotifier
from sync_server.problems import ProblemError
from sync_server.pull import pull_json
from sync_server.routers.meta import protocol_header

router = APIRouter(prefix="/sync", tags=["sync"], dependencies=[Depends(protocol_header)])


def _notifier(request: Request) -> HeadNotifier:
    notifier: HeadNotifier = request.app.state.notifier
    return notifier


@router.post(
    "/push",
    response_model=PushResponse,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": PushRequest.model_json_schema()}},
        }
    },
)
async def push_events(session: CurrentSession, request: Request) -> Response:
    """Judge a batch. The body is validated straight from its bytes (pydantic's fast
    path): at 1,000 events a batch, that is most of the HTTP cost."""
    settings = request.app.state.settings
    batch = _push_request(await request.body())
    if len(batch.events) > settings.max_batch_events:
        raise ProblemError(
            413,
            "batch_too_large",
            f"한 번에 보낼 수 있는 기록은 {settings.max_batch_events:,}건까지입니다.",
        )
    try:
        results, high_water_mark = await run_in_threadpool(
            push, request.app.state.engine, session, batch.events, default_reference()
        )
    except BatchRefused as refused:
        raise ProblemError(refused.status, refused.code, refused.detail) from None
    _notifier(request).advance(high_water_mark)
    answer = PushResponse(results=results, high_water_mark=high_water_mark)
    return Response(answer.model_dump_json(), media_type="application/json")


def _push_request(body: bytes) -> PushRequest:
    try:
        return PushRequest.model_validate_json(body)
    except ValidationError as invalid:
        raise RequestValidationError(invalid.errors(include_url=False)) from None


@router.get("/pull", response_model=PullPage)
def pull_events(
    session: CurrentSession,
    request: Request,
    cursor: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> Response:
    body = pull_json(request.app.state.engine, session.actor, cursor, limit)
    return Response(body, media_type="application/json")


@router.get("/wait")
async def wait_for_events(
    session: CurrentSession,
    request: Request,
    cursor: Annotated[int, Query(ge=0)] = 0,
    timeout: Annotated[float, Query(ge=0, le=60)] = 25.0,
) -> dict[str, int]:
    """Long-poll: answers as soon as the history passes ``cursor``, or at ``timeout``."""
    engine = request.app.state.engine

    def read_head() -> int:
        with engine.connect() as connection:
            return head(connection)

    async def read_head_async() -> int:
        return await run_in_threadpool(read_head)

    latest = await _notifier(request).wait_beyond(cursor, timeout, read_head_async)
    return {"high_water_mark": latest}
