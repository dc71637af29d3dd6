"""Presidio's pattern recognizers over JSON leaves, as the peer in the same run.

Needs the `bench` extra (presidio-analyzer). The `no_op` NLP engine (no spaCy model); each
leaf is analysed as a text with its key words as context.
"""

from __future__ import annotations

import time
import warnings
from typing import Any

from detector.features import key_tokens
from detector.walker import Leaf

PRESIDIO_TO_TYPE = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "CREDIT_CARD": "credit_card",
    "IBAN_CODE": "iban",
    "IP_ADDRESS": "ip_address",
    "MAC_ADDRESS": "mac_address",
    "US_SSN": "us_ssn",
    "US_BANK_NUMBER": "bank_account",
    "US_DRIVER_LICENSE": "drivers_license",
    "US_PASSPORT": "passport_number",
    "US_ITIN": "tax_id",
}
#: The types both detectors cover.
COMMON = tuple(sorted(set(PRESIDIO_TO_TYPE.values())))
THRESHOLDS = (0.01, 0.2, 0.4, 0.5, 0.6, 0.8)


def analyzer() -> Any:
    """An `AnalyzerEngine` with the regex recognizers only (no network, no spaCy model)."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    # the e-mail recognizer would fetch the public suffix list; use the bundled snapshot
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    warnings.simplefilter("ignore")
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


def run(
    engine: Any, docs: list[list[Leaf]]
) -> tuple[float, float, list[list[tuple[str, str, float]]]]:
    """Wall seconds, CPU seconds, and (path, type, score) per document."""
    entities = list(PRESIDIO_TO_TYPE)
    out: list[list[tuple[str, str, float]]] = []
    start, cpu = time.perf_counter(), time.process_time()
    for leaves in docs:
        found: list[tuple[str, str, float]] = []
        for leaf in leaves:
            if leaf.value is None or isinstance(leaf.value, bool):
                continue
            text = str(leaf.value)
            context = (key_tokens(leaf.key) + " " + key_tokens(leaf.parent)).split()
            for r in engine.analyze(text, language="en", entities=entities, context=context):
                found.append((leaf.path, PRESIDIO_TO_TYPE[r.entity_type], float(r.score)))
        out.append(found)
    return time.perf_counter() - start, time.process_time() - cpu, out
