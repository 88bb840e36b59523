"""Exponential backoff with jitter, so that 12 centers' laptops coming back online
after an outage do not all knock on the server in the same second."""

from __future__ import annotations

import random


class Backoff:
    """Delays of ``base · 2ⁿ`` capped at ``cap`` seconds, each drawn at random from its
    upper half ("equal jitter"): never a hammering zero, never in lockstep."""

    def __init__(
        self, *, base: float = 1.0, cap: float = 60.0, rng: random.Random | None = None
    ) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rng = rng or random.Random()

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * float(2 ** min(self.failures, 32)))
        self.failures += 1
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)

    def reset(self) -> None:
        self.failures = 0
