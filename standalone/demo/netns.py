"""The shop's network: one namespace per service, routed like a Kubernetes node.

Each namespace gets a veth pair (host side ``svd-*``, namespace side ``eth0``), a /32
address, a default route through a link-local gateway that the host side answers by proxy
ARP, and a /32 host route to it: what a routed CNI (e.g. Calico) sets up for a pod. Packets
between two services are routed by this machine, so they cross both host-side veths.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Iterable

from standalone.demo.topology import GATEWAY, PREFIX, SERVICES, Service

log = logging.getLogger(__name__)


class NetnsError(RuntimeError):
    """A network command failed; the message says which and why."""


def _run(*argv: str, check: bool = True) -> str:
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)
    if check and proc.returncode != 0:
        raise NetnsError(f"{' '.join(argv)}: {proc.stderr.strip() or proc.returncode}")
    return proc.stdout


def can_create_namespaces() -> tuple[bool, str]:
    """(True, "") when this process may build network namespaces, else (False, why)."""
    if os.geteuid() != 0:
        return False, "network namespaces need root"
    try:
        _run("ip", "-V")
    except (OSError, NetnsError) as exc:
        return False, f"the ip command (iproute2) is not usable: {exc}"
    probe = f"{PREFIX}probe-{os.getpid()}"
    try:
        _run("ip", "netns", "add", probe)
    except NetnsError as exc:  # e.g. root in a container without CAP_SYS_ADMIN
        return False, f"creating a network namespace failed ({exc})"
    _run("ip", "netns", "delete", probe, check=False)
    return True, ""


def leftover_namespaces() -> list[str]:
    """``svd-*`` network namespaces that exist now."""
    out = _run("ip", "netns", "list", check=False)
    names = [line.split()[0] for line in out.splitlines() if line.strip()]
    return [n for n in names if n.startswith(PREFIX)]


def leftover_links() -> list[str]:
    """``svd-*`` interfaces that exist now in this namespace."""
    out = _run("ip", "-o", "link", "show", check=False)
    found = []
    for line in out.splitlines():
        parts = line.split(":", 2)
        if len(parts) >= 2:
            name = parts[1].strip().split("@", 1)[0]
            if name.startswith(PREFIX):
                found.append(name)
    return found


def _kill_namespace_processes(netns: str) -> None:
    for pid in _run("ip", "netns", "pids", netns, check=False).split():
        try:
            os.kill(int(pid), 9)
        except (ValueError, ProcessLookupError, PermissionError):
            continue


def cleanup(services: Iterable[Service] = SERVICES) -> list[str]:
    """Remove every ``svd-*`` namespace and link, and the processes left inside them.

    Also called at start, so a crashed run's leftovers go. Returns what was removed.
    """
    removed: list[str] = []
    for netns in leftover_namespaces():
        _kill_namespace_processes(netns)
        _run("ip", "netns", "delete", netns, check=False)
        removed.append(netns)
    for link in leftover_links():  # veths of deleted namespaces may linger a moment
        _run("ip", "link", "delete", link, check=False)
        if link not in removed:
            removed.append(link)
    for svc in services:
        _run("ip", "route", "delete", f"{svc.ip}/32", check=False)
    return removed


def _sysctl(key: str, value: str) -> None:
    path = "/proc/sys/" + key.replace(".", "/")
    with open(path, "w", encoding="ascii") as fh:
        fh.write(value)


def create(services: Iterable[Service] = SERVICES) -> None:
    """Build the namespaces, veths, addresses and routes of ``services``."""
    with open("/proc/sys/net/ipv4/ip_forward", encoding="ascii") as fh:
        if fh.read().strip() != "1":
            # a node routes between its pods; left on afterwards (other users may rely on it)
            _sysctl("net/ipv4/ip_forward", "1")
    for svc in services:
        ns = svc.netns
        _run("ip", "netns", "add", ns)
        _run("ip", "link", "add", svc.host_if, "type", "veth", "peer", "name", "eth0", "netns", ns)
        _run("ip", "-n", ns, "link", "set", "lo", "up")
        _run("ip", "-n", ns, "addr", "add", f"{svc.ip}/32", "dev", "eth0")
        _run("ip", "-n", ns, "link", "set", "eth0", "up")
        _run("ip", "-n", ns, "route", "add", GATEWAY, "dev", "eth0", "scope", "link")
        _run("ip", "-n", ns, "route", "add", "default", "via", GATEWAY, "dev", "eth0")
        _run("ip", "link", "set", svc.host_if, "up")
        _sysctl(f"net/ipv4/conf/{svc.host_if}/proxy_arp", "1")
        _sysctl(f"net/ipv4/conf/{svc.host_if}/rp_filter", "0")
        _run("ip", "route", "replace", f"{svc.ip}/32", "dev", svc.host_if)


def exec_argv(svc: Service, *argv: str) -> list[str]:
    """The command line that runs ``argv`` inside ``svc``'s namespace."""
    return ["ip", "netns", "exec", svc.netns, *argv]
