"""CPU limits for benchmark processes, the way Kubernetes gives each pod its own CPU.

A benchmark makes one parent cgroup with the highest CPU weight the kernel takes (cgroup v1
``cpu.shares`` 262144, v2 ``cpu.weight`` 10000), so other work on a shared machine cannot
take its time while it runs, and under it one child per role:

- a *replica* child per replica process with a CFS quota (v1 ``cpu.cfs_quota_us`` over
  ``cpu.cfs_period_us``, v2 ``cpu.max``): what a pod's CPU limit sets;
- an *infra* child without a quota for what must not be the bottleneck (the broker, the
  database backends, the load driver).

``stat()`` reads a child's CPU use (v1: the same path in the ``cpuacct`` hierarchy, or
``cpuacct.usage`` when co-mounted; v2: ``usage_usec``) and its throttling (``nr_periods``,
``nr_throttled``, ``throttled_time``/``throttled_usec``). ``close()`` moves every process
still in a group back where it came from and removes the groups; the context manager and
an ``atexit`` hook call it, so a Ctrl-C leaves nothing behind. A host where the cpu
controller cannot be written (not root, no controller) raises `CgroupUnavailableError` with one
line saying why.
"""

from __future__ import annotations

import atexit
import errno
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

CGROUP_ROOT = Path("/sys/fs/cgroup")
V1_SHARES_MAX = 262_144
V2_WEIGHT_MAX = 10_000
PERIOD_US = 100_000


class CgroupUnavailableError(RuntimeError):
    """The cpu controller cannot be used here; the message says why in one line."""


@dataclass(frozen=True)
class CpuStat:
    """A group's CPU use and CFS throttling so far (subtract two for an interval)."""

    usage_s: float
    periods: int
    throttled_periods: int
    throttled_s: float

    def __sub__(self, other: CpuStat) -> CpuStat:
        return CpuStat(
            self.usage_s - other.usage_s,
            self.periods - other.periods,
            self.throttled_periods - other.throttled_periods,
            self.throttled_s - other.throttled_s,
        )

    @property
    def throttled_share(self) -> float:
        """Share of the CFS periods in which the group ran out of quota."""
        return self.throttled_periods / self.periods if self.periods else 0.0


