"""The collector keeps the data-map layouts browsers computed, bounded, and refuses bad ones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collector.http_auth import HttpAuth
from collector.map_layouts import EVICTED, MAX_BODY_BYTES, MAX_BOXES, REFUSED
from collector.store import Store
from collector.web import create_app

BOXES: list[tuple[str, int, int, int, int]] = [
    ("g:shop", 0, 0, 300, 120),
    ("w1", 14, 34, 90, 36),
    ("f1-2", 130, 42, 24, 20),
]
LAYOUT = {"boxes": BOXES, "width": 300, "height": 120}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    store.migrate()
    yield store
    store.close()


def test_a_stored_layout_is_served_for_its_hash(store: Store) -> None:
    client = TestClient(create_app(store))
    assert client.get("/api/v1/map-layouts/abc123-9z").status_code == 204
    assert client.put("/api/v1/map-layouts/abc123-9z", json=LAYOUT).status_code == 204
    got = client.get("/api/v1/map-layouts/abc123-9z")
    assert got.status_code == 200
    assert got.json() == {
        "boxes": [[i, float(x), float(y), float(w), float(h)] for i, x, y, w, h in BOXES],
        "width": 300.0,
        "height": 120.0,
    }
    assert client.get("/api/v1/map-layouts/abc123-a0").status_code == 204


def test_the_least_recently_used_layout_leaves_first(store: Store) -> None:
    client = TestClient(create_app(store, map_layout_entries=2))
    evicted = EVICTED._value.get()
    for key in ("a-1", "b-1"):
        assert client.put(f"/api/v1/map-layouts/{key}", json=LAYOUT).status_code == 204
    assert client.get("/api/v1/map-layouts/a-1").status_code == 200  # a is now the newer
    assert client.put("/api/v1/map-layouts/c-1", json=LAYOUT).status_code == 204
    assert [client.get(f"/api/v1/map-layouts/{k}").status_code for k in ("a-1", "b-1", "c-1")] == [
        200,
        204,
        200,
    ]
    assert EVICTED._value.get() == evicted + 1


def test_none_kept_when_the_cache_is_off(store: Store) -> None:
    client = TestClient(create_app(store, map_layout_entries=0))
    assert client.put("/api/v1/map-layouts/a-1", json=LAYOUT).status_code == 204
    assert client.get("/api/v1/map-layouts/a-1").status_code == 204


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        json.dumps({**LAYOUT, "extra": 1}).encode(),
        json.dumps({**LAYOUT, "boxes": [["w1", 0, 0, 10]]}).encode(),
        json.dumps({**LAYOUT, "boxes": [["", 0, 0, 10, 10]]}).encode(),
        json.dumps({**LAYOUT, "width": 1e12}).encode(),
        b'{"boxes": [["w1", NaN, 0, 10, 10]], "width": 1, "height": 1}',
        json.dumps({**LAYOUT, "boxes": [["w", 0, 0, 1, 1]] * (MAX_BOXES + 1)}).encode(),
    ],
    ids=["not-json", "extra-key", "short-box", "empty-id", "huge", "nan", "too-many"],
)
def test_malformed_layouts_are_refused_and_counted(store: Store, body: bytes) -> None:
    client = TestClient(create_app(store))
    refused = REFUSED._value.get()
    answer = client.put(
        "/api/v1/map-layouts/a-1", content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code in (413, 422)
    assert REFUSED._value.get() == refused + 1
    assert client.get("/api/v1/map-layouts/a-1").status_code == 204


def test_an_oversized_body_is_refused_with_413(store: Store) -> None:
    client = TestClient(create_app(store))
    answer = client.put(
        "/api/v1/map-layouts/a-1",
        content=b" " * (MAX_BODY_BYTES + 1),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 413


@pytest.mark.parametrize("key", ["UPPER-1", "a_b-1", "a" * 13 + "-1", "nodash"])
def test_keys_are_hashes_only(store: Store, key: str) -> None:
    client = TestClient(create_app(store))
    assert client.put(f"/api/v1/map-layouts/{key}", json=LAYOUT).status_code == 422


def test_layouts_ask_who_you_are_like_the_rest_of_the_api(store: Store, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text("s3cret-token\n")
    client = TestClient(create_app(store, auth=HttpAuth("token", tokens)))
    assert client.put("/api/v1/map-layouts/a-1", json=LAYOUT).status_code == 401
    assert client.get("/api/v1/map-layouts/a-1").status_code == 401
    signed = {"Authorization": "Bearer s3cret-token"}
    assert client.put("/api/v1/map-layouts/a-1", json=LAYOUT, headers=signed).status_code == 204
    assert client.get("/api/v1/map-layouts/a-1", headers=signed).status_code == 200
