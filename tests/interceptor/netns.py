"""Test helper: pods as network namespaces on veths, routed like a Calico node.

Each pod gets a namespace ``svi-<tag>-<n>``, a veth pair (host side ``svi<tag><n>``, pod
side ``eth0``), a /32 address in 10.251.0.0/16, a default route through a link-local
gateway answered by proxy ARP on the host side, and a /32 host route to it. Everything
is removed by `PodNet.close` (and by `PodNet.remove_pod`).
"""

from __future__ import annotations

import subprocess
import uuid
from dataclasses import dataclass


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command, raising with its stderr when it fails."""
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {proc.stderr.strip()}")
    return proc


@dataclass
class Pod:
    """One pod: its namespace, address and host-side interface."""

    ns: str
    ip: str
    host_if: str

    def exec_argv(self, *argv: str) -> list[str]:
        """Command line that runs ``argv`` inside the pod."""
        return ["ip", "netns", "exec", self.ns, *argv]


def make_routed_pod(ns: str, host_if: str, ip: str) -> None:
    """A namespace with ``ip``/32 on eth0, wired to ``host_if`` as a routed CNI does."""
    sh("ip", "netns", "add", ns)
    sh("ip", "link", "add", host_if, "type", "veth", "peer", "name", "eth0", "netns", ns)
    sh("ip", "-n", ns, "link", "set", "lo", "up")
    sh("ip", "-n", ns, "addr", "add", f"{ip}/32", "dev", "eth0")
    sh("ip", "-n", ns, "link", "set", "eth0", "up")
    sh("ip", "-n", ns, "route", "add", "169.254.1.1", "dev", "eth0", "scope", "link")
    sh("ip", "-n", ns, "route", "add", "default", "via", "169.254.1.1", "dev", "eth0")
    sh("ip", "link", "set", host_if, "up")
    sh("sysctl", "-qw", f"net.ipv4.conf.{host_if}.proxy_arp=1")
    sh("sysctl", "-qw", f"net.ipv4.conf.{host_if}.rp_filter=0")
    sh("ip", "route", "add", f"{ip}/32", "dev", host_if)


class PodNet:
    """The pods of one test, in 10.251.<subnet>.0/24."""

    def __init__(self, subnet: int) -> None:
        self.tag = uuid.uuid4().hex[:4]
        self.subnet = subnet
        self.pods: dict[int, Pod] = {}
        with open("/proc/sys/net/ipv4/ip_forward") as f:
            if f.read().strip() != "1":
                # pods talk through the host's routes, as on a node; left on afterwards
                # (other tests may rely on it at the same time)
                sh("sysctl", "-qw", "net.ipv4.ip_forward=1")

    def add_pod(self, n: int) -> Pod:
        """Create pod number ``n`` (1..250)."""
        ns = f"svi-{self.tag}-{n}"
        host_if = f"svi{self.tag}{n}"
        ip = f"10.251.{self.subnet}.{n}"
        self.pods[n] = Pod(ns, ip, host_if)
        make_routed_pod(ns, host_if, ip)
        return self.pods[n]

    def remove_pod(self, n: int) -> None:
        """Delete pod ``n`` (its veth and route go with the namespace)."""
        pod = self.pods.pop(n, None)
        if pod is None:
            return
        sh("ip", "route", "del", f"{pod.ip}/32", check=False)
        sh("ip", "link", "del", pod.host_if, check=False)
        sh("ip", "netns", "del", pod.ns, check=False)

    def close(self) -> None:
        """Delete every pod of this test."""
        for n in list(self.pods):
            self.remove_pod(n)
