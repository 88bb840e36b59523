"""A pulled page is stored as the wire carries it, sealed by the store's cipher, never
decoded and encoded again: what is stored must read back as the same events."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

from sync_builders import OTHER_COUNSELOR, SECRET_DESCRIPTION, OpenWorkspace, a_case, a_company

from desktop.local.store import new_store_key
from desktop.local.workspace import Workspace
from domain.wire import state_bytes, to_wire, unreadable_reason


def sealed_page(workspace: Workspace, *aggregates: object) -> list:  # type: ignore[type-arg]
    page = []
    for aggregate in aggregates:
        for event in aggregate.collect_events():  # type: ignore[attr-defined]
            wire = to_wire(event)
            state = workspace.sealed(
                wire.aggregate_id, wire.version, wire.topic, state_bytes(wire.payload)
            )
            page.append((uuid4(), state))
    return page


def test_sealed_wire_states_load_as_the_same_case(open_workspace: OpenWorkspace) -> None:
    company = a_company(by=OTHER_COUNSELOR)
    case = a_case(company, by=OTHER_COUNSELOR)
    expected_description = case.description
    workspace = open_workspace("laptop")

    stored = workspace.add_canonical_states(sealed_page(workspace, company, case), cursor=2)

    assert stored == 2
    assert workspace.cursor == 2
    loaded = workspace.load_case(case.id)
    assert loaded.description == expected_description
    assert loaded.version == case.version


def test_a_sealed_state_is_encrypted_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "laptop.sqlite"
    workspace = Workspace.open(path, cipher_key=new_store_key())
    company = a_company(by=OTHER_COUNSELOR)

    workspace.add_canonical_states(
        sealed_page(workspace, company, a_case(company, by=OTHER_COUNSELOR)), cursor=2
    )
    workspace.close()

    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith(path.name))
    assert SECRET_DESCRIPTION.encode() not in on_disk


def test_the_same_page_pulled_twice_is_stored_once(open_workspace: OpenWorkspace) -> None:
    workspace = open_workspace("laptop")
    company = a_company(by=OTHER_COUNSELOR)
    page = sealed_page(workspace, company, a_case(company, by=OTHER_COUNSELOR))

    first = workspace.add_canonical_states(page, cursor=2)
    second = workspace.add_canonical_states(page, cursor=2)

    assert (first, second) == (2, 0)


def test_a_topic_or_schema_this_version_cannot_read_is_named() -> None:
    assert unreadable_reason("dari.Case.Received", 1) is None
    assert "알 수 없는" in (unreadable_reason("dari.Case.Teleported", 1) or "")
    assert "알 수 없는" in (unreadable_reason("other.Thing", 1) or "")
    assert "새 형식" in (unreadable_reason("dari.Case.Received", 99) or "")
