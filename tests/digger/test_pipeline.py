"""ExchangeProcessor: identities, filters, templating, sampling, detection, aggregation."""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st

from digger.aggregate import ENTRY_HOSTS_DROPPED
from digger.identities import StaticIdentities
from digger.pipeline import DetectorUnavailableError, ExchangeProcessor
from digger.schema import ShapeMemo
from digger.settings import DiggerSettings
from protos.sieve.v1 import identity_pb2 as idp
from protos.sieve.v1 import metadata_pb2 as md
from tests.digger.exchanges import make_exchange
from tests.digger.standin import standin_detect

IDS = {
    "pods": [
        {
            "ip": "10.0.0.5",
            "namespace": "shop",
            "pod": "web-1",
            "kind": "deployment",
            "workload": "web",
        },
        {
            "ip": "10.0.0.6",
            "namespace": "shop",
            "pod": "users-1",
            "kind": "deployment",
            "workload": "users",
        },
        {
            "ip": "10.0.0.9",
            "namespace": "kube-system",
            "pod": "dns-1",
            "kind": "deployment",
            "workload": "coredns",
        },
    ]
}


def settings(**kw: Any) -> DiggerSettings:
    kw.setdefault("detector_batch_size", 8)
    return DiggerSettings(**kw)


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def processor(detect=standin_detect, **kw: Any) -> ExchangeProcessor:
    return ExchangeProcessor(
        settings(**kw), StaticIdentities.from_mapping(IDS), detect, monotonic=Clock()
    )


def test_reports_counts_schema_and_detections():
    p = processor()
    for i in range(20):
        p.process(
            make_exchange(
                target=f"/users/{i}?expand=orders&token=s3cr3t",
                request={"email": f"u{i}@example.org", "password": "hunter2", "age": i},
                response={"id": i, "cards": [{"number": "4111111111111111"}]},
                status=201 if i % 2 else 500,
            )
        )
    p.process(make_exchange(client="10.0.0.9", target="/dns"))  # kube-system: filtered
    reports = p.flush()
    assert len(reports) == 1
    r = reports[0]
    assert r.source == idp.Workload(kind=idp.WORKLOAD_KIND_DEPLOYMENT, namespace="shop", name="web")
    assert r.destination.name == "users"
    assert (r.method, r.path_template) == ("POST", "/users/{userId:int}")
    assert list(r.query_parameter_names) == ["expand", "token"]
    assert r.exchange_count == 20
    assert 1 <= r.inspected_count < 20  # new schema + burst of the token bucket
    assert {(c.status_class, c.count) for c in r.status_classes} == {
        (md.STATUS_CLASS_2XX, 10),
        (md.STATUS_CLASS_5XX, 10),
    }
    assert [(c.code, c.count) for c in r.status_codes] == [(201, 10), (500, 10)]
    assert r.latency_ms.count == 20
    assert r.latency_ms.max == pytest.approx(5.0)
    req = {f.json_path: f for f in r.request_fields}
    assert set(req) == {"$.email", "$.password", "$.age"}
    assert list(req["$.age"].json_types) == [md.JSON_TYPE_NUMBER]
    assert req["$.email"].seen_count == r.inspected_count
    (det,) = req["$.email"].detections
    assert det.data_type == md.DATA_TYPE_EMAIL
    assert det.sensitivity == md.SENSITIVITY_MEDIUM
    assert det.count == r.inspected_count
    assert det.confidence == pytest.approx(0.99)
    resp = {f.json_path: f for f in r.response_fields}
    assert resp["$.cards[*].number"].detections[0].data_type == md.DATA_TYPE_CREDIT_CARD
    assert p.stats.filtered == 1
    assert p.stats.aggregated == 20
    assert p.stats.sampled_new + p.stats.sampled_rate + p.stats.skipped == 20
    assert p.flush() == []  # the window was drained


