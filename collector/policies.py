"""Data-flow policies from a YAML file, and how a data transfer violates them.

A *transfer* is one data type moving from a sender to a receiver at one endpoint: request
fields go from the client (source) to the server (destination), response fields back.
Every rule judges transfers, so one model covers the three rule kinds::

    policies:
      - name: card numbers stay in payments
        rule: only_namespace_may_receive
        namespace: payments            # or namespaces: [payments, billing]
        data_type: credit_card         # or data_types: [credit_card, iban]
      - name: nothing high-sensitivity leaves the cluster
        rule: no_external_sensitivity
        min_sensitivity: high          # low | medium | high
      - name: the frontend never sends SSNs
        rule: workload_may_not_send
        workload: shop/frontend        # namespace/name, or a bare name in any namespace
        data_type: us_ssn
      - name: employee numbers stay in hr
        rule: only_namespace_may_receive
        namespace: hr
        data_type: employee_id         # a custom type (SIEVE_COLLECTOR_CUSTOM_TYPES_FILE)
        severity: critical             # of its alerts: info | low | medium | high | critical;
                                       # unset: the data's sensitivity
      - name: nothing sensitive on undocumented endpoints
        rule: no_sensitive_data_on_drift
        min_sensitivity: medium
        drift_states: [shadow, zombie]  # any rule may carry drift_states: it then judges only
                                        # endpoints in one of them (shadow, zombie, unused,
                                        # undocumented_field, undeclared_sensitive)
      - name: card numbers stay in payments in prod-eu
        rule: only_namespace_may_receive
        cluster: prod-eu               # or clusters: [prod-eu, prod-us]; any rule may carry it
        namespace: payments
        data_type: credit_card
      - name: the prod-eu frontend never sends SSNs
        rule: workload_may_not_send
        workload: prod-eu/shop/frontend  # cluster/namespace/name also selects the cluster
        data_type: us_ssn
      - name: nothing high-sensitivity crosses clusters
        rule: no_cross_cluster_sensitivity
        min_sensitivity: high

A rule with ``clusters`` judges only transfers at endpoints whose server is in one of them
(``workload_may_not_send``: whose sender is); a cluster that has not reported yet may be
named. ``no_cross_cluster_sensitivity`` judges calls from one cluster into another that the
collector linked (`collector.cluster_links`: a client's EXTERNAL destination named by a host
that exactly one other cluster reported as an entry host); the violation is raised on the
client cluster's endpoint, whose receiver (or, for responses, sender) is that destination.

Drift states come from the API catalogue (``Store.drift_states``, a provider of endpoint id →
states); without one, no endpoint is in any drift state.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from common.settings import ConfigError
from protos.sieve.v1 import identity_pb2, metadata_pb2

SENSITIVITY_NAMES = {1: "low", 2: "medium", 3: "high"}
SENSITIVITY_LEVELS = {name: level for level, name in SENSITIVITY_NAMES.items()}
DATA_TYPE_IDS = frozenset(
    name.removeprefix("DATA_TYPE_").lower()
    for name in (v.name for v in metadata_pb2.DataType.DESCRIPTOR.values)
    if name != "DATA_TYPE_UNSPECIFIED"
)


DriftState = Literal["shadow", "zombie", "unused", "undocumented_field", "undeclared_sensitive"]


class PolicyError(ConfigError):
    """The policies file is unreadable or invalid; the message is one line."""


@dataclass(frozen=True)
class WorkloadRef:
    """A workload as policies see it."""

    kind: int
    namespace: str
    name: str
    # The cluster that reported it ("" when agents report no cluster name).
    cluster: str = ""
    # For an EXTERNAL workload linked to another cluster's servers: that cluster.
    linked_cluster: str | None = None

    @property
    def external(self) -> bool:
        """True for destinations outside the cluster."""
        return self.kind == identity_pb2.WORKLOAD_KIND_EXTERNAL

    @property
    def home_cluster(self) -> str:
        """The cluster the workload runs in: the linked one for a linked EXTERNAL workload."""
        return self.cluster if self.linked_cluster is None else self.linked_cluster

    @property
    def label(self) -> str:
        """``namespace/name``, or the bare name for nodes and external destinations."""
        return f"{self.namespace}/{self.name}" if self.namespace else self.name


@dataclass(frozen=True)
class Transfer:
    """One data type moving from ``sender`` to ``receiver``."""

    sender: WorkloadRef
    receiver: WorkloadRef
    data_type: str
    sensitivity: int
    # Drift states of the endpoint (shadow, zombie, ...; the API-catalogue's drift_states).
    drift: frozenset[str] = frozenset()
    # The cluster that reported the endpoint (its server's, as stored).
    cluster: str = ""


def _listify(data: Any, single: str, plural: str) -> Any:
    if isinstance(data, dict) and single in data:
        data = dict(data)
        value = data.pop(single)
        data.setdefault(plural, [value])
    return data


def _check_data_types(values: list[str], info: ValidationInfo) -> list[str]:
    """Built-in ids, or the custom type ids passed as ``custom_types`` in the context."""
    custom = (info.context or {}).get("custom_types", frozenset())
    unknown = [v for v in values if v not in DATA_TYPE_IDS and v not in custom]
    if unknown:
        known = ", ".join(sorted(DATA_TYPE_IDS | set(custom)))
        raise ValueError(
            f"unknown data type {unknown[0]!r} (custom types come from the custom types "
            f"file); known: {known}"
        )
    return values


ClusterName = Annotated[str, StringConstraints(min_length=1, max_length=256)]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=256)
    # Severity of its alerts; unset: the sensitivity of the data (low, medium, high).
    severity: Literal["info", "low", "medium", "high", "critical"] | None = None
    # The rule judges only endpoints in one of these drift states; unset: every endpoint.
    drift_states: list[DriftState] | None = Field(default=None, min_length=1)
    # The rule judges only transfers in one of these clusters; unset: every cluster.
    clusters: list[ClusterName] | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _singular_cluster(cls, data: Any) -> Any:
        return _listify(data, "cluster", "clusters")

    def judged_cluster(self, transfer: Transfer) -> str:
        """The cluster ``clusters`` is compared with: the endpoint's."""
        return transfer.cluster

    def applies(self, transfer: Transfer) -> bool:
        """False when the rule is limited to drift states the transfer's endpoint is not in,
        or to clusters its judged party is not in."""
        if self.clusters is not None and self.judged_cluster(transfer) not in self.clusters:
            return False
        return self.drift_states is None or not transfer.drift.isdisjoint(self.drift_states)

    @property
    def key(self) -> str:
        """Content hash: a rule whose content changes gets a new key (its old violations go).

        Unset optional fields are left out, so adding one to the language keeps old keys."""
        canonical = json.dumps(self.model_dump(mode="json", exclude_none=True), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:32]

    def violation(self, transfer: Transfer) -> str | None:  # pragma: no cover - abstract
        """A one-line message when ``transfer`` breaks this rule, else None."""
        raise NotImplementedError


