"""The sans-IO interceptor core: frames in, `HttpExchange` protobufs out.

`Core.feed` takes one captured frame (interface name, pcap link type, capture time) and
runs it through header parsing, connection attribution (see `interceptor.attribution`),
TCP reassembly (`interceptor.tcp`) and HTTP pairing (`interceptor.http`). Finished JSON
exchanges collect in a list that `Core.take` hands over. The same core runs on live
interfaces, on capture files and in tests.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from typing import Final, TypeVar

from interceptor import wire
from interceptor.attribution import Attribution
from interceptor.drops import Drop
from interceptor.frames import (
    LINKTYPE_ETHERNET,
    TCP_ACK,
    TCP_FIN,
    TCP_RST,
    TCP_SYN,
    MalformedError,
    NotTcpError,
    Segment,
    ip_text,
    parse_frame,
    unpack_ip4_tcp_ids,
)
from interceptor.grpc_messages import Descriptors
from interceptor.h2 import H2Limits
from interceptor.http import HttpConnection, HttpLimits, Message, PairingStats
from interceptor.settings import InterceptorSettings
from interceptor.tcp import ACK_SPAN, Budget, HalfStream, StreamStats
from interceptor.wire import EncodedExchange
from protos.sieve.v1 import exchange_pb2

ConnKey = tuple[bytes, int, bytes, int]

log = logging.getLogger(__name__)

_EXPIRE_EVERY: Final = 1.0  # seconds of capture time between idle sweeps
_CONTROL: Final = TCP_SYN | TCP_FIN | TCP_RST
# Connections are kept in least-recently-moved order and moved at most once per this many
# seconds (a move per packet cost as much as the lookup): idle expiry and LRU eviction
# see the order of last activity to within this step.
_LRU_STEP: Final = 1.0
# connections ended by FIN or RST, remembered so that late copies of their packets do not
# open them again: how many, and for how long (capture time)
_ENDED_MAX: Final = 16_384
_ENDED_SECONDS: Final = 30.0
# connections whose SYN showed first on an interface that does not own them
_CLAIMS_MAX: Final = 16_384
_V = TypeVar("_V")


class Connection:
    """One TCP connection: its endpoints, owner interface, two streams and HTTP state."""

    __slots__ = (
        "c2s",
        "client",
        "client_port",
        "eofs",
        "fixed",
        "http",
        "id",
        "iface",
        "last_seen",
        "moved",
        "s2c",
        "server",
        "server_port",
    )

    def __init__(  # noqa: PLR0917
        self,
        client: bytes,
        client_port: int,
        server: bytes,
        server_port: int,
        iface: str,
        ts: float,
        core: Core,
        mid_stream: bool,
    ) -> None:
        self.client = client
        self.client_port = client_port
        self.server = server
        self.server_port = server_port
        self.iface = iface
        self.last_seen = ts
        self.moved = ts
        # (encoded fields fixed for the connection, Kafka key, roles swapped) once emitting
        self.fixed: tuple[bytes, bytes, bool] | None = None
        lim = core.settings
        self.c2s = HalfStream(
            core.budget,
            core.stream_stats,
            lim.max_stream_buffer_bytes,
            lim.max_out_of_order_segments,
        )
        self.s2c = HalfStream(
            core.budget,
            core.stream_stats,
            lim.max_stream_buffer_bytes,
            lim.max_out_of_order_segments,
        )
        self.http = HttpConnection(
            core.http_limits, core.dropped, mid_stream, core.pairing_of(iface)
        )
        self.eofs = 0  # directions whose end was told to HTTP (1: client's, 2: server's)
        ident = b"%s|%d|%s|%d|%d" % (client, client_port, server, server_port, int(ts * 1e9))
        self.id = hashlib.blake2b(ident, digest_size=8).hexdigest()


class Core:
    """Frames → exchanges, with every limit from ``settings`` and counters of what dropped.

    ``settings`` default to `default_settings` (the environment is read by the service and
    the CLI, not here). ``local_ips`` maps each capture interface to the local pod IPs
    behind it; None accepts every connection (first interface to see a connection owns it).
    """

    def __init__(
        self,
        settings: InterceptorSettings | None = None,
        local_ips: Mapping[str, Iterable[str]] | None = None,
        node_name: str | None = None,
    ) -> None:
        # the defaults, not the environment: the service and the CLI load the settings
        self.settings = settings if settings is not None else default_settings()
        s = self.settings
        self.node_name = s.node_name if node_name is None else node_name
        self.http_limits = HttpLimits(
            max_body_bytes=s.max_body_bytes,
            max_header_bytes=s.max_header_bytes,
            max_pipelined_requests=s.max_pipelined_requests,
            excluded_paths=frozenset(s.excluded_paths),
            body_budget=Budget(s.max_total_body_bytes),
            h2=H2Limits(
                max_streams=s.h2_max_streams,
                max_table_bytes=s.h2_max_table_bytes,
                max_frame_bytes=s.h2_max_frame_bytes,
                descriptors=(
                    Descriptors.load(s.grpc_descriptor_set) if s.grpc_descriptor_set else None
                ),
            ),
        )
        self.excluded_ports = frozenset(s.excluded_ports)
        self.attribution = Attribution(local_ips)
        self.budget = Budget(s.max_total_buffer_bytes)
        self.stream_stats = StreamStats()
        self.pairing_by_iface: dict[str, PairingStats] = {}
        self.dropped: Counter[str] = Counter()
        self.packets: Counter[str] = Counter()
        self.bytes: Counter[str] = Counter()
        self.exchanges_emitted = 0
        self.connections: OrderedDict[ConnKey, Connection] = OrderedDict()
        # ended connections: when, and the client's initial sequence number (-1: unknown)
        self.ended: OrderedDict[ConnKey, tuple[float, int]] = OrderedDict()
        # SYNs refused on a non-owner interface: when, and the owner. The copy's next
        # packets must not start the connection mid-stream, where the roles are guessed
        # by port (an ephemeral port below the server's flips them, and the owner too).
        self.claimed: OrderedDict[ConnKey, tuple[float, str]] = OrderedDict()
        self._out: list[EncodedExchange] = []
        self._out_bytes = 0  # bytes of the records in ``_out``, charged to the body budget
        self.body_budget = self.http_limits.body_budget or Budget(s.max_total_body_bytes)
        self._clock = wire.Clock()
        self._last_expire = 0.0
        # tests set this: a bug raises instead of being counted as internal_error
        self.raise_errors = False
        self.use_second_copy = s.use_second_copy
        self.second_copy_segments = 0  # segments taken from the non-owner interface

    def pairing_of(self, iface: str) -> PairingStats:
        """The pairing counters of one interface's connections."""
        stats = self.pairing_by_iface.get(iface)
        if stats is None:
            stats = self.pairing_by_iface[iface] = PairingStats()
        return stats

    @property
    def pairing(self) -> PairingStats:
        """The pairing counters over all interfaces."""
        total = PairingStats()
        for stats in self.pairing_by_iface.values():
            total.add(stats)
        return total

    # --- configuration -----------------------------------------------------------------
    def set_local_ips(
        self, local_ips: Mapping[str, Iterable[str]] | None, cluster_ips: Iterable[str] = ()
    ) -> None:
        """Replace the interface → local IPs map and the other cluster addresses.

        Connections of dropped interfaces end. ``cluster_ips`` are pods of other nodes and
        Service addresses: see `interceptor.attribution` for why they matter.
        """
        self.attribution = Attribution(local_ips, cluster_ips)
        if local_ips is not None:
            gone = [k for k, c in self.connections.items() if c.iface not in local_ips]
            for key in gone:
                self._close(key)

    # --- input -------------------------------------------------------------------------
    def feed(self, iface: str, linktype: int, ts: float, frame: bytes) -> None:
        """One captured frame. Bad frames are counted and skipped, never raised."""
        self.feed_many(iface, linktype, [ts], [frame])

    def feed_many(self, iface: str, linktype: int, times: list[float], frames: list[bytes]) -> None:
        """Frames captured on one interface with their capture times, as `feed` each.

        Capture and replay hand frames over in batches: one call per batch, and the common
        frame (Ethernet, IPv4 without options, TCP) is parsed here, a bare ACK (half the
        packets of a busy connection) without building anything; other frames go through
        `interceptor.frames.parse_frame`.
        """
        self.packets[iface] += len(frames)
        self.bytes[iface] += sum(map(len, frames))
        eth = linktype == LINKTYPE_ETHERNET
        # declared types: compiled, the header fields are machine integers, not objects
        src: bytes
        dst: bytes
        sport: int
        dport: int
        seqno: int
        ack: int
        for i in range(len(frames)):
            frame = frames[i]
            n = len(frame)
            # Ethernet, IPv4 without options (0x45), TCP (6), not a fragment: read byte by
            # byte, so that a bare ACK, half the packets of a busy connection, builds nothing
            if (
                eth
                and n >= 54
                and frame[12] == 0x08
                and frame[13] == 0x00
                and frame[14] == 0x45
                and frame[23] == 6
                and not (frame[20] & 0x3F or frame[21])
            ):
                doff = frame[46]
                flags = frame[47]
                total = frame[16] << 8 | frame[17]
                start = 34 + (doff >> 4) * 4
                end = 14 + total if total >= 20 and 14 + total < n else n
                if start <= end and doff >= 0x50:
                    if start < end or flags & _CONTROL:  # else a bare ACK: nothing to do
                        src, dst, sport, dport, seqno, ack = unpack_ip4_tcp_ids(frame)
                        seg = (src, dst, sport, dport, seqno, ack, flags, frame[start:end])
                        self._guarded(iface, times[i], seg)
                    continue
            self._feed_other(iface, linktype, times[i], frame)

    def _feed_other(self, iface: str, linktype: int, ts: float, frame: bytes) -> None:
        try:
            seg = parse_frame(linktype, frame)
        except NotTcpError:
            self.dropped[Drop.NOT_TCP] += 1
            return
        except MalformedError:
            self.dropped[Drop.MALFORMED] += 1
            return
        if seg[7] or seg[6] & _CONTROL:  # else a bare ACK: nothing to do
            self._guarded(iface, ts, seg)

    def _guarded(self, iface: str, ts: float, seg: Segment) -> None:
        try:
            self._segment(iface, ts, seg)
        except Exception:  # a bug must not stop capture: count it, forget the connection
            if self.raise_errors:
                raise
            self.dropped[Drop.INTERNAL_ERROR] += 1
            log.debug("segment failed", exc_info=True)
            s = seg
            key = (
                (s[0], s[2], s[1], s[3])
                if (s[0], s[2]) < (s[1], s[3])
                else (s[1], s[3], s[0], s[2])
            )
            self.connections.pop(key, None)

    def _segment(self, iface: str, ts: float, seg: Segment) -> None:
        src, dst, sport, dport, seqno, ack, flags, payload = seg
        if ts - self._last_expire >= _EXPIRE_EVERY:
            self.expire(ts)
        if src < dst or (src == dst and sport < dport):
            key: ConnKey = (src, sport, dst, dport)
        else:
            key = (dst, dport, src, sport)
        conns = self.connections
        conn = conns.get(key)
        if conn is not None and payload and not flags & _CONTROL and conn.iface == iface:
            # fast path: data of a known connection
            from_client = src == conn.client and sport == conn.client_port
            if from_client:
                stream = conn.c2s
                peer = conn.s2c
            else:
                stream = conn.s2c
                peer = conn.c2s
            peer_next = peer.next_seq
            if (
                stream.next_seq == seqno
                and not stream.pending
                and stream.fin_seq is None
                and (
                    peer_next is None
                    or not flags & TCP_ACK
                    or ((ack - peer_next - 1) & 0xFFFFFFFF) >= ACK_SPAN
                )
            ):
                # the next bytes in order, nothing waiting, no FIN, nothing acknowledged
                # that the other direction has not delivered: straight to HTTP
                if ts - conn.moved >= _LRU_STEP:
                    conns.move_to_end(key)
                    conn.moved = ts
                conn.last_seen = ts
                stream.next_seq = (seqno + len(payload)) & 0xFFFFFFFF
                http = conn.http
                http.feed(from_client, payload, ts, seqno, ack if flags & TCP_ACK else -1)
                if peer.pending:
                    self._deliver(conn, ts)
                if http.pairs:
                    self._emit(conn)
                return
        self._any_segment(key, conn, iface, ts, seg)

    def _any_segment(  # noqa: PLR0912
        self, key: ConnKey, conn: Connection | None, iface: str, ts: float, seg: Segment
    ) -> None:
        src, _dst, sport, _dport, seqno, ack, flags, payload = seg
        conns = self.connections
        if (
            flags & TCP_SYN
            and conn is not None
            and not flags & TCP_ACK
            and conn.c2s.saw_syn
            and conn.iface == iface
            and conn.c2s.syn_seq != seqno
            and src == conn.client
            and sport == conn.client_port
        ):
            # the port pair is reused by a new connection (not the same SYN again: a
            # retransmission, or its copy on the owner's interface arriving late)
            self._close(key)
            conn = None
        if conn is None:
            ended = self.ended.get(key)
            if ended is not None:
                ended_at, isn = ended
                new_syn = flags & TCP_SYN and not flags & TCP_ACK and seqno != isn
                if not new_syn and ts - ended_at < _ENDED_SECONDS:
                    self.dropped[Drop.AFTER_END] += 1
                    return
                del self.ended[key]  # a new connection on the same ports, or long after
            conn = self._open(key, seg, iface, ts)
            if conn is None:
                return
        elif conn.iface != iface:
            # the same packet on the other pod's interface (pod to pod on this node): the
            # owner reports the connection; the copy only fills what the owner's copy lacks
            self.dropped[Drop.OTHER_CAPTURE_POINT] += 1
            if not self.use_second_copy:
                return
            self.second_copy_segments += 1
        if ts - conn.moved >= _LRU_STEP:
            conns.move_to_end(key)
            conn.moved = ts
        conn.last_seen = ts
        from_client = src == conn.client and sport == conn.client_port
        stream = conn.c2s if from_client else conn.s2c
        if flags & TCP_RST:
            self._close(key)
            self._bury(key, ts, conn.c2s.syn_seq)
            return
        if flags & TCP_SYN:
            stream.syn(seqno)
            seqno = (seqno + 1) & 0xFFFFFFFF
            peer = conn.s2c if from_client else conn.c2s
            if flags & TCP_ACK and peer.next_seq is None:
                peer.next_seq = ack  # a SYN-ACK before the SYN: where the client's bytes start
        http = conn.http
        if payload:
            if stream.next_seq is None and not stream.saw_syn and not http.mid_stream:
                http.desync(from_client)  # this direction started before the capture did
            stream.add(seqno, ack if flags & TCP_ACK else -1, payload)
            self._deliver(conn, ts)
        if flags & TCP_FIN:
            stream.fin(seqno + len(payload))
        if http.pairs:
            self._emit(conn)
        self._tell_eofs(conn, ts)
        if conn.c2s.at_eof and conn.s2c.at_eof:
            self._close(key)
            self._bury(key, ts, conn.c2s.syn_seq)

    def _bury(self, key: ConnKey, ts: float, isn: int) -> None:
        """Remember a connection that ended by FIN or RST for a while: copies of its last
        packets (the other pod's interface, retransmissions) may still come, and must not
        start it again mid-stream (it would report its last exchanges twice)."""
        _remember(self.ended, key, (ts, isn), _ENDED_MAX)

    def _tell_eofs(self, conn: Connection, ts: float) -> None:
        http = conn.http
        if not conn.eofs & 1 and conn.c2s.at_eof:
            conn.eofs |= 1
            http.eof(True, ts)
        if not conn.eofs & 2 and conn.s2c.at_eof:
            conn.eofs |= 2
            http.eof(False, ts)
        if http.pairs:
            self._emit(conn)

    def _deliver(self, conn: Connection, ts: float) -> None:
        """Hand the held bytes of both directions to HTTP in the order the endpoints saw
        them; when a direction holds more than its limits, give up its oldest hole."""
        c2s = conn.c2s
        s2c = conn.s2c
        http = conn.http
        while True:
            moved = False
            while c2s.pending:
                data = c2s.pop(s2c.next_seq)
                if data is None:
                    break
                http.feed(True, data, ts, c2s.out_seq, c2s.out_ack)
                moved = True
            while s2c.pending:
                data = s2c.pop(c2s.next_seq)
                if data is None:
                    break
                http.feed(False, data, ts, s2c.out_seq, s2c.out_ack)
                moved = True
            if moved:
                continue
            if c2s.over_limit:
                self._give_up(conn, True, ts)
            elif s2c.over_limit:
                self._give_up(conn, False, ts)
            else:
                return

    def _give_up(self, conn: Connection, from_client: bool, ts: float) -> None:
        """One direction waits for more than it may: declare the bytes it waits for lost."""
        http = conn.http
        stream, peer = (conn.c2s, conn.s2c) if from_client else (conn.s2c, conn.c2s)
        if stream.skip():  # a hole in this direction
            http.gap(from_client)
            return
        # in order, but acknowledging bytes of the other direction that never came
        ack = stream.front_ack()
        if peer.pending and peer.skip():
            http.gap(not from_client)
            return
        if ack >= 0 and peer.jump(ack):
            http.gap(not from_client)
            return
        # both wait on each other (bogus acknowledgements): take the bytes, unpaired by order
        data = stream.pop(None)
        if data is not None:
            http.anchored = False
            http.feed(from_client, data, ts, stream.out_seq, stream.out_ack)

    def _open(
        self,
        key: ConnKey,
        seg: tuple[bytes, bytes, int, int, int, int, int, bytes],
        iface: str,
        ts: float,
    ) -> Connection | None:
        src, dst, sport, dport, _seq, _ack, flags, payload = seg
        syn = flags & TCP_SYN
        if flags & TCP_RST or not (syn or payload):
            return None  # a bare ACK, FIN or RST of an unknown connection starts nothing
        if sport in self.excluded_ports or dport in self.excluded_ports:
            self.dropped[Drop.EXCLUDED_PORT] += 1
            return None
        # joined mid-stream: guess the server by the lower port; HTTP confirms it
        from_client = not flags & TCP_ACK if syn else dport <= sport
        client, cport, server, sport_ = (
            (src, sport, dst, dport) if from_client else (dst, dport, src, sport)
        )
        claim = self.claimed.pop(key, None) if self.claimed else None
        if claim is not None and not syn and ts - claim[0] < _ENDED_SECONDS:
            owner: str | None = claim[1]  # the roles its SYN showed, not a guess
        else:
            owner = self.attribution.owner(client, server, iface)
        if owner is None:
            self.dropped[Drop.NOT_LOCAL] += 1
            return None
        if owner != iface:
            # never opened from the other copy: the owner's interface may have ended this
            # connection already (interfaces are read in turns), and would report it twice
            self.dropped[Drop.OTHER_CAPTURE_POINT] += 1
            if syn:
                _remember(self.claimed, key, (ts, owner), _CLAIMS_MAX)
            elif claim is not None:  # still refused: keep the claim from its SYN's time
                _remember(self.claimed, key, claim, _CLAIMS_MAX)
            return None
        if len(self.connections) >= self.settings.max_connections:
            oldest = next(iter(self.connections))
            self.dropped[Drop.CONNECTION_LIMIT] += 1
            self._close(oldest)
        conn = Connection(client, cport, server, sport_, iface, ts, self, mid_stream=not syn)
        self.connections[key] = conn
        return conn

    def expire(self, now: float) -> None:
        """End connections idle for longer than the idle timeout (capture-time clock).

        A sweep stops once the records waiting for `take` fill a quarter of the body budget;
        the next sweep goes on (so one sweep never holds every idle connection's output).
        """
        self._last_expire = now
        limit = now - self.settings.idle_timeout_seconds
        conns = self.connections
        budget = self.body_budget
        while conns:
            if self._out_bytes > budget.limit >> 2:
                break
            key, conn = next(iter(conns.items()))
            if conn.last_seen >= limit:
                break
            self.dropped[Drop.IDLE_TIMEOUT] += 1
            self._close(key)

    def close_all(self) -> None:
        """End every connection (end of a capture file, shutdown)."""
        for key in list(self.connections):
            self._close(key)

    def _close(self, key: ConnKey) -> None:
        conn = self.connections.pop(key, None)
        if conn is None:
            return
        http = conn.http
        ts = conn.last_seen
        c2s = conn.c2s
        s2c = conn.s2c
        self._deliver(conn, ts)
        while c2s.pending or s2c.pending:  # give up every hole, oldest first
            self._give_up(conn, bool(c2s.pending), ts)
            self._deliver(conn, ts)
        # only a direction whose FIN was reached has ended: a message cut by an idle
        # timeout, a reset, eviction or the end of a capture is incomplete, not finished
        self._tell_eofs(conn, ts)
        stream_release(conn)
        http.close()
        if http.pairs:
            self._emit(conn)

    # --- output ------------------------------------------------------------------------
    def take_encoded(self) -> list[EncodedExchange]:
        """The exchanges finished since the last call, as Kafka records."""
        out = self._out
        if out:
            self._out = []
            self.body_budget.used -= self._out_bytes
            self._out_bytes = 0
        return out

    def take(self) -> list[exchange_pb2.HttpExchange]:
        """The exchanges finished since the last call, as messages."""
        return [rec.parse() for rec in self.take_encoded()]

    @property
    def exchanges_pending(self) -> bool:
        """Exchanges wait for `take`."""
        return bool(self._out)

    @property
    def active_connections(self) -> int:
        """Connections tracked now."""
        return len(self.connections)

    def _emit(self, conn: Connection) -> None:
        http = conn.http
        fixed = conn.fixed
        if fixed is None or fixed[2] != http.swapped:
            a = wire.endpoint(ip_text(conn.client), conn.client_port)
            b = wire.endpoint(ip_text(conn.server), conn.server_port)
            client, server = (b, a) if http.swapped else (a, b)
            ip, port = (
                (conn.client, conn.client_port) if http.swapped else (conn.server, conn.server_port)
            )
            prefix = wire.connection_prefix(self.node_name, conn.iface, client, server, conn.id)
            fixed = conn.fixed = (prefix, f"{ip_text(ip)}:{port}".encode(), http.swapped)
        prefix, key, _swapped = fixed
        out = self._out
        clock = self._clock
        held = 0
        for req, resp, seq in http.pairs:
            value = wire.exchange(
                prefix,
                seq,
                _parts(req, wire.method_field(req.method), req.target),
                _parts(resp, wire.status_field(resp.status), resp.reason),
                start=clock.timestamp(req.start_ts),
                end=clock.timestamp(resp.end_ts),
                protocol=req.protocol,
                stream_id=req.stream_id,
            )
            out.append(EncodedExchange(key, value))
            held += len(value)
            # the bodies now live in the record: charged as the record until `take`
            if req.body is not None:
                req.body.release()
            if resp.body is not None:
                resp.body.release()
        self._out_bytes += held
        self.body_budget.used += held
        self.exchanges_emitted += len(http.pairs)
        http.stats.exchanges += len(http.pairs)
        http.pairs.clear()


def _remember(table: OrderedDict[ConnKey, _V], key: ConnKey, value: _V, limit: int) -> None:
    """Put ``key`` last in a bounded table of recent connections (oldest out first)."""
    table[key] = value
    table.move_to_end(key)
    while len(table) > limit:
        table.popitem(last=False)


def default_settings() -> InterceptorSettings:
    """Every setting at its default (no environment read)."""
    return InterceptorSettings.model_construct(discover_pods=False)


def stream_release(conn: Connection) -> None:
    """Return a connection's buffered bytes to the shared budget."""
    conn.c2s.release_all()
    conn.s2c.release_all()


def _parts(msg: Message, first: bytes, text: bytes | bytearray) -> wire.MessageParts:
    """A message for `wire.exchange`: ``first`` and ``text`` are its method and target, or
    its status and reason."""
    start = wire.start_line(first, text, msg.version)
    body = msg.body
    if body is None:
        return (start, msg.headers, None, False, msg.skipped_body, 0)
    truncated = body.truncated or body.failed or not msg.complete
    return (start, msg.headers, body.body, truncated, body.wire_size, body.coding)
