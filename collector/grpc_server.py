"""The gRPC ingest server: `sieve.v1.IngestService` plus the standard health service.

Each stream must carry ``authorization: Bearer <token>`` with an accepted token, or it is
refused with UNAUTHENTICATED before any batch is read. Each batch is answered with a
`BatchAck` only once it is stored (or found a duplicate, or rejected: malformed, more than
storage holds, claiming another agent's id or cluster, or reusing a batch id with other
content). A batch whose cluster name breaks the multi-cluster rules (`collector.clusters`)
ends the stream with FAILED_PRECONDITION: a configuration error, the agent keeps its data. When
the database fails, the stream ends with UNAVAILABLE and the agent resends what was not
acknowledged. A message that is not an `IngestRequest` ends the stream with
INVALID_ARGUMENT (no sequence to acknowledge). At most GRPC_MAX_CONCURRENT_STREAMS streams are
open at once and an idle one is cancelled after STREAM_IDLE_TIMEOUT_SECONDS, so threads stay
free for health checks (`Check`; `Watch` would hold a thread and is UNIMPLEMENTED).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc  # type: ignore[import-untyped]
from sqlalchemy.exc import SQLAlchemyError

from collector import metrics
from collector.clusters import ClusterRefused
from collector.settings import CollectorSettings
from collector.store import Store
from collector.streams import StreamLimits
from collector.tokens import Credential, TokenSource
from common.settings import ConfigError
from protos.sieve.v1 import ingest_pb2

__all__ = ["SERVICE_NAME", "TokenSource", "serve", "serve_with_port", "token_source"]

log = logging.getLogger(__name__)

SERVICE_NAME = "sieve.v1.IngestService"


def bearer_token(context: grpc.ServicerContext) -> str | None:
    """The token of the call's ``authorization: Bearer …`` metadata, or None."""
    for key, value in context.invocation_metadata() or ():
        if key.lower() == "authorization" and isinstance(value, str):
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


class _Malformed:
    """Stands for a request message that did not parse (the stream is then ended)."""


_MALFORMED = _Malformed()
_UNAUTHENTICATED = Credential(None, "")


def _parse_request(data: bytes) -> ingest_pb2.IngestRequest | _Malformed:
    """Parse without raising: grpc logs a traceback for each message a deserializer fails."""
    try:
        return ingest_pb2.IngestRequest.FromString(data)
    except Exception:
        return _MALFORMED


def _parse_claim(data: bytes) -> ingest_pb2.ClaimPartitionsRequest:
    """A claim that does not parse becomes an empty one, refused as INVALID_ARGUMENT."""
    try:
        return ingest_pb2.ClaimPartitionsRequest.FromString(data)
    except Exception:
        return ingest_pb2.ClaimPartitionsRequest()


def _rejected(batch: ingest_pb2.MetadataBatch, detail: str) -> ingest_pb2.IngestResponse:
    metrics.BATCHES.labels("rejected").inc()
    return ingest_pb2.IngestResponse(
        ack=ingest_pb2.BatchAck(
            sequence=batch.sequence,
            batch_id=batch.batch_id,
            status=ingest_pb2.ACK_STATUS_REJECTED,
            detail=detail,
        )
    )


