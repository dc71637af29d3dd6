"""Live-capture benchmark: frames pushed through a veth at rising rates.

A sender in a pod (network namespace) writes prebuilt frames of keep-alive JSON exchanges
onto its eth0 at a target rate; `LiveCapture` captures the host side of the veth. For each
rate it reports packets/s achieved and captured, kernel drops (PACKET_STATISTICS) and
exchanges paired, then the highest rate with zero kernel drops and every exchange found.
The peer figure is the sender's own rate (what the wire carried). Needs root.
Usage: python benchmarks/interceptor_live.py [--seconds S] [--rates 50000,100000,...]
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.interceptor_replay import build
from common.settings import load_settings
from interceptor.live import LiveCapture
from interceptor.settings import InterceptorSettings
from tests.interceptor.netns import PodNet

SENDER = r"""
import pickle, socket, sys, time
frames = pickle.load(open(sys.argv[1], "rb"))
rate, seconds = float(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
send = s.send
n = len(frames)
total = int(rate * seconds)
t0 = time.perf_counter()
sent = 0
while sent < total:
    due = int((time.perf_counter() - t0) * rate)
    if due <= sent:
        time.sleep(0.0002)
        continue
    end = min(due, total, sent + 2000)
    for i in range(sent, end):
        send(frames[i % n])
    sent = end
print(sent, time.perf_counter() - t0)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--rates", default="25000,50000,100000,150000,200000,300000")
    args = ap.parse_args()
    frames = [f for _ts, f in build(3000)]
    per_exchange = len(frames) / 3000
    net = PodNet(subnet=240)
    tmp = Path(tempfile.mkdtemp())
    best = 0.0
    try:
        pod = net.add_pod(1)
        (tmp / "frames.pkl").write_bytes(pickle.dumps(frames))
        (tmp / "sender.py").write_text(SENDER)
        for rate in (float(r) for r in args.rates.split(",")):
            count = int(rate * args.seconds)
            # whole connections only, so that every exchange can be paired
            count -= count % len(frames) if count >= len(frames) else 0
            got: list[object] = []
            settings = load_settings(InterceptorSettings, discover_pods=False)
            live = LiveCapture(settings, got.append)
            live.set_interfaces({pod.host_if: set()})
            live.start()
            time.sleep(0.5)
            out = subprocess.run(
                pod.exec_argv(
                    sys.executable,
                    str(tmp / "sender.py"),
                    str(tmp / "frames.pkl"),
                    str(rate),
                    str(count / rate),
                ),
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            sent, took = int(out[0]), float(out[1])
            # let the capture drain its socket buffer before stopping
            last, still = -1, time.monotonic()
            while time.monotonic() - still < 1.0:
                now = live.core.packets[pod.host_if]
                if now != last:
                    last, still = now, time.monotonic()
                time.sleep(0.1)
            live.stop()
            captured = live.core.packets[pod.host_if]
            drops = sum(live.kernel_drops.values())
            # frames repeat after 3000 exchanges; each repeat is a new connection again
            expected_ex = int(sent / per_exchange)
            print(
                f"target {rate:>9,.0f} pps: sent {sent / took:>9,.0f} pps, "
                f"captured {captured:>8} of {sent} packets, kernel drops {drops}, "
                f"exchanges {live.core.exchanges_emitted} (~{expected_ex} sent)"
            )
            if drops == 0 and captured >= sent:
                best = max(best, sent / took)
        print(f"highest rate with zero kernel drops: {best:,.0f} packets/s")
    finally:
        net.close()


if __name__ == "__main__":
    main()
