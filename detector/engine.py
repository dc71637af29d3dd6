"""The in-process detection engine: JSON document(s) in, detections per (path, type) out."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from prometheus_client import Counter

from detector import custom_types
from detector import validators as v
from detector.bank_codes import STRONG, account_beside_bank_code, bank_key, is_bank_detail
from detector.features import (
    N_VALUE_FEATURES,
    has_validator_flag,
    is_uninformative,
    key_context,
    key_tokens,
    may_validate,
    value_features,
)
from detector.key_novelty import known_context
from detector.keyed_values import (
    ANIMAL_TYPES,
    animals_field,
    gender_code_by_key,
    keyed_value_type,
    localised_name_part,
    names_name_field,
    password_hash_by_key,
    role_key,
    shaped_name_stand_in,
    tax_amount_key,
    titled_person,
)
from detector.model import CLASSES, Models, load
from detector.name_fold import fold
from detector.name_lexicon import (
    ORDINARY_WORDS,
    known_given_name,
    known_name,
    known_words,
    reads_as_full_name,
    titled_name,
)
from detector.name_rules import (
    DCC_NAME_KEYS,
    NAME_FORM_WORDS,
    PERSON_WORDS,
    dcc_name_value,
    key_names_company,
    key_names_place_part,
    key_names_thing,
    login_by_im,
    login_by_key,
    login_by_value,
    login_field_word,
    login_key,
    names_an_address,
    never_a_name,
    not_a_persons_name,
    opaque_upper_id,
    owner_named,
    stand_in_name_word,
    stand_in_person,
    variable_named_for_key,
    written_full_name,
)
from detector.settings import DetectorSettings
from detector.tax_numbers import never_issued_tin
from detector.url_values import in_url
from detector.value_rules import (
    LIKELY,
    PROVEN,
    address_line_by_key,
    all_zero_number,
    bare_id_not_secret,
    birth_date_part,
    coarse_coordinate,
    digits_in_fours,
    echoes_key,
    fhir_extension_type,
    identifier_type_code,
    identity_system_type,
    in_text,
    ip_by_key,
    joined_words,
    key_ends_with_phone,
    key_is_text,
    key_names_birth_date,
    key_names_contact,
    key_names_cpf_cnpj,
    key_names_org_number,
    key_names_organisation_id,
    key_names_other_event,
    key_names_tax_id,
    key_says_cheque,
    key_says_contact,
    key_says_document_attribute,
    key_says_document_number,
    key_says_error_code,
    key_says_extra_line,
    key_says_false_credential,
    key_says_identifier,
    key_says_ledger_code,
    key_says_measure,
    key_says_membership_number,
    key_says_message_id,
    key_says_network_own,
    key_says_not_secret,
    key_says_other_licence,
    key_says_outcome,
    key_says_partial,
    key_says_phone_number,
    key_says_phone_part,
    key_says_place_name,
    key_says_resource_token,
    key_says_slug,
    key_says_thing,
    no_street_line,
    not_personal_shape,
    phone_by_notation,
    public_key_text,
    salutation_by_key,
    street_line,
    whole_value,
)
from detector.walker import KIND_KEYS, PERSON_RESOURCES, Leaf, WalkLimitError, walk

OVER_LIMITS = Counter(
    "sieve_detector_documents_over_limits_total",
    "Documents given to the in-process engine that were too deep or had too many leaves.",
)


@dataclass(frozen=True, slots=True)
class FieldDetection:
    """One data type found at one JSON path of one document."""

    path: str
    type: str
    sensitivity: str
    confidence: float


def _text(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _number_or_text(value: Any) -> bool:
    return isinstance(value, str | float | int) and not isinstance(value, bool)


def _any_date(value: Any) -> tuple[int, int, int] | None:
    text = v.without_midnight(_text(value))
    return (
        v.parse_date(text)
        or v.parse_month_name_date(text)
        or (v.parse_year_month(text) if isinstance(value, str) and len(text) in (4, 7) else None)
        or (v.parse_json_date(text) if text.startswith("/Date(") else None)
    )


def _date_ok(value: Any, earliest: int = 1900) -> bool:
    date = _any_date(value)
    return date is not None and earliest <= date[0] <= _TODAY.year


def _geo_ok(value: Any) -> bool:
    if isinstance(value, float):
        return v.is_longitude(value)
    return isinstance(value, str) and (v.is_coordinate_text(value) or v.is_geo_pair(value))


def _bank_ok(value: Any) -> bool:
    """Three digits at least (a bank, branch or institution code); letters only one (a check
    character) or as an IFSC code has them: ``ISP935214268``, ``A00000085`` are accounts of
    other kinds."""
    text = _text(value)
    if sum(c.isdigit() for c in text) < 3:
        return False
    return sum(c.isalpha() for c in text) <= 1 or v.is_ifsc(text)


def _document_ok(type_id: str, sure_key: bool = False) -> Callable[[Any], bool]:
    def ok(value: Any) -> bool:
        return not isinstance(value, float) and v.document_number_shape(
            type_id, _text(value), sure_key=sure_key
        )

    return ok


def _card_not_barcode(text: str) -> bool:
    """A card number, unless it is a GS1 number (`v.is_gs1_thirteen`): only a key sure of a
    card (the proof, `PROOFS`) takes one of those."""
    return v.is_credit_card(text) and not v.is_gs1_thirteen(text)


def _placeholder(value: Any) -> bool:
    return isinstance(value, str) and v.is_placeholder(value)


#: Two to four capitalised words run together, as enumerations are written (``ByApproval``,
#: ``readWrite``): a setting's value where a key's word (``access``) suggests a credential.
_ENUM_WORDS = re.compile(r"^(?:[A-Z][a-z]+){2,4}$|^[a-z]+(?:[A-Z][a-z]+){1,3}$")


#: Hard requirements per type: a model guess the value cannot be is dropped (precision).
GATES: dict[str, Callable[[Any], bool]] = {
    "email": lambda x: isinstance(x, str) and v.is_email(x),
    "phone": lambda x: not isinstance(x, float) and v.phone_shape(_text(x)),
    "credit_card": lambda x: not isinstance(x, float) and _card_not_barcode(_text(x)),
    "iban": lambda x: isinstance(x, str) and v.is_iban(x) and not v.iban_stand_in(x),
    "us_ssn": lambda x: v.is_us_ssn(_text(x)),
    "jwt": lambda x: isinstance(x, str) and v.is_jwt_token(x.removeprefix("Bearer ")),
    "ip_address": lambda x: isinstance(x, str) and v.is_host_ip(x),
    "mac_address": lambda x: isinstance(x, str) and (v.is_mac_address(x) or v.is_bare_mac(x)),
    "geo_location": _geo_ok,
    "date_of_birth": _date_ok,
    "bank_account": _bank_ok,
    "passport_number": _document_ok("passport_number"),
    "drivers_license": _document_ok("drivers_license"),
    "tax_id": _document_ok("tax_id"),
    "national_id": _document_ok("national_id"),
    "person_name": lambda x: isinstance(x, str) and len(x) >= 2 and any(c.isalpha() for c in x),
    "street_address": lambda x: isinstance(x, str) and len(x) >= 5 and any(c.isalpha() for c in x),
    "gender": lambda x: isinstance(x, str) and len(x) <= 24 and v.is_gender_word(x),
    "username": lambda x: isinstance(x, str) and len(x) <= 64,
    "password": lambda x: isinstance(x, str),  # masks ("********") are placeholders
    "secret_key": lambda x: (
        isinstance(x, str)
        and " " not in x
        and _secret_length(x)
        and not _ENUM_WORDS.match(x)
        and v.parse_date(x) is None  # ``authorizationDate: "30/01/2019"``
    ),
}


def _secret_length(text: str) -> bool:
    """16 characters or more, or 10 to 15 of at least two kinds (``qNahlSrEaduQ``,
    ``9a87huiufe94r8``): short words and codes under a key that names a secret are not one."""
    if len(text) >= 16:
        return True
    if len(text) < 10:
        return False
    kinds = (
        any(c.islower() for c in text)
        + any(c.isupper() for c in text)
        + any(c.isdigit() for c in text)
        + any(not c.isalnum() for c in text)
    )
    return kinds >= 2


def worth_inspecting(value: Any, max_chars: int) -> bool:
    """First stage: False for what cannot be sensitive (booleans, nulls, small numbers, blanks)."""
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) >= 100_000
    if isinstance(value, float):
        return v.is_longitude(value)
    if isinstance(value, str):
        return 0 < len(value) <= max_chars and not value.isspace()
    return False


def first_stage(value: Any, key: str, parent: str, max_chars: int) -> bool:
    """Whether a leaf goes on to the models: what `worth_inspecting` keeps, and the small
    numbers only a key decides: a birth date's part (``dob.day``, ``yearOfBirth``), a bank
    code (``bankCode: 461``) and a coordinate of two decimals at most (``latitude: 52.1``,
    ``longitude: -180``). The service's walk and `DetectionEngine.detect_leaves` use this one
    test, so both judge the same leaves."""
    if worth_inspecting(value, max_chars):
        return True
    if type(value) is int and 0 < value < 100_000 and birth_date_part(value, key, parent):
        return True
    if gender_code_by_key(value, key):
        return True
    if type(value) is int and 100 <= value < 100_000 and is_bank_detail(value, key):
        return True  # a bank's or branch's code written as a number (``bankCode: 461``)
    return type(value) in (int, float) and coarse_coordinate(str(value), key)


def _dob_ok(value: Any) -> bool:
    """A birth date a person alive may have: 1915 to 2012; under a key sure of a birth date
    an integer is a Unix time (seconds, or milliseconds from 10^10 on: Mangopay's
    ``Birthday: 25755342``)."""
    date = _unix_date(value) if type(value) is int else _any_date(value) or _timestamp_date(value)
    return date is not None and 1915 <= date[0] <= 2012


#: The day the process started: no birth date lies after it.
_TODAY = datetime.now(tz=UTC).date()
#: A timestamp at a whole hour (``2023-10-24 11:00:00``, ``…T00:00:00Z``): a day stored as a
#: time, as birth dates are; a record's own times have minutes and seconds.
_WHOLE_HOUR = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


#: The earliest year a birth date a key names may hold: test records write 1880 (``1880-01-02``)
#: and the field still holds birth dates.
EARLIEST_NAMED_BIRTH = 1850


def _named_birth_date(leaf: Leaf) -> bool:
    """A day up to today under a key whose words name a birth date (``birthDate:
    "2026-01-02"`` in a record made at birth, a child's ``dob``): the key says what the day
    is, so the adult range of `_dob_ok` does not apply. Timestamps count at a whole hour."""
    value = leaf.value
    if not isinstance(value, str) or not 8 <= len(value) <= 30:
        return False
    if not key_names_birth_date(leaf.key):
        return False
    day = _any_date(value) if len(value) <= 10 else None
    if day is None and _WHOLE_HOUR.match(value):
        day = v.parse_date(value[:10])
    if day is None or day[0] < EARLIEST_NAMED_BIRTH:
        return False
    try:
        return datetime(*day, tzinfo=UTC).date() <= _TODAY
    except ValueError:
        return False


def _birth_timestamp(leaf: Leaf, krow: npt.NDArray[np.float64]) -> dict[str, float]:
    """A timestamp under a key sure of a birth date (≥ `SETTLED_TYPE`) or whose words name
    one, whose day is a birth date `_dob_ok` allows: ``dob: "1991-03-08T08:00:00Z"``."""
    if _timestamp_date(leaf.value) is None or not (
        krow[_DOB] >= SETTLED_TYPE or key_names_birth_date(leaf.key)
    ):
        return {}
    return {"date_of_birth": LIKELY} if _dob_ok(leaf.value) else {}


#: A date with a two-digit year, month or day first (``07/13/80``, ``13.07.80``).
_TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2})$")


def _timestamp_date(value: Any) -> tuple[int, int, int] | None:
    """The day of an ISO timestamp (``1991-03-08T08:00:00Z``: a birth date an API stores as
    the midnight of another time zone), of eight digits written day first (``31121970``,
    India's DigiLocker) or of a date with a two-digit year (``07/13/80``), for a key sure of
    a birth date; the birth years `_dob_ok` allows keep a record's own timestamps
    (``2025-10-15T13:5…``) out."""
    if not isinstance(value, str):
        return None
    if len(value) == 8 and value.isdigit():
        return v.parse_date(f"{value[:2]}.{value[2:4]}.{value[4:]}")
    short = _TWO_DIGIT_YEAR.match(value)
    if short is not None:  # ``07/13/80``: a licence's or a form's birth date
        year = int(short.group(3))
        full = 2000 + year if 2000 + year <= _TODAY.year else 1900 + year
        return v.parse_date(f"{short.group(1)}/{short.group(2)}/{full}") or v.parse_date(
            f"{short.group(1)}.{short.group(2)}.{full}"
        )
    if not 16 <= len(value) <= 35 or value[10:11] not in ("T", " "):
        return None
    return v.parse_date(value[:10])


def _unix_date(value: int) -> tuple[int, int, int] | None:
    seconds = value / 1000 if abs(value) >= 10**10 else value  # 10^10 s is the year 2286
    try:
        day = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return day.year, day.month, day.day


#: Full validators of the types whose value can be proven; with a key model that is sure of
#: the type, a passing value is settled without the final model.
PROOFS: dict[str, Callable[[Any], bool]] = {
    "email": GATES["email"],
    "credit_card": lambda x: not isinstance(x, float) and v.is_credit_card(_text(x)),
    "iban": GATES["iban"],
    "jwt": GATES["jwt"],
    "ip_address": GATES["ip_address"],
    "mac_address": GATES["mac_address"],
    # under a key sure of an SSN the layout is enough (``123456789``, ``666666666``: test
    # values the issuance rules refuse, in a field that holds SSNs)
    "us_ssn": lambda x: not isinstance(x, float) and v.ssn_layout(_text(x)),
    "geo_location": GATES["geo_location"],
    "date_of_birth": _dob_ok,
    "phone": lambda x: not isinstance(x, float) and v.is_phone(_text(x)),
}
#: What settles a leaf whose key model is sure of its type: the type's full validator, or
#: for types without one (names, addresses, IDs by context) its gate.
_SETTLE_INDEX = {CLASSES.index(t): PROOFS.get(t, GATES[t]) for t in CLASSES[1:]}
#: Key-model probability above which a settling value needs no final model.
SETTLED_TYPE = 0.9

#: Types whose grammar alone proves a value: found whatever the key, with at least this
#: confidence (an address in `to`, `owner` or `field_7` is still an e-mail address).
EVIDENT: dict[str, float] = {"email": 0.9}
_EVIDENT = tuple((CLASSES.index(t), t, GATES[t], c) for t, c in EVIDENT.items())

#: Types whose value a validator proves (`PROOFS`; a date is no proof of a birth date).
_BY_VALUE = frozenset(PROOFS) - {"date_of_birth"}
#: Key-model probability the known words of a key with unknown words must give a type the
#: value does not prove (`DetectionEngine._learned_words_support`). On the dev splits the
#: false alarms it drops sit at 0.012 or less, the true finds nearest above at 0.046
#: (a nickname under ``public_nick_name``, whose known words say a login).
NOVEL_KEY_SUPPORT = 0.02
#: A key naming a login or a person's name that alone gives that type at least this
#: probability keeps it when its parent turns the key model to "none"
#: (``post_action_users[*].username``, ``counterparty.holder_name``): such a parent names what
#: the record is about, not what the key holds. Generic keys (``handle``, ``user``,
#: ``number``) stay with their parent: ``blog.handle`` is a slug.
OWN_KEY_SETTLES = 0.97
_OWN_KEY_TYPES = frozenset({CLASSES.index("username"), CLASSES.index("person_name")})
_OWN_KEY_WORDS = frozenset({"username", "displayname", "nickname", "name", "login"})
_NAME = "person_name"

#: Key-model probability of "none" above which a leaf without validator hits is settled.
SETTLED_NONE = 0.98
_PHONE = CLASSES.index("phone")


def feature_rows(
    leaves: list[Leaf],
    key_probs: npt.NDArray[np.float64],
    skip: npt.NDArray[np.bool_] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Rows for the final model (key probabilities, then value features) and which need it.

    A leaf whose key settles it as "none" and whose value no validator accepts (a date or a
    longitude-range float does not count) is not featurised at all: that is most of a
    document, and where the time would go.
    """
    width = len(CLASSES)
    feats = np.zeros((len(leaves), width + N_VALUE_FEATURES))
    feats[:, :width] = key_probs
    settled = key_probs[:, 0] > SETTLED_NONE
    check_phone = (key_probs[:, _PHONE] > 0.01) | (key_probs[:, 0] < 0.9)
    todo = np.zeros(len(leaves), dtype=bool)
    for i, leaf in enumerate(leaves):
        if skip is not None and skip[i]:
            continue
        phone = bool(check_phone[i])
        value = leaf.value
        if settled[i] and not (
            may_validate(value) and has_validator_flag(value, phone, weak=False)
        ):
            continue
        feats[i, width:] = value_features(value, phone)
        todo[i] = True
    return feats, todo


class DetectionEngine:
    """Walks documents, scores each leaf with the models and validators, merges per path."""

    def __init__(self, models: Models, settings: DetectorSettings, meta: dict[str, Any]) -> None:
        self.models = models
        self.settings = settings
        self.meta = meta
        self._key_cache: OrderedDict[str, npt.NDArray[np.float64]] = OrderedDict()
        self._lock = threading.Lock()
        self._sens = {t: settings.sensitivity_of(t) for t in CLASSES[1:]}
        self.custom = custom_types.matcher_for(settings.custom_types_file)

    @classmethod
    def load_default(cls, settings: DetectorSettings | None = None) -> DetectionEngine:
        """Load the model named by the settings (default: the one committed in the package)."""
        settings = settings or DetectorSettings()
        models, meta = load(settings.model_path)
        return cls(models, settings, meta)

    def leaves(self, body: Any) -> list[Leaf]:
        """The leaves of ``body`` (raises `WalkLimitError` past the settings' limits)."""
        s = self.settings
        return walk(
            body,
            max_depth=s.max_depth,
            max_leaves=s.max_leaves,
            array_sample=s.array_sample,
            json_strings=s.json_strings,
        )

    def detect(self, body: Any) -> list[FieldDetection]:
        """Detections of one document."""
        return self.detect_many([body])[0]

    def detect_many(self, bodies: list[Any]) -> list[list[FieldDetection]]:
        """Detections of each document, scored together in one batch.

        A document past the depth or leaf limits gets no detections and is counted in
        ``sieve_detector_documents_over_limits_total``; it never fails the batch.
        """
        walked: list[list[Leaf]] = []
        for body in bodies:
            try:
                walked.append(self.leaves(body))
            except WalkLimitError:
                OVER_LIMITS.inc()
                walked.append([])
        return self.detect_leaves(walked)

    def detect_leaves(self, docs: list[list[Leaf]]) -> list[list[FieldDetection]]:
        """Detections from already walked documents."""
        max_chars = self.settings.max_value_chars
        owners: list[int] = []
        cands: list[Leaf] = []
        for i, leaves in enumerate(docs):
            for leaf in leaves:
                if first_stage(leaf.value, leaf.key, leaf.parent, max_chars):
                    owners.append(i)
                    cands.append(leaf)
        results: list[dict[tuple[str, str], float]] = [{} for _ in docs]
        if cands:
            probs, key_probs = self._score(cands)
            self._merge(cands, owners, probs, key_probs, results)
        found = [
            [
                FieldDetection(path, t, self._sens[t], round(conf, 4))
                for (path, t), conf in sorted(res.items())
            ]
            for res in results
        ]
        if self.custom is not None:  # the user's own types (detector/custom_types.py)
            for out, extra in zip(found, self.custom.detect(docs), strict=True):
                out.extend(FieldDetection(*e) for e in extra)
        return found

    def score(self, leaves: list[Leaf]) -> npt.NDArray[np.float64]:
        """Final class probabilities of leaves (columns in `CLASSES` order)."""
        return self._score(leaves)[0]

    def _score(self, leaves: list[Leaf]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        key_probs = self._key_probabilities([key_context(leaf) for leaf in leaves])
        out = np.zeros((len(leaves), len(CLASSES)))
        out[:, 0] = 1.0
        best = key_probs.argmax(axis=1)
        proven = np.zeros(len(leaves), dtype=bool)
        for i in np.flatnonzero(key_probs.max(axis=1) >= SETTLED_TYPE):
            settles = _SETTLE_INDEX.get(int(best[i]))
            value = leaves[i].value
            if settles is not None and settles(value) and not _placeholder(value):
                proven[i] = True
                out[i] = key_probs[i]
        feats, todo = feature_rows(leaves, key_probs, proven)
        if todo.any():
            out[todo] = self.models.final_probabilities(feats[todo])
        return out, key_probs

    def _key_rows(self, contexts: list[str]) -> npt.NDArray[np.float64]:
        """The key model's rows of ``contexts``; a login or name key whose parent turns the
        model to "none" takes what its own key says alone when that is sure
        (`OWN_KEY_SETTLES`). Computed once per context: the cache keeps the result."""
        rows = self.models.key_probabilities(contexts)
        asked = [i for i, c in enumerate(contexts) if rows[i].argmax() == 0 and _names_own_under(c)]
        if asked:
            own = self.models.key_probabilities([_own_context(contexts[i]) for i in asked])
            sure = np.isin(own.argmax(axis=1), list(_OWN_KEY_TYPES)) & (
                own.max(axis=1) >= OWN_KEY_SETTLES
            )
            rows[np.asarray(asked)[sure]] = own[sure]
        return rows

    def _key_probabilities(self, contexts: list[str]) -> npt.NDArray[np.float64]:
        """Key rows of ``contexts`` (`_key_rows`, cached)."""
        cache = self._key_cache
        with self._lock:
            missing = sorted({c for c in contexts if c not in cache})
        if missing:
            fresh = self._key_rows(missing)
            with self._lock:
                for c, row in zip(missing, fresh, strict=True):
                    cache[c] = row
                while len(cache) > self.settings.key_cache_size:
                    cache.popitem(last=False)
                rows = [cache.get(c) for c in contexts]
            if any(r is None for r in rows):  # evicted meanwhile by a tiny cache
                return self._key_rows(contexts)
            return np.vstack(rows)  # type: ignore[arg-type]
        with self._lock:
            return np.vstack([cache[c] for c in contexts])

    def _learned_words_support(self, model_type: str, leaf: Leaf) -> str | None:
        """``model_type`` unless the key holds words the key model never learned and the
        words it did learn (`key_novelty.known_context`) give the type less than
        `NOVEL_KEY_SUPPORT`: the support came from unlearned words (``emergencia.samu:
        "192"`` is no bank account). A value a validator proves, a full name the lexicon
        knows, or a name under a key that holds a person by role (``serviceAdvisor``), stands."""
        context = known_context(leaf.key, leaf.parent)
        value = leaf.value
        if (
            context is None
            or (model_type in _BY_VALUE and PROOFS[model_type](value))
            or (
                model_type == _NAME
                and (
                    (isinstance(value, str) and reads_as_full_name(value))
                    or key_tokens(leaf.key) in _NAME_COMPOUNDS
                    or role_key(leaf.key)
                )
            )
        ):
            return model_type
        support = self._key_probabilities([context])[0, CLASSES.index(model_type)]
        return model_type if support >= NOVEL_KEY_SUPPORT else None

    def _merge(
        self,
        leaves: list[Leaf],
        owners: list[int],
        probs: npt.NDArray[np.float64],
        key_probs: npt.NDArray[np.float64],
        results: list[dict[tuple[str, str], float]],
    ) -> None:
        threshold = self.settings.min_confidence
        best = probs.argmax(axis=1)
        # leaves without a guess whose key could still make them a secret or a tax id
        maybe = (
            (key_probs[:, _JWT] + key_probs[:, _SECRET] >= CREDENTIAL_KEY)
            | (key_probs[:, _TAX] >= KEY_FALLBACK)
        ).tolist()
        full_names = _full_name_texts(leaves, owners) | _name_object_parts(leaves, owners)
        dcc_names = _dcc_name_parts(leaves, owners)
        accounts = _accounts_beside_bank_codes(leaves, owners)
        things = _names_of_things(leaves, owners) | _names_of_typed_things(leaves, owners)
        record_names = _names_in_contact_records(leaves, owners)
        jwk_members = _jwk_members(leaves, owners)
        identities = _identity_values(leaves, owners)
        countries = _written_countries(leaves, owners)
        extension_urls = _extension_urls(leaves, owners)
        text_keys = _keys_of_text(leaves, owners)
        for i, (leaf, owner, k, row, krow, hint) in enumerate(
            zip(leaves, owners, best, probs, key_probs, maybe, strict=True)
        ):
            res = results[owner]
            found, from_text = _value_findings(leaf)
            if i in text_keys:
                _record(res, leaf.path, found, row)  # the key is text: no evidence of a type
                continue
            conf = float(row[k])
            guess = CLASSES[k] if k and conf >= threshold else None
            guess = _document_kind(guess, leaf, found, from_text)
            if (
                guess is not None
                and not from_text
                and not is_uninformative(leaf.key)
                and not _bare_generic(leaf)
                and krow[k] >= KEY_SUPPORT
                and GATES[guess](leaf.value)
            ):
                # a chance pass (Luhn, SSN layout) does not outvote a key that says otherwise
                found = {t: c for t, c in found.items() if c > LIKELY or t == guess}
            if not found:
                found = (
                    _key_findings(leaf)
                    or _tax_number_of_country(leaf, owner, krow, countries)
                    or _document_findings(leaf, krow)
                    or _birth_timestamp(leaf, krow)
                    or _tax_findings(leaf)
                    or _phone_by_notation(leaf)
                    or _fhir_extension(leaf, extension_urls.get(i))
                )
                from_text = from_text and not found
            if not found:
                found = (
                    _structure_findings(leaf, i in full_names, i in dcc_names, identities.get(i))
                    or ({"bank_account": BANK_CODE} if i in accounts else {})
                    or (
                        {"username": LIKELY}
                        if login_by_value(leaf.value)
                        or (
                            login_by_key(leaf.key, leaf.value, leaf.parent, _grandparent(leaf))
                            and not not_personal_shape("username", _text(leaf.value))
                        )
                        or login_by_im(
                            leaf.key, leaf.parent, leaf.hint, leaf.value, is_uninformative(leaf.key)
                        )
                        else {}
                    )
                )  # a login by its shape (a Matrix user id, a SIP endpoint), key or sibling
                from_text = from_text and not found  # the whole value is what was found
            private = jwk_members.get(i)
            if private and _jwk_secret_ok(leaf.value):
                found, from_text = {"secret_key": PROVEN}, False
            model_type = _accepted(guess, leaf, krow, found, from_text)
            if model_type is None and (from_text or not found) and (guess or hint):
                model_type, conf = _fallback(guess, leaf, krow, float(row[0]), found)
            if (
                model_type is None
                and not found
                and (
                    _owner_or_full_name(leaf, krow)
                    or (i in record_names and _record_full_name(leaf, record_names[i]))
                    or localised_name_part(leaf.value, leaf.key, leaf.parent)
                )
            ):
                model_type, conf = "person_name", LIKELY
            if (
                (private is False and model_type in _CREDENTIAL_TYPES)
                or (model_type == "person_name" and i in things)
                or (i in accounts and "bank_account" in found)
                or (
                    model_type in _ID_DOCUMENTS
                    and model_type not in found
                    and _unnamed_number(leaf)
                )
            ):
                # a JSON Web Key's public member; a product's name; an account's number that
                # an SSN's or a card's layout also fits; a document number no key names
                model_type = None
            # a given name or a CJK-script name as a nickname is a person's name
            model_type = _NAME if _nickname_as_name(model_type, leaf) else model_type
            if model_type is not None and model_type not in found:
                model_type = self._learned_words_support(model_type, leaf)
            found, model_type = _no_animal_as_person(leaf, found, model_type)
            _record(res, leaf.path, found, row)
            if model_type is None or model_type in found:
                continue
            key = (leaf.path, model_type)
            if conf > res.get(key, 0.0):
                res[key] = conf


def _nickname_as_name(model_type: str | None, leaf: Leaf) -> bool:
    """A login guessed for a nickname that is a capitalised given name the lexicon knows
    (``nickname: "Sebastian"``) or is written in CJK script (``老六``): a person's name, as the
    sets label it; a handle (``marietto``, ``jdoe77``) stays a login."""
    value = leaf.value
    if (
        model_type != "username"
        or not isinstance(value, str)
        or not key_tokens(leaf.key).replace(" ", "").endswith("nickname")
    ):
        return False
    if value.isalpha() and value.istitle():
        return known_given_name(value)
    # written in Chinese characters, kana or Hangul (``老六``, ``老5``): what people are called,
    # not a login, which is typed in Latin letters
    return len(value) <= 12 and _CJK_CHAR.search(value) is not None and not _LATIN.search(value)


def _no_animal_as_person(
    leaf: Leaf, found: dict[str, float], model_type: str | None
) -> tuple[dict[str, float], str | None]:
    """``found`` and ``model_type`` without a person's types under an animal's object
    (`detector.keyed_values.animals_field`): a pet's name, birth date or sex is no person's."""
    if not animals_field(leaf.parent):
        return found, model_type
    kept = {t: c for t, c in found.items() if t not in ANIMAL_TYPES}
    return kept, None if model_type in ANIMAL_TYPES else model_type


def _record(
    res: dict[tuple[str, str], float],
    path: str,
    found: dict[str, float],
    row: npt.NDArray[np.float64],
) -> None:
    """Keep each type ``found`` at ``path`` with the higher of its floor and the final
    model's probability, unless the document already holds it there with more."""
    for type_id, floor in found.items():
        c = max(floor, float(row[CLASSES.index(type_id)]))
        if c > res.get((path, type_id), 0.0):
            res[path, type_id] = c


def _accepted(
    model_type: str | None,
    leaf: Leaf,
    krow: npt.NDArray[np.float64],
    found: dict[str, float],
    from_text: bool,
) -> str | None:
    """``model_type`` if the value, the key and the other findings allow it, else None."""
    if model_type is None or model_type in found:
        return model_type
    support = _type_support(model_type, krow, leaf.key)
    if model_type in CONTEXT_ONLY and support < _support_needed(leaf):
        return None  # no validator proves it and the key does not say it
    if found and not from_text and model_type in OVERRULED:
        return None  # a proven e-mail, card, IBAN … is not also a name or an id
    value = leaf.value
    if (
        model_type == "person_name"
        and support >= NAME_KEY_SURE
        and isinstance(value, str)
        and stand_in_person(value)
        and not key_names_place_part(leaf.key)
        and not key_names_company(leaf.key)
    ):
        return model_type  # a test value of a name's shape under a name's key: the field's type
    if (
        model_type == "person_name"
        and support >= NAME_KEY_SURE
        and shaped_name_stand_in(value, leaf.key)
        and not echoes_key(leaf.key, str(value))
    ):
        return model_type  # anything written as a name in a name part's slot (the convention)
    gate = _SURE_KEY_GATES.get(model_type) if support >= SETTLED_TYPE else None
    ruled_out = (
        not (gate or GATES[model_type])(value)
        or _placeholder(value)
        or (isinstance(value, str) and not_personal_shape(model_type, value))
        or _key_rules_out(model_type, leaf.key, leaf.parent, value)
        or (
            model_type in CONTEXT_ONLY
            and model_type != "password"  # ``password: "apassword1"`` is a weak one
            and isinstance(value, str)
            and echoes_key(leaf.key, value)
        )
        or _stand_in_or_code(model_type, leaf, value, support)
        or (model_type == "person_name" and _unknown_name(leaf, value, float(support)))
        or (model_type == "person_name" and names_name_field(value))
        or (model_type == "geo_location" and _lone_number(value) and support < KEY_SUPPORT)
        or (model_type in _PEOPLE_OR_LOGINS and _not_a_person(model_type, leaf))
    )
    return None if ruled_out else model_type


_DOCUMENT_INDEX = [
    CLASSES.index(t) for t in ("national_id", "passport_number", "drivers_license", "tax_id")
]


def _lone_number(value: Any) -> bool:
    """One number, not a pair: a coordinate only where the key says so (``length: "4.5"``)."""
    if isinstance(value, int | float):
        return True
    try:
        float(str(value))
    except ValueError:
        return False
    return True


def _type_support(model_type: str, krow: npt.NDArray[np.float64], key: str) -> float:
    """The key model's support for ``model_type``; for an identity document's kind, the
    support of all kinds together when the key says some identity document and not which
    (``documentData.documentNumber``: the value and the final model decide the kind)."""
    support = float(krow[CLASSES.index(model_type)])
    if model_type in DOCUMENT_TYPES and support < KEY_SUPPORT and key_says_document_number(key):
        together = float(krow[_DOCUMENT_INDEX].sum())
        if together >= KEY_FALLBACK:
            return min(together, KEY_FALLBACK)
    return support


#: Types whose value may repeat its one-word key (``family: "Family"`` is a surname,
#: ``password: "password"`` a weak password).
_MAY_ECHO = frozenset({"person_name", "password"})
_CREDENTIAL_GUESSES = frozenset({"password", "secret_key"})
#: Types an error code, a quantity or a time (`key_says_measure`) is not.
_NO_MEASURES = frozenset(
    {"username", "password", "national_id", "passport_number", "drivers_license", "tax_id",
     "bank_account", "phone"}
)  # fmt: skip


def _stand_in_or_code(model_type: str, leaf: Leaf, value: Any, support: float) -> bool:
    """What rules a guess out beyond the value's gate: a value that is its own key
    (``street: "street"``), an error's code (``errors[*].code``), a gender code of digits
    (``index: "0"``) where the key does not say gender, a MAC in Cisco's notation written in
    digits only (``shortId: "5550.0369.6888"``) where the key does not say MAC, a round
    number (``max: 10000000``) as a phone, a credential guessed from a look-alike key
    (``keywords``, ``passthrough``), a URL slug (``handle: "ipod-nano"``) as a login, a
    variable's name as a credential (``password: "auth_password"``), one digit repeated
    (``groupNumber: "1111111"``) as a phone where the key does not say phone."""
    if model_type in _NO_MEASURES and (
        key_says_error_code(leaf.key, leaf.parent) or key_says_measure(leaf.key)
    ):
        return True
    if model_type in _CREDENTIAL_GUESSES and (
        key_says_false_credential(leaf.key)
        or (model_type == "secret_key" and bare_id_not_secret(leaf.key, leaf.parent))
    ):
        return True
    text = _text(value)
    if model_type in ("gender", "mac_address") and support < KEY_FALLBACK:
        # digits where the key does not say gender; Cisco's notation in digits only
        return text.isdigit() if model_type == "gender" else digits_in_fours(text)
    if _not_this_shape(model_type, text) or _written_as_no_such(model_type, leaf.key, text):
        return True
    return (
        model_type in CONTEXT_ONLY
        and model_type not in _MAY_ECHO
        and isinstance(value, str)
        and 3 <= len(value) <= 32
        and value.lower() == leaf.key.lower()
    )


def _written_as_no_such(model_type: str, key: str, text: str) -> bool:
    """A URL slug or the login field's own word as a login, a variable's name as a
    credential, one digit repeated as a phone where the key does not say phone."""
    if model_type == "username" and key_says_slug(key, text):
        return True
    if model_type in ("username", "password") and variable_named_for_key(key, text):
        return True
    if model_type == "username" and login_field_word(text):
        return True
    return model_type == "phone" and _one_digit_run(text) and not key_ends_with_phone(key)


def _one_digit_run(text: str) -> bool:
    """Seven digits or more, all the same one (``1111111``)."""
    return len(text) >= 7 and text.isdigit() and len(set(text)) == 1


def _not_this_shape(model_type: str, text: str) -> bool:
    """A round number, a machine's limit or an IP address or network as a phone; a machine's
    limit as a document's number; words joined by ``_`` or ``-`` as a secret; an id in
    capitals and digits (``U024BE7LH``) as a login; a year, a short run of one digit or an IP
    network (``10.0.0.0/16``) as a bank account; a public key or certificate as a credential."""
    if model_type == "phone":
        return (
            (text.isdigit() and text.endswith("00000"))
            or v.is_machine_limit(text)
            or v.is_ip_network(text)
            or v.is_ip_address(text)
        )
    return (
        (model_type in NUMBER_TYPES and v.is_machine_limit(text))
        or (model_type == "secret_key" and joined_words(text))
        or (model_type == "username" and opaque_upper_id(text))
        or (model_type == "bank_account" and (_year_or_short_run(text) or v.is_ip_network(text)))
        or (model_type in _CREDENTIAL_TYPES and public_key_text(text))
    )


def _year_or_short_run(text: str) -> bool:
    """A year up to this one (``cohort: "2021"``) or a short run of one digit (``11111``):
    no account's number."""
    if not text.isdigit():
        return False
    if len(text) == 4 and 1900 <= int(text) <= _TODAY.year:
        return True
    return len(text) <= 6 and len(set(text)) == 1


#: Key-model probability of a person's name under which a name-like key (``name``,
#: ``display_name``) is ambiguous: a person's, a product's, a place's or a plan's name.
NAME_KEY_SURE = 0.9
#: Key-model probability of a person's name at which a full name the lexicon knows is one.
NAME_KEY_LEANS = 0.5


#: Keys written as one word that end with ``name`` and are a person's (``displayname``).
_NAME_COMPOUNDS = frozenset({"displayname", "fullname", "nickname", "realname", "screenname"})


def _name_like_key(key: str) -> bool:
    words = key_tokens(key).split()
    return bool(words) and (words[-1] in ("name", "names") or words[-1] in _NAME_COMPOUNDS)


#: Words of a key or its parent that say whose name it is (`name_rules.PERSON_WORDS`) or
#: how a person's name is shown (``display``, ``legal``, ``nick``: `name_rules.NAME_FORM_WORDS`,
#: which count here as no thing's word stands beside them in these checks).
_PERSON_CONTEXT = PERSON_WORDS | NAME_FORM_WORDS


#: Words before ``name`` in a key that say it is a party's to a message, a shipment or an
#: account, or a record's actor (``from_name``, ``shipto_name``, ``bank_account_name``,
#: ``createdByName``, ``last_modified_by_name``).
_PARTY_WORDS = frozenset(
    {"from", "to", "reply to", "cc", "bcc", "ship to", "shipto", "bill to", "billto", "sold to"}
)


def _actor_name_key(key: str) -> bool:
    """A key of the name of who sent or receives a message or a shipment, holds an account or
    made or changed a record: a sender's or an account's name is a brand as often as a
    person's, so only a full name the lexicon knows is taken there (`_lexicon_person`)."""
    words = key_tokens(key).split()
    if len(words) < 2 or words[-1] != "name":
        return False
    return words[-2] in ("by", "account") or " ".join(words[:-1]) in _PARTY_WORDS


def _person_context(key: str, parent: str) -> bool:
    words = f"{key_tokens(key)} {key_tokens(parent)}".split()
    return any(w in _PERSON_CONTEXT or w.removesuffix("s") in _PERSON_CONTEXT for w in words)


def _unknown_name(leaf: Leaf, value: Any, support: float) -> bool:
    """A person's name guessed under an ambiguous name-like key (no word of it or its parent
    says whose, the key model is not sure) whose value has words and none a known given name
    or surname of three letters or more that is not far more often an ordinary word
    (``Microsoft Windows``, ``Headquarters``, ``HQ US``, ``Leather Shoes``;
    `detector.name_lexicon.known_words`): the name of a thing."""
    if support >= NAME_KEY_SURE or not isinstance(value, str) or not _name_like_key(leaf.key):
        return False
    known = known_words(value)
    return known is not None and not known and not _person_context(leaf.key, leaf.parent)


def _not_a_person(model_type: str, leaf: Leaf) -> bool:
    """A name of a thing or a stand-in (`detector.name_rules`); for a login, only the key's
    verdict (an address part or a thing's name), as logins are written like brands."""
    value = None if model_type == "username" else leaf.value
    return not_a_persons_name(leaf.key, value, _naming_parent(leaf))


#: Parents that say only how objects are related: the object above names the kind.
_RELATION_PARENTS = frozenset({"parent", "child", "children", "ancestor", "ancestors"})


def _naming_parent(leaf: Leaf) -> str:
    """The parent's key, or under a relation (``requested_team.parent.name``: a team's
    parent team) the key of the object above it."""
    if key_tokens(leaf.parent) not in _RELATION_PARENTS:
        return leaf.parent
    return _key_above_parent(leaf, lists=True) or leaf.parent


def _owner_or_full_name(leaf: Leaf, krow: npt.NDArray[np.float64]) -> bool:
    """`_lexicon_person`, a reference's display name of a person, or a thing's name under a
    name-like key that names its owner (``nickname: "Jane Doe's Checking"``,
    `detector.name_rules.owner_named`); never a value that names a name field (``Apellido``)."""
    value = leaf.value
    named = (
        _lexicon_person(leaf, krow)
        or _written_as_persons_name(leaf, krow)
        or _person_reference_display(leaf)
        or _role_full_name(leaf)
        or _full_name_in_name_part(leaf)
        or (
            isinstance(value, str)
            and ("'s " in value or "’s " in value)  # noqa: RUF001 (a typographic apostrophe)
            and _name_like_key(leaf.key)
            and owner_named(value)
            and not not_personal_shape("person_name", value)
        )
    )
    return named and not names_name_field(value)


def _may_be_persons_name(leaf: Leaf, value: str) -> bool:
    """What every person's-name rule asks of a value the key allows: no placeholder, no shape
    a name never has, nothing the key rules out, no thing's or stand-in's name."""
    return (
        not _placeholder(value)
        and not not_personal_shape("person_name", value)
        and not _key_rules_out("person_name", leaf.key, leaf.parent, value)
        and not not_a_persons_name(leaf.key, value, _naming_parent(leaf))
    )


def _role_full_name(leaf: Leaf) -> bool:
    """A full name under a key that holds a person by role (``serviceAdvisor: "David Eko"``,
    ``reportedBy``, ``instructor``; `detector.keyed_values.role_key`) or a login's (``Username:
    "John Doe"``: no login has a space): the lexicon knows it as a full name, or it is written
    as one and led by a given name the lexicon knows."""
    value = leaf.value
    if not isinstance(value, str) or not (role_key(leaf.key) or login_key(leaf.key)):
        return False
    words = value.split()
    return (
        reads_as_full_name(value)
        or titled_person(value)
        or (written_full_name(value) and known_given_name(words[0]))
    ) and _may_be_persons_name(leaf, value)


def _full_name_in_name_part(leaf: Leaf) -> bool:
    """Two words or more written as a name, or one name the lexicon knows, under a key that
    names a part of a person's name or the whole (``user_full_name: "Test User"``,
    ``first_name_furi``, ``additionalName: "JACOB"``), where the key model took the key's
    ``user`` for a login's or does not know the key: the convention's anything written as a
    name."""
    value = leaf.value
    return (
        isinstance(value, str)
        and (" " in value.strip() or known_name(value))
        and shaped_name_stand_in(value, leaf.key)
        and not echoes_key(leaf.key, value)
        and not _placeholder(value)
    )


def _person_reference_display(leaf: Leaf) -> bool:
    """``display`` beside a reference to a person (``{"reference": "Patient/123", "display":
    "Amy V. Shaw"}``, the walker's hint names the resource) when it reads as a full name, or
    the ``name`` of a reference to an individual (TM Forum's ``{"name": "Louise",
    "@referredType": "Individual"}``), led by a given name the lexicon knows too."""
    value = leaf.value
    return (
        leaf.key in ("display", "name")
        and leaf.hint in PERSON_RESOURCES
        and isinstance(value, str)
        and (
            reads_as_full_name(_MIDDLE_INITIAL.sub("", value))
            or titled_name(value)
            or (leaf.key == "name" and _led_by_given_name(value))
        )
        and not _placeholder(value)
        and not not_personal_shape("person_name", value)
    )


def _led_by_given_name(value: str) -> bool:
    """One to four words of letters led by a given name the lexicon knows (``Louise``,
    ``Jack Simion``, ``Mandy brown``): under a reference to an individual, a name."""
    words = value.split()
    return (
        1 <= len(words) <= 4
        and all(w.replace("-", "").replace("'", "").isalpha() for w in words)
        and known_given_name(words[0])
    )


#: A name written surname first, as catalogues do (``Quattrone, Frank D.``, ``Filak, Vincent F.,``).
_SURNAME_FIRST = re.compile(r"^([A-Z][\w'-]+(?: [A-Z][\w'-]+)?), ([A-Z][\w'-]+)(?: [A-Z]\.)?[.,]?$")


def _forward_name(value: str) -> str:
    """A catalogue's ``Surname, Given M.`` as ``Given Surname``; other values unchanged."""
    match = _SURNAME_FIRST.match(value)
    return f"{match.group(2)} {match.group(1)}" if match else value


#: A middle initial (``Amy V. Shaw``), left out when the lexicon reads a full name.
_MIDDLE_INITIAL = re.compile(r"(?<=\w)\s+[A-Z]\.?(?=\s+\w)")


def _written_as_persons_name(leaf: Leaf, krow: npt.NDArray[np.float64]) -> bool:
    """Two to four capitalised words, particles between them (``Mees van Roijen``), under a
    name key whose own words say whose name (``holderName``, ``customer_name``) and that leans
    to a person's (≥ `NAME_KEY_LEANS`) or names a person's word before ``name``, or under a key
    that holds a person (``authorizedSignatory``), whatever the final model says: names the
    lexicon does not know. A full name the lexicon knows under an address's ``name`` is the
    addressee's."""
    value = leaf.value
    if not isinstance(value, str):
        return False
    if leaf.key == "name" and names_an_address(leaf.parent) and reads_as_full_name(value):
        return _may_be_persons_name(leaf, value)  # the addressee (``pickup_address.name``)
    return (
        (
            (krow[_PERSON] >= NAME_KEY_LEANS and _name_like_key(leaf.key))
            or _person_noun_key(leaf.key)
            or _persons_name_key(leaf.key)
        )
        and bool(written_full_name(value))
        and _person_context(leaf.key, "")
        and _may_be_persons_name(leaf, value)
    )


def _persons_name_key(key: str) -> bool:
    """``customer_name``, ``payerName``: ``name`` after a word that says whose, a person's
    (`name_rules.PERSON_WORDS`), whatever the key model makes of the parent's words."""
    words = key_tokens(key).split()
    return (
        len(words) >= 2
        and words[-1] == "name"
        and words[-2] in PERSON_WORDS
        and words[-2] != "user"
    )  # ``user_name`` is a login's key as often


#: Last words of keys that hold a person, so a full name there is that person's
#: (``authorizedSignatory``, ``witness``, ``legal_guardian``).
_PERSON_NOUNS = frozenset(
    {"signatory", "signer", "witness", "guardian", "spouse", "beneficiary", "assignee",
     "requester", "approver", "reviewer", "notary", "registrar", "attorney", "caregiver",
     "author", "artist", "composer", "illustrator", "translator"}
)  # fmt: skip


def _own_context(context: str) -> str:
    """A key context (`features.key_context`) without its parent."""
    return context.split(" | ", 1)[0] + " | "


def _names_own_under(context: str) -> bool:
    """The context has a parent and its own key (not a sibling's hint) names a login or a
    name."""
    own, _, parent = context.partition(" | ")
    if not parent or own.startswith("_u"):
        return False
    return not _OWN_KEY_WORDS.isdisjoint(own.split(" _h ", 1)[0].split())


def _person_noun_key(key: str) -> bool:
    words = key_tokens(key).split()
    return bool(words) and words[-1] in _PERSON_NOUNS


def _lexicon_person(leaf: Leaf, krow: npt.NDArray[np.float64]) -> bool:
    """A full name the lexicon knows (``Harry Zhang``: a given name first, a surname last)
    under a key whose last word is ``name`` and that leans to a person's name (≥
    `NAME_KEY_LEANS`, or some support and a word that says whose name it is:
    ``full_name.name``; under ``items[*].name`` ``Justice League`` is a team), or whose own
    words say it is a person's whatever the key model gives (``customer_statement_name``,
    ``civilName``)."""
    value = leaf.value
    support = float(krow[_PERSON])
    return (
        isinstance(value, str)
        and (_name_like_key(leaf.key) or _person_noun_key(leaf.key))
        and (
            (
                support >= KEY_SUPPORT
                and (support >= NAME_KEY_LEANS or _person_context(leaf.key, leaf.parent))
            )
            or _person_context(leaf.key, "")
            or _actor_name_key(leaf.key)
        )
        and (
            reads_as_full_name(value)
            or titled_person(value)
            or reads_as_full_name(_forward_name(value))
        )
        and _may_be_persons_name(leaf, value)
    )


#: Gates under a key the key model is sure of (≥ `SETTLED_TYPE`): the key is evidence too.
#: An SSN's layout is enough (``123456789``, ``666666666``: test values the issuance rules
#: refuse, in a field that holds SSNs); a document number may be shorter; an integer birth
#: date is a Unix time.
_SURE_KEY_GATES: dict[str, Callable[[Any], bool]] = {
    "us_ssn": PROOFS["us_ssn"],
    "credit_card": PROOFS["credit_card"],  # a thirteen-digit test card under a card's key
    "date_of_birth": lambda x: (
        _dob_ok(x) if type(x) is int else _date_ok(x, earliest=EARLIEST_NAMED_BIRTH)
    ),
    # a sure key's code of one or two digits (HESA's ``10``/``11``/``12``, ISO 5218's ``9``)
    "gender": lambda x: GATES["gender"](x) or (_text(x).isdigit() and len(_text(x)) <= 2),
    **{
        t: _document_ok(t, sure_key=True)
        for t in ("national_id", "passport_number", "drivers_license", "tax_id")
    },
}


#: Key-model probability a context-only type needs under a bare generic key (``code``,
#: ``number``) that no sibling explains: only the parent can say what it numbers.
GENERIC_KEY_SUPPORT = 0.5
GENERIC_KEYS = frozenset(
    {"number", "id", "code", "identifier", "no", "num", "nr", "nummer", "numero", "número",
     "numéro"}
)  # fmt: skip


#: Identity and tax document types: a generic key alone never says a value is one of these.
_ID_DOCUMENTS = frozenset({"national_id", "passport_number", "drivers_license", "tax_id"})
#: Parents that wrap a response without saying what it holds (``data[*].number``).
_ENVELOPES = frozenset({"", "data", "result", "results", "items", "payload", "response"})


def _unnamed_number(leaf: Leaf) -> bool:
    """A generic key (``number``, ``code``) at a body's top or in its envelope, no sibling
    naming a kind: nothing says what is numbered, and an API's top-level ``number`` is its
    resource's own (an invoice's ``OIT00546``), so an identity or tax document needs the
    value's own proof there."""
    return (
        not leaf.hint
        and key_tokens(leaf.key) in GENERIC_KEYS
        and key_tokens(leaf.parent) in _ENVELOPES
    )


def _bare_generic(leaf: Leaf) -> bool:
    """An unnamed number (`_unnamed_number`) with no parent at all: a value's own proof (a
    card) outvotes the model's guess of a document number there."""
    return not leaf.parent and _unnamed_number(leaf)


def _support_needed(leaf: Leaf) -> float:
    if not leaf.hint and key_tokens(leaf.key) in GENERIC_KEYS:
        return GENERIC_KEY_SUPPORT
    return KEY_SUPPORT


#: Key-model probability at which the key's own type is taken when the final model's guess
#: was ruled out (by its gate, a key rule, the value's shape).
KEY_FALLBACK = 0.5
#: Key-model probability of a credential (JWT or secret together) at which a value of a
#: credential's shape under that key is a secret even when the final model doubts it.
CREDENTIAL_KEY = 0.9
#: … unless the final model gives "nothing" at least this probability.
CREDENTIAL_NONE = 0.5
_JWT, _SECRET = CLASSES.index("jwt"), CLASSES.index("secret_key")
_PERSON = CLASSES.index("person_name")
_DOB = CLASSES.index("date_of_birth")
_TAX = CLASSES.index("tax_id")


def _fallback(
    guess: str | None,
    leaf: Leaf,
    krow: npt.NDArray[np.float64],
    none: float,
    found: dict[str, float],
) -> tuple[str | None, float]:
    """What the key says when the final model's guess was ruled out: the key model's type if
    it is fairly sure and the value passes that type's gates (``institutionNumber: "010"``
    guessed a national id, too short for one, is the bank code the key says), or a secret
    under a key that names a credential when the value has a secret's shape and the final
    model is not sure it is nothing (a refresh token that is no valid JWT)."""
    if guess is not None:
        k = int(krow.argmax())
        alt = CLASSES[k] if k and krow[k] >= KEY_FALLBACK else None
        if (
            alt is not None
            and alt != guess
            # between two kinds of identity document the final model's doubt stands
            and not (alt in DOCUMENT_TYPES and guess in DOCUMENT_TYPES)
            and _accepted(alt, leaf, krow, found, False)
        ):
            return alt, min(float(krow[k]), LIKELY)
    if (
        guess is None
        and krow[_TAX] >= KEY_FALLBACK
        and isinstance(leaf.value, str | int)
        and v.is_ein(str(leaf.value))
        and _accepted("tax_id", leaf, krow, found, False)
    ):
        return "tax_id", min(float(krow[_TAX]), LIKELY)  # an EIN under a tax-id key
    credential = float(krow[_JWT] + krow[_SECRET])
    if (
        credential >= CREDENTIAL_KEY
        and none < CREDENTIAL_NONE
        and not is_uninformative(leaf.key)
        and guess != "secret_key"
        and _accepted("secret_key", leaf, krow, found, False)
    ):
        return "secret_key", min(credential, LIKELY)  # also a token that is no valid JWT
    return None, 0.0


#: Types no validator can prove: the key (or a sibling's hint) must give them some support.
CONTEXT_ONLY = frozenset(
    {"person_name", "street_address", "gender", "username", "password", "national_id",
     "passport_number", "drivers_license", "tax_id", "bank_account"}
)  # fmt: skip
#: Key-model probability a context-only type needs.
KEY_SUPPORT = 0.15

#: Numbers whose last digits alone (``account_number_ending: "1234"``) are not reported.
NUMBER_TYPES = frozenset(
    {"bank_account", "credit_card", "us_ssn", "national_id", "tax_id", "passport_number",
     "drivers_license", "iban"}
)  # fmt: skip

#: Model guesses a value's own proof of another type overrules (context-only types).
OVERRULED = frozenset(
    {"person_name", "username", "street_address", "national_id", "passport_number",
     "drivers_license", "tax_id", "bank_account", "phone", "date_of_birth", "gender",
     "secret_key", "password"}
)  # fmt: skip


#: What the name of a place (``origin.name``) is not.
_PEOPLE_OR_LOGINS = frozenset({"person_name", "username"})

#: Identity-document types: a number of a thing or a phone number is none of them.
DOCUMENT_TYPES = frozenset({"national_id", "passport_number", "drivers_license", "tax_id"})
_OTHER_DOCUMENTS = DOCUMENT_TYPES - {"tax_id"}


def _document_kind(
    guess: str | None, leaf: Leaf, found: dict[str, float], from_text: bool
) -> str | None:
    """The guess with the kind of identity number settled: a person's US tax id (TIN) that
    is an SSN is ``us_ssn`` (EINs: ``12-3456789``); a document number under a key with the
    word ``tax`` (``national_tax_id``, ``taxIdentifier``) is a tax id; a UK driving licence
    number by its layout (``MORGA753116SM9IJ``) is a driving licence."""
    if guess == "tax_id" and "us_ssn" in found and not from_text:
        return "us_ssn"
    if guess in _OTHER_DOCUMENTS and "tax" in key_tokens(leaf.key).split():
        return "tax_id"
    if (
        guess in DOCUMENT_TYPES
        and isinstance(leaf.value, str)
        and v.is_uk_driving_licence(leaf.value)
    ):
        return "drivers_license"  # the DVLA's layout names the kind
    return guess


#: Keys of a JSON Schema's lists of allowed or sample values (``gender.enum[*]``): a
#: schema's vocabulary, nobody's data.
_SCHEMA_LISTS = frozenset({"enum", "enum values", "allowed values", "allowable values"})


def _key_rules_out(model_type: str, key: str, parent: str, value: Any) -> bool:
    """What the key says a model guess is not: the last digits of an account or card are not
    the number; a second address line (suite, floor, district) is not the street line unless
    it holds one (``90 Tottenham Court Road``); ``name_match: "full"`` is the outcome of a
    check, not a name; a Luhn pass under ``iccid`` or ``order_number`` is a chance, not a
    card; a number of zeros only (``00-0000000``) is a stand-in; a ``signature`` or an
    ``api_key_sid`` is no secret, nor a UUID under a resource's ``token``
    (``account_token``); a routing number, sort code or NACHA ``immediateDestination`` is no
    phone, checksum or not; a ``citationNumber``, a
    ``license_plate`` or a phone's ``national_number`` is no identity document."""
    return (
        (model_type in NUMBER_TYPES and key_says_partial(key))
        or (model_type in NUMBER_TYPES and all_zero_number(_text(value)))
        or (
            model_type == "street_address"
            and key_says_extra_line(key)
            and not (isinstance(value, str) and street_line(value))
        )
        or (
            model_type == "street_address" and isinstance(value, str) and no_street_line(value, key)
        )
        or (model_type in CONTEXT_ONLY and key_says_outcome(key))
        or (model_type in _PEOPLE_OR_LOGINS and key_says_place_name(key, parent))
        or (model_type == "phone" and bank_key(key) > 0)
        or (model_type == "credit_card" and key_says_identifier(key))
        or (model_type == "us_ssn" and _text(value).isdigit() and key_says_membership_number(key))
        or (model_type == "email" and key_says_message_id(key))
        or (model_type == "date_of_birth" and key_names_other_event(key, parent))
        or (model_type == "tax_id" and isinstance(value, str) and never_issued_tin(value))
        or (model_type == "tax_id" and tax_amount_key(key, value))
        or (model_type in CONTEXT_ONLY and key_tokens(key) in _SCHEMA_LISTS)
        or (model_type == "ip_address" and key_says_network_own(key))
        or (model_type == "bank_account" and key_says_cheque(key))
        or (model_type == "bank_account" and key_says_ledger_code(key) and not bank_key(key))
        or (model_type == "drivers_license" and key_says_other_licence(key, parent))
        or (model_type == "secret_key" and key_says_not_secret(key))
        or (
            model_type == "secret_key"
            and isinstance(value, str)
            and (v.is_uuid(value) or v.is_hex(value))
            and key_says_resource_token(key, parent)
        )
        or (
            model_type in DOCUMENT_TYPES
            and (
                key_says_thing(key, parent)
                or key_says_phone_number(key, parent)
                or key_says_document_attribute(key)
            )
        )
    )


#: Keys of a structured name's parts: FHIR's HumanName (``use``, ``family``, ``given``),
#: SCIM's ``name`` (``familyName``, ``givenName``, ``honorificPrefix``) and WhatsApp's
#: contact ``name`` (``first_name``, ``last_name``). Beside one of them, the full name
#: written out (``text``, ``formatted``, ``formatted_name``) under a ``name`` is the
#: person's full name.
_NAME_PART_KEYS = frozenset(
    {"given", "family", "use", "prefix", "suffix", "givenName", "familyName", "middleName",
     "honorificPrefix", "honorificSuffix", "first_name", "last_name", "middle_name"}
)  # fmt: skip
_FULL_NAME_KEYS = frozenset({"text", "formatted", "formatted_name", "formattedName"})
_NAME_PARENTS = frozenset({"name", "names"})


def _object_path(leaf: Leaf) -> str:
    """The path of the object that holds ``leaf`` (``$.name[*]`` for ``$.name[*].given[*]``)."""
    path = leaf.path
    while path.endswith("[*]"):
        path = path[:-3]
    return path.rsplit(".", 1)[0]


def _full_name_texts(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of the full-name leaves (``text``, ``formatted``, HR Open's ``formattedName``)
    under a ``name`` beside a name part, or alone under a person's name object when the
    value is written as a full name (``recruiterName: {"formattedName": "Gregory L. Meyers"}``;
    one document's)."""
    texts = [i for i, leaf in enumerate(leaves) if leaf.key in _FULL_NAME_KEYS]
    if not texts:
        return set()
    objects = {
        (owner, _object_path(leaf))
        for leaf, owner in zip(leaves, owners, strict=True)
        if leaf.key in _NAME_PART_KEYS
    }
    return {
        i
        for i in texts
        if (
            leaves[i].parent.lower() in _NAME_PARENTS
            and (owners[i], _object_path(leaves[i])) in objects
        )
        or (_names_a_person(leaves[i].parent) and _written_person(leaves[i].value))
    }


def _names_a_person(parent: str) -> bool:
    """A name object's key: ``name`` or a person's role before ``Name`` (``recruiterName``)."""
    lowered = parent.lower()
    role = lowered.removesuffix("name").rstrip("_")
    return lowered in _NAME_PARENTS or (role != lowered and role in _ROLES_WITH_NAMES)


#: People whose name objects HR Open writes (``recruiterName``, ``candidateName``).
_ROLES_WITH_NAMES = PERSON_WORDS | {"recruiter", "candidate"}


def _written_person(text: object) -> bool:
    """Capitalised words written as a person's full name, led by a given name the lexicon
    knows that is no ordinary word (``Gold Plan``), none an organisation's word."""
    if not isinstance(text, str):
        return False
    words = text.split()
    return (
        written_full_name(text)
        and not never_a_name(text)
        and known_given_name(words[0])
        and fold(words[0]) not in ORDINARY_WORDS
    )


#: Keys of the parts of a name written as an object (``name: {"first", "middle", "last"}``).
_NAME_OBJECT_PARTS = frozenset({"first", "middle", "last"})


def _name_object_parts(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of the parts of a person's name written as an object under ``name`` with two
    of ``first``, ``middle``, ``last`` at least (Clever's ``name: {"first": "Ann", "middle":
    "Q", "last": "Trantow"}``): each part is the person's, known to the lexicon or not."""
    objects: dict[tuple[int, str], list[int]] = {}
    for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True)):
        if leaf.key.lower() in _NAME_OBJECT_PARTS and leaf.parent.lower() in _NAME_PARENTS:
            objects.setdefault((owner, _object_path(leaf)), []).append(i)
    return {
        i
        for members in objects.values()
        if len({leaves[j].key.lower() for j in members}) >= 2
        for i in members
    }


def _accounts_beside_bank_codes(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of bare number leaves (``number``) of objects that hold a bank or branch code
    (``compeCode``, ``sort_code``) or whose key names a payment account, and whose value has an
    account number's shape: the account's number (`bank_codes.account_beside_bank_code`); one
    document's."""
    candidates = [
        i for i, leaf in enumerate(leaves) if account_beside_bank_code(leaf.key, leaf.value)
    ]
    if not candidates:
        return set()
    banks = {
        (owner, _object_path(leaf))
        for leaf, owner in zip(leaves, owners, strict=True)
        if bank_key(leaf.key) == STRONG
    }
    return {
        i
        for i in candidates
        if (owners[i], _object_path(leaves[i])) in banks or _payment_account(leaves[i].parent)
    }


#: Words that, before ``account``, say it is where money goes or comes from.
_PAYMENT_ACCOUNT_WORDS = frozenset(
    {"bank", "recipient", "sender", "destination", "source", "payee", "payer", "beneficiary",
     "debtor", "creditor", "counterparty", "deposit", "checking", "savings", "payout",
     "settlement", "funding", "receiving", "originating"}
)  # fmt: skip


def _payment_account(parent: str) -> bool:
    """A parent naming a bank or payment account (``recipient_account``, ``bankAccount``):
    its bare ``number`` is the account's number."""
    words = key_tokens(parent).split()
    return len(words) >= 2 and words[-1] == "account" and words[-2] in _PAYMENT_ACCOUNT_WORDS


def _grandparent(leaf: Leaf) -> str:
    """The key of the object above the leaf's parent when the parent is one object, not a
    list's entries (``user`` for ``$.user.target.name``; none for
    ``$.user.properties[*].name``, a list of named fields); only a ``name``'s is asked for."""
    if key_tokens(leaf.key) != "name":
        return ""
    return _key_above_parent(leaf, lists=False)


def _key_above_parent(leaf: Leaf, lists: bool) -> str:
    """The key of the object that holds the leaf's parent (``user`` for
    ``$.user.target.name``), or "" at the top; with ``lists=False`` also "" when the parent
    is a list's entries (``$.user.properties[*].name``)."""
    parts = _object_path(leaf).rsplit(".", 2)
    if len(parts) < 3 or (not lists and parts[-1].endswith("[*]")):
        return ""
    return parts[-2].removesuffix("[*]")


def _dcc_name_parts(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of the members of an EU Digital COVID Certificate's name group
    (`name_rules.DCC_NAME_KEYS`): an object holding ``fnt``, which the schema requires, and
    another of its name keys; one document's."""
    if not any(leaf.key == "fnt" for leaf in leaves):
        return set()
    groups: dict[tuple[int, str], list[int]] = {}
    for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True)):
        if leaf.key in DCC_NAME_KEYS:
            groups.setdefault((owner, _object_path(leaf)), []).append(i)
    return {
        i
        for members in groups.values()
        if len(members) >= 2 and any(leaves[i].key == "fnt" for i in members)
        for i in members
    }


#: Sibling keys (folded: lower case, no separators) only a thing has: beside one of them, an
#: object's ``name``/``title`` names the thing (``{"name": …, "sku": …, "unit_price": …}``).
_THING_SIBLINGS = frozenset(
    {"sku", "skuid", "price", "unitprice", "unitamount", "priceid", "quantity", "qty",
     "barcode", "upc", "ean", "gtin", "isbn", "stock", "inventory", "mimetype", "filesize",
     "sizebytes", "firmware", "firmwareversion", "modelnumber", "manufacturer"}
)  # fmt: skip
#: Keys of an object's own name.
_OWN_NAME_KEYS = frozenset({"name", "title", "displayname", "label"})


#: Folded key → 1 for an object's own name, 2 for a key only a thing has, 0 otherwise.
_THING_KEY_KIND: dict[str, int] = {}
_THING_KEY_KIND_LIMIT = 65_536


def _thing_key_kind(key: str) -> int:
    kind = _THING_KEY_KIND.get(key)
    if kind is None:
        folded = key.lower().replace("_", "").replace("-", "")
        kind = 1 if folded in _OWN_NAME_KEYS else 2 if folded in _THING_SIBLINGS else 0
        if len(_THING_KEY_KIND) < _THING_KEY_KIND_LIMIT:
            _THING_KEY_KIND[key] = kind
    return kind


#: An object with this many keys or more, at least `TEXT_TABLE_SHARE` of them text
#: (`value_rules.key_is_text`), is a table of texts (a translation file): none of its keys is
#: a field's name (``"Users": "Benutzer"`` beside ``"Forgot your password?": …``).
TEXT_TABLE_KEYS = 8
TEXT_TABLE_SHARE = 0.25


def _keys_of_text(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of the leaves whose key is text, or that sit in a table of texts
    (`TEXT_TABLE_KEYS`, `TEXT_TABLE_SHARE`)."""
    text = {i for i, leaf in enumerate(leaves) if key_is_text(leaf.key)}
    if not text:
        return text
    counts: dict[tuple[int, str], list[int]] = {}
    for leaf, owner in zip(leaves, owners, strict=True):
        n = counts.setdefault((owner, _object_path(leaf)), [0, 0])
        n[0] += 1
    for i in text:
        counts[owners[i], _object_path(leaves[i])][1] += 1
    tables = {
        obj for obj, (n, m) in counts.items() if n >= TEXT_TABLE_KEYS and m >= TEXT_TABLE_SHARE * n
    }
    if not tables:
        return text
    return text | {
        i
        for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True))
        if (owner, _object_path(leaf)) in tables
    }


def _names_of_things(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of the ``name``/``title`` leaves of nested objects that hold a key only a thing
    has (a SKU, a price, a quantity, a barcode, a MIME type, a firmware version); a
    document's top level mixes a customer with their order, and a key or parent that says
    whose name it is (``author``) stands."""
    names: list[int] = []
    things = False
    for i, leaf in enumerate(leaves):
        kind = _thing_key_kind(leaf.key)
        if kind == 1:
            names.append(i)
        elif kind == 2:
            things = True
    if not names or not things:
        return set()
    objects = {
        (owner, _object_path(leaf))
        for leaf, owner in zip(leaves, owners, strict=True)
        if _thing_key_kind(leaf.key) == 2
    }
    return {
        i
        for i in names
        if leaves[i].parent
        and (owners[i], _object_path(leaves[i])) in objects
        and not _person_context(leaves[i].key, leaves[i].parent)
    }


#: JSON-LD and TM Forum kinds (``"@type": "Organization"``) whose ``name`` is no one's: schema.org's
#: organisations and the things events, offers and catalogues name.
_THING_KINDS = frozenset(
    {"organization", "organisation", "corporation", "company", "localbusiness", "ngo",
     "sportsorganization", "sportsteam", "educationalorganization", "governmentorganization",
     "medicalorganization", "brand", "offer", "product", "place", "event", "sessionseries",
     "courseinstance", "facilityuse", "service", "imageobject", "legalentity", "partyrole"}
)  # fmt: skip
_TYPED_NAME_KEYS = frozenset({"name", "legalName", "alternateName", "displayName", "display"})


def _names_of_typed_things(leaves: list[Leaf], owners: list[int]) -> set[int]:
    """Indices of the names of objects whose JSON-LD ``@type`` (or TM Forum's
    ``@referredType``) is an organisation or a thing (OpenActive's ``organizer: {"@type":
    "Organization", "name": "Everyone Active"}``): the kind is written, not guessed."""
    kinds: dict[tuple[int, str], set[bool]] = {}
    for leaf, owner in zip(leaves, owners, strict=True):
        if leaf.key.lower() in KIND_KEYS and isinstance(leaf.value, str):
            thing = leaf.value.lower() in _THING_KINDS
            kinds.setdefault((owner, _object_path(leaf)), set()).add(thing)
    # items of one list share a path: a list mixing people and things decides nothing
    typed = {place for place, things in kinds.items() if things == {True}}
    if not typed:
        return set()
    return {
        i
        for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True))
        if leaf.key in _TYPED_NAME_KEYS and (owner, _object_path(leaf)) in typed
    }


#: Key words of a person's own contact or identity field beside a bare ``name``
#: (``{"name": "Алексей Арсеньев", "ssn": "…"}``): the object is a person's record.
_PERSONAL_SIBLING_WORDS = frozenset(
    {"phone", "mobile", "ssn", "snils", "passport", "birthdate", "birthday", "dob", "birth"}
)


@lru_cache(maxsize=65_536)
def _personal_sibling_key(key: str) -> bool:
    return not _PERSONAL_SIBLING_WORDS.isdisjoint(key_tokens(key).split())


def _names_in_contact_records(leaves: list[Leaf], owners: list[int]) -> dict[int, str]:
    """Indices of bare ``name`` leaves whose object also holds an e-mail address (a
    contact's record: ``{"name": "Jenn Doe", "email": "jenn@example.com"}``), each with the
    address's local part (``jenn``), or a person's phone, identity number or birth date
    (with an empty local part)."""
    names = [i for i, leaf in enumerate(leaves) if leaf.key.lower() == "name"]
    if not names:
        return {}
    records: dict[tuple[int, str], str] = {}
    for leaf, owner in zip(leaves, owners, strict=True):
        value = leaf.value
        if not isinstance(value, str) or not value:
            continue
        if "email" in leaf.key.lower():
            if v.is_email(value):
                records[owner, _object_path(leaf)] = value.rsplit("@", 1)[0].lower()
        elif _personal_sibling_key(leaf.key):
            records.setdefault((owner, _object_path(leaf)), "")
    out = {}
    for i in names:
        local = records.get((owners[i], _object_path(leaves[i])))
        if local is not None:
            out[i] = local
    return out


_LOCAL_PART_WORDS = re.compile(r"[^\W\d_]{3,}")


def _record_full_name(leaf: Leaf, local: str) -> bool:
    """A person's name under a contact record's bare ``name`` (`_names_in_contact_records`),
    not a thing's or a company's: a full name the lexicon reads (`reads_as_full_name`), a test
    person (``Person One``, ``Test Customer``: the convention's stand-ins), or a name written as
    one whose word the address repeats (``Bilbo Bolseiro`` beside ``bilbo@…``, ``Leia Organa``
    beside ``leia.organa@…``): the record's person."""
    value = leaf.value
    if not _full_name_ok(value) or not isinstance(value, str):
        return False
    test_person = " " in value and stand_in_person(value)  # ``Signer`` alone may be a role
    if not (reads_as_full_name(value) or test_person or (local and _echoed_by(value, local))):
        return False
    return not not_a_persons_name(leaf.key, value, _naming_parent(leaf))


def _echoed_by(value: str, local: str) -> bool:
    """Two to four words written as a name (`written_full_name`), one of them (three letters
    or more, no role or test word: ``demo``, ``support``) in the e-mail address's local part."""
    if not written_full_name(value):
        return False
    words = {fold(w) for w in _LOCAL_PART_WORDS.findall(local)}
    return any(
        fold(w) in words and not stand_in_name_word(w) for w in _LOCAL_PART_WORDS.findall(value)
    )


def _full_name_ok(value: Any) -> bool:
    return (
        isinstance(value, str)
        and GATES["person_name"](value)
        and not _placeholder(value)
        and not not_personal_shape("person_name", value)
    )


#: JSON Web Key types (RFC 7518, RFC 8037): an object whose ``kty`` holds one is a JWK.
_JWK_TYPES = frozenset({"RSA", "EC", "oct", "OKP"})
#: A JWK's private members (RFC 7518 section 6): the key itself.
_JWK_PRIVATE = frozenset({"d", "p", "q", "dp", "dq", "qi", "k"})
#: Types a JWK's public member (``n``, ``e``, ``x``, ``y``, ``kid``, ``x5t``) is not.
_CREDENTIAL_TYPES = frozenset({"secret_key", "password", "jwt"})


def _jwk_members(leaves: list[Leaf], owners: list[int]) -> dict[int, bool]:
    """Leaves that are members of a JSON Web Key (an object beside a ``kty`` naming a key
    type), by index: True for a private member, False for a public one."""
    kinds = [i for i, leaf in enumerate(leaves) if leaf.key == "kty" and leaf.value in _JWK_TYPES]
    if not kinds:
        return {}
    keys = {(owners[i], _object_path(leaves[i])) for i in kinds}
    documents = {owner for owner, _ in keys}
    return {
        i: leaf.key in _JWK_PRIVATE
        for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True))
        if owner in documents and leaf.key != "kty" and (owner, _object_path(leaf)) in keys
    }


def _jwk_secret_ok(value: Any) -> bool:
    """A private member's value: base64url of 16 bytes or more (not a stand-in)."""
    return isinstance(value, str) and len(value) >= 22 and v.is_base64url(value)


_TYPE_CODING = ".type.coding[*].code"


#: Sibling keys (lower case, no separators) that name the scheme of an identifier pair
#: (Mojaloop's ``partyIdType``, KSeF's ``type``), and the schemes' words with their types.
_SCHEME_KEYS = frozenset(
    {"type", "idtype", "partyidtype", "scheme", "schemename", "identifiertype", "kind"}
)
_SCHEME_TYPES: dict[str, str] = {
    **dict.fromkeys(("msisdn", "phone", "mobile", "phonenumber", "mobilenumber"), "phone"),
    **dict.fromkeys(("email", "emailaddress"), "email"),
    **dict.fromkeys(("iban",), "iban"),
    **dict.fromkeys(("passport", "passportnumber"), "passport_number"),
    **dict.fromkeys(
        (
            "driverslicense",
            "driverslicence",
            "driverlicense",
            "drivinglicence",
            "drivinglicense",
            "dl",
            "cnh",
            "permisdeconduire",
            "fuhrerschein",
            "führerschein",
        ),
        "drivers_license",
    ),
    **dict.fromkeys(
        ("nip", "nif", "vat", "vatin", "tin", "ein", "gstin", "rfc", "cnpj", "abn", "utr", "taxid"),
        "tax_id",
    ),
    **dict.fromkeys(
        (
            "pesel",
            "nin",
            "bvn",
            "aadhaar",
            "cpf",
            "nino",
            "bsn",
            "dni",
            "nie",
            "curp",
            "nationalid",
        ),
        "national_id",
    ),
}
#: Keys of the value of such a pair.
_SCHEME_VALUE_KEYS = frozenset(
    {"value", "id", "identifier", "partyidentifier", "idvalue", "number", "partyidvalue"}
)


def _compact_key(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


def _scheme_type(leaf: Leaf) -> tuple[str, str] | None:
    """The type a pair's scheme sibling names (``{"partyIdType": "MSISDN", …}``), if any,
    with the stem its value's key shares (``identificationType`` → ``identification``;
    none for a generic scheme key such as ``type``)."""
    key = _compact_key(leaf.key)
    if key in _SCHEME_KEYS:
        stem = ""
    elif key.endswith("type") and len(key) > len("type") + 2:
        stem = key.removesuffix("type")
    else:
        return None
    found = _SCHEME_TYPES.get(str(leaf.value).lower().replace("_", "").replace(" ", ""))
    return None if found is None else (found, stem)


#: Endings a value's key may add to its scheme's stem (``documentNumber`` beside
#: ``documentType``).
_STEM_ENDINGS = ("", "number", "value", "no", "nr")


def _scheme_value_stems(key: str) -> set[str]:
    """The stems a value's key can pair with: "" for a generic value key (``value``)."""
    compact = _compact_key(key)
    stems = {compact.removesuffix(end) for end in _STEM_ENDINGS if compact.endswith(end)}
    if compact in _SCHEME_VALUE_KEYS:
        stems.add("")
    return stems


def _identity_values(leaves: list[Leaf], owners: list[int]) -> dict[int, str]:
    """``value`` leaves of identifiers whose ``system`` (an OID or URI) or ``type.coding``
    code (HL7 v2-0203: ``PPN``, ``DL``, ``NNNLD``) names an identity document, by index:
    FHIR's ``identifier[*]``; and the values of pairs whose scheme sibling names a type
    (``{"partyIdType": "MSISDN", "partyIdentifier": "16135551212"}``, ``{"type": "Nip",
    "value": "7762811692"}``, ``{"identificationType": "CPF", "identification": …}``). In a
    list of such pairs each value takes the kind written nearest to it (its own item's)."""
    kinds: dict[tuple[int, str, str], list[tuple[int, str]]] = {}
    for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True)):
        if not isinstance(leaf.value, str) or len(leaf.value) > 80:
            continue
        if leaf.key == "system" or (leaf.key == "code" and leaf.path.endswith(_TYPE_CODING)):
            # FHIR's identifier systems: the last one known names every value (as tuned on v9)
            system = leaf.key == "system"
            found = (identity_system_type if system else identifier_type_code)(leaf.value)
            path = _object_path(leaf) if system else leaf.path.removesuffix(_TYPE_CODING)
            if found is not None:
                kinds[owner, path, ""] = [(i, found)]
            continue
        scheme = _scheme_type(leaf)
        if scheme is not None:
            kinds.setdefault((owner, _object_path(leaf), scheme[1]), []).append((i, scheme[0]))
    if not kinds:
        return {}
    values: dict[int, str] = {}
    for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True)):
        for stem in _scheme_value_stems(leaf.key):
            written = kinds.get((owner, _object_path(leaf), stem))
            if written is not None:
                values[i] = min(written, key=lambda kind: abs(kind[0] - i))[1]
                break
    return values


