"""Sieve against a real broker with TLS, SASL (SCRAM-SHA-512 and PLAIN) and ACLs.

The broker (``scripts.kafka_dev.start_secure``) has its own free ports and directory, so it
never meets the plain session broker. Each test grants the chart's ACL rules
(``scripts.kafka_acls``) on topics of its own, then runs the interceptor's sink and the
digger's consumer through the encrypted, authenticated listener.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient
from prometheus_client import CollectorRegistry

from common.kafka_config import client_config
from common.settings import ConfigError, load_settings
from digger import metrics as digger_metrics
from digger.cluster import PodsPublisher
from digger.topics import ensure_topics
from interceptor.discovery import PodDirectory
from interceptor.live import LiveCapture
from interceptor.metrics import InterceptorCollector
from interceptor.settings import InterceptorSettings
from interceptor.sink import KafkaSink
from interceptor.wire import EncodedExchange
from protos.sieve.v1 import identity_pb2
from scripts import kafka_dev
from scripts.kafka_acls import AclRule, apply_acls, sieve_acls
from tests.digger.exchanges import make_exchange
from tests.digger.harness import RunningDigger, digger_settings, wait_for, write_identities
from tests.digger.ingest_server import IngestServer
from tests.digger.standin import StandinDetectorServer

pytestmark = pytest.mark.integration

MTLS_PRINCIPAL = "CN=sieve-mtls-client"  # the subject of kafka_dev's client certificate


@pytest.fixture(scope="module")
def secure_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[kafka_dev.SecureBroker]:
    users = {"interceptor": secrets.token_hex(12), "digger": secrets.token_hex(12)}
    broker = kafka_dev.start_secure(tmp_path_factory.mktemp("kafka-secure"), users)
    yield broker
    broker.stop()


def grant(broker: kafka_dev.SecureBroker, rules: list[AclRule]) -> None:
    """Create ``rules`` on the broker as its super user."""
    apply_acls(broker.client(kafka_dev.ADMIN_USER), rules)


def topics_for_test(broker: kafka_dev.SecureBroker, interceptor: str = "interceptor") -> str:
    """A fresh name stem; the chart's rules granted on ``<stem>.exchanges``/``.pods``."""
    stem = f"secure.{uuid.uuid4().hex[:8]}"
    grant(
        broker,
        sieve_acls(
            interceptor=interceptor,
            digger="digger",
            exchanges=f"{stem}.exchanges",
            pods=f"{stem}.pods",
        ),
    )
    return stem


def write_password(tmp_path: Path, password: str) -> str:
    path = tmp_path / f"password-{uuid.uuid4().hex[:6]}"
    path.write_text(password + "\n")  # as a Secret edited by hand often is
    return str(path)


def interceptor_settings(
    broker: kafka_dev.SecureBroker,
    tmp_path: Path,
    mechanism: str,
    password: str | None = None,
    **kw: Any,
) -> InterceptorSettings:
    assert broker.users is not None
    assert broker.pki is not None
    return load_settings(
        InterceptorSettings,
        kafka_bootstrap_servers=broker.bootstrap,
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism=mechanism,
        kafka_sasl_username="interceptor",
        kafka_sasl_password_file=write_password(
            tmp_path, broker.users["interceptor"] if password is None else password
        ),
        kafka_ssl_ca_location=str(broker.pki.ca_cert),
        kafka_linger_ms=5,
        **kw,
    )


def secure_digger_kw(broker: kafka_dev.SecureBroker, stem: str, mechanism: str) -> dict[str, Any]:
    assert broker.users is not None
    assert broker.pki is not None
    return {
        "kafka_security_protocol": "SASL_SSL",
        "kafka_sasl_mechanism": mechanism,
        "kafka_sasl_username": "digger",
        "kafka_sasl_password": broker.users["digger"],
        "kafka_ssl_ca_location": str(broker.pki.ca_cert),
        "kafka_exchanges_topic": f"{stem}.exchanges",
        "kafka_pods_topic": f"{stem}.pods",
        "kafka_group_id": f"sieve-digger-{stem}",
    }


