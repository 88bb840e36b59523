"""Password hashes (비밀번호 해시): argon2id through argon2-cffi, with its recommended
parameters. Only the hash is stored; it names its own algorithm and parameters, so
hashes made with older parameters keep verifying and are replaced on the next login.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """A new argon2id hash (``$argon2id$…``) of ``password`` with a random salt."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; a malformed hash matches nothing."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def spend_verification_time(password: str) -> None:
    """Verify against a throwaway hash, so that an unknown username takes as long to
    refuse as a wrong password and the answer time does not reveal who exists."""
    verify_password(_throwaway_hash(), password)


@functools.cache
def _throwaway_hash() -> str:
    return _hasher.hash("dari: no such user")
