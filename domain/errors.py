"""Domain errors. Each carries a message a counselor can read (Korean) and,
where one field is to blame, the name of that field so a form can show the
message next to it."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken. ``message`` is Korean, for people."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidValue(DomainError):
    """A value given for a field is malformed or out of range."""


class UnknownReference(DomainError):
    """A code does not name a known region, institute, program, service or channel."""


class IllegalTransition(DomainError):
    """The command is not allowed in the aggregate's current state."""


class NotPermitted(DomainError):
    """The person recording is not allowed to do this."""
