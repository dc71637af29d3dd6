"""``sieve demo``: build the shop, run the pipeline on its veths, serve the map, clean up.

Without root (no network namespaces) it says so and analyses the capture shipped in the
repo (`standalone/data/demo.pcap`, made by ``scripts/make-demo-pcap``) instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console

import standalone
from collector.policies import PolicySet, parse_policies
from collector.store import Store
from digger.identities import StaticIdentities
from standalone.analyze import analyze
from standalone.demo import loyalty, netns
from standalone.demo.topology import BY_ROLE, POLICIES_YAML, SERVICES, Service, identities
from standalone.live import LiveSession, start_live
from standalone.runtime import CommandError, open_store, stop_on_signals
from standalone.serve import serve_dashboard, url_of
from standalone.settings import StandaloneSettings

DEMO_PCAP = Path(standalone.__file__).parent / "data" / "demo.pcap"
DESCRIPTORS_ENV = "SIEVE_INTERCEPTOR_GRPC_DESCRIPTOR_SET"
_READY_SECONDS = 20.0
_STATUS_EVERY = 5.0


def demo_policies() -> PolicySet:
    """The demo's policies (the shop breaks two of them)."""
    return parse_policies(POLICIES_YAML, "demo policies")


def demo(
    settings: StandaloneSettings,
    *,
    duration: float | None = None,
    rate: float = 4.0,
    seed: int = 7,
    policies: PolicySet | None = None,
    console: Console | None = None,
) -> int:
    """Run the demo until Ctrl-C/SIGTERM (or ``duration`` seconds).

    ``policies`` replace the demo's own (`demo_policies`)."""
    console = console or Console()
    policies = policies or demo_policies()
    with _loyalty_descriptors():
        return _demo(
            settings, duration=duration, rate=rate, seed=seed, policies=policies, console=console
        )


@contextlib.contextmanager
def _loyalty_descriptors() -> Iterator[None]:
    """The shop's gRPC schema for the interceptor core (its messages then show field names),
    unless the user gave descriptors of their own (``--grpc-descriptors``)."""
    if os.environ.get(DESCRIPTORS_ENV):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="sieve-demo-") as tmp:
        path = Path(tmp) / "loyalty.desc"
        path.write_bytes(loyalty.descriptor_set())
        os.environ[DESCRIPTORS_ENV] = str(path)
        try:
            yield
        finally:
            os.environ.pop(DESCRIPTORS_ENV, None)


def _demo(
    settings: StandaloneSettings,
    *,
    duration: float | None,
    rate: float,
    seed: int,
    policies: PolicySet,
    console: Console,
) -> int:
    ok, why = netns.can_create_namespaces()
    if not ok:
        console.print(
            f"[yellow]No live demo: {why}.[/] The live shop runs in network namespaces; "
            "run it as root for that (e.g. [bold]sudo ./sieve-demo[/]).\n"
            f"Analysing the capture shipped in the repo instead: {DEMO_PCAP}"
        )
        return analyze(
            DEMO_PCAP,
            settings,
            identities=StaticIdentities.from_mapping(identities()),
            serve=True,
            policies=policies,
            out=console,
            duration=duration,
            heading="[bold]The demo shop, from its shipped capture[/]",
        )
    with stop_on_signals() as stop:
        return _live(
            settings,
            stop,
            duration=duration,
            rate=rate,
            seed=seed,
            policies=policies,
            console=console,
        )


class _Processes:
    """The shop's processes, started by us and stopped by their pids."""

    def __init__(self, logdir: Path) -> None:
        self.logdir = logdir
        self.procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, svc: Service, *extra: str) -> None:
        root = str(Path(standalone.__file__).parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        argv = netns.exec_argv(
            svc, sys.executable, "-m", "standalone.demo.services", svc.role, *extra
        )
        with open(self.logdir / f"{svc.role}.log", "wb") as log:
            # own session: a terminal's Ctrl-C reaches only us, and we stop them in order
            self.procs[svc.role] = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=env,
                cwd=root,
                start_new_session=True,
            )

    def dead(self) -> list[str]:
        return [role for role, p in self.procs.items() if p.poll() is not None]

    def log_tail(self, role: str) -> str:
        try:
            lines = (self.logdir / f"{role}.log").read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-5:])

    def stop(self) -> None:
        for p in self.procs.values():
            if p.poll() is None:
                p.terminate()
        deadline = time.monotonic() + 3.0
        for p in self.procs.values():
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(2.0)


