"""`sieve analyze` on a capture built by the test: the expected flows and types in the
table, and a PRIVACY CANARY on ``--json`` (and the dashboard API of ``--serve``): no body
value, header value, query value, path segment or JSON key of the traffic is printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from google.protobuf import json_format
from openapi_spec_validator import validate

from protos.sieve.v1 import metadata_pb2
from tests.ports import free_port
from tests.standalone.scapy_pcap import Conversation, write

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
FRONTEND, CHECKOUT, USERS, MAILER = "10.252.60.1", "10.252.60.2", "10.252.60.3", "198.51.100.20"
NAMES = {
    "pods": [
        {"ip": FRONTEND, "namespace": "web", "workload": "frontend"},
        {"ip": CHECKOUT, "namespace": "shop", "workload": "checkout"},
        {"ip": USERS, "namespace": "accounts", "workload": "users"},
    ]
}
PACKETS = (3 + 3 * 5 + 3) + (3 + 4 + 3) + (3 + 5 + 3)  # handshakes, exchanges, FINs
# Personal data in the bodies: values that must never be printed either.
PERSONAL = [
    "Maria Garcia", "maria.garcia@example.com", "4111111111111111", "Jane", "Doe",
    "jane.doe@example.org", "+1 415 555 0100", "221B Baker Street",
]  # fmt: skip


def build_capture(path: Path) -> list[str]:
    """Write the capture; return every canary value it carries."""
    canaries = list(PERSONAL)

    def c(tag: str) -> str:
        value = f"cnry{tag}{uuid.uuid4().hex[:16]}"
        canaries.append(value)
        return value

    uid = str(uuid.uuid4())
    email_key = f"{c('k')}@corp.example"
    canaries += [uid, email_key]
    t0 = 1_780_000_000.0
    shop = Conversation(FRONTEND, 41_000, CHECKOUT, 8080, t0)
    for i in range(3):
        shop.exchange(
            "POST",
            f"/checkout/{c('p')}?coupon={c('q')}&page=2",
            {
                "Host": f"{c('h')}.internal",
                "Authorization": f"Bearer {c('a')}",
                "Cookie": f"session={c('s')}",
                "X-Request-Id": c("x"),
            },
            {
                "customer": {"fullName": "Maria Garcia", "email": "maria.garcia@example.com"},
                "payment": {"cardNumber": "4111111111111111"},
                "note": c("b"),
                "byUser": {email_key: {"role": c("r")}, uid: {"role": "x"}},
                "attempt": i,
            },
            201,
            {"orderId": uid, "status": "created", "token": c("t")},
        )
    shop.close()
    users = Conversation(CHECKOUT, 42_000, USERS, 8080, t0 + 0.01)
    users.exchange(
        "GET",
        f"/users/{uid}",
        {"Host": "users.accounts"},
        None,
        200,
        {
            "firstName": "Jane",
            "lastName": "Doe",
            "email": "jane.doe@example.org",
            "phone": "+1 415 555 0100",
            "address": {"street": "221B Baker Street", "city": "London"},
        },
    )
    users.close()
    mail = Conversation(CHECKOUT, 43_000, MAILER, 80, t0 + 0.02)
    mail.exchange(
        "POST",
        "/v3/send",
        {"Host": "api.mailer.example", "X-Api-Key": c("m")},
        {"to": "maria.garcia@example.com", "name": "Maria Garcia", "template": "receipt"},
        202,
        {"queued": True},
    )
    mail.close()
    write(path, [shop, users, mail])
    assert sum(len(c.packets) for c in (shop, users, mail)) == PACKETS
    return canaries


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    d = tmp_path_factory.mktemp("analyze")
    pcap, names = d / "shop.pcap", d / "names.yaml"
    canaries = build_capture(pcap)
    names.write_text(yaml.safe_dump(NAMES))
    return pcap, names, canaries


def sieve(*args: str) -> list[str]:
    return [sys.executable, "-m", "standalone", *args]


ENV = {**os.environ, "COLUMNS": "250"}


def row(text: str, *first: str) -> list[str]:
    """The cells of the one table row whose first cells are ``first``."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells[: len(first)] == list(first):
            rows.append(cells)
    assert len(rows) == 1, f"{first} in {len(rows)} rows of:\n{text}"
    return rows[0]


