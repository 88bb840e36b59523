"""The embedded demo server (``dari-server demo``) run in the background for a script:
``make demo`` and ``make screenshots`` start it on a free port with a fresh data folder,
wait until it answers, and stop it when they are done."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 180.0
"""Migrating and storing the demo history takes seconds; a busy machine gets more time."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class DemoServer:
    """``with DemoServer() as server: ... server.url``: started, answering, then stopped."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.port = free_port()
        self.quiet = quiet
        self._scratch = tempfile.TemporaryDirectory(prefix="dari-demo-server-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> DemoServer:
        command = [sys.executable, "-c", "from sync_server.cli import main; main()", "demo"]
        command += ["--port", str(self.port), "--data-dir", self._scratch.name]
        output = subprocess.DEVNULL if self.quiet else None
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=output)
        try:
            self._wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._scratch.cleanup()

    def _wait_until_answering(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"데모 서버가 종료되었습니다 (종료 코드 {self.process.returncode})."
                )
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"데모 서버가 {STARTUP_SECONDS:.0f}초 안에 응답하지 않았습니다.")