def _wait_listening(svc: Service, stop: threading.Event, procs: _Processes) -> None:
    deadline = time.monotonic() + _READY_SECONDS
    while not stop.is_set():
        try:
            with socket.create_connection((svc.ip, svc.port), timeout=0.5):
                return
        except OSError:
            if svc.role in procs.dead():
                raise RuntimeError(
                    f"the {svc.role} service exited: {procs.log_tail(svc.role)}"
                ) from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"the {svc.role} service did not start listening") from None
            time.sleep(0.1)


def _wait_capturing(session: LiveSession, stop: threading.Event) -> None:
    """Until every veth is captured: the shop's traffic starts after, so Sieve sees each
    connection open (an h2c connection joined in its middle has an unknown HPACK table and
    its calls cannot be reported)."""
    wanted = {svc.host_if for svc in SERVICES}
    deadline = time.monotonic() + _READY_SECONDS
    captured: set[str] = set()
    while not stop.is_set():
        with contextlib.suppress(RuntimeError):  # the capture thread changed them meanwhile
            captured = set(session.capture.interfaces)
        if wanted <= captured:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"cannot capture {', '.join(sorted(wanted - captured))}")
        time.sleep(0.1)


def _status(store: Store, session: LiveSession, elapsed: float) -> str:
    summary = store.summary()
    types = ", ".join(sorted(d.data_type for d in store.data_types())) or "none yet"
    return (
        f"[dim]{elapsed:5.0f} s[/]  {session.captured} exchanges captured, "
        f"{session.exchanges} analysed, "
        f"{summary.flows} flows, {summary.violations} violations; data types: {types}"
    )


def _live(
    settings: StandaloneSettings,
    stop: threading.Event,
    *,
    duration: float | None,
    rate: float,
    seed: int,
    policies: PolicySet,
    console: Console,
) -> int:
    started = time.monotonic()
    store = open_store(settings)
    server = serve_dashboard(store, settings.http_host, settings.http_port, policies)
    url = url_of(settings.http_host, server.port)
    console.print(f"Sieve demo: the data map will be at {url}")
    removed = netns.cleanup()
    if removed:
        console.print(f"Removed leftovers of an earlier run: {', '.join(removed)}")
    session: LiveSession | None = None
    logdir = Path(tempfile.mkdtemp(prefix="sieve-demo-"))
    procs = _Processes(logdir)
    try:
        console.print("Building the shop: " + ", ".join(s.netns for s in SERVICES))
        netns.create(SERVICES)
        for svc in SERVICES:
            if svc.role != "frontend":
                procs.start(svc, "--seed", str(seed))
        session = start_live(
            settings,
            {svc.host_if: {svc.ip} for svc in SERVICES},
            StaticIdentities.from_mapping(identities()),
            store,
        )
        for svc in SERVICES:
            if svc.role != "frontend":
                _wait_listening(svc, stop, procs)
        _wait_capturing(session, stop)
        procs.start(BY_ROLE["frontend"], "--seed", str(seed), "--rate", str(rate))
        console.print(
            f"The shop is running and Sieve is watching its veths.\n"
            f"Open the data map: [bold]{url}[/]   (Ctrl-C stops and removes everything)"
        )
        deadline = None if duration is None else started + duration
        next_status = time.monotonic() + _STATUS_EVERY
        while not stop.is_set():
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                break
            if now >= next_status:
                console.print(_status(store, session, now - started), highlight=False)
                next_status = now + _STATUS_EVERY
            dead = procs.dead()
            if dead and not stop.is_set():
                raise RuntimeError(f"the {dead[0]} service exited: {procs.log_tail(dead[0])}")
            stop.wait(0.5 if deadline is None else max(0.0, min(0.5, deadline - now)))
    except (netns.NetnsError, RuntimeError) as exc:
        raise CommandError(f"the demo failed: {exc}") from None
    finally:
        console.print("Stopping the demo and removing its namespaces...")
        procs.stop()
        if session is not None:
            session.stop()
        server.stop()
        netns.cleanup()
        shutil.rmtree(logdir, ignore_errors=True)
    console.print(_final(store))
    store.close()
    return 0


def _final(store: Store) -> str:
    summary = store.summary()
    return (
        f"Done: {summary.workloads} workloads, {summary.flows} flows, "
        f"{summary.endpoints} endpoints, {summary.data_types} data types, "
        f"{summary.violations} policy violations seen."
    )
