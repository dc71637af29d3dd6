"""Policies: the YAML format, and each rule kind raising and clearing violations."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector.policies import PolicyError, PolicySet, load_policies, parse_policies
from collector.store import Store
from tests.collector.factories import batch, field, report, shop_reports, workload

CARDS_IN_PAYMENTS = """
policies:
  - name: cards stay in payments
    rule: only_namespace_may_receive
    namespace: payments
    data_type: credit_card
"""


def _store(url: str, text: str) -> Store:
    store = Store(url, policies=parse_policies(text))
    store.migrate()
    return store


def _seen(store: Store) -> set[tuple[str, str, str, str]]:
    return {(v.policy, v.sender.label, v.receiver.label, v.data_type) for v in store.violations()}


def test_file_format_singular_and_plural(tmp_path: Path) -> None:
    path = tmp_path / "policies.yaml"
    path.write_text(
        CARDS_IN_PAYMENTS
        + """
  - name: no high data out
    rule: no_external_sensitivity
    min_sensitivity: high
  - name: frontend keeps SSNs
    rule: workload_may_not_send
    workload: shop/frontend
    data_types: [us_ssn, passport_number]
"""
    )
    policies = load_policies(path)
    assert [type(p).__name__ for p in policies.policies] == [
        "OnlyNamespaceMayReceive",
        "NoExternalSensitivity",
        "WorkloadMayNotSend",
    ]
    first = policies.policies[0]
    assert first.namespaces == ["payments"]  # type: ignore[union-attr]
    assert first.data_types == ["credit_card"]  # type: ignore[union-attr]
    assert len({p.key for p in policies.policies}) == 3


def test_empty_file_means_no_policies() -> None:
    assert parse_policies("") == PolicySet()
    assert parse_policies("policies: []") == PolicySet()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("policies: [{name: x, rule: nope}]", "invalid policy at policies.0"),
        (
            "policies: [{name: x, rule: workload_may_not_send, workload: a, data_type: ssn}]",
            "unknown data type 'ssn'",
        ),
        (
            "policies: [{name: x, rule: no_external_sensitivity, min_sensitivity: huge}]",
            "policies.0",
        ),
        (
            "policies: [{name: x, rule: no_external_sensitivity, min_sensitivity: high},"
            " {name: x, rule: no_external_sensitivity, min_sensitivity: low}]",
            "two policies are named 'x'",
        ),
        ("policies: [{name: x, rule: no_external_sensitivity, min_sensitivity: high, y: 1}]", "y"),
        ("policies: [unclosed", "not valid YAML"),
    ],
)
def test_invalid_policies_are_one_line_errors(text: str, expected: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_policies(text, "p.yaml")
    message = str(info.value)
    assert expected in message
    assert "\n" not in message
    assert message.startswith("p.yaml: ")


def test_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policies file"):
        load_policies(tmp_path / "absent.yaml")


def test_only_namespace_may_receive_raises_and_clears(store_url: str) -> None:
    store = _store(store_url, CARDS_IN_PAYMENTS)
    try:
        store.ingest_batch(batch(1, *shop_reports()))
        assert _seen(store) == {
            ("cards stay in payments", "shop/frontend", "shop/orders", "credit_card"),
            (
                "cards stay in payments",
                "payments/payments",
                "api.stripe-like.example",
                "credit_card",
            ),
        }
        # The rule widens to the shop namespace: the orders violation no longer applies.
        store.set_policies(
            parse_policies(
                CARDS_IN_PAYMENTS.replace("namespace: payments", "namespaces: [payments, shop]")
            )
        )
        assert _seen(store) == {
            (
                "cards stay in payments",
                "payments/payments",
                "api.stripe-like.example",
                "credit_card",
            ),
        }
        store.set_policies(PolicySet())
        assert store.violations() == []
    finally:
        store.close()


def test_no_external_sensitivity_raises_and_clears(store_url: str) -> None:
    rule = """
- name: nothing sensitive leaves
  rule: no_external_sensitivity
  min_sensitivity: high
