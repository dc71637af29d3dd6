"""PRIVACY CANARY: values in bodies, header values, query values, path segments and JSON keys
go through the digger (real Kafka, detector over HTTP, real gRPC ingest server); none of them
is in any serialized batch the server received."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from protos.sieve.v1 import exchange_pb2
from tests.digger.exchanges import make_exchange
from tests.digger.harness import RunningDigger, digger_settings, produce, wait_for, write_identities
from tests.digger.ingest_server import IngestServer
from tests.digger.standin import StandinDetectorServer

pytestmark = pytest.mark.integration


def canary(tag: str) -> str:
    return f"cnry{tag}{uuid.uuid4().hex[:16]}"


def canary_exchanges(n: int) -> tuple[list[exchange_pb2.HttpExchange], list[str]]:
    canaries: list[str] = []

    def c(tag: str) -> str:
        value = canary(tag)
        canaries.append(value)
        return value

    out = []
    for i in range(n):
        uid = str(uuid.uuid4())
        canaries.append(uid)
        email_key = f"{c('k')}@corp.example"
        canaries.append(email_key)
        date_key = f"20{10 + i % 80}-0{1 + i % 9}-1{i % 10}"  # a date as a key
        out.append(
            make_exchange(
                client="10.0.0.5",
                server="10.0.0.6",
                method="PATCH",
                target=(
                    f"/accounts/{uid}/items/{c('p')}/by-mail/{c('m')}%40mail.example"
                    f"?q={c('q')}&token={c('t')}&{c('n')}@x.io&page={c('v')}"
                ),
                headers={
                    "Host": f"{c('h')}.internal",
                    "Authorization": f"Bearer {c('a')}",
                    "Cookie": f"session={c('s')}",
                    "X-Request-Id": c("x"),
                    "User-Agent": c("u"),
                },
                request={
                    "email": f"{c('e')}@mail.example",
                    "note": c("b"),
                    "password": c("w"),
                    "byUser": {email_key: {"role": c("r")}, uid: {"role": "x"}},
                    "byDay": {date_key: 1},
                    "tags": [c("g"), c("g")],
                },
                response={
                    "id": uid,
                    "token": c("o"),
                    "nested": {"deep": [{"secret": c("d")}]},
                    "counts": {str(10_000 + i): 1},
                },
                seq=i,
            )
        )
    # a client-chosen method token is a value too
    odd = make_exchange(client="10.0.0.5", server="10.0.0.6", method=c("MTHD"), target="/x")
    out.append(odd)
    return out, canaries


def test_no_canary_leaves_the_digger(
    kafka_bootstrap: str, tmp_path: Path, detector: StandinDetectorServer, ingest: IngestServer
):
    settings = digger_settings(
        kafka_bootstrap,
        detector.url,
        ingest.target,
        write_identities(tmp_path),
        sampling_enabled=False,
    )
    exchanges, canaries = canary_exchanges(300)
    digger = RunningDigger(settings).start()
    try:
        produce(kafka_bootstrap, settings.kafka_exchanges_topic, exchanges)
        assert wait_for(lambda: ingest.servicer.exchange_total() == len(exchanges), 60)
    finally:
        digger.stop()
    raw = b"".join(ingest.servicer.raw)
    assert raw, "batches were received"
    leaked = [c for c in canaries if c.encode() in raw or c.lower().encode() in raw.lower()]
    assert leaked == []
    # the structure is still reported, and detections arrived
    reports = ingest.servicer.reports()
    paths = {f.json_path for r in reports for f in r.request_fields}
    assert {"$.email", "$.byUser{*}.role", "$.byDay{*}", "$.tags[*]"} <= paths
    templates = {r.path_template for r in reports}
    assert "/accounts/{accountId:uuid}/items/{itemId}/by-mail/{mail:email}" in templates
    assert any(r.method == "OTHER" for r in reports)
    assert any(d.count for r in reports for f in r.request_fields for d in f.detections)
    names = {n for r in reports for n in r.query_parameter_names}
    assert names == {"page", "q", "token"}
