"""Raw AF_PACKET capture of one interface: non-blocking, kernel-filtered, big buffer.

Frames are read as bytes and parsed by `interceptor.frames` (no scapy dissection, which
is two orders of magnitude slower). The kernel filter passes only TCP over IPv4/IPv6, so
the rest never reaches user space. Kernel drops come from PACKET_STATISTICS.
"""

from __future__ import annotations

import ctypes
import errno
import socket
import struct

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_STATISTICS = 6
SO_ATTACH_FILTER = 26
SO_RCVBUFFORCE = 33


def tcp_filter(snap: int) -> list[tuple[int, int, int, int]]:
    """Classic BPF for ``ip proto tcp or ip6 proto tcp`` on Ethernet, returning ``snap`` bytes.

    (code, jt, jf, k) per instruction; IPv6 extension headers are left to user space.
    """
    ld_h, ld_b, jeq, ret = 0x28, 0x30, 0x15, 0x06
    return [
        (ld_h, 0, 0, 12),  # 0: ethertype
        (jeq, 0, 2, 0x86DD),  # 1: IPv6 → 2, else → 4
        (ld_b, 0, 0, 20),  # 2: IPv6 next header
        (jeq, 3, 4, 6),  # 3: TCP → 7, else → 8
        (jeq, 0, 3, 0x0800),  # 4: IPv4 → 5, else → 8
        (ld_b, 0, 0, 23),  # 5: IPv4 protocol
        (jeq, 0, 1, 6),  # 6: TCP → 7, else → 8
        (ret, 0, 0, snap),  # 7: accept
        (ret, 0, 0, 0),  # 8: reject
    ]


def attach_filter(sock: socket.socket, program: list[tuple[int, int, int, int]]) -> None:
    """Attach a classic BPF ``program`` to ``sock`` (SO_ATTACH_FILTER)."""
    raw = b"".join(struct.pack("HBBI", *insn) for insn in program)
    buf = ctypes.create_string_buffer(raw, len(raw))
    fprog = struct.pack("HL", len(program), ctypes.addressof(buf))
    sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)


class RawCapture:
    """A non-blocking packet socket bound to one interface."""

    def __init__(self, iface: str, rcvbuf: int, snap: int) -> None:
        self.iface = iface
        self.snap = snap
        sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        try:
            attach_filter(sock, tcp_filter(snap))
            try:
                sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, rcvbuf)
            except OSError:  # without CAP_NET_ADMIN: as large as rmem_max allows
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
            sock.bind((iface, ETH_P_ALL))
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        self.sock = sock
        self.kernel_packets = 0
        self.kernel_drops = 0

    def fileno(self) -> int:
        """The socket's descriptor (for poll)."""
        return self.sock.fileno()

    def read_batch(self, limit: int) -> list[bytes]:
        """Up to ``limit`` frames that are ready now (none: empty list)."""
        out: list[bytes] = []
        recv = self.sock.recv
        snap = self.snap
        try:
            for _ in range(limit):
                out.append(recv(snap))
        except BlockingIOError:
            pass
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EINTR):
                raise
        return out

    def update_stats(self) -> tuple[int, int]:
        """Read PACKET_STATISTICS (the kernel resets them); return (packets, drops) since."""
        raw = self.sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8)
        packets, drops = struct.unpack("II", raw)
        self.kernel_packets += packets
        self.kernel_drops += drops
        return packets, drops

    def close(self) -> None:
        """Close the socket."""
        self.sock.close()
