"""Capture files (pcap, pcapng) through the interceptor core.

Frames are read with scapy's raw readers (no per-packet dissection) and fed to the same
`Core` as live capture, with the same attribution rule. Link types: Ethernet, Linux cooked
(SLL, SLL2) and raw IP.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from scapy.utils import RawPcapNgReader, RawPcapReader

from interceptor.core import Core
from interceptor.frames import MalformedError, NotTcpError, ip_packed, ip_text, parse_frame
from interceptor.settings import InterceptorSettings
from interceptor.wire import EncodedExchange

Record = tuple[str, int, float, bytes]
"""(interface, link type, capture time in seconds, frame)"""
Batch = tuple[str, int, list[float], list[bytes]]
"""(interface, link type, capture times, frames): consecutive frames of one interface"""

_SNAP = 262_144
_BLOCK = 1 << 20
_MAX_RECORD = 16 << 20
_PCAPNG_BATCH = 1024


def read_frames(path: str | Path) -> Iterator[Record]:
    """Every frame of a pcap or pcapng file with its interface name, link type and time.

    A classic pcap has one unnamed interface, called ``pcap``; pcapng interfaces are
    called by their ``if_name`` option, else ``if<N>``.
    """
    for iface, linktype, times, frames in read_batches(path):
        for ts, frame in zip(times, frames, strict=True):
            yield iface, linktype, ts, frame


def read_batches(path: str | Path) -> Iterator[Batch]:
    """The frames of a capture file in batches of one interface and link type each."""
    reader = RawPcapReader(str(path))
    try:
        if isinstance(reader, RawPcapNgReader):
            batch: Batch | None = None
            for iface, linktype, ts, frame in _pcapng(reader):
                if batch is None or batch[0] != iface or batch[1] != linktype:
                    if batch is not None:
                        yield batch
                    batch = (iface, linktype, [], [])
                batch[2].append(ts)
                batch[3].append(frame)
                if len(batch[3]) >= _PCAPNG_BATCH:
                    yield batch
                    batch = None
            if batch is not None:
                yield batch
        else:
            yield from _pcap(reader)
    finally:
        reader.close()


def _pcap(reader: RawPcapReader) -> Iterator[Batch]:
    # scapy's reader has checked the file header (byte order, resolution, link type);
    # the records are then read in large blocks, not one small read per packet, and
    # handed over a block at a time
    linktype = int(reader.linktype)
    scale = 1e-9 if getattr(reader, "nano", False) else 1e-6
    unpack = struct.Struct(reader.endian + "IIII").unpack_from
    f = reader.f
    buf = b""
    pos = 0
    while True:
        block: bytes = f.read(_BLOCK)
        if not block:
            return
        buf = buf[pos:] + block
        times: list[float] = []
        frames: list[bytes] = []
        pos = _records(buf, unpack, scale, times, frames)
        if frames:
            yield "pcap", linktype, times, frames
        if pos < 0:
            return


def _records(
    buf: bytes,
    unpack: Callable[[bytes, int], tuple[int, int, int, int]],
    scale: float,
    times: list[float],
    frames: list[bytes],
) -> int:
    """Append the whole records of ``buf`` to ``times`` and ``frames``; return where the
    first incomplete record starts, or -1 when a corrupt length ends the file."""
    pos = 0
    end = len(buf)
    while pos + 16 <= end:
        sec, frac, caplen, _wirelen = unpack(buf, pos)
        start = pos + 16
        nxt = start + caplen
        if nxt > end:
            return -1 if caplen > _MAX_RECORD else pos
        times.append(sec + frac * scale)
        frames.append(buf[start:nxt] if caplen <= _SNAP else buf[start : start + _SNAP])
        pos = nxt
    return pos


def _pcapng(reader: RawPcapNgReader) -> Iterator[Record]:
    while True:
        try:
            item = reader._read_packet(_SNAP)
        except EOFError:
            return
        if item is None:
            continue
        data, meta = item
        ifname = getattr(meta, "ifname", None)
        if isinstance(ifname, bytes):
            ifname = ifname.rstrip(b"\x00").decode("utf-8", "replace")
        if not ifname:
            ifname = f"if{_interface_index(reader, meta)}"
        ts = ((meta.tshigh << 32) | meta.tslow) / float(meta.tsresol or 1_000_000)
        yield (str(ifname), int(meta.linktype), ts, data)


def _interface_index(reader: RawPcapNgReader, meta: object) -> int:
    # scapy's metadata has no interface index: find it by link type (enough for a name)
    for i, iface in enumerate(reader.interfaces):
        if iface[0] == getattr(meta, "linktype", None):
            return i
    return 0


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
) -> Iterator[EncodedExchange]:
    """The JSON exchanges of a pcap/pcapng file as Kafka records, in completion order, each
    once.

    ``interfaces`` maps capture interfaces to the local pod IPs behind them (as live).
    Without it, ``local_ips`` names the local pod IPs and their interfaces are learnt from
    the capture (`learn_interfaces`); with neither, every connection is accepted once, on
    the first interface that shows it. ``cluster_ips`` (addresses or CIDRs) are the other
    cluster addresses: connections to them are left to the server's node, as live. Pass
    ``core`` to read its counters afterwards.
    """
    mapping: Mapping[str, Iterable[str]] | None = interfaces
    if mapping is None and local_ips is not None:
        mapping = learn_interfaces(path, [ip_text(ip_packed(ip)) for ip in local_ips])
    if core is None:
        core = Core(settings)
    core.set_local_ips(mapping, cluster_ips)
    feed_many = core.feed_many
    for iface, linktype, times, frames in read_batches(path):
        feed_many(iface, linktype, times, frames)
        if core.exchanges_pending:
            yield from core.take_encoded()
    core.close_all()
    yield from core.take_encoded()
