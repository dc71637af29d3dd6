"""Reports keep a field's type only when the evidence of its samples carries it."""

from __future__ import annotations

from digger.aggregate import DetectionAgg, EndpointAgg
from protos.sieve.v1 import metadata_pb2 as md

KEY = ((2, "shop", "web"), (2, "shop", "api"), "GET", "/orders")


def test_odd_values_do_not_make_a_field_but_proofs_do() -> None:
    agg = EndpointAgg()
    order = agg.field(True, "$.order_number")
    note = agg.field(True, "$.note")
    card = agg.field(True, "$.card")
    assert order is not None
    assert note is not None
    assert card is not None
    for f in (order, note, card):
        f.seen = 20
    # one 16-digit order number in twenty passed Luhn and a card range
    order.detections[md.DATA_TYPE_CREDIT_CARD] = DetectionAgg(md.SENSITIVITY_HIGH, 0.8, 1)
    # one note in twenty held an e-mail address: a proven finding
    note.detections[md.DATA_TYPE_EMAIL] = DetectionAgg(md.SENSITIVITY_MEDIUM, 0.95, 1)
    # most card values recognised
    card.detections[md.DATA_TYPE_CREDIT_CARD] = DetectionAgg(md.SENSITIVITY_HIGH, 0.8, 17)
    report = agg.to_proto(KEY)
    types = {f.json_path: [d.data_type for d in f.detections] for f in report.response_fields}
    assert types["$.order_number"] == []
    assert types["$.note"] == [md.DATA_TYPE_EMAIL]
    assert types["$.card"] == [md.DATA_TYPE_CREDIT_CARD]
