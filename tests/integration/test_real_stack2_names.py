"""The second real stack (Go, express-style Node and aiohttp servers, benchmarks/real_stack2)
captured on ``lo`` and read by `sieve analyze`: every call is answered, each server is its
own destination, and a route's values, whatever each looks like, make one endpoint with
one name per parameter. Needs root, dumpcap, node and go."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from benchmarks.real_stack2_names import capture, find_template, read_truth, score
from benchmarks.real_stack_names import observed

pytestmark = pytest.mark.integration


def test_real_stack2_capture_is_templated_per_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("dumpcap", "node", "go")):
        pytest.skip("needs root, dumpcap, node and go")
    # 20 calls a route past a threshold of 16 distinct literals, to be quick (the benchmark
    # runs 40 past the default 32); `sieve analyze` reads the setting from the environment
    monkeypatch.setenv("SIEVE_DIGGER_TEMPLATE_CARDINALITY_THRESHOLD", "16")
    truth = read_truth()
    pcap = tmp_path / "real2.pcap"
    assert capture(pcap, calls=20, build_dir=tmp_path) == 20 * len(truth)
    templates = observed(pcap)
    scores, _ = score(templates, truth)
    # the namer before found 56 of the 82 routes on such a capture (repository names,
    # logins and Jira keys split by what each value looked like; image names on one server
    # made another's /v2/ words values); this one 72, the rest need more calls
    assert scores["all"].routes_found >= 68
    assert scores["all"].strict > scores["all"].peer_strict
    by_route = {(r.method, r.path): find_template(r, templates)[0] for r in truth}
    assert by_route["GET", "/repos/{owner}/{repo}/issues/{issue_number}"] == (
        "/repos/{repoId}/{id}/issues/{issueId:int}"
    )
    assert by_route["GET", "/v2/meetings/{meetingId}/registrants/{registrantId}"] == (
        "/v2/meetings/{meetingId:int}/registrants/{registrantId}"
    )
    assert by_route["GET", "/calendar/v3/calendars/{calendarId}/events/{eventId}"] == (
        "/calendar/v3/calendars/{calendarId:email}/events/{eventId}"
    )
