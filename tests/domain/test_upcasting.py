"""Schema versions of stored events: ``Case.FirstContactMade`` version 1 had no
``method`` (every first contact was a phone call); version 2 added it."""

from __future__ import annotations

import json
from typing import Any

from builders import LIAISON, an_accepted_case
from eventsourcing.persistence import StoredEvent

from domain.application import DariApplication
from domain.case import Case
from domain.case_status import CaseStatus


def an_app() -> DariApplication:
    return DariApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def state_of(stored: StoredEvent) -> dict[str, Any]:
    decoded = json.loads(stored.state)
    assert isinstance(decoded, dict)
    return decoded


def as_version_1(app: DariApplication, first_contact: Case.FirstContactMade) -> StoredEvent:
    """The stored form a version-1 client would have written for ``first_contact``."""
    stored = app.mapper.to_stored_event(first_contact)
    state = app.mapper.transcoder.decode(stored.state)
    del state["method"]
    del state["class_version"]
    return StoredEvent(
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=app.mapper.transcoder.encode(state),
    )


def a_first_contact_by_visit(case: Case) -> Case.FirstContactMade:
    case.make_first_contact(method="visit", summary="현장 방문 상담", by=LIAISON)
    event = case.collect_events()[-1]
    assert isinstance(event, Case.FirstContactMade)
    return event


def test_the_first_contact_event_is_at_schema_version_2() -> None:
    assert Case.FirstContactMade.class_version == 2


def test_a_new_first_contact_is_stored_with_class_version_2_and_its_method() -> None:
    app = an_app()
    case = an_accepted_case()
    case.make_first_contact(method="email", summary="견적 요청 메일", by=LIAISON)

    app.record(case)

    stored = app.recorder.select_events(case.id)[-1]
    assert stored.topic == "dari.Case.FirstContactMade"
    assert state_of(stored)["class_version"] == 2
    assert state_of(stored)["method"] == "email"


def test_events_at_version_1_are_stored_without_a_class_version() -> None:
    app = an_app()
    case = an_accepted_case()

    app.record(case)

    assert all("class_version" not in state_of(s) for s in app.recorder.select_events(case.id))


def test_a_hand_made_version_1_first_contact_is_read_as_a_phone_call() -> None:
    app = an_app()
    v1 = as_version_1(app, a_first_contact_by_visit(an_accepted_case()))
    assert "method" not in state_of(v1)

    event = app.mapper.to_domain_event(v1)

    assert isinstance(event, Case.FirstContactMade)
    assert event.method == "phone"
    assert event.summary == "현장 방문 상담"
    assert (event.recorded_by, event.device) == ("liaison-park", "kimm-desktop")


def test_a_case_with_a_stored_version_1_first_contact_reconstitutes_in_contact() -> None:
    app = an_app()
    case = an_accepted_case()
    app.record(case)
    first_contact = a_first_contact_by_visit(case)

    app.recorder.insert_events([as_version_1(app, first_contact)])

    loaded = app.case(case.id)
    assert loaded.status is CaseStatus.IN_CONTACT
    assert loaded.first_contact_at == first_contact.timestamp
    assert loaded.version == first_contact.originator_version
    stored_first_contact = app.events_of(case.id)[-1]
    assert isinstance(stored_first_contact, Case.FirstContactMade)
    assert stored_first_contact.method == "phone"


def test_an_upcast_first_contact_is_described_as_a_phone_call_on_the_timeline() -> None:
    app = an_app()
    case = an_accepted_case()
    app.record(case)
    app.recorder.insert_events([as_version_1(app, a_first_contact_by_visit(case))])

    last = app.timeline(case.id)[-1]

    assert last.kind == "FirstContactMade"
    assert "전화" in last.text
