"""Sans-IO HTTP/1.1 parsing and request/response pairing for one TCP connection.

Bytes of each direction go to llhttp (through httptools). Requests wait in a queue;
each final response is paired with the oldest waiting request (keep-alive and pipelining),
1xx interim responses (100 Continue) are skipped. Work around llhttp:

* it cannot be told that a response answers HEAD (it would read the next response as the
  body), so while a HEAD waits for its response the response bytes are fed so that the
  parser never runs past a message end, and the parser is replaced after the HEAD
  response's head;
* it never sees the end of the stream, so a close-delimited body ends at the FIN here.

Only bodies of JSON messages are buffered (capped; decoded at the message end, see
`interceptor.decoding`); a pair where
neither side is JSON is dropped when the response head arrives. After a gap, or a parse
error, a direction is resynchronised at the next message start.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import httptools

from interceptor.decoding import BodyDecoder
from interceptor.drops import Drop
from interceptor.h2_detect import PREFACE, looks_like_frames
from interceptor.tcp import Budget, seq_diff

if TYPE_CHECKING:
    from interceptor.h2 import H2Connection, H2Limits

# Where a message may start after a gap or a mid-stream join. Short patterns, so only a
# few bytes are kept between segments; a false start is rejected by llhttp and skipped.
_REQUEST_START: Final = re.compile(
    rb"(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (?:/|\*|https?://)"
)
_RESPONSE_START: Final = re.compile(rb"HTTP/1\.[01] [1-5]\d\d[ \r]")
_SYNC_KEEP: Final = 16  # longer than any start pattern: enough to match across segments
_MASK: Final = 0xFFFFFFFF


@dataclass(frozen=True)
class HttpLimits:
    """Limits and filters of the HTTP layer (from `InterceptorSettings`)."""

    max_body_bytes: int = 1 << 20
    max_header_bytes: int = 64 * 1024
    max_pipelined_requests: int = 64
    body_budget: Budget | None = None
    excluded_paths: frozenset[str] = field(
        default_factory=lambda: frozenset(("/metrics", "/healthz", "/readyz", "/livez"))
    )
    h2: H2Limits | None = None  # None: the defaults of `interceptor.h2.H2Limits`


def is_json_content_type(value: bytes) -> bool:
    """True for ``application/json`` and ``application/<x>+json``, parameters allowed."""
    mime = value.split(b";", 1)[0].strip().lower()
    return mime == b"application/json" or (
        mime.startswith(b"application/") and mime.endswith(b"+json")
    )


class Message:
    """A request or response as parsed; ``body`` is set only when the body was kept.

    One is built per message, so the defaults live on the class and a message stores only
    what it meets.
    """

    method = ""
    target: bytes | bytearray = b""  # a bytearray once a second piece arrives
    reason: bytes | bytearray = b""
    status = 0
    version = ""
    content_type: bytes | None = None
    content_length: bytes | None = None
    content_encoding: bytes | None = None
    transfer_encoding = False
    head_size = 0
    is_json = False
    excluded = False
    body: BodyDecoder | None = None
    skipped_body = 0
    complete = False
    # the contract's protocol (1 HTTP/1.x, 2 HTTP/2, 3 gRPC) and HTTP/2 stream id
    protocol = 1
    stream_id = 0
    # TCP evidence (sequence numbers of the direction's stream, -1: unknown): where the
    # message starts and ends, and the ACK of the segment that carried its first byte
    start_seq = -1
    end_seq = -1
    ack = -1

    def __init__(self, start_ts: float) -> None:
        self.start_ts = start_ts
        self.end_ts = start_ts
        self.headers: list[tuple[bytes, bytes]] = []

    def header(self, name: bytes) -> bytes | None:
        """First value of header ``name`` (case-insensitive)."""
        low = name.lower()
        for n, v in self.headers:
            if n.lower() == low:
                return v
        return None

    @property
    def wire_body_size(self) -> int:
        """Body bytes seen on the wire (0 when the body was not kept)."""
        return self.body.wire_size if self.body is not None else self.skipped_body


def _release(msg: Message) -> None:
    if msg.body is not None:
        msg.body.release()


def _appended(have: bytes | bytearray, more: bytes) -> bytes | bytearray:
    # one piece is kept as it came; several grow a bytearray (bytes += would copy all)
    if not have:
        return more
    if isinstance(have, bytes):
        have = bytearray(have)
    have += more
    return have


class PairingStats:
    """How pairing fared on the connections of one capture interface."""

    __slots__ = ("anchored_again", "exchanges", "gaps", "lost_messages")

    def __init__(self) -> None:
        self.gaps = 0  # lost bytes declared (either direction)
        self.anchored_again = 0  # pairs proven on TCP evidence after lost bytes or a join
        self.lost_messages = 0  # requests and responses dropped for lost bytes or no proof
        self.exchanges = 0  # exchanges reported

    def add(self, other: PairingStats) -> None:
        """Add ``other``'s counts to these."""
        self.gaps += other.gaps
        self.anchored_again += other.anchored_again
        self.lost_messages += other.lost_messages
        self.exchanges += other.exchanges

    @property
    def lost_share(self) -> float:
        """Share of exchanges lost to lost bytes: lost messages over lost + reported."""
        lost = self.lost_messages
        return lost / (lost + self.exchanges) if lost else 0.0


