"""What every `sieve` command shares: the store, names, stopping on Ctrl-C or SIGTERM."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from sqlalchemy.exc import SQLAlchemyError

from collector.store import Store, StoreConfigError
from common.settings import ConfigError
from digger.identities import IdentityTable, StaticIdentities
from standalone.settings import StandaloneSettings


class CommandError(Exception):
    """A command failed at run time; the message is one line saying what happened."""


def open_store(settings: StandaloneSettings) -> Store:
    """The embedded store (in-memory SQLite unless told otherwise), migrated."""
    try:
        store = Store(settings.database_url)
        store.migrate()
    except (StoreConfigError, SQLAlchemyError) as exc:
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["?"])[0]
        raise ConfigError(f"cannot open the database {settings.database_url}: {reason}") from None
    return store


def load_names(path: str | Path | None) -> IdentityTable:
    """IP → workload names from a YAML file (the digger's static identities format)."""
    if path is None:
        return IdentityTable()
    try:
        return StaticIdentities.from_file(path)
    except OSError as exc:
        raise ConfigError(f"cannot read the names file {path}: {exc.strerror}") from None
    except Exception as exc:  # YAML errors and malformed entries
        detail = " ".join(str(exc).split())
        raise ConfigError(f"invalid names file {path}: {detail}") from None


@contextlib.contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT (Ctrl-C) or SIGTERM while the block runs."""
    stop = threading.Event()

    def handler(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
