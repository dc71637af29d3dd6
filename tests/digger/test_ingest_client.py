"""IngestClient against a real gRPC server on loopback: acks, resend after restart, auth."""

from __future__ import annotations

import time

from digger.ingest_client import IngestClient, IngestConfig, read_token_file
from digger.ledger import Claim, SourceRange
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.digger.ingest_server import IngestServer, RecordingIngest


def _reports(n: int) -> list[metadata_pb2.EndpointReport]:
    return [
        metadata_pb2.EndpointReport(method="GET", path_template=f"/r{i}", exchange_count=1)
        for i in range(n)
    ]


def _client(target: str, **kw) -> IngestClient:
    cfg = IngestConfig(
        target=target,
        agent_id="test-agent",
        insecure=True,
        token="test-token",
        backoff_initial=0.05,
        backoff_max=0.3,
        **kw,
    )
    return IngestClient(cfg, instance="7").start()


def test_batches_are_numbered_split_and_acked():
    server = IngestServer().start()
    client = _client(server.target, max_reports_per_batch=2)
    try:
        seqs = client.submit(_reports(5), 1_000, 2_000)
        assert seqs == [1, 2, 3]
        assert client.wait_acked(3, 10)
        assert client.in_flight == 0
        assert client.connected
        ids = sorted(server.servicer.stored)
        assert ids == ["test-agent/7/1", "test-agent/7/2", "test-agent/7/3"]
        b = server.servicer.stored["test-agent/7/1"]
        assert b.sequence == 1
        assert b.window_start.ToNanoseconds() == 1_000
        assert server.servicer.exchange_total() == 5
    finally:
        client.close()
        server.stop()


def test_two_replicas_started_together_never_share_a_batch_id():
    """Replicas share the agent id; ids differ by a random instance id, not a start time."""
    server = IngestServer().start()
    cfg = IngestConfig(target=server.target, agent_id="shared", insecure=True, token="test-token")
    clients = [IngestClient(cfg).start() for _ in range(2)]
    try:
        first, second = clients
        assert first.instance != second.instance
        assert len(first.instance) >= 16  # 64 random bits
        for client in clients:
            assert client.submit(_reports(1), 1_000, 2_000) == [1]
            assert client.wait_acked(1, 10)
        assert sorted(server.servicer.stored) == sorted(f"shared/{c.instance}/1" for c in clients)
        assert server.servicer.exchange_total() == 2
    finally:
        for client in clients:
            client.close()
        server.stop()


def test_unacked_batches_are_resent_after_the_server_returns():
    server = IngestServer()
    client = _client(server.target)  # server not started yet: nothing is acked
    try:
        client.submit(_reports(1), 0, 1)
        client.submit(_reports(1), 1, 2)
        time.sleep(0.5)
        assert not client.connected
        assert client.acked_through == 0
        assert client.in_flight == 2
        server.start()
        assert client.wait_acked(2, 15)
        server.stop(0)
        client.submit(_reports(1), 2, 3)
        time.sleep(0.5)
        assert client.acked_through == 2
        server.start()
        assert client.wait_acked(3, 15)
        assert server.servicer.exchange_total() == 3
    finally:
        client.close()
        server.stop()


def test_wrong_token_is_never_acked():
    server = IngestServer(RecordingIngest(token="other")).start()
    client = _client(server.target)
    try:
        client.submit(_reports(1), 0, 1)
        assert not client.wait_acked(1, 1.0)
        assert server.servicer.stored == {}
    finally:
        client.close()
        server.stop()


def test_max_in_flight_reports_no_capacity():
    server = IngestServer()
    client = _client(server.target, max_in_flight=2)
    try:
        client.submit(_reports(1), 0, 1)
        assert client.has_capacity
        client.submit(_reports(1), 0, 1)
        assert not client.has_capacity
    finally:
        client.close()


class ClaimingIngest(RecordingIngest):
    """Answers claims with epoch 3 / high water 40 and fences every ranged batch."""

    def ClaimPartitions(self, request, context):
        out = ingest_pb2.ClaimPartitionsResponse()
        for p in request.partitions:
            out.claims.add(partition=p, owner_epoch=3, has_high_water=p == 0, high_water=40)
        return out

    def Ingest(self, request_iterator, context):
        for request in request_iterator:
            batch = request.batch
            status = (
                ingest_pb2.ACK_STATUS_FENCED
                if batch.HasField("source_range")
                else ingest_pb2.ACK_STATUS_STORED
            )
            with self.lock:
                self.stored[batch.batch_id] = batch
            yield ingest_pb2.IngestResponse(
                ack=ingest_pb2.BatchAck(
                    sequence=batch.sequence, batch_id=batch.batch_id, status=status
                )
            )


def test_claims_ranges_and_fenced_batches():
    server = IngestServer(ClaimingIngest()).start()
    client = _client(server.target, max_reports_per_batch=1)
    try:
        claims = client.claim("g", "ex", [0, 1], timeout=10)
        assert claims == {0: Claim(3, 40), 1: Claim(3, None)}
        # a ranged window goes as one batch, whatever max_reports_per_batch says
        seqs = client.submit(_reports(3), 0, 1, SourceRange("ex", 1, 40, 52, 3), "g")
        assert seqs == [1]
        assert client.submit([], 1, 2, SourceRange("ex", 0, 52, 53, 3), "g") == [2]
        assert client.wait_acked(2, 10)
        assert client.take_fenced() == {(("ex", 1), 3), (("ex", 0), 3)}
        assert client.take_fenced() == set()
        r = server.servicer.stored["test-agent/7/1"].source_range
        assert (r.consumer_group, r.topic, r.partition) == ("g", "ex", 1)
        assert (r.start_offset, r.end_offset, r.owner_epoch) == (40, 52, 3)
    finally:
        client.close()
        server.stop()


def test_a_cloud_without_claims_answers_none():
    server = IngestServer().start()
    client = _client(server.target)
    try:
        assert client.claim("g", "ex", [0], timeout=10) is None
    finally:
        client.close()
        server.stop()


def test_token_file_gives_the_first_field_of_its_first_line(tmp_path):
    path = tmp_path / "token"
    for text, token in (
        ("test-token\n", "test-token"),
        ("test-token,cluster-a\n", "test-token"),  # a collector tokens-file line
        ("# accepted tokens\n\n  test-token , cluster-a\nother,cluster-b\n", "test-token"),
        ("# nothing\n\n", ""),
    ):
        path.write_text(text)
        assert read_token_file(path) == token, text


def test_a_bound_tokens_file_line_authenticates_the_digger(tmp_path):
    server = IngestServer().start()
    token_file = tmp_path / "token"
    token_file.write_text("test-token,test-agent\n")
    cfg = IngestConfig(
        target=server.target,
        agent_id="test-agent",
        insecure=True,
        token_file=str(token_file),
        backoff_initial=0.05,
        backoff_max=0.3,
    )
    client = IngestClient(cfg, instance="7").start()
    try:
        client.submit(_reports(1), 0, 1)
        assert client.wait_acked(1, 10)  # the server wants "Bearer test-token" exactly
        assert list(server.servicer.stored) == ["test-agent/7/1"]
    finally:
        client.close()
        server.stop()
