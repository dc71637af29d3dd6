"""The shop's gRPC service: loyalty points, which orders earns for a paying customer.

Its schema (``shop.loyalty.v1``) is built here with protobuf's ``descriptor_pb2``, so the
demo needs no ``protoc`` at run time; the same descriptors serve the live grpcio server
and client and the recorder of the shipped capture. The shop's code speaks dicts keyed by
the proto field names (`ShopService.handle`); this module turns them into messages. In
proto terms::

    package shop.loyalty.v1;
    message EarnRequest { string customer_email = 1; string card_holder_name = 2;
                          string order_id = 3; int32 points = 4; }
    message EarnReply { string member_id = 1; int32 balance = 2; string tier = 3; }
    service Points { rpc Earn(EarnRequest) returns (EarnReply); }
"""

from __future__ import annotations

import functools
from typing import Any

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

PACKAGE = "shop.loyalty.v1"
SERVICE = f"{PACKAGE}.Points"
EARN = f"/{SERVICE}/Earn"
"""The one method's gRPC path (``:path``)."""

_STRING = descriptor_pb2.FieldDescriptorProto.TYPE_STRING
_INT32 = descriptor_pb2.FieldDescriptorProto.TYPE_INT32

_MESSAGES = {
    "EarnRequest": (
        ("customer_email", 1, _STRING),
        ("card_holder_name", 2, _STRING),
        ("order_id", 3, _STRING),
        ("points", 4, _INT32),
    ),
    "EarnReply": (("member_id", 1, _STRING), ("balance", 2, _INT32), ("tier", 3, _STRING)),
}


def file_descriptor() -> descriptor_pb2.FileDescriptorProto:
    """``shop/loyalty/v1/points.proto`` as a descriptor."""
    f = descriptor_pb2.FileDescriptorProto(
        name="shop/loyalty/v1/points.proto", package=PACKAGE, syntax="proto3"
    )
    for name, fields in _MESSAGES.items():
        msg = f.message_type.add(name=name)
        for field_name, number, kind in fields:
            msg.field.add(
                name=field_name,
                number=number,
                type=kind,
                label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
                json_name=field_name,
            )
    service = f.service.add(name="Points")
    service.method.add(
        name="Earn", input_type=f".{PACKAGE}.EarnRequest", output_type=f".{PACKAGE}.EarnReply"
    )
    return f


def descriptor_set() -> bytes:
    """A serialized ``FileDescriptorSet`` of the service (for ``--grpc-descriptors``)."""
    return descriptor_pb2.FileDescriptorSet(file=[file_descriptor()]).SerializeToString()


@functools.cache
def _classes() -> tuple[Any, Any]:
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file_descriptor())
    return tuple(
        message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{PACKAGE}.{name}"))
        for name in _MESSAGES
    )  # type: ignore[return-value]


def encode_request(body: dict[str, Any]) -> bytes:
    """An ``EarnRequest`` from the shop's dict (unknown keys are an error)."""
    return bytes(json_format.ParseDict(body, _classes()[0]()).SerializeToString())


def decode_request(data: bytes) -> dict[str, Any]:
    """The shop's dict of a serialized ``EarnRequest``."""
    return _to_dict(_classes()[0].FromString(data))


def encode_reply(body: dict[str, Any]) -> bytes:
    """An ``EarnReply`` from the shop's dict."""
    return bytes(json_format.ParseDict(body, _classes()[1]()).SerializeToString())


def decode_reply(data: bytes) -> dict[str, Any]:
    """The shop's dict of a serialized ``EarnReply``."""
    return _to_dict(_classes()[1].FromString(data))


def _to_dict(message: Any) -> dict[str, Any]:
    out: dict[str, Any] = json_format.MessageToDict(message, preserving_proto_field_name=True)
    return out
