"""v36's labelling rules: v35's rules (`make_v35_rules`, written for the same convention, over
v33's and the earlier sets') with the key words of v36's own sources layered on top
(`real_sets.layered`): the French civil-status, address and company-number words of the staging
payloads of API Particulier and API Entreprise, which no earlier set's rules knew. Written under
the one convention of the data README ("One convention, from v16 on"); no detector code is
imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from detector.eval import make_v35_rules
from detector.eval.real_sets import layered

#: Keys naming a person's birth name, usage name, family name or first names (``nom_naissance``,
#: ``nomUsage``, ``prenoms``, ``prenom_2``, ``prenom_usuel``, ``ligne_nom``).
_NAME_KEYS = frozenset(
    {
        "nomnaissance",
        "nomdenaissance",
        "nomusage",
        "nomdusage",
        "nomfamille",
        "nomdefamille",
        "prenoms",
        "prenom1",
        "prenom2",
        "prenom3",
        "prenom4",
        "prenomusuel",
        "lignenom",
    }
)
#: Keys naming a birth date (``date_naissance``, ``dateNaissance``; a year alone under
#: ``annee_date_naissance``, as v2 settled; a birth date as a timestamp).
_BIRTH_KEYS = frozenset(
    {
        "datenaissance",
        "datedenaissance",
        "anneedatenaissance",
        "anneedatedenaissance",
        "datenaissancetimestamp",
    }
)
#: Keys naming sex in civil status (``sexe``, ``sexe_etat_civil``).
_SEX_KEYS = frozenset({"sexe", "sexeetatcivil"})
#: Keys naming a street line (``ligne_voie``, ``rue``, ``numeroRue``, ``nom_postal``).
_STREET_KEYS = frozenset({"lignevoie", "rue", "numerorue", "nompostal"})
#: Keys naming a French company's or establishment's number (SIREN, SIRET), a company's tax
#: number as Brazil's CNPJ is one.
_COMPANY_NUMBER_KEYS = frozenset({"siren", "siret", "siretsiegesocial", "redirectfromsiret"})


#: Each group of key words with the type it gives and the shape a value needs to take it.
_WORDS: tuple[tuple[frozenset[str], str, Callable[[str], bool]], ...] = (
    (_NAME_KEYS, "person_name", lambda v: bool(re.fullmatch(r"[^\d@_]{2,}", v))),
    (
        _BIRTH_KEYS,
        "date_of_birth",
        lambda v: bool(re.fullmatch(r"-?\d{4}(-\d{2}){0,2}|-?\d{6,}", v)),
    ),
    (_SEX_KEYS, "gender", lambda v: v.lower() in {"m", "f", "masculin", "féminin", "feminin"}),
    (
        _STREET_KEYS,
        "street_address",
        lambda v: bool(re.search(r"\d", v) and re.search(r"[A-Za-z]{3}", v)),
    ),
    (
        _COMPANY_NUMBER_KEYS,
        "tax_id",
        lambda v: bool(re.fullmatch(r"\d{9}|\d{14}", v.replace(" ", ""))),
    ),
    # the national student number (identifiant national étudiant)
    (frozenset({"ine"}), "national_id", lambda v: bool(re.fullmatch(r"[0-9A-Z]{11}", v))),
)


def _own_words(
    parents: list[str], ws: list[str], joined: str, v: str, sib: dict[str, Any]
) -> str | bool | None:
    """The type v36's own key words give value ``v`` (``None``: no type, its shape is not the
    type's; ``False``: v35's rules decide)."""
    for keys, kind, shaped in _WORDS:
        if joined in keys:
            return kind if shaped(v) else None
    return False


leaf_types = layered(_own_words, make_v35_rules.leaf_types)