class _HeadTooLargeError(Exception):
    pass


class SideState:
    """Where one direction's parsing stands (`_Side.state`)."""

    PARSING: Final = 0  # llhttp reads messages (or waits for the next one)
    SEARCHING: Final = 1  # after lost bytes or an error: looking for a message start
    INTERIM: Final = 2  # the message is (or was, until the next) a 1xx response
    HEAD_ANSWER: Final = 3  # the head of a response to HEAD: it has no body to read
    ENDED: Final = 4  # the direction ended (FIN) or left HTTP/1.1 (upgrade)


class _Side:
    """One direction: its llhttp parser, resync state and the message being parsed."""

    __slots__ = (
        "ack",
        "at_boundary",
        "body_left",
        "conn",
        "feed_end",
        "held",
        "held_seq",
        "interim_start",
        "is_request",
        "last_done",
        "max_head",
        "msg",
        "paired",
        "parser",
        "piece_start",
        "state",
        "sync_buf",
        "ts",
    )

    def __init__(self, conn: HttpConnection, is_request: bool) -> None:
        self.conn = conn
        self.is_request = is_request
        self.parser: httptools.HttpRequestParser | httptools.HttpResponseParser | None = None
        self.state = SideState.PARSING
        self.sync_buf = bytearray()  # while SEARCHING: the last bytes, for a split start
        self.msg: Message | None = None
        self.paired: Message | None = None  # the request this response answers
        self.ts = 0.0
        self.body_left = -1  # bytes of a Content-Length body still to come, when known
        self.max_head = conn.limits.max_header_bytes
        self.ack = -1  # ACK of the segment being parsed
        self.feed_end = 0  # sequence number after the bytes being parsed
        self.piece_start = 0  # sequence number of the bytes handed to llhttp now
        self.at_boundary = False  # those bytes start with a message
        self.last_done: Message | None = None  # completed within those bytes
        self.interim_start = -1  # where the 1xx before the final response started
        # client bytes after an `Upgrade: h2c` request, held until the server answers
        self.held: bytearray | None = None
        self.held_seq = 0

    # --- httptools callbacks -------------------------------------------------------
    def on_message_begin(self) -> None:
        msg = self.msg = Message(self.ts)
        if self.at_boundary:
            msg.start_seq = self.piece_start
            self.at_boundary = False
        msg.ack = self.ack
        self.last_done = None
        self.paired = None
        self.state = SideState.PARSING
        self.body_left = -1

    def on_url(self, url: bytes) -> None:
        msg = self.msg
        assert msg is not None
        msg.target = _appended(msg.target, url)
        msg.head_size += len(url)
        if msg.head_size > self.max_head:
            raise _HeadTooLargeError

    def on_status(self, reason: bytes) -> None:
        msg = self.msg
        assert msg is not None
        msg.reason = _appended(msg.reason, reason)
        msg.head_size += len(reason)
        if msg.head_size > self.max_head:
            raise _HeadTooLargeError

    def on_header(self, name: bytes, value: bytes) -> None:
        msg = self.msg
        assert msg is not None
        msg.headers.append((name, value))
        if len(name) in (12, 14, 16, 17):
            low = name.lower()
            if low == b"content-type":
                msg.content_type = value
            elif low == b"content-length":
                msg.content_length = value
            elif low == b"content-encoding":
                msg.content_encoding = value
            elif low == b"transfer-encoding":
                msg.transfer_encoding = True
        msg.head_size += len(name) + len(value) + 4
        if msg.head_size > self.max_head:
            raise _HeadTooLargeError

    def on_headers_complete(self) -> None:
        msg = self.msg
        assert msg is not None
        parser: Any = self.parser  # this side's kind of parser (not checked per message)
        msg.version = parser.get_http_version()
        ctype = msg.content_type
        if ctype is not None:
            msg.is_json = ctype == b"application/json" or is_json_content_type(ctype)
        clen = msg.content_length
        if clen is not None and not msg.transfer_encoding and clen.strip().isdigit():
            self.body_left = int(clen)  # the length llhttp will read (it refuses others)
        if self.is_request:
            msg.method = parser.get_method().decode("ascii", "replace")
            self._request_head(msg)
        else:
            msg.status = parser.get_status_code()
            self._response_head(msg)

    def _request_head(self, msg: Message) -> None:
        conn = self.conn
        limits = conn.limits
        target = bytes(msg.target)
        query = target.find(b"?")
        msg.excluded = (target if query < 0 else target[:query]) in conn.excluded_paths
        if msg.is_json and not msg.excluded:
            msg.body = BodyDecoder(msg.content_encoding, limits.max_body_bytes, limits.body_budget)
        waiting = conn.waiting
        if len(waiting) >= limits.max_pipelined_requests:
            conn.dropped[Drop.PIPELINE_LIMIT] += len(waiting)
            for dropped in waiting:
                _release(dropped)
            waiting.clear()
            conn.heads_waiting = 0
            conn.anchored = False  # their responses are still to come: order says nothing
        waiting.append(msg)
        if msg.method == "HEAD":
            conn.heads_waiting += 1
        conn.requests += 1

    def _response_head(self, msg: Message) -> None:
        conn = self.conn
        if 100 <= msg.status < 200:
            self.state = SideState.INTERIM
            if self.interim_start < 0:
                self.interim_start = msg.start_seq
            return
        if conn.anchored:
            req = conn.waiting.pop(0) if conn.waiting else None
            if req is None:  # our count of requests is off: order proves nothing now
                conn.dropped[Drop.UNPAIRED_RESPONSE] += 1
                conn.anchored = False
            elif req.method == "HEAD":
                conn.heads_waiting -= 1
        else:
            req = conn.match(msg, self.interim_start)
            conn.count_heads()
        self.interim_start = -1
        self.paired = req
        client = conn.client_side
        if client.held is not None and (req is None or not conn.waiting):
            client.release_held()  # the upgrade was declined: HTTP/1.1 goes on
        if req is None:
            return
        if req.method == "HEAD":
            self.state = SideState.HEAD_ANSWER
        if req.excluded:
            conn.dropped[Drop.EXCLUDED_PATH] += 1
        elif msg.is_json:
            limits = conn.limits
            msg.body = BodyDecoder(msg.content_encoding, limits.max_body_bytes, limits.body_budget)
        elif not req.is_json:
            conn.dropped[Drop.NOT_JSON] += 1

    def on_body(self, body: bytes) -> None:
        if self.body_left > 0:
            self.body_left -= len(body)
        self._take_body(body)

    def _take_body(self, body: bytes) -> None:
        msg = self.msg
        assert msg is not None
        decoder = msg.body
        if decoder is None:
            msg.skipped_body += len(body)
        elif decoder.truncated:
            decoder.wire_size += len(body)
        else:
            decoder.feed(body)
            if decoder.truncated:
                self._count_truncated(decoder)

    def _count_truncated(self, decoder: BodyDecoder) -> None:
        self.conn.dropped[Drop.BODY_BUDGET if decoder.budget_hit else Drop.BODY_TRUNCATED] += 1

    def on_message_complete(self) -> None:
        msg = self.msg
        assert msg is not None
        decoder = msg.body
        if decoder is not None and not decoder.truncated:
            decoder.finish()  # coded bodies are decoded here, in one call
            if decoder.truncated:
                self._count_truncated(decoder)
        msg.end_ts = self.ts
        msg.complete = True
        self.msg = None
        self.last_done = msg
        self.body_left = -1
        was = self.state
        self.state = SideState.PARSING
        if self.is_request or was == SideState.INTERIM:
            return
        self.conn.finish_response(self.paired, msg)
        self.paired = None

    # --- feeding ----------------------------------------------------------------------
    def feed(self, data: bytes, ts: float, seq: int, ack: int) -> None:
        """In-order bytes starting at sequence number ``seq``, from a segment with ``ack``."""
        if self.state == SideState.ENDED or not data:
            return
        self.ts = ts
        self.ack = ack
        if self.held is not None:
            self._hold(data, seq)
            return
        end = self.feed_end = (seq + len(data)) & _MASK
        if self.state == SideState.SEARCHING:
            data = self._resync(data)
            if not data:
                return
        if self.parser is None:
            self.parser = self._new_parser()
        if not self.is_request and (self.conn.heads_waiting or self.state == SideState.HEAD_ANSWER):
            self._feed_carefully(data)
            return
        left = self.body_left
        msg = self.msg
        if left > 0 and msg is not None:
            # the rest of a Content-Length body: taken here, without llhttp (most segments
            # of a large body; a Python callback per piece is what llhttp would cost)
            if len(data) < left:
                self.body_left = left - len(data)
                self._take_body(data)
                return
            self._take_body(data[:left] if len(data) > left else data)
            self.body_left = 0
            self.on_message_complete()
            self.last_done = None
            msg.end_seq = (end - len(data) + left) & _MASK
            self.parser = self._new_parser()  # the old one still waits for those bytes
            data = data[left:]
            if not data:
                return
        self._feed(data, (end - len(data)) & _MASK)

    def _new_parser(self) -> httptools.HttpRequestParser | httptools.HttpResponseParser:
        if self.is_request:
            return httptools.HttpRequestParser(self)
        return httptools.HttpResponseParser(self)

    def _careful(self) -> bool:
        # a HEAD request waits for its response: never let llhttp run past a message end
        return self.conn.heads_waiting > 0 or self.state == SideState.HEAD_ANSWER

    def _feed(self, data: bytes, start: int) -> None:
        """``data`` (starting at sequence number ``start``) to llhttp."""
        parser = self.parser
        assert parser is not None
        self.piece_start = start
        self.at_boundary = self.msg is None
        # ``last_done`` is None here (cleared after every use): not assigned, so that the
        # compiled code does not take it for None below
        try:
            parser.feed_data(data)
        except httptools.HttpParserUpgrade as exc:
            self._upgrade(exc, data, start)
        except (httptools.HttpParserError, _HeadTooLargeError) as exc:
            self._parse_failed(exc)
        done = self.last_done
        if done is not None:  # the last message ended with these bytes
            done.end_seq = (start + len(data)) & _MASK
            self.last_done = None

    def _upgrade(self, exc: Exception, data: bytes, start: int) -> None:
        """llhttp stopped at an upgrade: an `Upgrade: h2c` request waits for its answer (a
        declined one keeps the connection in HTTP/1.1), a ``101`` to it starts HTTP/2;
        any other upgrade (WebSocket, ...) ends what can be read of the connection."""
        done = self.last_done
        self.last_done = None
        conn = self.conn
        offset = exc.args[0] if exc.args and isinstance(exc.args[0], int) else len(data)
        rest = data[offset:]
        if done is not None:
            done.end_seq = (start + offset) & _MASK
        if self.is_request:
            if done is not None and _asks_h2c(done):
                self._await_upgrade_answer(done, rest, (start + offset) & _MASK)
                return
        else:
            waiting = conn.waiting
            req = waiting[0] if waiting else None
            if (
                done is not None
                and done.status == 101
                and req is not None
                and _asks_h2c(req)
                and conn.anchored
            ):
                del waiting[0]
                conn.start_h2(req, rest)
                return
        conn.dropped[Drop.UPGRADE] += 1
        conn.dead = True
        self.state = SideState.ENDED

    def _await_upgrade_answer(self, req: Message, rest: bytes, seq: int) -> None:
        # llhttp reads no body of an upgrade request: a Content-Length body is taken here
        clen = req.content_length
        self.parser = None
        self.held = bytearray()
        self.held_seq = seq
        if clen is not None and not req.transfer_encoding and clen.strip().isdigit():
            left = int(clen)
            if left:
                req.complete = False
                self.msg = req
                self.body_left = left
        elif req.transfer_encoding:
            self.conn.dropped[Drop.UPGRADE] += 1  # a chunked upgrade body: not followed
            self.conn.dead = True
            self.state = SideState.ENDED
            return
        if rest:
            self._hold(rest, seq)

    def _hold(self, data: bytes, seq: int) -> None:
        held = self.held
        assert held is not None
        left = self.body_left
        msg = self.msg
        if left > 0 and msg is not None:  # the upgrade request's body
            take = data[:left]
            self._take_body(take)
            self.body_left = left - len(take)
            data = data[len(take) :]
            seq = (seq + len(take)) & _MASK
            if not self.body_left:
                self.on_message_complete()
                self.last_done = None
                msg.end_seq = seq
                self.held_seq = seq
        if not data:
            return
        if len(held) + len(data) > self.max_head:
            self.conn.dropped[Drop.UPGRADE] += 1
            self.conn.dead = True
            self.state = SideState.ENDED
            return
        held += data

    def release_held(self) -> bytes:
        """The upgrade was answered: the held client bytes, and parsing goes on here."""
        held = self.held
        self.held = None
        if held is None or self.state == SideState.ENDED:
            return b""
        if self.msg is not None:  # the body never ended: the request is dropped
            self.msg = None
            self.body_left = -1
        data = bytes(held)
        if data:
            self.feed(data, self.ts, self.held_seq, self.ack)
        return data

    def _parse_failed(self, exc: Exception) -> None:
        self.last_done = None
        conn = self.conn
        head = isinstance(exc, _HeadTooLargeError) or isinstance(
            exc.__context__, _HeadTooLargeError
        )
        conn.dropped[Drop.HEADER_LIMIT if head else Drop.PARSE_ERROR] += 1
        conn.anchored = False
        self.start_sync(lost=False)

    def _feed_carefully(self, data: bytes) -> None:
        i = 0
        n = len(data)
        end = self.feed_end
        while i < n and self.state != SideState.ENDED:
            if self.state == SideState.SEARCHING:  # an error in between
                self.feed(data[i:], self.ts, (end - (n - i)) & _MASK, self.ack)
                return
            if not self._careful():
                self._feed(data[i:], (end - (n - i)) & _MASK)
                return
            step = self.body_left if self.body_left > 0 and self.msg is not None else 1
            self._feed(data[i : i + step], (end - (n - i)) & _MASK)
            i += step
            if self.state == SideState.HEAD_ANSWER and self.msg is not None:
                # llhttp has read the HEAD response's head; it must not read a body
                self.on_message_complete()
                self.last_done = None
                self.parser = self._new_parser()

    def _resync(self, data: bytes) -> bytes:
        buf = self.sync_buf
        buf += data
        pattern = _REQUEST_START if self.is_request else _RESPONSE_START
        m = pattern.search(buf)
        if m is None:
            if len(buf) > _SYNC_KEEP:
                del buf[: len(buf) - _SYNC_KEEP]
            return b""
        self.state = SideState.PARSING
        self.parser = None
        out = bytes(buf[m.start() :])
        buf.clear()
        return out

    def start_sync(self, lost: bool) -> None:
        """Drop the message in progress and look for the next message start.

        ``lost``: because bytes were lost (the dropped message is counted as such).
        """
        conn = self.conn
        msg = self.msg
        if msg is not None:
            _release(msg)  # dropped (a request in progress leaves the waiting list too)
            if self.is_request:
                waiting = conn.waiting
                if msg in waiting:
                    waiting.remove(msg)
                    conn.count_heads()
                if lost:
                    conn.lose(Drop.GAP_REQUEST, 1)
            elif lost and self.state != SideState.INTERIM:
                conn.lose(Drop.GAP_RESPONSE, 1)
        if self.state != SideState.ENDED:
            self.state = SideState.SEARCHING
        self.sync_buf.clear()
        self.parser = None
        self.msg = None
        self.paired = None
        self.body_left = -1
        self.interim_start = -1
        self.last_done = None

    def eof(self, ts: float) -> None:
        """The direction ended: a close-delimited response is complete now."""
        self.ts = ts
        msg = self.msg
        if (
            msg is not None
            and not self.is_request
            and self.state in (SideState.PARSING, SideState.HEAD_ANSWER)
            and msg.status
            and msg.content_length is None  # a framed body cut by the end is not whole
            and not msg.transfer_encoding
        ):
            self.on_message_complete()
        self.state = SideState.ENDED


