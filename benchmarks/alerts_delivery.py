"""Alert delivery under ingest load, across a receiver outage and a collector SIGKILL.

Run: ``python -m benchmarks.alerts_delivery --seconds 30 --outage 60 --rate 20``

Starts a real collector process (SQLite file, gRPC ingest, alerts to a signed webhook) and a
webhook receiver on loopback. ``--streams`` agents send shop-sized batches (10 reports, like
benchmarks/collector_ingest.py) at ``--rate`` batches/s in total; every 5th batch reveals a
new violation. Phases:

1. load, receiver up: latency from sending the revealing batch to the alert's arrival (p50,
   p99), against the peer: the ingest round trip (send → STORED ack) of the same batches;
2. load, receiver down for ``--outage`` seconds, then up: every alert must arrive once;
3. the collector is killed with SIGKILL while alerts wait (receiver down), restarted, and
   the receiver comes back: every alert must arrive once.

Prints the figures and the lost / sent-twice counts (by event id) at the end.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from protos.sieve.v1 import ingest_pb2, ingest_pb2_grpc
from tests.collector.alerts.receiver import Receiver, free_port
from tests.collector.factories import batch, field, report, shop_reports, workload
from tests.collector.process import Collector, loopback_env

TOKEN = "bench-token"
KEY = "bench-hmac-key"
RULES = """
- name: frontend keeps passwords
  rule: workload_may_not_send
  workload: shop/frontend
  data_type: password
