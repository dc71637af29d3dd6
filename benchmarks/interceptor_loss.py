"""Lossy-capture harness: the interceptor (and tshark) on a capture with seeded loss.

Takes any pcap/pcapng (default: the keep-alive JSON traffic that
``benchmarks.interceptor_replay`` generates), replays it losslessly to get the true
exchanges, then replays copies damaged with seeded loss — frames dropped with probability
``--drop``, duplicated with probability ``--dup`` (the copy a few frames later), and
windows of ``--window`` frames shuffled in a share ``--shuffle`` of the windows — and
scores each run against the lossless one:

* recall: lossless exchanges found again (byte for byte: client, method, target, status,
  both bodies and truncation flags);
* wrong: reported exchanges that are not a true exchange (a request with another
  message's response, or altered bytes) — must be 0;
* duplicates: a true exchange reported more often than it happened — must be 0.

Second copy: the capture with every frame also on a second interface (pod-to-pod traffic of
one node), each copy damaged on its own, replayed with the other copy used to fill the
owner's losses and without.

Mid-stream joins: the replay starts at random frames; every exchange whose request starts
after the join must be found. tshark's pairing (``-Y http.response``: client port, URI,
status) is scored the same way against tshark's own lossless run, in the same run, when
tshark is installed.

Usage: python -m benchmarks.interceptor_loss [--pcap FILE] [--exchanges N] [--seeds S]
       [--drop P --dup P --window W --shuffle S] [--joins J] [--check]
Without loss options it runs the issue's scenarios (0.3% drops + 1% duplicates + 8-frame
windows shuffled in 30% of windows; 1% drops; 3% drops) and the mid-stream joins.
``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from interceptor.core import Core
from interceptor.replay import Record, read_frames
from interceptor.synthetic import write_pcapng
from protos.sieve.v1 import exchange_pb2

Key = tuple[object, ...]


@dataclass(frozen=True)
class Loss:
    """A seeded damage pattern."""

    name: str
    drop: float = 0.0
    dup: float = 0.0
    window: int = 0
    shuffle: float = 0.0
    recall_floor: float = 0.0  # the target (0: only "no wrong pairs" is asked)


SCENARIOS = (
    Loss("0.3% drop + 1% dup + 8-frame windows shuffled in 30%", 0.003, 0.01, 8, 0.3, 0.95),
    Loss("1% drop + 1% dup + reorder", 0.01, 0.01, 8, 0.3, 0.85),
    Loss("3% drop + 1% dup + reorder", 0.03, 0.01, 8, 0.3, 0.0),
)


def damage(records: Sequence[Record], loss: Loss, seed: int) -> list[Record]:
    """``records`` with frames dropped, duplicated and reordered (seeded)."""
    rnd = random.Random(seed)
    out: list[Record] = []
    late: list[tuple[int, Record]] = []  # duplicates waiting for their position
    for rec in records:
        while late and late[0][0] <= len(out):
            out.append(late.pop(0)[1])
        if rnd.random() < loss.drop:
            continue
        out.append(rec)
        if rnd.random() < loss.dup:
            late.append((len(out) + rnd.randint(0, 3), rec))
            late.sort(key=lambda item: item[0])
    out += [rec for _pos, rec in late]
    if loss.window > 1:
        for start in range(0, len(out), loss.window):
            if rnd.random() < loss.shuffle:
                part = out[start : start + loss.window]
                rnd.shuffle(part)
                out[start : start + loss.window] = part
    return out


def key_of(ex: exchange_pb2.HttpExchange) -> Key:
    """An exchange as compared: who, what and every byte of both bodies."""
    req, resp = ex.request, ex.response
    return (
        ex.client.ip,
        ex.client.port,
        ex.server.ip,
        ex.server.port,
        req.method,
        req.target,
        resp.status,
        req.body,
        resp.body,
        req.body_truncated,
        resp.body_truncated,
    )


# interface -> local pod IPs (as SIEVE_INTERCEPTOR_INTERFACES); None: the first interface
# that shows a connection owns it
LOCAL_IPS: dict[str, list[str]] | None = None


def replay(records: Sequence[Record], second_copy: bool = True) -> tuple[list[Key], Core]:
    """Exchanges (keys, in the order reported) of ``records`` fed in order to one core."""
    core = _new_core()
    core.use_second_copy = second_copy
    keys: list[Key] = []
    for batch in _batches(records):
        iface, linktype, times, frames = batch
        core.feed_many(iface, linktype, times, frames)
        keys += [key_of(ex) for ex in core.take()]
    core.close_all()
    keys += [key_of(ex) for ex in core.take()]
    return keys, core


def _batches(records: Sequence[Record]) -> Iterator[tuple[str, int, list[float], list[bytes]]]:
    i = 0
    while i < len(records):
        iface, linktype = records[i][0], records[i][1]
        times: list[float] = []
        frames: list[bytes] = []
        while i < len(records) and records[i][0] == iface and records[i][1] == linktype:
            times.append(records[i][2])
            frames.append(records[i][3])
            i += 1
            if len(frames) >= 512:
                break
        yield iface, linktype, times, frames


@dataclass
class Score:
    """One damaged run against the lossless one."""

    truth: int
    found: int
    wrong: int
    duplicates: int

    @property
    def recall(self) -> float:
        """Share of the true exchanges found."""
        return self.found / self.truth if self.truth else 1.0


def score(truth: Sequence[Key], got: Sequence[Key]) -> Score:
    """Compare reported exchanges with the true ones as multisets."""
    want = Counter(truth)
    have = Counter(got)
    found = sum(min(n, want[k]) for k, n in have.items())
    wrong = sum(n for k, n in have.items() if k not in want)
    dups = sum(n - want[k] for k, n in have.items() if k in want and n > want[k])
    return Score(len(truth), found, wrong, dups)


# --- tshark, the peer ----------------------------------------------------------------------
def tshark_pairs(records: Sequence[Record], workdir: Path) -> list[Key] | None:
    """tshark's (client port, URI, status) per response, or None without tshark."""
    tshark = shutil.which("tshark")
    if tshark is None:
        return None
    path = workdir / "run.pcapng"
    write_pcapng(path, [(r[0], r[2], r[3]) for r in records], linktype=records[0][1])
    proc = subprocess.run(
        [tshark, "-r", str(path), "-Y", "http.response", "-T", "fields", "-E", "separator=|",
         "-e", "tcp.dstport", "-e", "http.response_for.uri", "-e", "http.response.code"],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    out: list[Key] = []
    for line in proc.stdout.splitlines():
        port, uri, code = ([*line.split("|"), "", "", ""])[:3]
        parts = urlsplit(uri)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        out.append((port, target, code))
    return out


# --- the runs --------------------------------------------------------------------------------
def default_capture(path: Path, exchanges: int) -> None:
    """The replay benchmark's keep-alive JSON traffic (with quick ACKs), as pcapng."""
    from benchmarks.interceptor_replay import build

    write_pcapng(path, [("veth0", ts, f) for ts, f in build(exchanges)])


def run_loss(
    records: Sequence[Record],
    truth: Sequence[Key],
    loss: Loss,
    seeds: int,
    workdir: Path,
    with_tshark: bool,
) -> tuple[Score, Score | None, list[str]]:
    """Totals over ``seeds`` damaged copies for the interceptor and tshark."""
    ours = Score(0, 0, 0, 0)
    theirs: Score | None = None
    t_truth = tshark_pairs(records, workdir) if with_tshark else None
    notes: list[str] = []
    for seed in range(seeds):
        bad = damage(records, loss, seed)
        got, core = replay(bad)
        s = score(truth, got)
        ours = Score(
            ours.truth + s.truth,
            ours.found + s.found,
            ours.wrong + s.wrong,
            ours.duplicates + s.duplicates,
        )
        notes.append(
            f"seed {seed}: recall {s.recall:.3f} wrong {s.wrong} dup {s.duplicates}; "
            f"gaps {core.dropped['gap']}, re-anchored {_anchored_again(core)}, "
            f"internal errors {core.dropped['internal_error']}"
        )
        if t_truth is not None:
            t_got = tshark_pairs(bad, workdir)
            assert t_got is not None
            t = score(t_truth, t_got)
            theirs = (
                t
                if theirs is None
                else Score(
                    theirs.truth + t.truth,
                    theirs.found + t.found,
                    theirs.wrong + t.wrong,
                    theirs.duplicates + t.duplicates,
                )
            )
    return ours, theirs, notes


def _anchored_again(core: Core) -> object:
    pairing = getattr(core, "pairing", None)  # (the harness also runs older cores)
    return "?" if pairing is None else pairing.anchored_again


def _new_core() -> Core:
    core = Core(local_ips=LOCAL_IPS)
    core.raise_errors = True  # a bug must fail the run, not hide in a counter
    return core


def run_joins(
    records: Sequence[Record], truth_ex: Sequence[tuple[float, Key]], joins: int
) -> tuple[int, int, int]:
    """(exchanges that start after the join, found, wrong) over ``joins`` random joins."""
    rnd = random.Random(99)
    want_total = found_total = wrong_total = 0
    for _ in range(joins):
        k = rnd.randrange(1, max(2, len(records) - 1))
        # files need not be in time order (dumpcap writes each interface's ring in turn):
        # a request after every frame before the join is wholly after it
        t_join = max(r[2] for r in records[:k])
        got, _core = replay(records[k:])
        after = Counter(key for start, key in truth_ex if start > t_join)
        have = Counter(got)
        want_total += sum(after.values())
        found_total += sum(min(n, have[key]) for key, n in after.items())
        all_truth = Counter(key for _s, key in truth_ex)
        wrong_total += sum(n for key, n in have.items() if key not in all_truth)
    return want_total, found_total, wrong_total


def two_copies(records: Sequence[Record]) -> list[Record]:
    """Every frame also on a second interface a microsecond later, as pod-to-pod traffic
    of one node shows on both pods' interfaces."""
    out: list[Record] = []
    for iface, linktype, ts, frame in records:
        out.append((iface, linktype, ts, frame))
        out.append((iface + "-peer", linktype, ts + 1e-6, frame))
    return out


def run_second_copy(
    records: Sequence[Record], truth: Sequence[Key], loss: Loss, seeds: int
) -> tuple[Score, Score]:
    """Recall on a capture with both copies, damaged alike: copy used, copy ignored."""
    # a capture of both pods' interfaces has its copies already
    doubled = list(records) if len({r[0] for r in records}) > 1 else two_copies(records)
    with_copy = Score(0, 0, 0, 0)
    without = Score(0, 0, 0, 0)
    for seed in range(seeds):
        bad = damage(doubled, loss, seed)
        for flag in (True, False):
            s = score(truth, replay(bad, second_copy=flag)[0])
            t = with_copy if flag else without
            t.truth += s.truth
            t.found += s.found
            t.wrong += s.wrong
            t.duplicates += s.duplicates
    return with_copy, without


def lossless(records: Sequence[Record]) -> list[tuple[float, Key]]:
    """The true exchanges with their request start times."""
    core = _new_core()
    out: list[tuple[float, Key]] = []
    for iface, linktype, times, frames in _batches(records):
        core.feed_many(iface, linktype, times, frames)
        out += [(_start(ex), key_of(ex)) for ex in core.take()]
    core.close_all()
    out += [(_start(ex), key_of(ex)) for ex in core.take()]
    return out


def _start(ex: exchange_pb2.HttpExchange) -> float:
    return ex.request_start.seconds + ex.request_start.nanos / 1e9


def main(argv: list[str] | None = None) -> int:
    """Run the scenarios and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--pcap", type=Path, help="capture to damage (default: generated)")
    ap.add_argument("--exchanges", type=int, default=2000, help="generated exchanges")
    ap.add_argument("--seeds", type=int, default=3, help="damaged copies per scenario")
    ap.add_argument("--drop", type=float)
    ap.add_argument("--dup", type=float, default=0.0)
    ap.add_argument("--window", type=int, default=0)
    ap.add_argument("--shuffle", type=float, default=0.0)
    ap.add_argument("--joins", type=int, default=5, help="mid-stream joins tried")
    ap.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="IFACE=IP[,IP]",
        help="interface to its local pod IPs (the owner rule, as the replay command)",
    )
    ap.add_argument("--no-tshark", action="store_true", help="skip the peer")
    ap.add_argument("--second-copy", action="store_true", help="with --drop: also the two-copy run")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)
    global LOCAL_IPS  # noqa: PLW0603 (one setting for every run of this process)
    if args.map:
        LOCAL_IPS = {m.split("=", 1)[0]: m.split("=", 1)[1].split(",") for m in args.map}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = args.pcap
        if path is None:
            path = work / "traffic.pcapng"
            default_capture(path, args.exchanges)
            source = f"generated: {args.exchanges} exchanges (benchmarks.interceptor_replay)"
        else:
            source = str(path)
        records = list(read_frames(path))
        truth_ex = lossless(records)
        truth = [key for _s, key in truth_ex]
        print(f"capture: {source}; {len(records)} frames, {len(truth)} lossless exchanges")
        with_tshark = not args.no_tshark and shutil.which("tshark") is not None
        if not with_tshark:
            print("tshark: not run (not installed, or --no-tshark)")
        scenarios = (
            SCENARIOS
            if args.drop is None
            else (Loss("given", args.drop, args.dup, args.window, args.shuffle),)
        )
        failed = False
        for loss in scenarios:
            ours, theirs, notes = run_loss(records, truth, loss, args.seeds, work, with_tshark)
            line = (
                f"{loss.name}, {args.seeds} seeds: interceptor recall {ours.recall:.3f} "
                f"({ours.found}/{ours.truth}), wrong {ours.wrong}, duplicates {ours.duplicates}"
            )
            if theirs is not None:
                line += (
                    f"; tshark recall {theirs.recall:.3f} ({theirs.found}/{theirs.truth}), "
                    f"wrong {theirs.wrong}, duplicates {theirs.duplicates}"
                )
            print(line)
            for note in notes:
                print("   ", note)
            if ours.wrong or ours.duplicates or ours.recall < loss.recall_floor:
                failed = True
                print(f"    MISSED: want recall >= {loss.recall_floor}, 0 wrong, 0 duplicates")
        if args.drop is None or args.second_copy:
            loss = scenarios[0] if args.drop is not None else SCENARIOS[1]
            used, ignored = run_second_copy(records, truth, loss, args.seeds)
            print(
                f"both pods' copies ({loss.name}, each copy damaged on its own), {args.seeds} "
                f"seeds: second copy used: recall {used.recall:.3f}, wrong {used.wrong}, "
                f"duplicates {used.duplicates}; ignored: recall {ignored.recall:.3f}, "
                f"wrong {ignored.wrong}, duplicates {ignored.duplicates}"
            )
            if used.wrong or used.duplicates or ignored.wrong or ignored.duplicates:
                failed = True
                print("    MISSED: want 0 wrong, 0 duplicates")
        if args.joins:
            want, found, wrong = run_joins(records, truth_ex, args.joins)
            print(
                f"mid-stream joins at {args.joins} random frames: {found}/{want} exchanges "
                f"starting after the join found, wrong {wrong}"
            )
            if found < want or wrong:
                failed = True
                print("    MISSED: want every exchange after the join, 0 wrong")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
