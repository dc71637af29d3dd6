"""The digger's offset ledger, sans-IO: what was consumed, what each batch covers, what to commit.

Kafka offsets are committed only after every batch that counted their records is
acknowledged. Per owned partition the ledger keeps:

- the claim the cloud answered on assignment (owner epoch and high water, see
  ``ClaimPartitions``): records below the high water are already counted in stored batches and
  are skipped, and every batch counted from the partition carries a `SourceRange` (start, end,
  epoch) so the cloud stores each record's counts once even when a replica dies uncommitted;
- the next offset to consume after what was processed, and where the next range starts.

Each closed window records a commit point: the last batch sequence submitted and the
offsets consumed so far. ``acked(n)`` answers the offsets to commit once every batch up to
sequence ``n`` is acknowledged. A revoked partition is forgotten (its new owner continues);
a fenced one (the cloud says another replica owns it) is never committed again by this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Partition = tuple[str, int]  # (topic, partition)
Offsets = dict[Partition, int]


@dataclass(frozen=True)
class Claim:
    """The cloud's answer for one claimed partition."""

    epoch: int
    high_water: int | None  # one past the last stored offset; None when nothing is stored


@dataclass(frozen=True)
class SourceRange:
    """The records ``[start, end)`` of one partition a batch's reports were counted from."""

    topic: str
    partition: int
    start: int
    end: int
    epoch: int


@dataclass
class _Owned:
    claim: Claim | None  # None: the cloud does not take claims (counts are at-least-once)
    consumed: int | None = None  # next offset after the last one processed
    range_start: int | None = None  # where the next range starts
    dirty: bool = False  # records counted since the last closed window
    fenced: bool = False


@dataclass(frozen=True)
class _CommitPoint:
    sequence: int
    offsets: Offsets


class OffsetLedger:
    """See the module docstring. Not thread-safe: the consume loop owns it."""

    def __init__(self) -> None:
        self._owned: dict[Partition, _Owned] = {}
        self._points: list[_CommitPoint] = []

    # --- ownership -----------------------------------------------------------------------
    def assign(self, partition: Partition, claim: Claim | None) -> None:
        """``partition`` is ours from now, with the cloud's claim (None without claims)."""
        start = claim.high_water if claim is not None else None
        self._owned[partition] = _Owned(claim, range_start=start)

    def revoke(self, partitions: Iterable[Partition]) -> None:
        """Forget ``partitions``: their offsets are never committed by this replica again."""
        gone = set(partitions)
        for part in gone:
            self._owned.pop(part, None)
        self._drop_from_points(gone)

    def fence(self, partition: Partition, epoch: int) -> bool:
        """The cloud refused a batch of ``partition`` made under owner ``epoch``; True when
        that is the current ownership (another replica claimed the partition since: nothing
        of it is counted or committed here any more). A fence of an earlier ownership (the
        partition came back meanwhile, with a new claim) changes nothing."""
        owned = self._owned.get(partition)
        if owned is None or owned.claim is None or owned.claim.epoch != epoch:
            return False
        owned.fenced = True
        self._drop_from_points({partition})
        return True

    def owns(self, partition: Partition) -> bool:
        """True while ``partition`` is assigned here and not fenced."""
        owned = self._owned.get(partition)
        return owned is not None and not owned.fenced

    @property
    def partitions(self) -> list[Partition]:
        """The partitions owned, sorted."""
        return sorted(self._owned)

    # --- consumption ---------------------------------------------------------------------
    def admit(self, partition: Partition, offset: int) -> bool:
        """Whether to count the record at ``offset``: False when the partition is not ours
        or the record is already counted in a stored batch (below the claimed high water)."""
        owned = self._owned.get(partition)
        if owned is None or owned.fenced:
            return False
        if owned.range_start is None:  # nothing stored yet: ranges start where we started
            owned.range_start = offset
        return offset >= owned.range_start if owned.claim is not None else True

    def processed(self, partition: Partition, end: int, *, counted: bool) -> None:
        """Records of ``partition`` up to ``end`` (exclusive) are done; ``counted`` when some of
        them were aggregated (not only skipped)."""
        owned = self._owned.get(partition)
        if owned is None:
            return
        if owned.consumed is None or end > owned.consumed:
            owned.consumed = end
        if counted:
            owned.dirty = True

    # --- windows, batches, commits -------------------------------------------------------
    def close_window(self) -> dict[Partition, SourceRange | None]:
        """The partitions counted from since the last window, each with its range (None when
        the cloud takes no claims). The ranges are then consumed: the next ones follow."""
        out: dict[Partition, SourceRange | None] = {}
        for part, owned in self._owned.items():
            if not owned.dirty or owned.fenced:
                continue
            owned.dirty = False
            if owned.claim is None or owned.consumed is None or owned.range_start is None:
                out[part] = None
                continue
            out[part] = SourceRange(
                part[0], part[1], owned.range_start, owned.consumed, owned.claim.epoch
            )
            owned.range_start = owned.consumed
        return out

    @property
    def dirty(self) -> bool:
        """True when something was counted since the last closed window."""
        return any(o.dirty and not o.fenced for o in self._owned.values())

    def submitted(self, sequence: int) -> None:
        """Batches up to ``sequence`` cover everything consumed so far: a commit point."""
        offsets = {
            part: o.consumed
            for part, o in self._owned.items()
            if o.consumed is not None and not o.fenced
        }
        if offsets:
            self._points.append(_CommitPoint(sequence, offsets))

    def acked(self, acked_through: int) -> Offsets | None:
        """The offsets to commit now that batches up to ``acked_through`` are acknowledged."""
        ready = [p for p in self._points if p.sequence <= acked_through]
        if not ready:
            return None
        self._points = [p for p in self._points if p.sequence > acked_through]
        offsets = ready[-1].offsets
        return dict(offsets) if offsets else None

    @property
    def pending_commits(self) -> int:
        """Commit points waiting for acks."""
        return len(self._points)

    def _drop_from_points(self, gone: set[Partition]) -> None:
        for point in self._points:
            for part in gone & point.offsets.keys():
                del point.offsets[part]
