"""Sans-IO HTTP/2 (h2c) for one TCP connection, decoded passively from both directions.

Frames are parsed with ``hyperframe`` and header blocks decoded with ``hpack``: one HPACK
decoder per direction, so both peers' header compression is followed, and no connection
state machine plays either side. Each stream's request (client HEADERS, DATA, trailers) and
response (server HEADERS, DATA, trailers) are paired by stream id and handed over as
`interceptor.http.Message` pairs, the same as HTTP/1.1 exchanges: JSON bodies go through
`interceptor.decoding.BodyDecoder` (gzip and friends), gRPC bodies through
`interceptor.grpc_messages` (reported as a JSON array of the stream's message documents).

What is tolerated and ignored: padding (hyperframe removes it), PRIORITY, PING,
WINDOW_UPDATE (flow control needs nothing from an observer), unknown frame types, GOAWAY
(streams it abandons end unanswered). RST_STREAM drops its stream (counted).

Never a guessed header (DESIGN principle 10): a header block that cannot be decoded (a
reference to a dynamic-table entry from before the capture, a block over the limits, an
HPACK bomb) leaves that direction's table unknown for good, as every later block may
depend on what was missed. The direction is then *blind*: streams whose headers it would
carry are dropped and counted (``h2_header_unknown``), streams it already knows go on.
After a join in the middle of a connection (interceptor restart), frames are found again
at a segment start and the table starts empty: blocks that use only the static table and
literals decode, the first reference to an older entry blinds the direction. gRPC clients
repeat the same headers on every call, so in practice a connection joined mid-stream stays
blind until it is closed (see README, "HTTP/2 and gRPC").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

import hpack
from hyperframe.exceptions import HyperframeError
from hyperframe.flags import Flags
from hyperframe.frame import (
    ContinuationFrame,
    Frame,
    GoAwayFrame,
    HeadersFrame,
    PushPromiseFrame,
    RstStreamFrame,
    SettingsFrame,
)

from interceptor.decoding import BodyDecoder
from interceptor.drops import Drop
from interceptor.grpc_messages import (
    Descriptors,
    GrpcError,
    is_grpc_content_type,
    messages_document,
    split_messages,
)
from interceptor.h2_detect import PREFACE, looks_like_frames
from interceptor.http import HttpLimits, Message, is_json_content_type
from interceptor.tcp import Budget

_FRAME_HEADER: Final = 9
# DATA (0), PRIORITY (2), PING (6), WINDOW_UPDATE (8) and types of extensions (> 9)
_PLAIN_TYPES: Final = frozenset((0, 2, 6, 8, *range(10, 256)))
_HEADER_TYPES: Final = frozenset((0x1, 0x5, 0x9))  # HEADERS, PUSH_PROMISE, CONTINUATION
_END_STREAM: Final = 0x1
# header blocks remembered per direction, and the largest header list remembered: a few
# KiB per connection at most (a gRPC peer repeats two or three blocks)
_CACHE_BLOCKS: Final = 8
_CACHE_LIST_BYTES: Final = 2048
_PADDED: Final = 0x8
_PROTOCOL_HTTP2: Final = 2
_PROTOCOL_GRPC: Final = 3


@dataclass(frozen=True)
class H2Limits:
    """Limits of the HTTP/2 layer (from `InterceptorSettings`)."""

    max_streams: int = 256
    max_table_bytes: int = 64 * 1024
    max_frame_bytes: int = 1 << 20
    descriptors: Descriptors | None = None


class _GrpcBody:
    """The raw body of one side of a gRPC stream, capped, held in the shared body budget."""

    __slots__ = ("budget", "budget_hit", "cap", "data", "truncated", "wire_size")

    def __init__(self, cap: int, budget: Budget | None) -> None:
        self.cap = cap
        self.budget = budget if budget is not None else Budget(1 << 62)
        self.budget_hit = False
        self.data = bytearray()
        self.truncated = False
        self.wire_size = 0

    def feed(self, data: bytes) -> None:
        self.wire_size += len(data)
        if self.truncated:
            return
        budget = self.budget
        room = self.cap - len(self.data)
        free = budget.limit - budget.used
        if free < room:
            room = max(free, 0)
            self.budget_hit = len(data) > room
        take = data if len(data) <= room else data[:room]
        self.truncated = len(take) < len(data)
        self.data += take
        budget.used += len(take)

    def release(self) -> None:
        """The messages were taken: their bytes leave the budget."""
        self.budget.used -= len(self.data)
        self.data = bytearray()

    def __del__(self) -> None:
        self.budget.used -= len(self.data)


class _Stream:
    """One stream: its request and response as they arrive."""

    __slots__ = (
        "grpc",
        "id",
        "req_body",
        "req_done",
        "request",
        "resp_body",
        "resp_done",
        "response",
        "skip",
    )

    def __init__(self, sid: int) -> None:
        self.id = sid
        self.request: Message | None = None
        self.response: Message | None = None
        self.req_done = False
        self.resp_done = False
        self.grpc = False
        self.req_body: _GrpcBody | None = None
        self.resp_body: _GrpcBody | None = None
        self.skip = False  # neither JSON nor gRPC, or excluded: bodies are not kept


class _Direction:
    """One direction's frame buffer and HPACK decoder."""

    __slots__ = (
        "blind",
        "block",
        "block_end_stream",
        "block_push",
        "block_stream",
        "buf",
        "cache",
        "cache_key",
        "dead",
        "decoder",
        "generation",
        "oversized",
        "parsing",
        "preface",
        "skip_bytes",
        "synced",
    )

    def __init__(self, limits: H2Limits, max_header_bytes: int, preface: bool, synced: bool):
        self.buf = bytearray()
        self.preface = preface  # the client preface is still to come
        self.synced = synced  # frames start at the front of ``buf`` (False after a join)
        self.dead = False
        self.parsing = False  # ``buf`` is being read (it cannot be resized meanwhile)
        self.blind = False
        self.skip_bytes = 0  # the rest of an oversized frame, skipped
        self.decoder = hpack.Decoder(max_header_list_size=max_header_bytes)
        self.decoder.max_allowed_table_size = min(4096, limits.max_table_bytes)
        self.oversized = False
        # blocks decoded while the dynamic table stayed as it is: a client repeating its
        # headers (every gRPC call) sends the same bytes, decoded once
        self.cache: dict[bytes, list[tuple[bytes, bytes]]] = {}
        self.generation = 0
        self.cache_key = (0, 0)
        table = self.decoder.header_table
        add = table.add

        def counting_add(name: bytes, value: bytes) -> None:
            self.generation += 1
            add(name, value)

        table.add = counting_add  # type: ignore[method-assign]
        self.block: bytearray | None = None
        self.block_stream = 0
        self.block_end_stream = False
        self.block_push = False

    def decoded(self, block: bytes) -> list[tuple[bytes, bytes]] | None:
        """The header list of ``block``; None when it cannot be decoded (``oversized``:
        because it expands beyond the header limit)."""
        table = self.decoder.header_table
        key = (self.generation, table.maxsize)
        if key == self.cache_key:
            hit = self.cache.get(block)
            if hit is not None:
                return hit
        else:
            self.cache.clear()
            self.cache_key = key
        try:
            headers = self.decoder.decode(block, raw=True)
        except hpack.OversizedHeaderListError:
            self.oversized = True
            return None
        except hpack.HPACKError:
            return None
        pairs = [(bytes(n), bytes(v)) for n, v in headers]
        if (
            (self.generation, table.maxsize) == key
            and len(self.cache) < _CACHE_BLOCKS
            and len(block) + sum(len(n) + len(v) for n, v in pairs) <= _CACHE_LIST_BYTES
        ):
            self.cache[block] = pairs
        return pairs


