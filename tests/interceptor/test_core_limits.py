"""Attribution (no duplicates), limits, gaps, bad input, idle timeout."""

from __future__ import annotations

import random

import pytest

from common.settings import load_settings
from interceptor.core import Core
from interceptor.settings import InterceptorSettings
from interceptor.synthetic import tcp_frame
from tests.interceptor.conversation import Conversation, frames, request, response, run, summary

CONV = Conversation(
    [
        (True, request("POST", "/a", b'{"a":1}')),
        (False, response(200, b'{"ok":1}')),
        (True, request("GET", "/b")),
        (False, response(200, b'{"ok":2}')),
    ]
)
EXPECTED = [
    ("POST", "/a", 200, b'{"a":1}', b'{"ok":1}', False, False),
    ("GET", "/b", 200, b"", b'{"ok":2}', False, False),
]


def _both_veths(core: Core, fr: list[tuple[float, bytes]]) -> list[tuple[object, ...]]:
    """Feed each frame as seen on the client's veth and then on the server's veth."""
    for ts, f in fr:
        core.feed("veth-client", 1, ts, f)
        core.feed("veth-server", 1, ts + 0.00001, f)
    core.close_all()
    return [(ex.interface, *summary(ex)) for ex in core.take()]


def test_two_local_pods_reported_once_on_the_server_interface() -> None:
    core = Core(local_ips={"veth-client": ["10.251.1.1"], "veth-server": ["10.251.1.2"]})
    got = _both_veths(core, frames(CONV, "shuffled", 3))
    assert got == [("veth-server", *e) for e in EXPECTED]
    assert core.dropped["other_capture_point"] > 0


def test_remote_server_reported_on_the_client_interface() -> None:
    core = Core(local_ips={"veth-client": ["10.251.1.1"], "veth-x": ["10.251.1.9"]})
    out = run(core, frames(CONV, "whole"), iface="veth-client")
    assert [ex.interface for ex in out] == ["veth-client", "veth-client"]


def test_server_of_another_node_or_service_ip_is_left_to_the_server_side() -> None:
    # 10.251.1.2 is the server in CONV: a pod of another node, or a Service ClusterIP
    core = Core()
    core.set_local_ips({"veth-client": ["10.251.1.1"]}, cluster_ips=["10.251.1.2"])
    assert run(core, frames(CONV, "whole"), iface="veth-client") == []
    assert core.dropped["not_local"] > 0


def test_local_server_wins_over_the_cluster_list() -> None:
    core = Core()
    core.set_local_ips(
        {"veth-client": ["10.251.1.1"], "veth-server": ["10.251.1.2"]},
        cluster_ips=["10.251.1.1", "10.251.1.2"],
    )
    got = _both_veths(core, frames(CONV, "whole"))
    assert got == [("veth-server", *e) for e in EXPECTED]


def test_bridge_filter_ignores_other_hosts() -> None:
    core = Core(local_ips={"cni0": ["10.251.9.9"]})
    assert run(core, frames(CONV, "whole"), iface="cni0") == []
    assert core.dropped["not_local"] > 0


def test_without_a_map_the_first_interface_owns_the_connection() -> None:
    core = Core(local_ips=None)
    got = _both_veths(core, frames(CONV, "whole"))
    assert got == [("veth-client", *e) for e in EXPECTED]


def test_connection_limit_evicts_least_recently_used() -> None:
    settings = load_settings(InterceptorSettings, max_connections=10)
    core = Core(settings)
    for i in range(50):
        core.feed(
            "v", 1, 1.0 + i, tcp_frame("10.251.2.1", "10.251.2.2", 1000 + i, 80, 0, 0, 2, b"")
        )
    assert core.active_connections == 10
    assert core.dropped["connection_limit"] == 40
    # the newest survive
    assert {k[1] for k in core.connections} | {k[3] for k in core.connections} >= set(
        range(1040, 1050)
    )