def _structure_findings(
    leaf: Leaf, full_name: bool, dcc_name: bool, identity: str | None
) -> dict[str, float]:
    """What the leaf's place in its document proves: FHIR's full-name ``text`` (SCIM's
    ``formatted``) or a part of a name object (`_name_object_parts`), a member of an EU DCC's
    name group written as its schema says, a name under a key that says whose
    (`_named_person`), or an identifier whose system names an identity document."""
    if full_name and (
        _full_name_ok(leaf.value) or (isinstance(leaf.value, str) and _INITIAL.match(leaf.value))
    ):
        return {"person_name": LIKELY}  # a middle initial of a name object too
    if dcc_name and dcc_name_value(leaf.key, leaf.value):
        return {"person_name": LIKELY}
    if _named_person(leaf):
        return {"person_name": LIKELY}
    if identity is not None:
        return _identity_finding(identity, leaf.value)
    return {}


#: A name written in Chinese characters, kana or Hangul (``田中太郎``, ``フリータロウ``), with at
#: most one space or middle dot between its parts.
_CJK = "\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af"
_CJK_NAME = re.compile(f"^[{_CJK}]{{1,6}}(?:[ \u3000・][{_CJK}]{{1,6}})?$")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_LATIN = re.compile("[A-Za-z]")
#: Parents of a bank account, whose ``account_name`` is the holder's name.
_BANK_PARENT_WORDS = frozenset({"bank", "banking", "payout", "payee", "beneficiary"})


