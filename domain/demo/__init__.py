"""Demo data (데모 자료) recorded through the domain's own commands, so every event in
it passed the same checks as a real one: a week of one regional center in 2024
(``scenario``), the recent weeks of that center relative to a given instant
(``center``), and the people who record them (``people``).

Aggregate ids are fixed (uuid5), so the same demo recorded twice is the same history:
the sync server stores it once. No framework here; the desktop and the server each
store it their own way."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

DEMO_NAMESPACE = uuid5(NAMESPACE_URL, "https://dari.kr/demo")


def demo_id(name: str) -> UUID:
    """A fixed id for a named demo aggregate."""
    return uuid5(DEMO_NAMESPACE, name)
