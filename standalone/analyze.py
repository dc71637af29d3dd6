"""``sieve analyze FILE``: a capture file through the whole pipeline, then a report."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from collector.policies import PolicySet
from digger.identities import IdentityResolver
from interceptor.core import Core
from protos.sieve.v1 import metadata_pb2
from standalone.openapi_files import write_documents
from standalone.pcapfile import default_interceptor_settings, read_capture
from standalone.pipeline import Pipeline
from standalone.report import render, write_json_lines
from standalone.runtime import load_names, open_store, stop_on_signals
from standalone.serve import serve_dashboard, url_of
from standalone.settings import StandaloneSettings

PROGRESS_MIN_BYTES = 4 << 20
"""Files at least this large get a progress bar (when stderr is a terminal)."""


def analyze(
    path: Path,
    settings: StandaloneSettings,
    *,
    names: Path | None = None,
    identities: IdentityResolver | None = None,
    as_json: bool = False,
    serve: bool = False,
    policies: PolicySet | None = None,
    out: Console | None = None,
    err: Console | None = None,
    duration: float | None = None,
    heading: str = "",
    openapi_dir: Path | None = None,
) -> int:
    """Analyse ``path``; print tables (or JSON lines), optionally write OpenAPI documents
    to ``openapi_dir`` and serve the dashboard."""
    out = out or Console()
    err = err or Console(stderr=True)
    if identities is None:
        identities = load_names(names)
    store = open_store(settings)
    if policies is not None:
        store.set_policies(policies)

    stdout = sys.stdout  # the progress bar must not capture the JSON lines

    def emit(reports: list[metadata_pb2.EndpointReport]) -> None:
        if as_json:
            write_json_lines(reports, stdout)

    pipeline = Pipeline(settings, identities, store, on_reports=emit)
    core = Core(default_interceptor_settings(), None)
    size = path.stat().st_size
    started = time.monotonic()
    show = err.is_terminal and size >= PROGRESS_MIN_BYTES
    if show:
        with err.status("loading the detector model"):
            pipeline.warm_up()
    with Progress(
        TextColumn("[bold]reading[/] {task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not show,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task(path.name, total=size)
        for exchange in read_capture(
            path, core=core, on_progress=lambda done: progress.update(task, completed=done)
        ):
            pipeline.process(exchange)
        pipeline.flush()
    elapsed = time.monotonic() - started
    (err if as_json else out).print(
        f"{path.name}: {sum(core.packets.values())} packets, {pipeline.exchanges} JSON "
        f"exchanges, {pipeline.reports_stored} endpoint reports in {elapsed:.1f} s",
        highlight=False,
    )
    if not as_json:
        render(out, store, heading)
    if openapi_dir is not None:
        written = write_documents(store, openapi_dir)
        (err if as_json else out).print(
            f"OpenAPI: {len(written)} documents in {openapi_dir}", highlight=False
        )
    if serve:
        server = serve_dashboard(store, settings.http_host, settings.http_port)
        err.print(f"Dashboard: [bold]{url_of(settings.http_host, server.port)}[/]  (Ctrl-C stops)")
        with stop_on_signals() as stop:
            stop.wait(duration)
        server.stop()
    store.close()
    return 0
