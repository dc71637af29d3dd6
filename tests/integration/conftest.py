"""Fixtures of the integration tests beyond the root conftest (a real Kubernetes API server)."""

from tests.k8s.cluster import k8s_admin, k8s_cluster, k8s_namespace

__all__ = ["k8s_admin", "k8s_cluster", "k8s_namespace"]