class IngestServicer:
    """Stores each batch of the stream, then acknowledges it."""

    def __init__(self, store: Store, tokens: TokenSource | None, limits: StreamLimits) -> None:
        self._store = store
        self._tokens = tokens  # None: unauthenticated streams are accepted
        self._limits = limits

    def _authenticate(self, context: grpc.ServicerContext) -> Credential:
        if self._tokens is None:
            return _UNAUTHENTICATED
        token = bearer_token(context)
        credential = self._tokens.accepts(token) if token is not None else None
        if credential is None:
            metrics.AUTH_FAILURES.inc()
            log.info("ingest stream refused", extra={"peer": context.peer()})
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or invalid bearer token")
        assert credential is not None
        return credential

    def ClaimPartitions(  # noqa: N802 (the gRPC method name)
        self, request: ingest_pb2.ClaimPartitionsRequest, context: grpc.ServicerContext
    ) -> ingest_pb2.ClaimPartitionsResponse:
        """Authenticate, then claim the partitions (see `collector.partition_offsets`)."""
        credential = self._authenticate(context)
        if credential.agent_id is not None and request.agent_id != credential.agent_id:
            context.abort(
                grpc.StatusCode.PERMISSION_DENIED,
                "agent_id is not the agent this token belongs to",
            )
        if credential.cluster is not None and request.cluster_name != credential.cluster:
            context.abort(
                grpc.StatusCode.PERMISSION_DENIED,
                "cluster_name is not the cluster this token belongs to",
            )
        try:
            return self._store.claim_partitions(request)
        except ClusterRefused as refused:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, str(refused))
        except ValueError as exc:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(exc))
        except SQLAlchemyError:
            metrics.STORE_ERRORS.inc()
            log.exception("claiming partitions failed")
            context.abort(grpc.StatusCode.UNAVAILABLE, "the store is unavailable; retry")
        raise AssertionError("unreachable: abort raises")

    def Ingest(  # noqa: N802 (the gRPC method name)
        self,
        request_iterator: Iterator[ingest_pb2.IngestRequest | _Malformed],
        context: grpc.ServicerContext,
    ) -> Iterator[ingest_pb2.IngestResponse]:
        """Authenticate the stream, then store and acknowledge each batch in order."""
        credential = self._authenticate(context)
        with self._limits.admit(context.cancel) as stream:
            if stream is None:
                metrics.STREAMS_REFUSED.inc()
                context.abort(
                    grpc.StatusCode.RESOURCE_EXHAUSTED,
                    "too many ingest streams are open; retry later",
                )
            assert stream is not None
            try:
                for request in request_iterator:
                    stream.touch(busy=True)
                    if isinstance(request, _Malformed):
                        metrics.MALFORMED_MESSAGES.inc()
                        log.info("malformed ingest message", extra={"peer": context.peer()})
                        context.abort(
                            grpc.StatusCode.INVALID_ARGUMENT, "not a sieve.v1.IngestRequest"
                        )
                        return
                    response = self._answer(request, credential, context)
                    # Not busy while the ack is sent: a client that never reads its acks
                    # blocks the send and is cancelled as idle.
                    stream.touch()
                    yield response
            finally:
                if stream.timed_out:
                    log.info("idle ingest stream cancelled", extra={"peer": context.peer()})

    def _answer(
        self,
        request: ingest_pb2.IngestRequest,
        credential: Credential,
        context: grpc.ServicerContext,
    ) -> ingest_pb2.IngestResponse:
        batch = request.batch
        if not request.HasField("batch"):
            return _rejected(batch, "request without a batch")
        if credential.agent_id is not None and batch.agent_id != credential.agent_id:
            return _rejected(
                batch,
                f"agent_id {batch.agent_id[:80]!r} is not the agent this token belongs to",
            )
        if credential.cluster is not None and batch.cluster_name != credential.cluster:
            return _rejected(
                batch,
                f"cluster_name {batch.cluster_name[:80]!r} is not the cluster this token "
                "belongs to",
            )
        try:
            ack = self._store.ack_batch(batch, credential.principal)
        except ClusterRefused as refused:
            log.info("ingest stream refused", extra={"peer": context.peer(), "why": str(refused)})
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, str(refused))
        except SQLAlchemyError:
            metrics.STORE_ERRORS.inc()
            log.exception("storing a batch failed", extra={"batch_id": batch.batch_id[:100]})
            context.abort(grpc.StatusCode.UNAVAILABLE, "the store is unavailable; resend")
        except Exception as exc:  # a batch validation let through: reject it, never loop
            metrics.STORE_ERRORS.inc()
            log.exception("storing a batch failed", extra={"batch_id": batch.batch_id[:100]})
            return _rejected(batch, f"the collector cannot store this batch ({type(exc).__name__})")
        return ingest_pb2.IngestResponse(ack=ack)


class _HealthServicer(health.HealthServicer):  # type: ignore[misc]
    """The standard health service without ``Watch``: a watch holds a server thread forever."""

    def Watch(  # noqa: N802
        self, request: Any, context: grpc.ServicerContext, *_: Any, **__: Any
    ) -> Any:
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "use Check")


