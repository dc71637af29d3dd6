"""The kernel filter of live capture, run by a small classic-BPF interpreter."""

from __future__ import annotations

import struct

import pytest

from interceptor.capture import tcp_filter
from interceptor.frames import TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN
from interceptor.synthetic import tcp_frame

SNAP = 4096


def run_bpf(prog: list[tuple[int, int, int, int]], pkt: bytes) -> int:
    """What the kernel's classic BPF returns for ``pkt`` (only the opcodes the filter uses).

    A load past the end of the packet ends the program with 0, as in the kernel.
    """
    a = x = pc = 0
    try:
        while True:
            code, jt, jf, k = prog[pc]
            pc += 1
            if code == 0x06:  # ret #k
                return k
            if code in (0x15, 0x25, 0x45):  # jeq, jgt, jset #k
                hit = {0x15: a == k, 0x25: a > k, 0x45: bool(a & k)}[code]
                pc += jt if hit else jf
            elif code == 0xB1:  # ldxb 4 * ([k] & 0xf)
                x = (pkt[k] & 0x0F) * 4
            elif code == 0x07:  # tax
                x = a
            else:
                a = _alu_or_load(code, k, a, x, pkt)
    except (IndexError, struct.error):
        return 0


def _alu_or_load(code: int, k: int, a: int, x: int, pkt: bytes) -> int:
    if code == 0x28:  # ldh [k]
        value: int = struct.unpack_from("!H", pkt, k)[0]
        return value
    if code in (0x30, 0x50):  # ldb [k], ldb [x + k]
        return pkt[k + (x if code == 0x50 else 0)]
    if code in (0x0C, 0x1C):  # add x, sub x
        return (a + (x if code == 0x0C else -x)) & 0xFFFFFFFF
    if code == 0x54:  # and #k
        return a & k
    assert code == 0x74, f"opcode {code:#x} not interpreted"  # rsh #k
    return a >> k


def _frame(src: str, flags: int, payload: bytes = b"") -> bytes:
    dst = "fd00::2" if ":" in src else "10.250.0.2"
    return tcp_frame(src, dst, 40000, 8080, 1, 2, flags, payload)


@pytest.mark.parametrize("src", ["10.250.0.1", "fd00::1"])
@pytest.mark.parametrize(
    ("flags", "payload", "passed"),
    [
        (TCP_ACK, b"", False),  # a bare ACK stays in the kernel
        (TCP_ACK | 0x08, b"GET / HTTP/1.1\r\n\r\n", True),
        (TCP_ACK, b"x", True),
        (TCP_SYN, b"", True),
        (TCP_SYN | TCP_ACK, b"", True),
        (TCP_FIN | TCP_ACK, b"", True),
        (TCP_RST, b"", True),
    ],
)
def test_tcp_with_data_or_control_passes(
    src: str, flags: int, payload: bytes, passed: bool
) -> None:
    prog = tcp_filter(SNAP)
    frame = _frame(src, flags, payload)
    assert run_bpf(prog, frame) == (SNAP if passed else 0)
    if not passed:  # Ethernet padding after a bare ACK is not data
        assert run_bpf(prog, frame + b"\x00" * 6) == 0


def test_other_protocols_are_dropped_and_odd_frames_passed() -> None:
    prog = tcp_filter(SNAP)
    ack = _frame("10.250.0.1", TCP_ACK)
    udp = ack[:23] + b"\x11" + ack[24:]
    arp = ack[:12] + b"\x08\x06" + ack[14:]
    assert run_bpf(prog, udp) == 0
    assert run_bpf(prog, arp) == 0
    # IPv4 with options: the TCP header is found behind them
    opts = bytearray(ack[:14] + bytes([0x46]) + ack[15:34] + b"\x01\x01\x01\x01" + ack[34:])
    struct.pack_into("!H", opts, 16, len(opts) - 14)
    assert run_bpf(prog, bytes(opts)) == 0
    struct.pack_into("!H", opts, 16, len(opts) - 14 + 3)
    assert run_bpf(prog, bytes(opts) + b"abc") == SNAP
    # a GSO frame with IP length 0 passes, so does a fragment; IPv6 extension headers not
    gso = ack[:16] + b"\x00\x00" + ack[18:]
    assert run_bpf(prog, gso) == SNAP
    frag = ack[:20] + b"\x20\x00" + ack[22:]
    assert run_bpf(prog, frag) == SNAP
    v6 = _frame("fd00::1", TCP_ACK)
    assert run_bpf(prog, v6[:20] + b"\x00" + v6[21:]) == 0
