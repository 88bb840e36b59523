"""Errors as RFC 9457 problem responses, with a Korean ``detail`` for people."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.errors import DomainError
from sync_protocol.problems import PROBLEM_MEDIA_TYPE, Problem


class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem response."""

    def __init__(
        self, status: int, code: str, detail: str, *, title: str = "", field: str | None = None
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(
            type=f"https://dari.kr/problems/{code}",
            title=title or code.replace("_", " "),
            status=status,
            detail=detail,
            code=code,
            field=field,
        )


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, error: ProblemError) -> JSONResponse:
        return problem_response(error.problem.model_copy(update={"instance": request.url.path}))

    @app.exception_handler(DomainError)
    async def _domain(request: Request, error: DomainError) -> JSONResponse:
        return problem_response(
            Problem(
                type="https://dari.kr/problems/domain_rule",
                title="domain rule",
                status=422,
                detail=error.message,
                code="domain_rule",
                field=error.field,
                instance=request.url.path,
            )
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return problem_response(
            Problem(
                type="https://dari.kr/problems/invalid_request",
                title="invalid request",
                status=422,
                detail=f"요청 형식이 올바르지 않습니다 ({where}: {first.get('msg', '')}).",
                code="invalid_request",
                field=where or None,
                instance=request.url.path,
            )
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        messages = {404: "찾을 수 없는 주소입니다.", 405: "허용되지 않는 요청 방식입니다."}
        return problem_response(
            Problem(
                title=str(error.detail),
                status=error.status_code,
                detail=messages.get(error.status_code, str(error.detail)),
                code=f"http_{error.status_code}",
                instance=request.url.path,
            )
        )
