"""The bundled broker, as the chart renders it, runs on real Apache Kafka with TLS and SCRAM.

The StatefulSet's own start script runs here with the chart's ConfigMap and the Secrets the
chart generated (only addresses and directories are moved to this machine; the Kafka scripts
it calls run this machine's jars, ACLs through ``tests/charts/kafka_acls_shim.py``). It
formats storage with the SCRAM users, sets the ACLs and marks itself ready; then the digger
and an interceptor, configured by the chart's env vars, work through TLS + SCRAM-SHA-512, and
the ACLs refuse what is not theirs. Topics are made only on purpose, sieve.exchanges keeps its
short retention, and records larger than Kafka's 1 MB default fit.
"""

from __future__ import annotations

import base64
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource  # type: ignore[attr-defined]
from pydantic_settings import BaseSettings

import digger.topics as topics_module
import interceptor.sink as sink_module
from common import kafka_config
from common.settings import load_settings
from digger.settings import DiggerSettings
from digger.topics import ensure_topics
from interceptor.settings import InterceptorSettings
from interceptor.sink import KafkaSink
from interceptor.wire import EncodedExchange
from scripts import kafka_dev
from scripts.kafka_acls import AclRule, sieve_acls
from tests.charts.helm import ROOT, Rendered, pod_spec, render, requires_helm

S = TypeVar("S", bound=BaseSettings)

pytestmark = [
    requires_helm,
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("java") is None, reason="java not installed (Kafka needs it)"),
]


def generated_cluster_id(env: dict[str, str] | None = None) -> str:
    """The cluster id the StatefulSet's start script makes when kafka.clusterId is empty."""
    (container,) = render().workload("kafka")["spec"]["template"]["spec"]["containers"]
    script = container["command"][-1]
    lines = [ln.strip() for ln in script.splitlines()]
    lines = [ln for ln in lines if ln.startswith(("cluster_id=", 'case "$cluster_id"'))]
    assert len(lines) == 2, script
    done = subprocess.run(
        ["sh", "-c", f'unset KAFKA_CLUSTER_ID; {"; ".join(lines)}; printf %s "$cluster_id"'],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]{21}", done.stdout), done.stdout
    return done.stdout


