"""The local store's cipher is the library's AES-GCM with pooled nonces: the same
format both ways, and never the same nonce twice."""

from __future__ import annotations

import os

import pytest
from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment

from desktop.local.cipher import NONCE_BYTES, LocalStoreCipher
from desktop.local.store import new_store_key

KEY = new_store_key()


def environment() -> Environment:
    return Environment(env={"CIPHER_KEY": KEY})


def test_what_it_encrypts_the_librarys_cipher_decrypts() -> None:
    sealed = LocalStoreCipher(environment()).encrypt("도금층 박리".encode())

    assert AESCipher(environment()).decrypt(sealed).decode() == "도금층 박리"


def test_what_the_librarys_cipher_encrypted_it_decrypts() -> None:
    sealed = AESCipher(environment()).encrypt(b"existing store")

    assert LocalStoreCipher(environment()).decrypt(sealed) == b"existing store"


def test_nonces_never_repeat_across_many_pool_refills() -> None:
    cipher = LocalStoreCipher(environment())

    nonces = {cipher.encrypt(b"x")[:NONCE_BYTES] for _ in range(5000)}

    assert len(nonces) == 5000


def test_a_tampered_ciphertext_is_refused() -> None:
    sealed = bytearray(LocalStoreCipher(environment()).encrypt(b"secret"))
    sealed[-1] ^= 1

    with pytest.raises(ValueError):
        LocalStoreCipher(environment()).decrypt(bytes(sealed))


def test_a_forked_process_draws_a_fresh_pool_instead_of_reusing_the_parents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cipher = LocalStoreCipher(environment())
    cipher.encrypt(b"warm")  # fills the pool in the "parent"
    parent_next = cipher._pool[cipher._offset : cipher._offset + NONCE_BYTES]
    monkeypatch.setattr(os, "getpid", lambda: -1)  # as seen from a child

    child_nonce = cipher.encrypt(b"child")[:NONCE_BYTES]

    assert child_nonce != parent_next
    assert cipher._offset == NONCE_BYTES  # a new pool was drawn
