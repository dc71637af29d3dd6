"""The demo shop (`standalone.demo`) as Kubernetes Deployments and Services on a real node.

Each role of the shop runs as one Deployment named after its workload, in the namespace the
demo's topology gives it (``users`` in ``accounts``, ``orders`` in ``shop``, …), behind a
Service of the same name, so ``users.accounts`` (the demo's Host header) is also the
Service's DNS name. The external payment gateway runs as ``paygate`` in ``paygate-ext``.

In a pod: ``python -m tests.node.shop_pods ROLE`` serves the role on every address of the
pod and calls its upstreams by Service name; the code is the demo's own
(`standalone.demo.services`), mounted from this checkout (the node is this machine).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from standalone.demo import topology

REPO = Path(__file__).resolve().parents[2]
EXTERNAL_NAMESPACE = "paygate-ext"


def namespace_of(service: topology.Service) -> str:
    """Where ``service`` runs in the cluster."""
    return service.namespace or EXTERNAL_NAMESPACE


def deployment_of(service: topology.Service) -> str:
    """The Deployment (and Service) name of ``service``."""
    return "paygate" if service.external else service.workload


def dns_name(service: topology.Service) -> str:
    """The Service's name clients resolve."""
    return f"{deployment_of(service)}.{namespace_of(service)}.svc.cluster.local"


def manifests(image: str, rate: float = 2.0, frontend_replicas: int = 1) -> list[dict[str, Any]]:
    """Namespaces, Deployments and Services of the shop, run from ``image`` (Python 3.11+).

    ``frontend_replicas=0`` lets the servers start before any customer visits: a capture
    joining a gRPC connection mid-stream stays blind to it (README, HTTP/2 and gRPC).
    """
    docs: list[dict[str, Any]] = []
    for namespace in sorted({namespace_of(s) for s in topology.SERVICES}):
        docs.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}})
    for service in topology.SERVICES:
        name, namespace = deployment_of(service), namespace_of(service)
        labels = {"app": name}
        args = ["python", "-m", "tests.node.shop_pods", service.role, "--rate", str(rate)]
        container: dict[str, Any] = {
            "name": name,
            "image": image,
            "imagePullPolicy": "IfNotPresent",
            "command": args,
            "env": [
                {"name": "PYTHONPATH", "value": "/src"},
                {"name": "PYTHONDONTWRITEBYTECODE", "value": "1"},
            ],
            "workingDir": "/src",
            "volumeMounts": [{"name": "src", "mountPath": "/src", "readOnly": True}],
            "securityContext": {
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": True,
                "capabilities": {"drop": ["ALL"]},
            },
        }
        if service.role != "frontend":
            container["ports"] = [{"containerPort": service.port, "name": "serve"}]
            container["readinessProbe"] = {
                "tcpSocket": {"port": service.port},
                "periodSeconds": 2,
            }
        docs.append(
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": name, "namespace": namespace, "labels": labels},
                "spec": {
                    "replicas": frontend_replicas if service.role == "frontend" else 1,
                    "selector": {"matchLabels": labels},
                    "template": {
                        "metadata": {"labels": labels},
                        "spec": {
                            "terminationGracePeriodSeconds": 2,
                            "enableServiceLinks": False,
                            "automountServiceAccountToken": False,
                            "containers": [container],
                            "volumes": [
                                {
                                    "name": "src",
                                    "hostPath": {"path": str(REPO), "type": "Directory"},
                                }
                            ],
                        },
                    },
                },
            }
        )
        if service.role == "frontend":
            continue
        docs.append(
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": name, "namespace": namespace, "labels": labels},
                "spec": {
                    "selector": labels,
                    "ports": [{"port": service.port, "targetPort": service.port, "name": "serve"}],
                },
            }
        )
    return docs


def _in_cluster(role: str) -> dict[str, topology.Service]:
    """The topology with upstreams addressed by Service name and ``role`` listening on all."""
    return {
        r: dataclasses.replace(s, ip="0.0.0.0" if r == role else dns_name(s))
        for r, s in topology.BY_ROLE.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Run one role of the shop in a pod."""
    from standalone.demo import services

    parser = argparse.ArgumentParser(prog="python -m tests.node.shop_pods")
    parser.add_argument("role", choices=sorted(topology.BY_ROLE))
    parser.add_argument("--rate", type=float, default=2.0)
    args = parser.parse_args(argv)
    services.BY_ROLE = _in_cluster(args.role)  # type: ignore[attr-defined]
    print(f"shop {args.role}: starting", flush=True)
    return services.main([args.role, "--rate", str(args.rate)])


if __name__ == "__main__":
    sys.exit(main())
