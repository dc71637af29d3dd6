"""CI's background Go builds (.ci/go-builds.sh): the queue starts only what is missing, in
order; a failed build fails the run at its wait with its log's tail; nothing outlives the
run; the cached-binary check tells a promtool of another version or build from ours."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from scripts import images, k8s_dev, k8s_node

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / ".ci" / "go-builds.sh"

# Three tools standing in for the real ones: "built" means a file in the cache.
FAKE_TOOLS = """
sieve_go_builds_wanted() { echo one two three; }
for n in one two three; do
  eval "sieve_${n}_cached() { [ -f \\"\\$SIEVE_CACHE/$n\\" ]; }"
  eval "sieve_${n}_build() { echo $n >>\\"\\$SIEVE_CACHE/order\\"; touch \\"\\$SIEVE_CACHE/$n\\"; }"
done
"""


def bash(
    script: str, cache: Path, *, fakes: bool = True, go: Path | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """``script`` under ``set -euo pipefail`` with the library sourced, as .ci/run runs it;
    with ``fakes`` the fake tools above, with ``go`` that directory's ``go`` first on PATH."""
    env = {**os.environ, "SIEVE_CACHE": str(cache)}
    prologue = f"set -euo pipefail\nsource {LIBRARY}\n"
    if fakes:
        prologue += FAKE_TOOLS
    if go is not None:
        env["PATH"] = f"{go}:{env['PATH']}"
    return subprocess.run(
        ["bash", "-c", prologue + textwrap.dedent(script)], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_nothing_starts_when_everything_is_cached(tmp_path: Path) -> None:
    for name in ("one", "two", "three"):
        (tmp_path / name).touch()
    result = bash(
        """
        sieve_go_builds_start
        echo "queue=[${SIEVE_GO_BUILDS_QUEUE:-}] pid=[${SIEVE_GO_BUILDS_PID:-}]"
        sieve_go_build one
        sieve_go_builds_wait_all
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "queue=[] pid=[]" in result.stdout
    assert not (tmp_path / "ci-logs").exists()
    assert not (tmp_path / "order").exists()


def test_missing_builds_run_in_the_background_in_order(tmp_path: Path) -> None:
    (tmp_path / "two").touch()
    result = bash(
        """
        sieve_go_builds_start
        echo "queue=[$SIEVE_GO_BUILDS_QUEUE]"
        sieve_go_build three --defer
        sieve_go_build one
        [ -f "$SIEVE_CACHE/one" ] && echo "one is there after its wait"
        sieve_go_builds_wait_all
        [ -f "$SIEVE_CACHE/three" ] && echo "three is there after the wait for all"
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "queue=[ one three ]" in result.stdout
    assert "one is there after its wait" in result.stdout
    assert "three is there after the wait for all" in result.stdout
    assert (tmp_path / "order").read_text().split() == ["one", "three"]
    [logs] = (tmp_path / "ci-logs").iterdir()
    assert (logs / "one.rc").read_text().strip() == "0"
    assert "::: built one in" in (logs / "one.log").read_text()


def test_a_failed_build_fails_the_run_with_its_log_tail(tmp_path: Path) -> None:
    result = bash(
        """
        sieve_two_build() { echo "compiling two"; false; echo "never reached"; }
        sieve_go_builds_start
        sieve_go_build one
        sieve_go_build two --defer
        sieve_go_builds_wait_all
        echo "the run went on"
        """,
        tmp_path,
    )
    assert result.returncode != 0
    assert "the run went on" not in result.stdout
    assert "background build of two failed (exit 1)" in result.stderr
    assert "compiling two" in result.stderr  # the log's tail
    assert "never reached" not in result.stderr  # set -e holds inside a build
    assert (tmp_path / "order").read_text().split() == ["one"]  # three did not start
    [logs] = (tmp_path / "ci-logs").iterdir()
    assert "two failed before it" in (logs / "three.log").read_text()


def test_no_build_outlives_the_run(tmp_path: Path) -> None:
    result = bash(
        """
        trap sieve_go_builds_stop EXIT
        sieve_one_build() { sleep 300 & echo $! >"$SIEVE_CACHE/sleeper"; wait; }
        sieve_go_builds_start
        for _ in $(seq 100); do [ -s "$SIEVE_CACHE/sleeper" ] && break; sleep 0.1; done
        exit 3
        """,
        tmp_path,
    )
    assert result.returncode == 3, result.stderr
    sleeper = int((tmp_path / "sleeper").read_text())
    for _ in range(100):
        if not Path(f"/proc/{sleeper}").exists():
            break
        subprocess.run(["sleep", "0.1"], check=True)
    assert not Path(f"/proc/{sleeper}").exists()


def fake_go(directory: Path, module_line: str, build_lines: str) -> Path:
    """A ``go`` whose ``go version -m`` prints what a binary built so would record."""
    directory.mkdir()
    script = directory / "go"
    script.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$3: go1.26.8\" '\tpath\tgithub.com/prometheus/prometheus/cmd/promtool'"
        f" '{module_line}' {build_lines}\n"
    )
    script.chmod(0o755)
    return directory


def promtool_cached(tmp_path: Path, version: str, build_lines: str) -> bool:
    (tmp_path / "bin").mkdir(exist_ok=True)
    (tmp_path / "bin" / "promtool").write_text("")
    (tmp_path / "bin" / "promtool").chmod(0o755)
    module = f"\tmod\tgithub.com/prometheus/prometheus\t{version}\th1:x="
    go = fake_go(tmp_path / f"go-{len(list(tmp_path.iterdir()))}", module, build_lines)
    result = bash(
        "sieve_promtool_cached && echo cached || echo stale", tmp_path, fakes=False, go=go
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "cached"


def test_promtool_check_tells_builds_apart(tmp_path: Path) -> None:
    ours = "'\tbuild\t-tags=remove_all_sd' '\tbuild\t-trimpath=true'"
    assert promtool_cached(tmp_path, "v0.316.0", ours)
    assert promtool_cached(tmp_path, "v0.316.0", "'\tbuild\tCGO_ENABLED=0'")  # a full build
    assert not promtool_cached(tmp_path, "v0.315.0", ours)  # another version
    assert not promtool_cached(tmp_path, "v0.316.0-rc.1", ours)
    assert not promtool_cached(tmp_path, "v0.316.0", "'\tbuild\t-tags=netgo'")  # another build
    assert not promtool_cached(tmp_path, "v0.316.0", "'\tbuild\t-tags=remove_all_sd,netgo'")


def test_python_checks_see_the_cache_and_a_failed_check_is_not_cached(tmp_path: Path) -> None:
    script = """
    for n in k8s images_tools node; do
      sieve_${n}_cached && echo "$n cached" || echo "$n stale"
    done
    """
    empty = bash(script, tmp_path, fakes=False)  # an empty cache: all missing
    assert empty.returncode == 0, empty.stderr
    assert empty.stdout.split("\n")[:3] == ["k8s stale", "images_tools stale", "node stale"]
    built = [k8s_dev.APISERVER, k8s_dev.ETCD, images.BUILDAH, images.REGISTRY_BIN]
    built += [build.directory / name for build in k8s_node.BUILDS for name in build.binaries]
    for path in built:  # the same layout in this test's cache
        copy = tmp_path / path.relative_to(k8s_dev.CACHE)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.touch(mode=0o755)
    full = bash(script, tmp_path, fakes=False)
    assert full.returncode == 0, full.stderr
    assert full.stdout.split("\n")[:3] == ["k8s cached", "images_tools cached", "node cached"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    broken = bash(script, tmp_path, fakes=False, cwd=elsewhere)  # no scripts package
    assert broken.returncode == 0, broken.stderr
    assert "ModuleNotFoundError" in broken.stderr
    assert "cached" not in broken.stdout
