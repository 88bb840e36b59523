"""``create_app(settings)``: the FastAPI application of the central sync server."""

from __future__ import annotations

from fastapi import FastAPI

from sync_server.database import create_database_engine
from sync_server.notifier import HeadNotifier
from sync_server.problems import install_problem_handlers
from sync_server.routers import auth, conflicts, meta, sync
from sync_server.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="Dari sync server", version=meta.SERVER_VERSION)
    app.state.settings = settings
    app.state.engine = create_database_engine(settings.effective_database_url)
    app.state.notifier = HeadNotifier()
    install_problem_handlers(app)
    app.include_router(meta.router)
    app.include_router(auth.router)
    app.include_router(sync.router)
    app.include_router(conflicts.router)
    return app
