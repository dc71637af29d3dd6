"""End-to-end load: the whole suite (tests/e2e's `Stack`) under a bounded sustained rate.

Run as root: ``python benchmarks/e2e_load.py --seconds 60 --rate 30``. Starts its own Kafka
broker, the pods, the demo application and the four services; drives ``--rate`` customer
visits per second (7 exchanges each) for ``--seconds``; then prints the exchanges/s served
by the application (the peer) and reported through the collector, the ratio between them,
kernel drops, the digger's peak consumer lag, and each process's peak RSS (VmHWM) against
the memory limit the chart's default resources set (charts/sieve/values.yaml).

With ``--alerts`` the collector also gets a policy the shop's traffic breaks (only a namespace
that does not exist may receive email or card numbers) and an alerts file with a signed webhook
to a receiver on 127.0.0.1; it then prints how long each violation took from the collector's
ingest of the report that revealed it (the event's ``occurred_at``, stamped in that ingest's
transaction) to the webhook's arrival: count, p50, p99, max, against the 5 s target.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts import kafka_dev
from tests.collector.alerts.receiver import Receiver, free_port
from tests.e2e.stack import Stack, metric

ROOT = Path(__file__).resolve().parents[1]
UNITS = {"Ki": 1, "Mi": 1024, "Gi": 1024 * 1024}
ALERT_KEY = "e2e-load-hmac-key"
ALERT_RULES = """
- name: email and cards stay in the vault
  rule: only_namespace_may_receive
  namespace: vault
  data_types: [email, credit_card]
  severity: high
"""


class AlertingStack(Stack):
    """The e2e stack whose collector also loads ``collector_env`` (policies, alerts)."""

    collector_env: dict[str, str]

    def configure(self, **digger_env: str) -> None:
        super().configure(**digger_env)
        self.services["collector"].env.update(self.collector_env)


def alert_receiver(workdir: Path) -> tuple[Receiver, dict[str, str]]:
    """A signed-webhook receiver on loopback and the collector env that alerts it."""
    receiver = Receiver(free_port(), ALERT_KEY.encode()).start()
    (workdir / "policies.yaml").write_text(ALERT_RULES)
    (workdir / "alerts.yaml").write_text(
        "retry: {initial_seconds: 0.5, max_seconds: 5}\n"
        f"sinks:\n  - {{name: hook, type: webhook, url: '{receiver.url}', "
        f"hmac_key: '{ALERT_KEY}'}}\n"
    )
    env = {
        "SIEVE_COLLECTOR_POLICIES_FILE": str(workdir / "policies.yaml"),
        "SIEVE_COLLECTOR_ALERTS_FILE": str(workdir / "alerts.yaml"),
    }
    return receiver, env


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report_alerts(stack: Stack, receiver: Receiver) -> bool:
    """Print the delivery delays of the opened violations; True when every one arrived in 5 s."""
    violations = stack.client.get("/api/v1/violations", params={"limit": 500}).json()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with receiver.lock:
            opened = [p for p in receiver.posts if p["body"]["state"] == "opened"]
        if len({p["body"]["violation"]["key"] for p in opened}) >= len(violations):
            break
        time.sleep(0.5)
    delays = [
        p["at"] - datetime.fromisoformat(p["body"]["occurred_at"]).timestamp() for p in opened
    ]
    keys = [p["body"]["violation"]["key"] for p in opened]
    print(
        f"alerts: violations {len(violations)}, opened alerts {len(opened)} "
        f"(distinct {len(set(keys))}), bad signatures {receiver.bad_signatures}"
    )
    if not delays:
        print("alerts: none arrived")
        return False
    p99 = percentile(delays, 0.99)
    print(
        f"alert delivery after the revealing report's ingest: p50 "
        f"{percentile(delays, 0.5) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {max(delays) * 1000:.0f} ms over {len(delays)} alerts; "
        f"target p99 <= 5000 ms: {'met' if p99 <= 5 else 'NOT met'}"
    )
    violation = [p["body"]["violation"] for p in opened]
    revealed = sorted({f"{v['data_type']} -> {v['receiver']['name']}" for v in violation})
    print("alerts: " + json.dumps(revealed))
    return p99 <= 5 and len(set(keys)) >= len(violations) > 0


def chart_limits_kib() -> dict[str, int]:
    """Memory limits (KiB) of the chart's default resources, per component."""
    values = yaml.safe_load((ROOT / "charts/sieve/values.yaml").read_text())
    out = {}
    for name in ("interceptor", "digger", "detector", "collector", "kafka"):
        limit = str(values[name]["resources"]["limits"]["memory"])
        out[name] = int(limit[:-2]) * UNITS[limit[-2:]]
    return out


