"""The password-derived local key: argon2id over a per-profile salt seals the store
key; the seal is the offline verifier (no Qt here)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from ui_builders import CHEAP_KDF

from desktop.local.credentials import (
    WRONG_PASSWORD,
    CredentialsError,
    KdfParams,
    LocalCredentials,
    OtherUser,
    SignedInUser,
    WrongPassword,
    derive_key,
)
from desktop.local.store import new_store_key

KIM = SignedInUser("counselor.kim", "김상담", "counselor", "daejeon")


def credentials_at(tmp_path: Path, name: str = "credentials.json") -> LocalCredentials:
    return LocalCredentials(tmp_path / name, params=CHEAP_KDF)


def test_the_right_password_unlocks_the_sealed_store_key(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    key = credentials.create(KIM, "비밀번호-123")

    assert credentials.unlock("counselor.kim", "비밀번호-123") == key


def test_a_wrong_password_is_refused_with_a_korean_message(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")

    with pytest.raises(WrongPassword) as refused:
        credentials.unlock("counselor.kim", "비밀번호-124")

    assert refused.value.message == WRONG_PASSWORD
    assert "비밀번호가 맞지 않습니다" in refused.value.message


def test_an_empty_password_is_refused_before_any_key_is_derived(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")

    with pytest.raises(WrongPassword, match="비밀번호를 입력해 주세요"):
        credentials.unlock("counselor.kim", "")


def test_another_user_cannot_unlock_this_profile(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")

    with pytest.raises(OtherUser, match=r"counselor\.kim"):
        credentials.unlock("counselor.park", "비밀번호-123")


def test_the_store_key_is_never_written_in_the_clear(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    key = credentials.create(KIM, "비밀번호-123")

    written = credentials.path.read_text(encoding="utf-8")
    assert key not in written
    assert "비밀번호-123" not in written


def test_the_file_is_private_to_its_owner(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")

    assert stat.S_IMODE(credentials.path.stat().st_mode) == 0o600


def test_each_profile_gets_its_own_random_salt(tmp_path: Path) -> None:
    first, second = credentials_at(tmp_path, "a.json"), credentials_at(tmp_path, "b.json")
    first.create(KIM, "비밀번호-123")
    second.create(KIM, "비밀번호-123")

    salts = {json.loads(c.path.read_text())["kdf"]["salt"] for c in (first, second)}
    assert len(salts) == 2


def test_the_key_is_derived_with_argon2id_and_the_salt(tmp_path: Path) -> None:
    salt = b"0123456789abcdef"

    assert derive_key("비밀번호", salt, CHEAP_KDF) == derive_key("비밀번호", salt, CHEAP_KDF)
    assert derive_key("비밀번호", salt, CHEAP_KDF) != derive_key("비밀번호", salt[::-1], CHEAP_KDF)
    assert len(derive_key("비밀번호", salt, CHEAP_KDF)) == 32


def test_the_costs_it_was_sealed_with_are_used_to_unlock_it(tmp_path: Path) -> None:
    cheap = credentials_at(tmp_path)
    key = cheap.create(KIM, "비밀번호-123")

    costly_default = LocalCredentials(cheap.path, params=KdfParams())
    assert costly_default.unlock("counselor.kim", "비밀번호-123") == key
    assert json.loads(cheap.path.read_text())["kdf"]["algorithm"] == "argon2id"


def test_an_existing_store_key_can_be_sealed_instead_of_a_new_one(tmp_path: Path) -> None:
    existing = new_store_key()
    credentials = credentials_at(tmp_path)

    assert credentials.create(KIM, "비밀번호-123", store_key=existing) == existing
    assert credentials.unlock("counselor.kim", "비밀번호-123") == existing


def test_a_new_password_reseals_the_same_key(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    key = credentials.create(KIM, "old-비밀번호")

    credentials.change_password("counselor.kim", "old-비밀번호", "new-비밀번호")

    assert credentials.unlock("counselor.kim", "new-비밀번호") == key
    with pytest.raises(WrongPassword):
        credentials.unlock("counselor.kim", "old-비밀번호")


def test_the_signed_in_user_is_remembered_for_offline_sign_ins(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")

    assert LocalCredentials(credentials.path).user == KIM
    assert LocalCredentials(credentials.path).username == "counselor.kim"


def test_a_damaged_file_says_so_in_korean(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")
    credentials.path.write_text("{not json", encoding="utf-8")

    with pytest.raises(CredentialsError, match="손상되었습니다"):
        credentials.unlock("counselor.kim", "비밀번호-123")


def test_a_tampered_seal_opens_nothing(tmp_path: Path) -> None:
    credentials = credentials_at(tmp_path)
    credentials.create(KIM, "비밀번호-123")
    data = json.loads(credentials.path.read_text())
    data["username"] = "counselor.park"  # the seal is bound to its user
    credentials.path.write_text(json.dumps(data))

    with pytest.raises(WrongPassword):
        credentials.unlock("counselor.park", "비밀번호-123")
