"""Where the demo shop lives: namespaces, veths, addresses, and the names the map shows.

Everything the demo creates is named ``svd-*`` and addressed in 10.252.0.0/16, so a
leftover of a crashed run is recognised and removed at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFIX = "svd-"
SUBNET = "10.252.0.0/16"
GATEWAY = "169.254.1.1"
"""Link-local next hop inside every namespace, answered by proxy ARP on the host side."""


@dataclass(frozen=True)
class Service:
    """One process of the shop in its own network namespace."""

    role: str
    netns: str
    host_if: str
    ip: str
    port: int
    namespace: str
    """Kubernetes-like namespace shown on the map (empty for the external destination)."""
    workload: str
    host: str
    """Host header clients send to it."""
    grpc: bool = False
    """Serves gRPC (h2c) rather than JSON over HTTP/1.1."""

    @property
    def external(self) -> bool:
        """True for the destination outside the 'cluster'."""
        return not self.namespace

    @property
    def authority(self) -> str:
        """``ip:port`` clients connect to."""
        return f"{self.ip}:{self.port}"


SERVICES: tuple[Service, ...] = (
    Service("frontend", "svd-frontend", "svd-front", "10.252.1.10", 8080, "web", "frontend",
            "frontend.web"),
    Service("users", "svd-users", "svd-users", "10.252.1.11", 8080, "accounts", "users",
            "users.accounts"),
    Service("orders", "svd-orders", "svd-orders", "10.252.1.12", 8080, "shop", "orders",
            "orders.shop"),
    Service("payments", "svd-payments", "svd-pay", "10.252.1.13", 8080, "payments", "payments",
            "payments.payments"),
    Service("notifications", "svd-notifications", "svd-notify", "10.252.1.14", 8080,
            "messaging", "notifications", "notifications.messaging"),
    Service("loyalty", "svd-loyalty", "svd-loyal", "10.252.1.15", 50051, "rewards", "loyalty",
            "loyalty.rewards", grpc=True),
    Service("paygate", "svd-paygate", "svd-ext", "10.252.200.7", 80, "", "api.paygate.example",
            "api.paygate.example"),
)  # fmt: skip

BY_ROLE: dict[str, Service] = {s.role: s for s in SERVICES}


def identities() -> dict[str, Any]:
    """The shop's IP → workload names, in the digger's static identities format.

    The external destination is not listed: the pipeline names it by its Host header.
    """
    return {
        "pods": [
            {
                "ip": s.ip,
                "namespace": s.namespace,
                "pod": f"{s.workload}-7d9f8-{i:05d}",
                "kind": "deployment",
                "workload": s.workload,
                "node": "this-machine",
            }
            for i, s in enumerate(SERVICES)
            if not s.external
        ]
    }


POLICIES_YAML = """\
policies:
  - name: card numbers stay in payments
    rule: only_namespace_may_receive
    namespace: payments
    data_type: credit_card
  - name: nothing high-sensitivity leaves the cluster
    rule: no_external_sensitivity
    min_sensitivity: high
  - name: notifications never pass card numbers on
    rule: workload_may_not_send
    workload: messaging/notifications
    data_type: credit_card
"""
"""Demo policies, so the dashboard shows violations the shop really commits."""
