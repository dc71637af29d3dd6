"""Entry point of sieve-interceptor.

``sieve-interceptor`` runs the capture service (settings from ``SIEVE_INTERCEPTOR_*``);
``sieve-interceptor replay FILE`` runs a pcap/pcapng file through the same core and prints
one JSON line per exchange, or writes them to Kafka with ``--kafka``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from common.settings import ConfigError, load_settings
from interceptor.settings import InterceptorSettings


def _parse_map(items: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in items:
        iface, sep, ips = item.partition("=")
        if not sep or not iface:
            raise SystemExit(f"sieve-interceptor: --map wants IFACE=IP[,IP...], got {item!r}")
        out.setdefault(iface, []).extend(ip for ip in ips.split(",") if ip)
    return out


def _cluster_addresses(items: Sequence[str], files: Sequence[str]) -> list[str]:
    """``--cluster-ip`` values and the lines of ``--cluster-ips-file`` files, checked."""
    from interceptor.attribution import split_cluster_addresses

    out = list(items)
    for path in files:
        try:
            with open(path, encoding="utf-8") as fh:
                lines = [line.partition("#")[0].strip() for line in fh]
        except OSError as exc:
            raise SystemExit(f"sieve-interceptor: cannot read {path}: {exc}") from None
        out.extend(line for line in lines if line)
    for item in out:
        try:
            split_cluster_addresses([item])
        except ValueError:
            raise SystemExit(
                f"sieve-interceptor: --cluster-ip wants an IP or a CIDR, got {item!r}"
            ) from None
    return out


def replay_main(argv: Sequence[str]) -> int:
    """``sieve-interceptor replay FILE [--kafka] [--local-ip IP]... [--map IFACE=IPS]...
    [--cluster-ip IP|CIDR]... [--cluster-ips-file FILE]``."""
    parser = argparse.ArgumentParser(
        prog="sieve-interceptor replay",
        description="Pair the JSON HTTP exchanges of a pcap/pcapng file.",
    )
    parser.add_argument("file", help="pcap or pcapng capture")
    parser.add_argument(
        "--kafka",
        action="store_true",
        help="write to Kafka (SIEVE_INTERCEPTOR_KAFKA_*) instead of printing JSON lines",
    )
    parser.add_argument(
        "--local-ip",
        action="append",
        default=None,
        help="a local pod IP (repeatable); interfaces are learnt from the capture",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        help="IFACE=IP[,IP...]: the local pod IPs behind a capture interface (repeatable)",
    )
    parser.add_argument(
        "--cluster-ip",
        action="append",
        default=[],
        metavar="IP|CIDR",
        help="another cluster address (a pod of another node, a Service ClusterIP, or a "
        "pod/service CIDR; repeatable): connections to it that no local pod serves are left "
        "to the server's node, as live (SIEVE_INTERCEPTOR_CLUSTER_CIDRS is added too)",
    )
    parser.add_argument(
        "--cluster-ips-file",
        action="append",
        default=[],
        metavar="FILE",
        help="a file of cluster addresses, one IP or CIDR per line (# comments)",
    )
    args = parser.parse_args(argv)
    cluster_ips = _cluster_addresses(args.cluster_ip, args.cluster_ips_file)
    try:
        settings = load_settings(InterceptorSettings, discover_pods=False)
    except ConfigError as exc:
        print(f"sieve-interceptor: {exc}", file=sys.stderr)
        return 2
    from interceptor.core import Core
    from interceptor.output import exchange_to_json_line
    from interceptor.replay import CaptureFormatError, ReadStats, read_records

    core = Core(settings)
    stats = ReadStats()
    interfaces = _parse_map(args.map) if args.map else None
    records = read_records(
        args.file,
        settings,
        local_ips=args.local_ip,
        interfaces=interfaces,
        core=core,
        cluster_ips=[*settings.cluster_cidrs, *cluster_ips],
        stats=stats,
    )
    damaged = ""
    try:
        if args.kafka:
            from interceptor.sink import KafkaSink

            sink = KafkaSink(settings)
            for rec in records:
                sink.send(rec)
                sink.poll()
            left = sink.flush(30)
            print(
                f"sieve-interceptor: {sink.queued} exchanges queued, {sink.delivered} "
                f"delivered, {left + sink.delivery_failed} not delivered, "
                f"{sink.dropped_queue_full} dropped (queue full)",
                file=sys.stderr,
            )
            return 0 if left == 0 and sink.delivery_failed == 0 else 1
        out = sys.stdout
        try:
            for rec in records:
                out.write(exchange_to_json_line(rec.parse()))
                out.write("\n")
        except CaptureFormatError as exc:
            if core.packets.total() == 0:
                print(f"sieve-interceptor: {args.file}: {exc}", file=sys.stderr)
                return 2
            damaged = str(exc)  # what came before the damage was written
    except OSError as exc:
        print(f"sieve-interceptor: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    dropped = ", ".join(f"{k}={v}" for k, v in sorted(core.dropped.items()))
    print(
        f"sieve-interceptor: {core.exchanges_emitted} exchanges"
        + (f"; dropped: {dropped}" if dropped else "")
        + (f"; {stats.bad_time} frames skipped (time after year 9999)" if stats.bad_time else ""),
        file=sys.stderr,
    )
    if damaged:
        print(f"sieve-interceptor: {args.file}: damaged, read up to it: {damaged}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the service, or the ``replay`` subcommand."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "replay":
        return replay_main(args[1:])
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    from common.service import run_service
    from interceptor.service import run

    return run_service("interceptor", InterceptorSettings, run)


if __name__ == "__main__":
    sys.exit(main())
