"""Hostile soak of the collector's HTTP API and gRPC ingest, on loopback, for a bounded time.

Starts a collector in this process (SQLite in a temporary directory, gRPC and HTTP on
127.0.0.1, one agent-bound token and one unbound token), then until ``--minutes`` have passed
sends what an attacker holding a token (or none) would: batches with numbers, timestamps and
strings storage cannot hold, forged agent ids, reused batch ids, garbage bytes, idle and
unauthenticated streams; and HTTP requests with hostile paths, query values, methods and
headers. After each ingest every read endpoint is fetched. Every 5xx (and every gRPC stream
ending UNKNOWN, INTERNAL or DATA_LOSS) counts as a server failure; the target is 0. As a peer,
the same run sends well-formed batches between the hostile ones: they must all be STORED.

Run: python -m benchmarks.collector_soak --minutes 10
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import random
import string
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import grpc

from collector.grpc_server import SERVICE_NAME, serve_with_port
from collector.http_server import start_http
from collector.settings import CollectorSettings
from collector.store import Store
from collector.web import create_app
from common.settings import load_settings
from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc, metadata_pb2
from tests.collector.factories import batch, field, report, shop_reports, workload

SERVER_FAILURES = {grpc.StatusCode.UNKNOWN, grpc.StatusCode.INTERNAL, grpc.StatusCode.DATA_LOSS}
READS = ["summary", "workloads", "flows", "endpoints", "data-types", "violations", "policies"]
HUGE_INTS = [2**63 - 1, 2**63, 2**64 - 1, 2**62 + 2**61]
WEIRD_SECONDS = [1_000_000_000_000, -62_135_596_801, 253_402_300_800, 2**62, -(2**62), 0]
WEIRD_FLOATS = [float("nan"), float("inf"), -float("inf"), 1e300, -1e300, 1e18, -0.0]
WEIRD_TEXT = ["\x00", "a\x00b", "\n\r\t", "\u202e", "😀" * 300, "x" * 5000, "", "' OR 1=1 --"]


def _text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(WEIRD_TEXT)
    return "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 40)))


def _add_json_type(fld: metadata_pb2.FieldSchema, value: int) -> None:
    fld.json_types.append(value)  # type: ignore[arg-type]


def _add_detection(fld: metadata_pb2.FieldSchema, rng: random.Random) -> None:
    fld.detections.add(
        data_type=rng.randint(-2, 40),
        sensitivity=rng.randint(-2, 6),
        confidence=rng.choice([*WEIRD_FLOATS, 0.5]),
        count=rng.choice(HUGE_INTS),
    )


class Soak:
    """One collector on loopback and the counters of what it answered."""

    def __init__(self, workdir: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        tokens = workdir / "tokens"
        tokens.write_text("tok-bound,cluster-a\ntok-free\n")
        self.store = Store(f"sqlite:///{workdir / 'soak.db'}")
        self.store.migrate()
        settings = load_settings(
            CollectorSettings,
            grpc_host="127.0.0.1",
            grpc_port=0,
            tokens_file=tokens,
            grpc_max_workers=8,
            grpc_max_concurrent_streams=4,
            stream_idle_timeout_seconds=2.0,
            grpc_max_message_bytes=1 << 20,
        )
        self.grpc_server, self.grpc_port = serve_with_port(self.store, settings)
        self.http = start_http(create_app(self.store, page_size=50), "127.0.0.1", 0)
        self.channel = grpc.insecure_channel(f"127.0.0.1:{self.grpc_port}")
        self.stub = ingest_pb2_grpc.IngestServiceStub(self.channel)
        self.raw = self.channel.stream_stream(
            f"/{SERVICE_NAME}/Ingest",
            request_serializer=lambda b: b,
            response_deserializer=ingest_pb2.IngestResponse.FromString,
        )
        self.sequence = 0
        self.http_status: Counter[int] = Counter()
        self.http_errors: Counter[str] = Counter()
        self.acks: Counter[str] = Counter()
        self.grpc_codes: Counter[str] = Counter()
        self.peer_acks: Counter[str] = Counter()
        self.failures: list[str] = []

    def close(self) -> None:
        self.channel.close()
        self.grpc_server.stop(0).wait()
        self.http.stop()
        self.store.close()

    # --- gRPC ------------------------------------------------------------------------------

    def _stream(self, requests: Iterable[Any], token: str | None, raw: bool = False) -> list[Any]:
        metadata = [("authorization", f"Bearer {token}")] if token else []
        call = self.raw if raw else self.stub.Ingest
        try:
            acks = [r.ack for r in call(iter(requests), metadata=metadata, timeout=30)]
            self.grpc_codes["OK"] += 1
        except grpc.RpcError as exc:
            code = exc.code()
            self.grpc_codes[code.name] += 1
            if code in SERVER_FAILURES:
                self.failures.append(f"grpc {code.name}: {exc.details()}")
            return []
        for ack in acks:
            self.acks[ingest_pb2.AckStatus.Name(ack.status)] += 1
        return acks

    def _batch(self, agent: str = "cluster-a") -> ingest_pb2.MetadataBatch:
        self.sequence += 1
        rng = self.rng
        extra = report(
            workload(f"svc-{rng.randint(0, 30)}"),
            workload(f"svc-{rng.randint(0, 30)}"),
            rng.choice(["GET", "POST", "PUT"]),
            f"/api/{rng.randint(0, 50)}",
            request=[field(f"$.f{rng.randint(0, 20)}", detect=[("email", "medium", 0.9, 3)])],
        )
        return batch(self.sequence, *shop_reports(), extra, agent=agent)

    def _mutate(self, b: ingest_pb2.MetadataBatch) -> None:
        rng = self.rng
        rep = rng.choice(b.reports)
        fld = rep.request_fields[0] if rep.request_fields else None
        mutations: list[Callable[[], None]] = [
            lambda: setattr(rep, "exchange_count", rng.choice(HUGE_INTS)),
            lambda: setattr(rep, "inspected_count", rng.choice(HUGE_INTS)),
            lambda: setattr(rep.status_classes.add(status_class=2), "count", rng.choice(HUGE_INTS)),
            lambda: setattr(rep.latency_ms, "count", rng.choice(HUGE_INTS)),
            lambda: setattr(rep.latency_ms, "sum", rng.choice(WEIRD_FLOATS)),
            lambda: setattr(rep.latency_ms, "p99", rng.choice(WEIRD_FLOATS)),
            lambda: setattr(rep.request_body_bytes, "sum", rng.choice(WEIRD_FLOATS)),
            lambda: setattr(rep.first_seen, "seconds", rng.choice(WEIRD_SECONDS)),
            lambda: setattr(rep.last_seen, "seconds", rng.choice(WEIRD_SECONDS)),
            lambda: setattr(rep.last_seen, "nanos", rng.choice([-1, 10**9, 2**31 - 1])),
            lambda: setattr(b.window_start, "seconds", rng.choice(WEIRD_SECONDS)),
            lambda: setattr(b.window_end, "seconds", rng.choice(WEIRD_SECONDS)),
            lambda: setattr(b, "sequence", rng.choice(HUGE_INTS)),
            lambda: setattr(b, "batch_id", _text(rng)),
            lambda: setattr(b, "agent_id", _text(rng)),
            lambda: setattr(rep.source, "name", _text(rng)),
            lambda: setattr(rep.destination, "namespace", _text(rng)),
            lambda: setattr(rep.source, "kind", rng.randint(-5, 1000)),
            lambda: setattr(rep, "method", _text(rng)),
            lambda: setattr(rep, "path_template", "/" + _text(rng)),
            lambda: rep.query_parameter_names.append(_text(rng)),
        ]
        if fld is not None:
            mutations += [
                lambda: setattr(fld, "json_path", "$" + _text(rng)),
                lambda: setattr(fld, "seen_count", rng.choice(HUGE_INTS)),
                lambda: _add_json_type(fld, rng.randint(-3, 100)),
                lambda: _add_detection(fld, rng),
            ]
        for _ in range(rng.randint(1, 3)):
            rng.choice(mutations)()

    def hostile_batches(self) -> None:
        batches = []
        for _ in range(self.rng.randint(1, 5)):
            b = self._batch()
            self._mutate(b)
            batches.append(ingest_pb2.IngestRequest(batch=b))
        self._stream(batches, self.rng.choice(["tok-bound", "tok-free"]))

    def forged_and_reused(self) -> None:
        forged = self._batch(agent="cluster-b")
        original = self._batch()
        reused = self._batch()
        reused.batch_id = original.batch_id
        reqs = [ingest_pb2.IngestRequest(batch=b) for b in (forged, original, original, reused)]
        acks = self._stream(reqs, "tok-bound")
        want = ["ACK_STATUS_REJECTED", "ACK_STATUS_STORED", "ACK_STATUS_DUPLICATE"]
        got = [ingest_pb2.AckStatus.Name(a.status) for a in acks]
        if acks and got != [*want, "ACK_STATUS_REJECTED"]:
            self.failures.append(f"forged/reused acks {got}")

    def garbage(self) -> None:
        rng = self.rng
        messages = [rng.randbytes(rng.randint(0, 300)) for _ in range(rng.randint(1, 4))]
        self._stream(messages, rng.choice(["tok-bound", "tok-free", None, "wrong"]), raw=True)

    def bad_tokens(self) -> None:
        b = ingest_pb2.IngestRequest(batch=self._batch())
        self._stream([b], self.rng.choice([None, "wrong", "tok-bound ", "x" * 5000]))

    def idle_stream(self) -> None:
        # Sends nothing for longer than the idle timeout: the server cancels it.
        def hold() -> Iterator[ingest_pb2.IngestRequest]:
            time.sleep(2.5)
            yield from ()

        self._stream(hold(), "tok-free")

    def peer(self) -> None:
        b = self._batch(agent="cluster-a")
        for ack in self._stream([ingest_pb2.IngestRequest(batch=b)], "tok-bound"):
            self.peer_acks[ingest_pb2.AckStatus.Name(ack.status)] += 1

    # --- HTTP ------------------------------------------------------------------------------

    def _get(self, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> bytes:
        """The body of a 200 answer, else b""; every status is counted."""
        conn = http.client.HTTPConnection("127.0.0.1", self.http.port, timeout=30)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            self.http_status[response.status] += 1
            if response.status >= 500:
                self.failures.append(f"HTTP {response.status} {method} {path[:200]}")
            return body if response.status == 200 else b""
        except (OSError, http.client.HTTPException, ValueError) as exc:
            # ValueError: http.client refused to send it (not a server answer)
            self.http_errors[type(exc).__name__] += 1
            return b""
        finally:
            conn.close()

    def reads(self) -> None:
        """Every read endpoint, as the dashboard calls them, and three endpoint details."""
        for name in READS:
            self._get(f"/api/v1/{name}")
        listed = self._get("/api/v1/endpoints?limit=3")
        for end in json.loads(listed) if listed else []:
            self._get(f"/api/v1/endpoints/{end['id']}")

    def hostile_http(self) -> None:
        rng = self.rng
        value = rng.choice(
            [
                str(rng.choice(HUGE_INTS)),
                "99999999999999999999999",
                "-1",
                "NaN",
                quote(_text(rng), safe=""),
                "%00",
                "%ff%fe",
                "x" * 8000,
            ]
        )
        param = rng.choice(["limit", "offset", "namespace", "data_type", "min_sensitivity", "z"])
        path = rng.choice(
            [
                f"/api/v1/{rng.choice(READS)}?{param}={value}",
                f"/api/v1/endpoints/{value}",
                f"/static/{value}",
                "/static/../collector/settings.py",
                "/static/%2e%2e/%2e%2e/etc/passwd",
                f"/{value}",
                "/docs",
                "/openapi.json",
                "/redoc",
                "/",
            ]
        )
        method = rng.choice(["GET", "GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"])
        headers = rng.choice(
            [
                {},
                {"Authorization": "Basic !!!"},
                {"Accept": "*/*", "X-Forwarded-User": _text(rng)[:100].replace("\n", "")},
                {"Content-Type": "application/json", "Range": "bytes=99999999999-"},
            ]
        )
        self._get(path, method, {k: v for k, v in headers.items() if "\x00" not in v})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long (at most 60)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    minutes = min(max(args.minutes, 0.05), 60.0)
    logging.basicConfig(level=logging.CRITICAL)  # the collector's own logs are not the point
    with tempfile.TemporaryDirectory(prefix="sieve-soak-") as tmp:
        soak = Soak(Path(tmp), args.seed)
        actions: list[tuple[Callable[[], None], int]] = [
            (soak.hostile_batches, 30),
            (soak.forged_and_reused, 5),
            (soak.garbage, 8),
            (soak.bad_tokens, 5),
            (soak.idle_stream, 1),
            (soak.peer, 10),
            (soak.hostile_http, 40),
            (soak.reads, 6),
        ]
        funcs, weights = zip(*actions, strict=True)
        started = time.monotonic()
        deadline = started + minutes * 60
        rounds = 0
        try:
            while time.monotonic() < deadline:
                soak.rng.choices(funcs, weights)[0]()
                rounds += 1
            soak.reads()
        finally:
            soak.close()
    server_failures = len(soak.failures)
    out = {
        "minutes": round((time.monotonic() - started) / 60, 2),
        "rounds": rounds,
        "http_requests": sum(soak.http_status.values()) + sum(soak.http_errors.values()),
        "http_status": dict(sorted(soak.http_status.items())),
        "http_client_errors": dict(soak.http_errors),
        "http_5xx": sum(n for status, n in soak.http_status.items() if status >= 500),
        "grpc_streams": sum(soak.grpc_codes.values()),
        "grpc_codes": dict(soak.grpc_codes),
        "acks": dict(soak.acks),
        "peer_acks_wellformed": dict(soak.peer_acks),
        "server_failures": server_failures,
        "first_failures": soak.failures[:10],
    }
    print(json.dumps(out, indent=2))
    peer_ok = set(soak.peer_acks) <= {"ACK_STATUS_STORED"}
    return 0 if server_failures == 0 and peer_ok else 1


if __name__ == "__main__":
    sys.exit(main())
