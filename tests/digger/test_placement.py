"""The placement of server pod IPs on partitions of sieve.exchanges (sans-IO policy)."""

from __future__ import annotations

import pytest

from digger.placement import PartitionPlacement, WorkloadKey, spread_order


def wl(name: str, namespace: str = "shop") -> WorkloadKey:
    return namespace, 2, name


def test_a_workloads_pods_are_striped_and_workloads_fill_the_emptiest_partitions():
    placement = PartitionPlacement(4)
    web = [placement.place(f"10.0.0.{i}", wl("web")) for i in range(1, 7)]
    assert web == [0, 3, 2, 1, 0, 3]  # one per partition (in spread order) before a second
    db = [placement.place(f"10.0.1.{i}", wl("db")) for i in range(1, 3)]
    assert db == [2, 1]  # no db pod anywhere: the partitions with fewest pods overall
    assert placement.pods_per_partition() == [2, 2, 2, 2]


def test_same_name_in_another_namespace_is_another_workload():
    placement = PartitionPlacement(3)
    assert placement.place("10.0.0.1", wl("web", "a")) == 0
    assert placement.place("10.0.0.2", wl("web", "b")) == 2  # fewest overall, not a/web's 0


def test_a_placement_is_stable_while_the_ip_lives():
    placement = PartitionPlacement(4)
    first = placement.place("10.0.0.1", wl("web"))
    for i in range(2, 30):
        placement.place(f"10.0.0.{i}", wl("web" if i % 2 else "db"))
    assert placement.place("10.0.0.1", wl("web")) == first
    # an owner seen late renames the workload: the IP keeps its partition, counts follow
    assert placement.place("10.0.0.1", wl("web-deployment")) == first
    assert placement.partition_of("10.0.0.1") == first


def test_a_delete_frees_its_slot_for_the_next_pod_of_the_workload():
    placement = PartitionPlacement(3)
    for i in range(1, 4):
        placement.place(f"10.0.0.{i}", wl("web"))
    placement.release("10.0.0.2")  # it was on partition 2 (spread order 0, 2, 1)
    assert placement.partition_of("10.0.0.2") is None
    assert placement.place("10.0.0.9", wl("web")) == 2
    assert placement.pods_per_partition() == [1, 1, 1]
    placement.release("10.9.9.9")  # never placed: nothing happens
    assert len(placement) == 3


def test_nothing_is_placed_while_the_partition_count_is_unknown():
    placement = PartitionPlacement(0)
    assert placement.place("10.0.0.1", wl("web")) is None
    assert len(placement) == 0
    with pytest.raises(ValueError, match="partitions must be >= 0"):
        PartitionPlacement(-1)


def test_more_partitions_keep_every_placement_and_new_pods_fill_the_new_ones():
    placement = PartitionPlacement(2)
    before = {f"10.0.0.{i}": placement.place(f"10.0.0.{i}", wl("web")) for i in range(1, 5)}
    assert placement.resize(4) == []
    assert {ip: placement.partition_of(ip) for ip in before} == before
    assert [placement.place(f"10.0.1.{i}", wl("web")) for i in range(1, 3)] == [3, 2]
    assert placement.pods_per_partition() == [2, 2, 1, 1]


def test_fewer_partitions_release_what_no_longer_fits_and_keep_the_rest():
    placement = PartitionPlacement(4)
    for i in range(1, 9):
        placement.place(f"10.0.0.{i}", wl("web"))
    unfit = placement.resize(2)
    assert unfit == ["10.0.0.2", "10.0.0.3", "10.0.0.6", "10.0.0.7"]  # were on 3 and 2
    assert all(placement.partition_of(ip) is None for ip in unfit)
    assert placement.pods_per_partition() == [2, 2]
    again = [placement.place(ip, wl("web")) or 0 for ip in unfit]
    assert sorted(again) == [0, 0, 1, 1]  # striped again over what is left
    assert placement.pods_per_partition() == [4, 4]


def test_a_restart_adopts_the_topics_placements_then_places_around_them():
    """A new publisher reads the compacted topic: what it finds is kept, even where the
    policy would choose otherwise now, and new pods go around it."""
    before = PartitionPlacement(4)
    found = {f"10.0.0.{i}": before.place(f"10.0.0.{i}", wl("web")) for i in range(1, 4)}
    before.release("10.0.0.1")  # partition 0 emptied before the restart
    del found["10.0.0.1"]

    after = PartitionPlacement(4)
    for ip, partition in sorted(found.items()):
        assert partition is not None
        assert after.adopt(ip, wl("web"), partition)
    assert {ip: after.partition_of(ip) for ip in found} == found
    assert after.place("10.0.0.7", wl("web")) == 0  # the free slot, not a move of the others
    assert after.place("10.0.0.8", wl("web")) == 1
    assert after.pods_per_partition() == [1, 1, 1, 1]


def test_adopt_refuses_what_does_not_fit_or_contradicts_a_placement():
    placement = PartitionPlacement(4)
    assert not placement.adopt("10.0.0.1", wl("web"), 4)  # the topic shrank (or was replaced)
    assert not placement.adopt("10.0.0.1", wl("web"), -1)
    assert placement.adopt("10.0.0.1", wl("web"), 2)
    assert placement.adopt("10.0.0.1", wl("web"), 2)  # the same again: kept, counted once
    assert not placement.adopt("10.0.0.1", wl("web"), 3)
    assert placement.pods_per_partition() == [0, 0, 1, 0]


def test_even_pod_loads_give_even_partitions_where_the_hash_does_not():
    """48 equally loaded pods in workloads of 2 to 5: every partition gets 4 of them."""
    placement = PartitionPlacement(12)
    sizes = [2, 3, 4, 5] * 4  # 56 pods; take the first 48
    ips = [(f"10.1.{w}.{i}", wl(f"w{w}")) for w, size in enumerate(sizes) for i in range(size)]
    for ip, workload in ips[:48]:
        placement.place(ip, workload)
    assert placement.pods_per_partition() == [4] * 12


def test_the_spread_order_is_a_permutation_stepping_by_about_half():
    assert spread_order(12) == [0, 7, 2, 9, 4, 11, 6, 1, 8, 3, 10, 5]
    assert spread_order(0) == []
    assert spread_order(2) == [0, 1]
    for n in range(1, 100):
        assert sorted(spread_order(n)) == list(range(n))


def test_a_workloads_pods_land_on_different_replicas_however_the_group_assigns():
    """12 partitions, workloads of 2 to 5 pods placed one after the other: each workload
    has pods in both halves of the range and on both odd and even partitions (the two
    ways a group splits 12 partitions over 2 replicas), and, when it has 3 pods or more,
    pods in all three residues modulo 3 and in at least two of the thirds (3 replicas)."""
    placement = PartitionPlacement(12)
    workloads: dict[str, list[int]] = {}
    sizes = [3, 5, 2, 4] * 6
    for w, size in enumerate(sizes):
        for i in range(size):
            partition = placement.place(f"10.{w}.0.{i}", wl(f"w{w}"))
            assert partition is not None
            workloads.setdefault(f"w{w}", []).append(partition)
    for parts in workloads.values():
        assert {p < 6 for p in parts} == {True, False}, parts
        assert {p % 2 for p in parts} == {0, 1}, parts
        if len(parts) >= 3:
            assert len({p // 4 for p in parts}) >= 2, parts
            assert {p % 3 for p in parts} == {0, 1, 2}, parts
