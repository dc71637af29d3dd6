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


def test_opened_from_the_other_copy_when_the_owner_lost_the_syn() -> None:
    got, _core = _run(True, 0)
    assert got == [("veths", "/a"), ("veths", "/b")]
