"""Shared fixtures: the committed model, loaded once."""

from __future__ import annotations

import pytest

from detector.engine import DetectionEngine


@pytest.fixture(scope="session")
def engine() -> DetectionEngine:
    """The engine with the bundled model and default settings."""
    return DetectionEngine.load_default()
