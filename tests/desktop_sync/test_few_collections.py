"""A long pull raises the young generation's threshold and puts it back afterwards."""

import gc

import pytest

from desktop.sync.garbage import YOUNG_THRESHOLD, few_collections


@pytest.fixture
def default_threshold():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_young_threshold_is_raised_inside_and_restored_after(default_threshold):
    with few_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_set_by_the_program_is_never_lowered(default_threshold):
    gc.set_threshold(50_000, 10, 10)
    with few_collections():
        assert gc.get_threshold()[0] == 50_000
    assert gc.get_threshold()[0] == 50_000


def test_the_threshold_is_restored_when_the_pull_fails(default_threshold):
    with pytest.raises(RuntimeError), few_collections():
        raise RuntimeError("server went away")
    assert gc.get_threshold() == (700, 10, 10)
