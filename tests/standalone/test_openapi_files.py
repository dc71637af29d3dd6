"""``sieve analyze --openapi DIR`` on the demo capture: a valid document per server."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from collector.openapi import split_template
from collector.store import Store
from common.settings import ConfigError
from standalone.cli import run
from standalone.openapi_files import file_name

DATA = Path(__file__).resolve().parents[2] / "standalone" / "data"


def test_demo_capture_gives_valid_documents_for_every_endpoint(tmp_path: Path) -> None:
    db, out = tmp_path / "demo.db", tmp_path / "openapi"
    argv = ["analyze", str(DATA / "demo.pcap"), "--names", str(DATA / "demo-names.yaml")]
    assert run([*argv, "--db", str(db), "--openapi", str(out)]) == 0
    store = Store(f"sqlite:///{db}")
    try:
        endpoints = store.endpoints()
    finally:
        store.close()
    assert len(endpoints) >= 8
    docs = {f.name: yaml.safe_load(f.read_text()) for f in out.iterdir()}
    for doc in docs.values():
        validate(doc)
    for end in endpoints:  # every endpoint is an operation of its server's document
        doc = docs[file_name(end.destination.label)]
        path, _ = split_template(end.path_template)
        assert end.method.lower() in doc["paths"][path], (end.method, path)
    assert "/users/{userId}" in docs["accounts.users.yaml"]["paths"]
    assert "/orders/{orderId}" in docs["shop.orders.yaml"]["paths"]
    assert len(docs["all.yaml"]["paths"]) == len(
        {(e.destination.label, split_template(e.path_template)[0]) for e in endpoints}
    )
    # responses by the exact codes the capture's servers answered (no class keys: the whole
    # pipeline reports exact codes); the body schema on the success codes only
    users = docs["accounts.users.yaml"]["paths"]["/users/{userId}"]["get"]["responses"]
    assert set(users) == {"200", "404"}
    assert users["200"]["x-sieve-body-scope"] == "all-responses"
    assert "content" not in users["404"]
    created = docs["accounts.users.yaml"]["paths"]["/users"]["post"]["responses"]
    assert set(created) == {"201"}
    for doc in docs.values():
        for item in doc["paths"].values():
            for op in item.values():
                assert all(key.isdigit() for key in op["responses"]), op["responses"]


def test_unwritable_directory_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    argv = ["analyze", str(DATA / "demo.pcap"), "--openapi", str(blocker / "sub")]
    with pytest.raises(ConfigError, match="cannot write OpenAPI documents"):
        run(argv)
