"""``--grpc-descriptors FILE``: checked at start (one line when unusable), then gRPC fields
are reported by name; without it, by field number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from standalone.cli import main
from standalone.demo import loyalty

DATA = Path(__file__).resolve().parents[2] / "standalone" / "data"
ENV = "SIEVE_INTERCEPTOR_GRPC_DESCRIPTOR_SET"


def _earn_fields(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[str, set[str]]:
    assert main(["analyze", str(DATA / "demo.pcap"), "--json", *extra]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # a JSON log handler another test left on the root logger may also write to stdout
    reports = [r for r in lines if "msg" not in r]
    (earn,) = [r for r in reports if r["pathTemplate"] == loyalty.EARN]
    return earn["protocol"], {f["jsonPath"] for f in earn["requestFields"]}


def test_fields_by_number_then_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV, raising=False)
    protocol, paths = _earn_fields(capsys)
    assert protocol == "ENDPOINT_PROTOCOL_GRPC"
    assert paths == {"$[*].1", "$[*].2", "$[*].3", "$[*].4"}
    desc = tmp_path / "loyalty.desc"
    desc.write_bytes(loyalty.descriptor_set())
    monkeypatch.setenv(ENV, "")  # restored after the test (the CLI sets it)
    _, named = _earn_fields(capsys, "--grpc-descriptors", str(desc))
    assert named == {"$[*].customer_email", "$[*].card_holder_name", "$[*].order_id",
                     "$[*].points"}  # fmt: skip


@pytest.mark.parametrize("content", [None, b"\xff\x01 not a descriptor set"])
def test_an_unusable_file_stops_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    path = tmp_path / "x.desc"
    if content is not None:
        path.write_bytes(content)
    assert main(["analyze", str(DATA / "demo.pcap"), "--grpc-descriptors", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"sieve: --grpc-descriptors {path}: ")
    assert len(err.strip().splitlines()) == 1
