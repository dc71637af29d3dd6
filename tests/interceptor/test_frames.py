"""Header parsing of every link type we read, and of broken frames."""

from __future__ import annotations

import struct

import pytest

from interceptor.frames import (
    LINKTYPE_ETHERNET,
    LINKTYPE_LINUX_SLL,
    LINKTYPE_LINUX_SLL2,
    LINKTYPE_RAW,
    TCP_SYN,
    MalformedError,
    NotTcpError,
    ip_packed,
    ip_text,
    parse_frame,
)
from interceptor.synthetic import tcp_frame


def _eth(src: str = "10.251.0.1", dst: str = "10.251.0.2", payload: bytes = b"hello") -> bytes:
    return tcp_frame(src, dst, 40000, 8080, 123, 456, TCP_SYN, payload)


def test_ethernet_ipv4() -> None:
    seg = parse_frame(LINKTYPE_ETHERNET, _eth())
    assert (ip_text(seg[0]), ip_text(seg[1]), seg[2], seg[3]) == (
        "10.251.0.1",
        "10.251.0.2",
        40000,
        8080,
    )
    assert (seg[4], seg[5], seg[6], seg[7]) == (123, 456, TCP_SYN, b"hello")


def test_ethernet_padding_is_cut_by_ip_length() -> None:
    seg = parse_frame(LINKTYPE_ETHERNET, _eth(payload=b"") + b"\x00" * 6)
    assert seg[7] == b""


def test_ipv6_and_vlan() -> None:
    frame = _eth("fd00::1", "fd00::2")
    assert ip_text(parse_frame(LINKTYPE_ETHERNET, frame)[1]) == "fd00::2"
    tagged = frame[:12] + b"\x81\x00\x00\x05" + frame[12:]
    assert parse_frame(LINKTYPE_ETHERNET, tagged)[7] == b"hello"


def test_cooked_and_raw_link_types() -> None:
    ip = _eth()[14:]
    sll = struct.pack("!HHH8sH", 0, 1, 6, b"\x02" * 8, 0x0800) + ip
    sll2 = struct.pack("!HHIHBB8s", 0x0800, 0, 2, 1, 0, 6, b"\x02" * 8) + ip
    for linktype, frame in (
        (LINKTYPE_LINUX_SLL, sll),
        (LINKTYPE_LINUX_SLL2, sll2),
        (LINKTYPE_RAW, ip),
    ):
        assert parse_frame(linktype, frame)[7] == b"hello"


def test_gso_frame_longer_than_mtu() -> None:
    body = b"x" * 20_000
    assert parse_frame(LINKTYPE_ETHERNET, _eth(payload=body))[7] == body


def test_not_tcp() -> None:
    arp = b"\xff" * 12 + b"\x08\x06" + b"\x00" * 28
    with pytest.raises(NotTcpError):
        parse_frame(LINKTYPE_ETHERNET, arp)
    udp = bytearray(_eth())
    udp[14 + 9] = 17
    with pytest.raises(NotTcpError):
        parse_frame(LINKTYPE_ETHERNET, bytes(udp))
    frag = bytearray(_eth())
    frag[14 + 6] = 0x20  # more fragments
    with pytest.raises(NotTcpError):
        parse_frame(LINKTYPE_ETHERNET, bytes(frag))
    with pytest.raises(NotTcpError):
        parse_frame(999, _eth())


@pytest.mark.parametrize("cut", [5, 14, 20, 33, 40, 53])
def test_truncated_frames_are_malformed(cut: int) -> None:
    with pytest.raises((MalformedError, NotTcpError)):
        parse_frame(LINKTYPE_ETHERNET, _eth()[:cut])


def test_ip_helpers() -> None:
    assert ip_text(ip_packed("fd00::a")) == "fd00::a"
    with pytest.raises(ValueError, match="not an IP"):
        ip_packed("nope")
