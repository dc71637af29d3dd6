"""How the components are wired: Kafka, Secrets, volumes, images and the install notes."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from collector.tokens import parse_tokens
from digger.ingest_client import read_token_file
from tests.charts import scenarios
from tests.charts.helm import CHART, Rendered, pod_spec, render, requires_helm, run_helm

pytestmark = requires_helm


def properties(text: str) -> dict[str, str]:
    """A Java .properties text as a dict."""
    out = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def mounted_file(rendered: Rendered, component: str, path: str) -> tuple[str, str]:
    """(Secret name, key) of the file at ``path`` in ``component``'s container."""
    spec = pod_spec(rendered.workload(component))
    (container,) = spec["containers"]
    for mount in container["volumeMounts"]:
        prefix = mount["mountPath"].rstrip("/") + "/"
        if path.startswith(prefix):
            assert mount.get("readOnly") is True
            volume = next(v for v in spec["volumes"] if v["name"] == mount["name"])
            secret = volume["secret"]
            key = path[len(prefix) :]
            items = secret.get("items")
            if items is not None:
                key = next(i["key"] for i in items if i["path"] == key)
            return secret["secretName"], key
    raise AssertionError(f"{path} is not mounted in {component}")


#: The Secrets the bundled broker's TLS and SCRAM credentials live in.
KAFKA_SECRETS = {
    "sieve-kafka-tls",
    "sieve-kafka-ca",
    "sieve-kafka-admin",
    "sieve-kafka-interceptor",
    "sieve-kafka-digger",
}


def other_secrets(r: Rendered) -> list[str]:
    """Names of the Secrets rendered besides the bundled broker's credentials."""
    return [
        s["metadata"]["name"]
        for s in r.of_kind("Secret")
        if s["metadata"]["name"] not in KAFKA_SECRETS
    ]


