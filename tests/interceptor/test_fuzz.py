"""Hypothesis: whatever arrives, the core only counts errors; valid traffic survives noise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interceptor.core import Core
from interceptor.frames import TCP_ACK
from interceptor.synthetic import tcp_frame
from tests.interceptor.conversation import Conversation, frames, request, response, run, summary


def _core() -> Core:
    core = Core()
    core.raise_errors = True  # a bug fails the test instead of hiding in a counter
    return core


_HTTPISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                b"GET / HTTP/1.1\r\n",
                b"HTTP/1.1 200 OK\r\n",
                b"HTTP/1.1 100 Continue\r\n\r\n",
                b"Content-Type: application/json\r\n",
                b"Content-Length: 5\r\n",
                b"Transfer-Encoding: chunked\r\n",
                b"Content-Encoding: gzip\r\n",
                b"\r\n",
                b"5\r\nhello\r\n0\r\n\r\n",
                b"HEAD /x HTTP/1.0\r\n",
                b"{}",
            ]
        ),
        st.binary(max_size=40),
    ),
    max_size=30,
).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    client=_HTTPISH,
    server=_HTTPISH,
    cuts=st.lists(st.integers(1, 50), min_size=1, max_size=5),
    seqs=st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)),
)
def test_http_noise_never_raises(
    client: bytes, server: bytes, cuts: list[int], seqs: tuple[int, int]
) -> None:
    core = _core()
    cseq, sseq = seqs
    ts = 1.0
    for i, data in enumerate((client, server, client, server)):
        from_client = i % 2 == 0
        pos = 0
        step = cuts[i % len(cuts)]
        while pos < len(data):
            piece = data[pos : pos + step]
            if from_client:
                f = tcp_frame("10.251.3.1", "10.251.3.2", 5000, 80, cseq + pos, 0, TCP_ACK, piece)
            else:
                f = tcp_frame("10.251.3.2", "10.251.3.1", 80, 5000, sseq + pos, 0, TCP_ACK, piece)
            core.feed("v", 1, ts, f)
            ts += 0.001
            pos += step
        if from_client:
            cseq += len(data)
        else:
            sseq += len(data)
    core.close_all()
    for ex in core.take():
        assert ex.request.method  # anything emitted is a paired exchange
    assert core.active_connections == 0
    assert core.dropped["internal_error"] == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=120), max_size=40))
def test_random_frames_never_raise(blobs: list[bytes]) -> None:
    core = _core()
    for i, blob in enumerate(blobs):
        core.feed("v", 1, float(i), blob)
        core.feed(
            "v", 1, float(i), tcp_frame("10.251.3.1", "10.251.3.2", 1, 2, i, 0, i & 0x3F, blob)
        )
    core.close_all()
    core.take()
    assert core.dropped["internal_error"] == 0


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), noise=st.lists(st.binary(min_size=1, max_size=60), max_size=5))
def test_valid_exchange_survives_unrelated_noise(seed: int, noise: list[bytes]) -> None:
    conv = Conversation(
        [(True, request("POST", "/n", b'{"n":1}')), (False, response(200, b'{"r":1}'))]
    )
    fr = frames(conv, "shuffled", seed)
    junk = [(0.5, tcp_frame("10.251.4.1", "10.251.4.2", 7, 80, 0, 0, TCP_ACK, b)) for b in noise]
    core = _core()
    got = [summary(ex) for ex in run(core, junk + fr)]
    assert core.dropped["internal_error"] == 0
    assert got == [("POST", "/n", 200, b'{"n":1}', b'{"r":1}', False, False)]
