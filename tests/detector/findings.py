"""What the engine reports on one body, as (path, type) pairs: the tests' common view."""

from __future__ import annotations

from typing import Any

from detector.engine import DetectionEngine


def found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    """Every (path, type) ``engine`` reports on ``body``."""
    return {(d.path, d.type) for d in engine.detect(body)}
