"""Documents from Faker (a generator training never uses) in shapes of public APIs.

    python -m detector.eval.make_faker   # rewrites data/faker.jsonl (needs the `eval` extra)

The key vocabularies and nestings below were written from the public API references of the
services named in each family (payments, CRM, identity, e-commerce, HR, telecom, banking),
not from `detector.synth`. Values come from Faker in the family's locale.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from faker import Faker

from detector.eval.labels import S, materialize

SEED = 31337
DOCS_PER_FAMILY = 30
OUT = Path(__file__).resolve().parent / "data" / "faker.jsonl"

Family = Callable[[Faker, random.Random], Any]


def _phone(f: Faker) -> str:
    while True:  # extensions ("x123") are not part of a number
        p = str(f.phone_number())
        if "x" not in p.lower():
            return p


def _dob(f: Faker) -> str:
    return str(f.date_of_birth(minimum_age=18, maximum_age=90).isoformat())


def _ts(f: Faker) -> str:
    return str(f.date_time_between("-2y", "now").isoformat()) + "Z"


def _oid(rng: random.Random, prefix: str, n: int = 14) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return prefix + "".join(rng.choice(alphabet) for _ in range(n))


def payments_customer(f: Faker, rng: random.Random) -> Any:
    return {
        "id": _oid(rng, "cus_"),
        "object": "customer",
        "created": rng.randint(1_600_000_000, 1_760_000_000),
        "name": S("person_name", f.name()),
        "email": S("email", f.email()),
        "phone": S("phone", _phone(f)),
        "address": {
            "line1": S("street_address", f.street_address()),
            "city": f.city(),
            "postal_code": f.postcode(),
            "country": f.country_code(),
        },
        "invoice_prefix": _oid(rng, "", 8).upper(),
        "livemode": False,
        "metadata": {"crm_ref": str(rng.randint(10_000, 99_999_999))},
    }


def payments_charge(f: Faker, rng: random.Random) -> Any:
    return {
        "id": _oid(rng, "ch_", 24),
        "amount": rng.randint(100, 99_999),
        "currency": "usd",
        "billing_details": {
            "name": S("person_name", f.name()),
            "email": S("email", f.email()),
            "address": {"line1": S("street_address", f.street_address()), "zip": f.postcode()},
        },
        "payment_method_details": {
            "card": {"brand": "visa", "last4": str(rng.randint(1000, 9999)), "exp_year": 2029}
        },
        "receipt_number": str(rng.randint(1000, 9999)) + "-" + str(rng.randint(1000, 9999)),
        "balance_transaction": _oid(rng, "txn_", 24),
    }


def psp_payment_request(f: Faker, rng: random.Random) -> Any:
    return {
        "merchantAccount": "ShopCom" + str(rng.randint(1, 99)),
        "reference": f"ORDER-{rng.randint(100000, 999999)}",
        "amount": {"value": rng.randint(100, 99_999), "currency": "EUR"},
        "paymentMethod": {
            "type": "scheme",
            "number": S("credit_card", f.credit_card_number()),
            "holderName": S("person_name", f.name()),
            "expiryMonth": "03",
            "expiryYear": "2030",
        },
        "shopperEmail": S("email", f.email()),
        "shopperIP": S("ip_address", f.ipv4_public()),
        "shopperName": {
            "firstName": S("person_name", f.first_name()),
            "lastName": S("person_name", f.last_name()),
        },
        "telephoneNumber": S("phone", _phone(f)),
        "dateOfBirth": S("date_of_birth", _dob(f)),
        "shopperReference": _oid(rng, "shopper-", 10),
    }


def sepa_mandate(f: Faker, rng: random.Random) -> Any:
    return {
        "mandate": {
            "reference": f"MD-{rng.randint(10**7, 10**8)}",
            "scheme": "sepa_core",
            "signedAt": _ts(f),
        },
        "debtor": {
            "name": S("person_name", f.name()),
            "iban": S("iban", f.iban()),
            "bic": f.swift(),
            "address": {"street": S("street_address", f.street_address()), "city": f.city()},
        },
        "creditorId": f"DE98ZZZ0{rng.randint(10**9, 10**10 - 1)}",
    }


def crm_contact(f: Faker, rng: random.Random) -> Any:
    return {
        "Id": "003" + _oid(rng, "", 15),
        "FirstName": S("person_name", f.first_name()),
        "LastName": S("person_name", f.last_name()),
        "Email": S("email", f.email()),
        "MobilePhone": S("phone", _phone(f)),
        "Birthdate": S("date_of_birth", _dob(f)),
        "MailingStreet": S("street_address", f.street_address()),
        "MailingCity": f.city(),
        "MailingPostalCode": f.postcode(),
        "AccountId": "001" + _oid(rng, "", 15),
        "LeadSource": rng.choice(["Web", "Partner", "Trade Show"]),
        "CreatedDate": _ts(f),
    }


def crm_properties(f: Faker, rng: random.Random) -> Any:
    return {
        "id": str(rng.randint(10**9, 10**11)),
        "properties": {
            "firstname": S("person_name", f.first_name()),
            "lastname": S("person_name", f.last_name()),
            "email": S("email", f.email()),
            "mobilephone": S("phone", _phone(f)),
            "company": f.company(),
            "jobtitle": f.job(),
            "hs_object_id": str(rng.randint(10**9, 10**11)),
            "lifecyclestage": "lead",
        },
        "createdAt": _ts(f),
        "archived": False,
    }


def identity_user(f: Faker, rng: random.Random) -> Any:
    return {
        "user_id": "auth0|" + uuid.UUID(int=rng.getrandbits(128)).hex[:24],
        "email": S("email", f.email()),
        "email_verified": True,
        "nickname": S("username", f.user_name()),
        "given_name": S("person_name", f.first_name()),
        "family_name": S("person_name", f.last_name()),
        "last_ip": S("ip_address", f.ipv4()),
        "logins_count": rng.randint(1, 500),
        "created_at": _ts(f),
        "identities": [
            {"provider": "auth0", "user_id": uuid.UUID(int=rng.getrandbits(128)).hex[:24]}
        ],
    }


def directory_profile(f: Faker, rng: random.Random) -> Any:
    return {
        "id": "00u" + _oid(rng, "", 17),
        "status": "ACTIVE",
        "profile": {
            "login": S("username", f.user_name()),
            "firstName": S("person_name", f.first_name()),
            "lastName": S("person_name", f.last_name()),
            "mobilePhone": S("phone", _phone(f)),
            "secondEmail": S("email", f.email()),
            "streetAddress": S("street_address", f.street_address()),
            "employeeNumber": str(rng.randint(1000, 99999)),
            "costCenter": f"CC-{rng.randint(100, 999)}",
        },
        "credentials": {"password": {"value": S("password", f.password(length=14))}},
    }


def shop_order(f: Faker, rng: random.Random) -> Any:
    return {
        "order_number": rng.randint(1000, 99999),
        "name": f"#{rng.randint(1000, 99999)}",
        "contact_email": S("email", f.email()),
        "browser_ip": S("ip_address", f.ipv4()),
        "total_price": f"{rng.uniform(5, 900):.2f}",
        "customer": {
            "first_name": S("person_name", f.first_name()),
            "last_name": S("person_name", f.last_name()),
            "phone": S("phone", _phone(f)),
        },
        "shipping_address": {
            "address1": S("street_address", f.street_address()),
            "city": f.city(),
            "zip": f.postcode(),
            "latitude": S("geo_location", float(f.latitude())),
            "longitude": S("geo_location", float(f.longitude())),
        },
        "line_items": [
            {"sku": f"{f.word().upper()}-{rng.randint(100, 999)}", "quantity": rng.randint(1, 5)}
        ],
        "note": f.sentence(),
        "checkout_token": uuid.UUID(int=rng.getrandbits(128)).hex,
    }


def hr_employee(f: Faker, rng: random.Random) -> Any:
    return {
        "employeeId": f"E{rng.randint(10000, 99999)}",
        "legalName": {
            "givenName": S("person_name", f.first_name()),
            "familyName1": S("person_name", f.last_name()),
        },
        "birthDate": S("date_of_birth", _dob(f)),
        "genderCode": S("gender", rng.choice(["M", "F", "male", "female", "X"])),
        "governmentIDs": [{"idValue": S("us_ssn", f.ssn()), "nameCode": "SSN"}],
        "homeAddress": {"lineOne": S("street_address", f.street_address()), "cityName": f.city()},
        "payrollGroupCode": rng.choice(["A1", "B7", "W2"]),
        "hireDate": f.date_between("-10y", "today").isoformat(),
        "directDeposit": {
            "routingNumber": S("bank_account", f.aba()),
            "accountNumber": S("bank_account", f.bban()[-10:]),
        },
    }


def telecom_device(f: Faker, rng: random.Random) -> Any:
    return {
        "deviceId": uuid.UUID(int=rng.getrandbits(128)).hex,
        "imei": "".join(str(rng.randint(0, 9)) for _ in range(15)),
        "msisdn": S("phone", _phone(f)),
        "macAddress": S("mac_address", f.mac_address()),
        "ipv6": S("ip_address", f.ipv6()),
        "firmware": f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}",
        "lastSeen": _ts(f),
        "location": {
            "lat": S("geo_location", float(f.latitude())),
            "lng": S("geo_location", float(f.longitude())),
        },
    }


def open_banking_account(f: Faker, rng: random.Random) -> Any:
    return {
        "account_id": _oid(rng, "", 24),
        "mask": str(rng.randint(1000, 9999)),
        "official_name": "Checking " + str(rng.randint(1, 9)),
        "numbers": {
            "ach": [
                {
                    "account": S("bank_account", str(rng.randint(10**9, 10**12))),
                    "routing": S("bank_account", f.aba()),
                    "wire_routing": S("bank_account", f.aba()),
                }
            ]
        },
        "owners": [
            {
                "names": [S("person_name", f.name())],
                "emails": [{"data": S("email", f.email()), "primary": True}],
                "phone_numbers": [{"data": S("phone", _phone(f)), "type": "mobile"}],
            }
        ],
        "balances": {"available": round(rng.uniform(0, 9999), 2), "iso_currency_code": "USD"},
    }


def support_ticket(f: Faker, rng: random.Random) -> Any:
    email = f.email()
    return {
        "ticket": {
            "id": rng.randint(10000, 9_999_999),
            "subject": f.sentence(nb_words=5),
            "requester": {"name": S("person_name", f.name()), "email": S("email", email)},
            "comment": {"body": S("email", f"Please reply to {email} when this is fixed.")},
            "priority": "normal",
            "tags": [f.word(), f.word()],
            "external_id": f"EXT-{rng.randint(10**5, 10**7)}",
        }
    }


def signup_form(f: Faker, rng: random.Random) -> Any:
    return {
        "username": S("username", f.user_name()),
        "password": S("password", f.password(length=rng.randint(10, 18))),
        "password_confirmation": S("password", f.password(length=12)),
        "email": S("email", f.email()),
        "accept_terms": True,
        "referral_code": _oid(rng, "", 8).upper(),
        "utm_source": rng.choice(["newsletter", "google", "partner"]),
    }


def de_customer(f: Faker, rng: random.Random) -> Any:
    return {
        "kundennummer": f"K{rng.randint(100000, 999999)}",
        "anrede": S("gender", rng.choice(["Herr", "Frau"])),
        "vorname": S("person_name", f.first_name()),
        "nachname": S("person_name", f.last_name()),
        "geburtsdatum": S("date_of_birth", f.date_of_birth(minimum_age=18).strftime("%d.%m.%Y")),
        "anschrift": {
            "strasse": S("street_address", f.street_address()),
            "plz": f.postcode(),
            "ort": f.city(),
        },
        "bankverbindung": {"iban": S("iban", f.iban()), "bic": f.swift()},
        "telefonnummer": S("phone", _phone(f)),
        "erstellt_am": _ts(f),
    }


def fr_client(f: Faker, rng: random.Random) -> Any:
    return {
        "identifiant": rng.randint(10000, 999999),
        "civilite": S("gender", rng.choice(["M.", "Mme"])),
        "prenom": S("person_name", f.first_name()),
        "nom_de_famille": S("person_name", f.last_name()),
        "courriel": S("email", f.email()),
        "telephone_portable": S("phone", _phone(f)),
        "adresse_postale": S("street_address", f.street_address()),
        "code_postal": f.postcode(),
        "numero_commande": f"CMD{rng.randint(10**6, 10**7)}",
    }


def es_cliente(f: Faker, rng: random.Random) -> Any:
    return {
        "id_cliente": rng.randint(10000, 999999),
        "nombre_completo": S("person_name", f.name()),
        "correo_electronico": S("email", f.email()),
        "movil": S("phone", _phone(f)),
        "domicilio": S("street_address", f.street_address()),
        "fecha_de_nacimiento": S("date_of_birth", _dob(f)),
        "cuenta_bancaria": S("iban", f.iban()),
        "numero_pedido": f"PED-{rng.randint(10**5, 10**6)}",
    }


def br_cadastro(f: Faker, rng: random.Random) -> Any:
    return {
        "codigo": rng.randint(1000, 99999),
        "nomeCompleto": S("person_name", f.name()),
        "cpf": S("national_id", f.cpf()),
        "dataNascimento": S("date_of_birth", _dob(f)),
        "celular": S("phone", _phone(f)),
        "logradouro": S("street_address", f.street_address()),
        "cep": f.postcode(),
        "protocolo": f"{rng.randint(10**9, 10**10)}",
    }


def jp_kaiin(f: Faker, rng: random.Random) -> Any:
    return {
        "会員番号": f"M{rng.randint(10**6, 10**7)}",
        "氏名": S("person_name", f.name()),
        "メールアドレス": S("email", f.email()),
        "電話番号": S("phone", _phone(f)),
        "住所": S("street_address", f.address().replace("\n", " ")),
        "生年月日": S("date_of_birth", _dob(f)),
        "登録日時": _ts(f),
    }


def nl_klant(f: Faker, rng: random.Random) -> Any:
    return {
        "klantnummer": rng.randint(10000, 999999),
        "voorletters": S("person_name", f.first_name()[0] + "."),
        "achternaam": S("person_name", f.last_name()),
        "e_mailadres": S("email", f.email()),
        "rekeningnummer": S("iban", f.iban()),
        "bsn": S("national_id", f.ssn()),
        "woonadres": S("street_address", f.street_address()),
    }


def pl_klient(f: Faker, rng: random.Random) -> Any:
    return {
        "idKlienta": rng.randint(10000, 999999),
        "imie": S("person_name", f.first_name()),
        "nazwisko": S("person_name", f.last_name()),
        "pesel": S("national_id", f.pesel()),
        "nip": S("tax_id", f.nip()),
        "numerTelefonu": S("phone", _phone(f)),
        "adres": S("street_address", f.street_address()),
        "numerZamowienia": f"ZAM/{rng.randint(1, 999)}/{rng.randint(2020, 2026)}",
    }


def it_anagrafica(f: Faker, rng: random.Random) -> Any:
    return {
        "codiceCliente": f"C{rng.randint(10**5, 10**6)}",
        "nome": S("person_name", f.first_name()),
        "cognome": S("person_name", f.last_name()),
        "codiceFiscale": S("national_id", f.ssn()),
        "partitaIva": S("tax_id", f.company_vat()),
        "indirizzo": S("street_address", f.street_address()),
        "cellulare": S("phone", _phone(f)),
        "pec": S("email", f.email()),
    }


def us_tax_form(f: Faker, rng: random.Random) -> Any:
    return {
        "formType": "W-9",
        "payee": {
            "legalName": S("person_name", f.name()),
            "tin": S("us_ssn", f.ssn()),
            "tinType": "SSN",
            "address": S("street_address", f.street_address()),
        },
        "requester": {"businessName": f.company(), "ein": S("tax_id", f.ein())},
        "submittedAt": _ts(f),
        "confirmationNumber": str(rng.randint(10**11, 10**12)),
    }


def travel_booking(f: Faker, rng: random.Random) -> Any:
    return {
        "pnr": _oid(rng, "", 6).upper(),
        "travelers": [
            {
                "travelerId": str(rng.randint(1, 9)),
                "name": {
                    "firstName": S("person_name", f.first_name().upper()),
                    "lastName": S("person_name", f.last_name().upper()),
                },
                "dateOfBirth": S("date_of_birth", _dob(f)),
                "gender": S("gender", rng.choice(["MALE", "FEMALE"])),
                "documents": [
                    {
                        "documentType": "PASSPORT",
                        "number": S("passport_number", f.passport_number()),
                        "expiryDate": f.date_between("+1y", "+9y").isoformat(),
                    }
                ],
                "contact": {"emailAddress": S("email", f.email())},
            }
        ],
        "flightOffers": [{"id": "1", "price": {"total": f"{rng.uniform(80, 2000):.2f}"}}],
    }


def car_rental(f: Faker, rng: random.Random) -> Any:
    state = f.state_abbr()
    return {
        "reservationId": f"R{rng.randint(10**8, 10**9)}",
        "driver": {
            "fullName": S("person_name", f.name()),
            "licenseNumber": S("drivers_license", f"{state[0]}{rng.randint(10**6, 10**8)}"),
            "licenseState": state,
            "dob": S("date_of_birth", _dob(f)),
        },
        "vehicle": {"vin": _oid(rng, "1HG", 14).upper(), "plate": f.license_plate()},
        "pickup": {
            "lat": S("geo_location", float(f.latitude())),
            "lon": S("geo_location", float(f.longitude())),
        },
    }


def ci_deploy(f: Faker, rng: random.Random) -> Any:
    return {
        "deployment": {
            "id": rng.randint(10**6, 10**9),
            "sha": f.sha1(),
            "ref": "refs/heads/main",
            "environment": "production",
            "creator": {"login": S("username", f.user_name()), "id": rng.randint(1000, 10**7)},
        },
        "build": {"number": rng.randint(1, 9999), "duration_ms": rng.randint(1000, 10**6)},
        "artifact_digest": "sha256:" + f.sha256(),
        "trace_id": f.md5() + f.md5()[:0],
        "span_id": f.md5()[:16],
    }


def analytics_event(f: Faker, rng: random.Random) -> Any:
    return {
        "event": rng.choice(["page_view", "add_to_cart", "purchase"]),
        "anonymousId": str(uuid.UUID(int=rng.getrandbits(128))),
        "messageId": str(uuid.UUID(int=rng.getrandbits(128))),
        "timestamp": _ts(f),
        "context": {
            "ip": S("ip_address", f.ipv4()),
            "userAgent": f.user_agent(),
            "locale": f.locale(),
            "page": {"url": f.url(), "referrer": f.url()},
        },
        "traits": {"email": S("email", f.email()), "name": S("person_name", f.name())},
        "properties": {
            "revenue": round(rng.uniform(1, 500), 2),
            "order_id": str(rng.randint(10**5, 10**9)),
        },
    }


def inventory_item(f: Faker, rng: random.Random) -> Any:
    """A document with no personal data at all (negatives only)."""
    return {
        "sku": f"{f.word().upper()}-{rng.randint(1000, 9999)}",
        "ean": f.ean13(),
        "isbn": f.isbn13(),
        "title": f.catch_phrase(),
        "warehouse": {"code": f"WH{rng.randint(1, 99)}", "city": f.city()},
        "stock": rng.randint(0, 5000),
        "batch": f.bothify("??-####-##").upper(),
        "version": f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 200)}",
        "checksum": f.md5(),
        "updatedAt": _ts(f),
        "color": f.color_name(),
    }


FAMILIES: dict[str, tuple[Family, str]] = {
    "faker/payments_customer": (payments_customer, "en_US"),
    "faker/payments_charge": (payments_charge, "en_GB"),
    "faker/psp_payment_request": (psp_payment_request, "nl_NL"),
    "faker/sepa_mandate": (sepa_mandate, "de_DE"),
    "faker/crm_contact": (crm_contact, "en_US"),
    "faker/crm_properties": (crm_properties, "en_GB"),
    "faker/identity_user": (identity_user, "en_US"),
    "faker/directory_profile": (directory_profile, "sv_SE"),
    "faker/shop_order": (shop_order, "en_CA"),
    "faker/hr_employee": (hr_employee, "en_US"),
    "faker/telecom_device": (telecom_device, "en_GB"),
    "faker/open_banking_account": (open_banking_account, "en_US"),
    "faker/support_ticket": (support_ticket, "en_AU"),
    "faker/signup_form": (signup_form, "tr_TR"),
    "faker/de_customer": (de_customer, "de_DE"),
    "faker/fr_client": (fr_client, "fr_FR"),
    "faker/es_cliente": (es_cliente, "es_ES"),
    "faker/br_cadastro": (br_cadastro, "pt_BR"),
    "faker/jp_kaiin": (jp_kaiin, "ja_JP"),
    "faker/nl_klant": (nl_klant, "nl_NL"),
    "faker/pl_klient": (pl_klient, "pl_PL"),
    "faker/it_anagrafica": (it_anagrafica, "it_IT"),
    "faker/us_tax_form": (us_tax_form, "en_US"),
    "faker/travel_booking": (travel_booking, "en_US"),
    "faker/car_rental": (car_rental, "en_US"),
    "faker/ci_deploy": (ci_deploy, "en_US"),
    "faker/analytics_event": (analytics_event, "fr_FR"),
    "faker/inventory_item": (inventory_item, "de_DE"),
}


def generate() -> list[dict[str, Any]]:
    """Every family's documents, deterministic for `SEED`."""
    out = []
    for i, (family, (make, locale)) in enumerate(FAMILIES.items()):
        fake = Faker(locale)
        fake.seed_instance(SEED + i)
        rng = random.Random(SEED * 100 + i)  # noqa: S311 (reproducible data)
        for _ in range(DOCS_PER_FAMILY):
            body, labels = materialize(make(fake, rng))
            out.append({"family": family, "body": body, "labels": sorted(labels)})
    return out


def main() -> None:
    docs = generate()
    with OUT.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False, default=str) + "\n")
    print(f"{len(docs)} documents → {OUT}")


if __name__ == "__main__":
    main()
