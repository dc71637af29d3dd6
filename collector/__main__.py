"""Entry point of ``sieve-collector``: gRPC ingest and the HTTP API/dashboard in one process."""

from __future__ import annotations

import logging
import sys
import threading

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from collector.alerts.service import check_alerts, start_alerts
from collector.custom_types import load_custom_type_names, load_custom_types
from collector.drift_feed import DriftFeed
from collector.grpc_server import serve_with_port, token_source
from collector.http_auth import HttpAuth
from collector.http_server import start_http
from collector.policies import PolicyError, PolicySet, load_policies
from collector.settings import CollectorSettings
from collector.spec_store import DatabaseSpecs
from collector.specs import SpecRegistry
from collector.store import Store, StoreConfigError
from collector.web import create_app
from common.service import Runtime, run_service
from common.settings import ConfigError

log = logging.getLogger("collector")


def _open_store(settings: CollectorSettings) -> Store:
    try:
        store = Store(
            settings.database_url,
            max_reports_per_batch=settings.max_reports_per_batch,
            max_fields_per_endpoint=settings.max_fields_per_endpoint,
            pool_size=settings.database_pool_size,
        )
    except StoreConfigError as exc:
        raise ConfigError(f"invalid setting SIEVE_COLLECTOR_DATABASE_URL: {exc}") from None
    try:
        store.migrate()
    except SQLAlchemyError as exc:
        shown = make_url(settings.database_url).render_as_string(hide_password=True)
        orig = getattr(exc, "orig", None)
        reason = (str(orig or exc).strip().splitlines() or ["unknown error"])[0]
        raise ConfigError(
            f"cannot open the database {shown} (SIEVE_COLLECTOR_DATABASE_URL): {reason}"
        ) from None
    return store


def _policies(settings: CollectorSettings) -> PolicySet:
    if not settings.policies_file:
        return PolicySet()
    return load_policies(settings.policies_file, _custom_ids(settings))


def _custom_ids(settings: CollectorSettings) -> frozenset[str]:
    return frozenset(load_custom_type_names(settings.custom_types_file))


def _watch_policies(
    settings: CollectorSettings, store: Store, stop: threading.Event, drift: DriftFeed
) -> None:
    """Reload the policies file when it changes; a broken file keeps the previous rules."""
    path = settings.policies_file
    if path is None or settings.policies_reload_seconds <= 0:
        return
    last = path.stat().st_mtime_ns if path.exists() else None
    while not stop.wait(settings.policies_reload_seconds):
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue
        if mtime == last:
            continue
        last = mtime
        try:
            store.set_policies(load_policies(path, _custom_ids(settings)))
        except PolicyError as exc:
            log.error("policies not reloaded, keeping the previous ones", extra={"error": str(exc)})
            continue
        except SQLAlchemyError:
            log.exception("re-evaluating policies failed")
            continue
        drift.invalidate()  # a rule naming drift states may be new
        log.info("policies reloaded", extra={"policies": len(store.policies.policies)})


def _specs(settings: CollectorSettings) -> SpecRegistry:
    """The supplied OpenAPI documents: the directory's, then the saved uploads."""
    registry = SpecRegistry(
        settings.specs_upload_dir,
        settings.specs_max_documents,
        settings.specs_max_bytes,
        settings.specs_write_token_file,
    )
    if settings.specs_dir is not None:
        registry.load_dir(settings.specs_dir)
    if settings.specs_upload_dir is not None and settings.specs_upload_dir.is_dir():
        registry.load_dir(settings.specs_upload_dir)
    return registry


def run(settings: CollectorSettings, runtime: Runtime) -> None:
    """Open the store, start gRPC and HTTP, serve until shutdown is requested."""
    token_source(settings)  # a missing token is a configuration error: say so before anything
    auth = HttpAuth(settings.http_auth, settings.http_auth_file, settings.http_auth_header)
    policies = _policies(settings)
    specs = _specs(settings)
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    check_alerts(settings)
    store = _open_store(settings)
    skipped = specs.use_saved(DatabaseSpecs(store.engine))  # uploads kept in the database
    if skipped:
        log.warning("saved API specs that no longer parse are ignored", extra={"specs": skipped})
    alerts = None
    drift = DriftFeed(store, specs)
    try:
        # Before the policies are applied and ingest starts: every violation change alerts.
        alerts = start_alerts(settings, store)
        app = create_app(
            store,
            policies,
            auth,
            specs=specs,
            custom_types=list(load_custom_types(settings.custom_types_file).values()),
            map_layout_entries=settings.map_layout_cache_entries,
        )
        drift.attach()
        drift.start()  # before ingest: the first batches are judged on current drift
        grpc_server, grpc_port = serve_with_port(store, settings)
        try:
            http = start_http(app, settings.http_host, settings.http_port)
        except ConfigError:
            grpc_server.stop(0)
            raise
        runtime.health.add_readiness("database", store.ping)
        runtime.health.add_liveness("http", http.thread.is_alive)
        stop = threading.Event()
        watcher = threading.Thread(
            target=_watch_policies,
            args=(settings, store, stop, drift),
            name="policies",
            daemon=True,
        )
        watcher.start()
        log.info(
            "collector serving",
            extra={
                "grpc_port": grpc_port,
                "http_port": http.port,
                "tls": settings.tls_enabled,
                "http_auth": settings.http_auth,
                "policies": len(store.policies.policies),
                "database": store.engine.dialect.name,
            },
        )
        runtime.shutdown.wait()
        stop.set()
        log.info("stopping")
        grpc_server.stop(settings.shutdown_grace_seconds).wait()
        http.stop(settings.shutdown_grace_seconds)
    finally:
        drift.stop()
        if alerts is not None:
            alerts.stop(settings.shutdown_grace_seconds)
        store.close()


def main() -> int:
    """Run the collector; exit 2 with one line on a configuration error."""
    return run_service("collector", CollectorSettings, run)


if __name__ == "__main__":
    sys.exit(main())
