"""benchmarks.cpu_cgroups: against fake cgroup trees (v1 and v2), and once on the real one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.cpu_cgroups import (
    V1_SHARES_MAX,
    V2_WEIGHT_MAX,
    CgroupUnavailableError,
    CpuCgroups,
    CpuStat,
    Hierarchy,
)


def v1_tree(root: Path) -> Path:
    (root / "cpu").mkdir()
    (root / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    (root / "cpuacct").mkdir()
    (root / "cpuacct" / "cpuacct.usage").write_text("0\n")
    return root


def v2_tree(root: Path) -> Path:
    (root / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    return root


def test_finds_v1_with_a_separate_cpuacct_and_v2_with_cpu(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    v1 = Hierarchy.find(v1_tree(tmp_path / "a"))
    assert (v1.version, v1.cpu, v1.cpuacct) == (
        1,
        tmp_path / "a" / "cpu",
        tmp_path / "a" / "cpuacct",
    )
    (tmp_path / "b").mkdir()
    v2 = Hierarchy.find(v2_tree(tmp_path / "b"))
    assert (v2.version, v2.cpu, v2.cpuacct) == (2, tmp_path / "b", None)


def test_a_host_without_the_cpu_controller_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "cgroup.controllers").write_text("memory pids\n")
    with pytest.raises(CgroupUnavailableError, match="no writable cpu controller") as err:
        Hierarchy.find(tmp_path)
    assert "\n" not in str(err.value)


def test_an_unwritable_hierarchy_is_refused_in_one_line(tmp_path: Path) -> None:
    missing = Hierarchy(tmp_path / "not-mounted", 1)
    with pytest.raises(CgroupUnavailableError, match="cannot set up a cgroup") as err:
        CpuCgroups("t", hierarchy=missing)
    assert "\n" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_v1_parent_weight_replica_quota_and_infra_weight(tmp_path: Path) -> None:
    hierarchy = Hierarchy.find(v1_tree(tmp_path))
    with CpuCgroups("t", hierarchy=hierarchy) as groups:
        (parent,) = [p for p in (tmp_path / "cpu").iterdir() if p.is_dir()]
        assert (parent / "cpu.shares").read_text() == str(V1_SHARES_MAX)
        replica = groups.replica("r0", 0.5)
        assert (replica.path / "cpu.cfs_period_us").read_text() == "100000"
        assert (replica.path / "cpu.cfs_quota_us").read_text() == "50000"
        assert replica.paths[1] == tmp_path / "cpuacct" / parent.name / "r0"
        infra = groups.infra()
        assert (infra.path / "cpu.shares").read_text() == str(V1_SHARES_MAX)
        assert not (infra.path / "cpu.cfs_quota_us").exists()
    assert [p for p in (tmp_path / "cpu").iterdir() if p.is_dir()] == []
    assert [p for p in (tmp_path / "cpuacct").iterdir() if p.is_dir()] == []


def test_v2_weight_subtree_control_and_cpu_max(tmp_path: Path) -> None:
    with CpuCgroups("t", hierarchy=Hierarchy.find(v2_tree(tmp_path))) as groups:
        parent = groups.parents[0]
        assert (parent / "cpu.weight").read_text() == str(V2_WEIGHT_MAX)
        assert (parent / "cgroup.subtree_control").read_text() == "+cpu"
        assert (groups.replica("r0", 0.4).path / "cpu.max").read_text() == "40000 100000"
    assert not parent.exists()


def test_a_limit_outside_the_machine_is_refused(tmp_path: Path) -> None:
    with CpuCgroups("t", hierarchy=Hierarchy.find(v1_tree(tmp_path))) as groups:
        with pytest.raises(ValueError, match="outside"):
            groups.replica("r0", 0.0)
        with pytest.raises(ValueError, match="outside"):
            groups.replica("r1", (os.cpu_count() or 1) + 1.0)


def test_stat_reads_v1_throttling_and_cpuacct_usage(tmp_path: Path) -> None:
    with CpuCgroups("t", hierarchy=Hierarchy.find(v1_tree(tmp_path))) as groups:
        group = groups.replica("r0", 0.5)
        (group.path / "cpu.stat").write_text(
            "nr_periods 40\nnr_throttled 30\nthrottled_time 1500000000\n"
        )
        (group.paths[1] / "cpuacct.usage").write_text("2000000000\n")
        before = CpuStat(0.5, 10, 5, 0.5)
        delta = group.stat() - before
        assert delta == CpuStat(1.5, 30, 25, 1.0)
        assert delta.throttled_share == pytest.approx(25 / 30)
        assert CpuStat(0, 0, 0, 0).throttled_share == 0.0


def test_stat_reads_v2_usage_and_throttling(tmp_path: Path) -> None:
    with CpuCgroups("t", hierarchy=Hierarchy.find(v2_tree(tmp_path))) as groups:
        group = groups.replica("r0", 0.5)
        (group.path / "cpu.stat").write_text(
            "usage_usec 3000000\nuser_usec 2000000\nnr_periods 10\nnr_throttled 4\n"
            "throttled_usec 250000\n"
        )
        assert group.stat() == CpuStat(3.0, 10, 4, 0.25)


def test_close_is_safe_to_repeat_and_runs_when_the_body_fails(tmp_path: Path) -> None:
    groups = CpuCgroups("t", hierarchy=Hierarchy.find(v1_tree(tmp_path)))

    def body() -> None:
        with groups:
            groups.replica("r0", 0.5)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        body()
    groups.close()
    assert [p for p in (tmp_path / "cpu").iterdir() if p.is_dir()] == []


def _real_cpu_controller() -> str | None:
    if os.geteuid() != 0:
        return "needs root to write cgroups"
    try:
        Hierarchy.find()
    except CgroupUnavailableError as exc:
        return str(exc)
    return None


@pytest.mark.skipif(_real_cpu_controller() is not None, reason=str(_real_cpu_controller()))
def test_a_real_quota_caps_a_busy_process_and_everything_is_removed() -> None:
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        with CpuCgroups("test") as groups:
            group = groups.replica("r0", 0.2)
            group.add(busy.pid)
            assert group.pids() == [busy.pid]
            before, t0 = group.stat(), time.monotonic()
            time.sleep(1.5)
            used, elapsed = group.stat() - before, time.monotonic() - t0
            paths = [*groups.parents, *group.paths]
        # the quota is a ceiling: 0.2 CPU, plus one period of slack
        assert 0 < used.usage_s <= 0.2 * elapsed + 0.1
        assert used.throttled_periods > 0
        assert not any(p.exists() for p in paths)
        assert busy.poll() is None  # moved back out, still running
        own = Path(f"/proc/{busy.pid}/cgroup").read_text()
        assert "sieve-bench" not in own
    finally:
        busy.kill()
        busy.wait()
