"""Several clusters in one store: identity, the cluster-name rules, links, migration (both
backends)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from collector import clusters, schema
from collector.clusters import ClusterRefused
from collector.drift import compute_drift
from collector.specs import load_text
from collector.store import Store
from collector.views import Filters
from protos.sieve.v1 import ingest_pb2, metadata_pb2
from tests.collector.factories import batch, report, workload

STORED = ingest_pb2.ACK_STATUS_STORED
REJECTED = ingest_pb2.ACK_STATUS_REJECTED


def _named(
    sequence: int, cluster: str, *reports: metadata_pb2.EndpointReport, agent: str | None = None
) -> ingest_pb2.MetadataBatch:
    out = batch(sequence, *reports, agent=agent or f"agent-{cluster or 'unnamed'}")
    out.cluster_name = cluster
    return out


def _shop_api(count: int) -> metadata_pb2.EndpointReport:
    return report(workload("frontend"), workload("api"), "POST", "/orders", count=count)


def test_same_names_in_two_clusters_stay_apart(store: Store) -> None:
    assert store.ingest_batch(_named(1, "east", _shop_api(7))) == STORED
    assert store.ingest_batch(_named(1, "west", _shop_api(11))) == STORED
    apis = [w for w in store.workloads() if w.name == "api"]
    assert sorted((w.cluster, w.namespace, w.label) for w in apis) == [
        ("east", "shop", "east:shop/api"),
        ("west", "shop", "west:shop/api"),
    ]
    flows = {(f.source.label, f.destination.label): f.exchange_count for f in store.flows()}
    assert flows == {("east:shop/frontend", "east:shop/api"): 7,
                     ("west:shop/frontend", "west:shop/api"): 11}  # fmt: skip
    west = Filters(cluster="west")
    assert [f.exchange_count for f in store.flows(west)] == [11]
    assert [e.exchange_count for e in store.endpoints(west)] == [11]
    assert {w.cluster for w in store.workloads(west)} == {"west"}
    assert store.summary().clusters == ["east", "west"]
    # A second batch of one cluster merges into its own endpoint only.
    assert store.ingest_batch(_named(2, "east", _shop_api(3))) == STORED
    assert [f.exchange_count for f in store.flows(Filters(cluster="east"))] == [10]
    assert [f.exchange_count for f in store.flows(west)] == [11]


def test_unnamed_cluster_is_refused_once_a_named_one_reports(store: Store) -> None:
    before = clusters.REFUSALS.labels("cluster_name_required")._value.get()
    assert store.ingest_batch(_named(1, "", _shop_api(1))) == STORED  # alone: fine
    assert store.ingest_batch(_named(1, "east", _shop_api(2))) == STORED
    with pytest.raises(ClusterRefused, match="set the agent's cluster name") as refused:
        store.ingest_batch(_named(2, "", _shop_api(4)))
    assert refused.value.reason == "cluster_name_required"
    assert clusters.REFUSALS.labels("cluster_name_required")._value.get() == before + 1
    # Nothing of the refused batch was stored; the unnamed cluster's earlier data stays.
    assert {f.source.cluster: f.exchange_count for f in store.flows()} == {"": 1, "east": 2}
    # A claim without a name is refused alike.
    with pytest.raises(ClusterRefused):
        store.claim_partitions(
            ingest_pb2.ClaimPartitionsRequest(
                agent_id="agent-unnamed", consumer_group="g", topic="t", partitions=[0]
            )
        )


def test_an_agent_id_reports_one_cluster(store: Store) -> None:
    assert store.ingest_batch(_named(1, "east", _shop_api(1), agent="sieve")) == STORED
    with pytest.raises(ClusterRefused, match="give every cluster its own agent id") as refused:
        store.ingest_batch(_named(2, "west", _shop_api(1), agent="sieve"))
    assert refused.value.reason == "agent_cluster_conflict"
    assert store.summary().clusters == ["east"]


def test_an_unnamed_agent_may_be_given_a_name(store: Store) -> None:
    assert store.ingest_batch(_named(1, "", _shop_api(1), agent="sieve")) == STORED
    assert store.ingest_batch(_named(2, "east", _shop_api(2), agent="sieve")) == STORED
    assert store.ingest_batch(_named(3, "east", _shop_api(4), agent="sieve")) == STORED
    assert {f.source.cluster: f.exchange_count for f in store.flows()} == {"": 1, "east": 6}


@pytest.mark.parametrize(
    "name", ["has space", "a/b", "x" * 129, "tab\there"], ids=["space", "slash", "long", "ctl"]
)
def test_a_malformed_cluster_name_is_rejected(store: Store, name: str) -> None:
    ack = store.ack_batch(_named(1, name, _shop_api(1), agent="agent"))
    assert ack.status == REJECTED
    assert "cluster_name" in ack.detail


def _into_b(source_ip: str = "203.0.113.7") -> metadata_pb2.EndpointReport:
    """Cluster b's view: a call from outside into shop/api, addressed as api.b.example."""
    out = report(workload(source_ip, kind="external"), workload("api"), "POST", "/orders", count=5)
    out.entry_hosts.append("api.b.example")
    return out


