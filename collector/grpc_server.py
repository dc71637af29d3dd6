"""The gRPC ingest server: `sieve.v1.IngestService` plus the standard health service.

Each stream must carry ``authorization: Bearer <token>`` with an accepted token, or it is
refused with UNAUTHENTICATED before any batch is read. Each batch is answered with a
`BatchAck` only once it is stored (or found a duplicate, or rejected as malformed). When
the database fails, the stream ends with UNAVAILABLE and the agent resends what was not
acknowledged.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Iterable, Iterator
from concurrent import futures
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc  # type: ignore[import-untyped]
from sqlalchemy.exc import SQLAlchemyError

from collector import metrics
from collector.settings import CollectorSettings
from collector.store import Store
from common.settings import ConfigError
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc

log = logging.getLogger(__name__)

SERVICE_NAME = "sieve.v1.IngestService"


class TokenSource:
    """Accepted bearer tokens: from settings, plus a file re-read when it changes."""

    def __init__(self, tokens: Iterable[str] = (), path: Path | None = None) -> None:
        self._static = [t for t in tokens if t]
        self._path = path
        self._lock = threading.Lock()
        self._file_tokens: list[str] = []
        self._file_mtime: float | None = None
        if path is not None:
            self._reload()

    def _reload(self) -> None:
        assert self._path is not None
        try:
            stat = self._path.stat()
            if stat.st_mtime == self._file_mtime:
                return
            lines = self._path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            if self._file_mtime is None:
                raise ConfigError(f"cannot read tokens file {self._path}: {exc.strerror}") from None
            log.warning("tokens file unreadable, keeping the previous tokens", exc_info=True)
            return
        self._file_tokens = [
            line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
        ]
        self._file_mtime = stat.st_mtime

    @property
    def empty(self) -> bool:
        """True when no token at all is accepted."""
        with self._lock:
            return not (self._static or self._file_tokens)

    def accepts(self, token: str) -> bool:
        """Constant-time check of ``token`` against every accepted token."""
        with self._lock:
            if self._path is not None:
                self._reload()
            candidates = self._static + self._file_tokens
        ok = False
        for candidate in candidates:
            ok |= hmac.compare_digest(candidate.encode(), token.encode())
        return ok and bool(token)


def bearer_token(context: grpc.ServicerContext) -> str | None:
    """The token of the call's ``authorization: Bearer …`` metadata, or None."""
    for key, value in context.invocation_metadata() or ():
        if key.lower() == "authorization" and isinstance(value, str):
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


class IngestServicer(ingest_pb2_grpc.IngestServiceServicer):
    """Stores each batch of the stream, then acknowledges it."""

    def __init__(self, store: Store, tokens: TokenSource | None) -> None:
        self._store = store
        self._tokens = tokens  # None: unauthenticated streams are accepted

    def _authenticate(self, context: grpc.ServicerContext) -> None:
        if self._tokens is not None:
            token = bearer_token(context)
            if token is None or not self._tokens.accepts(token):
                metrics.AUTH_FAILURES.inc()
                log.info("ingest call refused", extra={"peer": context.peer()})
                context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or invalid bearer token")

    def ClaimPartitions(  # noqa: N802 (the gRPC method name)
        self, request: ingest_pb2.ClaimPartitionsRequest, context: grpc.ServicerContext
    ) -> ingest_pb2.ClaimPartitionsResponse:
        """Authenticate, then claim the partitions (see `collector.partition_offsets`)."""
        self._authenticate(context)
        try:
            return self._store.claim_partitions(request)
        except ValueError as exc:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, str(exc))
        except SQLAlchemyError:
            metrics.STORE_ERRORS.inc()
            log.exception("claiming partitions failed")
            context.abort(grpc.StatusCode.UNAVAILABLE, "the store is unavailable; retry")
        raise AssertionError("unreachable: abort raises")

    def Ingest(  # noqa: N802 (the gRPC method name)
        self,
        request_iterator: Iterator[ingest_pb2.IngestRequest],
        context: grpc.ServicerContext,
    ) -> Iterator[ingest_pb2.IngestResponse]:
        """Authenticate the stream, then store and acknowledge each batch in order."""
        self._authenticate(context)
        for request in request_iterator:
            if not request.HasField("batch"):
                yield ingest_pb2.IngestResponse(
                    ack=ingest_pb2.BatchAck(
                        status=ingest_pb2.ACK_STATUS_REJECTED, detail="request without a batch"
                    )
                )
                continue
            try:
                ack = self._store.ack_batch(request.batch)
            except SQLAlchemyError:
                metrics.STORE_ERRORS.inc()
                log.exception("storing a batch failed", extra={"batch_id": request.batch.batch_id})
                context.abort(grpc.StatusCode.UNAVAILABLE, "the store is unavailable; resend")
            yield ingest_pb2.IngestResponse(ack=ack)


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
    options = [
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
        maximum_concurrent_rpcs=settings.grpc_max_concurrent_streams,
    )
    ingest_pb2_grpc.add_IngestServiceServicer_to_server(IngestServicer(store, tokens), server)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    address = f"{settings.grpc_host}:{settings.grpc_port}"
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
