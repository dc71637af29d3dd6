"""The demo shop's behaviour, its made-up people, and its reproducible capture file."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path
from typing import Any

import pytest

from digger.identities import StaticIdentities
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
        "frontend", "users", "orders", "payments", "notifications",
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
    }
    assert ("frontend", "users", "POST", "/sessions") in calls
    assert ("frontend", "users", "GET", "/users/") in calls
    assert ("frontend", "orders", "POST", "/orders") in calls
    assert services["orders"].orders, "orders were placed and paid"
    assert all(o["status"] == "paid" for o in services["orders"].orders.values())


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
