"""``create_app(settings)``: the FastAPI application of the central sync server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from domain.reference import default_reference
from sync_server.database import create_database_engine
from sync_server.problems import install_problem_handlers
from sync_server.projections.background import BackgroundProjector, WakingHeadNotifier
from sync_server.projections.mirror import FactsMirror
from sync_server.routers import auth, conflicts, meta, reports, sync
from sync_server.settings import Settings


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The projector keeps the read models caught up while the server runs."""
    projector: BackgroundProjector = app.state.projector
    projector.start()
    try:
        yield
    finally:
        projector.stop()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="Dari sync server", version=meta.SERVER_VERSION, lifespan=_lifespan)
    app.state.settings = settings
    app.state.engine = create_database_engine(settings.effective_database_url)
    app.state.facts_mirror = FactsMirror(default_reference())
    app.state.projector = BackgroundProjector(
        app.state.engine,
        default_reference(),
        mirror=app.state.facts_mirror,
        fold_in_process=settings.projector == "process",
    )
    app.state.notifier = WakingHeadNotifier(app.state.projector.wake)
    install_problem_handlers(app)
    app.include_router(meta.router)
    app.include_router(auth.router)
    app.include_router(sync.router)
    app.include_router(conflicts.router)
    app.include_router(reports.router)
    return app
