"""Fixtures of the end-to-end suite: a whole `Stack` per test, always torn down."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.stack import Stack


@pytest.fixture
def stack(tmp_path: Path, kafka_bootstrap: str) -> Iterator[Stack]:
    """Pods, the demo application and the four services on the session's broker."""
    built = Stack(tmp_path, kafka_bootstrap)
    try:
        yield built
    finally:
        built.close()