def _asks_h2c(req: Message) -> bool:
    value = req.header(b"upgrade")
    return value is not None and b"h2c" in value.lower()


class HttpConnection:
    """HTTP state of one TCP connection; completed pairs accumulate in ``pairs``.

    ``feed(from_client, ...)`` takes bytes in order; ``gap`` says bytes were lost;
    ``eof`` says a direction ended. ``pairs`` holds ``(request, response, sequence)``
    for every kept JSON exchange; ``dropped`` counts what was dropped, by reason.

    Pairing is by order only while the connection is *anchored*: both directions have been
    contiguous since a point where every request had its response (the handshake, or a
    pair proven below). Lost bytes, a parse error or a mid-stream join end that. Unanchored,
    a response is paired only on TCP evidence: the request's segment acknowledged exactly
    the server's bytes up to where the response (or its 100 Continue) starts, and the
    response's segment acknowledged exactly the client's bytes up to where the request
    ends — the client waited for everything before this response, the server had all of
    this request and nothing after it. That pair anchors the connection again. (This
    assumes the client does not pipeline across the lost bytes, as no common client does.)
    """

    def __init__(
        self,
        limits: HttpLimits,
        dropped: Counter[str],
        mid_stream: bool,
        stats: PairingStats | None = None,
    ) -> None:
        self.limits = limits
        self.dropped = dropped
        self.stats = stats or PairingStats()
        # compared with the raw target's path (a non-UTF-8 path matches none of them)
        self.excluded_paths = frozenset(p.encode() for p in limits.excluded_paths)
        self.waiting: list[Message] = []
        self.heads_waiting = 0
        self.pairs: list[tuple[Message, Message, int]] = []
        self.requests = 0
        self.responses = 0
        self.dead = False
        self.mid_stream = mid_stream
        self.anchored = not mid_stream
        self.roles_known = not mid_stream
        self.swapped = False
        self._probe: dict[bool, bytearray] = {}
        self._client = _Side(self, is_request=True)
        self._server = _Side(self, is_request=False)
        self.h2: H2Connection | None = None
        # the client's first bytes, until they are known not to be the HTTP/2 preface
        self._sniffing = not mid_stream
        self._sniffed: bytearray | None = None
        self._sniff_seq = 0
        self._server_early: list[tuple[bytes, float, int, int]] | None = None
        self._early_bytes = 0
        if mid_stream:
            self._client.start_sync(lost=False)
            self._server.start_sync(lost=False)

    def feed(self, from_client: bool, data: bytes, ts: float, seq: int = 0, ack: int = -1) -> None:
        """In-order bytes of one direction (as the TCP layer names it), starting at
        sequence number ``seq``, from a segment acknowledging ``ack`` (-1: none)."""
        if self.dead:
            return
        h2 = self.h2
        if h2 is not None:
            h2.feed(from_client != self.swapped, data, ts)
            return
        if self._sniffing:
            self._sniff(from_client, data, ts, seq, ack)
            return
        if not self.roles_known:
            n = len(data)
            if looks_like_frames(data):  # an HTTP/2 connection joined mid-stream
                self.roles_known = True
                self._probe.clear()
                self._start_h2_joined(from_client, data, ts)
                return
            data = self._learn_roles(from_client, data)
            if not data:
                return
            seq = (seq + n - len(data)) & _MASK
        side = self._client if from_client != self.swapped else self._server
        side.feed(data, ts, seq, ack)

    @property
    def client_side(self) -> _Side:
        """The side that parses requests."""
        return self._client

    def _sniff(self, from_client: bool, data: bytes, ts: float, seq: int, ack: int) -> None:
        """Look for the HTTP/2 preface in the client's first bytes, then hand everything
        held meanwhile to HTTP/2 or HTTP/1.1."""
        if not from_client:
            early = self._server_early
            if early is None:
                early = self._server_early = []
            early.append((data, ts, seq, ack))
            self._early_bytes += len(data)
            if self._early_bytes > self.limits.max_header_bytes:
                # a server that speaks first: not HTTP/2 by prior knowledge
                self._sniffing = False
                self._flush_early()
            return
        buf = self._sniffed
        if buf is None and len(data) >= len(PREFACE):
            is_h2 = data.startswith(PREFACE)
            held = data
        else:
            if buf is None:
                buf = self._sniffed = bytearray()
                self._sniff_seq = seq
            buf += data
            if len(buf) < len(PREFACE) and PREFACE.startswith(buf):
                return
            is_h2 = buf.startswith(PREFACE)
            held = bytes(buf)
            seq = self._sniff_seq
            self._sniffed = None
        self._sniffing = False
        if is_h2:
            self.start_h2(None, b"")
            h2 = self.h2
            assert h2 is not None
            h2.feed(True, held, ts)
        else:
            self._client.feed(held, ts, seq, ack)
        self._flush_early()

    def _flush_early(self) -> None:
        early = self._server_early
        if early is None:
            return
        self._server_early = None
        for data, ts, seq, ack in early:
            self.feed(False, data, ts, seq, ack)

    def _h2_connection(self, joined: bool, client_preface: bool) -> H2Connection:
        from interceptor.h2 import H2Connection, H2Limits

        return H2Connection(
            self.limits,
            self.limits.h2 or H2Limits(),
            self.dropped,
            self.pairs,
            self.excluded_paths,
            joined=joined,
            client_preface=client_preface,
        )

    def start_h2(self, upgrade_request: Message | None, server_rest: bytes) -> None:
        """HTTP/2 from here on: by prior knowledge (``upgrade_request`` None) or after a
        ``101`` to an `Upgrade: h2c` request (stream 1's request). ``server_rest``: server
        bytes after the 101."""
        h2 = self.h2 = self._h2_connection(joined=False, client_preface=True)
        ts = self._server.ts
        if upgrade_request is not None:
            h2.upgraded(upgrade_request)
        if server_rest:
            h2.feed(False, server_rest, ts)
        held = self._client.held
        self._client.held = None
        if held:
            h2.feed(True, bytes(held), ts)
        self._client.state = SideState.ENDED
        self._server.state = SideState.ENDED

    def _start_h2_joined(self, from_client: bool, data: bytes, ts: float) -> None:
        h2 = self.h2 = self._h2_connection(joined=True, client_preface=False)
        self.anchored = False
        h2.feed(from_client != self.swapped, data, ts)

    def _learn_roles(self, from_client: bool, data: bytes) -> bytes:
        # joined mid-stream: the client is the side that sends requests
        probe = self._probe.setdefault(from_client, bytearray())
        probe += data
        if _REQUEST_START.search(probe):
            self.swapped = not from_client
        elif _RESPONSE_START.search(probe):
            self.swapped = from_client
        else:
            if len(probe) > _SYNC_KEEP:
                del probe[: len(probe) - _SYNC_KEEP]
            return b""
        self.roles_known = True
        self._probe.clear()
        self._client.start_sync(lost=False)
        self._server.start_sync(lost=False)
        return bytes(probe)

    def gap(self, from_client: bool) -> None:
        """Bytes of one direction were lost: that direction resynchronises, pairing waits
        for evidence."""
        self.dropped[Drop.GAP] += 1
        self.stats.gaps += 1
        self.anchored = False
        if self._sniffing:  # bytes held before the gap are not continued by those after
            self._sniffing = False
            self._sniffed = None
            self._flush_early()
        if self.h2 is not None:
            self.h2.gap(from_client != self.swapped)
            return
        if not self.roles_known:
            self._probe.pop(from_client, None)
            return
        side = self._client if from_client != self.swapped else self._server
        side.start_sync(lost=True)

    def desync(self, from_client: bool) -> None:
        """One direction began before the capture did: it resynchronises, pairing waits
        for evidence."""
        self.anchored = False
        if self.roles_known:
            side = self._client if from_client != self.swapped else self._server
            side.start_sync(lost=False)

    def lose(self, reason: str, n: int) -> None:
        """Count ``n`` messages dropped for lost bytes or unproven alignment."""
        self.dropped[reason] += n
        self.stats.lost_messages += n

    def count_heads(self) -> None:
        """Recount the HEAD requests waiting (their responses are parsed carefully)."""
        n = 0
        for req in self.waiting:
            if req.method == "HEAD":
                n += 1
        self.heads_waiting = n

    def match(self, resp: Message, interim_start: int) -> Message | None:
        """The request that ``resp`` answers on TCP evidence (see the class), or None.

        Requests before the match, and requests the server had already received when it
        sent an unmatched response, can never be proven: they are dropped and counted.
        """
        waiting = self.waiting
        c = resp.start_seq
        a = resp.ack
        if c >= 0 and a >= 0:
            for i in range(len(waiting)):
                req = waiting[i]
                if (
                    req.complete
                    and req.end_seq == a
                    and (req.ack == c or (interim_start >= 0 and req.ack == interim_start))
                ):
                    if i:
                        self.lose(Drop.UNALIGNED_REQUEST, i)
                        for dropped in waiting[:i]:
                            _release(dropped)
                    del waiting[: i + 1]
                    self.anchored = True
                    self.stats.anchored_again += 1
                    return req
        self.lose(Drop.UNALIGNED_RESPONSE, 1)
        keep = [
            r
            for r in waiting
            if not r.complete or (a >= 0 and r.end_seq >= 0 and seq_diff(r.end_seq, a) > 0)
        ]
        if len(keep) < len(waiting):
            self.lose(Drop.UNALIGNED_REQUEST, len(waiting) - len(keep))
            for dropped in waiting:
                if dropped not in keep:
                    _release(dropped)
            self.waiting = keep
        return None

    def eof(self, from_client: bool, ts: float) -> None:
        """One direction ended (FIN reached in order)."""
        side = self._client if from_client != self.swapped else self._server
        side.eof(ts)

    def close(self) -> None:
        """The connection is over: count requests left without a response, and return
        the bytes of every body still held to the budget."""
        if self.h2 is not None:
            self.h2.close()
        if self._sniffing:
            self._sniffing = False
            if self._sniffed:
                self._client.feed(bytes(self._sniffed), self._client.ts, self._sniff_seq, -1)
            self._flush_early()
        for msg in self.waiting:
            _release(msg)
        if self.waiting:
            self.dropped[Drop.UNANSWERED_REQUEST] += len(self.waiting)
            self.waiting.clear()
        for side in (self._client, self._server):
            if side.msg is not None:
                _release(side.msg)
                side.msg = None
            if side.paired is not None:
                _release(side.paired)
                side.paired = None
        self.dead = True

    def finish_response(self, req: Message | None, resp: Message) -> None:
        """A final response is complete: keep the pair when it is JSON."""
        seq = self.responses
        self.responses += 1
        if req is None or req.excluded or resp.status < 200 or not (req.is_json or resp.is_json):
            keep = False
        elif not req.complete:  # answered before it was whole (or its end was lost)
            self.lose(Drop.INCOMPLETE_REQUEST, 1)
            keep = False
        else:
            keep = True
        if keep:
            assert req is not None
            self.pairs.append((req, resp, seq))
            return
        _release(resp)  # bodies of a pair not reported go back to the budget now
        if req is not None:
            _release(req)

    @property
    def client_side_request_in_progress(self) -> bool:
        """A request head has been read and its response has not (for tests)."""
        return bool(self.waiting)