def _from_a() -> metadata_pb2.EndpointReport:
    """Cluster a's view: shop/frontend calls an external api.b.example."""
    return report(
        workload("frontend"), workload("api.b.example", kind="external"), "POST", "/orders"
    )


def test_a_call_into_another_clusters_entry_point_is_linked(store: Store) -> None:
    assert store.ingest_batch(_named(1, "a", _from_a())) == STORED
    assert store.cluster_links().links == []  # only one side reported so far
    extra = report(workload("ingress", "edge"), workload("api"), "GET", "/health")
    assert store.ingest_batch(_named(1, "b", _into_b(), extra)) == STORED
    found = store.cluster_links()
    assert found.ambiguous_hosts == []
    (link,) = found.links
    assert (link.host, link.client_cluster, link.server_cluster) == ("api.b.example", "a", "b")
    assert link.external.label == "a:api.b.example"
    assert [c.label for c in link.clients] == ["a:shop/frontend"]
    assert [s.label for s in link.servers] == ["b:shop/api"]
    ends = {(e.source.cluster, e.source.name): e.id for e in store.endpoints()}
    (pair,) = link.endpoint_pairs
    assert (pair.client_endpoint_id, pair.server_endpoint_id) == (
        ends[("a", "frontend")],
        ends[("b", "203.0.113.7")],
    )
    (flow,) = [f for f in store.flows() if f.destination.name == "api.b.example"]
    assert [s.label for s in flow.linked_servers] == ["b:shop/api"]
    assert [k.host for k in store.cluster_links("b").links] == ["api.b.example"]
    assert store.cluster_links("c").links == []


def test_a_host_two_other_clusters_claim_is_not_linked(store: Store) -> None:
    assert store.ingest_batch(_named(1, "a", _from_a())) == STORED
    assert store.ingest_batch(_named(1, "b", _into_b())) == STORED
    assert store.ingest_batch(_named(1, "c", _into_b("198.51.100.9"))) == STORED
    found = store.cluster_links()
    assert found.links == []
    assert found.ambiguous_hosts == ["api.b.example"]


def test_a_clusters_own_entry_host_is_not_a_link(store: Store) -> None:
    """A client inside b calling b's public name is not a cross-cluster call."""
    own = report(workload("frontend"), workload("api.b.example", kind="external"))
    assert store.ingest_batch(_named(1, "b", _into_b(), own)) == STORED
    assert store.cluster_links().links == []


