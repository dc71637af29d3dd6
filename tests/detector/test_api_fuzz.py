"""Hostile JSON, generated: lone surrogates, huge numbers, long keys, deep nesting, many
siblings. Whatever the body, the answer is never a 5xx, and a 200 answers every document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.api import create_app
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings

JSON = {"content-type": "application/json"}

surrogates = st.integers(0xD800, 0xDFFF).map(chr)
hostile_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.one_of(surrogates, st.characters()), max_size=12),
    st.builds(lambda c, n: c * n, st.sampled_from("aZ9@ ._\ud800"), st.integers(100, 5_000)),
    st.sampled_from(["email", "phone", "card_number", "ssn", "value", "type", "name", "iban"]),
)
hostile_numbers = st.one_of(
    st.integers(),
    st.integers(300, 4_000).map(lambda n: 10**n - 1),  # json's int limit is 4,300 digits
    st.integers(300, 4_000).map(lambda n: -(10**n)),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(st.none(), st.booleans(), hostile_numbers, hostile_text)


def _deep(leaf: Any, depth: int, key: str) -> Any:
    for i in range(depth):
        leaf = {key: leaf} if i % 2 else [leaf]
    return leaf


documents = st.one_of(
    st.recursive(
        scalars,
        lambda kids: st.one_of(
            st.lists(kids, max_size=12),
            st.dictionaries(hostile_text, kids, max_size=12),
        ),
        max_leaves=60,
    ),
    st.builds(_deep, scalars, st.integers(1, 80), hostile_text),  # past max_depth too
    st.builds(  # many siblings under a long key
        lambda key, n, value: {key: {f"k{i}": value for i in range(n)}},
        hostile_text,
        st.integers(1, 3_000),
        scalars,
    ),
)


@pytest.fixture(scope="module")
def client(engine: DetectionEngine) -> Iterator[TestClient]:
    app = create_app(DetectorSettings(), loader=lambda s: engine, load_in_background=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@given(docs=st.lists(st.tuples(hostile_text, documents), max_size=4))
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_hostile_documents_never_5xx(client: TestClient, docs: list[tuple[str, Any]]) -> None:
    payload = {"documents": [{"id": i, "body": body} for i, body in docs]}
    raw = json.dumps(payload).encode()  # NaN, Infinity and lone surrogates as json writes
    r = client.post("/v1/detect", content=raw, headers=JSON)
    assert r.status_code < 500, r.text[:200]
    if r.status_code == 200:
        results = json.loads(r.content)["results"]
        # as JSON reads them: an escaped surrogate pair is one character
        assert [res["id"] for res in results] == [json.loads(json.dumps(i)) for i, _ in docs]


@given(raw=st.binary(max_size=300), cut=st.integers(0, 300))
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_broken_bytes_never_5xx(client: TestClient, raw: bytes, cut: int) -> None:
    valid = b'{"documents": [{"id": "\\ud800", "body": {"a": [1e999, NaN, -Infinity]}}]}'
    for body in (raw, valid[:cut], raw + valid, valid.replace(b"1e999", raw)):
        r = client.post("/v1/detect", content=body, headers=JSON)
        assert r.status_code < 500, r.text[:200]