#: One capital, with or without its dot (``L``, ``M.``).
_INITIAL = re.compile(r"^[A-Z]\.?$")
#: Last words of keys of a person's middle initial or initials (``prevMiddleInitial``); an
#: initial under ``middleName`` is the middle name written short.
_INITIAL_KEYS = frozenset(
    {"middle initial", "middle initials", "initials", "name initial", "middle name"}
)


def _initial_key(key: str) -> bool:
    words = key_tokens(key).split()
    return " ".join(words[-2:]) in _INITIAL_KEYS or words[-1:] == ["initials"]


#: Keys of one part of a person's name, whatever object holds them.
_NAME_PART_WORDS = frozenset(
    {"first name", "last name", "given name", "family name", "surname", "middle name",
     "forename", "firstname", "lastname", "givenname", "familyname"}
)  # fmt: skip


#: Words for a given name or a surname in other languages, whatever words stand beside them
#: (``segundo_apellido``, ``apellido_materno``, ``geburtsname``).
_NAME_PART_WORDS_ABROAD = frozenset(
    {"apellido", "apellidos", "apelido", "apelidos", "sobrenome", "cognome", "nachname",
     "vorname", "familienname", "geburtsname", "prenom", "prénom", "achternaam", "voornaam",
     "nazwisko", "imie", "imię", "efternamn", "fornamn", "förnamn", "fornavn", "etternavn",
     "efternavn", "soyad", "soyadi", "soyad\u0131", "sukunimi", "etunimi"}
)  # fmt: skip


