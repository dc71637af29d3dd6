"""The alert event: what every sink renders (version 1 of the documented JSON body).

An event carries metadata only (policy, workloads, endpoint template, data type id), the same
that the dashboard shows; never a payload, header or query value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

EVENT_VERSION = 1


def violation_key(policy_key: str, endpoint_id: int, direction: str, data_type: str) -> str:
    """A violation's stable identity (also PagerDuty's dedup_key)."""
    raw = f"{policy_key}\0{endpoint_id}\0{direction}\0{data_type}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def event_key(vkey: str, generation: int, state: str, reminder: int = 0) -> str:
    """The alert's id: one per violation, opening (generation) and state (and reminder)."""
    tail = f"/{reminder}" if state == "still_open" else ""
    return f"{vkey}/{generation}/{state}{tail}"


@dataclass(frozen=True)
class Party:
    """A workload as alerts name it."""

    kind: str
    namespace: str
    name: str
    cluster: str = ""  # "" for an unnamed cluster

    @property
    def label(self) -> str:
        """``[cluster:]namespace/name`` or the bare name."""
        bare = f"{self.namespace}/{self.name}" if self.namespace else self.name
        return f"{self.cluster}:{bare}" if self.cluster else bare

    def as_json(self) -> dict[str, str]:
        """The JSON object of this workload (``cluster`` only when the cluster is named)."""
        out = {"kind": self.kind, "namespace": self.namespace, "name": self.name}
        if self.cluster:
            out["cluster"] = self.cluster
        return out


@dataclass(frozen=True)
class ViolationFacts:
    """What an alert says about its violation."""

    key: str
    policy: str
    severity: str
    message: str
    data_type: str
    sensitivity: str
    direction: str
    sender: Party
    receiver: Party
    endpoint_id: int
    method: str
    path_template: str
    first_seen: str
    last_seen: str


def build_event(
    *, key: str, state: str, occurred_at: str, opened_at: str, facts: ViolationFacts
) -> dict[str, Any]:
    """The event body (see README, "Alerts")."""
    return {
        "version": EVENT_VERSION,
        "id": key,
        "state": state,
        "occurred_at": occurred_at,
        "violation": {
            "key": facts.key,
            "policy": facts.policy,
            "severity": facts.severity,
            "message": facts.message,
            "data_type": facts.data_type,
            "sensitivity": facts.sensitivity,
            "direction": facts.direction,
            "sender": facts.sender.as_json(),
            "receiver": facts.receiver.as_json(),
            "endpoint": {
                "id": facts.endpoint_id,
                "method": facts.method,
                "path_template": facts.path_template,
            },
            "opened_at": opened_at,
            "first_seen": facts.first_seen,
            "last_seen": facts.last_seen,
        },
    }