class H2Connection:
    """HTTP/2 state of one connection: frames of both directions in, pairs out.

    ``pairs`` is the owner's list of ``(request, response, sequence)``; ``dropped`` its
    counter. ``joined``: the capture began in the middle of the connection.
    """

    def __init__(  # noqa: PLR0917
        self,
        limits: HttpLimits,
        h2_limits: H2Limits,
        dropped: Counter[str],
        pairs: list[tuple[Message, Message, int]],
        excluded_paths: frozenset[bytes],
        joined: bool = False,
        client_preface: bool = True,
    ) -> None:
        self.limits = limits
        self.h2_limits = h2_limits
        self.dropped = dropped
        self.pairs = pairs
        self.excluded_paths = excluded_paths
        self.streams: dict[int, _Stream] = {}
        self.sequence = 0
        self.ts = 0.0
        self._client = _Direction(h2_limits, limits.max_header_bytes, client_preface, not joined)
        self._server = _Direction(h2_limits, limits.max_header_bytes, False, not joined)

    # --- input -----------------------------------------------------------------------
    def upgraded(self, request: Message) -> None:
        """The connection was upgraded from HTTP/1.1 (``101``): ``request`` is stream 1's."""
        st = _Stream(1)
        request.stream_id = 1  # its version stays "1.1": it was sent so
        request.protocol = _PROTOCOL_HTTP2
        st.request = request
        st.req_done = True
        st.skip = bool(request.excluded)
        self.streams[1] = st

    def feed(self, from_client: bool, data: bytes, ts: float) -> None:
        """In-order bytes of one direction."""
        d = self._client if from_client else self._server
        if d.dead or not data:
            return
        self.ts = ts
        if d.skip_bytes:
            if len(data) <= d.skip_bytes:
                d.skip_bytes -= len(data)
                return
            data = data[d.skip_bytes :]
            d.skip_bytes = 0
        if not d.synced:
            # after a join: frames are looked for where a segment starts
            if looks_like_frames(data):
                d.synced = True
            else:
                return
        buf = d.buf
        buf += data
        if d.preface:
            if len(buf) < len(PREFACE):
                if not PREFACE.startswith(bytes(buf)):
                    self._kill(d)
                return
            if not buf.startswith(PREFACE):
                self._kill(d)
                return
            del buf[: len(PREFACE)]
            d.preface = False
        self._frames(d, from_client)

    def _kill(self, d: _Direction) -> None:
        self.dropped[Drop.PARSE_ERROR] += 1
        d.dead = True
        d.block = None
        if not d.parsing:
            d.buf.clear()

    def _frames(self, d: _Direction, from_client: bool) -> None:  # noqa: PLR0912 (hot loop)
        buf = d.buf
        pos = 0
        n = len(buf)
        max_frame = self.h2_limits.max_frame_bytes
        view = memoryview(buf)
        d.parsing = True
        try:
            while n - pos >= _FRAME_HEADER:
                length = buf[pos] << 16 | buf[pos + 1] << 8 | buf[pos + 2]
                ftype = buf[pos + 3]
                if length > max_frame:
                    pos = self._oversized(d, pos, length)
                    continue
                if n - pos - _FRAME_HEADER < length:
                    break
                if ftype in _PLAIN_TYPES:
                    # DATA, and frames an observer ignores, read here: most frames of a
                    # busy connection, without a frame object each
                    if d.block is not None:
                        self._kill(d)  # a header block must be followed by CONTINUATIONs
                        return
                    if ftype == 0 and not self._plain_data(view, pos, length, from_client):
                        self._kill(d)
                        return
                    pos += _FRAME_HEADER + length
                    continue
                try:
                    frame, length = Frame.parse_frame_header(view[pos : pos + _FRAME_HEADER])
                except HyperframeError:
                    self._kill(d)
                    return
                body = view[pos + _FRAME_HEADER : pos + _FRAME_HEADER + length]
                try:
                    frame.parse_body(body)
                except HyperframeError:
                    self._kill(d)
                    return
                finally:
                    body.release()
                pos += _FRAME_HEADER + length
                self._frame(d, from_client, frame)
                if d.dead:
                    return
        finally:
            view.release()
            d.parsing = False
            if d.dead:
                buf.clear()
            elif pos:
                del buf[:pos]

    def _oversized(self, d: _Direction, pos: int, length: int) -> int:
        """Skip the frame at ``pos``, longer than the limit, with its stream (or the
        direction's header table); where parsing goes on."""
        buf = d.buf
        self.dropped[Drop.H2_FRAME_LIMIT] += 1
        ftype = buf[pos + 3]
        sid = int.from_bytes(buf[pos + 5 : pos + 9], "big") & 0x7FFFFFFF
        if ftype in _HEADER_TYPES:
            self._blind(d, sid)
            d.block = None
        elif ftype == 0:
            self._drop_stream(sid)
        left = len(buf) - pos - _FRAME_HEADER
        if left >= length:
            return pos + _FRAME_HEADER + length
        d.skip_bytes = length - left
        return len(buf)

    def _plain_data(self, view: memoryview, pos: int, length: int, from_client: bool) -> bool:
        """A DATA frame at ``pos``; False when it is malformed (padding longer than it)."""
        flags = view[pos + 4]
        sid = int.from_bytes(view[pos + 5 : pos + 9], "big") & 0x7FFFFFFF
        if not sid:
            return False
        start = pos + _FRAME_HEADER
        end = start + length
        if flags & _PADDED:
            if not length or view[start] >= length:
                return False
            end -= view[start]
            start += 1
        self._data(from_client, sid, bytes(view[start:end]), bool(flags & _END_STREAM))
        return True

    # --- frames ------------------------------------------------------------------------
    def _frame(self, d: _Direction, from_client: bool, frame: Frame) -> None:
        if d.block is not None and not isinstance(frame, ContinuationFrame):
            self._kill(d)  # a header block must be followed by its CONTINUATIONs only
            return
        if isinstance(frame, HeadersFrame):
            self._block_start(d, frame.stream_id, frame.data, frame.flags, False)
        elif isinstance(frame, ContinuationFrame):
            block = d.block
            if block is None or frame.stream_id != d.block_stream:
                self._kill(d)
                return
            block += frame.data
            if len(block) > self.limits.max_header_bytes:
                self.dropped[Drop.HEADER_LIMIT] += 1
                d.block = None
                self._blind(d, frame.stream_id)
            elif "END_HEADERS" in frame.flags:
                self._block_end(d, from_client)
        elif isinstance(frame, PushPromiseFrame):
            self._block_start(d, frame.promised_stream_id, frame.data, frame.flags, True)
        elif isinstance(frame, RstStreamFrame):
            if self._drop_stream(frame.stream_id):
                self.dropped[Drop.H2_STREAM_RESET] += 1
        elif isinstance(frame, SettingsFrame):
            size = frame.settings.get(SettingsFrame.HEADER_TABLE_SIZE)
            if size is not None:
                # the peer's encoder may use up to this: the other direction's table
                other = self._server if from_client else self._client
                other.decoder.max_allowed_table_size = min(size, self.h2_limits.max_table_bytes)
        elif isinstance(frame, GoAwayFrame):
            pass  # streams above its last id end unanswered, counted at close

    def _block_start(self, d: _Direction, sid: int, data: bytes, flags: Flags, push: bool) -> None:
        if len(data) > self.limits.max_header_bytes:
            self.dropped[Drop.HEADER_LIMIT] += 1
            self._blind(d, sid)
            return
        d.block = bytearray(data)
        d.block_stream = sid
        d.block_end_stream = "END_STREAM" in flags
        d.block_push = push
        if "END_HEADERS" in flags:
            self._block_end(d, d is self._client)

    def _blind(self, d: _Direction, sid: int) -> None:
        if not d.blind:
            d.blind = True
            self.dropped[Drop.H2_TABLE_LOST] += 1
        self.dropped[Drop.H2_HEADER_UNKNOWN] += 1
        self._drop_stream(sid)

    def _block_end(self, d: _Direction, from_client: bool) -> None:
        block = d.block
        assert block is not None
        d.block = None
        sid = d.block_stream
        if d.blind:
            self.dropped[Drop.H2_HEADER_UNKNOWN] += 1
            self._drop_stream(sid)
            return
        pairs = d.decoded(bytes(block))
        if pairs is None:
            if d.oversized:
                self.dropped[Drop.HEADER_LIMIT] += 1
            self._blind(d, sid)
            return
        if d.block_push:
            self.dropped[Drop.H2_PUSH] += 1  # decoded to follow the table, not reported
            return
        if pairs and pairs[0][0] == (b":status" if from_client else b":method"):
            # the other side's kind of block: roles guessed wrong after a join (or a bad
            # peer); the stream is dropped rather than reported with its roles swapped
            self.dropped[Drop.PARSE_ERROR] += 1
            self._drop_stream(sid)
            return
        if from_client:
            self._client_headers(sid, pairs, d.block_end_stream)
        else:
            self._server_headers(sid, pairs, d.block_end_stream)

    def _client_headers(self, sid: int, headers: list[tuple[bytes, bytes]], end: bool) -> None:
        st = self.streams.get(sid)
        if st is None:
            if not sid & 1:
                self.dropped[Drop.PARSE_ERROR] += 1
                return
            if len(self.streams) >= self.h2_limits.max_streams:
                self.dropped[Drop.H2_STREAM_LIMIT] += 1
                return
            st = self.streams[sid] = _Stream(sid)
            st.request = self._request(st, headers)
        elif st.request is not None and not st.req_done:  # trailers
            st.request.headers.extend(headers)
        else:
            self.dropped[Drop.PARSE_ERROR] += 1
            self._drop_stream(sid)
            return
        if end:
            self._side_done(st, True)

    def _request(self, st: _Stream, headers: list[tuple[bytes, bytes]]) -> Message:
        msg = Message(self.ts)
        msg.version = "2"
        msg.stream_id = st.id
        msg.protocol = _PROTOCOL_HTTP2
        regular = msg.headers
        for name, value in headers:
            if name[:1] == b":":
                if name == b":method":
                    msg.method = value.decode("ascii", "replace")
                elif name == b":path":
                    msg.target = value
            else:
                regular.append((name, value))
                if name == b"content-type":
                    msg.content_type = value
                elif name == b"content-encoding":
                    msg.content_encoding = value
        target = bytes(msg.target)
        query = target.find(b"?")
        msg.excluded = (target if query < 0 else target[:query]) in self.excluded_paths
        ctype = msg.content_type
        if ctype is not None and not msg.excluded:
            if is_grpc_content_type(ctype):
                st.grpc = True
                msg.protocol = _PROTOCOL_GRPC
                st.req_body = _GrpcBody(self.limits.max_body_bytes, self.limits.body_budget)
            elif is_json_content_type(ctype):
                msg.is_json = True
                msg.body = BodyDecoder(
                    msg.content_encoding, self.limits.max_body_bytes, self.limits.body_budget
                )
        st.skip = msg.excluded
        return msg

    def _server_headers(self, sid: int, headers: list[tuple[bytes, bytes]], end: bool) -> None:
        st = self.streams.get(sid)
        if st is None or st.request is None:
            self.dropped[Drop.UNPAIRED_RESPONSE] += 1
            return
        resp = st.response
        if resp is None:
            status = 0
            for name, value in headers:
                if name == b":status":
                    status = int(value) if value.isdigit() else 0
            if 100 <= status < 200:
                return  # interim (100 Continue, 103 Early Hints)
            resp = st.response = Message(self.ts)
            resp.version = "2"
            resp.status = status
            resp.stream_id = sid
            resp.protocol = st.request.protocol
            for name, value in headers:
                if name[:1] != b":":
                    resp.headers.append((name, value))
                    if name == b"content-type":
                        resp.content_type = value
                    elif name == b"content-encoding":
                        resp.content_encoding = value
            self._response_head(st, resp)
        elif not st.resp_done:  # trailers (grpc-status and friends)
            resp.headers.extend(headers)
        else:
            self.dropped[Drop.PARSE_ERROR] += 1
            self._drop_stream(sid)
            return
        if end:
            self._side_done(st, False)

    def _response_head(self, st: _Stream, resp: Message) -> None:
        req = st.request
        assert req is not None
        if st.skip:
            return
        ctype = resp.content_type
        if st.grpc:
            if ctype is not None and is_grpc_content_type(ctype):
                st.resp_body = _GrpcBody(self.limits.max_body_bytes, self.limits.body_budget)
            return
        if ctype is not None and is_json_content_type(ctype):
            resp.is_json = True
            resp.body = BodyDecoder(
                resp.content_encoding, self.limits.max_body_bytes, self.limits.body_budget
            )
        elif not req.is_json:
            st.skip = True
            req.body = None

    def _data(self, from_client: bool, sid: int, data: bytes, end_stream: bool) -> None:
        st = self.streams.get(sid)
        if st is None:
            return  # a stream dropped before (counted then) or never seen
        msg = st.request if from_client else st.response
        if msg is None or (st.req_done if from_client else st.resp_done):
            self.dropped[Drop.PARSE_ERROR] += 1
            self._drop_stream(st.id)
            return
        if data:
            msg.end_ts = self.ts
            gbody = st.req_body if from_client else st.resp_body
            if gbody is not None:
                gbody.feed(data)
            elif msg.body is not None and not st.skip:
                decoder = msg.body
                if decoder.truncated:
                    decoder.wire_size += len(data)
                else:
                    decoder.feed(data)
            else:
                msg.skipped_body += len(data)
        if end_stream:
            self._side_done(st, from_client)

    def _side_done(self, st: _Stream, from_client: bool) -> None:
        msg = st.request if from_client else st.response
        assert msg is not None
        msg.end_ts = self.ts
        msg.complete = True
        if from_client:
            st.req_done = True
        else:
            st.resp_done = True
        if st.req_done and st.resp_done:
            del self.streams[st.id]
            self._finish(st)

    # --- output ------------------------------------------------------------------------
    def _finish(self, st: _Stream) -> None:
        req, resp = st.request, st.response
        assert req is not None
        assert resp is not None
        seq = self.sequence
        self.sequence += 1
        if req.excluded:
            self.dropped[Drop.EXCLUDED_PATH] += 1
            return
        if st.skip:
            self.dropped[Drop.NOT_JSON] += 1
            return
        if st.grpc:
            if not self._grpc_bodies(st, req, resp):
                return
        else:
            for msg in (req, resp):
                decoder = msg.body
                if decoder is not None and not decoder.truncated:
                    decoder.finish()
                    if decoder.truncated:
                        self.dropped[
                            Drop.BODY_BUDGET if decoder.budget_hit else Drop.BODY_TRUNCATED
                        ] += 1
        self.pairs.append((req, resp, seq))

    def _grpc_bodies(self, st: _Stream, req: Message, resp: Message) -> bool:
        path = bytes(req.target).decode("utf-8", "replace")
        descriptors = self.h2_limits.descriptors
        for msg, gbody, is_request in ((req, st.req_body, True), (resp, st.resp_body, False)):
            if gbody is None:
                continue
            try:
                raw = bytes(gbody.data)
                gbody.release()
                messages, cut = split_messages(
                    raw, msg.header(b"grpc-encoding"), self.limits.max_body_bytes
                )
            except GrpcError:
                self.dropped[Drop.GRPC_UNDECODABLE] += 1
                return False
            doc = messages_document(messages, path, is_request, descriptors)
            if doc is None:
                self.dropped[Drop.GRPC_UNDECODABLE] += 1
                return False
            decoder = BodyDecoder(None, self.limits.max_body_bytes, self.limits.body_budget)
            decoder.feed(doc)
            decoder.finish()
            decoder.wire_size = gbody.wire_size
            if gbody.truncated or cut:
                decoder.truncated = True
                self.dropped[Drop.BODY_BUDGET if gbody.budget_hit else Drop.BODY_TRUNCATED] += 1
            msg.body = decoder
            msg.is_json = True
        return True

    def _drop_stream(self, sid: int) -> bool:
        return self.streams.pop(sid, None) is not None

    def gap(self, from_client: bool) -> None:
        """Bytes of one direction were lost: its frames and its header table are lost for
        good; the streams in flight are dropped."""
        d = self._client if from_client else self._server
        if not d.dead:
            d.dead = True
            d.buf.clear()
            d.block = None
        n = len(self.streams)
        if n:
            self.dropped[Drop.GAP_REQUEST if from_client else Drop.GAP_RESPONSE] += n
            self.streams.clear()

    def close(self) -> None:
        """The connection is over: streams without both ends are counted."""
        for st in self.streams.values():
            if st.response is None:
                self.dropped[Drop.UNANSWERED_REQUEST] += 1
            else:
                self.dropped[Drop.H2_INCOMPLETE_STREAM] += 1
        self.streams.clear()