def _keyed(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(" ")
        if value.strip().lstrip("-").isdigit():
            out[key] = int(value)
    return out


@dataclass
class Hierarchy:
    """Where the cpu controller is mounted and which file names it uses."""

    cpu: Path  # mount point holding cpu.* files
    version: int  # 1 or 2
    cpuacct: Path | None = None  # v1 only: a separate cpuacct mount, for usage

    @classmethod
    def find(cls, root: Path = CGROUP_ROOT) -> Hierarchy:
        """The cpu controller of this host; `CgroupUnavailableError` when there is none."""
        if (root / "cpu" / "cpu.cfs_quota_us").exists():
            cpu = root / "cpu"
            acct = root / "cpuacct"
            separate = not (cpu / "cpuacct.usage").exists() and (acct / "cpuacct.usage").exists()
            return cls(cpu, 1, acct if separate else None)
        controllers = root / "cgroup.controllers"
        if controllers.exists() and "cpu" in controllers.read_text().split():
            return cls(root, 2)
        raise CgroupUnavailableError(
            f"no writable cpu controller under {root} (neither cgroup v1 cpu/ nor v2 with cpu)"
        )


@dataclass
class CpuGroup:
    """One cgroup (and, on v1 with a separate cpuacct mount, its twin there)."""

    hierarchy: Hierarchy
    paths: list[Path]
    cpus: float | None = None
    origins: dict[int, list[Path]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.paths[0]

    def add(self, pid: int) -> None:
        """Move process ``pid`` (all its threads) here; remember where it was."""
        if pid not in self.origins:
            self.origins[pid] = [_current(pid, p, self.hierarchy) for p in self.paths]
        for path in self.paths:
            (path / "cgroup.procs").write_text(str(pid))

    def pids(self) -> list[int]:
        text = (self.path / "cgroup.procs").read_text()
        return [int(line) for line in text.split()]

    def stat(self) -> CpuStat:
        values = _keyed(self.path / "cpu.stat")
        if self.hierarchy.version == 2:
            return CpuStat(
                values.get("usage_usec", 0) / 1e6,
                values.get("nr_periods", 0),
                values.get("nr_throttled", 0),
                values.get("throttled_usec", 0) / 1e6,
            )
        usage_file = self.paths[-1] / "cpuacct.usage"
        usage = int(usage_file.read_text()) / 1e9 if usage_file.exists() else 0.0
        return CpuStat(
            usage,
            values.get("nr_periods", 0),
            values.get("nr_throttled", 0),
            values.get("throttled_time", 0) / 1e9,
        )


def _current(pid: int, group_path: Path, hierarchy: Hierarchy) -> Path:
    """The directory of the cgroup ``pid`` is in, in the hierarchy holding ``group_path``."""
    mount = hierarchy.cpu if group_path.is_relative_to(hierarchy.cpu) else hierarchy.cpuacct
    assert mount is not None
    wanted = "" if hierarchy.version == 2 else mount.name
    try:
        lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    except OSError:
        return mount
    for line in lines:
        _, controllers, rel = line.split(":", 2)
        names = controllers.split(",")
        if (hierarchy.version == 2 and controllers == "") or (wanted and wanted in names):
            return mount / rel.lstrip("/")
    return mount


class CpuCgroups:
    """A parent cgroup with the highest CPU weight and children made by `replica`/`infra`.

    ``with CpuCgroups("digger-scale") as groups: groups.replica("r0", 0.5).add(pid)``
    """

    def __init__(self, name: str, *, hierarchy: Hierarchy | None = None) -> None:
        self.hierarchy = hierarchy or Hierarchy.find()
        unique = f"sieve-bench-{name}-{os.getpid()}"
        self.parents = [self.hierarchy.cpu / unique]
        if self.hierarchy.cpuacct is not None:
            self.parents.append(self.hierarchy.cpuacct / unique)
        self.children: list[CpuGroup] = []
        self._closed = False
        self._made: list[Path] = []
        try:
            for parent in self.parents:
                parent.mkdir()
                self._made.append(parent)
            if self.hierarchy.version == 1:
                (self.parents[0] / "cpu.shares").write_text(str(V1_SHARES_MAX))
            else:
                (self.parents[0] / "cpu.weight").write_text(str(V2_WEIGHT_MAX))
                (self.parents[0] / "cgroup.subtree_control").write_text("+cpu")
        except OSError as exc:
            self.close()
            raise CgroupUnavailableError(
                f"cannot set up a cgroup at {self.parents[0]}: {exc.strerror or exc} "
                "(needs root and a writable cpu controller)"
            ) from exc
        atexit.register(self.close)

    def _child(self, name: str) -> CpuGroup:
        paths = [parent / name for parent in self.parents]
        for path in paths:
            path.mkdir()
        group = CpuGroup(self.hierarchy, paths)
        self.children.append(group)
        return group

    def replica(self, name: str, cpus: float) -> CpuGroup:
        """A child limited to ``cpus`` CPUs (CFS quota over a 100 ms period)."""
        if not 0.01 <= cpus <= (os.cpu_count() or 1):
            raise ValueError(f"a CPU limit of {cpus} is outside 0.01..{os.cpu_count()}")
        group = self._child(name)
        quota = int(cpus * PERIOD_US)
        if self.hierarchy.version == 1:
            (group.path / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group.path / "cpu.cfs_quota_us").write_text(str(quota))
        else:
            (group.path / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        group.cpus = cpus
        return group

    def infra(self, name: str = "infra") -> CpuGroup:
        """A child without a quota, with the parent's whole weight against the replicas."""
        group = self._child(name)
        if self.hierarchy.version == 1:
            (group.path / "cpu.shares").write_text(str(V1_SHARES_MAX))
        else:
            (group.path / "cpu.weight").write_text(str(V2_WEIGHT_MAX))
        return group

    def close(self) -> None:
        """Move every process back where it was and remove every group; safe to repeat."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self.close)
        for group in reversed(self.children):
            for path_index, path in enumerate(group.paths):
                for pid in _procs(path):
                    origin = group.origins.get(pid)
                    home = origin[path_index] if origin else path.parent.parent
                    _move(pid, home, path.parent.parent)
            for path in group.paths:
                _rmdir(path)
        for parent in self._made:
            _rmdir(parent)

    def __enter__(self) -> CpuCgroups:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def exit_on_sigterm() -> None:
    """Make SIGTERM exit through ``finally`` blocks and atexit hooks, like Ctrl-C does."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def _procs(path: Path) -> list[int]:
    try:
        return [int(line) for line in (path / "cgroup.procs").read_text().split()]
    except OSError:
        return []


def _move(pid: int, home: Path, fallback: Path) -> None:
    for target in (home, fallback):
        try:
            (target / "cgroup.procs").write_text(str(pid))
            return
        except OSError as exc:
            if exc.errno == errno.ESRCH:  # it exited meanwhile
                return


def _rmdir(path: Path) -> None:
    """rmdir, retried briefly: a process that just exited can hold a group for a moment."""
    for _ in range(50):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError as exc:
            if exc.errno == errno.ENOTEMPTY:
                # not cgroupfs (the tests' fake tree): the control files are plain files
                for item in path.iterdir():
                    if item.is_file():
                        item.unlink()
                continue
            if exc.errno != errno.EBUSY:
                raise
            time.sleep(0.02)
    path.rmdir()
