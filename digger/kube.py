"""Former home of the cluster state and the watch loop, now `digger.cluster_state` (sans-IO)
and `digger.watch` (IO); these names stay importable from here for existing callers."""

from __future__ import annotations

from digger.cluster_state import ClusterState, PublishFn
from digger.watch import ResourceWatcher, WatchGoneError

__all__ = ["ClusterState", "PublishFn", "ResourceWatcher", "WatchGoneError"]
