"""``sieve watch --iface IF…``: live capture on this machine, dashboard on."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

from collector.policies import PolicySet
from common.settings import ConfigError
from standalone.live import start_live
from standalone.report import render
from standalone.runtime import load_names, open_store, stop_on_signals
from standalone.serve import serve_dashboard, url_of
from standalone.settings import StandaloneSettings


def parse_interfaces(specs: list[str]) -> dict[str, set[str]]:
    """``IF`` or ``IF=IP[,IP…]`` → interface to the local IPs behind it (empty: any)."""
    out: dict[str, set[str]] = {}
    for spec in specs:
        name, _, ips = spec.partition("=")
        if not name:
            raise ConfigError(f"invalid --iface {spec!r}: expected IF or IF=IP[,IP...]")
        out.setdefault(name, set()).update(ip.strip() for ip in ips.split(",") if ip.strip())
    return out


def watch(
    interfaces: list[str],
    settings: StandaloneSettings,
    *,
    names: Path | None = None,
    policies: PolicySet | None = None,
    duration: float | None = None,
    console: Console | None = None,
    out: Console | None = None,
) -> int:
    """Capture until Ctrl-C/SIGTERM (or ``duration``), serving the dashboard meanwhile;
    then print what was seen (to ``out``)."""
    console = console or Console(stderr=True)
    out = out or Console()
    mapping = parse_interfaces(interfaces)
    missing = [i for i in mapping if not Path("/sys/class/net", i).exists()]
    if missing:
        raise ConfigError(f"no such network interface: {', '.join(missing)}")
    identities = load_names(names)
    store = open_store(settings)
    server = serve_dashboard(store, settings.http_host, settings.http_port, policies)
    session = start_live(settings, mapping, identities, store, exclude_ports=(server.port,))
    console.print(
        f"Capturing {', '.join(sorted(mapping))}. Dashboard: "
        f"[bold]{url_of(settings.http_host, server.port)}[/]  (Ctrl-C stops)"
    )
    deadline = None if duration is None else time.monotonic() + duration
    try:
        with stop_on_signals() as stop:
            while not stop.wait(_tick(deadline)):
                if deadline is not None and time.monotonic() >= deadline:
                    break
                if session.capture.open_errors and not session.capture.interfaces:
                    raise ConfigError(
                        f"cannot capture {', '.join(sorted(mapping))}: capturing needs root "
                        "(or CAP_NET_RAW)"
                    )
    finally:
        session.stop()
        server.stop()
    render(out, store, "[bold]What was seen[/]")
    store.close()
    return 0


def _tick(deadline: float | None) -> float:
    if deadline is None:
        return 1.0
    return max(0.0, min(1.0, deadline - time.monotonic()))
