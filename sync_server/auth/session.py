"""The signed-in session of a request: who (as a domain ``Actor``) and on which device."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import Actor


@dataclass(frozen=True)
class Session:
    actor: Actor
    device_id: str