class OnlyNamespaceMayReceive(_Rule):
    """Only workloads in ``namespaces`` may receive ``data_types``."""

    rule: Literal["only_namespace_may_receive"]
    namespaces: list[str] = Field(min_length=1)
    data_types: list[str] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _singular(cls, data: Any) -> Any:
        return _listify(_listify(data, "namespace", "namespaces"), "data_type", "data_types")

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo) -> OnlyNamespaceMayReceive:
        _check_data_types(self.data_types, info)
        return self

    def violation(self, transfer: Transfer) -> str | None:
        """Raised when a workload outside the namespaces receives one of the types."""
        if transfer.data_type in self.data_types and (
            transfer.receiver.external or transfer.receiver.namespace not in self.namespaces
        ):
            allowed = ", ".join(self.namespaces)
            return (
                f"{transfer.receiver.label} received {transfer.data_type} from "
                f"{transfer.sender.label}; only namespace {allowed} may receive it"
            )
        return None


class NoExternalSensitivity(_Rule):
    """No data of ``min_sensitivity`` or above may go to an external destination."""

    rule: Literal["no_external_sensitivity"]
    min_sensitivity: Literal["low", "medium", "high"]

    def violation(self, transfer: Transfer) -> str | None:
        """Raised when an external receiver gets data at or above the sensitivity."""
        if (
            transfer.receiver.external
            and transfer.sensitivity >= SENSITIVITY_LEVELS[self.min_sensitivity]
        ):
            level = SENSITIVITY_NAMES.get(transfer.sensitivity, "unknown")
            return (
                f"{transfer.sender.label} sent {transfer.data_type} ({level}) to external "
                f"{transfer.receiver.label}"
            )
        return None


class WorkloadMayNotSend(_Rule):
    """The workload may not send any of ``data_types``."""

    rule: Literal["workload_may_not_send"]
    workload: str = Field(min_length=1)
    data_types: list[str] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _singular(cls, data: Any) -> Any:
        return _listify(data, "data_type", "data_types")

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo) -> WorkloadMayNotSend:
        _check_data_types(self.data_types, info)
        return self

    @model_validator(mode="after")
    def _selector(self) -> WorkloadMayNotSend:
        parts = self.workload.split("/")
        if len(parts) > 3 or not parts[-1]:
            raise ValueError(
                f"workload {self.workload!r} is not name, namespace/name or cluster/namespace/name"
            )
        return self

    def judged_cluster(self, transfer: Transfer) -> str:
        """A rule about senders is limited by the sender's cluster."""
        return transfer.sender.cluster

    def matches(self, workload: WorkloadRef) -> bool:
        """``cluster/namespace/name`` and ``namespace/name`` match exactly; a bare name
        matches in any namespace (of any cluster)."""
        *scope, name = self.workload.split("/")
        if workload.name != name:
            return False
        if len(scope) == 2 and workload.cluster != scope[0]:
            return False
        return not scope or workload.namespace == scope[-1]

    def violation(self, transfer: Transfer) -> str | None:
        """Raised when the workload sends one of the types."""
        if transfer.data_type in self.data_types and self.matches(transfer.sender):
            return (
                f"{transfer.sender.label} sent {transfer.data_type} to "
                f"{transfer.receiver.label}; it may not"
            )
        return None


