"""Custom data types in the collector: stored, shown, named by policies, validated."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collector.custom_types import CustomTypeInfo, load_custom_type_names, load_custom_types
from collector.policies import PolicyError, parse_policies
from collector.store import Store
from collector.web import create_app
from common.settings import ConfigError
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.factories import batch, field, report, workload

RULE = """
- name: employee numbers stay in hr
  rule: only_namespace_may_receive
  namespace: hr
  data_type: employee_id
  severity: high
"""


def custom_report(type_id: str, data_type: int = 0) -> metadata_pb2.EndpointReport:
    f = field("$.emp")
    f.detections.add(
        data_type=data_type,
        custom_type=type_id,
        sensitivity=metadata_pb2.SENSITIVITY_MEDIUM,
        confidence=0.99,
        count=3,
    )
    return report(workload("frontend"), workload("payroll", "finance"), request=[f])


def test_custom_types_are_stored_shown_and_violate_policies(store: Store) -> None:
    store.set_policies(parse_policies(RULE, custom_types=frozenset({"employee_id"})))
    assert store.ingest_batch(batch(1, custom_report("employee_id"))) == (
        ingest_pb2.ACK_STATUS_STORED
    )
    assert [d.data_type for d in store.data_types()] == ["employee_id"]
    [violation] = store.violations()
    assert violation.data_type == "employee_id"
    assert violation.policy == "employee numbers stay in hr"


@pytest.mark.parametrize(
    ("type_id", "data_type"),
    [
        ("Employee", 0),  # not the id shape
        ("email", 0),  # a built-in id posing as custom
        ("employee_id", metadata_pb2.DATA_TYPE_EMAIL),  # both set
        ("x" * 49, 0),
    ],
)
def test_malformed_custom_types_are_rejected(store: Store, type_id: str, data_type: int) -> None:
    ack = store.ack_batch(batch(1, custom_report(type_id, data_type)))
    assert ack.status == ingest_pb2.ACK_STATUS_REJECTED
    assert "custom_type" in ack.detail


def test_policies_name_only_known_custom_types() -> None:
    with pytest.raises(PolicyError, match="unknown data type 'employee_id'"):
        parse_policies(RULE)
    rules = parse_policies(RULE, custom_types=frozenset({"employee_id"}))
    assert rules.policies[0].severity == "high"


def test_custom_type_names_from_the_detectors_file(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text(
        "custom_types:\n"
        "  - {id: employee_id, name: Employee number, sensitivity: medium, value_pattern: x}\n"
    )
    assert load_custom_type_names(path) == {"employee_id": "Employee number"}
    assert load_custom_types(path) == {
        "employee_id": CustomTypeInfo("employee_id", "Employee number", "medium")
    }
    path.write_text("- {name: no id}\n")
    with pytest.raises(ConfigError, match="entry 1 has no valid id"):
        load_custom_type_names(path)
    path.write_text("- {id: employee_id, name: Employee number, sensitivity: severe}\n")
    with pytest.raises(ConfigError, match="employee_id: sensitivity must be low, medium or high"):
        load_custom_types(path)


def test_the_api_gives_custom_types_display_names_and_sensitivity(store: Store) -> None:
    store.ingest_batch(batch(1, custom_report("employee_id")))
    custom = [CustomTypeInfo("employee_id", "Employee number", "medium")]
    with TestClient(create_app(store, custom_types=custom)) as client:
        assert client.get("/api/v1/custom-types").json() == [
            {"id": "employee_id", "name": "Employee number", "sensitivity": "medium"}
        ]
        # the other views name the type by its id, which the dashboard maps to the name
        assert [t["data_type"] for t in client.get("/api/v1/data-types").json()] == ["employee_id"]
    with TestClient(create_app(store)) as client:
        assert client.get("/api/v1/custom-types").json() == []


DRIFT_RULES = """
- name: nothing sensitive on undocumented endpoints
  rule: no_sensitive_data_on_drift
  min_sensitivity: medium
- name: passwords only on documented endpoints
  rule: workload_may_not_send
  workload: frontend
  data_type: password
  drift_states: [shadow]
  severity: critical
"""


def test_policies_on_drift_states(store: Store) -> None:
    from tests.collector.factories import shop_reports

    store.ingest_batch(batch(1, *shop_reports()))
    assert store.violations() == []  # no drift provider: nothing is in drift
    store.set_policies(parse_policies(DRIFT_RULES))
    assert store.violations() == []
    ids = {e.id: e for e in store.endpoints()}
    [users] = [i for i, e in ids.items() if e.method == "POST" and e.path_template == "/users"]
    [orders] = [i for i, e in ids.items() if e.path_template == "/orders"]
    store.drift_states = lambda: {users: {"shadow"}, orders: {"zombie", "unused"}}
    store.set_policies(store.policies)  # re-evaluate with the new drift states
    found = {(v.policy, v.data_type) for v in store.violations()}
    assert found == {
        ("nothing sensitive on undocumented endpoints", "email"),
        ("nothing sensitive on undocumented endpoints", "person_name"),
        ("nothing sensitive on undocumented endpoints", "password"),
        ("nothing sensitive on undocumented endpoints", "credit_card"),
        ("passwords only on documented endpoints", "password"),
    }
    messages = {v.message for v in store.violations()}
    assert any("over a zombie endpoint" in m for m in messages)
    assert any("over a shadow endpoint" in m for m in messages)
    with pytest.raises(PolicyError, match="drift_states"):
        parse_policies("- {name: x, rule: no_external_sensitivity, min_sensitivity: low,"
                       " drift_states: [haunted]}")  # fmt: skip
