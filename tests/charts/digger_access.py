"""What the digger's code reads from the Kubernetes API, found from the code itself.

`ClusterWatcher.from_settings` is run with the credentials loading stubbed out and the
watches captured, so a resource added to (or dropped from) the code shows up here and the
RBAC tests compare the chart's ClusterRole against it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from common.service import Runtime
from digger.cluster import ClusterWatcher
from digger.settings import DiggerSettings

#: API group of each kubernetes-client API class the digger may use
_GROUPS = {"CoreV1Api": "", "AppsV1Api": "apps", "BatchV1Api": "batch"}
#: the verbs a list-then-watch needs (no get: nothing is read by name)
VERBS = ("list", "watch")


class _Captured(ClusterWatcher):
    def __init__(self, settings: DiggerSettings, list_fns: dict[str, Any], publish: Any) -> None:
        self.list_fns = list_fns
        self.watchers = []


def watched_resources(monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, str]]:
    """(API group, resource) of every list/watch the digger's ClusterWatcher makes."""
    from kubernetes import config

    monkeypatch.setattr(config, "load_incluster_config", lambda *a, **k: None)
    settings = DiggerSettings(identity_source="kubernetes", publish_pods=False)
    watcher = _Captured.from_settings(settings, Runtime())
    assert isinstance(watcher, _Captured)
    found = set()
    for fn in watcher.list_fns.values():
        api = type(fn.__self__).__name__
        match = re.fullmatch(r"list_(\w+)_for_all_namespaces", fn.__name__)
        where = f"unexpected Kubernetes call {api}.{fn.__name__}"
        assert api in _GROUPS, where
        assert match, where
        found.add((_GROUPS[api], match.group(1).replace("_", "") + "s"))
    return found
