"""HttpExchange records through the real Kafka broker and back."""

from __future__ import annotations

import time

import pytest
from confluent_kafka import Consumer, Producer

from protos.sieve.v1 import exchange_pb2

pytestmark = pytest.mark.integration


def _exchange(i: int) -> exchange_pb2.HttpExchange:
    ex = exchange_pb2.HttpExchange(
        node_name="node-a",
        interface="veth1",
        connection_id=f"c{i % 3}",
        sequence=i,
    )
    ex.client.ip, ex.client.port = "10.0.0.1", 40000 + i
    ex.server.ip, ex.server.port = "10.0.0.2", 8080
    ex.request_start.FromNanoseconds(1_700_000_000_000_000_000 + i)
    ex.request.method = "POST"
    ex.request.target = f"/users/{i}"
    ex.request.http_version = "1.1"
    ex.request.headers.add(name="Content-Type", value="application/json")
    ex.request.body = b'{"email": "a@example.org", "n": %d}' % i
    ex.response.status = 201
    ex.response.body = b'{"id": %d}' % i
    ex.response.decoded_content_coding = exchange_pb2.CONTENT_CODING_GZIP
    return ex


def test_http_exchanges_round_trip_through_real_kafka(kafka_bootstrap: str, unique_topic: str):
    sent = [_exchange(i) for i in range(50)]
    producer = Producer({"bootstrap.servers": kafka_bootstrap, "compression.type": "zstd"})
    errors: list[object] = []

    def on_delivery(err: object, _msg: object) -> None:
        if err is not None:
            errors.append(err)

    for ex in sent:
        key = f"{ex.server.ip}:{ex.server.port}".encode()
        producer.produce(
            unique_topic,
            ex.SerializeToString(),
            key,
            on_delivery=on_delivery,
        )
    assert producer.flush(30) == 0
    assert errors == []

    consumer = Consumer(
        {
            "bootstrap.servers": kafka_bootstrap,
            "group.id": unique_topic,
            "auto.offset.reset": "earliest",
        }
    )
    consumer.subscribe([unique_topic])
    received: list[exchange_pb2.HttpExchange] = []
    deadline = time.monotonic() + 30
    try:
        while len(received) < len(sent) and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None or msg.error():
                continue
            assert msg.key() == b"10.0.0.2:8080"
            value = msg.value()
            assert value is not None
            received.append(exchange_pb2.HttpExchange.FromString(value))
    finally:
        consumer.close()
    # one key → one partition → the server's exchanges stay in order
    assert received == sent
