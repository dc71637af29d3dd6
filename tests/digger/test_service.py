"""DiggerService without a broker: a batch held while the detector is down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from common.service import Runtime
from digger.identities import StaticIdentities
from digger.service import DiggerService
from digger.settings import DiggerSettings
from tests.digger.exchanges import make_exchange
from tests.digger.harness import write_identities
from tests.digger.standin import standin_detect


def service(tmp_path: Path) -> DiggerService:
    path = write_identities(tmp_path)
    settings = DiggerSettings.model_validate(
        {"identity_source": "static", "identities_file": str(path), "ingest_insecure": True}
    )
    return DiggerService(
        settings, Runtime(), identities=StaticIdentities.from_file(path), detect=standin_detect
    )


class Msg:
    def __init__(self, partition: int, offset: int, value: bytes) -> None:
        self._p, self._o, self._v = partition, offset, value

    def topic(self) -> str:
        return "ex"

    def partition(self) -> int:
        return self._p

    def offset(self) -> int:
        return self._o

    def value(self) -> bytes:
        return self._v

    def error(self) -> Any:
        return None


def test_detector_down_holds_the_batch_and_aggregates_nothing(tmp_path: Path):
    svc = service(tmp_path)
    svc.ledger.assign(("ex", 0), None)

    def down(_docs: list[Any]) -> Any:
        raise ConnectionError("refused")

    svc.processor.detect = down
    value = make_exchange(request={"email": "a@b.org"}).SerializeToString()
    held = [Msg(0, 0, b"\xff\xff"), Msg(0, 1, value)]
    assert not svc._process(held)  # type: ignore[arg-type]
    assert not svc._ready_detector()
    assert svc.ledger.acked(0) is None
    svc.processor.detect = standin_detect
    assert svc._process(held)  # type: ignore[arg-type]
    assert svc.processor.stats.malformed == 1  # counted once, not once per attempt
    assert svc._ready_detector()
    svc._close_window()
    assert svc.ledger.acked(svc.ingest.last_sequence) == {("ex", 0): 2}
    assert svc.processor.stats.aggregated == 1