def test_sampling_off_inspects_everything_and_new_schemas_are_always_inspected():
    p = processor(sampling_enabled=False)
    for i in range(10):
        p.process(make_exchange(request={"a": i}))
    assert p.flush()[0].inspected_count == 10
    q = processor(sample_burst=1.0, sample_rate_per_endpoint=0.001)
    bodies = [{"a": 1}, {"a": 1}, {"b": 1}, {"a": 1}, {"c": "x"}]
    for body in bodies:
        q.process(make_exchange(request=body))
    (r,) = q.flush()
    # 3 new schemas + 1 burst token; one known schema skipped
    assert r.exchange_count == 5
    assert r.inspected_count == 4


def test_external_destination_named_by_host_header_and_unknown_client_by_ip():
    p = processor()
    p.process(
        make_exchange(
            client="10.0.0.5",
            server="203.0.113.7",
            port=443,
            headers={"Host": "api.stripe.com:443", "X-Secret": "v"},
        )
    )
    p.process(make_exchange(client="198.51.100.1", server="10.0.0.6"))
    reports = sorted(p.flush(), key=lambda r: r.destination.name)
    assert reports[0].destination == idp.Workload(
        kind=idp.WORKLOAD_KIND_EXTERNAL, name="api.stripe.com"
    )
    assert reports[1].source == idp.Workload(kind=idp.WORKLOAD_KIND_EXTERNAL, name="198.51.100.1")


def test_detector_failure_aggregates_nothing_and_the_retry_counts_once():
    calls = {"n": 0}

    def flaky(docs: list[Any]) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("down")
        return standin_detect(docs)

    p = processor(detect=flaky)
    batch = [make_exchange(request={"email": "a@b.org"}) for _ in range(3)]
    with pytest.raises(DetectorUnavailableError):
        p.process_batch(batch)
    assert p.stats.consumed == 0
    p.process_batch(batch)
    (r,) = p.flush()
    assert r.exchange_count == 3
    # the new schema was forgotten on failure, so it is detected on the retry
    assert r.request_fields[0].detections[0].data_type == md.DATA_TYPE_EMAIL


def test_detections_on_data_keys_map_to_collapsed_paths():
    p = processor()
    p.process(
        make_exchange(
            response={
                "byUser": {
                    "alice@example.org": {"mail": "a@x.org"},
                    "bob@example.org": {"mail": "b@x.org"},
                }
            }
        )
    )
    (r,) = p.flush()
    (f,) = r.response_fields
    assert f.json_path == "$.byUser{*}.mail"
    assert f.detections[0].count == 1  # once per document
    assert b"alice" not in r.SerializeToString()


def test_refine_merges_reports_made_before_cardinality_was_learned():
    p = processor(template_cardinality_threshold=3)
    for name in ["ann", "ben", "cat", "dan", "eve"]:
        p.process(make_exchange(method="GET", target=f"/people/{name}"))
    (r,) = p.flush()
    assert r.path_template == "/people/{personId}"
    assert r.exchange_count == 5


def test_paths_are_learned_per_server_workload():
    # many names after /people/ on "users" do not make "web"'s /people/ words values
    p = processor(template_cardinality_threshold=3)
    for name in ["ann", "ben", "cat", "dan", "eve"]:
        p.process(make_exchange(method="GET", target=f"/people/{name}"))
    p.process(
        make_exchange(method="GET", target="/people/search", client="10.0.0.6", server="10.0.0.5")
    )
    reports = {(r.destination.name, r.path_template) for r in p.flush()}
    assert reports == {("users", "/people/{personId}"), ("web", "/people/search")}


def test_malformed_records_and_bodies_are_counted_not_fatal():
    p = processor()
    assert p.parse_and_process(b"\xff\xff\xff") is False
    ex = make_exchange()
    ex.request.body = b'{"truncated": "abc'
    ex.request.body_truncated = True
    p.process(ex)
    (r,) = p.flush()
    assert p.stats.malformed == 1
    assert p.stats.bodies_unparsed == 1
    assert r.exchange_count == 1
    assert r.inspected_count == 0


