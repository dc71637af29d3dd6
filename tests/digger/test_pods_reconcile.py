"""What a new sieve.pods publisher writes: only the difference between the topic and its state."""

from __future__ import annotations

from digger.cluster import reconcile


def test_only_changed_identities_and_tombstones_for_unknown_addresses():
    current = {"10.0.0.1": b"web", "10.0.0.2": b"db-old", "10.0.0.3": b"gone"}
    desired = {"10.0.0.1": b"web", "10.0.0.2": b"db-new", "10.0.0.4": b"new"}
    assert reconcile(current, desired) == [
        ("10.0.0.2", b"db-new"),
        ("10.0.0.4", b"new"),
        ("10.0.0.3", None),
    ]


def test_a_topic_that_already_holds_the_state_gets_nothing():
    state = {"10.0.0.1": b"web", "fd00::1": b"svc"}
    assert reconcile(dict(state), state) == []


def test_an_empty_topic_gets_the_whole_state_and_an_empty_state_clears_the_topic():
    assert reconcile({}, {"10.0.0.1": b"web"}) == [("10.0.0.1", b"web")]
    assert reconcile({"10.0.0.1": b"web"}, {}) == [("10.0.0.1", None)]
