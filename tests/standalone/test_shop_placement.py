"""The shop's services in pods (``--cluster``): they listen on every address and dial each
other by their Kubernetes Service names; outside a cluster, by the demo's addresses."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from standalone.demo import services
from standalone.demo.topology import BY_ROLE


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    yield
    services.Placement.cluster = False


def test_demo_addresses_by_default() -> None:
    users = BY_ROLE["users"]
    assert services.Placement.dial(users) == users.ip == "10.252.1.11"
    assert services.Placement.bind(users) == users.ip


def test_cluster_dials_service_names_and_binds_every_address() -> None:
    services.Placement.cluster = True
    assert services.Placement.dial(BY_ROLE["users"]) == "users.accounts"
    assert services.Placement.dial(BY_ROLE["loyalty"]) == "loyalty.rewards"
    assert services.Placement.bind(BY_ROLE["orders"]) == "0.0.0.0"


def test_cluster_flag_sets_the_placement(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def serve(role: str, seed: int) -> None:
        seen.append(services.Placement.cluster)

    monkeypatch.setattr(services, "serve", serve)
    # main ignores SIGINT in a service process; keep pytest's handler
    monkeypatch.setattr(signal, "signal", lambda *_: None)
    assert services.main(["users", "--cluster"]) == 0
    assert services.main(["users"]) == 0
    assert seen == [True, False]
