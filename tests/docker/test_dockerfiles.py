"""The service images: each Dockerfile parses (BuildKit's own parser), is multi-stage on a
pinned slim Python, installs only its service's dependencies, runs its console script, and
runs as non-root except the interceptor."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any

import dockerfile  # type: ignore[import-not-found]  # ships no stubs
import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from detector.settings import DetectorSettings
from tests.docker.imports import (
    ROOT,
    closure,
    distributions_of,
    module_file,
    normalize,
    requirement_closure,
)

SERVICES = ("interceptor", "digger", "detector", "collector")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SCRIPTS: dict[str, str] = PYPROJECT["project"]["scripts"]
DEPENDENCIES = {
    normalize(re.match(r"[A-Za-z0-9._-]+", spec).group()): spec  # type: ignore[union-attr]
    for spec in PYPROJECT["project"]["dependencies"]
}
CHART_VALUES = yaml.safe_load((ROOT / "charts" / "sieve" / "values.yaml").read_text())
PINNED_BASE = re.compile(
    r"^(?:docker\.io/(?:library/)?)?python:(?P<version>\d+\.\d+\.\d+)-slim-(?P<distro>[a-z]+)"
    r"(?:@sha256:[0-9a-f]{64})?$"
)


@dataclass
class Stage:
    """One FROM ... stage: its base, name and instructions."""

    base: str
    name: str | None
    commands: list[Any]

    def of(self, cmd: str) -> list[Any]:
        return [c for c in self.commands if c.cmd == cmd]


def global_args(service: str) -> dict[str, str]:
    """Defaults of the ARGs before the first FROM (the only ones a FROM line may use)."""
    out: dict[str, str] = {}
    for command in dockerfile.parse_file(str(ROOT / f"Dockerfile.{service}")):
        if command.cmd == "FROM":
            break
        assert command.cmd == "ARG", f"{command.cmd} before FROM"
        key, _, value = command.value[0].partition("=")
        out[key] = value.strip('"')
    return out


def stages(service: str) -> list[Stage]:
    """The stages of ``Dockerfile.<service>`` as BuildKit parses them, each FROM with the
    defaults of the global ARGs substituted (what a build without --build-arg uses)."""
    defaults = global_args(service)
    out: list[Stage] = []
    for command in dockerfile.parse_file(str(ROOT / f"Dockerfile.{service}")):
        if command.cmd == "FROM":
            value = list(command.value)
            name = value[2] if len(value) == 3 and value[1].upper() == "AS" else None
            base = re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: defaults[m[1] or m[2]], value[0])
            out.append(Stage(base, name, []))
        elif out:
            out[-1].commands.append(command)
    return out


def arg(stage: Stage, name: str) -> str:
    """The default of ``ARG name`` in ``stage``."""
    for command in stage.of("ARG"):
        key, _, value = command.value[0].partition("=")
        if key == name:
            return str(value).strip('"')
    raise AssertionError(f"no ARG {name}")


def heredoc_writing(stage: Stage, target: str) -> str:
    """The script of the RUN heredoc whose output goes to ``target``."""
    for command in stage.of("RUN"):
        if command.heredocs and command.value[0].rstrip().endswith(f"> {target}"):
            return str(command.heredocs[0].content)
    raise AssertionError(f"no RUN heredoc writes {target}")


def env(stage: Stage) -> dict[str, str]:
    """ENV of ``stage`` (later wins)."""
    out: dict[str, str] = {}
    for command in stage.of("ENV"):
        values = list(command.value)
        out.update(zip(values[::2], values[1::2], strict=True))
    return out


def copies(stage: Stage) -> list[tuple[tuple[str, ...], list[str], str]]:
    """(flags, sources, destination) of every COPY in ``stage``."""
    return [(c.flags, list(c.value[:-1]), c.value[-1]) for c in stage.of("COPY")]


@pytest.mark.parametrize("service", SERVICES)
def test_parses_and_is_multi_stage_on_a_pinned_slim_python(service: str) -> None:
    builder, final = stages(service)
    assert builder.name == "builder"
    assert final.name is None
    for stage in (builder, final):
        match = PINNED_BASE.match(stage.base)
        assert match, f"{stage.base} is not a pinned python:X.Y.Z-slim-<distro> image"
        assert "latest" not in stage.base
    # One base for both stages, so the copied virtualenv's interpreter link is valid; the
    # base is a build argument (a local equivalent in scripts/images) defaulting to the pin.
    assert builder.base == final.base
    assert set(global_args(service)) == {"BASE_IMAGE"}
    assert (["--from=builder"], ["/opt/sieve"], "/opt/sieve") in [
        (list(f), s, d) for f, s, d in copies(final)
    ]
    assert env(final)["PATH"].startswith("/opt/sieve/bin:")
    # The final stage installs nothing from the network.
    for run in final.of("RUN"):
        assert not re.search(r"\b(pip|apt-get|curl|wget)\b", run.value[0]), run.original


@pytest.mark.parametrize("service", SERVICES)
def test_entrypoint_is_the_service_console_script(service: str) -> None:
    _, final = stages(service)
    (entrypoint,) = final.of("ENTRYPOINT")
    assert entrypoint.json, "ENTRYPOINT must be the exec (JSON) form so signals reach Python"
    assert list(entrypoint.value) == [f"sieve-{service}"]
    target = SCRIPTS[f"sieve-{service}"]
    module, _, function = target.partition(":")
    path = module_file(module)
    assert path is not None, f"{target}: no module {module}"
    defined = {
        node.name for node in ast.parse(path.read_text()).body if isinstance(node, ast.FunctionDef)
    }
    assert function in defined, f"{target}: {module} defines no {function}()"
    assert not final.of("CMD")


@pytest.mark.parametrize("service", SERVICES)
def test_user(service: str) -> None:
    _, final = stages(service)
    users = [c.value[0] for c in final.of("USER")]
    if service == "interceptor":
        # Raw capture on the host's interfaces needs root (the chart runs it privileged).
        assert users in ([], ["root"], ["0"], ["0:0"])
        return
    assert users, "the image must not run as root"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit(), "a numeric USER lets Kubernetes verify runAsNonRoot"
    assert int(uid) != 0
    pod = CHART_VALUES["podSecurityContext"]
    assert (int(uid), int(gid)) == (pod["runAsUser"], pod["runAsGroup"])
    created = " ".join(r.value[0] for r in final.of("RUN"))
    assert f"--uid {uid}" in created


@pytest.mark.parametrize("service", SERVICES)
def test_installs_only_the_services_dependencies(service: str) -> None:
    builder, _ = stages(service)
    wanted = {normalize(n) for n in arg(builder, "SIEVE_DEPENDENCIES").split()}
    assert wanted <= set(DEPENDENCIES), f"not in pyproject: {wanted - set(DEPENDENCIES)}"
    assert wanted < set(DEPENDENCIES), "the image would hold every service's dependencies"
    local, third_party = closure(service)
    installed = requirement_closure(wanted)
    missing = {m for m in third_party if not distributions_of(m) & installed}
    assert not missing, f"{service} imports {sorted(missing)}, which the image does not install"
    # The builder copies every local package the service imports.
    copied = {src.rstrip("/") for _, sources, _ in copies(builder) for src in sources}
    assert {m.split(".")[0] for m in local} <= copied


@pytest.mark.parametrize("service", SERVICES)
def test_requirements_script_takes_ranges_from_pyproject(service: str) -> None:
    builder, _ = stages(service)
    script = heredoc_writing(builder, "/tmp/requirements.txt")
    names = arg(builder, "SIEVE_DEPENDENCIES")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "SIEVE_DEPENDENCIES": names},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.split()
    assert sorted(lines) == sorted(DEPENDENCIES[normalize(n)] for n in names.split())
    broken = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "SIEVE_DEPENDENCIES": f"{names} no-such-dist"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert broken.returncode != 0
    assert "no-such-dist" in broken.stderr


def test_detector_image_holds_the_model_and_its_library_versions() -> None:
    builder, final = stages("detector")
    model_copies = [(s, d) for f, s, d in copies(final) if not f and s == ["detector/model/"]]
    assert len(model_copies) == 1
    destination = model_copies[0][1].rstrip("/")
    for name in ("model.skops", "model.json"):
        assert (ROOT / "detector" / "model" / name).is_file()
    variables = env(final)
    model_env = "SIEVE_DETECTOR_MODEL_PATH"
    assert model_env.removeprefix("SIEVE_DETECTOR_").lower() in DetectorSettings.model_fields
    assert DetectorSettings.model_config.get("env_prefix") == "SIEVE_DETECTOR_"
    assert variables[model_env] == destination
    # The model's library versions are pinned in the build, and pyproject allows them.
    script = heredoc_writing(builder, "/tmp/constraints.txt")
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    versions = json.loads((ROOT / "detector" / "model" / "model.json").read_text())["versions"]
    assert sorted(done.stdout.split()) == sorted(f"{n}=={v}" for n, v in versions.items())
    for name, version in versions.items():
        spec = DEPENDENCIES[normalize(name)]
        specifier = SpecifierSet(spec[len(re.match(r"[A-Za-z0-9._\-\[\]]+", spec).group()) :])  # type: ignore[union-attr]
        assert Version(version) in specifier, f"{name}=={version} outside {spec}"
    (install,) = [r for r in builder.of("RUN") if "-r /tmp/requirements.txt" in r.value[0]]
    assert "-c /tmp/constraints.txt" in install.value[0]


def test_interceptor_image_compiles_its_per_packet_modules() -> None:
    builder, final = stages("interceptor")
    assert any("setup.py" in sources for _, sources, _ in copies(builder))
    runs = " ".join(r.value[0] for r in builder.of("RUN"))
    assert "gcc" in runs
    assert "SIEVE_COMPILE=1 /opt/build/bin/pip wheel" in runs
    assert "--no-build-isolation" in runs
    assert "endswith('.so')" in runs  # the smoke test refuses an uncompiled wheel
    # the compiler's versions come from pyproject.toml
    script = heredoc_writing(builder, "/tmp/compile-requirements.txt")
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    table = PYPROJECT["tool"]["sieve"]["compile"]
    assert done.stdout.split() == table["requires"]
    assert any(r.startswith("mypy==") for r in table["requires"])
    for module in table["modules"]:
        assert (ROOT / module).is_file(), module
    # nothing of the build toolchain reaches the final stage
    assert [s for _, s, _ in copies(final)] == [["/opt/sieve"]]


def test_collector_wheel_holds_the_dashboard_files() -> None:
    # The image installs the wheel; the dashboard's files must be package data in it.
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["collector"]
    static = ROOT / "collector" / "static"
    files = [p.relative_to(ROOT / "collector") for p in static.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert any(fnmatch(str(path), pattern) for pattern in patterns), path
    from collector.web import STATIC_DIR  # where the dashboard is served from

    assert STATIC_DIR.resolve() == static.resolve()


def test_dockerignore_keeps_what_the_images_copy() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert {".git", ".venv", "tests"} <= set(patterns)
    for service in SERVICES:
        for stage in stages(service):
            for flags, sources, _ in copies(stage):
                if flags:
                    continue
                for source in sources:
                    for pattern in patterns:
                        assert not fnmatch(source.rstrip("/"), pattern), (service, source, pattern)
                    assert (ROOT / source).exists(), source


def test_exposed_ports_are_the_services_defaults() -> None:
    for service in SERVICES:
        _, final = stages(service)
        exposed = {int(p) for c in final.of("EXPOSE") for p in c.value}
        if service == "interceptor":
            assert exposed == {CHART_VALUES["interceptor"]["opsPort"]}
            continue
        values = CHART_VALUES[service]
        expected = {values["opsPort"]} | {
            values[k] for k in ("httpPort", "grpcPort") if k in values
        }
        assert exposed == expected, service
