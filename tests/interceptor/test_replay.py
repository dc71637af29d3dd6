"""Capture files through the core, and the ``replay`` command."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from interceptor.core import Core
from interceptor.frames import LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2
from interceptor.replay import (
    CaptureFormatError,
    ReadStats,
    learn_interfaces,
    read_frames,
    read_records,
)
from interceptor.synthetic import write_pcap, write_pcapng
from tests.interceptor.conversation import (
    Conversation,
    frames,
    parsed,
    request,
    response,
    summary,
)

CONV = Conversation(
    [
        (True, request("POST", "/users", b'{"email":"a@example.org"}')),
        (False, response(201, b'{"id":1}')),
        (True, request("GET", "/page")),
        (False, response(200, b"<p>", ctype="text/html")),
    ]
)
EXPECTED = [("POST", "/users", 201, b'{"email":"a@example.org"}', b'{"id":1}', False, False)]


def test_pcap(tmp_path: Path) -> None:
    path = tmp_path / "a.pcap"
    write_pcap(path, frames(CONV, "shuffled", 1))
    core = Core()
    out = parsed(read_records(path, core=core))
    assert [summary(ex) for ex in out] == EXPECTED
    assert out[0].interface == "pcap"
    assert core.dropped["not_json"] == 1


def test_cooked_link_types(tmp_path: Path) -> None:
    for linktype in (LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2):
        cooked = []
        for ts, f in frames(CONV, "whole"):
            ip = f[14:]
            if linktype == LINKTYPE_LINUX_SLL:
                head = struct.pack("!HHH8sH", 4, 1, 6, b"\x02" * 8, 0x0800)
            else:
                head = struct.pack("!HHIHBB8s", 0x0800, 0, 3, 1, 4, 6, b"\x02" * 8)
            cooked.append((ts, head + ip))
        path = tmp_path / f"cooked{linktype}.pcap"
        write_pcap(path, cooked, linktype)
        assert [summary(ex) for ex in parsed(read_records(path))] == EXPECTED


def _two_veths(tmp_path: Path) -> Path:
    # every frame seen first on its sender's veth, then (routed) on the receiver's
    recs = []
    for ts, f in frames(CONV, "whole"):
        first, second = (
            ("vethc", "veths") if f[26:30] == bytes([10, 251, 1, 1]) else ("veths", "vethc")
        )
        recs.append((first, ts, f))
        recs.append((second, ts + 0.00001, f))
    path = tmp_path / "two.pcapng"
    write_pcapng(path, recs)
    return path


def test_pcapng_two_interfaces_reports_each_exchange_once(tmp_path: Path) -> None:
    path = _two_veths(tmp_path)
    assert {r[0] for r in read_frames(path)} == {"vethc", "veths"}
    # no map: first interface that sees the connection owns it
    out = parsed(read_records(path))
    assert [(ex.interface, *summary(ex)) for ex in out] == [("vethc", *EXPECTED[0])]
    # local IPs: the rule puts it on the server pod's interface, learnt from the capture
    assert learn_interfaces(path, ["10.251.1.1", "10.251.1.2"]) == {
        "vethc": {"10.251.1.1"},
        "veths": {"10.251.1.2"},
    }
    out = parsed(read_records(path, local_ips=["10.251.1.1", "10.251.1.2"]))
    assert [(ex.interface, *summary(ex)) for ex in out] == [("veths", *EXPECTED[0])]


def test_replay_command_prints_json_lines(tmp_path: Path) -> None:
    path = _two_veths(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "interceptor",
            "replay",
            str(path),
            "--map",
            "vethc=10.251.1.1",
            "--map",
            "veths=10.251.1.2",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["interface"] == "veths"
    assert doc["request"]["body"] == '{"email":"a@example.org"}'  # text, not base64
    assert doc["response"]["status"] == 201
    assert doc["server"] == {"ip": "10.251.1.2", "port": 8080}
    assert doc["request"]["http_version"] == "1.1"  # proto field names preserved
    assert "1 exchanges" in proc.stderr


def test_replay_command_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pcap"
    bad.write_bytes(b"not a capture at all")
    proc = subprocess.run(
        [sys.executable, "-m", "interceptor", "replay", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "bad.pcap" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pcap_records_across_read_blocks_and_a_cut_tail(tmp_path: Path) -> None:
    path = tmp_path / "big.pcap"
    frames_in = [(1.0 + i * 0.001, bytes([i % 256]) * (700 + i % 1500)) for i in range(3000)]
    write_pcap(path, frames_in)
    out = list(read_frames(path))
    assert [(round(ts, 3), f) for _i, _l, ts, f in out] == [(round(t, 3), f) for t, f in frames_in]
    data = path.read_bytes()
    path.write_bytes(data[:-100])  # the last record is cut short: said, not silent
    got: list[object] = []
    with pytest.raises(CaptureFormatError, match="cut short"):
        got.extend(read_frames(path))
    assert len(got) == 2999


def _write_conv_pcap(path: Path) -> bytes:
    write_pcap(path, frames(CONV, "whole"))
    return path.read_bytes()


def test_corrupt_record_length_is_an_error_after_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "c.pcap"
    data = _write_conv_pcap(path)
    # the fifth record's length field (the records before it are whole)
    pos = 24
    for _ in range(4):
        pos += 16 + struct.unpack_from("<I", data, pos + 8)[0]
    bad = data[: pos + 8] + struct.pack("<I", 0x7FFFFFFF) + data[pos + 12 :]
    path.write_bytes(bad)
    got: list[object] = []
    with pytest.raises(CaptureFormatError, match=f"byte {pos} claims a length"):
        got.extend(read_frames(path))
    assert len(got) == 4


def test_replay_command_says_a_file_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "cut.pcap"
    data = _write_conv_pcap(path)
    path.write_bytes(data[:-30])
    proc = subprocess.run(
        [sys.executable, "-m", "interceptor", "replay", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "damaged" in proc.stderr
    assert "cut short" in proc.stderr
    assert "Traceback" not in proc.stderr
    # the exchange before the damage was still written
    assert [json.loads(line)["request"]["target"] for line in proc.stdout.splitlines()] == [
        "/users"
    ]


def test_pcapng_cut_and_bad_block_lengths(tmp_path: Path) -> None:
    path = tmp_path / "a.pcapng"
    write_pcapng(path, [("veth0", ts, f) for ts, f in frames(CONV, "whole")])
    data = path.read_bytes()
    path.write_bytes(data[:-7])
    with pytest.raises(CaptureFormatError, match="cut short"):
        list(read_frames(path))
    # the first packet block (after the section and interface blocks) claims 13 bytes
    shb = struct.unpack_from("<I", data, 4)[0]
    idb = struct.unpack_from("<I", data, shb + 4)[0]
    pos = shb + idb
    path.write_bytes(data[: pos + 4] + struct.pack("<I", 13) + data[pos + 8 :])
    with pytest.raises(CaptureFormatError, match=f"byte {pos} claims length 13"):
        list(read_frames(path))


def test_pcapng_times_after_year_9999_are_skipped_and_counted(tmp_path: Path) -> None:
    # issue 15 row 8: the replay command must not crash on such a file
    path = tmp_path / "far.pcapng"
    far = 400_000_000_000.0  # about year 14,600
    fr = frames(CONV, "whole")
    write_pcapng(path, [("veth0", far if i == 0 else ts, f) for i, (ts, f) in enumerate(fr)])
    stats = ReadStats()
    assert len(list(read_frames(path, stats))) == len(fr) - 1
    assert stats.bad_time == 1
    proc = subprocess.run(
        [sys.executable, "-m", "interceptor", "replay", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "1 frames skipped (time after year 9999)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pcapng_big_endian_and_nanosecond_interfaces(tmp_path: Path) -> None:
    # a section written big-endian with an interface in nanoseconds
    def block(btype: int, body: bytes) -> bytes:
        body += b"\x00" * (-len(body) % 4)
        return struct.pack(">II", btype, len(body) + 12) + body + struct.pack(">I", len(body) + 12)

    frame = frames(CONV, "whole")[3][1]
    opts = struct.pack(">HH", 2, 3) + b"vx\x00\x00" + struct.pack(">HH", 9, 1) + b"\x09\x00\x00\x00"
    t = 1_700_000_000_123_456_789
    data = (
        block(0x0A0D0D0A, b"\x1a\x2b\x3c\x4d" + struct.pack(">HHq", 1, 0, -1))
        + block(1, struct.pack(">HHI", 1, 0, 65535) + opts + b"\x00" * 4)
        + block(
            6, struct.pack(">IIIII", 0, t >> 32, t & 0xFFFFFFFF, len(frame), len(frame)) + frame
        )
    )
    path = tmp_path / "be.pcapng"
    path.write_bytes(data)
    ((iface, linktype, ts, got),) = list(read_frames(path))
    assert (iface, linktype, got) == ("vx", 1, frame)
    assert abs(ts - 1_700_000_000.123456789) < 1e-6
