"""The registry's port is kept out of the kernel's ephemeral ports (scripts.images)."""

from __future__ import annotations

from pathlib import Path

from scripts.images import reserve_port


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
