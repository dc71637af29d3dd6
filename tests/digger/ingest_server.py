"""A real gRPC IngestService on 127.0.0.1 for tests: stores batches, dedupes by batch id."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent import futures

import grpc

from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc, metadata_pb2
from tests.ports import free_port


class RecordingIngest(ingest_pb2_grpc.IngestServiceServicer):
    """Keeps every serialized batch received and the stored (deduplicated) ones."""

    def __init__(self, token: str | None = "test-token") -> None:
        self.token = token
        self.lock = threading.Lock()
        self.raw: list[bytes] = []  # every IngestRequest as received, serialized
        self.stored: dict[str, ingest_pb2.MetadataBatch] = {}
        self.duplicates = 0
        self.streams = 0

    def ClaimPartitions(
        self, request: ingest_pb2.ClaimPartitionsRequest, context: grpc.ServicerContext
    ) -> ingest_pb2.ClaimPartitionsResponse:
        """Like a cloud that takes no claims: the digger then counts at-least-once."""
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "no partition claims here")
        raise AssertionError("abort raises")

    def Ingest(
        self, request_iterator: Iterator[ingest_pb2.IngestRequest], context: grpc.ServicerContext
    ) -> Iterator[ingest_pb2.IngestResponse]:
        if self.token is not None:
            md = dict(context.invocation_metadata())
            if md.get("authorization") != f"Bearer {self.token}":
                context.abort(grpc.StatusCode.UNAUTHENTICATED, "bad token")
        with self.lock:
            self.streams += 1
        for request in request_iterator:
            batch = request.batch
            with self.lock:
                self.raw.append(request.SerializeToString())
                if batch.batch_id in self.stored:
                    self.duplicates += 1
                    status = ingest_pb2.ACK_STATUS_DUPLICATE
                else:
                    self.stored[batch.batch_id] = batch
                    status = ingest_pb2.ACK_STATUS_STORED
            yield ingest_pb2.IngestResponse(
                ack=ingest_pb2.BatchAck(
                    sequence=batch.sequence, batch_id=batch.batch_id, status=status
                )
            )

    def reports(self) -> list[metadata_pb2.EndpointReport]:
        with self.lock:
            return [r for b in self.stored.values() for r in b.reports]

    def exchange_total(self) -> int:
        return sum(r.exchange_count for r in self.reports())


class IngestServer:
    """Starts/stops a grpc.server with a RecordingIngest on a fixed loopback port."""

    def __init__(self, servicer: RecordingIngest | None = None, port: int | None = None) -> None:
        self.servicer = servicer or RecordingIngest()
        self.port = port or free_port()
        self._server: grpc.Server | None = None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> IngestServer:
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
        ingest_pb2_grpc.add_IngestServiceServicer_to_server(self.servicer, server)
        server.add_insecure_port(self.target)
        server.start()
        self._server = server
        return self

    def stop(self, grace: float | None = None) -> None:
        if self._server is not None:
            self._server.stop(grace).wait()
            self._server = None