def _ingest_handler(servicer: IngestServicer) -> grpc.GenericRpcHandler:
    method = grpc.stream_stream_rpc_method_handler(
        servicer.Ingest,
        request_deserializer=_parse_request,
        response_serializer=ingest_pb2.IngestResponse.SerializeToString,
    )
    claim = grpc.unary_unary_rpc_method_handler(
        servicer.ClaimPartitions,
        request_deserializer=_parse_claim,
        response_serializer=ingest_pb2.ClaimPartitionsResponse.SerializeToString,
    )
    return grpc.method_handlers_generic_handler(
        SERVICE_NAME, {"Ingest": method, "ClaimPartitions": claim}
    )


def _credentials(settings: CollectorSettings) -> grpc.ServerCredentials | None:
    if settings.tls_cert_file is None or settings.tls_key_file is None:
        return None
    try:
        cert = settings.tls_cert_file.read_bytes()
        key = settings.tls_key_file.read_bytes()
        ca = settings.tls_client_ca_file.read_bytes() if settings.tls_client_ca_file else None
    except OSError as exc:
        raise ConfigError(f"cannot read a TLS file: {exc.filename}: {exc.strerror}") from None
    return grpc.ssl_server_credentials(
        [(key, cert)], root_certificates=ca, require_client_auth=ca is not None
    )


def token_source(settings: CollectorSettings) -> TokenSource | None:
    """The accepted tokens, or None when streams may be unauthenticated.

    Raises `ConfigError` when no token is configured and unauthenticated ingest is not allowed.
    """
    source = TokenSource((t.get_secret_value() for t in settings.tokens), settings.tokens_file)
    if source.empty and settings.tokens_file is None:
        if settings.allow_unauthenticated:
            return None
        raise ConfigError(
            "no ingest token configured: set SIEVE_COLLECTOR_TOKENS or SIEVE_COLLECTOR_TOKENS_FILE "
            "(or SIEVE_COLLECTOR_ALLOW_UNAUTHENTICATED=true for a local trial)"
        )
    return source


def serve_with_port(store: Store, settings: CollectorSettings) -> tuple[grpc.Server, int]:
    """Start the ingest and health services; return the server and the bound port."""
    tokens = token_source(settings)
    credentials = _credentials(settings)
    options: list[tuple[str, Any]] = [
        ("grpc.max_receive_message_length", settings.grpc_max_message_bytes),
        ("grpc.max_send_message_length", 4 * 1024 * 1024),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
    ]
    server = grpc.server(
        futures.ThreadPoolExecutor(
            max_workers=settings.grpc_max_workers, thread_name_prefix="grpc-ingest"
        ),
        options=options,
        # A backstop on queued calls (memory); streams are bounded by StreamLimits, below
        # the thread count, so short calls (health checks) always find a thread.
        maximum_concurrent_rpcs=settings.grpc_max_workers * 4,
    )
    limits = StreamLimits(
        settings.grpc_max_concurrent_streams,
        settings.stream_idle_timeout_seconds,
        metrics.STREAMS_IDLE.inc,
    )
    server.add_generic_rpc_handlers((_ingest_handler(IngestServicer(store, tokens, limits)),))
    health_servicer = _HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    host = settings.grpc_host
    address = f"[{host}]:{settings.grpc_port}" if ":" in host else f"{host}:{settings.grpc_port}"
    try:
        if credentials is None:
            port = server.add_insecure_port(address)
        else:
            port = server.add_secure_port(address, credentials)
    except RuntimeError as exc:
        raise ConfigError(
            f"cannot bind gRPC on {address}: {exc}; set SIEVE_COLLECTOR_GRPC_PORT to a free port"
        ) from None
    server.start()
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info(
        "grpc ingest serving",
        extra={"port": port, "tls": credentials is not None, "auth": tokens is not None},
    )
    return server, port


def serve(store: Store, settings: CollectorSettings) -> grpc.Server:
    """Start the gRPC ingest server (ingest + health) for ``store``; return it started."""
    return serve_with_port(store, settings)[0]