"""
    store = _store(store_url, rule)
    try:
        store.ingest_batch(batch(1, *shop_reports()))
        assert _seen(store) == {
            (
                "nothing sensitive leaves",
                "payments/payments",
                "api.stripe-like.example",
                "credit_card",
            )
        }
        [violation] = store.violations()
        assert violation.sensitivity == "high"
        assert violation.path_template == "/v1/charges"
        store.set_policies(parse_policies(rule.replace("high", "medium")))
        assert {v.data_type for v in store.violations()} == {"credit_card", "email"}
        store.set_policies(parse_policies(rule.replace("high", "low").replace("nothing", "none")))
        # A renamed rule is a new rule: old rows go, the same transfers raise it again.
        assert {v.policy for v in store.violations()} == {"none sensitive leaves"}
        store.set_policies(PolicySet())
        assert store.violations() == []
    finally:
        store.close()


def test_external_client_receiving_high_data_in_a_response_violates(store_url: str) -> None:
    store = _store(store_url, "[{name: out, rule: no_external_sensitivity, min_sensitivity: high}]")
    try:
        partner = workload("partner.example", kind="external")
        api = workload("api")
        leak = report(
            partner,
            api,
            "GET",
            "/export",
            response=[field("$.iban", detect=[("iban", "high", 0.9, 3)])],
        )
        store.ingest_batch(batch(1, leak))
        [violation] = store.violations()
        assert (violation.sender.label, violation.receiver.label) == ("shop/api", "partner.example")
        assert violation.direction == "response"
    finally:
        store.close()


def test_workload_may_not_send_raises_and_clears(store_url: str) -> None:
    rule = """
- name: frontend keeps passwords
  rule: workload_may_not_send
  workload: shop/frontend
  data_type: password
"""
    store = _store(store_url, rule)
    try:
        store.ingest_batch(batch(1, *shop_reports()))
        [violation] = store.violations()
        assert (violation.sender.label, violation.receiver.label) == ("shop/frontend", "shop/users")
        assert violation.method == "POST"
        assert violation.path_template == "/users"
        assert "shop/frontend sent password to shop/users" in violation.message
        # A bare name matches in any namespace.
        store.set_policies(parse_policies(rule.replace("shop/frontend", "frontend")))
        assert len(store.violations()) == 1
        store.set_policies(parse_policies(rule.replace("shop/frontend", "other/frontend")))
        assert store.violations() == []
        store.set_policies(parse_policies(rule))
        assert len(store.violations()) == 1
        store.set_policies(parse_policies(rule.replace("password", "us_ssn")))
        assert store.violations() == []
    finally:
        store.close()


def test_violation_first_and_last_seen_follow_the_traffic(store_url: str) -> None:
    store = _store(
        store_url,
        "[{name: no ssn, rule: workload_may_not_send, workload: frontend, data_type: us_ssn}]",
    )
    try:
        a, b = workload("frontend"), workload("users")
        ssn = [field("$.ssn", detect=[("us_ssn", "high", 0.99, 1)])]
        store.ingest_batch(batch(1, report(a, b, start=10, end=20, request=ssn)))
        [first] = store.violations()
        assert (first.first_seen, first.last_seen) == (
            "2026-01-01T00:00:10.000Z",
            "2026-01-01T00:00:20.000Z",
        )
        store.ingest_batch(batch(2, report(a, b, start=300, end=360, request=ssn)))
        [later] = store.violations()
        assert later.id == first.id
        assert (later.first_seen, later.last_seen) == (
            "2026-01-01T00:00:10.000Z",
            "2026-01-01T00:06:00.000Z",
        )
    finally:
        store.close()


def test_violations_are_evaluated_on_ingest_only_for_matching_data(store_url: str) -> None:
    store = _store(store_url, CARDS_IN_PAYMENTS)
    try:
        a, b = workload("frontend"), workload("users")
        store.ingest_batch(
            batch(1, report(a, b, request=[field("$.email", detect=[("email", "medium", 0.9, 1)])]))
        )
        assert store.violations() == []
        card = [field("$.card", detect=[("credit_card", "high", 0.99, 1)])]
        store.ingest_batch(batch(2, report(a, b, "PUT", "/users/{id}", request=card)))
        assert [v.receiver.label for v in store.violations()] == ["shop/users"]
    finally:
        store.close()
