"""Regenerate the Python code beside the `.proto` sources, or check that it is current.

Usage: ``python -m protos.codegen`` (write) or ``python -m protos.codegen --check`` (exit 1
and name the stale files when the committed code differs from what the sources produce).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from importlib import resources
from pathlib import Path

PROTO_ROOT = Path(__file__).resolve().parent
SOURCE_DIR = PROTO_ROOT / "sieve" / "v1"
# protoc names modules after the proto path (`sieve.v1`); this package lives under `protos`.
_IMPORT = re.compile(r"^from sieve\.v1 import ", re.MULTILINE)


def generate(out_dir: Path) -> list[Path]:
    """Run protoc on every source into ``out_dir``; return the generated files."""
    from grpc_tools import protoc

    include = str(resources.files("grpc_tools") / "_proto")
    sources = sorted(str(p.relative_to(PROTO_ROOT)) for p in SOURCE_DIR.glob("*.proto"))
    args = [
        "protoc",
        f"-I{PROTO_ROOT}",
        f"-I{include}",
        f"--python_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        f"--mypy_out={out_dir}",
        f"--mypy_grpc_out={out_dir}",
        *sources,
    ]
    if protoc.main(args) != 0:
        raise RuntimeError("protoc failed on " + " ".join(sources))
    generated = sorted((out_dir / "sieve" / "v1").glob("*_pb2*.py*"))
    for path in generated:
        path.write_text(_IMPORT.sub("from protos.sieve.v1 import ", path.read_text()))
    return generated


def stale_files() -> list[str]:
    """Names of generated files that are missing, extra or different from the sources'."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = {p.name: p.read_text() for p in generate(Path(tmp))}
    committed = {p.name: p.read_text() for p in SOURCE_DIR.glob("*_pb2*.py*")}
    names = set(fresh) | set(committed)
    return sorted(n for n in names if fresh.get(n) != committed.get(n))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if generated code is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        if stale:
            print("generated code is stale: " + ", ".join(stale), file=sys.stderr)
            print("fix: python -m protos.codegen", file=sys.stderr)
            return 1
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in SOURCE_DIR.glob("*_pb2*.py*"):
            path.unlink()
        for path in generate(Path(tmp)):
            (SOURCE_DIR / path.name).write_text(path.read_text())
            print(f"wrote protos/sieve/v1/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
