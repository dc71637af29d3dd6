"""The development broker's helpers (scripts/kafka_dev.py)."""

from __future__ import annotations

import base64

from scripts.kafka_dev import new_cluster_id


def test_a_cluster_id_never_starts_with_a_dash() -> None:
    # 0xf8 encodes to '-' first: the storage tool would read `-t -…` as a missing value
    draws = iter([b"\xf8" + bytes(15), b"\xfb" + bytes(15), bytes(16)])
    assert base64.urlsafe_b64encode(b"\xf8" + bytes(15)).startswith(b"-")
    assert new_cluster_id(lambda: next(draws)) == "A" * 22
    ids = {new_cluster_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert not any(i.startswith("-") for i in ids)
    assert all(len(i) == 22 for i in ids)