def dropped_by_reason(port: int) -> dict[str, float]:
    """``sieve_interceptor_dropped_total`` per reason."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("sieve_interceptor_dropped_total{"):
            reason = line.split('reason="', 1)[1].split('"', 1)[0]
            out[reason] = float(line.rsplit(" ", 1)[1])
    return out


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rate", type=float, default=30.0, help="visits per second")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--alerts", action="store_true", help="a violated policy and a loopback webhook"
    )
    args = parser.parse_args(argv)
    visits = int(args.seconds * args.rate)
    workdir = Path(tempfile.mkdtemp(prefix="sieve-e2e-load-"))
    broker = kafka_dev.start(workdir / "kafka")
    stack = AlertingStack(workdir, broker.bootstrap)
    stack.collector_env = {}
    receiver = None
    if args.alerts:
        receiver, stack.collector_env = alert_receiver(workdir)
    peak_lag = 0.0
    kafka_rss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_lag, kafka_rss
        while not stop.wait(1.0):
            stack.sample_rss()
            kafka_rss = max(kafka_rss, _rss_kib(broker.process.pid))
            lag = metric(stack.ports["digger_ops"], "digger_consumer_lag")
            peak_lag = max(peak_lag, lag or 0.0)

    try:
        stack.start_all()
        threading.Thread(target=sample, daemon=True).start()
        started = time.monotonic()
        stack.drive(visits, rate=args.rate, threads=args.threads, timeout=args.seconds * 3 + 60)
        driven = time.monotonic() - started
        served = stack.stop_servers()
        stack.wait_counts(served, timeout=300)
        reported_at = time.monotonic() - started - 2 * stack.window_seconds
        stop.set()
        total = sum(served.values())
        got = sum(ep["exchange_count"] for ep in stack.endpoints().values())
        drops = metric(stack.ports["interceptor_ops"], "sieve_interceptor_kernel_drops") or 0.0
        dropped = dropped_by_reason(stack.ports["interceptor_ops"])
        rss = stack.sample_rss()
        rss["kafka"] = kafka_rss
        limits = chart_limits_kib()
        offered = total / driven
        end_to_end = got / reported_at
        print(f"visits {visits} in {driven:.1f} s; exchanges served {total}, reported {got}")
        print(f"served by the application (peer): {offered:.0f} exchanges/s")
        print(f"reported end to end:              {end_to_end:.0f} exchanges/s")
        print(f"ratio end-to-end / served:        {end_to_end / offered:.2f}")
        print(f"last report {reported_at - driven:.1f} s after the last visit")
        print(f"kernel drops {drops:.0f}; interceptor skipped by reason {dropped}")
        print(f"digger peak consumer lag {peak_lag:.0f} records")
        for name, kib in sorted(rss.items()):
            limit = limits[name]
            print(
                f"peak RSS {name:<12} {kib / 1024:7.1f} MiB  limit {limit / 1024:6.0f} MiB  "
                f"({100 * kib / limit:4.1f}%)"
            )
        over = [n for n, kib in rss.items() if kib > limits[n]]
        alerts_ok = receiver is None or report_alerts(stack, receiver)
        return 1 if over or got < total or not alerts_ok else 0
    finally:
        stop.set()
        stack.close()
        broker.stop()
        if receiver is not None:
            receiver.stop()


if __name__ == "__main__":
    sys.exit(main())
