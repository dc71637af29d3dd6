"""The demo shop's behaviour, its made-up people, and its reproducible capture file."""

from __future__ import annotations

import base64
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from digger.identities import StaticIdentities
from interceptor.grpc_messages import Descriptors
from protos.sieve.v1 import exchange_pb2
from standalone.demo import loyalty
from standalone.demo.capture_file import Recorder, make_capture, names_yaml
from standalone.demo.people import TEST_CARDS, luhn_ok, make_person, session_token
from standalone.demo.run import DEMO_PCAP, demo_policies
from standalone.demo.shop import Shopper, ShopService
from standalone.demo.topology import BY_ROLE, PREFIX, SERVICES, SUBNET, identities
from standalone.pcapfile import read_capture


def test_test_cards_pass_luhn_and_a_typo_does_not() -> None:
    assert all(luhn_ok(card) for card in TEST_CARDS)
    assert not luhn_ok("4111111111111112")


def test_people_are_reproducible() -> None:
    a = [make_person(random.Random(3)) for _ in range(3)]
    b = [make_person(random.Random(3)) for _ in range(3)]
    assert a == b
    assert all(p.email.endswith("@example.com") and p.card_number in TEST_CARDS for p in a)


def test_session_token_is_a_jwt() -> None:
    token = session_token("10001", 1_780_000_000)
    parts = token.split(".")
    assert len(parts) == 3
    claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    assert claims["sub"] == "10001"
    assert claims["exp"] == 1_780_003_600


def test_topology_stays_in_its_names_and_addresses() -> None:
    import ipaddress

    net = ipaddress.ip_network(SUBNET)
    for svc in SERVICES:
        assert svc.netns.startswith(PREFIX)
        assert svc.host_if.startswith(PREFIX)
        assert len(svc.host_if) <= 15  # IFNAMSIZ
        assert ipaddress.ip_address(svc.ip) in net
    pods = identities()["pods"]
    assert {p["workload"] for p in pods} == {
        "frontend", "users", "orders", "payments", "notifications", "loyalty",
    }  # fmt: skip
    assert "paygate" not in {p["workload"] for p in pods}  # named by its Host header
    assert len(demo_policies().policies) == 3


def test_a_visit_walks_the_whole_shop() -> None:
    services = {role: ShopService(role) for role in BY_ROLE if role != "frontend"}
    calls: list[tuple[str, str, str, str]] = []

    def caller(source: str) -> Any:
        def call(role: str, method: str, target: str, body: Any) -> tuple[int, Any]:
            calls.append(
                (source, role, method, target.split("?", maxsplit=1)[0].rstrip("0123456789"))
            )
            return services[role].handle(method, target, body, caller(role))

        return call

    shopper = Shopper(seed=1)
    for _ in range(20):
        shopper.visit(caller("frontend"))
    pairs = {(c[0], c[1]) for c in calls}
    assert pairs == {
        ("frontend", "users"),
        ("frontend", "orders"),
        ("orders", "payments"),
        ("payments", "paygate"),
        ("orders", "notifications"),
        ("orders", "loyalty"),
    }
    assert ("orders", "loyalty", "POST", loyalty.EARN) in calls
    assert ("frontend", "users", "POST", "/sessions") in calls
    assert ("frontend", "users", "GET", "/users/") in calls
    assert ("frontend", "orders", "POST", "/orders") in calls
    assert services["orders"].orders, "orders were placed and paid"
    assert all(o["status"] == "paid" for o in services["orders"].orders.values())
    assert services["loyalty"].balances, "paid orders earned points"


def test_unknown_routes_are_404() -> None:
    status, _ = ShopService("users").handle("DELETE", "/users/1", None, lambda *a: (0, None))
    assert status == 404


