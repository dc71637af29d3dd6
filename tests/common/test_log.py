"""JSON log lines."""

from __future__ import annotations

import json
import logging

import pytest

from common.log import setup_logging


def test_log_lines_are_json_with_extra_fields(capsys: pytest.CaptureFixture[str]):
    setup_logging("demo", "INFO")
    logging.getLogger("x").info("captured %d", 3, extra={"interface": "veth1"})
    logging.getLogger("x").debug("hidden")
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("x").exception("failed")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    assert lines[0]["msg"] == "captured 3"
    assert lines[0]["interface"] == "veth1"
    assert lines[0]["service"] == "demo"
    assert lines[0]["level"] == "info"
    assert "ValueError: boom" in lines[1]["exc"]


def test_logging_follows_a_replaced_stdout(capsys: pytest.CaptureFixture[str]):
    import io
    import sys

    first = io.StringIO()
    real = sys.stdout
    sys.stdout = first
    try:
        setup_logging("demo", "INFO")
        first.close()  # whoever owned it is gone
        second = io.StringIO()
        sys.stdout = second
        logging.getLogger("x").info("still here")
    finally:
        sys.stdout = real
    assert json.loads(second.getvalue())["msg"] == "still here"
