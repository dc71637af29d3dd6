"""Custom data types: definitions checked at start, RE2 matching, reported like built-ins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from detector import custom_types as ct
from detector.engine import DetectionEngine
from detector.settings import DetectorSettings

TYPES = """
custom_types:
  - id: employee_id
    name: Employee number
    sensitivity: medium
    value_pattern: 'EMP-[0-9]{6}'
    key_patterns: ['employee', 'mitarbeiter', '社員']
  - id: loyalty_card
    name: Loyalty card
    sensitivity: high
    value_pattern: '[0-9]{12,16}'
    validator: luhn
    min_share: 0.5
  - id: contract_ref
    name: Contract reference
    sensitivity: low
    key_patterns: ['^vertrag', 'contract_?ref']
    length: {min: 6, max: 20}
"""


@pytest.fixture(scope="module")
def custom_engine(tmp_path_factory: pytest.TempPathFactory) -> DetectionEngine:
    path = tmp_path_factory.mktemp("ct") / "types.yaml"
    path.write_text(TYPES)
    return DetectionEngine.load_default(DetectorSettings(custom_types_file=path))


def found(engine: DetectionEngine, doc: object) -> dict[tuple[str, str], tuple[str, float]]:
    return {(d.path, d.type): (d.sensitivity, d.confidence) for d in engine.detect(doc)}


def test_custom_types_are_reported_like_builtins(custom_engine: DetectionEngine) -> None:
    doc = {
        "employee": "EMP-123456",
        "manager": {"mitarbeiter_nr": "EMP-654321"},
        "ref": "EMP-000001",
        "社員番号": "EMP-111111",
        "card": "4111111111111111",
        "vertragsnummer": "V-2024-0001",
        "email": "ann@example.org",
    }
    got = found(custom_engine, doc)
    assert got[("$.employee", "employee_id")] == ("medium", ct.CONF_KEY_AND_VALUE)
    assert got[("$.manager.mitarbeiter_nr", "employee_id")][0] == "medium"
    assert ("$.社員番号", "employee_id") in got  # key patterns in any language
    # A value pattern with key patterns needs both: "ref" is not an employee key.
    assert ("$.ref", "employee_id") not in got
    assert got[("$.card", "loyalty_card")] == ("high", ct.CONF_VALUE)
    assert got[("$.vertragsnummer", "contract_ref")] == ("low", ct.CONF_KEY)
    assert ("$.email", "email") in got  # built-ins still found


def test_validator_length_and_min_share(custom_engine: DetectionEngine) -> None:
    assert ("$.card", "loyalty_card") not in found(custom_engine, {"card": "4111111111111112"})
    assert ("$.vertrag", "contract_ref") not in found(custom_engine, {"vertrag": "V1"})
    # min_share 0.5 over the values of one path in the batch: 1 of 4 is too few.
    docs = [{"n": "4111111111111111"}, {"n": "1"}, {"n": "22"}, {"n": "333"}]
    results = custom_engine.detect_many(docs)
    assert all(d.type != "loyalty_card" for r in results for d in r)
    docs = [{"n": "4111111111111111"}, {"n": "5500000000000004"}, {"n": "x"}]
    results = custom_engine.detect_many(docs)
    assert [any(d.type == "loyalty_card" for d in r) for r in results] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: X\nname: n\nsensitivity: low\nvalue_pattern: a", "custom type X: id:"),
        (
            "- {id: email, name: n, sensitivity: low, value_pattern: a}",
            "custom type email: the id is a built-in type",
        ),
        (
            "- {id: bad_re, name: n, sensitivity: low, value_pattern: '(?<=a)b'}",
            "custom type bad_re: value_pattern is not a valid RE2 pattern",
        ),
        ("- {id: nothing, name: n, sensitivity: low}", "custom type nothing: give value_pattern"),
        (
            "- {id: twice, name: n, sensitivity: low, value_pattern: a}\n"
            "- {id: twice, name: n, sensitivity: low, value_pattern: b}",
            "custom type twice: defined twice",
        ),
        (
            "- {id: vv, name: n, sensitivity: low, value_pattern: a, validator: crc32}",
            "custom type vv: validator:",
        ),
        (
            "- {id: ss, name: n, sensitivity: secret, value_pattern: a}",
            "custom type ss: sensitivity:",
        ),
    ],
)
def test_bad_definitions_name_the_type(text: str, expected: str) -> None:
    import yaml

    data = yaml.safe_load(text)
    if isinstance(data, dict):
        data = [data]
    with pytest.raises(ct.CustomTypeError) as info:
        ct.parse(data)
    assert expected in str(info.value)
    assert "\n" not in str(info.value)


def test_a_bad_definition_stops_the_detector_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text("- {id: broken, name: n, sensitivity: low, value_pattern: '(unclosed'}\n")
    done = subprocess.run(
        [sys.executable, "-m", "detector"],
        env={"SIEVE_DETECTOR_CUSTOM_TYPES_FILE": str(path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = [line for line in (done.stderr + done.stdout).splitlines() if "broken" in line]
    assert len(lines) == 1
    assert "custom type broken: value_pattern is not a valid RE2 pattern" in lines[0]


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        ("luhn", "79927398713", "79927398710"),
        ("mod97", "GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 33"),
        ("iso7064_mod11_2", "0000-0002-1825-0097", "0000-0002-1825-0098"),  # ORCID's example
        ("iso7064_mod11_2", "0000-0002-1694-233X", "0000-0002-1694-2330"),
        # The IBAN example above, rearranged as ISO 13616 does before its MOD 97-10 check.
        ("iso7064_mod97_10", "WEST12345698765432GB82", "WEST12345698765432GB83"),
    ],
)
def test_validators(name: str, good: str, bad: str) -> None:
    assert ct.VALIDATORS[name](good)
    assert not ct.VALIDATORS[name](bad)


def test_pathological_pattern_runs_in_linear_time() -> None:
    [ctype] = ct.parse([{"id": "evil", "name": "e", "sensitivity": "low",
                         "value_pattern": "(a+)+$"}])  # fmt: skip
    from detector.walker import Leaf

    hostile = Leaf(path="$.x", key="x", parent="", value="a" * 4000 + "!", hint="")
    # Python's backtracking re would not finish this within the test's lifetime.
    assert ctype.matches(hostile) == 0.0


def test_the_http_api_reports_custom_types(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from detector.api import create_app

    path = tmp_path / "types.yaml"
    path.write_text(TYPES)
    settings = DetectorSettings(custom_types_file=path)
    app = create_app(settings, load_in_background=False)  # the real loader, as in the service
    with TestClient(app) as client:
        body = {"documents": [{"id": "1", "body": {"employee": "EMP-123456"}}]}
        response = client.post("/v1/detect", json=body)
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert {"path": "$.employee", "type": "employee_id", "sensitivity": "medium",
            "confidence": ct.CONF_KEY_AND_VALUE} in result["detections"]  # fmt: skip