def test_analyze_prints_flows_and_types(
    capture: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    pcap, names, canaries = capture
    proc = subprocess.run(
        sieve("analyze", str(pcap), "--names", str(names), "--openapi", str(tmp_path / "oa")),
        capture_output=True, text=True, timeout=180, cwd=ROOT, env=ENV, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "4 workloads, 3 flows, 3 endpoints" in out
    # flows: source, destination, exchanges, endpoints, data types, sensitivity
    assert row(out, "web/frontend", "shop/checkout") == [
        "web/frontend", "shop/checkout", "3", "1",
        "credit_card→, email→, person_name→, secret_key←",  # the response's opaque "token"
        "high",
    ]  # fmt: skip
    users = row(out, "shop/checkout", "accounts/users")
    assert users[2:4] == ["1", "1"]
    assert users[4] == "email←, person_name←, phone←, street_address←"
    mail = row(out, "shop/checkout", "api.mailer.example (external)")
    assert "person_name→" in mail[4]
    # endpoints
    assert row(out, "web/frontend → shop/checkout", "POST /checkout/{checkoutId}")[2] == "3"
    assert row(out, "web/frontend → shop/checkout", "POST /checkout/{checkoutId}")[-1] == "HTTP/1.1"
    assert row(out, "shop/checkout → accounts/users", "GET /users/{userId:uuid}")[2] == "1"
    # data types: type, sensitivity, senders, receivers
    assert row(out, "credit_card")[1:4] == ["high", "web/frontend", "shop/checkout"]
    assert f"shop.pcap: {PACKETS} packets, 5 JSON exchanges" in out
    leaked = [c for c in canaries if c in out or c in proc.stderr]
    assert leaked == []
    # the OpenAPI documents of the replayed capture: valid, named parameters, no value
    files = {f.name: f.read_text() for f in (tmp_path / "oa").iterdir()}
    assert set(files) == {
        "all.yaml", "shop.checkout.yaml", "accounts.users.yaml", "api.mailer.example.yaml",
    }  # fmt: skip
    for text in files.values():
        validate(yaml.safe_load(text))
        assert [c for c in canaries if c in text] == []
    users = yaml.safe_load(files["accounts.users.yaml"])
    (param,) = users["paths"]["/users/{userId}"]["get"]["parameters"]
    assert param["schema"] == {"type": "string", "format": "uuid"}


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode()


def test_json_and_serve_carry_no_payload_value(capture: tuple[Path, Path, list[str]]) -> None:
    pcap, names, canaries = capture
    port = free_port()
    proc = subprocess.Popen(
        sieve(
            "analyze", str(pcap), "--names", str(names), "--json", "--serve",
            "--port", str(port), "--duration", "15",
        ),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV,
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api/v1"
    served: list[str] = []
    try:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                served.append(_get(f"{api}/flows"))
                break
            except OSError:
                time.sleep(0.5)
        assert served, "the dashboard never answered"
        flows = json.loads(served[0])
        assert len(flows) == 3
        for e in json.loads(_get(f"{api}/endpoints")):
            served.append(_get(f"{api}/endpoints/{e['id']}"))
        served.append(_get(f"{api}/data-types"))
        assert "<html" in _get(f"http://127.0.0.1:{port}/").lower()
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr
    lines = stdout.splitlines()
    reports = [json_format.Parse(line, metadata_pb2.EndpointReport()) for line in lines]
    assert {(r.method, r.path_template) for r in reports} == {
        ("POST", "/checkout/{checkoutId}"),
        ("GET", "/users/{userId:uuid}"),
        ("POST", "/v3/send"),
    }
    checkout = next(r for r in reports if r.method == "POST" and r.destination.name == "checkout")
    assert checkout.exchange_count == 3
    assert checkout.source.namespace == "web"
    types = {
        metadata_pb2.DataType.Name(d.data_type)
        for f in checkout.request_fields
        for d in f.detections
    }
    assert {"DATA_TYPE_CREDIT_CARD", "DATA_TYPE_EMAIL", "DATA_TYPE_PERSON_NAME"} <= types
    assert list(checkout.query_parameter_names) == ["coupon", "page"]
    everything = stdout + stderr + "".join(served)
    leaked = [c for c in canaries if c in everything]
    assert leaked == []
