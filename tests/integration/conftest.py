"""Fixtures of the integration tests beyond the root conftest.

A real Kubernetes API server (tests/k8s), and for the digger's tests a stand-in detector
serving the documented HTTP contract plus a real gRPC ingest server.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.digger.ingest_server import IngestServer
from tests.digger.standin import StandinDetectorServer
from tests.k8s.cluster import k8s_admin, k8s_cluster, k8s_namespace

__all__ = ["detector", "ingest", "k8s_admin", "k8s_cluster", "k8s_namespace"]


@pytest.fixture
def detector() -> Iterator[StandinDetectorServer]:
    """A stand-in detector on loopback (the documented POST /v1/detect contract)."""
    server = StandinDetectorServer().start()
    yield server
    server.stop()


@pytest.fixture
def ingest() -> Iterator[IngestServer]:
    """A real gRPC IngestService server on loopback that records what it stores."""
    server = IngestServer().start()
    yield server
    server.stop()
