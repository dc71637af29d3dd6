"""A real node (scripts/k8s_node.py) joined to a real API server, for the tests here.

Skipped, with the reason, without root or before `python -m scripts.k8s_dev node build`
(CI: .ci/setup.d/75-node.sh) has built the node's binaries.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from scripts import images, k8s_dev, k8s_node


@pytest.fixture(scope="session")
def local_registry() -> Iterator[None]:
    """The registry the images were pushed to (scripts/images, .ci/setup.d/75-images.sh),
    started when it is built and stopped afterwards unless it was already running. Without
    it, the tests that need an image skip and say so."""
    if os.geteuid() != 0 or not images.REGISTRY_BIN.exists():
        yield
        return
    was_up = images.registry_up()
    images.registry_start()
    try:
        yield
    finally:
        if not was_up:
            images.registry_stop()


@pytest.fixture(scope="session")
def k8s_node_up(
    tmp_path_factory: pytest.TempPathFactory, local_registry: None
) -> Iterator[k8s_node.Node]:
    """API server + controllers + containerd + kubelet + kube-proxy + CoreDNS, node Ready."""
    if os.geteuid() != 0:
        pytest.skip("a node needs root (links, mounts, cgroups)")
    missing = k8s_node.missing_binaries() + k8s_dev.missing_binaries()
    if missing:
        pytest.skip(
            f"{missing[0]} not built: run `{k8s_node.BUILD_COMMAND}` (.ci/setup.d/75-node.sh)"
        )
    workdir = tmp_path_factory.mktemp("node")
    k8s_node.cleanup()  # what a crashed run left
    cluster = k8s_node.start_cluster(workdir / "cluster")
    node = k8s_node.Node(cluster, workdir / "node")
    try:
        node.start()
        yield node
    finally:
        node.stop()
        cluster.stop()
    assert k8s_node.leftovers() == []
