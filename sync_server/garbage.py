"""The garbage collector of a long-running server process (the HTTP server and its
projector process)."""

from __future__ import annotations

import gc

SERVER_YOUNG_THRESHOLD = 50_000
"""A pushed batch of 1,000 events makes ~60,000 short-lived objects, freed by reference
counting. With Python's default young threshold (700) each batch started ~90
collections, and the older generations' walk everything alive (the server's modules,
the reports' in-memory read models). Measured in-process on a 30,000-event push:
judging went from ~80 to ~60 µs an event, and validating a request from ~18 to ~7."""


def collect_garbage_seldom() -> None:
    """For a long-running server: the objects alive after start-up are kept for good and
    frozen out of the collector, and the young generation is collected seldom."""
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, SERVER_YOUNG_THRESHOLD), middle, old)
