"""The shared retry policy: the delay tuple, jitter, Retry-After as a floor, reset."""

from __future__ import annotations

import pytest

from common.backoff import Backoff, retry_after_seconds


def test_walks_the_tuple_and_stays_on_the_last_delay():
    b = Backoff((1.0, 2.0, 5.0), jitter=0.0)
    assert [b.next() for _ in range(5)] == [1.0, 2.0, 5.0, 5.0, 5.0]
    assert b.failures == 5


def test_reset_after_success_starts_again():
    b = Backoff((1.0, 2.0), jitter=0.0)
    b.next()
    b.next()
    b.reset()
    assert b.next() == 1.0


def test_jitter_only_shortens_within_its_fraction():
    b = Backoff((10.0,), jitter=0.5, rand=lambda: 1.0)
    assert b.next() == 5.0
    b = Backoff((10.0,), jitter=0.5, rand=lambda: 0.0)
    assert b.next() == 10.0


def test_retry_after_is_a_floor_even_after_jitter_and_is_capped():
    b = Backoff((1.0,), jitter=0.5, rand=lambda: 1.0, retry_after_max=60.0)
    assert b.next(retry_after=7.0) == 7.0
    assert b.next(retry_after=0.1) == 0.5  # a shorter hint does not shorten the wait
    assert b.next(retry_after=10_000) == 60.0


def test_exponential_doubles_up_to_the_maximum():
    assert Backoff.exponential(0.5, 5.0).delays == (0.5, 1.0, 2.0, 4.0, 5.0)
    assert Backoff.exponential(3.0, 3.0).delays == (3.0,)


@pytest.mark.parametrize("bad", [(), (-1.0,)])
def test_bad_delays_are_refused(bad):
    with pytest.raises(ValueError, match="delays"):
        Backoff(bad)


def test_bad_exponential_bounds_are_refused():
    with pytest.raises(ValueError, match="initial"):
        Backoff.exponential(2.0, 1.0)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, None),
        ({"Retry-After": "-2"}, None),
        ({}, None),
        (None, None),
        ("not a mapping", None),
    ],
)
def test_retry_after_header_parsing(headers, expected):
    assert retry_after_seconds(headers) == expected
