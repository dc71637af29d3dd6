"""The `sieve` command line: ``analyze``, ``watch`` and ``demo``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from collector.policies import PolicySet, load_policies
from common.settings import ConfigError, load_settings
from standalone.runtime import CommandError
from standalone.settings import StandaloneSettings

EPILOG = (
    "Settings also come from SIEVE_STANDALONE_* environment variables (and the pieces' own: "
    "SIEVE_INTERCEPTOR_*, SIEVE_DIGGER_*, SIEVE_DETECTOR_*)."
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="sieve",
        description="Sieve on one machine: where sensitive data flows in JSON HTTP traffic "
        "(metadata only, never a payload value).",
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser, serve_default: bool, names: bool = True) -> None:
        if names:
            p.add_argument(
                "--names",
                type=Path,
                metavar="FILE",
                help="YAML naming IPs (the digger's static identities format)",
            )
        p.add_argument(
            "--policies",
            type=Path,
            metavar="FILE",
            help="YAML data-flow policies (the collector's format)"
            + ("" if names else "; default: the demo's own"),
        )
        p.add_argument(
            "--custom-types",
            type=Path,
            metavar="FILE",
            help="YAML of your own data types (the detector's custom types format)",
        )
        p.add_argument(
            "--grpc-descriptors",
            type=Path,
            metavar="FILE",
            help="FileDescriptorSet of the captured gRPC services (protoc "
            "--descriptor_set_out): their messages are reported by field name, not number",
        )
        p.add_argument(
            "--port", type=int, metavar="PORT", help="dashboard port on 127.0.0.1 (default 8765)"
        )
        p.add_argument("--host", metavar="ADDR", help="dashboard address (default 127.0.0.1)")
        p.add_argument(
            "--db", metavar="FILE", help="keep the results in this SQLite file (default: in memory)"
        )
        p.add_argument(
            "--duration",
            type=float,
            metavar="SECONDS",
            help="stop after this long" + ("" if serve_default else " (with --serve)"),
        )

    analyze = sub.add_parser(
        "analyze",
        help="analyse a pcap/pcapng file and print a report",
        description="Reads a capture file through the whole pipeline and prints flows, "
        "endpoints, data types and their sensitivity.",
    )
    analyze.add_argument("file", type=Path, metavar="FILE.pcap")
    analyze.add_argument(
        "--json",
        action="store_true",
        help="print the endpoint reports as JSON lines (protobuf's JSON mapping of "
        "sieve.v1.EndpointReport, one per line) instead of tables",
    )
    analyze.add_argument(
        "--serve", action="store_true", help="then serve the dashboard on the result until Ctrl-C"
    )
    analyze.add_argument(
        "--openapi",
        type=Path,
        metavar="DIR",
        help="write an OpenAPI 3.1 document (YAML) per server workload, and all.yaml, to DIR",
    )
    common(analyze, serve_default=False)

    watch = sub.add_parser(
        "watch",
        help="capture this machine's interfaces live, with the dashboard",
        description="Captures the given interfaces (root or CAP_NET_RAW) and serves the "
        "dashboard until Ctrl-C.",
    )
    watch.add_argument(
        "--iface",
        nargs="+",
        required=True,
        metavar="IF[=IP,...]",
        help="interfaces to capture; IF=IP,... names the local IPs behind one (as a pod's "
        "veth), so an exchange seen on two interfaces is reported once",
    )
    common(watch, serve_default=True)

    demo = sub.add_parser(
        "demo",
        help="a shop of microservices in network namespaces, watched live",
        description="Builds a small shop (frontend, users, orders, payments, notifications "
        "and an external payment gateway) as network namespaces on this machine, drives "
        "traffic with personal data, and shows the data map. Needs root; without it the "
        "capture shipped in the repo is analysed instead.",
    )
    demo.add_argument(
        "--rate",
        type=_positive,
        default=4.0,
        metavar="N",
        help="customer visits per second (default 4)",
    )
    demo.add_argument("--seed", type=int, default=7, help="seed of the made-up customers")
    common(demo, serve_default=True, names=False)
    return parser


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
    return value


def _settings(args: argparse.Namespace) -> StandaloneSettings:
    overrides: dict[str, object] = {}
    if args.port is not None:
        overrides["http_port"] = args.port
    if args.host is not None:
        overrides["http_host"] = args.host
    if args.db is not None:
        overrides["database_url"] = f"sqlite:///{Path(args.db).resolve()}"
    return load_settings(StandaloneSettings, **overrides)


def _policies(path: Path | None, custom_ids: frozenset[str] = frozenset()) -> PolicySet | None:
    return None if path is None else load_policies(path, custom_ids)


def _custom_types(path: Path | None) -> frozenset[str]:
    """Check the custom types file and hand it to the in-process detector; return its ids."""
    if path is None:
        return frozenset()
    from detector.custom_types import CustomTypeError, load

    try:
        types = load(path.resolve())
    except CustomTypeError as exc:
        raise ConfigError(str(exc)) from None
    # The engine reads its settings from the environment (DetectionEngine.load_default).
    os.environ["SIEVE_DETECTOR_CUSTOM_TYPES_FILE"] = str(path.resolve())
    return frozenset(t.id for t in types)


def _grpc_descriptors(path: Path | None) -> None:
    """Check the descriptor set and hand it to the interceptor core (its settings)."""
    if path is None:
        return
    from interceptor.grpc_messages import Descriptors

    try:
        Descriptors.load(path)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"--grpc-descriptors {path}: {exc}") from None
    # The core's settings come from the environment (standalone.pcapfile, standalone.live).
    os.environ["SIEVE_INTERCEPTOR_GRPC_DESCRIPTOR_SET"] = str(path.resolve())


def run(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the command; raises `ConfigError`/`CommandError`."""
    args = build_parser().parse_args(argv)
    settings = _settings(args)
    logging.basicConfig(
        stream=sys.stderr, level=settings.log_level, format="%(levelname)s %(name)s: %(message)s"
    )
    custom_ids = _custom_types(args.custom_types)
    _grpc_descriptors(args.grpc_descriptors)
    if args.command == "analyze":
        from standalone.analyze import analyze

        if not args.file.is_file():
            raise ConfigError(f"no such capture file: {args.file}")
        return analyze(
            args.file,
            settings,
            names=args.names,
            as_json=args.json,
            serve=args.serve,
            policies=_policies(args.policies, custom_ids),
            duration=args.duration,
            openapi_dir=args.openapi,
        )
    if args.command == "watch":
        from standalone.watch import watch

        return watch(
            args.iface,
            settings,
            names=args.names,
            policies=_policies(args.policies, custom_ids),
            duration=args.duration,
        )
    from standalone.demo.run import demo

    return demo(
        settings,
        duration=args.duration,
        rate=args.rate,
        seed=args.seed,
        policies=_policies(args.policies, custom_ids),
    )


def main(argv: list[str] | None = None) -> int:
    """Run `sieve`; a wrong setting or a failed command prints one line and exits 2 or 1."""
    try:
        return run(argv)
    except ConfigError as exc:
        print(f"sieve: {exc}", file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"sieve: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