def deliver(sink: KafkaSink, n: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while sink.delivered + sink.delivery_failed < n and time.monotonic() < deadline:
        sink.poll()
        time.sleep(0.05)


@pytest.mark.parametrize("mechanism", ["SCRAM-SHA-512", "PLAIN"])
def test_sink_to_digger_through_tls_and_sasl(
    secure_broker: kafka_dev.SecureBroker,
    mechanism: str,
    tmp_path: Path,
    detector: StandinDetectorServer,
    ingest: IngestServer,
) -> None:
    stem = topics_for_test(secure_broker)
    dig_settings = digger_settings(
        secure_broker.bootstrap,
        detector.url,
        ingest.target,
        write_identities(tmp_path),
        **secure_digger_kw(secure_broker, stem, mechanism),
    )
    # the digger creates both topics with its own (Create-only) rights, then consumes
    digger = RunningDigger(dig_settings).start()
    try:
        admin = AdminClient(secure_broker.client(kafka_dev.ADMIN_USER))
        assert wait_for(lambda: f"{stem}.exchanges" in admin.list_topics(timeout=5).topics, 60)
        settings = interceptor_settings(secure_broker, tmp_path, mechanism)
        sink = KafkaSink(settings, topic=f"{stem}.exchanges")
        n = 300
        for i in range(n):
            ex = make_exchange(
                client="10.0.0.5",
                server="10.0.0.7",
                target="/orders",
                request={"email": f"u{i}@example.org"},
                seq=i,
            )
            assert sink.send(EncodedExchange.of(ex))
        deliver(sink, n)
        assert (sink.delivered, sink.delivery_failed, sink.auth_failures) == (n, 0, 0)
        assert wait_for(lambda: ingest.servicer.exchange_total() == n, 60), (
            ingest.servicer.exchange_total()
        )
        assert digger.error is None
    finally:
        digger.stop()
    assert {r.destination.name for r in ingest.servicer.reports()} == {"orders"}


def test_mutual_tls_listener(secure_broker: kafka_dev.SecureBroker, tmp_path: Path) -> None:
    """SSL with a client certificate: the certificate's subject is the principal."""
    assert secure_broker.pki is not None
    stem = topics_for_test(secure_broker, interceptor=MTLS_PRINCIPAL)
    admin = AdminClient(secure_broker.client(kafka_dev.ADMIN_USER))
    from confluent_kafka.admin import NewTopic  # type: ignore[attr-defined]

    for future in admin.create_topics([NewTopic(f"{stem}.exchanges", 1, 1)]).values():
        future.result(15)
    pki = secure_broker.pki
    settings = load_settings(
        InterceptorSettings,
        kafka_bootstrap_servers=secure_broker.ssl_bootstrap,
        kafka_security_protocol="SSL",
        kafka_ssl_ca_location=str(pki.ca_cert),
        kafka_ssl_certificate_location=str(pki.client_cert),
        kafka_ssl_key_location=str(pki.client_key),
        kafka_linger_ms=5,
    )
    sink = KafkaSink(settings, topic=f"{stem}.exchanges")
    for i in range(10):
        assert sink.send(EncodedExchange.of(make_exchange(seq=i)))
    deliver(sink, 10)
    assert (sink.delivered, sink.delivery_failed) == (10, 0)


def test_wrong_password_is_counted_not_a_hang_or_crash(
    secure_broker: kafka_dev.SecureBroker, tmp_path: Path
) -> None:
    stem = topics_for_test(secure_broker)
    settings = interceptor_settings(
        secure_broker, tmp_path, "SCRAM-SHA-512", password="not-the-password"
    )
    sink = KafkaSink(settings, topic=f"{stem}.exchanges")
    t0 = time.monotonic()
    for i in range(20):
        assert sink.send(EncodedExchange.of(make_exchange(seq=i)))  # never blocks
    assert time.monotonic() - t0 < 5

    def refused() -> bool:
        sink.poll()
        return sink.auth_failures > 0

    assert wait_for(refused, 30)
    assert sink.delivered == 0
    assert sink.pending() == 20  # held in the bounded queue, not lost silently
    assert sink.flush(0.5) == 20  # flush gives up on time and says what is left
    registry = CollectorRegistry()
    registry.register(InterceptorCollector(LiveCapture(settings, lambda ex: None), sink))
    exported = registry.get_sample_value("sieve_interceptor_kafka_auth_failures_total")
    assert exported is not None
    assert exported >= 1

    # The digger stops at start with one line when it is the one refused.
    dig = digger_settings(
        secure_broker.bootstrap,
        "http://127.0.0.1:9",
        "127.0.0.1:9",
        write_identities(tmp_path),
        **{**secure_digger_kw(secure_broker, stem, "PLAIN"), "kafka_sasl_password": "nope"},
    )
    with pytest.raises(ConfigError) as err:
        ensure_topics(dig, timeout=5)
    assert "\n" not in str(err.value)
    assert "Kafka refused the digger's credentials" in str(err.value)
    assert "nope" not in str(err.value)


def test_digger_not_allowed_to_create_a_topic_stops_with_one_line(
    secure_broker: kafka_dev.SecureBroker, tmp_path: Path
) -> None:
    stem = f"secure.{uuid.uuid4().hex[:8]}"  # no rule names these topics
    dig = digger_settings(
        secure_broker.bootstrap,
        "http://127.0.0.1:9",
        "127.0.0.1:9",
        write_identities(tmp_path),
        **secure_digger_kw(secure_broker, stem, "SCRAM-SHA-512"),
    )
    with pytest.raises(ConfigError) as err:
        ensure_topics(dig, timeout=15)
    assert "\n" not in str(err.value)
    assert "does not allow the digger to create topic" in str(err.value)
    assert "SIEVE_DIGGER_KAFKA_CREATE_TOPICS=false" in str(err.value)


def test_digger_consumer_counts_refusals_and_stays_alive(
    secure_broker: kafka_dev.SecureBroker,
    tmp_path: Path,
    detector: StandinDetectorServer,
    ingest: IngestServer,
) -> None:
    stem = topics_for_test(secure_broker)
    kw = {
        **secure_digger_kw(secure_broker, stem, "SCRAM-SHA-512"),
        "kafka_sasl_password": "wrong",
        "kafka_create_topics": False,
    }
    settings = digger_settings(
        secure_broker.bootstrap, detector.url, ingest.target, write_identities(tmp_path), **kw
    )
    refusals = digger_metrics.KAFKA_ERRORS.labels(code="_AUTHENTICATION")
    before = refusals._value.get()
    digger = RunningDigger(settings).start()
    try:
        assert wait_for(lambda: refusals._value.get() > before, 30)
        assert wait_for(lambda: digger.runtime.health.readiness()["kafka"] is False, 10)
        assert digger.thread.is_alive()
        assert digger.error is None
    finally:
        digger.stop()


def _consume_error(conf: dict[str, Any], topic: str) -> KafkaError | None:
    """The first error reading ``topic`` in a group named as the user's service names its."""
    group = "sieve-digger" if conf["sasl.username"] == "digger" else "sieve-interceptor"
    consumer = Consumer(
        {
            **conf,
            "group.id": f"{group}-acl-{uuid.uuid4().hex[:6]}",
            "enable.auto.commit": False,
        }
    )
    try:
        consumer.assign([TopicPartition(topic, 0, 0)])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            err = msg.error()
            if err is not None and err.code() != KafkaError._PARTITION_EOF:
                return err
            if err is None:
                return None
        return None
    finally:
        consumer.close()


def _produce_error(conf: dict[str, Any], topic: str) -> KafkaError | None:
    result: list[KafkaError | None] = []
    producer = Producer({**conf, "message.timeout.ms": 15000})
    producer.produce(topic, b"v", b"k", on_delivery=lambda err, _m: result.append(err))
    producer.flush(20)
    assert result, "no delivery report"
    return result[0]


def test_acls_keep_each_principal_to_its_job(secure_broker: kafka_dev.SecureBroker) -> None:
    stem = topics_for_test(secure_broker)
    exchanges, pods = f"{stem}.exchanges", f"{stem}.pods"
    admin = AdminClient(secure_broker.client(kafka_dev.ADMIN_USER))
    from confluent_kafka.admin import NewTopic  # type: ignore[attr-defined]

    for future in admin.create_topics([NewTopic(exchanges, 1, 1), NewTopic(pods, 1, 1)]).values():
        future.result(15)
    icp = secure_broker.client("interceptor")
    dig = secure_broker.client("digger")

    # allowed: the interceptor writes exchanges, the digger writes pods; both read what they need
    assert _produce_error(icp, exchanges) is None
    assert _produce_error({**dig, "enable.idempotence": True}, pods) is None  # as it publishes
    assert _consume_error(icp, pods) is None
    assert _consume_error(dig, exchanges) is None

    # denied: an interceptor reading raw payloads, or forging identities; a digger writing
    # exchanges; anyone on a topic no rule names
    denied = KafkaError.TOPIC_AUTHORIZATION_FAILED
    err = _consume_error(icp, exchanges)
    assert err is not None
    assert err.code() == denied
    err = _produce_error(icp, pods)
    assert err is not None
    assert err.code() == denied
    err = _produce_error(dig, exchanges)
    assert err is not None
    assert err.code() == denied
    other = f"secure.{uuid.uuid4().hex[:8]}.other"
    for future in admin.create_topics([NewTopic(other, 1, 1)]).values():
        future.result(15)
    err = _produce_error(icp, other)
    assert err is not None
    assert err.code() == denied


def test_client_config_matches_what_the_broker_accepts(
    secure_broker: kafka_dev.SecureBroker, tmp_path: Path
) -> None:
    """The settings' client config (password from a file) is what authenticates."""
    settings = interceptor_settings(secure_broker, tmp_path, "SCRAM-SHA-512")
    conf = client_config(settings)
    assert conf["sasl.password"] == secure_broker.users["interceptor"]  # type: ignore[index]
    md = AdminClient(conf).list_topics(timeout=15)
    assert md.brokers


def test_digger_process_stops_at_start_on_a_missing_secret_file(tmp_path: Path) -> None:
    """The whole service, as a pod would run it: exit 2 and one line, no traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIEVE_")}
    env.update(
        {
            "SIEVE_DIGGER_IDENTITY_SOURCE": "static",
            "SIEVE_DIGGER_IDENTITIES_FILE": str(write_identities(tmp_path)),
            "SIEVE_DIGGER_OPS_HOST": "127.0.0.1",
            "SIEVE_DIGGER_OPS_PORT": "0",
            "SIEVE_DIGGER_INGEST_INSECURE": "true",
            "SIEVE_DIGGER_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "SIEVE_DIGGER_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "SIEVE_DIGGER_KAFKA_SASL_USERNAME": "digger",
            "SIEVE_DIGGER_KAFKA_SASL_PASSWORD_FILE": str(tmp_path / "not-mounted" / "password"),
        }
    )
    done = subprocess.run(
        [sys.executable, "-m", "digger"],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("sieve-digger: invalid setting SIEVE_DIGGER_KAFKA_SASL_PASSWORD_FILE")
    assert "Traceback" not in done.stdout


def test_pod_identities_from_the_digger_reach_an_interceptor(
    secure_broker: kafka_dev.SecureBroker, tmp_path: Path
) -> None:
    """sieve.pods through TLS + SCRAM: the digger's publisher writes, an interceptor reads."""
    stem = topics_for_test(secure_broker)
    dig = digger_settings(
        secure_broker.bootstrap,
        "http://127.0.0.1:9",
        "127.0.0.1:9",
        write_identities(tmp_path),
        **secure_digger_kw(secure_broker, stem, "SCRAM-SHA-512"),
    )
    ensure_topics(dig, timeout=30)
    errors_before = digger_metrics.PODS_PUBLISH_ERRORS._value.get()
    publisher = PodsPublisher(dig)
    for ip, node in (("10.0.0.7", "n1"), ("10.0.0.8", "n2")):
        publisher(
            ip,
            identity_pb2.PodIdentity(
                ip=ip,
                node_name=node,
                namespace="shop",
                pod_name=f"pod-{ip}",
                workload_kind=identity_pb2.WORKLOAD_KIND_DEPLOYMENT,
                workload_name="orders",
            ),
        )
    publisher.flush(30)
    assert digger_metrics.PODS_PUBLISH_ERRORS._value.get() == errors_before

    icp = interceptor_settings(
        secure_broker, tmp_path, "SCRAM-SHA-512", node_name="n1", kafka_pods_topic=f"{stem}.pods"
    )
    pods = PodDirectory(icp)
    pods.start()
    try:
        assert pods.caught_up.wait(60)
        assert pods.ips() == {"10.0.0.7"}  # its own node's pod
        assert "10.0.0.8" in pods.cluster_ips()  # another node's
    finally:
        pods.stop()