def test_unknown_detection_types_and_paths_are_dropped():
    class D:
        def __init__(self, path: str, type: str) -> None:
            self.path, self.type, self.sensitivity, self.confidence = path, type, "high", 0.5

    def odd(docs: list[Any]) -> Any:
        return [
            [D("$.a", "Tarot Card!"), D("$.nothere", "email"), D("$.a", "email"),
             D("$.a", "tarot_card")]
            for _ in docs
        ]  # fmt: skip

    p = processor(detect=odd)
    p.process(make_exchange(request={"a": "x"}))
    (r,) = p.flush()
    detections = r.request_fields[0].detections
    assert [d.data_type for d in detections] == [md.DATA_TYPE_EMAIL, md.DATA_TYPE_UNSPECIFIED]
    # An id of the custom-type shape is a custom type of the detector's configuration.
    assert [d.custom_type for d in detections] == ["", "tarot_card"]
    assert p.stats.detections_unknown_type == 1
    assert p.stats.detections_unmapped == 1


def test_window_full_and_bounds():
    p = processor(max_endpoints_per_window=3)
    for i in range(3):
        p.process_batch([make_exchange(method="GET", target=f"/r{chr(97 + i)}")])
    assert p.window_full
    w = p.flush_window()
    assert len(w.reports) == 3
    assert w.end_ns >= w.start_ns
    assert not p.window_full


def test_name_like_data_keys_are_learned_and_earlier_reports_rewritten():
    p = processor(template_cardinality_threshold=3)
    for name in ["ann", "ben", "cat", "dan", "eve"]:
        p.process(make_exchange(response={"scores": {name: 1}}))
    (r,) = p.flush()
    assert [f.json_path for f in r.response_fields] == ["$.scores{*}"]
    assert r.response_fields[0].seen_count <= r.inspected_count
    assert b"ann" not in r.SerializeToString()


class _NoMemo(ShapeMemo):
    """Remembers nothing across documents: the plain walk, for comparison."""

    def table(self, scope: Hashable) -> dict[Any, Any]:
        return {}

    def known_body(self, scope: Hashable, body: bytes) -> None:
        return None

    def remember_body(self, *args: Any) -> None:
        pass


_NAMES = st.sampled_from(["id", "email", "name", "a1", "items", "x", "42"])
_VALUES = st.none() | st.booleans() | st.integers(0, 3) | st.sampled_from(["a", "b@c.example"])
_BODIES = st.one_of(
    st.just(None),
    st.sampled_from([b"{", b"not json", b'{"status": "ok"}', b"[]", b"{}"]),
    st.recursive(
        _VALUES,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_NAMES, inner, max_size=4),
        max_leaves=8,
    ).map(lambda doc: json.dumps(doc).encode()),
)
_EXCHANGES = st.lists(
    st.tuples(
        st.sampled_from(["/a", "/b/1", "/c/x", "/c/y", "/c/z"]),
        _BODIES,
        _BODIES,
        st.booleans(),  # flush the window after it
    ),
    min_size=1,
    max_size=30,
)


@settings_(max_examples=60, deadline=None)
@given(exchanges=_EXCHANGES, sampling=st.booleans())
def test_remembered_shapes_and_bodies_change_no_report(
    exchanges: list[tuple[str, bytes | None, bytes | None, bool]], sampling: bool
) -> None:
    def run(plain: bool) -> tuple[list[bytes], Any]:
        p = processor(
            sampling_enabled=sampling, template_cardinality_threshold=2, data_key_min_keys=3
        )
        p._wall_ns = lambda: 1
        p.keys.threshold = 2
        if plain:
            p.shapes = _NoMemo(p.keys)
        out = []
        for target, request, response, flush in exchanges * 2:
            ex = make_exchange(target=target)
            ex.request.body = request or b""
            ex.response.body = response or b""
            p.process_batch([ex])
            if flush:
                out += [r.SerializeToString(deterministic=True) for r in p.flush()]
        out += [r.SerializeToString(deterministic=True) for r in p.flush()]
        return out, p.stats

    assert run(plain=False) == run(plain=True)


