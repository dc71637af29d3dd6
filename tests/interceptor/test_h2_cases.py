"""HTTP/2 and gRPC through the whole core, each case fed whole, byte by byte and shuffled
with retransmissions: the same exchanges must come out each way."""

from __future__ import annotations

import gzip
import json

import hpack
import pytest

from common.settings import load_settings
from interceptor.core import Core
from interceptor.drops import Drop
from interceptor.settings import InterceptorSettings
from protos.sieve.v1 import exchange_pb2
from tests.interceptor.conversation import Conversation, frames, request, response, run
from tests.interceptor.h2_conversation import (
    PREFACE,
    Peer,
    data,
    data_frames,
    goaway,
    grpc_message,
    noise,
    request_headers,
    rst,
    settings,
    settings_ack,
)

MODES = ("whole", "bytes", "shuffled")
UPGRADE = (
    "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
    "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
)
J = "application/json"
Key = tuple[int, int, str, str, int, bytes, bytes, bool]
Case = tuple[Conversation, list[Key]]


def _core(**overrides: object) -> Core:
    s = load_settings(InterceptorSettings, discover_pods=False, **overrides)
    core = Core(s)
    core.raise_errors = True
    return core


def _key(ex: exchange_pb2.HttpExchange) -> Key:
    return (
        ex.stream_id,
        ex.protocol,
        ex.request.method,
        ex.request.target,
        ex.response.status,
        ex.request.body,
        ex.response.body,
        ex.response.body_truncated,
    )


def _pb_varint(n: int) -> bytes:
    out = b""
    while n >= 0x80:
        out += bytes((n & 0x7F | 0x80,))
        n >>= 7
    return out + bytes((n,))


def _pb_len(number: int, payload: bytes) -> bytes:
    return _pb_varint(number << 3 | 2) + _pb_varint(len(payload)) + payload


def _pb_int(number: int, value: int) -> bytes:
    return _pb_varint(number << 3) + _pb_varint(value)


USER = _pb_int(1, 42) + _pb_len(2, b"alice@example.org") + _pb_len(3, _pb_len(1, b"x"))
USER += _pb_len(3, _pb_len(1, b"y"))
USER_DOC = {"1": 42, "2": "alice@example.org", "3": [{"1": "x"}, {"1": "y"}]}


def prior_knowledge() -> Case:
    c, s = Peer(), Peer()
    body = json.dumps({"name": "ann", "email": "ann@example.org"}).encode()
    big = json.dumps({"items": [{"n": i, "email": f"u{i}@example.org"} for i in range(400)]})
    big_gz = gzip.compress(big.encode())
    conv = Conversation(
        [
            (True, PREFACE + settings(HEADER_TABLE_SIZE=4096, MAX_CONCURRENT_STREAMS=100)),
            (False, settings(MAX_FRAME_SIZE=16384) + settings_ack()),
            (
                True,
                settings_ack()
                + c.headers(1, [*request_headers("POST", "/users"), ("x-a", "1")])
                + data(1, body[:10], pad=7)
                + noise(),
            ),
            (True, c.headers(3, request_headers("GET", "/users/7", None), end_stream=True)),
            (True, data(1, body[10:], end_stream=True)),
            # stream 3 answered first, its body gzip over many frames, CONTINUATION headers
            (
                False,
                s.headers(
                    3,
                    [(":status", "200"), ("content-type", J), ("content-encoding", "gzip")],
                    split=5,
                )
                + data_frames(3, big_gz, 700),
            ),
            (False, s.headers(1, [(":status", "201"), ("content-type", J)], pad=3)),
            (False, data(1, b'{"id":7}') + noise()),
            (False, s.headers(1, [("x-trailer", "t")], end_stream=True)),
            # stream 5 reset by the client, stream 7 never answered, then GOAWAY
            (True, c.headers(5, request_headers("GET", "/gone", None), end_stream=True)),
            (True, rst(5)),
            (False, goaway(5)),
        ]
    )
    want = [
        (3, 2, "GET", "/users/7", 200, b"", big.encode(), False),
        (1, 2, "POST", "/users", 201, body, b'{"id":7}', False),
    ]
    return conv, want