def _back_to_version_7(store: Store) -> None:
    """Make a migrated database look as before version 8: workloads without a cluster."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        store.close()
        db = sqlite3.connect(str(url.database))
        db.executescript(
            """
            PRAGMA foreign_keys=OFF;
            BEGIN;
            CREATE TABLE workloads_old (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,
              namespace VARCHAR(256) NOT NULL, name VARCHAR(512) NOT NULL,
              first_seen_us BIGINT NOT NULL, last_seen_us BIGINT NOT NULL,
              CONSTRAINT uq_workloads_identity UNIQUE (kind, namespace, name));
            INSERT INTO workloads_old SELECT id, kind, namespace, name, first_seen_us,
              last_seen_us FROM workloads;
            DROP TABLE workloads;
            ALTER TABLE workloads_old RENAME TO workloads;
            DROP TABLE agent_clusters;
            DROP TABLE entry_hosts;
            DELETE FROM sieve_schema_version WHERE version = 8;
            COMMIT;
            """
        )
        db.close()
        return
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE workloads DROP CONSTRAINT uq_workloads_identity"))
        conn.execute(text("ALTER TABLE workloads DROP COLUMN cluster"))
        conn.execute(
            text(
                "ALTER TABLE workloads ADD CONSTRAINT uq_workloads_identity "
                "UNIQUE (kind, namespace, name)"
            )
        )
        conn.execute(text("DROP TABLE agent_clusters"))
        conn.execute(text("DROP TABLE entry_hosts"))
        conn.execute(text("DELETE FROM sieve_schema_version WHERE version = 8"))


def test_version_8_gives_old_workloads_the_unnamed_cluster(store_url: str) -> None:
    store = Store(store_url)
    store.migrate()
    assert store.ingest_batch(batch(1, _shop_api(5), agent="old")) == STORED
    _back_to_version_7(store)
    store = Store(store_url)
    try:
        assert store.migrate() == [8]
        assert store.schema_version() == schema.LATEST_VERSION
        (flow,) = store.flows()
        assert (flow.source.cluster, flow.destination.label, flow.exchange_count) == (
            "",
            "shop/api",
            5,
        )
        # The same names from a named cluster are new workloads; the old rows keep merging.
        assert store.ingest_batch(_named(1, "east", _shop_api(2))) == STORED
        counts = {(f.source.cluster, f.destination.name): f.exchange_count for f in store.flows()}
        assert counts == {("", "api"): 5, ("east", "api"): 2}
        details = [store.endpoint(e.id) for e in store.endpoints()]
        assert all(d is not None for d in details)
    finally:
        store.close()


_ORDERS_DOC = (
    "openapi: 3.1.0\ninfo: {title: api, version: '1'}\n"
    "paths:\n  /orders:\n    post:\n      responses: {'200': {description: ok}}\n"
)


def test_a_document_for_namespace_and_name_covers_that_server_in_a_named_cluster(
    store: Store,
) -> None:
    assert store.ingest_batch(_named(1, "east", _shop_api(3))) == STORED
    spec = load_text(
        "api.yaml",
        _ORDERS_DOC,
        workload="shop/api",
    )
    details = [d for e in store.endpoints() if (d := store.endpoint(e.id)) is not None]
    kinds = {(i.kind, i.server) for i in compute_drift(details, [spec]).items}
    assert kinds == set()  # the operation is seen: documented, used
    # A document for another server: its operation is unused.
    other = load_text("o.yaml", _ORDERS_DOC, workload="shop/other")
    kinds = {(i.kind, i.server) for i in compute_drift(details, [other]).items}
    assert kinds == {("unused", "shop/other")}


def test_alert_parties_name_their_cluster_when_it_has_a_name() -> None:
    from collector.alerts.events import Party

    named = Party(kind="deployment", namespace="shop", name="api", cluster="east")
    unnamed = Party(kind="deployment", namespace="shop", name="api")
    assert named.label == "east:shop/api"
    assert named.as_json() == {
        "kind": "deployment", "namespace": "shop", "name": "api", "cluster": "east"
    }  # fmt: skip
    assert unnamed.label == "shop/api"
    assert "cluster" not in unnamed.as_json()


def test_violation_and_endpoint_pages_filter_by_cluster(store: Store) -> None:
    from collector.policies import parse_policies
    from tests.collector.factories import field

    store.set_policies(
        parse_policies(
            "- {name: no mail to api, rule: only_namespace_may_receive, namespace: mail,"
            " data_type: email}\n"
        )
    )
    mailing = report(
        workload("frontend"),
        workload("api"),
        request=[field("$.email", detect=[("email", "medium", 0.99, 3)])],
    )
    assert store.ingest_batch(_named(1, "east", mailing)) == STORED
    assert store.ingest_batch(_named(1, "west", mailing, _shop_api(50))) == STORED
    views, total = store.violations_page(Filters(cluster="west"), 10, 0)
    assert total == 1
    assert [(v.sender.label, v.receiver.label) for v in views] == [
        ("west:shop/frontend", "west:shop/api")
    ]
    assert store.violations_page(Filters(), 10, 0)[1] == 2
    page, total = store.endpoints_page(Filters(cluster="west"), 1, 0)
    assert total == 2
    assert [(e.source.cluster, e.exchange_count) for e in page] == [("west", 50)]
    assert store.endpoints_page(Filters(cluster="nowhere"), 10, 0) == ([], 0)


def test_a_claim_with_a_malformed_cluster_name_is_refused(store: Store) -> None:
    claim = ingest_pb2.ClaimPartitionsRequest(
        agent_id="a", cluster_name="x" * 500, consumer_group="g", topic="t", partitions=[0]
    )
    with pytest.raises(ValueError, match="cluster_name must match"):
        store.claim_partitions(claim)


def test_alert_texts_name_a_named_cluster() -> None:
    from datetime import UTC, datetime

    from collector.alerts import formats

    parties = {
        "sender": {"kind": "deployment", "namespace": "shop", "name": "web", "cluster": "east"},
        "receiver": {"kind": "deployment", "namespace": "shop", "name": "api"},
    }
    event = {
        "id": "k/1/opened",
        "state": "opened",
        "violation": {
            "key": "k", "policy": "p", "severity": "high", "message": "m",
            "data_type": "email", "sensitivity": "medium", "opened_at": "t",
            "endpoint": {"id": 1, "method": "POST", "path_template": "/x"}, **parties,
        },
    }  # fmt: skip
    line = formats.syslog(
        event, facility=4, app_name="sieve", hostname="h", now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert b'sender="east:shop/web"' in line
    assert b'receiver="shop/api"' in line
    assert b"east:shop/web" in formats.slack(event, "https://d.example/")
