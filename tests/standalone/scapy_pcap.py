"""Capture files built packet by packet with scapy (independent of the interceptor's writer)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scapy.layers.inet import IP, TCP
from scapy.layers.l2 import Ether
from scapy.packet import Raw
from scapy.utils import wrpcap


class Conversation:
    """One keep-alive TCP connection carrying HTTP/1.1 exchanges."""

    def __init__(self, client: str, cport: int, server: str, sport: int, t: float) -> None:
        self.client, self.cport, self.server, self.sport = client, cport, server, sport
        self.cseq, self.sseq = 1_000, 90_000
        self.t = t
        self.packets: list[Any] = []
        self._send(True, "S", b"")
        self.cseq += 1
        self._send(False, "SA", b"")
        self.sseq += 1
        self._send(True, "A", b"")

    def _send(self, from_client: bool, flags: str, payload: bytes) -> None:
        self.t += 0.0005
        if from_client:
            ip = IP(src=self.client, dst=self.server)
            tcp = TCP(sport=self.cport, dport=self.sport, flags=flags, seq=self.cseq, ack=self.sseq)
        else:
            ip = IP(src=self.server, dst=self.client)
            tcp = TCP(sport=self.sport, dport=self.cport, flags=flags, seq=self.sseq, ack=self.cseq)
        pkt = Ether() / ip / tcp
        if payload:
            pkt = pkt / Raw(payload)
        pkt.time = self.t
        self.packets.append(pkt)
        if from_client:
            self.cseq += len(payload)
        else:
            self.sseq += len(payload)

    def exchange(
        self,
        method: str,
        target: str,
        headers: dict[str, str],
        request: Any,
        status: int,
        response: Any,
    ) -> None:
        """A request (head and body in separate segments) and its response."""
        body = b"" if request is None else json.dumps(request).encode()
        head = f"{method} {target} HTTP/1.1\r\n"
        for name, value in headers.items():
            head += f"{name}: {value}\r\n"
        if request is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self._send(True, "PA", (head + "\r\n").encode())
        if body:
            self._send(True, "PA", body)
        self._send(False, "A", b"")
        out = json.dumps(response).encode()
        resp = (
            f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(out)}\r\n\r\n"
        ).encode() + out
        self._send(False, "PA", resp)
        self._send(True, "A", b"")

    def close(self) -> None:
        """FIN both ways."""
        self._send(True, "FA", b"")
        self.cseq += 1
        self._send(False, "FA", b"")
        self.sseq += 1
        self._send(True, "A", b"")


def write(path: Path, conversations: list[Conversation]) -> None:
    """Write every conversation's packets, in time order, as one pcap."""
    packets = sorted((p for c in conversations for p in c.packets), key=lambda p: float(p.time))
    wrpcap(str(path), packets)