def test_capture_file_is_reproducible_and_the_shipped_one_is_current(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pcap", tmp_path / "b.pcap"
    make_capture(a)
    make_capture(b)
    assert a.read_bytes() == b.read_bytes()
    assert DEMO_PCAP.read_bytes() == a.read_bytes(), "run scripts/make-demo-pcap and commit"
    shipped_names = DEMO_PCAP.with_name("demo-names.yaml")
    assert shipped_names.read_text() == names_yaml()
    loaded = StaticIdentities.from_file(shipped_names)
    orders = loaded.resolve(BY_ROLE["orders"].ip)
    assert orders is not None
    assert (orders.namespace, orders.name) == ("shop", "orders")


@pytest.mark.parametrize("visits", [5])
def test_capture_file_holds_every_recorded_exchange(tmp_path: Path, visits: int) -> None:
    recorder = Recorder()
    made: list[tuple[str, str]] = []
    original = recorder.exchange

    def counting(source: str, role: str, method: str, target: str, body: Any) -> Any:
        made.append((method, target))
        return original(source, role, method, target, body)

    recorder.exchange = counting  # type: ignore[method-assign]
    shopper = Shopper()
    for _ in range(visits):
        shopper.visit(recorder.caller("frontend"))
    recorder.close()
    from interceptor.synthetic import write_pcap

    path = tmp_path / "v.pcap"
    write_pcap(path, recorder.frames)
    got = list(read_capture(path))
    assert sorted((e.request.method, e.request.target) for e in got) == sorted(made)
    assert all(e.response.status in (200, 201, 202, 401, 402, 404) for e in got)


def test_loyalty_messages_round_trip_and_its_descriptors_serve_the_interceptor() -> None:
    body = {"customer_email": "a@example.com", "card_holder_name": "Ann Lee", "order_id": "7",
            "points": 42}  # fmt: skip
    assert loyalty.decode_request(loyalty.encode_request(body)) == body
    reply = {"member_id": "M-1", "balance": 42, "tier": "bronze"}
    assert loyalty.decode_reply(loyalty.encode_reply(reply)) == reply
    descriptors = Descriptors(loyalty.descriptor_set())
    assert descriptors.methods == frozenset({loyalty.EARN})


def test_capture_file_holds_the_grpc_calls_as_grpc_exchanges(tmp_path: Path) -> None:
    path = tmp_path / "g.pcap"
    make_capture(path, visits=12)
    calls = [e for e in read_capture(path) if e.protocol == exchange_pb2.PROTOCOL_GRPC]
    assert calls
    assert {e.request.target for e in calls} == {loyalty.EARN}
    assert [e.stream_id for e in calls] == list(range(1, 2 * len(calls), 2))
    for e in calls:
        (request,) = json.loads(e.request.body)
        (reply,) = json.loads(e.response.body)
        assert set(request) == {"1", "2", "3", "4"}  # field numbers: no descriptors here
        assert reply["1"].startswith("M-")
        assert {h.name: h.value for h in e.response.headers}["grpc-status"] == "0"


def test_shipped_capture_shows_the_grpc_flow_with_its_data_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collector.store import Store
    from standalone.cli import run
    from standalone.demo.run import DESCRIPTORS_ENV, _loyalty_descriptors

    monkeypatch.delenv(DESCRIPTORS_ENV, raising=False)
    db = tmp_path / "demo.db"
    names = DEMO_PCAP.with_name("demo-names.yaml")
    with _loyalty_descriptors():  # as `sieve demo` analyses the capture
        assert Descriptors.load(os.environ[DESCRIPTORS_ENV]).methods == {loyalty.EARN}
        assert run(["analyze", str(DEMO_PCAP), "--names", str(names), "--db", str(db)]) == 0
    assert DESCRIPTORS_ENV not in os.environ
    store = Store(f"sqlite:///{db}")
    try:
        endpoints = store.endpoints()
        (earn,) = [e for e in endpoints if e.path_template == loyalty.EARN]
        detail = store.endpoint(earn.id)
    finally:
        store.close()
    assert (earn.method, earn.protocol) == ("POST", "grpc")
    assert (earn.source.label, earn.destination.label) == ("shop/orders", "rewards/loyalty")
    assert {t.data_type for t in earn.data_types} >= {"email", "person_name"}
    assert detail is not None
    paths = {f.json_path for f in detail.request_fields}
    assert {"$[*].customer_email", "$[*].card_holder_name"} <= paths
    assert {e.protocol for e in endpoints if e.path_template != loyalty.EARN} == {"http1"}
