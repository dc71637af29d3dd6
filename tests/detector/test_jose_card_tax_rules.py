"""The rules of the v5dev round on whole documents (the committed model): a card under a bare
``number``, JOSE compact serializations, JSON Web Key members, tax ids by their kind."""

from __future__ import annotations

import base64
from typing import Any

from detector import validators as v
from detector.engine import DetectionEngine
from detector.eval.errors import READABLE


def _found(engine: DetectionEngine, body: Any) -> set[tuple[str, str]]:
    return {(d.path, d.type) for d in engine.detect(body)}


def test_the_error_lister_reads_v5dev_and_refuses_every_test_split() -> None:
    assert "v5dev" in READABLE
    assert not [s for s in READABLE if "test" in s]


def test_a_card_under_a_bare_number_key_is_a_card(engine: DetectionEngine) -> None:
    body = {"number": "4111111111111111", "expiration_date": "05/2029", "cvv": "123"}
    found = _found(engine, body)
    assert ("$.number", "credit_card") in found
    assert ("$.number", "national_id") not in found


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


_SIG = _b64(bytes(range(32)))


def test_jose_compact_serializations_are_jwts(engine: DetectionEngine) -> None:
    head = _b64(b'{"alg":"HS256","kid":"018c0ae5"}')
    jws = f"{head}.{_b64(b'It is a dangerous business, Frodo')}.{_SIG}"
    plain_head = _b64(b'{"alg":"HS256","b64":false}')
    unencoded = f"{plain_head}.This is the payload string!.{_SIG}"
    jwe_head = _b64(b'{"alg":"RSA-OAEP","enc":"A256GCM"}')
    jwe = f"{jwe_head}.{_SIG}.{_b64(b'iv-iv-iv-iv')}.{_SIG}{_SIG}.{_b64(b'tag-tag-tag-tag')}"
    for token in (jws, unencoded, jwe):
        assert v.is_jose_compact(token), token
        assert v.is_jwt_token(token)
    assert ("$.output.compact", "jwt") in _found(engine, {"output": {"compact": jws}})
    assert ("$.token", "jwt") in _found(engine, {"token": jwe})


def test_what_is_no_jose_serialization() -> None:
    plain_head = _b64(b'{"alg":"HS256","b64":false}')
    no_alg, hs256 = _b64(b'{"typ":"x"}'), _b64(b'{"alg":"HS256"}')
    assert not v.is_jose_compact(f"{plain_head}.$.02")  # a signing input: no signature
    assert not v.is_jose_compact(f"{no_alg}.{_SIG}.{_SIG}")  # no alg
    assert not v.is_jose_compact(f"{hs256}..")  # unsigned, alg not none
    assert not v.is_jose_compact(f"{hs256}.{_SIG}.{_SIG}.{_SIG}.{_SIG}")  # five parts, no enc
    assert not v.is_jose_compact(f"eyJub3QganNvbg.{_SIG}.{_SIG}")  # header not JSON


def test_a_detached_signature_is_no_jwt(engine: DetectionEngine) -> None:
    # RFC 7515 appendix F (a Linked Data proof's ``jws``): a signature over content sent apart
    head = _b64(b'{"alg":"EdDSA","b64":false,"crit":["b64"]}')
    detached = f"{head}..{_SIG}"
    assert not v.is_jose_compact(detached)
    assert not v.is_jwt_token(detached)
    assert _found(engine, {"proof": {"type": "Ed25519Signature2018", "jws": detached}}) == set()


def test_a_json_web_keys_private_members_are_secrets(engine: DetectionEngine) -> None:
    big = _b64(bytes(range(7, 71)))
    rsa = {"kty": "RSA", "kid": "bilbo.baggins@hobbiton.example", "use": "sig", "n": big,
           "e": "AQAB", "d": big[::-1], "p": big[3:], "q": big[5:], "dp": big[7:],
           "dq": big[9:], "qi": big[11:]}  # fmt: skip
    found = _found(engine, {"input": {"key": rsa}})
    for member in ("d", "p", "q", "dp", "dq", "qi"):
        assert (f"$.input.key.{member}", "secret_key") in found, member
    assert ("$.input.key.kid", "email") in found
    assert not [p for p, t in found if p.endswith((".n", ".e")) or t in ("password", "jwt")]
    sym = {"keys": [{"kty": "oct", "kid": "018c0ae5", "k": _SIG}]}
    assert _found(engine, sym) == {("$.keys[*].k", "secret_key")}
    ec = {"kty": "EC", "crv": "P-521", "x": big, "y": big[::-1]}
    assert _found(engine, {"key": ec}) == set()


def test_single_letter_keys_outside_a_json_web_key_are_not_secrets(
    engine: DetectionEngine,
) -> None:
    body = {"point": {"x": _SIG, "d": _SIG, "k": _SIG}, "kty": "unknown"}
    assert not [t for _, t in _found(engine, body) if t == "secret_key"]


