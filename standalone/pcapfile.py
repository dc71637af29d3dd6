"""Exchanges of a capture file through the interceptor core, with progress.

The same loop as `interceptor.replay.read_records`, plus a callback with the bytes read
so far (frame plus its record header), for a progress bar on long files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from common.settings import ConfigError, load_settings
from interceptor.core import Core
from interceptor.replay import read_frames
from interceptor.settings import InterceptorSettings
from protos.sieve.v1 import exchange_pb2

_RECORD_OVERHEAD = 16  # pcap record header; pcapng blocks are a little larger
_PROGRESS_EVERY = 2048  # frames between progress callbacks


class CaptureFileError(ConfigError):
    """The file is not a readable pcap or pcapng capture."""


def default_interceptor_settings() -> InterceptorSettings:
    """Interceptor settings from ``SIEVE_INTERCEPTOR_*`` with pod discovery off."""
    return load_settings(InterceptorSettings, discover_pods=False)


def read_capture(
    path: str | Path,
    settings: InterceptorSettings | None = None,
    on_progress: Callable[[int], None] | None = None,
    core: Core | None = None,
) -> Iterator[exchange_pb2.HttpExchange]:
    """The JSON exchanges of a pcap/pcapng file, each once, in completion order.

    Every connection is owned by the first interface that shows it, so a capture of both
    veths of a pod pair reports each exchange once. ``on_progress`` gets bytes read so far.
    """
    core = core or Core(settings or default_interceptor_settings(), None)
    done = 0
    frames = 0
    try:
        records = read_frames(path)
        for iface, linktype, ts, frame in records:
            core.feed(iface, linktype, ts, frame)
            done += len(frame) + _RECORD_OVERHEAD
            frames += 1
            if core.exchanges_pending:
                yield from core.take()
            if on_progress is not None and frames % _PROGRESS_EVERY == 0:
                on_progress(done)
    except (OSError, EOFError) as exc:  # EOFError includes the reader's CaptureFormatError
        raise CaptureFileError(f"{path}: {exc}") from None
    core.close_all()
    yield from core.take()
    if on_progress is not None:
        on_progress(done)
