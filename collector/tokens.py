"""Accepted ingest tokens and the agent each one speaks for.

The tokens file holds one token per line (``#`` starts a comment), optionally bound to an
agent id: ``TOKEN,AGENT_ID`` (the Kubernetes static token file's order), and to a cluster:
``TOKEN,AGENT_ID,CLUSTER``. A bound token may only send batches whose ``agent_id`` is that
id (and whose ``cluster_name`` is that cluster), and its batch ids are unique per agent id (so
a rotated token keeps de-duplicating): a cluster's token cannot write another cluster's data.
A bare ``TOKEN`` line, and every entry of ``SIEVE_COLLECTOR_TOKENS``, is one agent of its
own: its batch ids are unique per token.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from common.settings import ConfigError

log = logging.getLogger(__name__)

MAX_AGENT_ID = 256
_CLUSTER_NAME = re.compile(r"[A-Za-z0-9._-]{1,128}")


@dataclass(frozen=True)
class Credential:
    """Who a stream authenticated as."""

    # The agent id batches must carry, or None for an unbound token.
    agent_id: str | None
    # What batch ids are unique within: "agent:<id>" or "token:<sha256 prefix>".
    principal: str
    # The cluster batches must name, or None when the token is not bound to one.
    cluster: str | None = None


def _credential(token: str, agent_id: str | None, cluster: str | None = None) -> Credential:
    if agent_id is not None:
        return Credential(agent_id, f"agent:{agent_id}", cluster)
    digest = hashlib.sha256(token.encode()).hexdigest()[:24]
    return Credential(None, f"token:{digest}")


def parse_tokens(lines: Iterable[str], origin: str) -> list[tuple[str, Credential]]:
    """``(token, credential)`` per non-comment line; raises ValueError on a malformed line."""
    out: list[tuple[str, Credential]] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        token, *bound = (part.strip() for part in line.split(","))
        if not token or any(c.isspace() for c in token):
            raise ValueError(f"{origin} line {number}: a token is one word")
        agent = bound[0] if bound else None
        cluster = bound[1] if len(bound) > 1 else None
        if (
            len(bound) > 2
            or (agent is not None and (not agent or len(agent) > MAX_AGENT_ID))
            or (cluster is not None and not _CLUSTER_NAME.fullmatch(cluster))
        ):
            raise ValueError(
                f"{origin} line {number}: expected TOKEN, TOKEN,AGENT_ID or "
                "TOKEN,AGENT_ID,CLUSTER (cluster: letters, digits, '.', '_', '-')"
            )
        out.append((token, _credential(token, agent, cluster)))
    return out


class TokenSource:
    """Accepted bearer tokens: from settings, plus a file re-read when it changes."""

    def __init__(self, tokens: Iterable[str] = (), path: Path | None = None) -> None:
        self._static = [(t, _credential(t, None)) for t in tokens if t]
        self._path = path
        self._lock = threading.Lock()
        self._file_tokens: list[tuple[str, Credential]] = []
        self._file_mtime: float | None = None
        if path is not None:
            self._reload()

    def _reload(self) -> None:
        assert self._path is not None
        try:
            stat = self._path.stat()
            if stat.st_mtime == self._file_mtime:
                return
            entries = parse_tokens(
                self._path.read_text(encoding="utf-8").splitlines(), str(self._path)
            )
        except (OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            if self._file_mtime is None:
                raise ConfigError(f"cannot read tokens file {self._path}: {why}") from None
            log.warning("tokens file unusable, keeping the previous tokens", extra={"why": why})
            return
        self._file_tokens = entries
        self._file_mtime = stat.st_mtime

    @property
    def empty(self) -> bool:
        """True when no token at all is accepted."""
        with self._lock:
            return not (self._static or self._file_tokens)

    def accepts(self, token: str) -> Credential | None:
        """Who ``token`` speaks for, or None; compared in constant time with every token."""
        with self._lock:
            if self._path is not None:
                self._reload()
            candidates = self._static + self._file_tokens
        found: Credential | None = None
        given = token.encode()
        for candidate, credential in candidates:
            if hmac.compare_digest(candidate.encode(), given) and found is None:
                found = credential
        return found if token else None