def test_bundled_kafka() -> None:
    r = render()
    sts = r.workload("kafka")
    (container,) = pod_spec(sts)["containers"]
    assert re.fullmatch(r"docker\.io/apache/kafka:\d+\.\d+\.\d+", container["image"])
    config = r.named("ConfigMap", "sieve-kafka")["data"]
    props = properties(config["server.properties"])
    assert props["process.roles"] == "broker,controller"
    assert props["auto.create.topics.enable"] == "false"
    assert props["log.retention.ms"] == "3600000"
    assert int(props["message.max.bytes"]) > 2 * 1048576
    # by default clients get TLS + SCRAM only; plaintext is the pod's loopback only
    listeners = dict(item.split("://", 1) for item in props["advertised.listeners"].split(","))
    advertised = listeners["SASL_SSL"]
    assert advertised == "sieve-kafka.sieve-system.svc.cluster.local:9092"
    assert listeners["LOCAL"].startswith("127.0.0.1:")
    for listener in props["listeners"].split(","):
        name, _, address = listener.partition("://")
        assert name == "SASL_SSL" or address.startswith("127.0.0.1:"), listener
    assert props["listener.name.sasl_ssl.sasl.enabled.mechanisms"] == "SCRAM-SHA-512"
    assert props["allow.everyone.if.no.acl.found"] == "false"
    assert props["authorizer.class.name"].endswith("StandardAuthorizer")
    for component in ("interceptor", "digger"):
        env = r.env(component)
        prefix = f"SIEVE_{component.upper()}_"
        assert env[f"{prefix}KAFKA_BOOTSTRAP_SERVERS"]["value"] == advertised
        assert env[f"{prefix}KAFKA_SECURITY_PROTOCOL"]["value"] == "SASL_SSL"
        assert env[f"{prefix}KAFKA_SASL_MECHANISM"]["value"] == "SCRAM-SHA-512"
        assert env[f"{prefix}KAFKA_SASL_USERNAME"]["value"] == component
        ref = env[f"{prefix}KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert ref == {"name": f"sieve-kafka-{component}", "key": "password"}
        ca = env[f"{prefix}KAFKA_SSL_CA_LOCATION"]["value"]
        # the clients get the CA certificate only, never the broker's key
        assert mounted_file(r, component, ca) == ("sieve-kafka-ca", "ca.crt")
        assert set(r.named("Secret", "sieve-kafka-ca")["data"]) == {"ca.crt"}
    assert r.env("digger")["SIEVE_DIGGER_KAFKA_EXCHANGES_RETENTION_MS"]["value"] == "3600000"
    service = r.named("Service", "sieve-kafka")
    assert service["spec"]["ports"][0]["port"] == 9092
    volumes = {v["name"]: v for v in pod_spec(sts)["volumes"]}
    assert "emptyDir" in volumes["data"]
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {"/var/lib/kafka/data", "/etc/sieve/kafka", "/tmp"} <= mounts


def test_bundled_kafka_persistence() -> None:
    sts = render(scenarios.TUNED).workload("kafka")
    (claim,) = sts["spec"]["volumeClaimTemplates"]
    assert claim["metadata"]["name"] == "data"
    assert claim["spec"]["storageClassName"] == "fast"
    assert "data" not in {v["name"] for v in pod_spec(sts)["volumes"]}
    env = {e["name"]: e.get("value") for e in pod_spec(sts)["containers"][0]["env"]}
    assert env["KAFKA_CLUSTER_ID"] == "MkU3OEVBNTcwNTJENDM2Qk"


def test_bundled_kafka_plaintext_opt_out() -> None:
    r = render({"kafka": {"security": {"enabled": False}}})
    props = properties(r.named("ConfigMap", "sieve-kafka")["data"]["server.properties"])
    assert props["advertised.listeners"].startswith("PLAINTEXT://")
    assert "authorizer.class.name" not in props
    assert not KAFKA_SECRETS & {s["metadata"]["name"] for s in r.of_kind("Secret")}
    for component in ("interceptor", "digger"):
        env = r.env(component)
        assert not [n for n in env if "KAFKA_SASL" in n or "KAFKA_SSL" in n]
        assert f"SIEVE_{component.upper()}_KAFKA_SECURITY_PROTOCOL" not in env


def test_external_kafka_with_sasl_and_tls() -> None:
    r = render(scenarios.EXTERNAL_KAFKA_SASL_TLS)
    assert "kafka" not in r.components()
    assert not [c for c in r.of_kind("ConfigMap") if "kafka" in c["metadata"]["name"]]
    # The SASL password comes from the existing Secret: the chart makes only the ingest token.
    assert other_secrets(r) == ["sieve-ingest-token"]
    for component in ("interceptor", "digger"):
        env = r.env(component)
        p = f"SIEVE_{component.upper()}_"
        assert env[f"{p}KAFKA_BOOTSTRAP_SERVERS"]["value"] == (
            "b1.kafka.example:9093,b2.kafka.example:9093"
        )
        assert env[f"{p}KAFKA_SECURITY_PROTOCOL"]["value"] == "SASL_SSL"
        assert env[f"{p}KAFKA_SASL_MECHANISM"]["value"] == "SCRAM-SHA-512"
        assert env[f"{p}KAFKA_SASL_USERNAME"]["value"] == "sieve"
        ref = env[f"{p}KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]
        assert ref == {"name": "kafka-credentials", "key": "sasl-password"}
        for var, key in (
            ("KAFKA_SSL_CA_LOCATION", "ca.pem"),
            ("KAFKA_SSL_CERTIFICATE_LOCATION", "client.pem"),
            ("KAFKA_SSL_KEY_LOCATION", "client-key.pem"),
        ):
            path = env[p + var]["value"]
            assert mounted_file(r, component, path) == ("kafka-tls", key)


def test_external_kafka_password_is_stored_in_a_secret() -> None:
    r = render(scenarios.EXTERNAL_KAFKA_PASSWORD)
    ref = r.env("digger")["SIEVE_DIGGER_KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]
    secret = r.named("Secret", ref["name"])
    assert ref["key"] in secret["data"]
    assert "SIEVE_DIGGER_KAFKA_SSL_CA_LOCATION" not in r.env("digger")
    # The password never appears in a pod spec.
    for doc, _ in r.pod_specs():
        assert "s3cret" not in yaml.safe_dump(doc)


def test_bundled_collector_shares_its_token_with_the_digger() -> None:
    r = render()
    digger_file = r.env("digger")["SIEVE_DIGGER_INGEST_TOKEN_FILE"]["value"]
    collector_file = r.env("collector")["SIEVE_COLLECTOR_TOKENS_FILE"]["value"]
    shared = mounted_file(r, "digger", digger_file)
    assert shared == mounted_file(r, "collector", collector_file)
    secret = r.named("Secret", shared[0])
    assert shared[1] in secret["data"]
    env = r.env("collector")
    assert env["SIEVE_COLLECTOR_DATABASE_URL"]["value"] == "sqlite:////var/lib/sieve/collector.db"
    path = env["SIEVE_COLLECTOR_DATABASE_URL"]["value"].removeprefix("sqlite:///")
    deployment = r.workload("collector")
    assert deployment["spec"]["strategy"]["type"] == "Recreate"
    (container,) = pod_spec(deployment)["containers"]
    data = next(m for m in container["volumeMounts"] if path.startswith(m["mountPath"] + "/"))
    volume = next(v for v in pod_spec(deployment)["volumes"] if v["name"] == data["name"])
    claim = r.named("PersistentVolumeClaim", volume["persistentVolumeClaim"]["claimName"])
    assert claim["spec"]["resources"]["requests"]["storage"] == "2Gi"


@pytest.mark.parametrize("values", [{}, {"clusterName": "prod-eu-1"}], ids=["release", "cluster"])
def test_generated_ingest_token_is_bound_to_the_diggers_agent_id(
    values: dict[str, Any], tmp_path: Path
) -> None:
    r = render(values)
    agent_id = r.env("digger")["SIEVE_DIGGER_AGENT_ID"]["value"]
    assert agent_id == values.get("clusterName", "sieve")
    name, key = mounted_file(
        r, "digger", r.env("digger")["SIEVE_DIGGER_INGEST_TOKEN_FILE"]["value"]
    )
    text = base64.b64decode(r.named("Secret", name)["data"][key]).decode()
    # the collector reads the line as a token bound to the digger's agent id ...
    ((token, credential),) = parse_tokens(text.splitlines(), "secret")
    assert credential.agent_id == agent_id
    # ... and, with a cluster name, to the digger's cluster, which the digger sends
    cluster = r.env("digger")["SIEVE_DIGGER_CLUSTER_NAME"]["value"]
    assert cluster == values.get("clusterName", "")
    assert credential.cluster == (cluster or None)
    assert re.fullmatch(r"[A-Za-z0-9]{48}", token)
    # ... and the digger sends the token itself
    (tmp_path / key).write_text(text)
    assert read_token_file(tmp_path / key) == token


def test_collector_existing_secrets() -> None:
    r = render(scenarios.COLLECTOR_EXISTING_SECRETS)
    assert not other_secrets(r)
    assert not r.of_kind("PersistentVolumeClaim")
    env = r.env("collector")
    tokens = env["SIEVE_COLLECTOR_TOKENS_FILE"]["value"]
    assert mounted_file(r, "collector", tokens) == ("collector-tokens", "tokens")
    digger_token = r.env("digger")["SIEVE_DIGGER_INGEST_TOKEN_FILE"]["value"]
    assert mounted_file(r, "digger", digger_token) == ("collector-tokens", "tokens")
    for var, key in (("TLS_CERT_FILE", "tls.crt"), ("TLS_KEY_FILE", "tls.key")):
        assert mounted_file(r, "collector", env[f"SIEVE_COLLECTOR_{var}"]["value"]) == (
            "collector-tls",
            key,
        )
    digger = r.env("digger")
    assert digger["SIEVE_DIGGER_INGEST_INSECURE"]["value"] == "false"
    ca = digger["SIEVE_DIGGER_INGEST_CA_FILE"]["value"]
    assert mounted_file(r, "digger", ca) == ("collector-tls", "ca.crt")
    volumes = pod_spec(r.workload("collector"))["volumes"]
    data = next(v for v in volumes if v["name"] == "data")
    assert data["persistentVolumeClaim"]["claimName"] == "collector-data"


@pytest.mark.parametrize(
    ("scenario", "secret"),
    [
        ("collector-postgres-url", "sieve-collector-db"),
        ("collector-postgres-secret", "collector-db"),
    ],
)
def test_collector_postgresql_url_from_a_secret(scenario: str, secret: str) -> None:
    r = render(scenarios.SCENARIOS[scenario])
    ref = r.env("collector")["SIEVE_COLLECTOR_DATABASE_URL"]["valueFrom"]["secretKeyRef"]
    assert ref == {"name": secret, "key": "url"}
    assert not r.of_kind("PersistentVolumeClaim")
    assert "strategy" not in r.workload("collector")["spec"]
    if scenario == "collector-postgres-url":
        stored = r.named("Secret", secret)["data"]["url"]
        assert stored  # base64 of the URL, never in the pod spec
        assert "db.example" not in yaml.safe_dump(r.workload("collector"))


def test_collector_unauthenticated_ephemeral_with_policies() -> None:
    r = render(scenarios.COLLECTOR_UNAUTHENTICATED_EPHEMERAL)
    env = r.env("collector")
    assert env["SIEVE_COLLECTOR_ALLOW_UNAUTHENTICATED"]["value"] == "true"
    assert "SIEVE_COLLECTOR_TOKENS_FILE" not in env
    assert "SIEVE_DIGGER_INGEST_TOKEN_FILE" not in r.env("digger")
    assert not other_secrets(r)
    spec = pod_spec(r.workload("collector"))
    assert "emptyDir" in next(v for v in spec["volumes"] if v["name"] == "data")
    policies = env["SIEVE_COLLECTOR_POLICIES_FILE"]["value"]
    (container,) = spec["containers"]
    mount = next(m for m in container["volumeMounts"] if policies.startswith(m["mountPath"]))
    volume = next(v for v in spec["volumes"] if v["name"] == mount["name"])
    config = r.named("ConfigMap", volume["configMap"]["name"])
    assert config["data"]["policies.yaml"].startswith("policies:")


def test_collector_off_reports_to_the_cloud() -> None:
    r = render(scenarios.CLOUD_EXISTING_SECRET)
    assert "collector" not in r.components()
    assert not [s for s in r.of_kind("Service") if "collector" in s["metadata"]["name"]]
    env = r.env("digger")
    assert env["SIEVE_DIGGER_INGEST_TARGET"]["value"] == "ingest.sieve.example:443"
    assert env["SIEVE_DIGGER_INGEST_INSECURE"]["value"] == "false"
    assert env["SIEVE_DIGGER_INGEST_SERVER_NAME"]["value"] == "ingest.sieve.example"
    token = env["SIEVE_DIGGER_INGEST_TOKEN_FILE"]["value"]
    assert mounted_file(r, "digger", token) == ("sieve-cloud", "agent-token")
    ca = env["SIEVE_DIGGER_INGEST_CA_FILE"]["value"]
    assert mounted_file(r, "digger", ca) == ("sieve-cloud-ca", "ca.crt")
    assert not other_secrets(r)
    test_pod = pod_spec(r.workload("test"))
    assert all("collector" not in arg for arg in test_pod["containers"][0]["args"])


def test_cloud_endpoint_wins_over_a_running_collector() -> None:
    r = render(scenarios.CLOUD_AND_COLLECTOR)
    assert "collector" in r.components()
    env = r.env("digger")
    assert env["SIEVE_DIGGER_INGEST_TARGET"]["value"] == "ingest.sieve.example:443"
    token = env["SIEVE_DIGGER_INGEST_TOKEN_FILE"]["value"]
    assert mounted_file(r, "digger", token) == ("sieve-cloud", "token")
    collector_tokens = r.env("collector")["SIEVE_COLLECTOR_TOKENS_FILE"]["value"]
    assert mounted_file(r, "collector", collector_tokens) == ("sieve-ingest-token", "token")


def test_cloud_token_value_is_stored_in_a_secret() -> None:
    r = render(scenarios.CLOUD_TOKEN_VALUE)
    token = r.env("digger")["SIEVE_DIGGER_INGEST_TOKEN_FILE"]["value"]
    name, key = mounted_file(r, "digger", token)
    assert key in r.named("Secret", name)["data"]
    assert "t0ken" not in yaml.safe_dump(r.workload("digger"))


def test_images_follow_registry_tag_and_digest() -> None:
    default = render()
    for component in ("interceptor", "digger", "detector", "collector"):
        assert default.container(component)["image"] == f"sieve/{component}:0.1.0"
    tuned = render(scenarios.TUNED)
    assert tuned.container("interceptor")["image"] == (
        "registry.example/sieve/sieve/interceptor@sha256:" + "a" * 64
    )
    assert tuned.container("digger")["image"] == "registry.example/sieve/sieve/digger:0.1.0"
    for doc, spec in tuned.pod_specs():
        assert spec["imagePullSecrets"] == [{"name": "regcred"}], doc["metadata"]["name"]


def test_helm_test_pod_checks_detector_and_collector() -> None:
    r = render()
    pod = r.workload("test")
    (container,) = pod["spec"]["containers"]
    urls = container["args"][1:]
    assert urls == [
        "http://sieve-detector:9090/readyz",
        "http://sieve-collector:8080/api/v1/summary",
        "http://sieve-collector:9090/readyz",
    ]
    compile(container["args"][0], "helm-test", "exec")  # the check script is valid Python


def notes(tmp_path: Path, values: dict[str, Any]) -> str:
    """NOTES.txt rendered with ``values`` (through a copy of the chart that prints it)."""
    chart = tmp_path / "sieve"
    shutil.copytree(CHART, chart)
    (chart / "notes.txt").write_text((CHART / "templates" / "NOTES.txt").read_text())
    (chart / "templates" / "zz-notes.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n"
        'data:\n  notes: {{ tpl (.Files.Get "notes.txt") . | toJson }}\n'
    )
    (chart / "values.override.yaml").write_text(yaml.safe_dump(values))
    done = run_helm(
        "template",
        "sieve",
        "-n",
        "sieve-system",
        "-f",
        str(chart / "values.override.yaml"),
        "--show-only",
        "templates/zz-notes.yaml",
        chart=chart,
    )
    assert done.returncode == 0, done.stderr
    return str(yaml.safe_load(done.stdout)["data"]["notes"])


def test_notes_tell_how_to_check_the_install(tmp_path: Path) -> None:
    text = notes(tmp_path, {})
    assert "kubectl logs -n sieve-system deploy/sieve-digger" in text
    assert "helm test sieve -n sieve-system" in text
    assert "kubectl port-forward -n sieve-system svc/sieve-collector 8080:8080" in text
    assert "networkPolicy.nodeCIDRs" in text  # the host-network caveat
    tuned = notes(tmp_path / "tuned", scenarios.TUNED)
    assert "networkPolicy.nodeCIDRs is empty" not in tuned
    cloud = notes(tmp_path / "cloud", scenarios.CLOUD_EXISTING_SECRET)
    assert "port-forward" not in cloud
    assert "ingest.sieve.example:443" in cloud


def nulls(node: Any, path: str = "") -> list[str]:
    """Paths of null values (a template emitted a key with nothing under it)."""
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in nulls(v, f"{path}.{k}")] + [
            f"{path}.{k}" for k, v in node.items() if v is None
        ]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in nulls(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("scenario", sorted(scenarios.SCENARIOS))
def test_no_empty_keys(scenario: str) -> None:
    for doc in render(scenarios.SCENARIOS[scenario]).docs:
        assert not nulls(doc), f"{doc['kind']}/{doc['metadata']['name']}: {nulls(doc)}"


def test_notes_say_whether_the_bundled_kafka_is_protected(tmp_path: Path) -> None:
    secure = notes(tmp_path / "secure", {})
    assert "TLS and SCRAM-SHA-512 with ACLs" in secure
    assert "WARNING" not in secure
    plain = notes(tmp_path / "plain", {"kafka": {"security": {"enabled": False}}})
    assert "WARNING: kafka.security.enabled=false" in plain
    external = notes(tmp_path / "external", scenarios.EXTERNAL_KAFKA_SASL_TLS)
    assert "kafka.security.enabled" not in external