def _name_part_key(key: str) -> bool:
    words = key_tokens(key)
    return words in _NAME_PART_WORDS or bool(_NAME_PART_WORDS_ABROAD.intersection(words.split()))


def _named_person(leaf: Leaf) -> bool:
    """A name under a name key whose words or parent's say whose: a middle initial
    (``middleInitial: "L"``), one given name or surname the lexicon knows under a key of a
    name's part, or under an opaque key below one (``nameOnSchoolRecord.lastName: "Saxena"``,
    Personio's ``first_name: {"label": "First name", "value": "Alan"}``), one given name the
    lexicon
    knows (``requester_name: "Rachel"``, ``agent_name: "William"``), or a name in CJK script
    the lexicon cannot judge (``charge_employee.display_name: "田中太郎"``; a bank account's
    ``account_name: "フリータロウ"``, its holder)."""
    value = leaf.value
    if isinstance(value, str) and _INITIAL.match(value) and _initial_key(leaf.key):
        return True  # a middle initial: part of the person's name
    part_key = (leaf.hint or leaf.parent) if is_uninformative(leaf.key) else leaf.key
    if (
        isinstance(value, str)
        and _name_part_key(part_key)
        and known_name(value)
        and not stand_in_name_word(value)
        and not never_a_name(value)
    ):
        return True  # ``firstName`` under any parent, a label/value pair's ``First name``
    if not isinstance(value, str) or not 1 < len(value) <= 24 or not _name_like_key(leaf.key):
        return False
    if _CJK_NAME.match(value):
        words = key_tokens(leaf.parent).split()
        holder = key_tokens(leaf.key).split()[-2:-1] == ["account"] and any(
            w in _BANK_PARENT_WORDS for w in words
        )
        whose = f"{key_tokens(leaf.key)} {' '.join(words)}".split()
        return (holder or bool(PERSON_WORDS.intersection(whose))) and not never_a_name(value)
    if (
        leaf.key.lower() == "name"
        and key_names_contact(leaf.parent)  # whatever else it says (a shipping party's)
        and (_led_by_given_name(value) or reads_as_full_name(value))
        and not _placeholder(value)
        and not stand_in_name_word(value)
    ):
        return True  # a contact's name (``partyContactDetails[*].name: "Henrik"``)
    return (
        _person_context(leaf.key, "")
        and not key_names_thing(leaf.key, leaf.parent)
        and value.lower() not in key_tokens(leaf.key).split()  # ``displayName: "Name"``
        and not _placeholder(value)
        and not stand_in_name_word(value)
        and known_given_name(value)
    )


