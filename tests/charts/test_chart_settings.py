"""Every env var the chart sets is a setting of that service, and every setting loads.

The settings classes are imported, so a renamed or removed setting fails here, not in a pod.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from collector.settings import CollectorSettings
from detector.settings import DetectorSettings
from digger.settings import DiggerSettings
from interceptor.settings import InterceptorSettings
from tests.charts import scenarios
from tests.charts.helm import Rendered, render, requires_helm

pytestmark = requires_helm

#: The container of each component and the settings class it is configured by.
SETTINGS: dict[str, type[BaseSettings]] = {
    "interceptor": InterceptorSettings,
    "digger": DiggerSettings,
    "detector": DetectorSettings,
    "collector": CollectorSettings,
}

#: Stand-ins for values the chart takes from Secrets and the downward API.
FROM_SECRET = {"DATABASE_URL": "postgresql+psycopg://sieve:pw@db:5432/sieve"}


def env_names(cls: type[BaseSettings]) -> dict[str, str]:
    """Environment variable (upper case) → field, as pydantic-settings reads them."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    names: dict[str, str] = {}
    for field, info in cls.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            choices = [c for c in alias.choices if isinstance(c, str)]
        elif isinstance(alias, str):
            choices = [alias]
        elif info.alias:
            choices = [info.alias]
        else:
            choices = [prefix + field]
        for choice in choices:
            names[choice.upper()] = field
    return names


def stand_in(entry: dict[str, Any]) -> str:
    """The value a pod would see for an env entry."""
    if "value" in entry:
        return str(entry["value"])
    source = entry["valueFrom"]
    if "fieldRef" in source:
        path = source["fieldRef"]["fieldPath"]
        assert path in {"spec.nodeName", "status.podIP"}, entry
        return "node-a" if path == "spec.nodeName" else "10.244.1.7"
    assert "secretKeyRef" in source, entry
    for suffix, value in FROM_SECRET.items():
        if entry["name"].endswith(suffix):
            return value
    return "from-a-secret"


def load(
    cls: type[BaseSettings], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> BaseSettings:
    """``cls`` built from exactly ``env`` (nothing from the test's own environment)."""
    import os

    for name in list(os.environ):
        if name.upper().startswith("SIEVE_") or name.upper() in env_names(cls):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return cls()


@pytest.mark.parametrize("scenario", sorted(scenarios.SCENARIOS))
@pytest.mark.parametrize("component", sorted(SETTINGS))
def test_every_env_var_is_a_setting_and_loads(
    scenario: str, component: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = render(scenarios.SCENARIOS[scenario])
    if component not in rendered.components():
        assert component == "collector"
        return
    cls = SETTINGS[component]
    known = env_names(cls)
    env = rendered.env(component)
    unknown = sorted(name for name in env if name.upper() not in known)
    assert not unknown, f"{component} env vars that {cls.__name__} does not read: {unknown}"
    required = [f for f, info in cls.model_fields.items() if info.is_required()]
    set_fields = {known[name.upper()] for name in env}
    assert not set(required) - set_fields, f"required settings not set: {required}"
    settings = load(cls, {n: stand_in(e) for n, e in env.items()}, monkeypatch)
    # The ports the chart declares are the ones the service listens on.
    ports = {p["name"]: p["containerPort"] for p in rendered.container(component)["ports"]}
    assert settings.ops_port == ports["ops"]  # type: ignore[attr-defined]
    for name in ("http", "grpc"):
        if name in ports:
            assert getattr(settings, f"{name}_port") == ports[name]


def test_values_reach_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    values = scenarios.TUNED
    rendered = render(values)
    mon = values["monitoring"]

    def settings_of(component: str) -> Any:
        env = {n: stand_in(e) for n, e in rendered.env(component).items()}
        return load(SETTINGS[component], env, monkeypatch)

    icp = settings_of("interceptor")
    assert icp.excluded_paths == mon["excludedPaths"]
    assert icp.excluded_ports == mon["excludedPorts"]
    assert icp.max_body_bytes == mon["maxBodyBytes"]
    assert icp.max_connections == 50000
    assert icp.interfaces == {"eth9": ["10.1.0.5"]}
    assert icp.cluster_cidrs == values["interceptor"]["clusterCIDRs"]
    assert icp.node_name == "node-a"

    dig = settings_of("digger")
    assert dig.agent_id == "prod-eu-1"
    assert dig.own_namespace == "sieve-system"
    assert dig.namespaces_include_list == ["shop", "payments"]
    assert dig.namespaces_exclude_list == ["kube-system", "monitoring", "sieve-system"]
    assert dig.body_max_bytes == mon["maxBodyBytes"]
    assert dig.sampling_enabled is False
    assert dig.sample_rate_per_endpoint == 2.5
    assert dig.sample_burst == 10
    assert dig.sample_min_factor == 0.1
    assert dig.window_seconds == 30
    assert dig.detector_batch_size == 32
    assert dig.kafka_exchanges_retention_ms == 3_600_000
    assert dig.kafka_bootstrap_servers == icp.kafka_bootstrap_servers

    det = settings_of("detector")
    assert det.min_confidence == 0.7
    assert det.sensitivity_overrides == {"gender": "medium"}
    assert det.max_documents == 128

    col = settings_of("collector")
    assert col.max_reports_per_batch == 5000


def test_digger_reaches_the_bundled_services(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: Rendered = render()
    env = {n: stand_in(e) for n, e in rendered.env("digger").items()}
    dig: Any = load(DiggerSettings, env, monkeypatch)
    detector_svc = rendered.named("Service", "sieve-detector")
    http = next(p for p in detector_svc["spec"]["ports"] if p["name"] == "http")
    assert dig.detector_url == f"http://sieve-detector:{http['port']}"
    collector_svc = rendered.named("Service", "sieve-collector")
    grpc = next(p for p in collector_svc["spec"]["ports"] if p["name"] == "grpc")
    assert dig.ingest_target == f"sieve-collector.sieve-system.svc:{grpc['port']}"
    assert dig.ingest_insecure is True  # in-cluster plain gRPC unless collector.tls is set
    assert dig.ingest_token_file is not None
