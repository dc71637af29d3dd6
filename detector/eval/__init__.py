"""Independent evaluation: documents the detector's model was not made from.

Three sources, each kept as JSON lines under ``detector/eval/data``: a second generator library
(Faker) with key vocabularies written from public API documentation, document shapes and
``example`` values from public OpenAPI descriptions, and hand-written documents. Documents are
grouped in families (one API, spec or hand-written theme); the split into dev and test is by
family, made once (``split.json``). Score with ``python -m detector.eval``.
"""
