"""gRPC bodies: length-prefixed messages, compression, schemaless and descriptor decoding."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from common.settings import ConfigError, load_settings
from interceptor.grpc_messages import (
    Descriptors,
    GrpcError,
    decode_schemaless,
    is_grpc_content_type,
    messages_document,
    split_messages,
)
from interceptor.settings import InterceptorSettings
from tests.interceptor.h2_conversation import grpc_message
from tests.interceptor.h2_stacks.grpc_users import compile_proto, modules, user


@pytest.fixture(scope="module")
def users(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("users")
    desc = compile_proto(out)
    pb, _ = modules(out)
    return pb, desc


def test_content_types() -> None:
    assert is_grpc_content_type(b"application/grpc")
    assert is_grpc_content_type(b"Application/GRPC+proto; charset=x")
    assert not is_grpc_content_type(b"application/grpc-web")
    assert not is_grpc_content_type(b"application/json")


def test_split_plain_compressed_and_cut() -> None:
    body = grpc_message(b"\x08\x01") + grpc_message(gzip.compress(b"\x08\x02"), compressed=True)
    assert split_messages(body, b"gzip", 100) == ([b"\x08\x01", b"\x08\x02"], False)
    deflated = grpc_message(zlib.compress(b"\x08\x03"), compressed=True)
    assert split_messages(deflated, b"deflate", 100) == ([b"\x08\x03"], False)
    assert split_messages(body + b"\x00\x00\x00\x00\x09abc", b"gzip", 100)[1] is True


def test_compression_bomb_and_unknown_coding_raise() -> None:
    bomb = grpc_message(gzip.compress(b"\x00" * 5_000_000), compressed=True)
    assert len(bomb) < 10_000
    with pytest.raises(GrpcError):
        split_messages(bomb, b"gzip", 1 << 20)
    with pytest.raises(GrpcError):
        split_messages(grpc_message(b"x", compressed=True), b"snappy", 100)
    with pytest.raises(GrpcError):
        split_messages(b"\x07\x00\x00\x00\x00", None, 100)


def test_schemaless_rules(users: tuple[object, Path]) -> None:
    pb: object = users[0]
    raw = user(pb, 7, bio_bytes=3).SerializeToString()
    assert decode_schemaless(raw) == {
        "1": 7,
        "2": "user7@example.org",
        "3": {"1": "7 Main St", "2": "Springfield"},
        "4": "+1 555 0107",
        "5": "bbb",
    }
    # repeated fields become lists; bytes that are neither text nor a message: base64
    twice = b"\x1a\x02\x08\x01\x1a\x02\x08\x02" + b"\x22\x02\xff\xfe"
    assert decode_schemaless(twice) == {"3": [{"1": 1}, {"1": 2}], "4": "b64://4="}
    # fixed-width numbers: their unsigned value
    assert decode_schemaless(b"\x0d\x01\x00\x00\x00\x11" + b"\x02" + b"\x00" * 7) == {
        "1": 1,
        "2": 2,
    }
    assert decode_schemaless(b"\x0b") is None  # a group start: not decoded
    assert decode_schemaless(b"\x0a\x05ab") is None  # length past the end


def test_descriptors_name_fields(users: tuple[object, Path]) -> None:
    pb, desc = users
    d = Descriptors.load(desc)
    assert "/sievetest.users.v1.Users/GetUser" in d.methods
    raw = user(pb, 3).SerializeToString()
    doc = d.decode("/sievetest.users.v1.Users/GetUser", False, raw)
    assert doc is not None
    assert doc["email"] == "user3@example.org"
    assert doc["addresses"] == [{"street": "3 Main St", "city": "Springfield"}]
    assert d.decode("/other.Svc/M", False, raw) is None
    body = messages_document([raw], "/sievetest.users.v1.Users/GetUser", False, d)
    assert body is not None
    assert json.loads(body)[0]["phone"] == "+1 555 0103"
    # unknown methods fall back to field numbers
    body = messages_document([raw], "/x.Y/Z", False, d)
    assert body is not None
    assert json.loads(body)[0]["2"] == "user3@example.org"


def test_descriptor_setting_checked_at_start(tmp_path: Path, users: tuple[object, Path]) -> None:
    bad = tmp_path / "bad.desc"
    bad.write_bytes(b"\xff\xff not a descriptor set")
    with pytest.raises(ConfigError, match="not a usable FileDescriptorSet"):
        load_settings(InterceptorSettings, discover_pods=False, grpc_descriptor_set=str(bad))
    ok = load_settings(InterceptorSettings, discover_pods=False, grpc_descriptor_set=str(users[1]))
    assert ok.grpc_descriptor_set == str(users[1])