def grpc_calls() -> Case:
    c, s = Peer(), Peer()
    g = "application/grpc"
    req1 = grpc_message(_pb_len(1, b"42"))
    # server streaming: three messages, the second compressed, cut across DATA frames
    stream = (
        grpc_message(USER)
        + grpc_message(gzip.compress(_pb_int(1, 7)), compressed=True)
        + grpc_message(_pb_len(2, b"bob@example.org"))
    )
    trailers = [("grpc-status", "0"), ("grpc-message", "")]
    conv = Conversation(
        [
            (True, PREFACE + settings()),
            (False, settings() + settings_ack()),
            (True, settings_ack()),
            (
                True,
                c.headers(
                    1,
                    [
                        *request_headers("POST", "/pkg.Users/Get", g),
                        ("te", "trailers"),
                        ("grpc-encoding", "gzip"),
                    ],
                )
                + data(1, req1, end_stream=True),
            ),
            (
                True,
                c.headers(3, [*request_headers("POST", "/pkg.Users/List", g), ("te", "trailers")])
                + data(3, grpc_message(b""), end_stream=True),
            ),
            (
                False,
                s.headers(1, [(":status", "200"), ("content-type", g)])
                + data(1, grpc_message(USER))
                + s.headers(1, trailers, end_stream=True),
            ),
            (
                False,
                s.headers(3, [(":status", "200"), ("content-type", g), ("grpc-encoding", "gzip")])
                + data_frames(3, stream, 11, end_stream=False)
                + s.headers(3, trailers, end_stream=True),
            ),
        ]
    )
    list_docs = [USER_DOC, {"1": 7}, {"2": "bob@example.org"}]
    want = [
        (
            1,
            3,
            "POST",
            "/pkg.Users/Get",
            200,
            json.dumps([{"1": "42"}], separators=(",", ":")).encode(),
            json.dumps([USER_DOC], separators=(",", ":")).encode(),
            False,
        ),
        (
            3,
            3,
            "POST",
            "/pkg.Users/List",
            200,
            b"[{}]",
            json.dumps(list_docs, separators=(",", ":")).encode(),
            False,
        ),
    ]
    return conv, want


def declined_upgrade() -> Case:
    up = UPGRADE
    conv = Conversation(
        [
            (True, request("POST", "/orders", b'{"sku":1}', headers=up)),
            (False, response(200, b'{"ok":true}')),
            (True, request("GET", "/orders/1", headers=up)),
            (False, response(200, b'{"id":1}')),
            (True, request("GET", "/plain")),
            (False, response(200, b'{"p":1}')),
        ]
    )
    want = [
        (0, 1, "POST", "/orders", 200, b'{"sku":1}', b'{"ok":true}', False),
        (0, 1, "GET", "/orders/1", 200, b"", b'{"id":1}', False),
        (0, 1, "GET", "/plain", 200, b"", b'{"p":1}', False),
    ]
    return conv, want


def accepted_upgrade() -> Case:
    up = UPGRADE
    c, s = Peer(), Peer()
    conv = Conversation(
        [
            (True, request("GET", "/first", headers=up)),
            (
                False,
                b"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                + settings()
                + s.headers(1, [(":status", "200"), ("content-type", J)])
                + data(1, b'{"first":1}', end_stream=True),
            ),
            (True, PREFACE + settings() + settings_ack()),
            (True, c.headers(3, request_headers("GET", "/second", None), end_stream=True)),
            (False, settings_ack() + s.headers(3, [(":status", "200"), ("content-type", J)])),
            (False, data(3, b'{"second":2}', end_stream=True)),
        ]
    )
    want = [
        (1, 2, "GET", "/first", 200, b"", b'{"first":1}', False),
        (3, 2, "GET", "/second", 200, b"", b'{"second":2}', False),
    ]
    return conv, want


