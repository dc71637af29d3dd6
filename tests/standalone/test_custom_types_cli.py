"""`sieve analyze --custom-types`: checked at start, found in the capture, named by policies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from standalone.cli import main

DATA = Path(__file__).resolve().parents[2] / "standalone" / "data"


def test_bad_custom_types_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    types = tmp_path / "t.yaml"
    types.write_text("- {id: broken, name: b, sensitivity: low, value_pattern: '(x'}\n")
    assert main(["analyze", str(DATA / "demo.pcap"), "--custom-types", str(types)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "custom type broken: value_pattern is not a valid RE2 pattern" in err


def test_custom_types_are_found_and_policies_name_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SIEVE_DETECTOR_CUSTOM_TYPES_FILE", raising=False)
    types = tmp_path / "t.yaml"
    # Every e-mail address of the demo's customers, as the user's own type.
    types.write_text(
        "- {id: customer_contact, name: Customer contact, sensitivity: high,\n"
        "   value_pattern: '[^@ ]+@[^@ ]+', key_patterns: ['mail']}\n"
    )
    policies = tmp_path / "p.yaml"
    policies.write_text(
        "- {name: contacts stay home, rule: only_namespace_may_receive, namespace: nowhere,\n"
        "   data_type: customer_contact}\n"
    )
    code = main(
        [
            "analyze", str(DATA / "demo.pcap"), "--names", str(DATA / "demo-names.yaml"),
            "--custom-types", str(types), "--json",
        ]
    )  # fmt: skip
    assert code == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    customs = {
        d.get("customType")
        for r in lines
        for f in r.get("requestFields", []) + r.get("responseFields", [])
        for d in f.get("detections", [])
    }
    assert "customer_contact" in customs  # in the contract, like a built-in type
    monkeypatch.setenv("COLUMNS", "250")
    code = main(
        [
            "analyze", str(DATA / "demo.pcap"), "--names", str(DATA / "demo-names.yaml"),
            "--custom-types", str(types), "--policies", str(policies),
        ]
    )  # fmt: skip
    os.environ.pop("SIEVE_DETECTOR_CUSTOM_TYPES_FILE", None)
    assert code == 0
    out = capsys.readouterr().out
    assert "contacts stay home" in out  # the policy naming the custom type is violated