def _identity_finding(type_id: str, value: Any) -> dict[str, float]:
    """The identity type an identifier's system names, if the value has the type's shape."""
    gate = _SURE_KEY_GATES.get(type_id) or GATES[type_id]
    if _placeholder(value) or not gate(value) or all_zero_number(_text(value)):
        return {}
    return {type_id: LIKELY}


#: Confidence of a bank code found by its key's word and its shape (`detector.bank_codes`).
BANK_CODE = 0.85


def _key_findings(leaf: Leaf) -> dict[str, float]:
    """Types a key's words and the value's shape decide together: a bank code under a key
    that names one (``routing_number``, ``sortCode``, ``RDFIIdentification``), a phone
    number under a phone number's part (``phones[*].national_number``) and a coordinate of
    one or two decimals under a key that names a latitude or longitude (``lat: "38.00"``)."""
    value = leaf.value
    if is_bank_detail(value, leaf.key):
        return {"bank_account": BANK_CODE}
    if birth_date_part(value, leaf.key, leaf.parent) or _named_birth_date(leaf):
        return {"date_of_birth": LIKELY}
    if salutation_by_key(value, leaf.key):
        return {"gender": LIKELY}
    if _number_or_text(value) and coarse_coordinate(str(value), leaf.key):
        return {"geo_location": LIKELY}  # ``lat: "38.00"``, ``latitude: 52.1`` as a number too
    if key_says_phone_part(leaf.key, leaf.parent) and PROOFS["phone"](value):
        return {"phone": LIKELY}
    return _named_by_key(leaf)


