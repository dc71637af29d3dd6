"""scripts.images without buildah: the registry's port is kept out of the kernel's ephemeral
ports; the images a build leaves behind are told from the ones it used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scripts.images import _STEP_ID, reserve_port, stale_images


def test_a_port_is_added_to_an_empty_or_other_list(tmp_path: Path) -> None:
    reserved = tmp_path / "ip_local_reserved_ports"
    reserved.write_text("\n", encoding="ascii")
    assert reserve_port(35000, reserved)
    assert reserved.read_text(encoding="ascii") == "35000"
    reserved.write_text("8080,40000-40010\n", encoding="ascii")
    assert reserve_port(35000, reserved)
    assert reserved.read_text(encoding="ascii") == "8080,40000-40010,35000"


def test_a_port_already_reserved_alone_or_in_a_range_is_left_as_it_is(tmp_path: Path) -> None:
    reserved = tmp_path / "ip_local_reserved_ports"
    for listed in ("35000", "34000-36000", "1,35000,2"):
        reserved.write_text(listed + "\n", encoding="ascii")
        assert reserve_port(35000, reserved)
        assert reserved.read_text(encoding="ascii") == listed + "\n"


def test_a_list_that_cannot_be_read_reserves_nothing(tmp_path: Path) -> None:
    assert not reserve_port(35000, tmp_path / "missing")


def test_stale_images_are_the_untagged_ones_no_step_of_this_build_printed() -> None:
    listing: list[dict[str, Any]] = [
        {"id": "aaaa" * 16, "names": ["127.0.0.1:35000/sieve/detector:0.1.0"]},  # tagged
        {"id": "bbbb" * 16, "names": None},  # a step of this build (short id printed)
        {"id": "cccc" * 16, "names": []},  # a builder stage's last step, used from cache
        {"id": "dddd" * 16, "names": None},  # an earlier build's layer
        {"id": "eeee" * 16},  # the same, listed without names
    ]
    assert stale_images(listing, {"bbbbbbbbbbbb", "cccc" * 16}) == ["dddd" * 16, "eeee" * 16]
    assert stale_images(listing, set()) == ["bbbb" * 16, "cccc" * 16, "dddd" * 16, "eeee" * 16]


def test_each_step_id_is_read_from_builds_output() -> None:
    lines = ["--> Using cache " + "7604eae0" * 8, "--> 7604eae0b43a", "STEP 2/9: RUN true", "-->"]
    ids = [m.group(1) for line in lines if (m := _STEP_ID.match(line))]
    assert ids == ["7604eae0" * 8, "7604eae0b43a"]