@pytest.mark.parametrize(
    "bodies",
    [
        # learned in the middle of one body: that body is not remembered
        [b'[{"a": 1}, {"b": 1}, {"c": 1}]'] * 2,
        # learned from later bodies: what was remembered before is not used again
        [b'{"m": {"a": 1}}', b'{"m": {"b": 1}}', b'{"m": {"c": 1}}', b'{"m": {"a": 1}}'],
    ],
)
def test_bodies_are_not_remembered_across_a_lesson(bodies: list[bytes]) -> None:
    def run(plain: bool) -> list[set[str]]:
        p = processor()
        p.keys.threshold = 2
        if plain:
            p.shapes = _NoMemo(p.keys)
        schemas = []
        for body in bodies:
            ex = make_exchange(target="/a")
            ex.request.body = body
            schemas.append({path for path, _ in p._prepare(ex).request.leaves})  # type: ignore[union-attr]
        return schemas

    got = run(plain=False)
    assert got == run(plain=True)
    assert any("{*}" in path for path in got[-1])


def test_sources_are_aggregated_apart_and_reported_by_source():
    p = processor()
    batch = [make_exchange(target=f"/users/{i}", request={"n": i}) for i in range(5)]
    p.process_batch(batch, sources=[("ex", 0), ("ex", 1), ("ex", 0), ("ex", 1), ("ex", 1)])
    assert p.largest_source == 1  # one endpoint per source
    window = p.flush_window()
    assert len(window.reports) == 2  # one endpoint, counted per partition
    counts = {src: [r.exchange_count for r in reps] for src, reps in window.by_source.items()}
    assert counts == {("ex", 0): [2], ("ex", 1): [3]}
    assert {r.path_template for r in window.reports} == {"/users/{userId:int}"}
    assert p.largest_source == 0
    p.process_batch(batch[:1])  # untagged (standalone): one source, None
    assert list(p.flush_window().by_source) == [None]


def test_calls_from_outside_carry_the_host_the_client_addressed():
    p = processor(max_entry_hosts=2)
    dropped = ENTRY_HOSTS_DROPPED._value.get()
    for host in ("API.B.example:443", "api.b.example", "203.0.113.7:8443", "[2001:db8::1]:80"):
        p.process(make_exchange(client="198.51.100.1", server="10.0.0.6", headers={"Host": host}))
    p.process(make_exchange(client="10.0.0.5", server="10.0.0.6", headers={"Host": "users"}))
    p.process(make_exchange(client="198.51.100.1", server="10.0.0.6", target="/x?q=secret"))
    reports = {(r.source.name, r.path_template): r for r in p.flush()}
    # Only calls from outside carry entry hosts: names lower-cased, ports dropped, at most
    # MAX_ENTRY_HOSTS per endpoint (the rest counted); a call without Host carries none.
    outside = reports[("198.51.100.1", "/users/{userId:int}")]
    assert list(outside.entry_hosts) == ["203.0.113.7", "api.b.example"]
    assert ENTRY_HOSTS_DROPPED._value.get() == dropped + 1  # 2001:db8::1
    assert list(reports[("web", "/users/{userId:int}")].entry_hosts) == []
    assert list(reports[("198.51.100.1", "/x")].entry_hosts) == []


@pytest.mark.parametrize(
    ("patterns", "reported"),
    [
        ("*.b.example, 203.0.113.7", ["203.0.113.7", "api.b.example"]),
        ("-", []),
        ("", ["203.0.113.7", "api.b.example", "scanner.invalid"]),
    ],
    ids=["listed", "none", "any"],
)
def test_entry_hosts_are_limited_to_the_clusters_own_names(patterns: str, reported: list[str]):
    p = processor(entry_host_patterns=patterns)
    for host in ("api.b.example", "203.0.113.7", "scanner.invalid"):
        p.process(make_exchange(client="198.51.100.1", server="10.0.0.6", headers={"Host": host}))
    (report,) = p.flush()
    assert list(report.entry_hosts) == reported