CASES = {
    "prior_knowledge": prior_knowledge,
    "grpc": grpc_calls,
    "declined_upgrade": declined_upgrade,
    "accepted_upgrade": accepted_upgrade,
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_h2_case(name: str, mode: str) -> None:
    conv, want = CASES[name]()
    for seed in range(3 if mode == "shuffled" else 1):
        core = _core()
        got = [_key(ex) for ex in run(core, frames(conv, mode, seed))]
        assert got == want, (name, mode, seed, dict(core.dropped))
        assert not core.dropped[Drop.INTERNAL_ERROR]


def test_prior_knowledge_counts_reset_and_unanswered() -> None:
    conv, _ = prior_knowledge()
    core = _core()
    out = run(core, frames(conv, "whole"))
    assert len(out) == 2
    assert core.dropped[Drop.H2_STREAM_RESET] == 1
    ex = out[0]
    assert ex.request.http_version == "2"
    assert ex.response.http_version == "2"
    assert ex.response.decoded_content_coding == exchange_pb2.CONTENT_CODING_GZIP
    trailers = [(h.name, h.value) for h in out[1].response.headers]
    assert ("x-trailer", "t") in trailers


def test_grpc_status_from_trailers() -> None:
    conv, _ = grpc_calls()
    out = run(_core(), frames(conv, "whole"))
    for ex in out:
        headers = {h.name: h.value for h in ex.response.headers}
        assert headers["grpc-status"] == "0"
        assert ex.response.body_wire_size > 0


def test_declined_upgrade_loses_nothing() -> None:
    """Regression: a declined `Upgrade: h2c` lost the exchange and the connection."""
    conv, _ = declined_upgrade()
    core = _core()
    assert len(run(core, frames(conv, "whole"))) == 3
    assert not core.dropped[Drop.UPGRADE]
    assert not core.dropped[Drop.UNANSWERED_REQUEST]


def test_declined_upgrade_with_expect_continue() -> None:
    """curl sends a body over 1 KB after `100 Continue`, with `Upgrade: h2c`."""
    body = json.dumps({"note": "x" * 2000}).encode()
    whole = request("POST", "/big", body, headers=UPGRADE + "Expect: 100-continue\r\n")
    head = whole[: -len(body)]
    conv = Conversation(
        [
            (True, head),
            (False, b"HTTP/1.1 100 Continue\r\n\r\n"),
            (True, body),
            (False, response(201, b'{"ok":1}')),
            (True, request("GET", "/next")),
            (False, response(200, b'{"n":1}')),
        ]
    )
    for mode in MODES:
        core = _core()
        out = run(core, frames(conv, mode, 3))
        assert [(ex.request.target, ex.request.body, ex.response.status) for ex in out] == [
            ("/big", body, 201),
            ("/next", b"", 200),
        ], (mode, dict(core.dropped))


def test_websocket_upgrade_still_ends_the_connection() -> None:
    up = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
    conv = Conversation(
        [
            (True, request("GET", "/ws", headers=up)),
            (False, b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\x00"),
        ]
    )
    core = _core()
    assert run(core, frames(conv, "whole")) == []
    assert core.dropped[Drop.UPGRADE] == 1


def test_not_json_stream_dropped() -> None:
    c, s = Peer(), Peer()
    conv = Conversation(
        [
            (True, PREFACE + settings() + c.headers(1, request_headers("GET", "/x", None), True)),
            (False, s.headers(1, [(":status", "200"), ("content-type", "text/html")])),
            (False, data(1, b"<html>", end_stream=True)),
        ]
    )
    core = _core()
    assert run(core, frames(conv, "whole")) == []
    assert core.dropped[Drop.NOT_JSON] == 1


def _joined_conversation(static_only: bool) -> Conversation:
    """A connection whose start was not captured: the client's encoder already holds
    entries the capture never saw."""
    c, s = Peer(), Peer()
    before = [*request_headers("GET", "/warm", None), ("authorization", "Bearer secret")]
    c.encoder.encode(before)  # sent before the capture began
    s.encoder.encode([(":status", "200"), ("content-type", J)])
    if static_only:
        c, s = Peer(), Peer()  # fresh tables: only static entries and literals are used
    headers = [*request_headers("GET", "/after", None), ("authorization", "Bearer secret")]
    return Conversation(
        [
            (True, c.headers(9, headers, end_stream=True)),
            (False, s.headers(9, [(":status", "200"), ("content-type", J)])),
            (False, data(9, b'{"a":1}', end_stream=True)),
        ],
        handshake=False,
    )


def test_join_mid_stream_never_guesses_a_header() -> None:
    core = _core()
    assert run(core, frames(_joined_conversation(False), "whole")) == []
    assert core.dropped[Drop.H2_TABLE_LOST] >= 1
    assert core.dropped[Drop.H2_HEADER_UNKNOWN] >= 1


def test_join_mid_stream_decodes_literals() -> None:
    core = _core()
    out = run(core, frames(_joined_conversation(True), "whole"))
    assert [(ex.stream_id, ex.request.target, ex.response.body) for ex in out] == [
        (9, "/after", b'{"a":1}')
    ]


def test_hpack_bomb_cut() -> None:
    """A small block that expands to a huge header list: cut, counted, nothing reported."""
    c = Peer()
    c.encoder.header_table_size = 4096
    big = "v" * 3000
    first = c.headers(1, [*request_headers("GET", "/a", None), ("x-big", big)], True)
    bomb = c.headers(3, [*request_headers("GET", "/b", None)] + [("x-big", big)] * 400, True)
    assert len(bomb) < 2000
    conv = Conversation([(True, PREFACE + settings() + first + bomb)])
    core = _core(max_header_bytes=64 * 1024)
    assert run(core, frames(conv, "whole")) == []
    assert core.dropped[Drop.HEADER_LIMIT] == 1


def test_stream_limit() -> None:
    c = Peer()
    reqs = b"".join(c.headers(2 * i + 1, request_headers("GET", f"/{i}", None)) for i in range(5))
    conv = Conversation([(True, PREFACE + settings() + reqs)])
    core = _core(h2_max_streams=3)
    run(core, frames(conv, "whole"))
    assert core.dropped[Drop.H2_STREAM_LIMIT] == 2
    assert core.dropped[Drop.UNANSWERED_REQUEST] == 3


def test_table_size_capped() -> None:
    """A dynamic table larger than the cap: the direction goes blind, nothing guessed."""
    c = Peer()
    c.encoder.header_table_size = 1 << 16  # emits a size update to 64 KiB
    conv = Conversation(
        [(True, PREFACE + settings(HEADER_TABLE_SIZE=1 << 16))],
    )
    conv.messages.append(
        (False, settings(HEADER_TABLE_SIZE=1 << 16)),
    )
    conv.messages.append((True, c.headers(1, request_headers("GET", "/t", None), True)))
    core = _core(h2_max_table_bytes=8192)
    assert run(core, frames(conv, "whole")) == []
    assert core.dropped[Drop.H2_TABLE_LOST] == 1


def test_join_with_roles_guessed_wrong_reports_nothing() -> None:
    """Joined mid-stream, the server is guessed by the lower port: a client on a lower port
    than its server makes the guess wrong, and its streams are dropped, not reported
    with request and response swapped."""
    conv = _joined_conversation(True)
    conv.client, conv.server = ("10.251.1.1", 1000), ("10.251.1.2", 50051)
    core = _core()
    assert run(core, frames(conv, "whole")) == []
    assert core.dropped[Drop.PARSE_ERROR] >= 1


def test_grpc_bodies_count_in_the_body_budget() -> None:
    c, s = Peer(), Peer()
    g = "application/grpc"
    big = grpc_message(_pb_len(1, b"x" * 3_000_000))
    conv = Conversation(
        [
            (True, PREFACE + settings() + c.headers(1, request_headers("POST", "/a.B/C", g))),
            (True, data_frames(1, big, 16384)),
            (False, s.headers(1, [(":status", "200"), ("content-type", g)])),
            (False, data(1, grpc_message(b"")) + s.headers(1, [("grpc-status", "0")], True)),
        ]
    )
    core = _core(max_body_bytes=4 << 20, max_total_body_bytes=1 << 20)
    (ex,) = run(core, frames(conv, "whole"))
    assert ex.request.body_truncated
    # the request holds the whole budget while the response arrives: both are cut
    assert ex.response.body_truncated
    assert core.dropped[Drop.BODY_BUDGET] == 2
    assert core.http_limits.body_budget is not None
    assert core.http_limits.body_budget.used == 0


@pytest.mark.parametrize("mode", MODES)
def test_oversized_frame_skipped_with_its_stream(mode: str) -> None:
    c, s = Peer(), Peer()
    ok = [(":status", "200"), ("content-type", J)]
    conv = Conversation(
        [
            (True, PREFACE + settings() + c.headers(1, request_headers("GET", "/a", None), True)),
            (True, c.headers(3, request_headers("GET", "/b", None), True)),
            (False, s.headers(1, ok) + data(1, b'{"big":"' + b"x" * 40_000 + b'"}', True)),
            (False, s.headers(3, ok) + data(3, b'{"b":1}', end_stream=True)),
        ]
    )
    core = _core(h2_max_frame_bytes=16384)
    out = run(core, frames(conv, mode, 1))
    assert [(ex.stream_id, ex.response.body) for ex in out] == [(3, b'{"b":1}')]
    assert core.dropped[Drop.H2_FRAME_LIMIT] == 1


def test_repeated_blocks_decoded_again_after_the_table_changed() -> None:
    """The same block bytes mean another header once the dynamic table has changed."""
    from interceptor.h2 import H2Limits, _Direction

    enc = hpack.Encoder()
    d = _Direction(H2Limits(), 65536, preface=False, synced=True)
    assert d.decoded(enc.encode([("x-k", "v1")])) == [(b"x-k", b"v1")]
    first = enc.encode([("x-k", "v1")])
    assert d.decoded(first) == [(b"x-k", b"v1")]
    assert d.decoded(first) == [(b"x-k", b"v1")]  # from the cache
    assert d.decoded(enc.encode([("x-k", "v2")])) == [(b"x-k", b"v2")]
    again = enc.encode([("x-k", "v2")])
    assert again == first  # index 62 again, now naming the newer entry
    assert d.decoded(again) == [(b"x-k", b"v2")]
