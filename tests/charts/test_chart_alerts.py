"""Chart: the collector's alerts file from a Secret, and the opt-in PrometheusRule checked by
the real ``promtool`` (``check rules`` and ``test rules``)."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from collector.alerts.config import parse_alerts
from tests.charts.helm import render, requires_helm

pytestmark = requires_helm

ALERTS = {
    "dashboard_url": "https://sieve.example/",
    "sinks": [{"name": "soc", "type": "webhook", "url": "https://hooks.example/x"}],
}


def promtool() -> str | None:
    """promtool as .ci/setup.d/65-promtool.sh caches it, or one on PATH."""
    cache = Path(os.environ.get("SIEVE_CACHE", Path.home() / ".cache" / "sieve"))
    for candidate in (str(cache / "bin" / "promtool"), shutil.which("promtool")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def test_alerts_file_comes_from_a_secret_the_collector_reads() -> None:
    rendered = render({"collector": {"alerts": {"config": ALERTS}}})
    secret = rendered.named("Secret", "sieve-collector-alerts")
    text = base64.b64decode(secret["data"]["alerts.yaml"]).decode()
    assert parse_alerts(text).sinks[0].name == "soc"  # the collector accepts what we render
    env = rendered.env("collector")
    assert env["SIEVE_COLLECTOR_ALERTS_FILE"]["value"] == "/etc/sieve/alerts/alerts.yaml"
    spec = rendered.workload("collector")["spec"]["template"]["spec"]
    [volume] = [v for v in spec["volumes"] if v["name"] == "alerts"]
    assert volume["secret"]["secretName"] == "sieve-collector-alerts"
    mounts = {m["name"]: m for m in spec["containers"][0]["volumeMounts"]}
    assert mounts["alerts"]["readOnly"] is True


def test_no_alerts_no_secret_and_existing_secret_wins() -> None:
    plain = render()
    assert "SIEVE_COLLECTOR_ALERTS_FILE" not in plain.env("collector")
    assert not [s for s in plain.of_kind("Secret") if s["metadata"]["name"].endswith("-alerts")]
    own = render(
        {"collector": {"alerts": {"existingSecret": "mine", "existingSecretKey": "a.yml"}}}
    )
    assert not [s for s in own.of_kind("Secret") if s["metadata"]["name"].endswith("-alerts")]
    spec = own.workload("collector")["spec"]["template"]["spec"]
    [volume] = [v for v in spec["volumes"] if v["name"] == "alerts"]
    assert volume["secret"]["secretName"] == "mine"
    assert own.env("collector")["SIEVE_COLLECTOR_ALERTS_FILE"]["value"].endswith("/a.yml")


def _rule(min_severity: str = "high") -> dict[str, object]:
    values = {
        "collector": {"alerts": {"prometheusRule": {"enabled": True, "minSeverity": min_severity}}}
    }
    [rule] = render(values).of_kind("PrometheusRule")
    return rule


def test_prometheus_rule_is_opt_in() -> None:
    assert render().of_kind("PrometheusRule") == []
    expr = _rule("medium")["spec"]["groups"][0]["rules"][0]["expr"]  # type: ignore[index]
    assert 'severity=~"medium|high|critical"' in expr


RULE_TESTS = """
rule_files: [rules.yaml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: >-
          sieve_policy_violations{policy="cards stay",severity="critical",data_type="credit_card"}
        values: '0 1 1 1 1'
      - series: 'sieve_policy_violations{policy="emails",severity="low",data_type="email"}'
        values: '1 1 1 1 1'
      - series: 'sieve_alert_outbox_pending{sink="soc"}'
        values: '3x20'
    alert_rule_test:
      - eval_time: 4m
        alertname: SievePolicyViolation
        exp_alerts:
          - exp_labels: {policy: cards stay, severity: critical, data_type: credit_card}
            exp_annotations:
              summary: 'Sieve policy "cards stay" is violated (credit_card)'
              description: >-
                1 open violation(s) of policy "cards stay" carrying credit_card;
                see the Sieve dashboard.
      - eval_time: 10m
        alertname: SieveAlertDeliveryStuck
        exp_alerts: []
      - eval_time: 20m
        alertname: SieveAlertDeliveryStuck
        exp_alerts:
          - exp_labels: {sink: soc, severity: warning}
            exp_annotations:
              summary: 'Sieve alerts to sink soc are not being delivered'
              description: >-
                3 alert(s) have waited in the outbox for 15m;
                check the collector log for the sink.
"""


@pytest.mark.skipif(
    promtool() is None,
    reason="promtool not built (.ci/setup.d/65-promtool.sh builds it from the Go module proxy)",
)
def test_prometheus_rule_passes_promtool(tmp_path: Path) -> None:
    groups = _rule()["spec"]["groups"]  # type: ignore[index]
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump({"groups": groups}))
    (tmp_path / "tests.yaml").write_text(RULE_TESTS)
    tool = promtool()
    assert tool is not None
    check = subprocess.run(
        [tool, "check", "rules", "rules.yaml"], cwd=tmp_path, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    test = subprocess.run(
        [tool, "test", "rules", "tests.yaml"], cwd=tmp_path, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert test.returncode == 0, test.stdout + test.stderr


CUSTOM = [
    {
        "id": "employee_id",
        "name": "Employee number",
        "sensitivity": "medium",
        "value_pattern": "EMP-[0-9]{6}",
        "key_patterns": ["employee", "社員"],
        "validator": "luhn",
        "length": {"min": 10, "max": 10},
        "min_share": 0.5,
    }
]


def test_custom_types_reach_the_detector_and_the_collector(tmp_path: Path) -> None:
    from collector.custom_types import load_custom_type_names
    from detector import custom_types

    rendered = render({"customDataTypes": CUSTOM})
    config = rendered.named("ConfigMap", "sieve-custom-types")
    path = tmp_path / "custom-types.yaml"
    path.write_text(config["data"]["custom-types.yaml"])
    [loaded] = custom_types.load(path)  # the detector accepts what the chart renders
    assert loaded.id == "employee_id"
    assert load_custom_type_names(path) == {"employee_id": "Employee number"}
    for component, var in (
        ("detector", "SIEVE_DETECTOR_CUSTOM_TYPES_FILE"),
        ("collector", "SIEVE_COLLECTOR_CUSTOM_TYPES_FILE"),
    ):
        assert rendered.env(component)[var]["value"] == "/etc/sieve/custom-types/custom-types.yaml"
        spec = rendered.workload(component)["spec"]["template"]["spec"]
        [volume] = [v for v in spec["volumes"] if v["name"] == "custom-types"]
        assert volume["configMap"]["name"] == "sieve-custom-types"
    plain = render()
    assert "SIEVE_DETECTOR_CUSTOM_TYPES_FILE" not in plain.env("detector")


def test_schema_refuses_a_malformed_custom_type() -> None:
    from tests.charts.helm import template

    done = template({"customDataTypes": [{"id": "Bad Id", "name": "x", "sensitivity": "low"}]})
    assert done.returncode != 0
    assert "customDataTypes" in done.stderr
