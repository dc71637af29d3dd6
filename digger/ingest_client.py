"""gRPC client of `IngestService.Ingest`: numbered batches on a bidirectional stream.

A worker thread keeps one stream open (TLS by default, bearer token in the call
metadata), reconnects with throttled exponential backoff, resends every batch not yet
acknowledged after a reconnect, and cancels a stream whose oldest batch waited longer than
the ack timeout. ``acked_through`` is the highest sequence up to which every batch is
acknowledged (STORED, DUPLICATE, or REJECTED and FENCED which must not be resent): the
service commits Kafka offsets up to what that covers, except for the partitions of FENCED
batches (``take_fenced``): another replica owns those now.

Batch ids are ``<agent_id>/<instance>/<sequence>`` with a random instance id per client, so
replicas sharing an agent id never collide. ``claim`` is the unary ClaimPartitions call.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import grpc

from common.backoff import Backoff
from digger import metrics
from digger.ledger import Claim, Partition, SourceRange
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc, metadata_pb2

log = logging.getLogger(__name__)

_MAX_MESSAGE = 64 * 1024 * 1024


def read_token_file(path: str | Path) -> str:
    """The bearer token in ``path``: the first comma-separated field of its first line that is
    neither blank nor a ``#`` comment ("" when there is none). One Secret can so hold the
    collector's ``TOKEN,AGENT_ID`` tokens-file line and serve the digger too."""
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            return line.partition(",")[0].strip()
    return ""


@dataclass
class IngestConfig:
    """Connection settings (see DiggerSettings.ingest_*)."""

    target: str
    agent_id: str
    cluster_name: str = ""
    insecure: bool = False
    ca_file: str | None = None
    server_name: str | None = None
    token: str | None = None
    token_file: str | None = None
    max_in_flight: int = 16
    max_reports_per_batch: int = 500
    ack_timeout: float = 30.0
    backoff_initial: float = 0.5
    backoff_max: float = 30.0


@dataclass
class _Pending:
    batch: ingest_pb2.MetadataBatch
    sent_at: float | None = None


