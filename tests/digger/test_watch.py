"""The list-then-watch loop against canned API responses: events, bookmarks, 410, backoff."""

from __future__ import annotations

import json
import threading
from typing import Any

from kubernetes.client.exceptions import ApiException

from digger.cluster_state import ClusterState
from digger.watch import ResourceWatcher
from tests.digger.test_kube import pod


class FakeApi:
    """Canned responses of a kubernetes list function (list, then watch streams)."""

    class Resp:
        def __init__(self, data: bytes = b"", lines: list[bytes] | None = None) -> None:
            self.data = data
            self.lines = lines or []
            self.released = False

        def __iter__(self):
            return iter(self.lines)

        def release_conn(self) -> None:
            self.released = True

    def __init__(self, script: list[Any], stop: threading.Event) -> None:
        self.script = script
        self.calls: list[dict[str, Any]] = []
        self.stop = stop

    def __call__(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        if not self.script:
            self.stop.set()
            return self.Resp(lines=[])
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        return step


def listing(rv: str, items: list[dict[str, Any]]) -> FakeApi.Resp:
    return FakeApi.Resp(
        data=json.dumps({"metadata": {"resourceVersion": rv}, "items": items}).encode()
    )


def stream(*events: dict[str, Any]) -> FakeApi.Resp:
    return FakeApi.Resp(lines=[json.dumps(e).encode() + b"\n" for e in events])


def test_watch_loop_events_bookmarks_gone_and_errors():
    stop = threading.Event()
    state = ClusterState()
    too_many = ApiException(status=429, reason="Too Many Requests")
    too_many.headers = {"Retry-After": "7"}
    script = [
        listing("100", [pod("a", "10.0.0.1", rv="99")]),
        stream(
            {"type": "ADDED", "object": pod("b", "10.0.0.2", rv="101")},
            {"type": "BOOKMARK", "object": {"metadata": {"resourceVersion": "150"}}},
            {"type": "MODIFIED", "object": pod("b", "10.0.0.22", rv="151")},
        ),
        stream(
            {"type": "DELETED", "object": pod("a", "10.0.0.1", rv="152")},
            {"type": "ERROR", "object": {"code": 410, "reason": "Expired"}},
        ),
        listing("300", [pod("b", "10.0.0.22"), pod("c", "10.0.0.3")]),
        too_many,
        stream({"type": "ERROR", "object": {"code": 500, "reason": "InternalError"}}),
        ApiException(status=410, reason="Gone"),
        listing("400", [pod("b", "10.0.0.22")]),
        stream(),
    ]
    api = FakeApi(script, stop)
    sleeps: list[float] = []
    w = ResourceWatcher(
        "pods", api, state, stop=stop, backoff_initial=0.5, backoff_max=30, sleep=sleeps.append
    )
    w.run()
    t = state.table
    assert t.resolve("10.0.0.1") is None
    assert t.resolve("10.0.0.2") is None
    assert t.resolve("10.0.0.22") is not None
    assert t.resolve("10.0.0.3") is None  # gone from the last relist: deleted
    watch_calls = [c for c in api.calls if c.get("watch")]
    # watches continue from the list's rv, then from the bookmark / last event
    assert [c["resource_version"] for c in watch_calls[:2]] == ["100", "151"]
    assert all(c["allow_watch_bookmarks"] for c in watch_calls)
    assert watch_calls[2]["resource_version"] == "300"
    assert w.restarts["gone"] == 1  # ERROR 410 event → relist without sleeping
    assert w.restarts["http_429"] == 1
    assert w.restarts["http_410"] == 1
    assert w.restarts["RuntimeError"] == 1
    # Retry-After 7 s honoured (above the 0.5 s backoff), backoff grows, then bounded
    assert sleeps[0] == 7.0
    assert len(sleeps) == 3
    assert api.calls[-1]["watch"]  # ended in a watch after the last relist
    assert w.resource_version == "400"


def test_backoff_is_bounded():
    stop = threading.Event()
    errors: list[Any] = [ConnectionError("refused") for _ in range(12)]
    api = FakeApi([*errors, listing("1", [])], stop)
    sleeps: list[float] = []
    w = ResourceWatcher(
        "pods",
        api,
        ClusterState(),
        stop=stop,
        backoff_initial=0.5,
        backoff_max=4,
        sleep=sleeps.append,
    )
    w.run()
    assert len(sleeps) == 12
    assert max(sleeps) <= 4
    assert sleeps[-1] >= 2  # grew to the bound (jitter keeps it within [bound/2, bound])
    assert w.synced.is_set()
