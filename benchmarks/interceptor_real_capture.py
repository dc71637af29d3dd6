"""Record real keep-alive JSON traffic between two pods (network namespaces) as pcapng.

The kernel's TCP stacks, Python's ``http.server`` and ``http.client`` make the traffic
(headers and bodies in separate segments, delayed ACKs, GSO frames, gzip, chunked, HEAD,
204, a non-JSON page), ``dumpcap`` records both pods' host-side veths, so each packet is
in the file twice, as on a routed node. Needs root; the namespaces are removed afterwards.

Usage: python -m benchmarks.interceptor_real_capture OUT.pcapng [--exchanges N]
Then: python -m benchmarks.interceptor_loss --pcap OUT.pcapng --map IFACE=IP (printed)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from tests.interceptor.netns import PodNet

ROOT = Path(__file__).resolve().parents[1]

_CLIENT = r"""
import http.client, json, random, sys
host, n, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(5)
conn = None
for i in range(n):
    if i % per == 0:
        if conn is not None:
            conn.close()
        conn = http.client.HTTPConnection(host, 8080, timeout=10)
    kind = i % 8
    body = None
    if kind == 0:
        method, path = "POST", "/echo"
        body = json.dumps({"i": i, "email": f"u{i}@example.org",
                           "items": list(range(rnd.randint(0, 400)))}).encode()
    elif kind == 1:
        method, path = "GET", "/gzip"
    elif kind == 2:
        method, path = "GET", "/chunked"
    elif kind == 3:
        method, path = "GET", "/large"
    elif kind == 4:
        method, path = "HEAD", f"/users/h{i}"
    elif kind == 5:
        method, path = "DELETE", f"/users/d{i}"
    elif kind == 6:
        method, path = "PUT", f"/users/p{i}"
        body = json.dumps({"name": "x" * rnd.randint(1, 3000)}).encode()
    else:
        method, path = "GET", f"/users/g{i}"
    headers = {"Content-Type": "application/json"} if body else {}
    conn.request(method, path, body=body, headers=headers)
    conn.getresponse().read()
conn.close()
"""


def record(out: Path, exchanges: int, per_connection: int = 50) -> str:
    """Run the two pods, record both veths into ``out``; return the owner map
    (``IFACE=IP``, the server's veth) for ``interceptor_loss --map``."""
    net = PodNet(246)
    server_proc = None
    dump = None
    try:
        server = net.add_pod(1)
        client = net.add_pod(2)
        server_proc = subprocess.Popen(
            server.exec_argv(sys.executable, str(ROOT / "tests/interceptor/pod_server.py"), "8080")
        )
        time.sleep(1.0)
        dump = subprocess.Popen(
            ["dumpcap", "-q", "-i", server.host_if, "-i", client.host_if, "-f", "tcp port 8080",
             "-w", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(2.0)
        subprocess.run(
            client.exec_argv(sys.executable, "-c", _CLIENT, server.ip, str(exchanges),
                             str(per_connection)),
            check=True, timeout=600,
        )  # fmt: skip
        time.sleep(1.0)
        return f"{server.host_if}={server.ip}"
    finally:
        if dump is not None:
            dump.terminate()
            dump.wait(30)
        if server_proc is not None:
            server_proc.terminate()
            server_proc.wait(30)
        net.close()


def main() -> int:
    """Record and say where."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--exchanges", type=int, default=2000)
    args = ap.parse_args()
    owner = record(args.out, args.exchanges)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB; the owner: --map {owner}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
