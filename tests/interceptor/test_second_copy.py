"""Pod to pod on one node: the owner's interface reports, the other copy fills its losses."""

from __future__ import annotations

from interceptor.core import Core
from tests.interceptor.conversation import CLIENT, SERVER, Conversation, frames, request, response

CONV = Conversation(
    [
        (True, request("POST", "/a", b'{"a": 1}')),
        (False, response(201, b'{"id": 1}')),
        (True, request("GET", "/b")),
        (False, response(200, b'{"b": 2}')),
    ]
)
MAP = {"veths": [SERVER[0]], "vethc": [CLIENT[0]]}


def _run(use_second_copy: bool, lose: int) -> tuple[list[tuple[str, str]], Core]:
    core = Core(local_ips=MAP)
    core.raise_errors = True
    core.use_second_copy = use_second_copy
    for i, (ts, f) in enumerate(frames(CONV, "whole")):
        core.feed("vethc", 1, ts, f)  # the client's interface sees it first
        if i != lose:
            core.feed("veths", 1, ts + 1e-6, f)
    core.close_all()
    return [(ex.interface, ex.request.target) for ex in core.take()], core


def test_the_other_copy_fills_a_loss_on_the_owner() -> None:
    # frame 4 is the first response: lost on the server's (owner's) interface only
    got, core = _run(True, 4)
    assert got == [("veths", "/a"), ("veths", "/b")]  # reported once, by the owner
    assert core.dropped["gap"] == 0
    assert core.second_copy_segments > 0


def test_without_the_copy_the_loss_costs_the_exchange() -> None:
    got, core = _run(False, 4)
    assert got == [("veths", "/b")]
    assert core.dropped["gap"] == 1


def test_the_other_copy_never_opens_a_connection_again() -> None:
    # the owner's interface was read first and ended the connection; the other copy,
    # read later, must not report it a second time
    core = Core(local_ips=MAP)
    core.raise_errors = True
    fr = frames(CONV, "whole")
    for ts, f in fr:
        core.feed("veths", 1, ts, f)
    for ts, f in fr:
        core.feed("vethc", 1, ts + 1e-6, f)
    core.close_all()
    assert [ex.request.target for ex in core.take()] == ["/a", "/b"]


def test_late_owner_copies_after_the_other_copy_ended_it_are_not_reported_again() -> None:
    # interfaces are read in turns: the other copy brings the end (FINs) before the
    # owner's copies of the last exchange arrive; those must not start it again
    conv = Conversation(
        [
            (True, request("GET", "/a")),
            (False, response(200, b'{"a": 1}')),
            (True, request("GET", "/b")),
            (False, response(200, b'{"b": 2}')),
            (True, request("GET", "/c")),
            (False, response(200, b'{"c": 3}')),
        ]
    )
    fr = frames(conv, "whole")
    core = Core(local_ips=MAP)
    core.raise_errors = True
    for ts, f in fr[:-7]:
        core.feed("veths", 1, ts, f)
    for ts, f in fr:
        core.feed("vethc", 1, ts, f)
    for ts, f in fr[-7:]:
        core.feed("veths", 1, ts + 1e-3, f)
    core.close_all()
    assert [ex.request.target for ex in core.take()] == ["/a", "/b", "/c"]
    assert core.dropped["after_end"] > 0


def test_a_copy_whose_syn_was_refused_does_not_start_the_connection_mid_stream() -> None:
    # the client's interface is read first: it refuses the SYN (the server's interface
    # owns the connection), then its copy of the first request must not open the
    # connection mid-stream under the lower-port guess, which here names the client
    # (ephemeral port 40001 below the server's 50051) as the server and its interface
    # as the owner
    conv = Conversation(CONV.messages, server=(SERVER[0], 50051))
    fr = frames(conv, "whole")
    core = Core(local_ips=MAP)
    core.raise_errors = True
    for ts, f in fr[:5]:
        core.feed("vethc", 1, ts, f)
    for ts, f in fr:
        core.feed("veths", 1, ts + 1e-4, f)
    for ts, f in fr[5:]:
        core.feed("vethc", 1, ts + 2e-4, f)
    core.close_all()
    assert [(ex.interface, ex.request.target) for ex in core.take()] == [
        ("veths", "/a"),
        ("veths", "/b"),
    ]
    assert core.dropped["gap"] == 0
    assert core.dropped["parse_error"] == 0
