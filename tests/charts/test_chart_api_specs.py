"""The collector's OpenAPI documents: chart value → ConfigMap → SPECS_DIR the collector reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector.specs import SpecRegistry
from tests.charts.helm import pod_spec, render, requires_helm, template

pytestmark = requires_helm

FIXTURE = Path(__file__).resolve().parents[1] / "collector" / "fixtures" / "users.openapi.yaml"


def test_api_specs_are_mounted_and_load(tmp_path: Path) -> None:
    text = FIXTURE.read_text()
    rendered = render({"collector": {"apiSpecs": {"users.yaml": text}}})
    (config,) = [
        d for d in rendered.of_kind("ConfigMap") if d["metadata"]["name"].endswith("-api-specs")
    ]
    assert config["data"] == {"users.yaml": text}
    env = rendered.env("collector")
    assert env["SIEVE_COLLECTOR_SPECS_DIR"]["value"] == "/etc/sieve/specs"
    assert "SIEVE_COLLECTOR_SPECS_WRITE_TOKEN_FILE" not in env
    mounts = {m["name"]: m for m in rendered.container("collector")["volumeMounts"]}
    assert mounts["api-specs"] == {
        "name": "api-specs",
        "mountPath": "/etc/sieve/specs",
        "readOnly": True,
    }
    volumes = {v["name"]: v for v in pod_spec(rendered.workload("collector"))["volumes"]}
    assert volumes["api-specs"]["configMap"]["name"] == config["metadata"]["name"]
    # what the pod would see: the collector loads it
    for name, body in config["data"].items():
        (tmp_path / name).write_text(body)
    registry = SpecRegistry()
    registry.load_dir(tmp_path)
    assert [(d.name, d.workload, len(d.operations)) for d in registry.documents()] == [
        ("users", "shop/users", 5)
    ]


def test_write_token_secret_and_defaults() -> None:
    rendered = render({"collector": {"apiSpecsWriteTokenSecret": "spec-writers"}})
    env = rendered.env("collector")
    assert env["SIEVE_COLLECTOR_SPECS_WRITE_TOKEN_FILE"]["value"] == "/etc/sieve/specs-write/tokens"
    volumes = {v["name"]: v for v in pod_spec(rendered.workload("collector"))["volumes"]}
    assert volumes["api-specs-write"]["secret"]["secretName"] == "spec-writers"
    plain = render()
    assert "SIEVE_COLLECTOR_SPECS_DIR" not in plain.env("collector")
    assert not [
        d for d in plain.of_kind("ConfigMap") if d["metadata"]["name"].endswith("-api-specs")
    ]


@pytest.mark.parametrize("name", ["../x.yaml", "users.txt"])
def test_bad_spec_file_names_are_refused(name: str) -> None:
    done = template({"collector": {"apiSpecs": {name: "openapi: 3.1.0"}}})
    assert done.returncode != 0
    assert f"{name!r} does not match pattern" in done.stderr.replace('"', "'")
