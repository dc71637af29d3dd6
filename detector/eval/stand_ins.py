"""Leaves a set's labeller marked, by hand, as documentation stand-ins.

From v3 on, the people who labelled each set turned some rule labels into ``none`` by hand
because the value is a stand-in: counting or repeated digits under a phone key
(``+919876543219``), a placeholder line under an address key (``mailing_address - address
line one``), a role word of a dummy account under a name key (``Doctor``). v2 and the issue's
own first set count such values as the type; the later sets did not. Since session 15 the
decisions of v7 to v15 follow the one labelling convention (data README): a stand-in with the
type's shape is the type there, so only the stand-ins without it (``FIRST LAST``, a field's
own words) are still negatives that name a stand-in. Whether an example value is real is not
something a field's data type can show, so the evaluation can leave these leaves out of
scoring (neither a hit nor a false alarm): `stand_in_paths` names them from the sets' own hand
decisions (of type ``none``) and their written reasons, never from what the detector found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from detector.eval import make_v3, make_v4, make_v5, real_sets
from detector.eval.dataset import DATA, EvalDoc

#: A hand decision's reason that calls the value a stand-in (the sets' own words for it).
STAND_IN_REASON = re.compile(
    r"stand-in|placeholder|dummy|test-step|counting|repeated digit|paired-digit|descending"
    r"|patterned",
    re.IGNORECASE,
)

Decide = Callable[[dict[str, Any], str, str, Any, dict[str, Any]], "str | None"]

#: How each set matches its hand decisions to a leaf (v3 to v5 wrote their own).
_DECIDERS: dict[str, Decide] = {
    "v3": make_v3._decision,
    "v4": make_v4._decision,
    "v5": make_v5._decision,
}


@cache
def _indexed(set_name: str) -> tuple[dict[str, Any], tuple[bool, ...]]:
    """The set's hand decisions with each type replaced by its index (so the matcher names the
    decision it chose), and per decision whether it calls a value a stand-in."""
    path = DATA / set_name / "overrides.json"
    if not path.exists():
        return {"decisions": []}, ()
    decisions = json.loads(path.read_text(encoding="utf-8"))["decisions"]
    indexed = {"decisions": [{**d, "type": str(i)} for i, d in enumerate(decisions)]}
    stand_in = tuple(
        d["type"] == "none" and bool(STAND_IN_REASON.search(d.get("reason", ""))) for d in decisions
    )
    return indexed, stand_in


def stand_in_paths(doc: EvalDoc) -> frozenset[str]:
    """Paths of ``doc`` all of whose values a hand decision of its set calls a stand-in."""
    set_name = doc.source.split("/", 1)[0]
    indexed, stand_in = _indexed(set_name)
    if not any(stand_in):
        return frozenset()
    decide = _DECIDERS.get(set_name, real_sets.decision)
    verdict: dict[str, bool] = {}
    for path, _, _, value, sib in real_sets.leaves(doc.body):
        hit = decide(indexed, doc.family, path, value, sib)
        verdict[path] = verdict.get(path, True) and hit is not None and stand_in[int(hit)]
    return frozenset(p for p, all_stand_ins in verdict.items() if all_stand_ins)