def _named_by_key(leaf: Leaf) -> dict[str, float]:
    """A value the key names and the value's shape confirms: a host's IP address in a list
    of addresses (``addresses[*]``, ``monitors[*].target``), a street line written out under
    an ``address`` (``destination.address: "123 Main St, Anytown, CA"``), a national phone
    number under a ``contact`` valid in a common numbering plan (``9123456780``), and what
    `keyed_value_type` reads (a gender code, a bare street)."""
    value = leaf.value
    keyed = keyed_value_type(value, leaf.key, leaf.parent)
    if keyed is not None:
        return {keyed: LIKELY}
    if isinstance(value, str):
        if ip_by_key(value, leaf.key):
            return {"ip_address": LIKELY}
        if address_line_by_key(value, leaf.key):
            return {"street_address": LIKELY}
    if (key_says_contact(leaf.key) or key_ends_with_phone(leaf.key)) and PROOFS["phone"](value):
        return {"phone": LIKELY}
    return {}


def _phone_by_notation(leaf: Leaf) -> dict[str, float]:
    """A phone number its notation shows (`phone_by_notation`): E.164 with its plus, or a
    North American number with its country code under a line's key; never under a key that
    names a bank code."""
    value = leaf.value
    if type(value) is int:
        value = str(value)
    if not isinstance(value, str) or not 11 <= len(value) <= 16 or value[-1] not in "0123456789":
        return {}
    if phone_by_notation(value, leaf.key, leaf.parent) and bank_key(leaf.key) == 0:
        return {"phone": LIKELY}
    return {}


