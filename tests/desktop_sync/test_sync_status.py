"""``SyncStatus``: observers get an immutable copy of every change."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.sync.status import Connection, StatusSnapshot, SyncStatus


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_observers_get_a_copy_on_every_change_and_none_without_one() -> None:
    status = SyncStatus()
    seen: list[StatusSnapshot] = []
    status.subscribe(seen.append)

    status.update(connection=Connection.OFFLINE, last_error="서버에 연결할 수 없습니다.")
    status.update(connection=Connection.OFFLINE)
    status.update(pending=3)

    assert [(s.connection, s.pending) for s in seen] == [
        (Connection.OFFLINE, 0),
        (Connection.OFFLINE, 3),
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        seen[0].pending = 9  # type: ignore[misc]


def test_an_unsubscribed_observer_hears_nothing_more() -> None:
    status = SyncStatus()
    seen: list[StatusSnapshot] = []
    unsubscribe = status.subscribe(seen.append)

    unsubscribe()
    status.update(pending=1)

    assert seen == []


def test_a_long_pull_reports_done_total_and_an_eta() -> None:
    clock = FakeClock()
    status = SyncStatus(monotonic=clock)

    status.pull_started(cursor=1000, high_water_mark=11000)
    clock.now += 2.0
    status.pull_advanced(cursor=3000, high_water_mark=11000)

    progress = status.snapshot().pull
    assert progress is not None
    assert (progress.done, progress.total) == (2000, 10000)
    assert progress.fraction == pytest.approx(0.2)
    assert progress.eta_seconds == pytest.approx(8.0)


def test_a_finished_pull_leaves_no_progress_behind() -> None:
    status = SyncStatus()
    status.pull_started(cursor=0, high_water_mark=10)

    status.pull_finished()

    assert status.snapshot().pull is None


def test_each_connection_state_has_a_korean_label() -> None:
    assert Connection.UPDATE_REQUIRED.label == "Dari 업데이트 필요"
    assert all(c.label for c in Connection)
    assert StatusSnapshot(connection=Connection.ONLINE).online
