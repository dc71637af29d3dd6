"""Link, IP and TCP header parsing with ``struct``: raw frame bytes in, a `Segment` out.

No scapy dissection here: this runs once per captured packet. Checksums are not verified
(offloads put many wrong ones on veths) and frames may be far longer than the MTU (GSO).
"""

from __future__ import annotations

import socket
import struct
from typing import Final

# pcap link types (LINKTYPE_*)
LINKTYPE_ETHERNET: Final = 1
LINKTYPE_RAW: Final = 101
LINKTYPE_LINUX_SLL: Final = 113
LINKTYPE_IPV4: Final = 228
LINKTYPE_IPV6: Final = 229
LINKTYPE_LINUX_SLL2: Final = 276

ETH_P_IP: Final = 0x0800
ETH_P_IPV6: Final = 0x86DD
ETH_P_8021Q: Final = 0x8100
ETH_P_8021AD: Final = 0x88A8

TCP_FIN: Final = 0x01
TCP_SYN: Final = 0x02
TCP_RST: Final = 0x04
TCP_ACK: Final = 0x10

_IPV6_EXT: Final = frozenset((0, 43, 60))  # hop-by-hop, routing, destination options
_IPV6_FRAGMENT: Final = 44
_unpack_h: Final = struct.Struct("!H").unpack_from
_unpack_tcp: Final = struct.Struct("!HHIIBB").unpack_from
_IP4_TCP_IDS: Final = struct.Struct("!26x4s4sHHII")
unpack_ip4_tcp_ids: Final = _IP4_TCP_IDS.unpack_from
"""(src, dst, sport, dport, seq, ack) of an Ethernet frame holding IPv4 without options."""


class NotTcpError(Exception):
    """The frame holds no TCP segment we can use (other protocol, fragment)."""


class MalformedError(Exception):
    """The frame is cut short or its headers contradict themselves."""


Segment = tuple[bytes, bytes, int, int, int, int, int, bytes]
"""One TCP segment: (src, dst, sport, dport, seq, ack, flags, payload); addresses packed
(4 or 16 bytes). A plain tuple: it is built once per packet."""

SRC, DST, SPORT, DPORT, SEQ, ACK, FLAGS, PAYLOAD = range(8)


def ip_text(packed: bytes) -> str:
    """Textual form of a packed IPv4 or IPv6 address."""
    return socket.inet_ntop(socket.AF_INET if len(packed) == 4 else socket.AF_INET6, packed)


def ip_packed(text: str) -> bytes:
    """Packed form of a textual IPv4 or IPv6 address (ValueError when it is neither)."""
    try:
        return socket.inet_pton(socket.AF_INET6 if ":" in text else socket.AF_INET, text)
    except OSError as exc:
        raise ValueError(f"not an IP address: {text!r}") from exc


def parse_frame(linktype: int, frame: bytes) -> Segment:  # noqa: PLR0912
    """Parse ``frame`` of pcap link type ``linktype`` down to its TCP segment.

    Raises `NotTcpError` for anything that is not an unfragmented TCP segment and `MalformedError`
    for truncated or inconsistent headers.
    """
    if linktype == LINKTYPE_ETHERNET:
        if len(frame) < 14:
            raise MalformedError("short ethernet header")
        ethertype = _unpack_h(frame, 12)[0]
        off = 14
        while ethertype in (ETH_P_8021Q, ETH_P_8021AD):
            if len(frame) < off + 4:
                raise MalformedError("short vlan tag")
            ethertype = _unpack_h(frame, off + 2)[0]
            off += 4
    elif linktype == LINKTYPE_LINUX_SLL:
        if len(frame) < 16:
            raise MalformedError("short SLL header")
        ethertype = _unpack_h(frame, 14)[0]
        off = 16
    elif linktype == LINKTYPE_LINUX_SLL2:
        if len(frame) < 20:
            raise MalformedError("short SLL2 header")
        ethertype = _unpack_h(frame, 0)[0]
        off = 20
    elif linktype in (LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6):
        if not frame:
            raise MalformedError("empty frame")
        ethertype = ETH_P_IPV6 if frame[0] >> 4 == 6 else ETH_P_IP
        off = 0
    else:
        raise NotTcpError(f"link type {linktype}")
    if ethertype == ETH_P_IP:
        return _ipv4(frame, off)
    if ethertype == ETH_P_IPV6:
        return _ipv6(frame, off)
    raise NotTcpError(f"ethertype {ethertype:#x}")


def _ipv4(frame: bytes, off: int) -> Segment:
    if len(frame) < off + 20:
        raise MalformedError("short IPv4 header")
    vihl = frame[off]
    ihl = (vihl & 0x0F) * 4
    if vihl >> 4 != 4 or ihl < 20:
        raise MalformedError("bad IPv4 version or header length")
    if frame[off + 9] != 6:
        raise NotTcpError("not TCP")
    frag = _unpack_h(frame, off + 6)[0]
    if frag & 0x3FFF:  # more-fragments flag or an offset: not reassembled here
        raise NotTcpError("IPv4 fragment")
    total = _unpack_h(frame, off + 2)[0]
    # GSO frames may carry total length 0; otherwise trust it to strip ethernet padding.
    end = off + total if total >= ihl else len(frame)
    end = min(end, len(frame))
    return _tcp(frame, off + ihl, end, frame[off + 12 : off + 16], frame[off + 16 : off + 20])


def _ipv6(frame: bytes, off: int) -> Segment:
    if len(frame) < off + 40:
        raise MalformedError("short IPv6 header")
    if frame[off] >> 4 != 6:
        raise MalformedError("bad IPv6 version")
    plen = _unpack_h(frame, off + 4)[0]
    nxt = frame[off + 6]
    src = frame[off + 8 : off + 24]
    dst = frame[off + 24 : off + 40]
    end = min(off + 40 + plen, len(frame)) if plen else len(frame)
    pos = off + 40
    while nxt in _IPV6_EXT:
        if len(frame) < pos + 8:
            raise MalformedError("short IPv6 extension header")
        nxt, hlen = frame[pos], (frame[pos + 1] + 1) * 8
        pos += hlen
    if nxt == _IPV6_FRAGMENT:
        raise NotTcpError("IPv6 fragment")
    if nxt != 6:
        raise NotTcpError("not TCP")
    return _tcp(frame, pos, end, src, dst)


def _tcp(frame: bytes, pos: int, end: int, src: bytes, dst: bytes) -> Segment:
    if end < pos + 20:
        raise MalformedError("short TCP header")
    sport, dport, seq, ack, doff, flags = _unpack_tcp(frame, pos)
    hlen = (doff >> 4) * 4
    if hlen < 20 or pos + hlen > end:
        raise MalformedError("bad TCP data offset")
    return (src, dst, sport, dport, seq, ack, flags, frame[pos + hlen : end])