"""


class Load:
    """Agents streaming batches; records when each revealing batch was sent and acked."""

    def __init__(self, port: int, rate: float, streams: int, start_index: int) -> None:
        self.port = port
        self.interval = streams / rate
        self.streams = streams
        self.next_index = start_index
        self.lock = threading.Lock()
        self.sent: dict[int, float] = {}  # violation index -> send time
        self.acked: dict[int, float] = {}  # violation index -> ack round trip (s)
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def _take(self) -> int:
        with self.lock:
            self.next_index += 1
            return self.next_index

    def _batches(self, agent: str) -> Any:
        seq = 0
        while not self.stop.is_set():
            seq += 1
            i = self._take()
            reports = list(shop_reports())
            reports += [
                report(workload(f"svc-{i % 40}"), workload(f"svc-{(i * 7) % 40}"), "POST",
                       f"/api/{i % 25}",
                       request=[field("$.email", detect=[("email", "medium", 0.9, 3)])])
                for _ in range(3)
            ]  # fmt: skip
            violation = i if i % 5 == 0 else None
            if violation is not None:
                reports.append(
                    report(workload("frontend"), workload(f"login-{violation}"), "POST",
                           "/login",
                           request=[field("$.password",
                                          detect=[("password", "high", 0.99, 1)])])
                )  # fmt: skip
            b = batch(seq, *reports, agent=agent)
            now = time.time()
            if violation is not None:
                with self.lock:
                    self.sent[violation] = now
            b.batch_id = f"{agent}/{violation or 0}/{i}"
            yield ingest_pb2.IngestRequest(batch=b), violation, now
            time.sleep(self.interval)

    def _stream(self, agent: str) -> None:
        pending: dict[int, tuple[int | None, float]] = {}
        gen = self._batches(agent)

        def requests() -> Any:
            for req, violation, now in gen:
                pending[req.batch.sequence] = (violation, now)
                yield req

        with grpc.insecure_channel(f"127.0.0.1:{self.port}") as channel:
            stub = ingest_pb2_grpc.IngestServiceStub(channel)
            try:
                for response in stub.Ingest(
                    requests(), metadata=[("authorization", f"Bearer {TOKEN}")]
                ):
                    violation, sent = pending.pop(response.ack.sequence, (None, 0.0))
                    if response.ack.status != ingest_pb2.ACK_STATUS_STORED:
                        print("not stored:", response.ack.detail, file=sys.stderr)
                    if violation is not None:
                        with self.lock:
                            self.acked[violation] = time.time() - sent
            except grpc.RpcError as exc:
                if not self.stop.is_set():
                    print("stream ended:", exc.code(), file=sys.stderr)

    def start(self) -> None:
        for n in range(self.streams):
            t = threading.Thread(target=self._stream, args=(f"agent-{n}",), daemon=True)
            t.start()
            self.threads.append(t)

    def finish(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def violation_of(post: dict[str, Any]) -> int | None:
    """The load's violation index of an alert (None for the shop's own one, frontend→users)."""
    name = str(post["body"]["violation"]["receiver"]["name"])
    return int(name.removeprefix("login-")) if name.startswith("login-") else None


def login_posts(receiver: Receiver) -> list[dict[str, Any]]:
    with receiver.lock:
        return [p for p in receiver.posts if violation_of(p) is not None]


def wait_for(receiver: Receiver, count: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(login_posts(receiver)) >= count:
            return True
        time.sleep(0.1)
    return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30.0, help="phase 1 load")
    parser.add_argument("--outage", type=float, default=60.0, help="phase 2 receiver outage")
    parser.add_argument("--rate", type=float, default=20.0, help="batches per second")
    parser.add_argument("--streams", type=int, default=4)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sieve-alerts-bench-"))
    receiver = Receiver(free_port(), KEY.encode())
    (tmp / "policies.yaml").write_text(RULES)
    (tmp / "alerts.yaml").write_text(
        f"retry: {{initial_seconds: 0.5, max_seconds: 5}}\n"
        f"sinks:\n  - {{name: hook, type: webhook, url: '{receiver.url}', hmac_key: '{KEY}'}}\n"
    )
    env = loopback_env(
        tmp / "c.db",
        TOKEN,
        policies_file=str(tmp / "policies.yaml"),
        alerts_file=str(tmp / "alerts.yaml"),
    )
    collector = Collector(env)
    receiver.start()
    try:
        port = int(collector.wait_for("collector serving", 60)["grpc_port"])
        # Phase 1: latency under load.
        load = Load(port, args.rate, args.streams, 0)
        load.start()
        time.sleep(args.seconds)
        load.finish()
        phase1 = sorted(load.acked)
        wait_for(receiver, len(phase1), 30)
        arrivals = {violation_of(p): p["at"] for p in login_posts(receiver)}
        delivery = [arrivals[v] - load.sent[v] for v in phase1 if v in arrivals]
        ingest = [load.acked[v] for v in phase1]
        p99, peer = percentile(delivery, 0.99), percentile(ingest, 0.99)
        print(f"phase 1: {len(phase1)} violations under {args.rate:g} batches/s "
              f"({args.streams} streams) for {args.seconds:g} s")  # fmt: skip
        print(
            f"  delivery latency (send of revealing batch -> webhook): "
            f"p50 {percentile(delivery, 0.5) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
        )
        print(
            f"  peer, ingest round trip of the same batches (send -> STORED ack): "
            f"p50 {percentile(ingest, 0.5) * 1000:.0f} ms, p99 {peer * 1000:.0f} ms"
        )
        print(
            f"  ratio delivery p99 / ingest p99: {p99 / peer:.2f}; target p99 <= 5000 ms: "
            f"{'met' if p99 <= 5 else 'NOT met'}"
        )

        # Phase 2: receiver outage under load.
        receiver.stop()
        load2 = Load(port, args.rate, args.streams, load.next_index + 100)
        load2.start()
        time.sleep(args.outage)
        receiver.start()
        load2.finish()
        expected = len(phase1) + len(load2.acked)
        wait_for(receiver, expected, 120)
        print(
            f"phase 2: receiver down {args.outage:g} s under load; "
            f"{len(load2.acked)} violations raised meanwhile"
        )

        # Phase 3: SIGKILL with alerts waiting.
        receiver.stop()
        load3 = Load(port, args.rate, args.streams, load2.next_index + 100)
        load3.start()
        time.sleep(5)
        load3.finish()
        collector.kill()
        expected += len(load3.acked)
        collector = Collector(env)
        int(collector.wait_for("collector serving", 60)["grpc_port"])
        receiver.start()
        wait_for(receiver, expected, 120)
        time.sleep(3)  # anything sent twice would arrive now
        print(f"phase 3: collector killed (SIGKILL) with {len(load3.acked)} new alerts "
              f"waiting, restarted")  # fmt: skip
        posts = login_posts(receiver)
        ids = [p["body"]["id"] for p in posts]
        got = {violation_of(p) for p in posts}
        wanted = set(load.acked) | set(load2.acked) | set(load3.acked)
        print(
            f"alerts expected {len(wanted)}, received {len(ids)}, distinct {len(set(ids))}; "
            f"lost {len(wanted - got)}, sent twice {len(ids) - len(set(ids))}, "
            f"bad signatures {receiver.bad_signatures}"
        )
    finally:
        receiver.stop()
        if collector.proc.poll() is None:
            collector.stop()


if __name__ == "__main__":
    main()
