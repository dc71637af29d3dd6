"""The in-process pipeline: exchanges → reports → store; the bounded live queue."""

from __future__ import annotations

import time
from typing import Any

import pytest

from collector.store import Store
from digger.identities import StaticIdentities
from protos.sieve.v1 import metadata_pb2
from standalone.pipeline import BATCHES_REJECTED, QUEUE_DROPPED, LivePipeline, Pipeline, tolerant
from standalone.settings import StandaloneSettings
from tests.standalone.helpers import NAMES, Found, exchange, keyword_detect


@pytest.fixture
def store() -> Store:
    s = Store("sqlite://")
    s.migrate()
    return s


def make_pipeline(store: Store, **settings: Any) -> Pipeline:
    return Pipeline(
        StandaloneSettings(**settings),
        StaticIdentities.from_mapping(NAMES),
        store,
        detect=keyword_detect,
    )


def test_reports_are_stored_and_named(store: Store) -> None:
    seen: list[metadata_pb2.EndpointReport] = []
    pipeline = make_pipeline(store)
    pipeline.on_reports = seen.extend
    pipeline.process(exchange(request={"email": "a@b.example", "card": "4111111111111111"}))
    pipeline.process(exchange(method="GET", target="/orders/123", response={"total": 3}))
    reports = pipeline.flush()
    assert seen == reports
    assert {(r.method, r.path_template) for r in reports} == {
        ("POST", "/orders"),
        ("GET", "/orders/{orderId:int}"),
    }
    flows = store.flows()
    assert len(flows) == 1
    flow = flows[0]
    assert (flow.source.label, flow.destination.label) == ("web/frontend", "shop/checkout")
    assert flow.exchange_count == 2
    assert {t.data_type for t in flow.data_types} == {"email", "credit_card"}
    assert flow.highest_sensitivity == "high"
    assert store.summary().batches == 1


def test_windows_are_split_into_numbered_batches(store: Store) -> None:
    pipeline = make_pipeline(store, reports_per_batch=1)
    pipeline.process(exchange(request={"email": "a@b.example"}))
    pipeline.process(exchange(target="/refunds", request={"email": "c@d.example"}))
    assert len(pipeline.flush()) == 2
    pipeline.process(exchange(target="/refunds", request={"email": "e@f.example"}))
    assert len(pipeline.flush()) == 1
    assert pipeline.sequence == 3
    assert store.summary().batches == 3
    by_path = {e.path_template: e.exchange_count for e in store.endpoints()}
    assert by_path == {"/orders": 1, "/refunds": 2}


def test_batch_the_store_refuses_is_counted() -> None:
    strict = Store("sqlite://", max_reports_per_batch=1)
    strict.migrate()
    pipeline = make_pipeline(strict, reports_per_batch=2)
    pipeline.process(exchange(request={"email": "a@b.example"}))
    pipeline.process(exchange(target="/refunds", request={"email": "c@d.example"}))
    before = BATCHES_REJECTED._value.get()
    assert len(pipeline.flush()) == 2
    assert BATCHES_REJECTED._value.get() == before + 1
    assert pipeline.reports_stored == 0
    assert strict.summary().endpoints == 0


def test_empty_window_stores_nothing(store: Store) -> None:
    pipeline = make_pipeline(store)
    assert pipeline.flush() == []
    assert store.summary().batches == 0


def test_detector_is_built_lazily_once(store: Store) -> None:
    built: list[int] = []

    def factory() -> Any:
        built.append(1)
        return keyword_detect

    pipeline = Pipeline(
        StandaloneSettings(),
        StaticIdentities.from_mapping(NAMES),
        store,
        detect_factory=factory,
    )
    pipeline.process(exchange(method="GET", target="/x"))  # no body: nothing to detect
    pipeline.flush()
    assert built == []
    pipeline.process(exchange(request={"email": "a@b.example"}))
    pipeline.process(exchange(request={"email": "b@b.example", "x": 1}))
    pipeline.flush()
    assert built == [1]


class PickyEngine:
    """Refuses documents holding the key ``deep``."""

    def detect(self, body: Any) -> list[Found]:
        if "deep" in body:
            raise ValueError("too deep")
        return keyword_detect([body])[0]

    def detect_many(self, bodies: list[Any]) -> list[list[Found]]:
        return [self.detect(b) for b in bodies]


def test_refused_document_gets_no_detections_and_the_batch_survives() -> None:
    detect = tolerant(PickyEngine())
    out = detect([{"email": "x@y.example"}, {"deep": 1, "email": "z@y.example"}])
    assert [[d.type for d in doc] for doc in out] == [["email"], []]


def test_full_queue_drops_and_counts(store: Store) -> None:
    live = LivePipeline(make_pipeline(store, queue_max_exchanges=2))
    before = QUEUE_DROPPED._value.get()
    assert live.offer(exchange(request={"email": "a@b.example"}))
    assert live.offer(exchange(request={"email": "b@b.example"}))
    assert not live.offer(exchange(request={"email": "c@b.example"}))
    assert live.dropped == 1
    assert QUEUE_DROPPED._value.get() == before + 1
    live.start()
    live.stop()
    assert [e.exchange_count for e in store.endpoints()] == [2]


def test_stop_discards_what_it_cannot_drain_in_time(store: Store) -> None:
    live = LivePipeline(make_pipeline(store, queue_max_exchanges=100))
    for i in range(5):
        live.offer(exchange(target=f"/o{i}", request={"email": "a@b.example"}))
    before = QUEUE_DROPPED._value.get()
    live.start()
    live.stop(drain_seconds=0.0)
    assert live.discarded + store.summary().endpoints == 5
    assert QUEUE_DROPPED._value.get() == before + live.discarded


def test_live_pipeline_stores_every_window(store: Store) -> None:
    live = LivePipeline(make_pipeline(store, window_seconds=0.1))
    live.start()
    assert live.ready.wait(5)
    live.offer(exchange(request={"email": "a@b.example"}))
    deadline = time.monotonic() + 5
    while store.summary().batches == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert store.summary().batches == 1  # stored by the timer, before stop
    live.offer(exchange(target="/later", request={"card": "4111111111111111"}))
    live.stop()
    assert {e.path_template for e in store.endpoints()} == {"/orders", "/later"}
    assert live.errors == 0


def test_bad_exchange_is_counted_not_fatal(store: Store) -> None:
    def broken(docs: list[Any]) -> list[list[Found]]:
        raise RuntimeError("boom")

    pipeline = Pipeline(
        StandaloneSettings(), StaticIdentities.from_mapping(NAMES), store, detect=broken
    )
    live = LivePipeline(pipeline)
    live.start()
    live.offer(exchange(request={"email": "a@b.example"}))
    live.stop()
    assert live.errors >= 1
