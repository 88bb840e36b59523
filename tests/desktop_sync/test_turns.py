"""The window's turn: background threads step aside at their pause points while the
window holds it, and go on when it is given back (or after the longest pause)."""

from __future__ import annotations

import threading
import time

from desktop.sync.turns import Turns


def a_background_thread(turns: Turns) -> tuple[threading.Thread, threading.Event]:
    passed = threading.Event()

    def work() -> None:
        turns.pause_point()
        passed.set()

    thread = threading.Thread(target=work, daemon=True)
    return thread, passed


def test_a_pause_point_returns_at_once_when_the_window_has_no_turn() -> None:
    turns = Turns(max_pause=30)
    started = time.monotonic()
    turns.pause_point()
    assert time.monotonic() - started < 5
    assert not turns.in_foreground


def test_a_background_thread_waits_while_the_window_has_its_turn() -> None:
    turns = Turns(max_pause=30)
    thread, passed = a_background_thread(turns)
    with turns.foreground():
        assert turns.in_foreground
        thread.start()
        assert not passed.wait(0.2)
    assert passed.wait(10)
    assert not turns.in_foreground


def test_nested_turns_end_with_the_outermost() -> None:
    turns = Turns(max_pause=30)
    thread, passed = a_background_thread(turns)
    give_back = turns.take()
    with turns.foreground():
        thread.start()
    assert not passed.wait(0.2)
    give_back()
    assert passed.wait(10)


def test_giving_a_turn_back_twice_does_not_end_another_turn() -> None:
    turns = Turns(max_pause=30)
    first = turns.take()
    second = turns.take()
    first()
    first()
    assert turns.in_foreground
    second()
    assert not turns.in_foreground


def test_a_turn_never_holds_a_background_thread_longer_than_the_longest_pause() -> None:
    turns = Turns(max_pause=0.05)
    thread, passed = a_background_thread(turns)
    turns.take()  # never given back
    thread.start()
    assert passed.wait(10)


def test_a_turn_never_given_back_expires_and_later_pause_points_do_not_wait() -> None:
    turns = Turns(max_pause=0.05)
    give_back = turns.take()
    turns.pause_point()  # waits once, then the turn expires

    assert not turns.in_foreground
    give_back()  # too late: changes nothing
    assert not turns.in_foreground
    with turns.foreground():
        assert turns.in_foreground
    assert not turns.in_foreground
