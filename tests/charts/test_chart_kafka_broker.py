"""The bundled broker's configuration, as the chart renders it, runs on real Apache Kafka.

The chart's server.properties is started with the same Kafka version as the image (only the
addresses and the data directory are moved to this machine); the digger's own topic creation
then runs against it: topics are made only on purpose, sieve.exchanges keeps its short
retention, and records larger than Kafka's 1 MB default fit.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from confluent_kafka import Consumer, KafkaException, Producer
from confluent_kafka.admin import AdminClient, ConfigResource  # type: ignore[attr-defined]

from digger.settings import DiggerSettings
from digger.topics import ensure_topics
from scripts import kafka_dev
from tests.charts.helm import render, requires_helm

pytestmark = [
    requires_helm,
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("java") is None, reason="java not installed (Kafka needs it)"),
]


def chart_properties(port: int, controller: int, data: Path) -> str:
    """The chart's server.properties with this machine's addresses and data directory."""
    text = str(render().named("ConfigMap", "sieve-kafka")["data"]["server.properties"])
    assert re.search(r"^auto\.create\.topics\.enable=false$", text, re.M)
    replaced = {
        "controller.quorum.voters": f"1@127.0.0.1:{controller}",
        "listeners": f"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controller}",
        "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port}",
        "log.dirs": str(data),
    }
    lines = []
    for line in text.splitlines():
        key = line.partition("=")[0].strip()
        lines.append(f"{key}={replaced.pop(key)}" if key in replaced else line)
    assert not replaced, f"keys the chart no longer sets: {replaced}"
    return "\n".join(lines) + "\n"


def generated_cluster_id() -> str:
    """The cluster id the StatefulSet's start script makes when kafka.clusterId is empty."""
    (container,) = render().workload("kafka")["spec"]["template"]["spec"]["containers"]
    script = container["command"][-1]
    (line,) = [ln.strip() for ln in script.splitlines() if ln.strip().startswith("cluster_id=")]
    done = subprocess.run(
        ["sh", "-c", f'unset KAFKA_CLUSTER_ID; {line}; printf %s "$cluster_id"'],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", done.stdout), done.stdout
    return done.stdout


@pytest.fixture(scope="module")
def chart_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A broker running the chart's configuration; yields its bootstrap address."""
    libs = kafka_dev.fetch()
    work = tmp_path_factory.mktemp("chart-kafka")
    port, controller = kafka_dev.free_port(), kafka_dev.free_port()
    props = work / "server.properties"
    props.write_text(chart_properties(port, controller, work / "data"))
    log4j = render().named("ConfigMap", "sieve-kafka")["data"]["log4j2.properties"]
    (work / "log4j2.properties").write_text(log4j)
    java = [
        str(shutil.which("java")),
        "-Xmx384m",
        f"-Dlog4j2.configurationFile={work / 'log4j2.properties'}",
        "-cp",
        f"{libs}/*",
    ]
    cluster_id = generated_cluster_id()
    subprocess.run(
        [
            *java,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            cluster_id,
            "-c",
            str(props),
            "--ignore-formatted",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with (work / "broker.log").open("wb") as out:
        process = subprocess.Popen(
            [*java, "kafka.Kafka", str(props)], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, (work / "broker.log").read_text()[-3000:]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "broker did not listen in 90 s"
                time.sleep(0.3)
        yield f"127.0.0.1:{port}"
    finally:
        kafka_dev.stop_process(process)


def test_digger_creates_its_topics_on_the_chart_broker(chart_broker: str) -> None:
    exchanges = f"sieve.exchanges.{uuid.uuid4().hex[:8]}"
    pods = f"sieve.pods.{uuid.uuid4().hex[:8]}"
    settings = DiggerSettings(
        kafka_bootstrap_servers=chart_broker,
        kafka_exchanges_topic=exchanges,
        kafka_pods_topic=pods,
        kafka_exchanges_retention_ms=600_000,
    )
    ensure_topics(settings, timeout=30)
    admin = AdminClient({"bootstrap.servers": chart_broker})
    topics = admin.list_topics(timeout=30).topics
    assert {exchanges, pods} <= set(topics)
    resources = [ConfigResource("topic", exchanges), ConfigResource("topic", pods)]
    described = {
        res.name: future.result(30) for res, future in admin.describe_configs(resources).items()
    }
    assert described[exchanges]["retention.ms"].value == "600000"
    assert described[pods]["cleanup.policy"].value == "compact"

    # A record of 1.5 MB (two bodies near the body cap) is accepted by the broker.
    big = b"x" * 1_500_000
    producer = Producer(
        {"bootstrap.servers": chart_broker, "message.max.bytes": 4_000_000, "linger.ms": 0}
    )
    errors: list[object] = []
    producer.produce(exchanges, big, b"k", on_delivery=lambda err, _m: errors.append(err))
    assert producer.flush(30) == 0
    assert errors == [None]
    consumer = Consumer(
        {
            "bootstrap.servers": chart_broker,
            "group.id": f"chart-test-{uuid.uuid4().hex[:6]}",
            "auto.offset.reset": "earliest",
            "fetch.max.bytes": 8_000_000,
        }
    )
    try:
        consumer.subscribe([exchanges])
        deadline = time.monotonic() + 30
        got = None
        while got is None and time.monotonic() < deadline:
            msg = consumer.poll(1.0)
            if msg is not None and msg.error() is None:
                got = msg.value()
        assert got == big
    finally:
        consumer.close()


def test_topics_are_never_created_by_accident(chart_broker: str) -> None:
    name = f"sieve.stray.{uuid.uuid4().hex[:8]}"
    producer = Producer(
        {"bootstrap.servers": chart_broker, "message.timeout.ms": 3000, "linger.ms": 0}
    )
    errors: list[object] = []
    producer.produce(name, b"v", on_delivery=lambda err, _m: errors.append(err))
    producer.flush(10)
    assert errors
    assert errors[0] is not None  # delivery failed: the topic does not exist
    admin = AdminClient({"bootstrap.servers": chart_broker})
    assert name not in admin.list_topics(timeout=10).topics
    with pytest.raises(KafkaException):
        admin.describe_configs([ConfigResource("topic", name)])[
            ConfigResource("topic", name)
        ].result(10)
