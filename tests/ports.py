"""Loopback ports for the servers the tests start."""

from __future__ import annotations

import random
import socket
import threading
from pathlib import Path

_given: set[int] = set()
_lock = threading.Lock()
_rng = random.SystemRandom()


def _ephemeral_low() -> int:
    """The first port of the kernel's ephemeral range (32768 when it cannot be read)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, never handed out before by this process.

    Drawn below the kernel's ephemeral range: a port from that range (what binding port 0 gives)
    can be handed to another socket binding port 0, or to an outgoing connection, between this
    call and the moment the server under test binds it.
    """
    low = _ephemeral_low()
    with _lock:
        if low > 11000:
            for _ in range(1000):
                port = _rng.randrange(10000, low)
                if port not in _given and _bindable(port):
                    _given.add(port)
                    return port
        while True:  # no room below the range: the kernel's choice, still never twice
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = int(s.getsockname()[1])
            if port not in _given:
                _given.add(port)
                return port