def test_identity_number_layouts() -> None:
    assert v.is_gstin("18AABCU9603R1ZM")
    assert not v.is_gstin("18AABCU9603R1ZN")  # check character
    assert v.is_indian_pan("AAACL1234C")
    assert not v.is_indian_pan("AAAXL1234C")  # no holder kind X
    assert v.is_uk_nino("AA000003D")
    assert v.is_uk_nino("AB 12 34 56 C")
    assert not v.is_uk_nino("GB123456A")
    assert not v.is_uk_nino("AB123456E")
    assert v.is_spanish_dni("12345678Z")
    assert v.is_spanish_dni("X1234567L")
    assert v.is_spanish_dni("66666666q")
    assert not v.is_spanish_dni("12345678A")  # check letter


def test_tax_and_national_ids_by_their_layout(engine: DetectionEngine) -> None:
    body = {"legal_info": {"gst": "18AABCU9603R1ZM", "pan": "AAACL1234C", "cin": "U67190"}}
    found = _found(engine, body)
    assert ("$.legal_info.gst", "tax_id") in found
    assert ("$.legal_info.pan", "tax_id") in found
    assert ("$.legal_info.pan", "credit_card") not in found
    dni = {"idDocument": "66666666q", "name": "Ann"}
    assert ("$.idDocument", "national_id") in _found(engine, dni)
    nino = {"socialSecurityRecord": [{"personalNumber": "AA000003D"}]}
    assert ("$.socialSecurityRecord[*].personalNumber", "national_id") in _found(engine, nino)


def test_a_layout_alone_is_no_identity_number(engine: DetectionEngine) -> None:
    # a NINO- or DNI-shaped code under a key that names no identity number stays unreported
    body = {"sku": "AB123456C", "order_ref": "12345678Z", "pan_size": "AAACL1234C"}
    assert not [t for _, t in _found(engine, body) if t in ("national_id", "tax_id")]


def test_a_stand_in_repeating_its_key_is_no_data(engine: DetectionEngine) -> None:
    from detector.value_rules import echoes_key

    assert echoes_key("AddressLine1", "AddressLine1")
    assert echoes_key("FirstName", "UpdatedFirstName")
    assert not echoes_key("family", "Family")  # a one-word key may hold a surname
    assert not echoes_key("FirstName", "Updated First Name Smith")
    assert not echoes_key("lastName", "Brandname")
    body = {"Address": {"AddressLine1": "AddressLine1", "City": "Paris"}, "FirstName": "Ann"}
    found = _found(engine, body)
    assert ("$.Address.AddressLine1", "street_address") not in found
    assert ("$.FirstName", "person_name") in found


def test_carriers_are_no_peoples_names_but_test_users_are(engine: DetectionEngine) -> None:
    body = {
        "participants": [{"name": "Test User", "email": "a@example.com"}],
        "owner": {"name": "British Airways", "iata_code": "BA"},
        "passengers": [{"given_name": "Amelia", "family_name": "Earhart"}],
    }
    found = _found(engine, body)
    # a test value in a name's shape is a name under the one labelling convention (session 15)
    assert ("$.participants[*].name", "person_name") in found
    assert ("$.owner.name", "person_name") not in found
    assert ("$.passengers[*].family_name", "person_name") in found


def test_a_document_number_under_a_tax_key_is_no_national_id(engine: DetectionEngine) -> None:
    body = {"individual": {"national_tax_id": "1234567", "first_name": "Ann"}}
    assert not [t for _, t in _found(engine, body) if t == "national_id"]
    found = _found(engine, {"individual": {"national_tax_id": "12345678901"}})
    assert ("$.individual.national_tax_id", "tax_id") in found


def test_an_integer_birthday_under_a_birth_date_key_is_a_unix_time(
    engine: DetectionEngine,
) -> None:
    found = _found(engine, {"Birthday": 25755342, "FirstName": "Ann"})  # 1970-10-28
    assert ("$.Birthday", "date_of_birth") in found
    assert ("$.birthday", "date_of_birth") in _found(engine, {"birthday": 25755342000})  # ms
    assert not _found(engine, {"Birthday": 2_000_000_000})  # 2033: nobody's birthday yet
    assert not _found(engine, {"created": 25755342, "order_total": 1231432})


def test_stand_ins_codes_and_masks_are_no_secrets_names_or_addresses() -> None:
    from detector.value_rules import not_personal_shape

    for stand_in in (
        "APP_USR-001",
        "TG-001-test-refresh-token",
        "org:posts:create",
        "token_Ia5ip8Ix07JDRm",
    ):
        assert not_personal_shape("secret_key", stand_in), stand_in
    for secret in ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "APP_USR-6295877106812064-042916-5ab7"):
        assert not not_personal_shape("secret_key", secret), secret
    assert not_personal_shape("street_address", "E.ADDRESS.NOT_FOUND")
    assert not_personal_shape("person_name", "YYYY")
    assert not not_personal_shape("person_name", "Yves")
    assert not not_personal_shape("street_address", "10 DOWNING ST")


def test_the_name_of_a_place_is_no_persons_or_login(engine: DetectionEngine) -> None:
    body = {
        "slices": [{"origin": {"name": "Heathrow", "iata_code": "LHR"},
                    "destination": {"airports": [{"name": "Gatwick", "iata_code": "LGW"}]}}],
        "passengers": [{"name": "Amelia Earhart", "type": "adult"}],
    }  # fmt: skip
    found = _found(engine, body)
    assert not [p for p, t in found if "slices" in p and t in ("person_name", "username")]
    assert ("$.passengers[*].name", "person_name") in found