_IDENTITY_INDEX = [CLASSES.index(t) for t in (*DOCUMENT_TYPES, "us_ssn")]


def _evident_document(value: str) -> dict[str, float]:
    """Identity and tax numbers whose layout and check digit say their kind by themselves."""
    if len(value) == 18 and v.is_emirates_id(value):
        return {"national_id": LIKELY}
    if len(value) == 15 and value[:2].isdigit() and v.is_gstin(value):
        return {"tax_id": LIKELY}
    return _brazilian_document(value, printed_only=True)


def _brazilian_document(value: str, *, printed_only: bool) -> dict[str, float]:
    """A Brazilian CPF (a person's number: a national id) or CNPJ (a company's: a tax id) with
    valid check digits; as printed (``123.456.789-09``, ``11.222.333/0001-81``) the layout says
    the kind by itself, bare digits (``printed_only`` False) only under an identity key."""
    if not value[:1].isalnum() or not value[-1:].isdigit():  # an alphanumeric CNPJ: ``HN.JT6…``
        return {}
    printed = "." in value
    if printed_only and not printed:
        return {}
    if v.is_cpf(value):
        return {"national_id": LIKELY}
    if v.is_cnpj(value):
        return {"tax_id": LIKELY}
    return {}


def _document_findings(leaf: Leaf, krow: npt.NDArray[np.float64]) -> dict[str, float]:
    """Identity and tax numbers whose layout names their kind: an Indian GSTIN (check
    character) is a tax id by itself; an Indian PAN (``AAACL1234C``) is one under a key the
    key model takes for a tax id or whose last word is ``pan`` (a card's word too, which
    its letters rule out); an Emirates ID as printed (``784-1971-3922143-2``, Luhn) is a
    national id by itself; a UK NINO, a Spanish DNI/NIE (check letter) or a Brazilian CPF
    is a national id and a CNPJ a tax id under a key the key model takes for some identity
    number (≥ 0.5 together), whichever kind it guessed; a CPF or a CNPJ also under a key
    that names either (``companyCnpj``), and printed with dots by itself."""
    value = leaf.value
    if not isinstance(value, str):
        return {}
    evident = (
        _evident_document(value)
        or (
            _brazilian_document(value, printed_only=False)
            if len(value) in (11, 14) and (_identity_key(krow) or key_names_cpf_cnpj(leaf.key))
            else {}
        )
        or _personal_id(value, krow)
    )
    if evident or not 9 <= len(value) <= 15:
        return evident
    # each layout below ends with a digit (or a space) and a letter: most text does not
    if not (value[-1].isalpha() and (value[-2].isdigit() or value[-2] == " ")):
        return {}
    if (
        v.is_indian_pan(value)
        and not all_zero_number(value)  # ``AAAAA0000A``: the layout's template
        and (krow[_TAX] >= KEY_FALLBACK or key_tokens(leaf.key).rsplit(" ", 1)[-1] == "pan")
    ):
        return {"tax_id": LIKELY}
    if (v.is_uk_nino(value) or v.is_spanish_dni(value)) and _identity_key(krow):
        return {"national_id": LIKELY}
    return {}


