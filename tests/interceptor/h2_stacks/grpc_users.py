"""Test helper: the `users.proto` service compiled at test time (grpc_tools), with a
server and a client runnable inside a network namespace.

``python grpc_users.py server PORT OUTDIR`` serves; ``python grpc_users.py client HOST
PORT OUTDIR N`` makes N unary calls and N/10 server-streaming calls on one channel and
prints the number of calls answered.
"""

from __future__ import annotations

import importlib
import sys
from concurrent import futures
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).parent


def compile_proto(out: Path) -> Path:
    """users_pb2.py, users_pb2_grpc.py and users.desc (a FileDescriptorSet) in ``out``."""
    from grpc_tools import protoc

    out.mkdir(parents=True, exist_ok=True)
    include = Path(protoc.__file__).parent / "_proto"
    rc = protoc.main(
        [
            "protoc",
            f"-I{HERE}",
            f"-I{include}",
            f"--python_out={out}",
            f"--grpc_python_out={out}",
            f"--descriptor_set_out={out / 'users.desc'}",
            str(HERE / "users.proto"),
        ]
    )
    if rc != 0:
        raise RuntimeError("protoc failed")
    return out / "users.desc"


def modules(out: Path) -> tuple[ModuleType, ModuleType]:
    """The compiled message and service modules."""
    sys.path.insert(0, str(out))
    return importlib.import_module("users_pb2"), importlib.import_module("users_pb2_grpc")


def user(pb: Any, i: int, bio_bytes: int = 10) -> Any:
    """User number ``i`` (``bio_bytes`` long bio: large ones cross many DATA frames)."""
    return pb.User(
        id=i,
        email=f"user{i}@example.org",
        addresses=[pb.Address(street=f"{i} Main St", city="Springfield")],
        phone=f"+1 555 01{i % 100:02d}",
        bio="b" * bio_bytes,
    )


def serve(port: int, out: Path) -> None:
    """Serve until killed."""
    import grpc

    pb, pb_grpc = modules(out)

    class Users(pb_grpc.UsersServicer):  # type: ignore[misc,name-defined]
        def GetUser(self, request: Any, context: Any) -> Any:
            return user(pb, int(request.user_id))

        def ListUsers(self, request: Any, context: Any) -> Any:
            for i in range(request.count):
                yield user(pb, i, request.bio_bytes)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb_grpc.add_UsersServicer_to_server(Users(), server)
    server.add_insecure_port(f"0.0.0.0:{port}")
    server.start()
    print("listening", flush=True)
    server.wait_for_termination()


def call(host: str, port: int, out: Path, n: int) -> None:
    """Make the calls and print how many were answered."""
    import grpc

    pb, pb_grpc = modules(out)
    answered = 0
    with grpc.insecure_channel(f"{host}:{port}") as channel:
        stub = pb_grpc.UsersStub(channel)
        for i in range(n):
            stub.GetUser(pb.GetUserRequest(user_id=str(i)), timeout=30)
            answered += 1
            if i % 10 == 0:
                got = list(stub.ListUsers(pb.ListUsersRequest(count=3, bio_bytes=40_000)))
                answered += len(got) == 3
    print(answered, flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        serve(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        call(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