class IngestClient:
    """Sends MetadataBatches and tracks their acks; see the module docstring."""

    def __init__(self, config: IngestConfig, *, instance: str | None = None) -> None:
        self.config = config
        # random, not a clock: two replicas started in the same millisecond stay apart
        self.instance = instance if instance is not None else secrets.token_hex(8)
        self._lock = threading.Lock()
        self._fenced: set[tuple[Partition, int]] = set()  # (partition, owner epoch)
        self._pending: dict[int, _Pending] = {}
        self._next_seq = 1
        self._acked_through = 0
        self._queue: queue.SimpleQueue[ingest_pb2.IngestRequest | None] | None = None
        self._call: grpc.Future | None = None
        self._stop = threading.Event()
        self._connected = False
        self.rejected = 0
        self._thread = threading.Thread(target=self._run, name="ingest", daemon=True)
        self._watchdog = threading.Thread(target=self._watch_acks, name="ingest-acks", daemon=True)

    # --- public --------------------------------------------------------------------------
    def start(self) -> IngestClient:
        """Start the worker threads."""
        self._thread.start()
        self._watchdog.start()
        return self

    def close(self) -> None:
        """Stop sending (unacked batches stay unacked)."""
        self._stop.set()
        self._cancel_stream()
        self._thread.join(timeout=5)
        self._watchdog.join(timeout=5)

    @property
    def connected(self) -> bool:
        """True while a stream is established (readiness)."""
        return self._connected

    @property
    def in_flight(self) -> int:
        """Batches submitted and not yet acknowledged."""
        with self._lock:
            return len(self._pending)

    @property
    def has_capacity(self) -> bool:
        """False when ``max_in_flight`` batches wait for acks (consumption should pause)."""
        return self.in_flight < self.config.max_in_flight

    @property
    def acked_through(self) -> int:
        """Every batch with a sequence up to this one is acknowledged."""
        with self._lock:
            return self._acked_through

    @property
    def last_sequence(self) -> int:
        """Sequence of the last batch submitted (0 before any)."""
        with self._lock:
            return self._next_seq - 1

    def take_fenced(self) -> set[tuple[Partition, int]]:
        """(partition, owner epoch) of batches answered FENCED since the last call (read after
        ``acked_through``: a fence is recorded before the ack advances it)."""
        with self._lock:
            fenced, self._fenced = self._fenced, set()
        return fenced

    def submit(
        self,
        reports: Sequence[metadata_pb2.EndpointReport],
        window_start_ns: int,
        window_end_ns: int,
        source_range: SourceRange | None = None,
        consumer_group: str = "",
    ) -> list[int]:
        """Queue the reports of one window as batches; returns their sequences.

        Without ``source_range`` the reports are split into batches of
        ``max_reports_per_batch``. With it they go as one batch (even with no report: the
        range alone advances the partition's stored high water), which the cloud stores
        whole or not at all.
        """
        size = self.config.max_reports_per_batch
        chunks = (
            [list(reports)]
            if source_range is not None
            else [list(reports[i : i + size]) for i in range(0, len(reports), size)]
        )
        seqs = []
        for chunk in chunks:
            with self._lock:
                seq = self._next_seq
                self._next_seq += 1
                batch = ingest_pb2.MetadataBatch(
                    agent_id=self.config.agent_id,
                    cluster_name=self.config.cluster_name,
                    batch_id=f"{self.config.agent_id}/{self.instance}/{seq}",
                    sequence=seq,
                    reports=chunk,
                )
                if source_range is not None:
                    batch.source_range.CopyFrom(
                        ingest_pb2.PartitionRange(
                            consumer_group=consumer_group,
                            topic=source_range.topic,
                            partition=source_range.partition,
                            start_offset=source_range.start,
                            end_offset=source_range.end,
                            owner_epoch=source_range.epoch,
                        )
                    )
                batch.window_start.FromNanoseconds(window_start_ns)
                batch.window_end.FromNanoseconds(window_end_ns)
                pending = _Pending(batch)
                self._pending[seq] = pending
                if self._queue is not None:
                    pending.sent_at = time.monotonic()
                    self._queue.put(ingest_pb2.IngestRequest(batch=batch))
                    metrics.BATCHES_SENT.inc()
                metrics.REPORTS_SENT.inc(len(batch.reports))
                metrics.BATCHES_IN_FLIGHT.set(len(self._pending))
            seqs.append(seq)
        return seqs

    def wait_acked(self, sequence: int, timeout: float) -> bool:
        """Block until ``acked_through >= sequence`` or ``timeout``; return whether it is."""
        deadline = time.monotonic() + timeout
        while self.acked_through < sequence:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def claim(
        self, consumer_group: str, topic: str, partitions: Sequence[int], timeout: float
    ) -> dict[int, Claim] | None:
        """ClaimPartitions: each partition's owner epoch and stored high water.

        None when the cloud does not offer the call (counts are then at-least-once);
        `grpc.RpcError` or `grpc.FutureTimeoutError` when it cannot be reached.
        """
        channel = self._channel()
        try:
            grpc.channel_ready_future(channel).result(timeout=timeout)
            stub = ingest_pb2_grpc.IngestServiceStub(channel)
            request = ingest_pb2.ClaimPartitionsRequest(
                agent_id=self.config.agent_id,
                cluster_name=self.config.cluster_name,
                consumer_group=consumer_group,
                topic=topic,
                partitions=list(partitions),
            )
            try:
                response = stub.ClaimPartitions(request, timeout=timeout, metadata=self._metadata())
            except grpc.RpcError as exc:
                if exc.code() == grpc.StatusCode.UNIMPLEMENTED:
                    return None
                raise
        finally:
            channel.close()
        return {
            c.partition: Claim(c.owner_epoch, c.high_water if c.has_high_water else None)
            for c in response.claims
        }

    # --- worker --------------------------------------------------------------------------
    def _channel(self) -> grpc.Channel:
        options: list[tuple[str, int | str]] = [
            ("grpc.max_send_message_length", _MAX_MESSAGE),
            ("grpc.max_receive_message_length", _MAX_MESSAGE),
            ("grpc.keepalive_time_ms", 20_000),
            ("grpc.keepalive_timeout_ms", 10_000),
            ("grpc.keepalive_permit_without_calls", 1),
        ]
        if self.config.insecure:
            return grpc.insecure_channel(self.config.target, options=options)
        root = Path(self.config.ca_file).read_bytes() if self.config.ca_file else None
        if self.config.server_name:
            options.append(("grpc.ssl_target_name_override", self.config.server_name))
        creds = grpc.ssl_channel_credentials(root_certificates=root)
        return grpc.secure_channel(self.config.target, creds, options=options)

    def _metadata(self) -> list[tuple[str, str]]:
        token = self.config.token
        if self.config.token_file:
            token = read_token_file(self.config.token_file)
        return [("authorization", f"Bearer {token}")] if token else []

    def _run(self) -> None:
        backoff = Backoff.exponential(self.config.backoff_initial, self.config.backoff_max)
        first = True
        while not self._stop.is_set():
            if not first:
                metrics.INGEST_RECONNECTS.inc()
            first = False
            got_ack = False
            try:
                got_ack = self._stream_once()
            except grpc.RpcError as exc:
                code = exc.code() if hasattr(exc, "code") else None
                # The cloud's reason (e.g. FAILED_PRECONDITION: set the cluster name).
                detail = exc.details() if hasattr(exc, "details") else None
                log.warning(
                    "ingest stream broke",
                    extra={"code": str(code), "detail": str(detail or "")[:300]},
                )
            except (OSError, ValueError) as exc:
                log.warning("ingest connection failed", extra={"error": repr(exc)})
            finally:
                self._detach()
            if self._stop.is_set():
                break
            if got_ack:
                backoff.reset()
            self._stop.wait(backoff.next())

    def _stream_once(self) -> bool:
        channel = self._channel()
        try:
            grpc.channel_ready_future(channel).result(timeout=max(1.0, self.config.backoff_max))
            stub = ingest_pb2_grpc.IngestServiceStub(channel)
            q: queue.SimpleQueue[ingest_pb2.IngestRequest | None] = queue.SimpleQueue()
            with self._lock:
                now = time.monotonic()
                for seq in sorted(self._pending):
                    pending = self._pending[seq]
                    pending.sent_at = now
                    q.put(ingest_pb2.IngestRequest(batch=pending.batch))
                    metrics.BATCHES_SENT.inc()
                self._queue = q
            call = stub.Ingest(_requests(q), metadata=self._metadata())
            with self._lock:
                self._call = call
            self._connected = True
            log.info("ingest stream open", extra={"target": self.config.target})
            got_ack = False
            for response in call:
                if response.HasField("ack"):
                    self._on_ack(response.ack)
                    got_ack = True
            return got_ack
        except grpc.FutureTimeoutError:
            log.warning("cloud unreachable", extra={"target": self.config.target})
            return False
        finally:
            channel.close()

    def _detach(self) -> None:
        self._connected = False
        with self._lock:
            if self._queue is not None:
                self._queue.put(None)  # ends the request iterator
            self._queue = None
            self._call = None

    def _on_ack(self, ack: ingest_pb2.BatchAck) -> None:
        status = ingest_pb2.AckStatus.Name(ack.status)
        metrics.BATCHES_ACKED.labels(status=status).inc()
        if ack.status == ingest_pb2.ACK_STATUS_REJECTED:
            self.rejected += 1
            log.error(
                "cloud rejected a batch",
                extra={"batch_id": ack.batch_id, "detail": ack.detail[:200]},
            )
        elif ack.status == ingest_pb2.ACK_STATUS_FENCED:
            with self._lock:
                pending = self._pending.get(ack.sequence)
                if pending is not None and pending.batch.HasField("source_range"):
                    r = pending.batch.source_range
                    self._fenced.add(((r.topic, r.partition), r.owner_epoch))
            log.info(
                "cloud fenced a batch: its partition has a newer owner",
                extra={"batch_id": ack.batch_id, "detail": ack.detail[:200]},
            )
        elif ack.status not in (ingest_pb2.ACK_STATUS_STORED, ingest_pb2.ACK_STATUS_DUPLICATE):
            log.warning("ack with unknown status ignored", extra={"sequence": ack.sequence})
            return
        with self._lock:
            # acks are cumulative in order: this one covers every earlier sequence
            for seq in [s for s in self._pending if s <= ack.sequence]:
                del self._pending[seq]
            self._acked_through = max(self._acked_through, ack.sequence)
            metrics.BATCHES_IN_FLIGHT.set(len(self._pending))

    def _cancel_stream(self) -> None:
        with self._lock:
            call = self._call
        if call is not None:
            call.cancel()

    def _watch_acks(self) -> None:
        while not self._stop.wait(0.5):
            with self._lock:
                sent = [p.sent_at for p in self._pending.values() if p.sent_at is not None]
            if sent and time.monotonic() - min(sent) > self.config.ack_timeout:
                log.warning("no ack within the timeout; reconnecting")
                self._cancel_stream()
                with self._lock:
                    for p in self._pending.values():
                        p.sent_at = None


def _requests(
    q: queue.SimpleQueue[ingest_pb2.IngestRequest | None],
) -> Iterator[ingest_pb2.IngestRequest]:
    while True:
        item = q.get()
        if item is None:
            return
        yield item
