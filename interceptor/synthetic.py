"""Synthetic TCP conversations as Ethernet frames, and pcap files of them.

For tests, benchmarks and demos: build a client/server conversation segment by segment
(`TcpFlow`) and write it with `write_pcap`. Checksums are left zero, as offloads leave them.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

from interceptor.frames import TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, ip_packed

Frame = tuple[float, bytes]

_PSH = 0x08


def tcp_frame(  # noqa: PLR0917
    src: str, dst: str, sport: int, dport: int, seq: int, ack: int, flags: int, payload: bytes
) -> bytes:
    """One Ethernet frame carrying an IPv4 or IPv6 TCP segment."""
    s, d = ip_packed(src), ip_packed(dst)
    tcp = (
        struct.pack(
            "!HHIIBBHHH",
            sport,
            dport,
            seq & 0xFFFFFFFF,
            ack & 0xFFFFFFFF,
            5 << 4,
            flags,
            65535,
            0,
            0,
        )
        + payload
    )
    if len(s) == 4:
        total = 20 + len(tcp)
        ip = struct.pack(
            "!BBHHHBBH4s4s", 0x45, 0, total if total < 65536 else 0, 1, 0x4000, 64, 6, 0, s, d
        )
        ethertype = 0x0800
    else:
        ip = struct.pack("!IHBB16s16s", 6 << 28, len(tcp) & 0xFFFF, 6, 64, s, d)
        ethertype = 0x86DD
    return (
        b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02"
        + struct.pack("!H", ethertype)
        + (ip + tcp)
    )


class TcpFlow:
    """A TCP connection whose segments are generated in order, with a clock."""

    def __init__(  # noqa: PLR0917
        self,
        client: str,
        client_port: int,
        server: str,
        server_port: int,
        ts: float = 1_700_000_000.0,
        isn_client: int = 1000,
        isn_server: int = 500_000,
        mss: int = 1448,
    ) -> None:
        self.client, self.client_port = client, client_port
        self.server, self.server_port = server, server_port
        self.cseq = isn_client
        self.sseq = isn_server
        self.ts = ts
        self.mss = mss

    def _tick(self) -> float:
        self.ts += 0.0001
        return self.ts

    def _c(self, flags: int, payload: bytes = b"") -> Frame:
        f = tcp_frame(
            self.client,
            self.server,
            self.client_port,
            self.server_port,
            self.cseq,
            self.sseq,
            flags,
            payload,
        )
        return (self._tick(), f)

    def _s(self, flags: int, payload: bytes = b"") -> Frame:
        f = tcp_frame(
            self.server,
            self.client,
            self.server_port,
            self.client_port,
            self.sseq,
            self.cseq,
            flags,
            payload,
        )
        return (self._tick(), f)

    def handshake(self) -> list[Frame]:
        """SYN, SYN-ACK, ACK."""
        out = [self._c(TCP_SYN)]
        self.cseq += 1
        out.append(self._s(TCP_SYN | TCP_ACK))
        self.sseq += 1
        out.append(self._c(TCP_ACK))
        return out

    def send(self, from_client: bool, data: bytes, segment: int | None = None) -> list[Frame]:
        """``data`` in segments of at most ``segment`` bytes (default: the MSS)."""
        size = segment or self.mss
        out = []
        for i in range(0, len(data), size):
            piece = data[i : i + size]
            if from_client:
                out.append(self._c(TCP_ACK | _PSH, piece))
                self.cseq += len(piece)
            else:
                out.append(self._s(TCP_ACK | _PSH, piece))
                self.sseq += len(piece)
        return out

    def to_server(self, data: bytes, segment: int | None = None) -> list[Frame]:
        """Client → server bytes."""
        return self.send(True, data, segment)

    def to_client(self, data: bytes, segment: int | None = None) -> list[Frame]:
        """Server → client bytes."""
        return self.send(False, data, segment)

    def close(self) -> list[Frame]:
        """FIN from both sides and the last ACK."""
        out = [self._c(TCP_FIN | TCP_ACK)]
        self.cseq += 1
        out.append(self._s(TCP_FIN | TCP_ACK))
        self.sseq += 1
        out.append(self._c(TCP_ACK))
        return out

    def reset(self) -> list[Frame]:
        """An RST from the client."""
        return [self._c(TCP_RST)]


def write_pcap(path: str | Path, frames: Iterable[Frame], linktype: int = 1) -> int:
    """Write ``frames`` as a classic microsecond pcap; return how many were written."""
    n = 0
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
        pack = struct.Struct("<IIII").pack
        for ts, frame in frames:
            sec, usec = divmod(round(ts * 1e6), 1_000_000)
            f.write(pack(sec, usec, len(frame), len(frame)))
            f.write(frame)
            n += 1
    return n


def write_pcapng(
    path: str | Path, records: Iterable[tuple[str, float, bytes]], linktype: int = 1
) -> int:
    """Write ``(interface, time, frame)`` records as pcapng, one IDB per interface name."""

    def block(btype: int, body: bytes) -> bytes:
        body += b"\x00" * (-len(body) % 4)
        n = len(body) + 12
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)

    def option(code: int, value: bytes) -> bytes:
        return struct.pack("<HH", code, len(value)) + value + b"\x00" * (-len(value) % 4)

    ids: dict[str, int] = {}
    n = 0
    with open(path, "wb") as f:
        f.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        for iface, ts, frame in records:
            if iface not in ids:
                ids[iface] = len(ids)
                opts = option(2, iface.encode()) + option(9, b"\x06") + option(0, b"")
                f.write(block(1, struct.pack("<HHI", linktype, 0, 262144) + opts))
            t = round(ts * 1e6)
            head = struct.pack(
                "<IIIII", ids[iface], t >> 32, t & 0xFFFFFFFF, len(frame), len(frame)
            )
            f.write(block(6, head + frame))
            n += 1
    return n
