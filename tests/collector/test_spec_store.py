"""Uploaded documents in the database (schema version 6), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector.spec_store import DatabaseSpecs
from collector.specs import SpecError, SpecRegistry
from collector.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_uploads_are_saved_and_loaded_by_a_new_registry(store: Store) -> None:
    saved = DatabaseSpecs(store.engine)
    first = SpecRegistry()
    first.load_dir(FIXTURES)  # the ConfigMap's: not saved
    assert first.use_saved(saved) == []
    text = (FIXTURES / "payments.openapi.json").read_text()
    first.put("mine", text, "shop/payments")
    first.put("mine", text, "shop/billing")  # replaced, not added
    first.put("temporary", text)
    assert first.delete("temporary")
    assert [(n, w) for n, w, _ in saved.load()] == [("mine", "shop/billing")]

    second = SpecRegistry()
    assert second.use_saved(saved) == []
    assert [(d.name, d.workload) for d in second.documents()] == [("mine", "shop/billing")]
    assert second.documents()[0].operations == first.documents()[0].operations


def test_a_saved_document_that_no_longer_parses_is_skipped(store: Store) -> None:
    saved = DatabaseSpecs(store.engine)
    saved.save("broken", None, "openapi: 3.1.0\n")  # no paths: not usable
    saved.save("fine", None, (FIXTURES / "users.openapi.yaml").read_text())
    registry = SpecRegistry()
    assert registry.use_saved(saved) == ["broken"]
    assert [d.name for d in registry.documents()] == ["fine"]


class _Broken:
    def save(self, name: str, workload: str | None, document: str) -> None:
        raise OSError("disk gone")

    def delete(self, name: str) -> None:
        raise OSError("disk gone")

    def load(self) -> list[tuple[str, str | None, str]]:
        return []


def test_a_document_that_cannot_be_saved_or_deleted_is_a_clear_error() -> None:
    registry = SpecRegistry()
    registry.put("kept", (FIXTURES / "users.openapi.yaml").read_text())
    registry.use_saved(_Broken())
    with pytest.raises(SpecError, match="new: cannot save: OSError"):
        registry.put("new", (FIXTURES / "users.openapi.yaml").read_text())
    with pytest.raises(SpecError, match="kept: cannot delete: OSError"):
        registry.delete("kept")
    assert [d.name for d in registry.documents()] == ["kept"]  # neither half-done
