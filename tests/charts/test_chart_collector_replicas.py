"""Collector replicas in the chart: a replica count on PostgreSQL, a PodDisruptionBudget that
selects the collector's pods, and a clear refusal of replicas on SQLite."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.charts.helm import render, requires_helm, selector_matches, template
from tests.charts.scenarios import COLLECTOR_POSTGRES_URL

pytestmark = requires_helm


def _postgres(**collector: Any) -> dict[str, Any]:
    values = copy.deepcopy(COLLECTOR_POSTGRES_URL)
    values["collector"].update(collector)
    return values


def test_one_collector_and_no_budget_by_default() -> None:
    chart = render()
    assert chart.workload("collector")["spec"]["replicas"] == 1
    assert chart.of_kind("PodDisruptionBudget") == []


def test_replicas_on_postgresql_get_a_budget_over_their_pods() -> None:
    chart = render(_postgres(replicaCount=3))
    deployment = chart.workload("collector")
    assert deployment["spec"]["replicas"] == 3
    assert deployment["spec"].get("strategy", {}).get("type") != "Recreate"
    [budget] = chart.of_kind("PodDisruptionBudget")
    assert budget["spec"]["minAvailable"] == 1
    pod_labels = chart.pod_labels(deployment)
    assert selector_matches(budget["spec"]["selector"], pod_labels)
    others = [doc for doc, _ in chart.pod_specs() if doc is not deployment]
    assert not any(
        selector_matches(budget["spec"]["selector"], chart.pod_labels(d)) for d in others
    )


def test_the_budget_can_be_turned_off_or_tuned() -> None:
    off = render(_postgres(replicaCount=2, podDisruptionBudget={"enabled": False}))
    assert off.of_kind("PodDisruptionBudget") == []
    tuned = render(_postgres(replicaCount=4, podDisruptionBudget={"minAvailable": 3}))
    assert tuned.of_kind("PodDisruptionBudget")[0]["spec"]["minAvailable"] == 3


def test_replicas_on_sqlite_are_refused_with_one_clear_line() -> None:
    done = template({"collector": {"replicaCount": 2}})
    assert done.returncode != 0
    assert "collector.replicaCount > 1 needs collector.database.type=postgresql" in done.stderr


@pytest.mark.parametrize("value", ["0", "two"])
def test_the_schema_rejects_a_wrong_replica_count(value: str) -> None:
    done = template(_postgres(), "--set", f"collector.replicaCount={value}")
    assert done.returncode != 0
    assert "values don't meet the specifications of the schema" in done.stderr, done.stderr