def test_a_random_cluster_id_never_starts_with_a_dash(tmp_path: Path) -> None:
    # kafka-storage reads "--cluster-id -xyz…" as a missing value; 1 random id in 64 began so
    fake = tmp_path / "head"
    fake.write_text("#!/bin/sh\nprintf '\\370\\001\\002\\003\\004\\005\\006\\007"
                    "\\010\\011\\012\\013\\014\\015\\016\\017'\n")  # fmt: skip
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    raw = subprocess.run(["sh", "-c", "head -c 16 /dev/urandom | base64"], env=env,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert raw.startswith("+")  # the fake bytes give the case that broke the broker's start
    assert generated_cluster_id(env).startswith("A")


def secret_value(r: Rendered, name: str, key: str) -> str:
    return base64.b64decode(r.named("Secret", name)["data"][key]).decode()


@dataclass
class ChartBroker:
    """The chart's broker running here, and what its clients need."""

    bootstrap: str
    local: str  # the pod-loopback listener (admin over PLAIN)
    rendered: Rendered
    clients: Path  # the clients' /etc/sieve

    def admin_config(self) -> dict[str, Any]:
        return {
            "bootstrap.servers": self.local,
            "security.protocol": "sasl_plaintext",
            "sasl.mechanism": "PLAIN",
            "sasl.username": "admin",
            "sasl.password": secret_value(self.rendered, "sieve-kafka-admin", "password"),
        }

    def env(self, component: str) -> dict[str, str]:
        """The component's Kafka env vars as its pod sees them, moved to this machine."""
        out: dict[str, str] = {}
        for name, entry in self.rendered.env(component).items():
            if "_KAFKA_" not in name:
                continue
            if "valueFrom" in entry:
                ref = entry["valueFrom"]["secretKeyRef"]
                out[name] = secret_value(self.rendered, ref["name"], ref["key"])
            else:
                out[name] = str(entry["value"]).replace("/etc/sieve", str(self.clients))
        out[next(n for n in out if n.endswith("KAFKA_BOOTSTRAP_SERVERS"))] = self.bootstrap
        return out


def fake_kafka_home(home: Path, libs: Path, log4j: Path) -> None:
    """``bin/`` with the scripts the chart calls, running this machine's Kafka jars."""
    java = f'exec "{shutil.which("java")}" -Dlog4j2.configurationFile={log4j} -cp "{libs}/*"'
    shim = "tests.charts.kafka_acls_shim"
    scripts = {
        "kafka-storage.sh": f'{java} -Xmx256m kafka.tools.StorageTool "$@"',
        "kafka-server-start.sh": f'{java} -Xmx384m -Xms384m kafka.Kafka "$@"',
        "kafka-configs.sh": f'{java} -Xmx128m kafka.admin.ConfigCommand "$@"',
        "kafka-acls.sh": f'cd "{ROOT}" && exec "{sys.executable}" -m {shim} "$@"',
    }
    (home / "bin").mkdir(parents=True)
    for name, line in scripts.items():
        path = home / "bin" / name
        path.write_text(f"#!/bin/sh\n{line}\n")
        path.chmod(0o755)


@pytest.fixture(scope="module")
def chart_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChartBroker]:
    """The StatefulSet's own start script, ConfigMap and generated Secrets, run here."""
    r = render()
    work = tmp_path_factory.mktemp("chart-kafka")
    etc, clients, tmp, data = work / "etc", work / "clients", work / "tmp", work / "data"
    for d in (etc / "kafka", etc / "kafka-tls", etc / "kafka-admin", clients / "kafka-tls", tmp):
        d.mkdir(parents=True)
    port, local, controller = (kafka_dev.free_port() for _ in range(3))

    def here(text: str) -> str:
        for old, new in (
            ("/opt/kafka", str(work / "home")),
            ("/etc/sieve", str(etc)),
            ("/var/lib/kafka/data", str(data)),
            ("127.0.0.1:9093", f"127.0.0.1:{controller}"),
            ("127.0.0.1:9094", f"127.0.0.1:{local}"),
            ("SASL_SSL://:9092", f"SASL_SSL://127.0.0.1:{port}"),
            ("sieve-kafka.sieve-system.svc.cluster.local:9092", f"127.0.0.1:{port}"),
        ):
            text = text.replace(old, new)
        return text

    config = r.named("ConfigMap", "sieve-kafka")["data"]
    for name, text in config.items():
        (etc / "kafka" / name).write_text(here(text))
    for key in ("ca.crt", "keystore.pem"):
        (etc / "kafka-tls" / key).write_text(secret_value(r, "sieve-kafka-tls", key))
    (etc / "kafka-admin" / "password").write_text(secret_value(r, "sieve-kafka-admin", "password"))
    (clients / "kafka-tls" / "ca.crt").write_text(secret_value(r, "sieve-kafka-ca", "ca.crt"))
    fake_kafka_home(work / "home", kafka_dev.fetch(), etc / "kafka" / "log4j2.properties")

    (container,) = pod_spec(r.workload("kafka"))["containers"]
    env = {**os.environ, "TMPDIR": str(tmp)}
    for entry in container["env"]:
        if "valueFrom" in entry:
            ref = entry["valueFrom"]["secretKeyRef"]
            env[entry["name"]] = secret_value(r, ref["name"], ref["key"])
        else:
            env[entry["name"]] = here(str(entry["value"]))
    script = here(container["command"][-1])
    with (work / "broker.log").open("wb") as out:
        process = subprocess.Popen(
            [*container["command"][:-1], script],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        probe = container["readinessProbe"]["exec"]["command"]
        assert probe[-1] == "test -f /tmp/sieve-kafka-ready"
        ready = tmp / "sieve-kafka-ready"  # what the readiness probe tests
        deadline = time.monotonic() + 240
        while not ready.exists():
            assert process.poll() is None, (work / "broker.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (work / "broker.log").read_text()[-3000:]
            time.sleep(0.5)
        assert not (tmp / "sieve-kafka-admin.properties").exists()
        yield ChartBroker(f"127.0.0.1:{port}", f"127.0.0.1:{local}", r, clients)
        # SIGTERM to the start script reaches the broker: a controlled shutdown, and the
        # script exits with the broker's status (the JVM's 143 after SIGTERM), not killed
        process.send_signal(signal.SIGTERM)
        assert process.wait(90) in (0, 143), (work / "broker.log").read_text()[-3000:]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@pytest.fixture
def no_hostname_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The broker certificate names the in-cluster Service, not 127.0.0.1: only for these
    tests, clients skip the host name check (test_certificate_names_the_service checks it)."""

    def config(settings: Any, **extra: Any) -> dict[str, Any]:
        return kafka_config.client_config(
            settings, **{**extra, "ssl.endpoint.identification.algorithm": "none"}
        )

    monkeypatch.setattr(topics_module, "client_config", config)
    monkeypatch.setattr(sink_module, "client_config", config)


def settings_of(cls: type[S], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> S:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_settings(cls)


def deliver(sink: KafkaSink, n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while sink.delivered + sink.delivery_failed < n and time.monotonic() < deadline:
        sink.poll()
        time.sleep(0.05)


def first_error(conf: dict[str, Any], topic: str) -> tuple[KafkaError | None, bytes | None]:
    """(error, value) of the first record or error reading ``topic`` (every partition)."""
    consumer = Consumer({**conf, "enable.auto.commit": False, "fetch.max.bytes": 8_000_000})
    try:
        parts = consumer.list_topics(topic, timeout=15).topics[topic].partitions
        consumer.assign([TopicPartition(topic, p, 0) for p in parts])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            err = msg.error()
            if err is None:
                return None, msg.value()
            if err.code() != KafkaError._PARTITION_EOF:
                return err, None
        return None, None
    finally:
        consumer.close()


def test_digger_and_interceptors_work_with_the_chart_credentials(
    chart_broker: ChartBroker, no_hostname_check: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dig = settings_of(DiggerSettings, chart_broker.env("digger"), monkeypatch)
    icp = settings_of(InterceptorSettings, chart_broker.env("interceptor"), monkeypatch)
    assert dig.kafka_security_protocol == icp.kafka_security_protocol == "SASL_SSL"

    # The digger creates its topics with its own rights (Create), as at start.
    ensure_topics(dig, timeout=30)
    admin = AdminClient(chart_broker.admin_config())
    exchanges, pods = dig.kafka_exchanges_topic, dig.kafka_pods_topic
    deadline = time.monotonic() + 30  # the broker's metadata may trail the controller's
    while not {exchanges, pods} <= set(admin.list_topics(timeout=10).topics):
        assert time.monotonic() < deadline, "topics not created"
        time.sleep(0.2)
    resources = [ConfigResource("topic", exchanges), ConfigResource("topic", pods)]
    described = {
        res.name: future.result(30) for res, future in admin.describe_configs(resources).items()
    }
    assert described[exchanges]["retention.ms"].value == str(dig.kafka_exchanges_retention_ms)
    assert described[pods]["cleanup.policy"].value == "compact"

    # An interceptor writes a record of 1.5 MB (two bodies near the cap) through TLS + SCRAM.
    big = b"x" * 1_500_000
    sink = KafkaSink(icp)
    assert sink.send(EncodedExchange(b"10.0.0.7:8080", big))
    deliver(sink, 1)
    assert (sink.delivered, sink.delivery_failed, sink.auth_failures) == (1, 0, 0)

    no_check = {"ssl.endpoint.identification.algorithm": "none"}
    # The digger reads it in its group ...
    err, value = first_error(
        kafka_config.client_config(dig, **no_check, **{"group.id": "sieve-digger-chart"}),
        exchanges,
    )
    assert err is None
    assert value == big
    # ... an interceptor may not read raw payloads, nor write pod identities.
    err, value = first_error(
        kafka_config.client_config(icp, **no_check, **{"group.id": "sieve-interceptor-x"}),
        exchanges,
    )
    assert err is not None
    assert err.code() == KafkaError.TOPIC_AUTHORIZATION_FAILED
    assert value is None
    errors: list[KafkaError | None] = []
    producer = Producer(
        kafka_config.client_config(icp, **no_check, **{"message.timeout.ms": 10000})
    )
    producer.produce(pods, b"forged", b"10.0.0.7", on_delivery=lambda e, _m: errors.append(e))
    producer.flush(20)
    assert errors
    assert errors[0] is not None
    assert errors[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED


def test_topics_are_never_created_by_accident(chart_broker: ChartBroker) -> None:
    name = f"sieve.digger.stray.{uuid.uuid4().hex[:8]}"  # one the digger may create on purpose
    producer = Producer({**chart_broker.admin_config(), "message.timeout.ms": 3000, "linger.ms": 0})
    errors: list[object] = []
    producer.produce(name, b"v", on_delivery=lambda err, _m: errors.append(err))
    producer.flush(10)
    assert errors
    assert errors[0] is not None  # delivery failed: the topic does not exist
    admin = AdminClient(chart_broker.admin_config())
    assert name not in admin.list_topics(timeout=10).topics
    with pytest.raises(KafkaException):
        admin.describe_configs([ConfigResource("topic", name)])[
            ConfigResource("topic", name)
        ].result(10)


def chart_acl_rules(setup_script: str) -> set[AclRule]:
    """The ``kafka-acls.sh --add`` calls of the chart's setup script, as rules."""
    rules = set()
    for line in setup_script.splitlines():
        words = shlex.split(line.split("||")[0])
        if words[:2] != ["tool", "kafka-acls.sh"]:
            continue
        opts: dict[str, list[str]] = {}
        for flag, value in zip(words[3::2], words[4::2], strict=True):
            opts.setdefault(flag, []).append(value)
        assert words[2] == "--add"
        resource = "topic" if "--topic" in opts else "group"
        (name,) = opts[f"--{resource}"]
        (principal,) = opts["--allow-principal"]
        (pattern,) = opts.get("--resource-pattern-type", ["literal"])
        rules.add(AclRule(principal, resource, name, pattern, tuple(opts["--operation"])))  # type: ignore[arg-type]
    return rules


@pytest.mark.parametrize("topics", [{}, {"exchanges": "prod.exchanges", "pods": "prod.pods"}])
def test_chart_acls_are_the_tested_table(topics: dict[str, str]) -> None:
    """The rules test_kafka_secure proves on a real broker are the ones the chart sets."""
    r = render({"kafka": {"topics": topics}} if topics else {})
    script = r.named("ConfigMap", "sieve-kafka")["data"]["setup.sh"]
    expected = sieve_acls(
        interceptor="interceptor",
        digger="digger",
        exchanges=topics.get("exchanges", "sieve.exchanges"),
        pods=topics.get("pods", "sieve.pods"),
    )
    assert chart_acl_rules(script) == set(expected)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
def test_certificate_names_the_service(tmp_path: Path) -> None:
    r = render()
    ks = tmp_path / "keystore.pem"
    ks.write_text(secret_value(r, "sieve-kafka-tls", "keystore.pem"))
    ca = tmp_path / "ca.crt"
    ca.write_text(secret_value(r, "sieve-kafka-ca", "ca.crt"))
    host = r.env("digger")["SIEVE_DIGGER_KAFKA_BOOTSTRAP_SERVERS"]["value"].rpartition(":")[0]

    def openssl(*args: str) -> str:
        return subprocess.run(["openssl", *args], capture_output=True, text=True, check=True).stdout

    # signed by the CA the clients get, valid for the name they connect to
    openssl("verify", "-CAfile", str(ca), "-verify_hostname", host, str(ks))
    # the key is PKCS#8 (what Kafka's PEM key store reads) and belongs to the certificate
    assert ks.read_text().startswith("-----BEGIN PRIVATE KEY-----\n")
    assert openssl("pkey", "-in", str(ks), "-pubout") == openssl(
        "x509", "-in", str(ks), "-pubkey", "-noout"
    )
