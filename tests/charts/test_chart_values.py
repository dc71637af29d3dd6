"""values.yaml is documented key by key, values.schema.json covers it, and wrong types fail."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from tests.charts.helm import CHART, requires_helm, template

VALUES = CHART / "values.yaml"
SCHEMA = CHART / "values.schema.json"
KEY_LINE = re.compile(r"^(\s*)([A-Za-z0-9_.-]+):(\s|$)")


def test_every_values_key_has_a_comment_line_above() -> None:
    lines = VALUES.read_text().splitlines()
    undocumented = []
    for i, line in enumerate(lines):
        if not KEY_LINE.match(line):
            continue
        above = lines[i - 1].strip() if i else ""
        if not above.startswith("#") or len(above.lstrip("#- ").strip()) < 3:
            undocumented.append(f"{i + 1}: {line.strip()}")
    assert not undocumented, "keys without a comment line above:\n" + "\n".join(undocumented)


def schema_paths(schema: dict[str, Any], prefix: str = "") -> set[str]:
    """Dotted paths of every property the schema declares."""
    out: set[str] = set()
    for key, sub in (schema.get("properties") or {}).items():
        path = f"{prefix}{key}"
        out.add(path)
        out |= schema_paths(sub, path + ".")
    return out


def values_paths(values: dict[str, Any], schema: dict[str, Any], prefix: str = "") -> set[str]:
    """Dotted paths of values keys the schema types key by key (not free-form maps)."""
    out: set[str] = set()
    for key, value in values.items():
        path = f"{prefix}{key}"
        out.add(path)
        sub = (schema.get("properties") or {}).get(key, {})
        if isinstance(value, dict) and "properties" in sub:
            out |= values_paths(value, sub, path + ".")
    return out


def test_schema_declares_every_values_key_and_is_strict() -> None:
    schema = json.loads(SCHEMA.read_text())
    values = yaml.safe_load(VALUES.read_text())
    missing = values_paths(values, schema) - schema_paths(schema)
    assert not missing, f"values keys the schema does not declare: {sorted(missing)}"
    stale = {p for p in schema_paths(schema) if p != "global"} - values_paths(values, schema)
    assert not stale, f"schema properties with no values key: {sorted(stale)}"

    def walk(node: dict[str, Any], path: str) -> None:
        if "properties" in node:
            assert node.get("additionalProperties") is False, f"{path or '.'} accepts unknown keys"
            for key, sub in node["properties"].items():
                walk(sub, f"{path}.{key}")
        else:
            assert "type" in node, f"{path} has no type"

    walk(schema, "")


def test_extra_settings_names_are_the_settings_fields() -> None:
    from tests.charts.test_chart_settings import SETTINGS

    schema = json.loads(SCHEMA.read_text())
    for component, cls in SETTINGS.items():
        names = schema["properties"][component]["properties"]["extraSettings"]["propertyNames"]
        allowed = set(names["enum"])
        assert allowed <= set(cls.model_fields), f"{component}: {allowed - set(cls.model_fields)}"
        secrets = {f for f, i in cls.model_fields.items() if "SecretStr" in str(i.annotation)}
        assert not allowed & secrets, "secrets belong in Secrets, not in values"
        # every other setting is listed: a new one cannot be forgotten
        forgotten = set(cls.model_fields) - secrets - allowed
        assert not forgotten, f"{component}.extraSettings does not list {sorted(forgotten)}"


WRONG = {
    "integer as text": ["--set", "monitoring.maxBodyBytes=big"],
    "boolean as text": ["--set", "interceptor.hostPID=yes"],
    "boolean as number": ["--set", "networkPolicy.enabled=1"],
    "port as text": ["--set", "kafka.port=kafka"],
    "port out of range": ["--set", "collector.grpcPort=70000"],
    "list item type": ["--set", "monitoring.excludedPorts[0]=http"],
    "path not absolute": ["--set", "monitoring.excludedPaths[0]=metrics"],
    "list as text": ["--set", "monitoring.namespacesInclude=shop"],
    "enum": ["--set", "collector.database.type=mysql"],
    "security protocol": ["--set", "kafka.external.securityProtocol=TLS"],
    "confidence above 1": ["--set", "detector.minConfidence=2"],
    "cluster name": ["--set", "clusterName=prod cluster"],
    "unknown key (typo)": ["--set", "colector.enabled=false"],
    "unknown nested key": ["--set", "digger.replicas=2"],
    "image digest": ["--set", "digger.image.digest=latest"],
    "extra setting name": ["--set", "digger.extraSettings.Bad-Name=1"],
    "extra setting typo": ["--set", "digger.extraSettings.detector_batchsize=1"],
    "extra setting of another service": ["--set", "detector.extraSettings.window_seconds=1"],
    "secret as extra setting": ["--set", "digger.extraSettings.ingest_token=abc"],
    "sensitivity": ["--set", "detector.sensitivityOverrides.email=secret"],
    "node CIDR": ["--set", "networkPolicy.nodeCIDRs[0]=10.0.0.0"],
    "map as text": ["--set", "interceptor.nodeSelector=linux"],
}


@requires_helm
@pytest.mark.parametrize("args", list(WRONG.values()), ids=list(WRONG))
def test_schema_rejects_wrong_values(args: list[str]) -> None:
    done = template({}, *args)
    assert done.returncode != 0, f"accepted {args}"
    assert "values don't meet the specifications of the schema" in done.stderr, done.stderr


@requires_helm
@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kafka": {"enabled": False}}, "kafka.external.bootstrapServers is required"),
        ({"collector": {"enabled": False}}, "set cloud.endpoint"),
        (
            {
                "kafka": {
                    "enabled": False,
                    "external": {
                        "bootstrapServers": "k:9092",
                        "securityProtocol": "SASL_SSL",
                        "sasl": {"mechanism": "PLAIN", "username": "u"},
                    },
                }
            },
            "kafka.external.sasl.password or kafka.external.sasl.existingSecret is required",
        ),
        (
            {"collector": {"database": {"type": "postgresql"}}},
            "collector.database.postgresql.url or .existingSecret is required",
        ),
        (
            {"interceptor": {"extraSettings": {"max_body_bytes": 10}}},
            "the chart sets SIEVE_INTERCEPTOR_MAX_BODY_BYTES from its own values",
        ),
    ],
    ids=[
        "external-kafka-without-servers",
        "no-destination",
        "sasl-without-password",
        "postgres-without-url",
        "extra-setting-the-chart-sets",
    ],
)
def test_incomplete_options_fail_with_a_clear_message(values: dict[str, Any], message: str) -> None:
    done = template(values)
    assert done.returncode != 0
    assert message in done.stderr, done.stderr
