"""``sieve analyze --openapi DIR``: the OpenAPI documents of a store, written as YAML files."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from collector.openapi import build_document, endpoint_details, server_label
from common.settings import ConfigError

ALL_FILE = "all.yaml"


def file_name(workload: str) -> str:
    """``shop/checkout`` → ``shop.checkout.yaml`` (safe on any file system)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", workload.replace("/", ".")) + ".yaml"


def write_documents(store_like: object, directory: Path) -> list[Path]:
    """One document per server workload and ``all.yaml``; returns the files written.

    Raises `ConfigError` when ``directory`` cannot be made or written.
    """
    from collector.store import Store

    assert isinstance(store_like, Store)
    details = endpoint_details(store_like)
    servers = sorted({server_label(d) for d in details})
    try:
        directory.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for workload in [*servers, None]:
            doc = build_document(details, workload)
            target = directory / (file_name(workload) if workload else ALL_FILE)
            target.write_text(
                yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
            written.append(target)
    except OSError as exc:
        raise ConfigError(f"cannot write OpenAPI documents to {directory}: {exc}") from None
    return written
