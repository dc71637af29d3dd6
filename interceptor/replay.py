"""Capture files (pcap, pcapng) through the interceptor core.

Frames are read by a small reader of its own (classic pcap in either byte order and
resolution, pcapng sections, interfaces and their time resolutions; no per-packet
dissection) and fed to the same `Core` as live capture, with the same attribution rule.
Link types: Ethernet, Linux cooked (SLL, SLL2) and raw IP. A damaged file (a record
length that cannot be, a cut tail) raises `CaptureFormatError` after every frame before
the damage was handed over; frames with a time after year 9999 are skipped and counted.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, Final

from interceptor.core import Core
from interceptor.errors import CaptureFormatError
from interceptor.frames import MalformedError, NotTcpError, ip_packed, ip_text, parse_frame
from interceptor.settings import InterceptorSettings
from interceptor.wire import EncodedExchange

__all__ = [
    "MAX_TIME",
    "Batch",
    "CaptureFormatError",
    "ReadStats",
    "Record",
    "learn_interfaces",
    "read_batches",
    "read_frames",
    "read_records",
]

Record = tuple[str, int, float, bytes]
"""(interface, link type, capture time in seconds, frame)"""
Batch = tuple[str, int, list[float], list[bytes]]
"""(interface, link type, capture times, frames): consecutive frames of one interface"""

_SNAP = 262_144
_BLOCK = 1 << 20
_MAX_RECORD = 16 << 20
_PCAPNG_BATCH = 1024
# the last second of year 9999: later times cannot be written as protobuf Timestamps
MAX_TIME: Final = 253_402_300_799.0
_PCAP_MAGIC: Final = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6),
    b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9),
    b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}
_SHB: Final = 0x0A0D0D0A


class ReadStats:
    """What reading a file skipped."""

    __slots__ = ("bad_time",)

    def __init__(self) -> None:
        self.bad_time = 0  # frames with a time before 1970 or after year 9999


def read_frames(path: str | Path, stats: ReadStats | None = None) -> Iterator[Record]:
    """Every frame of a pcap or pcapng file with its interface name, link type and time.

    A classic pcap has one unnamed interface, called ``pcap``; pcapng interfaces are
    called by their ``if_name`` option, else ``if<N>``.
    """
    for iface, linktype, times, frames in read_batches(path, stats):
        for ts, frame in zip(times, frames, strict=True):
            yield iface, linktype, ts, frame


def read_batches(path: str | Path, stats: ReadStats | None = None) -> Iterator[Batch]:
    """The frames of a capture file in batches of one interface and link type each."""
    st = stats if stats is not None else ReadStats()
    with open(path, "rb") as f:
        magic = f.read(4)
        if magic in _PCAP_MAGIC:
            yield from _pcap(f, magic, st)
        elif len(magic) == 4 and struct.unpack("<I", magic)[0] == _SHB:
            yield from _pcapng(f, magic, st)
        else:
            raise CaptureFormatError("not a pcap or pcapng file (unknown magic number)")


def _pcap(f: BinaryIO, magic: bytes, stats: ReadStats) -> Iterator[Batch]:
    # the records are read in large blocks, not one small read per packet, and handed
    # over a block at a time
    endian, scale = _PCAP_MAGIC[magic]
    header = f.read(20)
    if len(header) < 20:
        raise CaptureFormatError("pcap file header cut short")
    linktype = struct.unpack(endian + "I", header[16:20])[0] & 0x0FFFFFFF
    unpack = struct.Struct(endian + "IIII").unpack_from
    buf = b""
    pos = 0
    offset = 24  # of buf[0] in the file
    while True:
        block: bytes = f.read(_BLOCK)
        if not block:
            if pos < len(buf):
                raise CaptureFormatError(
                    f"cut short: {len(buf) - pos} bytes of an incomplete record at byte "
                    f"{offset + pos}"
                )
            return
        offset += pos
        buf = buf[pos:] + block
        times: list[float] = []
        frames: list[bytes] = []
        pos = _records(buf, unpack, scale, times, frames, stats)
        if frames:
            yield "pcap", linktype, times, frames
        if pos < 0:
            raise CaptureFormatError(
                f"a record at byte {offset + ~pos} claims a length over {_MAX_RECORD} bytes"
            )


def _records(  # noqa: PLR0917
    buf: bytes,
    unpack: Callable[[bytes, int], tuple[int, int, int, int]],
    scale: float,
    times: list[float],
    frames: list[bytes],
    stats: ReadStats,
) -> int:
    """Append the whole records of ``buf`` to ``times`` and ``frames``; return where the
    first incomplete record starts, or ``~position`` of a record whose length cannot be."""
    pos = 0
    end = len(buf)
    while pos + 16 <= end:
        sec, frac, caplen, _wirelen = unpack(buf, pos)
        if caplen > _MAX_RECORD:
            return ~pos
        start = pos + 16
        nxt = start + caplen
        if nxt > end:
            return pos
        pos = nxt
        ts = sec + frac * scale
        if ts > MAX_TIME:
            stats.bad_time += 1
            continue
        times.append(ts)
        frames.append(buf[start:nxt] if caplen <= _SNAP else buf[start : start + _SNAP])
    return pos


class _Interface:
    __slots__ = ("linktype", "name", "scale")

    def __init__(self, name: str, linktype: int, scale: float) -> None:
        self.name = name
        self.linktype = linktype
        self.scale = scale


def _pcapng(f: BinaryIO, first: bytes, stats: ReadStats) -> Iterator[Batch]:  # noqa: PLR0912, PLR0915
    endian = "<"
    interfaces: list[_Interface] = []
    batch: Batch | None = None
    offset = 0
    pending = first
    while True:
        head = pending + f.read(8 - len(pending))
        pending = b""
        if not head:
            break
        if len(head) < 8:
            raise CaptureFormatError(f"cut short: a block header at byte {offset}")
        btype = struct.unpack(endian + "I", head[:4])[0]
        if btype == _SHB:
            order = f.read(4)
            if order == b"\x4d\x3c\x2b\x1a":
                endian = "<"
            elif order == b"\x1a\x2b\x3c\x4d":
                endian = ">"
            else:
                raise CaptureFormatError(f"a section at byte {offset} has no byte-order magic")
            length = struct.unpack(endian + "I", head[4:8])[0]
            if length < 28 or length % 4 or length > _MAX_RECORD:
                raise CaptureFormatError(f"a section at byte {offset} claims length {length}")
            body = order + f.read(length - 16)
            interfaces = []  # interface numbers start again in each section
        else:
            length = struct.unpack(endian + "I", head[4:8])[0]
            if length < 12 or length % 4 or length > _MAX_RECORD:
                raise CaptureFormatError(f"a block at byte {offset} claims length {length}")
            body = f.read(length - 12)
        trailer = f.read(4)
        if len(body) < length - 12 or len(trailer) < 4:
            raise CaptureFormatError(f"cut short: a block at byte {offset}")
        if struct.unpack(endian + "I", trailer)[0] != length:
            raise CaptureFormatError(f"a block at byte {offset} ends with another length")
        offset += length
        if btype == 1:  # interface description
            if len(body) < 8:
                raise CaptureFormatError(f"an interface block at byte {offset - length} is short")
            linktype = struct.unpack(endian + "H", body[:2])[0]
            name, scale = _interface_options(body[8:], endian, len(interfaces))
            interfaces.append(_Interface(name, linktype, scale))
            continue
        if btype == 6 and len(body) >= 20:  # enhanced packet
            ifid, high, low, caplen = struct.unpack(endian + "IIII", body[:16])
            data = body[20 : 20 + caplen]
        elif btype == 3 and len(body) >= 4:  # simple packet: interface 0, no time
            ifid, high, low = 0, 0, 0
            data = body[4:]
        elif btype == 2 and len(body) >= 20:  # obsolete packet block
            ifid = struct.unpack(endian + "H", body[:2])[0]
            high, low, caplen = struct.unpack(endian + "III", body[4:16])
            data = body[20 : 20 + caplen]
        else:
            continue  # statistics, name resolution, custom blocks: not frames
        if ifid >= len(interfaces):
            raise CaptureFormatError(f"a packet at byte {offset - length} names no interface")
        iface = interfaces[ifid]
        ts = ((high << 32) | low) * iface.scale
        if ts > MAX_TIME:
            stats.bad_time += 1
            continue
        if batch is None or batch[0] != iface.name or batch[1] != iface.linktype:
            if batch is not None:
                yield batch
            batch = (iface.name, iface.linktype, [], [])
        batch[2].append(ts)
        batch[3].append(data[:_SNAP])
        if len(batch[3]) >= _PCAPNG_BATCH:
            yield batch
            batch = None
    if batch is not None:
        yield batch


def _interface_options(opts: bytes, endian: str, index: int) -> tuple[str, float]:
    """``if_name`` (else ``if<index>``) and the time unit of an interface block."""
    name = ""
    scale = 1e-6
    pos = 0
    while pos + 4 <= len(opts):
        code, n = struct.unpack(endian + "HH", opts[pos : pos + 4])
        value = opts[pos + 4 : pos + 4 + n]
        if code == 0:
            break
        if code == 2:
            name = value.rstrip(b"\x00").decode("utf-8", "replace")
        elif code == 9 and value:
            v = value[0]
            scale = 2.0 ** -(v & 0x7F) if v & 0x80 else 10.0**-v
        pos += 4 + n + (-n % 4)
    return name or f"if{index}", scale


def learn_interfaces(path: str | Path, local_ips: Iterable[str]) -> dict[str, set[str]]:
    """Map each local IP to the interface it is first seen sending on.

    A packet leaves its pod through the pod's own interface before it is routed to any
    other, so in capture order the first interface that shows a local IP as source is
    that IP's interface. Local IPs never seen sending are put on the first interface.
    """
    wanted = {ip_packed(ip): ip for ip in local_ips}
    found: dict[str, set[str]] = {}
    first_iface: str | None = None
    seen: set[bytes] = set()
    for iface, linktype, _ts, frame in read_frames(path):
        found.setdefault(iface, set())
        first_iface = first_iface or iface
        if len(seen) == len(wanted):
            continue
        try:
            seg = parse_frame(linktype, frame)
        except (NotTcpError, MalformedError):
            continue
        src = seg[0]
        if src in wanted and src not in seen:
            seen.add(src)
            found[iface].add(wanted[src])
    for packed, text in wanted.items():
        if packed not in seen:
            found.setdefault(first_iface or "pcap", set()).add(text)
    return found


def read_records(
    path: str | Path,
    settings: InterceptorSettings | None = None,
    local_ips: Iterable[str] | None = None,
    interfaces: Mapping[str, Iterable[str]] | None = None,
    core: Core | None = None,
    *,
    cluster_ips: Iterable[str] = (),
    stats: ReadStats | None = None,
) -> Iterator[EncodedExchange]:
    """The JSON exchanges of a pcap/pcapng file as Kafka records, in completion order, each
    once.

    ``interfaces`` maps capture interfaces to the local pod IPs behind them (as live).
    Without it, ``local_ips`` names the local pod IPs and their interfaces are learnt from
    the capture (`learn_interfaces`); with neither, every connection is accepted once, on
    the first interface that shows it. ``cluster_ips`` (addresses or CIDRs) are the other
    cluster addresses: connections to them are left to the server's node, as live. Pass
    ``core`` to read its counters afterwards, ``stats`` to read what the reader skipped.
    A damaged file raises `CaptureFormatError` after the exchanges of the frames before
    the damage (their connections ended there).
    """
    mapping: Mapping[str, Iterable[str]] | None = interfaces
    if mapping is None and local_ips is not None:
        mapping = learn_interfaces(path, [ip_text(ip_packed(ip)) for ip in local_ips])
    if core is None:
        core = Core(settings)
    core.set_local_ips(mapping, cluster_ips)
    feed_many = core.feed_many
    try:
        for iface, linktype, times, frames in read_batches(path, stats):
            feed_many(iface, linktype, times, frames)
            if core.exchanges_pending:
                yield from core.take_encoded()
    except CaptureFormatError:
        core.close_all()
        yield from core.take_encoded()
        raise
    core.close_all()
    yield from core.take_encoded()
