"""Real HTTP/2 and gRPC stacks talking between two network namespaces, captured with
dumpcap: the capture the live tests and the h2 benchmark read.

Namespaces are ``svh2-<tag>-c`` (clients) and ``svh2-<tag>-s`` (servers), joined by one
veth pair in 10.254.<subnet>.0/24; `H2Stacks.close` removes them and stops every process.
Each scenario returns how many exchanges its clients saw answered (the ground truth).
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from tests.interceptor.conversation import Conversation
from tests.interceptor.netns import sh

HERE = Path(__file__).resolve().parent
SERVER_IP_FMT = "10.254.{}.2"
CLIENT_IP_FMT = "10.254.{}.1"


class H2Stacks:
    """The namespace pair, the capture and the servers of one run."""

    def __init__(self, workdir: Path, prefix: str = "svh2") -> None:
        """``prefix`` (at most 4 characters) starts the names of namespaces and veths."""
        self.tag = uuid.uuid4().hex[:4]
        self.subnet = random.randint(1, 250)
        self.client_ns = f"{prefix}-{self.tag}-c"
        self.server_ns = f"{prefix}-{self.tag}-s"
        self.client_ip = CLIENT_IP_FMT.format(self.subnet)
        self.server_ip = SERVER_IP_FMT.format(self.subnet)
        self.workdir = workdir
        self.pcap = workdir / "h2.pcapng"
        self._procs: list[subprocess.Popen[bytes]] = []
        self._capture: subprocess.Popen[bytes] | None = None
        cif, sif = f"{prefix}{self.tag}c", f"{prefix}{self.tag}s"
        self.server_if = sif
        sh("ip", "netns", "add", self.client_ns)
        sh("ip", "netns", "add", self.server_ns)
        try:
            sh("ip", "link", "add", cif, "netns", self.client_ns, "type", "veth", "peer",
               "name", sif, "netns", self.server_ns)  # fmt: skip
            for ns, ifname, ip in ((self.client_ns, cif, self.client_ip),
                                   (self.server_ns, sif, self.server_ip)):  # fmt: skip
                sh("ip", "-n", ns, "link", "set", "lo", "up")
                sh("ip", "-n", ns, "addr", "add", f"{ip}/24", "dev", ifname)
                sh("ip", "-n", ns, "link", "set", ifname, "up")
        except Exception:
            self.close()
            raise

    # --- processes ---------------------------------------------------------------------
    def _in(self, ns: str, *argv: str) -> list[str]:
        return ["ip", "netns", "exec", ns, *argv]

    def start_capture(self) -> None:
        """dumpcap on the server's interface, until `stop_capture`."""
        self._capture = subprocess.Popen(
            self._in(self.server_ns, "dumpcap", "-q", "-i", self.server_if, "-w", str(self.pcap)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.pcap.exists() and self.pcap.stat().st_size > 0:
                time.sleep(0.3)
                return
            time.sleep(0.05)
        raise RuntimeError("dumpcap did not start")

    def stop_capture(self) -> Path:
        """End the capture; the file's path."""
        cap = self._capture
        if cap is not None:
            time.sleep(0.3)
            cap.send_signal(signal.SIGINT)
            cap.wait(20)
            self._capture = None
        return self.pcap

    def server(self, port: int, *argv: str) -> None:
        """Start a server in the server namespace and wait until ``port`` accepts."""
        proc = subprocess.Popen(
            self._in(self.server_ns, *argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._procs.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            probe = subprocess.run(
                self._in(self.client_ns, sys.executable, "-c",
                         "import socket,sys; socket.create_connection((sys.argv[1], "
                         "int(sys.argv[2])), 1).close()", self.server_ip, str(port)),
                capture_output=True, check=False,
            )  # fmt: skip
            if probe.returncode == 0:
                return
            if proc.poll() is not None:
                raise RuntimeError(f"server {argv} exited")
            time.sleep(0.2)
        raise RuntimeError(f"server {argv} did not start")

    def client(self, *argv: str) -> str:
        """Run a client in the client namespace; its stdout."""
        proc = subprocess.run(
            self._in(self.client_ns, *argv), capture_output=True, timeout=120, check=True
        )
        return proc.stdout.decode()

    def close(self) -> None:
        """Stop everything and remove the namespaces."""
        if self._capture is not None:
            self._capture.kill()
            self._capture.wait()
        for proc in self._procs:
            proc.kill()
            proc.wait()
        self._procs.clear()
        sh("ip", "netns", "del", self.client_ns, check=False)
        sh("ip", "netns", "del", self.server_ns, check=False)

    # --- scenarios ---------------------------------------------------------------------
    def node(self, port: int, connections: int, streams: int) -> int:
        """Node's http2 client: ``streams`` concurrent streams on each of ``connections``
        connections to Node's http2 server. JSON exchanges answered."""
        self.server(port, "node", str(HERE / "h2_node.js"), "server", str(port))
        total = 0
        for _ in range(connections):
            out = self.client("node", str(HERE / "h2_node.js"), "client", self.server_ip,
                              str(port), str(streams))  # fmt: skip
            total += int(json.loads(out)["answered"])
        return total

    def curl_prior_knowledge(self, port: int, n: int) -> int:
        """curl --http2-prior-knowledge, ``n`` POSTs, one per connection (this curl
        fails a second request on a reused h2c connection); the server `node` started.
        JSON exchanges answered."""
        answered = 0
        for i in range(n):
            out = self.client(
                "curl", "-s", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code}",
                "-H", "content-type: application/json", "-d", json.dumps({"n": i}),
                f"http://{self.server_ip}:{port}/users?i={3 * i}",
            )  # fmt: skip
            answered += out.startswith("2")
        return answered

    def curl_declined_upgrade(self, port: int, n: int) -> int:
        """curl --http2 (Upgrade: h2c) to an HTTP/1.1-only server, which declines by
        answering in HTTP/1.1; ``n`` POST and GET requests on one connection."""
        self.server(port, sys.executable, str(HERE.parent / "pod_server.py"),
                    str(port))  # fmt: skip
        argv: list[str] = []
        for i in range(n):
            if i:
                argv.append("--next")
            argv += ["-s", "--http2", "-o", "/dev/null", "-w", "%{http_code}\n"]
            if i % 2 == 0:
                argv += ["-H", "content-type: application/json", "-d", json.dumps({"n": i})]
            argv.append(f"http://{self.server_ip}:{port}/users/{i}")
        out = self.client("curl", *argv)
        return sum(1 for line in out.split() if line.startswith("2"))

    def grpc(self, port: int, out: Path, calls: int) -> int:
        """grpcio client and server with users.proto: ``calls`` unary calls and a
        server-streaming call every ten (3 users of 40 kB each, many DATA frames)."""
        self.server(port, sys.executable, str(HERE / "grpc_users.py"), "server", str(port),
                    str(out))  # fmt: skip
        done = self.client(sys.executable, str(HERE / "grpc_users.py"), "client",
                           self.server_ip, str(port), str(out), str(calls))  # fmt: skip
        return int(done.strip())


def conversations(pcap: Path) -> list[Conversation]:
    """The TCP connections of a capture as `Conversation`s (each direction's bytes in
    sequence order, directions in capture order), to feed them again whole, byte by byte
    or shuffled. Connections whose handshake was not captured are left out."""
    from interceptor.frames import TCP_SYN, MalformedError, NotTcpError, ip_text, parse_frame
    from interceptor.replay import read_frames

    flows: dict[tuple[bytes, int, bytes, int], dict[str, Any]] = {}
    for _iface, linktype, _ts, frame in read_frames(pcap):
        try:
            src, dst, sport, dport, seq, _ack, flags, payload = parse_frame(linktype, frame)
        except (NotTcpError, MalformedError):
            continue  # ARP, neighbour discovery
        key = (src, sport, dst, dport)
        rkey = (dst, dport, src, sport)
        if flags & TCP_SYN and not (flags & 0x10) and key not in flows:
            flows[key] = {"next": {True: seq + 1, False: None}, "msgs": []}
            continue
        if key in flows:
            flow, from_client = flows[key], True
        elif rkey in flows:
            flow, from_client = flows[rkey], False
        else:
            continue
        nxt = flow["next"]
        if flags & TCP_SYN:
            nxt[False] = seq + 1
            continue
        if not payload or nxt[from_client] is None:
            continue
        start = (nxt[from_client] - seq) & 0xFFFFFFFF
        if start >= len(payload):
            continue  # a retransmission of bytes already taken
        if start:
            payload = payload[start:]
        if seq + start != nxt[from_client] and start == 0 and seq != nxt[from_client]:
            continue  # ahead of a hole (not on these loss-free veths)
        nxt[from_client] = (nxt[from_client] + len(payload)) & 0xFFFFFFFF
        msgs = flow["msgs"]
        if msgs and msgs[-1][0] == from_client:
            msgs[-1] = (from_client, msgs[-1][1] + payload)
        else:
            msgs.append((from_client, payload))
    out = []
    for (c, cport, s, sport), flow in flows.items():
        if flow["msgs"]:
            out.append(
                Conversation(flow["msgs"], client=(ip_text(c), cport), server=(ip_text(s), sport))
            )
    return out