def _identity_key(krow: npt.NDArray[np.float64]) -> bool:
    """The key model gives the identity types at least `KEY_FALLBACK` together."""
    return bool(krow[_IDENTITY_INDEX].sum() >= KEY_FALLBACK)


#: Keys of a country written beside a number (``{"country": "ES", "code": "B98602642"}``).
_COUNTRY_KEYS = frozenset({"country", "countrycode", "country_code", "cc"})


def _written_countries(leaves: list[Leaf], owners: list[int]) -> dict[tuple[int, str], str]:
    """(owner, object path) → the two-letter country written in that object."""
    return {
        (owner, _object_path(leaf)): leaf.value
        for leaf, owner in zip(leaves, owners, strict=True)
        if isinstance(leaf.value, str)
        and len(leaf.value) == 2
        and leaf.key.lower() in _COUNTRY_KEYS
    }


def _tax_number_of_country(
    leaf: Leaf,
    owner: int,
    krow: npt.NDArray[np.float64],
    countries: dict[tuple[int, str], str],
) -> dict[str, float]:
    """A number under a key the key model takes for a tax id (GOBL's ``tax_id.code``) that
    passes the VAT or tax number check of the country written beside it (`countries`): a
    tax id, also where its shape would read as a personal id (a Spanish person's NIF is
    their DNI)."""
    value = leaf.value
    if not countries or krow[_TAX] < KEY_FALLBACK or not isinstance(value, str):
        return {}
    if not 6 <= len(value) <= 20 or all_zero_number(value) or _placeholder(value):
        return {}
    country = countries.get((owner, _object_path(leaf)))
    return {"tax_id": LIKELY} if country and v.is_tax_number_of(value, country) else {}


def _extension_urls(leaves: list[Leaf], owners: list[int]) -> dict[int, str]:
    """Index of each FHIR extension's ``valueString`` → the ``url`` written before it in its
    item (the items of ``extension[*]`` share a path: the nearest one before is its own)."""
    out: dict[int, str] = {}
    last: dict[tuple[int, str], str] = {}
    for i, (leaf, owner) in enumerate(zip(leaves, owners, strict=True)):
        if leaf.parent != "extension":
            continue
        place = (owner, _object_path(leaf))
        if leaf.key == "url" and isinstance(leaf.value, str):
            last[place] = leaf.value
        elif leaf.key == "valueString" and place in last:
            out[i] = last.pop(place)
    return out


def _fhir_extension(leaf: Leaf, url: str | None) -> dict[str, float]:
    """A part of a name or a street line a FHIR profile writes as an extension of the
    primitive it refines (`fhir_extension_type`)."""
    value = leaf.value
    if url is None or not isinstance(value, str) or not 0 < len(value.strip()) <= 80:
        return {}
    found = None if _placeholder(value) else fhir_extension_type(leaf.path, url, value)
    return {found: LIKELY} if found is not None else {}


#: Keys of a Russian taxpayer number (INN, written ``itn`` too), a check-digit number.
_RUSSIAN_TAX_KEYS = frozenset({"inn", "itn"})


def _tax_findings(leaf: Leaf) -> dict[str, float]:
    """A tax number the key names (``business_tax_id``, ``company_ein``: the key model may
    miss a qualified key) with a document number's shape, a Russian INN under ``inn`` or
    ``itn`` whose check digits pass, an EIN as the IRS writes it (``12-3456789``) under an
    organisation's id (``business_entity.government_id``), or China's unified social credit
    code by its check character (``payerNo``: an e-invoice's taxpayer number)."""
    value = leaf.value
    if not isinstance(value, str | int) or isinstance(value, bool):
        return {}
    text = str(value)
    if not 6 <= len(text) <= 20 or tax_amount_key(leaf.key, value):
        return {}
    if key_tokens(leaf.key).rsplit(" ", 1)[-1] in _RUSSIAN_TAX_KEYS:
        ok = v.is_tax_number_of(text, "ru")  # a Russian INN by its check digits
    elif key_names_tax_id(leaf.key):
        ok = bool(_SURE_KEY_GATES["tax_id"](value))
    elif key_names_org_number(leaf.key):
        ok = v.is_nordic_org_number(text)  # a company's tax number too, by its check digits
    else:
        ok = (
            v.is_dashed_ein(text) and key_names_organisation_id(leaf.key, leaf.parent)
        ) or v.is_chinese_credit_code(text)
    if not ok or _placeholder(text) or all_zero_number(text) or never_issued_tin(text):
        return {}
    if v.codice_fiscale_shape(text):
        return {"national_id": LIKELY}  # a person's Italian tax code: a national id (v2's list)
    return {"tax_id": LIKELY}


_NATIONAL, _SSN = CLASSES.index("national_id"), CLASSES.index("us_ssn")


def _personal_id(value: str, krow: npt.NDArray[np.float64]) -> dict[str, float]:
    """A personal identity number whose country's check passes (`v.is_personal_id`: NIR,
    codice fiscale, PESEL, personnummer, …) under a key the key model takes for a national
    or social security number (≥ 0.5 together): a national id, whichever kind was guessed
    (not under a passport's or licence's key, whose numbers may pass by chance). Under a tax
    key only a codice fiscale, whose letters no tax number has: the convention calls it a
    national id under ``tax_code`` too; digits-only personal numbers there are too often a
    tax number passing by chance (an INN, a NIP)."""
    if not 10 <= len(value) <= 24:
        return {}
    key_share = krow[_NATIONAL] + krow[_SSN]
    if v.is_codice_fiscale(value):
        key_share += krow[_TAX]
    if key_share < KEY_FALLBACK:
        return {}
    return {"national_id": LIKELY} if v.is_personal_id(value) else {}


def _value_findings(leaf: Leaf) -> tuple[dict[str, float], bool]:
    """Types the value proves by itself with their confidence, and whether they were found
    inside a sentence (then they do not overrule the model's verdict on the whole value)."""
    value = leaf.value
    if isinstance(value, bool) or not isinstance(value, str | int):
        return {}, False
    if password_hash_by_key(value, leaf.key):
        return {"password": PROVEN}, False  # not the secret its random part looks like
    text = str(value)
    out: dict[str, float] = {}
    for _, type_id, proves, floor in _EVIDENT:
        if proves(value):
            out[type_id] = floor
    uninformative = is_uninformative(leaf.key)
    context = f"{leaf.hint} {leaf.parent}".strip() if uninformative else ""
    proof = whole_value(text, leaf.key, uninformative, context)
    if proof is not None and not _placeholder(value):
        out[proof[0]] = proof[1]
    if "email" in out and key_says_message_id(leaf.key):
        del out["email"]  # a SIP Call-ID or a Message-ID written like an address
    if isinstance(value, str) and not out:
        name = v.mailbox_display_name(value)
        if name is not None and reads_as_full_name(name):  # ``Joe Smith <joe@example.com>``
            return {"email": PROVEN, "person_name": LIKELY}, False
        if "://" in value and " " not in value:
            return dict.fromkeys(in_url(value), PROVEN), True
        return dict.fromkeys(in_text(value), PROVEN), True
    return out, False
