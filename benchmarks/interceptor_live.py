"""Live-capture benchmark: frames pushed through a veth at rising rates.

A sender in a pod (network namespace ``sia-live-*``, 10.250.0.1) writes prebuilt frames of
keep-alive JSON exchanges (`benchmarks.interceptor_replay.build`) onto its eth0 at a target
rate; `LiveCapture` captures the host side of the veth. The sender is ``tcpreplay`` (C,
paced by packets per second; ``apt-get install -y tcpreplay``), else a Python AF_PACKET
sender that tops out near 40,000 packets/s and so cannot find the interceptor's limit.

For each rate it reports the wire rate (the peer figure: what the sender achieved), the
packets that passed the kernel filter (bare ACKs, about half, stay in the kernel) and
reached the interceptor, kernel drops (PACKET_STATISTICS), exchanges paired of those sent,
and the interceptor's CPU seconds; then the highest wire rate with zero kernel drops and
every exchange found. The last step sends as fast as the sender can (``--topspeed``).
Needs root. Usage: python -m benchmarks.interceptor_live [--seconds S] [--rates R1,R2,...]
[--compiled] (``--compiled``: the per-packet modules compiled as in the image).
"""

from __future__ import annotations

import argparse
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.interceptor_replay import build
from common.settings import load_settings
from interceptor.capture import tcp_filter
from interceptor.live import LiveCapture
from interceptor.settings import InterceptorSettings
from interceptor.synthetic import write_pcap
from scripts import compiled_tree
from tests.interceptor.netns import make_routed_pod, sh

N_EXCHANGES = 3000

PY_SENDER = r"""
import pickle, socket, sys, time
frames = pickle.load(open(sys.argv[1], "rb"))
rate, loops = float(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
send = s.send
total = len(frames) * loops
t0 = time.perf_counter()
sent = 0
while sent < total:
    due = int((time.perf_counter() - t0) * rate) if rate else total
    if due <= sent:
        time.sleep(0.0002)
        continue
    end = min(due, total, sent + 2000)
    for i in range(sent, end):
        send(frames[i % len(frames)])
    sent = end
print(sent, time.perf_counter() - t0)
"""


def passes_filter(frame: bytes) -> bool:
    """Whether the kernel filter of `interceptor.capture` passes ``frame`` (IPv4 frames)."""
    ihl = (frame[14] & 0x0F) * 4
    tcp = 14 + ihl
    flags, doff = frame[tcp + 13], (frame[tcp + 12] >> 4) * 4
    total = frame[16] << 8 | frame[17]
    return bool(flags & 0x07) or total - ihl - doff > 0


def send(ns: str, tmp: Path, rate: float, loops: int) -> tuple[int, float]:
    """Run the sender in ``ns``; rate 0 is as fast as it can. Return (packets, seconds)."""
    if shutil.which("tcpreplay"):
        speed = [f"--pps={rate:.0f}", "--pps-multi=32"] if rate else ["--topspeed"]
        argv = ["tcpreplay", "-i", "eth0", f"--loop={loops}", *speed, str(tmp / "frames.pcap")]
        out = subprocess.run(
            ["ip", "netns", "exec", ns, *argv],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        m = re.search(r"Actual: (\d+) packets .* in ([\d.]+) seconds", out)
        assert m is not None, out
        return int(m.group(1)), float(m.group(2))
    argv = [sys.executable, str(tmp / "sender.py"), str(tmp / "frames.pkl"), str(rate), str(loops)]
    out = subprocess.run(
        ["ip", "netns", "exec", ns, *argv],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), float(out[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--rates", default="25000,50000,100000,150000,200000,300000")
    ap.add_argument(
        "--compiled", action="store_true", help="run with the modules compiled as in the image"
    )
    args = ap.parse_args()
    if args.compiled:
        with tempfile.TemporaryDirectory() as tmp:
            tree = compiled_tree.build(Path(tmp) / "compiled")
            rest = [a for a in sys.argv[1:] if a != "--compiled"]
            argv = [sys.executable, "-m", "benchmarks.interceptor_live", *rest]
            sys.exit(subprocess.run(argv, cwd=tree, check=False).returncode)
    import interceptor.core

    compiled = not interceptor.core.__file__.endswith(".py")
    print(f"interceptor modules: {'compiled (as in the image)' if compiled else 'interpreted'}")
    assert tcp_filter(65535)  # the filter whose effect `passes_filter` mirrors
    frames = [f for _ts, f in build(N_EXCHANGES)]
    passing = sum(passes_filter(f) for f in frames)
    print(
        f"sender: {'tcpreplay' if shutil.which('tcpreplay') else 'python AF_PACKET'}; "
        f"{len(frames)} frames per {N_EXCHANGES} exchanges, {passing} pass the kernel filter"
    )
    tag = uuid.uuid4().hex[:4]
    ns, host_if = f"sia-live-{tag}", f"sia{tag}"
    tmp = Path(tempfile.mkdtemp())
    best = 0.0
    try:
        make_routed_pod(ns, host_if, "10.250.0.1")
        write_pcap(tmp / "frames.pcap", [(1.0 + i * 1e-5, f) for i, f in enumerate(frames)])
        (tmp / "frames.pkl").write_bytes(pickle.dumps(frames))
        (tmp / "sender.py").write_text(PY_SENDER)
        for rate in [float(r) for r in args.rates.split(",")] + [0.0]:
            # whole captures only, so that every exchange can be paired
            loops = max(1, round((rate or 300_000) * args.seconds / len(frames)))
            got: list[object] = []
            live = LiveCapture(load_settings(InterceptorSettings, discover_pods=False), got.append)
            live.set_interfaces({host_if: set()})
            live.start()
            time.sleep(0.5)
            cpu0 = time.process_time()
            sent, took = send(ns, tmp, rate, loops)
            # let the capture drain its socket buffer before stopping
            last, still = -1, time.monotonic()
            while time.monotonic() - still < 1.0:
                now = live.core.packets[host_if]
                if now != last:
                    last, still = now, time.monotonic()
                time.sleep(0.1)
            live.stop()
            cpu = time.process_time() - cpu0
            captured = live.core.packets[host_if]
            drops = sum(live.kernel_drops.values())
            label = f"{rate:>9,.0f} pps" if rate else "  topspeed    "
            print(
                f"target {label}: wire {sent / took:>9,.0f} pps ({sent} packets), reached the "
                f"interceptor {captured} of {passing * loops} that pass the filter "
                f"({captured / took:,.0f}/s), kernel drops {drops}, exchanges "
                f"{live.core.exchanges_emitted} of {N_EXCHANGES * loops}, interceptor "
                f"{cpu:.2f} CPU s"
            )
            if drops == 0 and live.core.exchanges_emitted >= N_EXCHANGES * loops:
                best = max(best, sent / took)
        print(f"highest wire rate with zero kernel drops and every exchange: {best:,.0f} packets/s")
    finally:
        sh("ip", "route", "del", "10.250.0.1/32", check=False)
        sh("ip", "link", "del", host_if, check=False)
        sh("ip", "netns", "del", ns, check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
