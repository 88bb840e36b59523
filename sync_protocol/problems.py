"""RFC 9457 problem details, with Dari's ``code`` and ``field`` extensions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    code: str | None = None
    """Stable machine-readable reason, e.g. ``protocol_too_old``, ``token_expired``."""
    field: str | None = None
