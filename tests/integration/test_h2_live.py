"""Real HTTP/2 and gRPC stacks between network namespaces (``svh2-*``), captured with
dumpcap and read by the interceptor core: every answered JSON exchange and gRPC call comes
out once, paired right, and nothing is counted as an internal error."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.settings import load_settings
from interceptor.core import Core
from interceptor.drops import Drop
from interceptor.replay import read_records
from interceptor.settings import InterceptorSettings
from protos.sieve.v1 import exchange_pb2
from tests.conftest import requires_root
from tests.interceptor.conversation import frames, run
from tests.interceptor.h2_stacks.grpc_users import compile_proto
from tests.interceptor.h2_stacks.stacks import H2Stacks, conversations

pytestmark = [
    pytest.mark.integration,
    pytest.mark.netns,
    requires_root,
    pytest.mark.skipif(not shutil.which("node"), reason="needs node"),
    pytest.mark.skipif(not shutil.which("dumpcap"), reason="needs dumpcap"),
]


@pytest.fixture
def stacks(tmp_path: Path) -> Iterator[H2Stacks]:
    s = H2Stacks(tmp_path)
    try:
        yield s
    finally:
        s.close()


def _read(pcap: Path, **settings: object) -> tuple[list[exchange_pb2.HttpExchange], Core]:
    core = Core(load_settings(InterceptorSettings, discover_pods=False, **settings))
    out = [rec.parse() for rec in read_records(pcap, core=core)]
    return out, core


def test_node_curl_and_declined_upgrade(stacks: H2Stacks) -> None:
    stacks.start_capture()
    node = stacks.node(8080, connections=2, streams=60)
    curl = stacks.curl_prior_knowledge(8080, 5) if _curl_has_http2() else 0
    declined = stacks.curl_declined_upgrade(8081, 6)
    pcap = stacks.stop_capture()
    out, core = _read(pcap)
    assert not core.dropped[Drop.INTERNAL_ERROR]
    h2 = [ex for ex in out if ex.protocol == exchange_pb2.PROTOCOL_HTTP2]
    h1 = [ex for ex in out if ex.protocol == exchange_pb2.PROTOCOL_HTTP1]
    assert len(h2) == node + curl
    assert len(h1) == declined == 6
    assert not core.dropped[Drop.UPGRADE]
    # pairs: the response echoes the request's user id (a wrong pair would not)
    for ex in h2:
        body = json.loads(ex.response.body)
        if ex.request.body:
            assert body["got"] == json.loads(ex.request.body)
        if "?i=" in ex.request.target and ex.request.method == "GET":
            i = int(ex.request.target.rsplit("=", 1)[1])
            assert body["user"]["id"] == i
    ids = Counter((ex.connection_id, ex.stream_id) for ex in h2)
    assert max(ids.values()) == 1
    assert len({ex.connection_id for ex in h2}) >= 2


def _curl_has_http2() -> bool:
    import subprocess

    out = subprocess.run(["curl", "--version"], capture_output=True, text=True, check=False)
    return "HTTP2" in out.stdout


def test_grpc_unary_and_server_streaming(stacks: H2Stacks, tmp_path: Path) -> None:
    gen = tmp_path / "gen"
    desc = compile_proto(gen)
    stacks.start_capture()
    answered = stacks.grpc(50051, gen, 40)
    pcap = stacks.stop_capture()
    assert answered == 44
    out, core = _read(pcap)
    assert not core.dropped[Drop.INTERNAL_ERROR]
    calls = [ex for ex in out if ex.protocol == exchange_pb2.PROTOCOL_GRPC]
    assert len(calls) == 44, dict(core.dropped)
    unary = [ex for ex in calls if ex.request.target.endswith("/GetUser")]
    streams = [ex for ex in calls if ex.request.target.endswith("/ListUsers")]
    assert len(unary) == 40
    assert len(streams) == 4
    for ex in unary:
        (req,) = json.loads(ex.request.body)
        (user,) = json.loads(ex.response.body)
        uid = user.get("1", 0)  # 0 is proto3's default: not sent
        assert uid == int(req.get("1", "0"))  # the id asked for: paired right
        assert user["2"] == f"user{uid}@example.org"
        assert user["3"] == {"1": f"{uid} Main St", "2": "Springfield"}
        assert {h.name: h.value for h in ex.response.headers}["grpc-status"] == "0"
    for ex in streams:
        users = json.loads(ex.response.body)
        assert [u["1"] for u in users[1:]] == [1, 2]  # id 0 is proto3's default: not sent
        assert all(len(u["5"]) == 40_000 for u in users)
    # with the user's descriptors: field names
    named, _ = _read(pcap, grpc_descriptor_set=str(desc))
    unary_named = [ex for ex in named if ex.request.target.endswith("/GetUser")]
    (user,) = json.loads(unary_named[0].response.body)
    assert set(user) >= {"email", "addresses", "phone"}


def test_grpc_joined_mid_connection_reports_no_guess(stacks: H2Stacks, tmp_path: Path) -> None:
    """An interceptor started in the middle of a gRPC connection: the client's HPACK table
    holds entries it never saw, so calls are dropped and counted, never reported with a
    guessed header; what is reported is paired right."""
    gen = tmp_path / "gen"
    compile_proto(gen)
    stacks.start_capture()
    stacks.grpc(50051, gen, 30)
    pcap = stacks.stop_capture()
    full, _ = _read(pcap)
    starts = sorted(ex.request_start.ToNanoseconds() for ex in full if ex.protocol == 3)
    cut = starts[len(starts) // 2] - 1  # just before the 16th call
    core = Core(load_settings(InterceptorSettings, discover_pods=False))
    core.raise_errors = True
    from interceptor.replay import read_batches

    for iface, linktype, times, batch in read_batches(pcap):
        keep = [i for i, t in enumerate(times) if t * 1e9 >= cut]
        core.feed_many(iface, linktype, [times[i] for i in keep], [batch[i] for i in keep])
    core.close_all()
    joined = core.take()
    assert core.dropped[Drop.H2_TABLE_LOST] >= 1
    assert core.dropped[Drop.H2_HEADER_UNKNOWN] >= 1
    truth = {(ex.stream_id, ex.request.body, ex.response.body) for ex in full}
    for ex in joined:
        assert (ex.stream_id, ex.request.body, ex.response.body) in truth


@pytest.mark.parametrize("mode", ["whole", "bytes", "shuffled"])
def test_real_streams_fed_whole_bytewise_and_shuffled(
    stacks: H2Stacks, tmp_path: Path, mode: str
) -> None:
    """The bytes real stacks sent (Node http2 with concurrent streams, grpcio with messages
    over many frames), cut again into segments of one byte or shuffled with
    retransmissions: the same exchanges as the capture read as it was."""
    gen = tmp_path / "gen"
    compile_proto(gen)
    stacks.start_capture()
    stacks.node(8080, connections=1, streams=20)
    stacks.grpc(50051, gen, 1)
    pcap = stacks.stop_capture()
    want, _ = _read(pcap)
    assert len(want) == 22
    convs = conversations(pcap)
    got = []
    # a 120 kB message shuffled in pieces of up to 700 bytes: more out-of-order segments
    # than the default limit, which would (rightly) declare bytes lost
    roomy = {"max_out_of_order_segments": 4096, "max_stream_buffer_bytes": 8 << 20}
    for i, conv in enumerate(convs):
        core = Core(load_settings(InterceptorSettings, discover_pods=False, **roomy))
        core.raise_errors = True
        got += run(core, frames(conv, mode, seed=i))
        assert not core.dropped, dict(core.dropped)

    def key(ex: exchange_pb2.HttpExchange) -> tuple[object, ...]:
        return (ex.protocol, ex.stream_id, ex.request.target, ex.request.body, ex.response.body)

    assert sorted(map(key, got)) == sorted(map(key, want))