def test_idle_timeout_ends_connections() -> None:
    settings = load_settings(InterceptorSettings, idle_timeout_seconds=10)
    core = Core(settings)
    core.feed("v", 1, 100.0, tcp_frame("10.251.2.1", "10.251.2.2", 1000, 80, 0, 0, 2, b""))
    core.feed("v", 1, 105.0, tcp_frame("10.251.2.1", "10.251.2.2", 1001, 80, 0, 0, 2, b""))
    core.feed("v", 1, 112.0, tcp_frame("10.251.2.1", "10.251.2.2", 1002, 80, 0, 0, 2, b""))
    assert core.active_connections == 2
    assert core.dropped["idle_timeout"] == 1


def test_gap_resynchronises_at_the_next_message() -> None:
    settings = load_settings(InterceptorSettings, max_stream_buffer_bytes=2048)
    conv = Conversation(
        [
            (True, request("GET", "/1")),
            (False, response(200, b'{"big":"' + b"x" * 6000 + b'"}')),
            (True, request("GET", "/2")),
            (False, response(200, b'{"two":2}')),
        ]
    )
    fr = frames(conv, "whole")
    # lose the middle of the big response: rebuild it as MSS segments and drop one
    core = Core(settings)
    seen = []
    for ts, f in fr:
        if len(f) > 4000:  # the big response frame: send it split, with a hole
            hdr, payload = f[:54], f[54:]
            seq = int.from_bytes(f[38:42], "big")
            for off in range(0, len(payload), 1000):
                if off == 2000:
                    continue
                seen.append(
                    (
                        ts,
                        tcp_frame(
                            "10.251.1.2",
                            "10.251.1.1",
                            8080,
                            40001,
                            seq + off,
                            0,
                            0x18,
                            payload[off : off + 1000],
                        ),
                    )
                )
            assert hdr
        else:
            seen.append((ts, f))
    got = [summary(ex) for ex in run(core, seen)]
    assert got == [("GET", "/2", 200, b"", b'{"two":2}', False, False)]
    assert core.stream_stats.gaps == 1
    assert core.dropped["gap"] == 1


def test_head_too_large_is_a_counted_parse_error() -> None:
    settings = load_settings(InterceptorSettings, max_header_bytes=1024)
    conv = Conversation(
        [
            (True, request("GET", "/big", headers="X-Big: " + "a" * 5000 + "\r\n")),
            (False, response(200, b"{}")),
            (True, request("GET", "/ok")),
            (False, response(200, b"{}")),
        ]
    )
    core = Core(settings)
    got = [summary(ex)[:3] for ex in run(core, frames(conv, "whole"))]
    assert got == [("GET", "/ok", 200)]
    assert core.dropped["header_limit"] == 1


def test_port_reuse_after_rst_starts_a_new_connection() -> None:
    core = Core()
    fr = frames(CONV, "whole")
    rst = tcp_frame("10.251.1.1", "10.251.1.2", 40001, 8080, 99, 0, 0x04, b"")
    fr2 = frames(Conversation(CONV.messages, isn_client=555_555), "whole")
    out = run(core, fr[:-3] + [(fr[-3][0], rst)] + [(t + 1, f) for t, f in fr2])
    assert len(out) == 4
    assert len({ex.connection_id for ex in out}) == 2


def test_garbage_frames_are_counted_never_raised() -> None:
    rnd = random.Random(1)
    core = Core()
    for i in range(2000):
        core.feed(
            "v", rnd.choice([1, 113, 276, 101, 7]), float(i), rnd.randbytes(rnd.randint(0, 80))
        )
    assert core.dropped["malformed"] + core.dropped["not_tcp"] > 0


def test_late_fin_or_ack_of_a_closed_connection_starts_nothing() -> None:
    core = Core()
    out = run(core, frames(CONV, "whole"))
    assert len(out) == 2
    core.feed("veth0", 1, 5.0, tcp_frame("10.251.1.1", "10.251.1.2", 40001, 8080, 9, 9, 0x11, b""))
    core.feed("veth0", 1, 5.0, tcp_frame("10.251.1.2", "10.251.1.1", 8080, 40001, 9, 9, 0x10, b""))
    assert core.active_connections == 0


def test_core_takes_its_settings_not_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIEVE_INTERCEPTOR_MAX_CONNECTIONS", "3")
    assert Core().settings.max_connections == 100_000
    given = load_settings(InterceptorSettings, max_connections=7)
    assert Core(given).settings.max_connections == 7
