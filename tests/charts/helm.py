"""Render the Sieve chart with the real `helm` binary and walk the manifests it produces."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "sieve"
RELEASE = "sieve"
NAMESPACE = "sieve-system"
COMPONENT = "app.kubernetes.io/component"

Manifest = dict[str, Any]


def helm_binary() -> str | None:
    """The helm CI built ($SIEVE_HELM), else one on PATH, else the CI cache's."""
    for candidate in (
        os.environ.get("SIEVE_HELM"),
        shutil.which("helm"),
        str(Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve")) / "bin" / "helm"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


requires_helm = pytest.mark.skipif(
    helm_binary() is None,
    reason="helm binary not found (CI builds it in .ci/setup.d/60-helm.sh)",
)


def run_helm(*args: str, chart: Path = CHART) -> subprocess.CompletedProcess[str]:
    """Run ``helm <args...> <chart>``; never raises on a non-zero exit."""
    helm = helm_binary()
    assert helm is not None
    return subprocess.run(
        [helm, *args, str(chart)], capture_output=True, text=True, timeout=60, check=False
    )


def values_args(values: dict[str, Any], tmp: Path) -> list[str]:
    """``-f file`` arguments for ``values`` (written as YAML into ``tmp``)."""
    if not values:
        return []
    path = tmp / "values.yaml"
    path.write_text(yaml.safe_dump(values))
    return ["-f", str(path)]


def template(values: dict[str, Any], *extra: str) -> subprocess.CompletedProcess[str]:
    """``helm template`` of the chart with ``values``; the completed process."""
    with tempfile.TemporaryDirectory() as tmp:
        return run_helm(
            "template",
            RELEASE,
            "--namespace",
            NAMESPACE,
            *values_args(values, Path(tmp)),
            *extra,
        )


@functools.lru_cache(maxsize=64)
def _render_cached(values_json: str) -> tuple[Manifest, ...]:
    done = template(json.loads(values_json))
    if done.returncode != 0:
        raise AssertionError(f"helm template failed:\n{done.stderr}")
    return tuple(doc for doc in yaml.safe_load_all(done.stdout) if doc)


@dataclass(frozen=True)
class Rendered:
    """The manifests of one ``helm template`` run."""

    docs: tuple[Manifest, ...]

    def of_kind(self, kind: str) -> list[Manifest]:
        """Every manifest of ``kind``."""
        return [d for d in self.docs if d["kind"] == kind]

    def named(self, kind: str, name: str) -> Manifest:
        """The one manifest of ``kind`` named ``name``."""
        found = [d for d in self.of_kind(kind) if d["metadata"]["name"] == name]
        assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
        return found[0]

    def pod_specs(self) -> Iterator[tuple[Manifest, dict[str, Any]]]:
        """(manifest, pod spec) of every workload and every bare (test) Pod."""
        for doc in self.docs:
            if doc["kind"] in ("Deployment", "DaemonSet", "StatefulSet", "Job"):
                yield doc, doc["spec"]["template"]["spec"]
            elif doc["kind"] == "Pod":
                yield doc, doc["spec"]

    def pod_labels(self, doc: Manifest) -> dict[str, str]:
        """Labels of the pods ``doc`` runs."""
        if doc["kind"] == "Pod":
            return dict(doc["metadata"]["labels"])
        return dict(doc["spec"]["template"]["metadata"]["labels"])

    def workload(self, component: str) -> Manifest:
        """The workload (or Pod) of ``component``."""
        found = [
            doc for doc, _ in self.pod_specs() if self.pod_labels(doc).get(COMPONENT) == component
        ]
        assert len(found) == 1, f"component {component}: {len(found)} workloads"
        return found[0]

    def container(self, component: str) -> dict[str, Any]:
        """The one container of ``component``'s pods."""
        spec = pod_spec(self.workload(component))
        assert len(spec["containers"]) == 1
        return dict(spec["containers"][0])

    def env(self, component: str) -> dict[str, dict[str, Any]]:
        """Env entries of ``component``'s container by name (duplicates fail)."""
        entries = self.container(component).get("env", [])
        names = [e["name"] for e in entries]
        assert len(names) == len(set(names)), f"duplicate env vars in {component}: {names}"
        return {e["name"]: e for e in entries}

    def components(self) -> set[str]:
        """Components that run pods."""
        return {self.pod_labels(doc)[COMPONENT] for doc, _ in self.pod_specs()}


def pod_spec(doc: Manifest) -> dict[str, Any]:
    """The pod spec of a workload or Pod."""
    if doc["kind"] == "Pod":
        return dict(doc["spec"])
    return dict(doc["spec"]["template"]["spec"])


def render(values: dict[str, Any] | None = None) -> Rendered:
    """The chart rendered with ``values`` (cached per distinct values)."""
    return Rendered(_render_cached(json.dumps(values or {}, sort_keys=True)))


def selector_matches(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """Whether a label selector (matchLabels/matchExpressions) selects ``labels``."""
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, vals = expr["key"], expr["operator"], expr.get("values", [])
        if op == "In" and labels.get(key) not in vals:
            return False
        if op == "NotIn" and labels.get(key) in vals:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True
