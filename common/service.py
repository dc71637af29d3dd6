"""Start-up glue shared by every service's ``main``: settings, logging, ops server, signals."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from common.log import setup_logging
from common.ops_server import Health, OpsServer
from common.settings import ConfigError, ServiceSettings, load_settings
from common.shutdown import Shutdown

S = TypeVar("S", bound=ServiceSettings)
log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """What a running service gets: its health registry and its shutdown signal."""

    health: Health = field(default_factory=Health)
    shutdown: Shutdown = field(default_factory=Shutdown)


def run_service(name: str, settings_cls: type[S], body: Callable[[S, Runtime], None]) -> int:
    """Load settings (one line and exit 2 when wrong), log as JSON, serve ops, run ``body``."""
    try:
        settings = load_settings(settings_cls)
    except ConfigError as exc:
        print(f"sieve-{name}: {exc}", file=sys.stderr)
        return 2
    setup_logging(name, settings.log_level)
    runtime = Runtime()
    runtime.shutdown.install()
    try:
        ops = OpsServer(runtime.health, settings.ops_host, settings.ops_port).start()
    except OSError as exc:
        print(
            f"sieve-{name}: cannot serve ops on {settings.ops_host}:{settings.ops_port}: {exc}; "
            f"set {settings_cls.model_config.get('env_prefix', '')}OPS_PORT to a free port",
            file=sys.stderr,
        )
        return 2
    log.info("starting", extra={"ops_port": ops.port})
    try:
        body(settings, runtime)
    except ConfigError as exc:
        print(f"sieve-{name}: {exc}", file=sys.stderr)
        return 2
    finally:
        ops.stop()
    log.info("stopped")
    return 0
