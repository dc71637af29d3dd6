"""A capture of real servers (FastAPI and Node, benchmarks/real_stack) replayed through
`sieve analyze --openapi`: every document validates (openapi-spec-validator) and every
endpoint seen is an operation of its server's document. Captures ``lo`` with dumpcap
(only the two servers' ports): needs root, dumpcap and node."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from benchmarks.real_stack_names import capture, read_truth
from collector.openapi import split_template
from collector.store import Store
from standalone.cli import run
from standalone.openapi_files import file_name

pytestmark = pytest.mark.integration


def test_real_stack_capture_gives_a_valid_document_for_every_endpoint(tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("dumpcap") or not shutil.which("node"):
        pytest.skip("needs root, dumpcap and node")
    pcap, db, out = tmp_path / "real.pcap", tmp_path / "real.db", tmp_path / "openapi"
    assert capture(pcap, calls=2) == 2 * len(read_truth())
    assert run(["analyze", str(pcap), "--db", str(db), "--openapi", str(out)]) == 0
    store = Store(f"sqlite:///{db}")
    try:
        endpoints = store.endpoints()
    finally:
        store.close()
    # two calls per route: numeric, uuid and date parameters are templated at once; string
    # keys (slugs, codes) only after many values, so those routes give one endpoint per value
    assert len(endpoints) >= len(read_truth())
    docs = {f.name: yaml.safe_load(f.read_text()) for f in out.iterdir()}
    for doc in docs.values():
        validate(doc)
    for end in endpoints:
        doc = docs[file_name(end.destination.label)]
        path, _ = split_template(end.path_template)
        assert end.method.lower() in doc["paths"][path], (end.method, path)
    [server] = {e.destination.label for e in endpoints}  # both servers listen on 127.0.0.1
    paths = docs[file_name(server)]["paths"]
    assert "/api/v1/customers/{customerId}/orders/{orderId}" in paths
    assert "/v1/authors/{authorId}/books/{bookId}" in paths