def _undocumented_or_deprecated() -> list[DriftState]:
    return ["shadow", "zombie"]


class NoSensitiveDataOnDrift(_Rule):
    """No data of ``min_sensitivity`` or above on an endpoint in one of ``drift_states``
    (default: shadow and zombie: undocumented or deprecated endpoints)."""

    rule: Literal["no_sensitive_data_on_drift"]
    min_sensitivity: Literal["low", "medium", "high"] = "medium"
    drift_states: list[DriftState] | None = Field(
        default_factory=_undocumented_or_deprecated, min_length=1
    )

    def violation(self, transfer: Transfer) -> str | None:
        """Raised when sensitive enough data crosses a drifted endpoint."""
        states = sorted(transfer.drift.intersection(self.drift_states or ()))
        if states and transfer.sensitivity >= SENSITIVITY_LEVELS[self.min_sensitivity]:
            level = SENSITIVITY_NAMES.get(transfer.sensitivity, "unknown")
            return (
                f"{transfer.sender.label} sent {transfer.data_type} ({level}) to "
                f"{transfer.receiver.label} over a {'/'.join(states)} endpoint"
            )
        return None


class NoCrossClusterSensitivity(_Rule):
    """No data of ``min_sensitivity`` or above may move between workloads of two clusters."""

    rule: Literal["no_cross_cluster_sensitivity"]
    min_sensitivity: Literal["low", "medium", "high"]

    def violation(self, transfer: Transfer) -> str | None:
        """Raised when the parties' clusters differ and the data is sensitive enough."""
        sender, receiver = transfer.sender.home_cluster, transfer.receiver.home_cluster
        if sender != receiver and transfer.sensitivity >= SENSITIVITY_LEVELS[self.min_sensitivity]:
            level = SENSITIVITY_NAMES.get(transfer.sensitivity, "unknown")
            return (
                f"{transfer.sender.label} in cluster {sender!r} sent {transfer.data_type} "
                f"({level}) to {transfer.receiver.label} in cluster {receiver!r}"
            )
        return None


Rule = Annotated[
    OnlyNamespaceMayReceive
    | NoExternalSensitivity
    | WorkloadMayNotSend
    | NoSensitiveDataOnDrift
    | NoCrossClusterSensitivity,
    Field(discriminator="rule"),
]


class PolicySet(BaseModel):
    """The rules in force, in file order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    policies: list[Rule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> PolicySet:
        seen: set[str] = set()
        for rule in self.policies:
            if rule.name in seen:
                raise ValueError(f"two policies are named {rule.name!r}")
            seen.add(rule.name)
        return self

    @property
    def needs_links(self) -> bool:
        """True when a rule judges cross-cluster links (the evaluation must resolve them)."""
        return any(isinstance(rule, NoCrossClusterSensitivity) for rule in self.policies)

    def severity(self, policy_key: str, sensitivity: int) -> str:
        """The alert severity of the rule with ``policy_key`` for data of ``sensitivity``."""
        for rule in self.policies:
            if rule.severity is not None and rule.key == policy_key:
                return rule.severity
        return SENSITIVITY_NAMES.get(sensitivity, "medium")

    def violations(self, transfer: Transfer) -> list[tuple[_Rule, str]]:
        """Every rule ``transfer`` breaks, with its message."""
        out: list[tuple[_Rule, str]] = []
        for rule in self.policies:
            if not rule.applies(transfer):
                continue
            message = rule.violation(transfer)
            if message is not None:
                out.append((rule, message))
        return out


_ADAPTER = TypeAdapter(PolicySet)


def parse_policies(
    text: str, source: str = "policies", custom_types: frozenset[str] = frozenset()
) -> PolicySet:
    """Parse YAML text into a `PolicySet`; raise `PolicyError` with one line when invalid.

    ``custom_types``: ids of the user's own data types that rules may name."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{source}: not valid YAML: {' '.join(str(exc).split())}") from None
    if data is None:
        return PolicySet()
    if isinstance(data, list):
        data = {"policies": data}
    try:
        return _ADAPTER.validate_python(data, context={"custom_types": custom_types})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        raise PolicyError(f"{source}: invalid policy at {where}: {err['msg']}") from None


def load_policies(path: str | Path, custom_types: frozenset[str] = frozenset()) -> PolicySet:
    """Read and validate the policies YAML file at ``path`` (see the module doc for the format)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read policies file {path}: {exc.strerror}") from None
    return parse_policies(text, str(path), custom_types)
