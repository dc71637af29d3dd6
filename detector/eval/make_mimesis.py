"""Make ``data/v2/mimesis.jsonl``: API bodies from the Mimesis generator, labelled at birth.

Each family is one API shape of a kind of service, its key vocabulary written for the v2 set
from public API specifications (FHIR, JSON:API, HAL, OData, GraphQL connections, payment
and payroll APIs) and local forms; Mimesis fills the values in the family's locale and
``v2_values`` draws the checksummed numbers. Seeded and deterministic: ``python -m
detector.eval.make_mimesis`` rewrites the same file.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mimesis import Address, Cryptographic, Datetime, Finance, Internet, Person, Text
from mimesis.enums import Gender
from mimesis.locales import Locale

from detector.eval import v2_values as v
from detector.eval.labels import S, materialize

SEED = 20261205
PER_FAMILY = 20
OUT = Path(__file__).resolve().parent / "data" / "v2" / "mimesis.jsonl"


class Gen:
    """Seeded Mimesis providers of one locale plus a ``random.Random`` for our own draws."""

    def __init__(self, locale: Locale, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
        self.person = Person(locale, seed=seed)
        self.address = Address(locale, seed=seed)
        self.internet = Internet(seed=seed)
        self.crypto = Cryptographic(seed=seed)
        self.date = Datetime(locale, seed=seed)
        self.finance = Finance(locale, seed=seed)
        self.text = Text(locale, seed=seed)

    def ts(self) -> str:
        """An ISO-8601 UTC timestamp in 2024-2025."""
        return str(self.date.datetime(start=2024, end=2025).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def day(self) -> str:
        return str(self.date.date(start=2024, end=2025).isoformat())

    def dob(self) -> str:
        return str(self.person.birthdate(min_year=1946, max_year=2004).isoformat())

    def amount(self, lo: float = 5, hi: float = 5000) -> float:
        return round(self.rng.uniform(lo, hi), 2)

    def street(self) -> str:
        return str(self.address.address())

    def lat_lng(self) -> tuple[float, float]:
        return round(float(self.address.latitude()), 6), round(float(self.address.longitude()), 6)

    def gender(self) -> Gender:
        return self.rng.choice((Gender.FEMALE, Gender.MALE))

    def ipv4(self) -> str:
        return str(self.internet.ip_v4())


Family = Callable[[Gen], Any]

#: Envelope fields of real APIs whose values look like identifiers but name nothing personal.
NOISE: tuple[tuple[str, Callable[[Gen], Any]], ...] = (
    ("request_id", lambda g: f"req_{v.hex_id(g.rng, 24)}"),
    ("traceId", lambda g: v.hex_id(g.rng, 32)),
    ("spanId", lambda g: v.hex_id(g.rng, 16)),
    ("traceparent", lambda g: f"00-{v.hex_id(g.rng, 32)}-{v.hex_id(g.rng, 16)}-01"),
    ("etag", lambda g: f'W/"{v.hex_id(g.rng, 16)}"'),
    ("schemaVersion", lambda g: v.version(g.rng)),
    ("apiVersion", lambda g: g.day()),
    ("updatedAt", lambda g: g.ts()),
    ("updated_unix", lambda g: g.rng.randint(1_700_000_000, 1_800_000_000)),
    ("correlationId", lambda g: v.uuid4(g.rng)),
    ("invoiceNumber", lambda g: v.luhn_order_number(g.rng)),
    ("orderRef", lambda g: v.luhn_order_number(g.rng)),
    ("sku", lambda g: v.sku(g.rng)),
    ("contentSha256", lambda g: v.hex_id(g.rng, 64)),
    ("amountMinor", lambda g: g.rng.randint(100, 10**6)),
    ("currency", lambda g: g.rng.choice(["EUR", "USD", "SEK", "TRY", "JPY", "KRW"])),
    ("country", lambda g: g.rng.choice(["SE", "TR", "PT", "DK", "NO", "FI", "CZ", "GR"])),
    ("locale", lambda g: g.rng.choice(["sv-SE", "tr-TR", "pt-PT", "da-DK", "en-GB"])),
    ("tenantId", lambda g: f"t_{v.token(g.rng, 10)}"),
    ("nextPageToken", lambda g: v.cursor(g.rng)),
    ("buildNumber", lambda g: g.rng.randint(1000, 99999)),
    ("batchId", lambda g: f"B{v.digits(g.rng, 12)}"),
    ("rateLimitRemaining", lambda g: g.rng.randint(0, 5000)),
    ("region", lambda g: g.internet.cloud_region()),
)


def add_envelope(g: Gen, body: Any, nested: bool) -> Any:
    """``body`` with 6 to 10 non-personal envelope fields, at its top or under ``meta``."""
    if not isinstance(body, dict):
        return body
    picked = g.rng.sample(NOISE, g.rng.randint(6, 10))
    extra = {k: make(g) for k, make in picked if k not in body}
    if not nested:
        return {**body, **extra}
    meta = body.get("meta", {})
    return {**body, "meta": {**meta, **extra}} if isinstance(meta, dict) else body


def insurance_claim(g: Gen) -> Any:
    first, last = g.person.first_name(), g.person.last_name()
    lat, lng = g.lat_lng()
    return {
        "claimNumber": f"CLM-{v.digits(g.rng, 8)}",
        "policyNumber": f"HOM{v.digits(g.rng, 9)}",
        "status": g.rng.choice(["OPEN", "UNDER_REVIEW", "SETTLED"]),
        "lossDate": g.day(),
        "reportedAt": g.ts(),
        "claimant": {
            "firstName": S("person_name", first),
            "lastName": S("person_name", last),
            "dateOfBirth": S("date_of_birth", g.dob()),
            "email": S("email", g.person.email()),
            "mobile": S("phone", g.person.phone_number()),
            "nationalInsuranceNumber": S("national_id", v.uk_nino(g.rng)),
            "address": {
                "line1": S("street_address", g.street()),
                "town": g.address.city(),
                "postcode": g.address.postal_code(),
                "countryCode": "GB",
            },
        },
        "incident": {
            "peril": g.rng.choice(["ESCAPE_OF_WATER", "STORM", "THEFT", "FIRE"]),
            "location": {"latitude": S("geo_location", lat), "longitude": S("geo_location", lng)},
            "estimatedLoss": {"amount": g.amount(200, 20000), "currency": "GBP"},
        },
        "settlement": {
            "payee": S("person_name", f"{first} {last}"),
            "sortCode": S("bank_account", v.uk_sort_code(g.rng)),
            "accountNumber": S("bank_account", v.digits(g.rng, 8)),
            "reference": f"SETTLE/{v.digits(g.rng, 6)}",
        },
        "handlerId": f"usr_{v.hex_id(g.rng, 12)}",
    }


def fhir_patient(g: Gen) -> Any:
    gender = g.gender()
    return {
        "resourceType": "Patient",
        "id": v.uuid4(g.rng),
        "meta": {"versionId": str(g.rng.randint(1, 9)), "lastUpdated": g.ts()},
        "identifier": [
            {"system": "http://hl7.org/fhir/sid/us-ssn", "value": S("us_ssn", v.us_ssn(g.rng))},
        ],
        "active": True,
        "name": [
            {
                "use": "official",
                "family": S("person_name", g.person.last_name(gender=gender)),
                "given": [S("person_name", g.person.first_name(gender=gender))],
            }
        ],
        "telecom": [
            {"system": "phone", "value": S("phone", g.person.phone_number()), "use": "mobile"}
        ],
        "gender": S("gender", "female" if gender is Gender.FEMALE else "male"),
        "birthDate": S("date_of_birth", g.dob()),
        "address": [
            {
                "use": "home",
                "line": [S("street_address", g.street())],
                "city": g.address.city(),
                "state": g.address.state(abbr=True),
                "postalCode": g.address.zip_code(),
            }
        ],
        "managingOrganization": {"reference": f"Organization/{g.rng.randint(100, 999)}"},
    }


def payroll_run_se(g: Gen) -> Any:
    rows = []
    for _ in range(g.rng.randint(1, 3)):
        brutto = g.rng.randint(28000, 72000)
        rows.append(
            {
                "anstallningsnummer": f"A{v.digits(g.rng, 5)}",
                "fornamn": S("person_name", g.person.first_name()),
                "efternamn": S("person_name", g.person.last_name()),
                "personnummer": S("national_id", v.se_personnummer(g.rng)),
                "clearingnummer": S("bank_account", str(g.rng.choice([8327, 6152, 5001, 3300]))),
                "kontonummer": S("bank_account", v.digits(g.rng, 10)),
                "bruttolon": brutto,
                "skatteavdrag": round(brutto * 0.31),
                "nettolon": brutto - round(brutto * 0.31),
                "kostnadsstalle": f"KS{v.digits(g.rng, 3)}",
            }
        )
    return {
        "lonekorning": {
            "id": v.uuid4(g.rng),
            "period": f"2025-{g.rng.randint(1, 12):02d}",
            "utbetalningsdag": g.day(),
            "valuta": "SEK",
            "rader": rows,
        }
    }


def kyc_onboarding_tr(g: Gen) -> Any:
    return {
        "basvuruNo": f"BSV{v.digits(g.rng, 10)}",
        "durum": g.rng.choice(["ONAY_BEKLIYOR", "ONAYLANDI", "REDDEDILDI"]),
        "musteri": {
            "ad": S("person_name", g.person.first_name()),
            "soyad": S("person_name", g.person.last_name()),
            "tcKimlikNo": S("national_id", v.tr_tckimlik(g.rng)),
            "dogumTarihi": S("date_of_birth", g.dob()),
            "cinsiyet": S("gender", g.person.gender()),
            "cepTelefonu": S("phone", g.person.phone_number()),
            "ePosta": S("email", g.person.email()),
            "adres": S("street_address", g.street()),
            "il": g.address.city(),
        },
        "kimlikBelgesi": {
            "tur": "PASAPORT",
            "pasaportNo": S("passport_number", "U" + v.digits(g.rng, 8)),
            "gecerlilik": g.day(),
        },
        "hesap": {"iban": S("iban", v.iban(g.rng, "TR")), "paraBirimi": "TRY"},
        "riskSkoru": g.rng.randint(1, 100),
        "olusturmaZamani": g.ts(),
        "kanal": g.rng.choice(["MOBIL", "WEB", "SUBE"]),
    }


def seller_payout_pt(g: Gen) -> Any:
    return {
        "pagamento": {
            "id": f"po_{v.token(g.rng, 18)}",
            "montante": g.amount(20, 9000),
            "moeda": "EUR",
            "estado": g.rng.choice(["pendente", "pago", "falhado"]),
            "dataPrevista": g.day(),
            "vendedor": {
                "lojaId": g.rng.randint(10000, 99999),
                "nomeLoja": g.finance.company(),
                "titular": S("person_name", g.person.full_name()),
                "nif": S("tax_id", v.pt_nif(g.rng)),
                "iban": S("iban", v.iban(g.rng, "PT", grouped=g.rng.random() < 0.5)),
                "morada": S("street_address", g.street()),
                "codigoPostal": g.address.postal_code(),
                "telemovel": S("phone", g.person.phone_number()),
                "email": S("email", g.person.email()),
            },
            "encomendas": [f"ENC-{v.digits(g.rng, 7)}" for _ in range(g.rng.randint(1, 3))],
            "comissao": g.amount(1, 300),
        }
    }


def ride_trip(g: Gen) -> Any:
    plat, plng = g.lat_lng()
    dlat, dlng = g.lat_lng()
    return {
        "trip_id": v.uuid4(g.rng),
        "status": g.rng.choice(["completed", "cancelled_by_rider", "in_progress"]),
        "requested_at": g.ts(),
        "rider": {
            "rider_id": f"r_{v.hex_id(g.rng, 10)}",
            "display_name": S("person_name", g.person.full_name()),
            "phone_number": S("phone", g.person.phone_number()),
            "rating": round(g.rng.uniform(3.5, 5.0), 2),
        },
        "driver": {
            "driver_id": f"d_{v.hex_id(g.rng, 10)}",
            "first_name": S("person_name", g.person.first_name()),
            "licence_number": S("drivers_license", v.digits(g.rng, 8)),
            "vehicle": {
                "make": g.rng.choice(["Toyota", "Kia", "Tesla"]),
                "plate": v.token(g.rng, 6).upper(),
            },
        },
        "pickup": {"lat": S("geo_location", plat), "lng": S("geo_location", plng)},
        "dropoff": {"lat": S("geo_location", dlat), "lng": S("geo_location", dlng)},
        "fare": {"total": g.amount(8, 120), "currency_code": "AUD", "surge_multiplier": 1.0},
        "distance_km": round(g.rng.uniform(1, 40), 1),
    }


def sim_activation_dk(g: Gen) -> Any:
    return {
        "ordreId": f"SIM-{v.digits(g.rng, 9)}",
        "abonnement": g.rng.choice(["Fri Tale 30GB", "Basis 5GB", "Familie 100GB"]),
        "iccid": v.luhn_number(g.rng, "894510", 19),
        "imsi": "23802" + v.digits(g.rng, 10),
        "kunde": {
            "fornavn": S("person_name", g.person.first_name()),
            "efternavn": S("person_name", g.person.last_name()),
            "cprNummer": S("national_id", v.dk_cpr(g.rng)),
            "mobilnummer": S("phone", g.person.phone_number()),
            "email": S("email", g.person.email()),
            "adresse": S("street_address", g.street()),
            "postnummer": g.address.postal_code(),
            "by": g.address.city(),
        },
        "nummerportering": g.rng.random() < 0.5,
        "aktiveringsdato": g.day(),
        "forhandler": f"F{v.digits(g.rng, 4)}",
    }


def loyalty_member_no(g: Gen) -> Any:
    return {
        "medlem": {
            "medlemsnummer": v.digits(g.rng, 10),
            "fornavn": S("person_name", g.person.first_name()),
            "etternavn": S("person_name", g.person.last_name()),
            "fodselsdato": S("date_of_birth", g.dob()),
            "kjonn": S("gender", g.person.gender()),
            "epost": S("email", g.person.email()),
            "mobil": S("phone", g.person.phone_number()),
            "nivaa": g.rng.choice(["Bronse", "Sølv", "Gull"]),
            "poeng": g.rng.randint(0, 90000),
            "samtykker": {"nyhetsbrev": g.rng.random() < 0.5, "sms": g.rng.random() < 0.5},
            "innmeldt": g.ts(),
        },
        "sisteKjop": {
            "butikk": g.rng.randint(100, 999),
            "belop": g.amount(20, 2000),
            "valuta": "NOK",
        },
    }


def school_enrolment_fi(g: Gen) -> Any:
    return {
        "hakemusId": v.uuid4(g.rng),
        "koulu": f"{g.address.city()}n koulu",
        "luokka": f"{g.rng.randint(1, 9)}{g.rng.choice('ABC')}",
        "lukuvuosi": "2025-2026",
        "oppilas": {
            "etunimet": S("person_name", g.person.first_name()),
            "sukunimi": S("person_name", g.person.last_name()),
            "henkilotunnus": S("national_id", v.fi_hetu(g.rng)),
            "aidinkieli": g.rng.choice(["fi", "sv", "en"]),
            "kotiosoite": S("street_address", g.street()),
        },
        "huoltajat": [
            {
                "nimi": S("person_name", g.person.full_name()),
                "puhelin": S("phone", g.person.phone_number()),
                "sahkoposti": S("email", g.person.email()),
            }
        ],
        "erityisruokavalio": g.rng.choice([None, "laktoositon", "gluteeniton"]),
        "lahetetty": g.ts(),
    }


def tax_return_cz(g: Gen) -> Any:
    return {
        "priznani": {
            "rok": 2024,
            "typ": g.rng.choice(["radne", "opravne"]),
            "poplatnik": {
                "jmeno": S("person_name", g.person.first_name()),
                "prijmeni": S("person_name", g.person.last_name()),
                "rodneCislo": S("national_id", v.cz_rodne_cislo(g.rng)),
                "dic": S("tax_id", "CZ" + v.cz_rodne_cislo(g.rng).replace("/", "")),
                "ulice": S("street_address", g.street()),
                "obec": g.address.city(),
                "psc": g.address.postal_code(),
                "telefon": S("phone", g.person.phone_number()),
            },
            "prijmy": g.rng.randint(200000, 1500000),
            "vydaje": g.rng.randint(50000, 400000),
            "danovaPovinnost": g.rng.randint(0, 200000),
            "vratka": {
                "cisloUctu": S(
                    "bank_account",
                    f"{v.digits(g.rng, 10)}/{g.rng.choice(['0800', '0100', '2010'])}",
                ),
                "variabilniSymbol": v.digits(g.rng, 10),
            },
            "podano": g.ts(),
            "podaciCislo": f"{v.digits(g.rng, 4)}/{v.digits(g.rng, 6)}",
        }
    }


def lease_application_ca(g: Gen) -> Any:
    return {
        "application": {
            "applicationId": f"APP-{v.digits(g.rng, 7)}",
            "unit": {
                "buildingId": g.rng.randint(10, 99),
                "unitNumber": str(g.rng.randint(101, 2405)),
            },
            "moveInDate": g.day(),
            "monthlyRent": g.rng.randint(1400, 3600),
            "applicant": {
                "fullName": S("person_name", g.person.full_name()),
                "dateOfBirth": S("date_of_birth", g.dob()),
                "sin": S("national_id", v.ca_sin(g.rng)),
                "email": S("email", g.person.email()),
                "cellPhone": S("phone", g.person.phone_number()),
                "currentAddress": {
                    "street": S("street_address", g.street()),
                    "city": g.address.city(),
                    "province": g.address.state(abbr=True),
                    "postalCode": g.address.postal_code(),
                },
                "employer": g.finance.company(),
                "annualIncome": g.rng.randint(40000, 160000),
            },
            "preAuthorizedDebit": {
                "institutionNumber": S("bank_account", f"{g.rng.choice([1, 2, 3, 4, 6, 10]):03d}"),
                "transitNumber": S("bank_account", v.digits(g.rng, 5)),
                "accountNumber": S("bank_account", v.digits(g.rng, 7)),
            },
            "creditCheckConsent": True,
            "submittedAt": g.ts(),
        }
    }


def crypto_withdrawal_ko(g: Gen) -> Any:
    return {
        "uuid": v.uuid4(g.rng),
        "currency": g.rng.choice(["BTC", "ETH", "USDT"]),
        "net_type": g.rng.choice(["BTC", "ETH", "TRX"]),
        "state": g.rng.choice(["submitting", "processing", "done"]),
        "amount": str(round(g.rng.uniform(0.001, 3), 8)),
        "fee": "0.0005",
        "txid": v.hex_id(g.rng, 64),
        "created_at": g.ts(),
        "회원정보": {
            "이름": S("person_name", g.person.full_name()),
            "휴대폰번호": S("phone", g.person.phone_number()),
            "이메일": S("email", g.person.email()),
            "주민등록번호": S("national_id", v.kr_rrn(g.rng)),
        },
        "request_ip": S("ip_address", g.ipv4()),
        "two_factor_type": g.rng.choice(["kakao", "otp"]),
    }


def hotel_guest_gr(g: Gen) -> Any:
    return {
        "κράτηση": f"RSV{v.digits(g.rng, 8)}",
        "δωμάτιο": str(g.rng.randint(101, 512)),
        "άφιξη": g.day(),
        "αναχώρηση": g.day(),
        "επισκέπτης": {
            "όνομα": S("person_name", g.person.first_name()),
            "επώνυμο": S("person_name", g.person.last_name()),
            "ημερομηνία_γέννησης": S("date_of_birth", g.dob()),
            "αριθμός_διαβατηρίου": S("passport_number", v.passport_number(g.rng, "GR")),
            "ΑΜΚΑ": S("national_id", v.gr_amka(g.rng)),  # noqa: RUF001 (Greek key)
            "ΑΦΜ": S("tax_id", v.gr_afm(g.rng)),
            "υπηκοότητα": "GR",
            "διεύθυνση": S("street_address", g.street()),
            "τηλέφωνο": S("phone", g.person.phone_number()),
        },
        "εγγύηση": {
            "cardNumber": S("credit_card", v.card_number(g.rng, spaced=g.rng.random() < 0.5)),
            "expiry": f"{g.rng.randint(1, 12):02d}/{g.rng.randint(26, 31)}",
            "holder": S("person_name", g.person.full_name()),
        },
        "άτομα": g.rng.randint(1, 4),
        "τιμή": g.amount(60, 900),
    }


def customs_shipment_cn(g: Gen) -> Any:
    return {
        "运单号": f"SF{v.digits(g.rng, 12)}",
        "申报价值": g.amount(10, 3000),
        "币种": "CNY",
        "重量kg": round(g.rng.uniform(0.2, 25), 2),
        "商品": [
            {
                "名称": g.rng.choice(["保温杯", "运动鞋", "奶粉", "耳机"]),
                "HS编码": v.digits(g.rng, 10),
                "数量": g.rng.randint(1, 6),
            }
        ],
        "收件人": {
            "姓名": S("person_name", g.person.full_name()),
            "身份证号": S("national_id", v.cn_ric(g.rng)),
            "手机号": S("phone", g.person.phone_number()),
            "收货地址": S("street_address", g.street()),
            "城市": g.address.city(),
            "邮编": g.address.postal_code(),
        },
        "清关状态": g.rng.choice(["待申报", "已放行", "查验中"]),
        "更新时间": g.ts(),
    }


def webhook_deliveries(g: Gen) -> Any:
    deliveries = []
    for _ in range(g.rng.randint(1, 3)):
        deliveries.append(
            {
                "id": f"whd_{v.token(g.rng, 20)}",
                "event": g.rng.choice(["customer.created", "customer.updated"]),
                "url": g.internet.url(),
                "status_code": g.rng.choice([200, 202, 500, 410]),
                "attempt": g.rng.randint(1, 5),
                "duration_ms": g.rng.randint(30, 4000),
                "request": {
                    "headers": {
                        "Content-Type": "application/json",
                        "Authorization": S(
                            "jwt",
                            "Bearer "
                            + v.jwt(
                                g.rng,
                                {
                                    "iss": "hooks",
                                    "iat": g.rng.randint(1_700_000_000, 1_800_000_000),
                                },
                            ),
                        ),
                        "X-Signature-256": "sha256=" + v.hex_id(g.rng, 64),
                        "Idempotency-Key": v.uuid4(g.rng),
                    },
                    "payload": {
                        "customer": {
                            "id": f"cus_{v.token(g.rng, 14)}",
                            "email": S("email", g.person.email()),
                            "name": S("person_name", g.person.full_name()),
                        }
                    },
                },
                "delivered_at": g.ts(),
            }
        )
    return {"data": deliveries, "has_more": g.rng.random() < 0.5, "next_page": v.cursor(g.rng)}


def audit_log(g: Gen) -> Any:
    entries = []
    for _ in range(g.rng.randint(1, 3)):
        entries.append(
            {
                "id": f"evt_{v.hex_id(g.rng, 24)}",
                "action": g.rng.choice(
                    ["user.login", "role.assign", "api_key.create", "export.download"]
                ),
                "occurred_at": g.ts(),
                "actor": {
                    "type": "user",
                    "email": S("email", g.person.email()),
                    "ip_address": S(
                        "ip_address", g.ipv4() if g.rng.random() < 0.7 else g.internet.ip_v6()
                    ),
                    "user_agent": g.internet.user_agent(),
                },
                "target": {"type": g.rng.choice(["project", "workspace"]), "id": v.uuid4(g.rng)},
                "request_id": f"req_{v.hex_id(g.rng, 16)}",
                "trace_id": v.hex_id(g.rng, 32),
                "outcome": g.rng.choice(["success", "denied"]),
            }
        )
    return {"entries": entries, "cursor": v.cursor(g.rng), "retention_days": 365}


def feature_flags(g: Gen) -> Any:
    flags = []
    for _ in range(g.rng.randint(2, 4)):
        flags.append(
            {
                "key": g.rng.choice(["new-checkout", "dark-mode", "beta-search", "ai-summary"])
                + f"-{g.rng.randint(1, 9)}",
                "on": g.rng.random() < 0.5,
                "version": g.rng.randint(1, 80),
                "salt": v.hex_id(g.rng, 32),
                "rollout": {"percentage": g.rng.choice([0, 10, 25, 50, 100]), "bucketBy": "key"},
                "rules": [{"attribute": "plan", "op": "in", "values": ["pro", "enterprise"]}],
                "variations": [True, False],
            }
        )
    return {
        "environment": g.rng.choice(["production", "staging"]),
        "sdkKey": S("secret_key", f"sdk-{v.uuid4(g.rng)}"),
        "clientSideId": v.hex_id(g.rng, 24),
        "flags": flags,
        "updatedAt": g.ts(),
    }


def iot_telemetry(g: Gen) -> Any:
    readings = [
        {
            "ts": g.ts(),
            "temperature_c": round(g.rng.uniform(-10, 40), 2),
            "humidity": round(g.rng.uniform(0.1, 0.95), 3),
            "battery_mv": g.rng.randint(2800, 3300),
            "rssi": -g.rng.randint(40, 110),
        }
        for _ in range(g.rng.randint(2, 4))
    ]
    doc: dict[str, Any] = {
        "deviceId": f"dev-{v.hex_id(g.rng, 12)}",
        "serial": f"SN{v.digits(g.rng, 10)}",
        "model": g.rng.choice(["TH-200", "AQ-5", "LoRa-Node-3"]),
        "firmware": v.version(g.rng),
        "gatewayEui": v.hex_id(g.rng, 16).upper(),
        "readings": readings,
        "checksum": v.hex_id(g.rng, 8),
    }
    doc["wifiMac"] = S("mac_address", g.internet.mac_address())
    if g.rng.random() < 0.5:
        doc["bleAddress"] = S("mac_address", g.internet.mac_address().upper())
    return doc


def search_results(g: Gen) -> Any:
    hits = [
        {
            "id": v.uuid4(g.rng),
            "title": g.text.title(),
            "score": round(g.rng.uniform(0, 30), 4),
            "snippet": g.text.sentence(),
            "author": {
                "username": S("username", g.person.username()),
                "reputation": g.rng.randint(1, 90000),
            },
            "tags": [g.text.word() for _ in range(2)],
            "created": g.ts(),
        }
        for _ in range(g.rng.randint(1, 3))
    ]
    return {
        "query": g.text.word(),
        "took_ms": g.rng.randint(2, 300),
        "total": g.rng.randint(3, 9000),
        "hits": hits,
        "next_cursor": v.cursor(g.rng),
        "prev_cursor": None,
    }


def graphql_members(g: Gen) -> Any:
    edges = [
        {
            "cursor": v.cursor(g.rng),
            "node": {
                "id": v.cursor(g.rng),
                "login": S("username", g.person.username()),
                "name": S("person_name", g.person.full_name()),
                "email": S("email", g.person.email()),
                "createdAt": g.ts(),
                "isSiteAdmin": False,
                "avatarUrl": f"https://avatars.example/u/{g.rng.randint(1, 10**7)}",
            },
        }
        for _ in range(g.rng.randint(1, 3))
    ]
    return {
        "data": {
            "organization": {
                "membersWithRole": {
                    "totalCount": g.rng.randint(3, 400),
                    "edges": edges,
                    "pageInfo": {"endCursor": v.cursor(g.rng), "hasNextPage": True},
                }
            }
        }
    }


def jsonapi_patients_nl(g: Gen) -> Any:
    return {
        "data": {
            "type": "clients",
            "id": str(g.rng.randint(1000, 99999)),
            "attributes": {
                "first-name": S("person_name", g.person.first_name()),
                "last-name": S("person_name", g.person.last_name()),
                "email-address": S("email", g.person.email()),
                "phone-number": S("phone", g.person.phone_number()),
                "date-of-birth": S("date_of_birth", g.dob()),
                "street-address": S("street_address", g.street()),
                "created-at": g.ts(),
                "status": g.rng.choice(["active", "archived"]),
            },
            "relationships": {
                "practice": {"data": {"type": "practices", "id": str(g.rng.randint(1, 80))}}
            },
            "links": {"self": f"/clients/{g.rng.randint(1000, 99999)}"},
        },
        "meta": {"request-id": v.uuid4(g.rng)},
        "jsonapi": {"version": "1.1"},
    }


def hal_staff_at(g: Gen) -> Any:
    staff = [
        {
            "staffId": g.rng.randint(1000, 9999),
            "displayName": S("person_name", g.person.full_name()),
            "workEmail": S("email", g.person.email()),
            "deskPhone": S("phone", g.person.phone_number()),
            "department": g.rng.choice(["Finanzen", "Vertrieb", "IT"]),
            "costCentre": f"CC-{v.digits(g.rng, 4)}",
            "salaryAccount": S("iban", v.iban(g.rng, "AT")),
            "_links": {"self": {"href": f"/staff/{g.rng.randint(1000, 9999)}"}},
        }
        for _ in range(g.rng.randint(1, 3))
    ]
    return {
        "_embedded": {"staff": staff},
        "_links": {"self": {"href": "/staff?page=1"}, "next": {"href": "/staff?page=2"}},
        "page": {"size": 20, "totalElements": g.rng.randint(3, 600), "number": 0},
    }


def odata_counterparties_ru(g: Gen) -> Any:
    rows = [
        {
            "Ref_Key": v.uuid4(g.rng),
            "Code": v.digits(g.rng, 9),
            "Фамилия": S("person_name", g.person.last_name()),
            "Имя": S("person_name", g.person.first_name()),
            "ДатаРождения": S("date_of_birth", g.dob() + "T00:00:00"),
            "ИНН": S("tax_id", v.ru_inn_personal(g.rng)),
            "СтраховойНомерПФР": S("national_id", v.ru_snils(g.rng)),
            "Телефон": S("phone", g.person.phone_number()),
            "ЭлектроннаяПочта": S("email", g.person.email()),
            "DeletionMark": False,
            "DataVersion": v.token(g.rng, 12),
        }
        for _ in range(g.rng.randint(1, 2))
    ]
    return {
        "odata.metadata": "http://srv/base/odata/standard.odata/$metadata#Catalog_ФизическиеЛица",
        "value": rows,
        "odata.nextLink": f"Catalog_ФизическиеЛица?$skiptoken={g.rng.randint(1, 999)}",
    }


def telehealth_ar(g: Gen) -> Any:
    return {
        "appointmentId": f"APT-{v.digits(g.rng, 8)}",
        "slot": g.ts(),
        "doctorId": g.rng.randint(100, 999),
        "specialty": g.rng.choice(["cardiology", "dermatology", "pediatrics"]),
        "المريض": {
            "الاسم_الكامل": S("person_name", g.person.full_name()),
            "رقم_الهوية": S("national_id", v.emirates_id(g.rng)),
            "رقم_الجوال": S("phone", g.person.phone_number()),
            "البريد_الإلكتروني": S("email", g.person.email()),
            "تاريخ_الميلاد": S("date_of_birth", g.dob()),
            "الجنس": S("gender", g.person.gender()),
        },
        "fee": {"amount": g.amount(100, 900), "currency": "AED"},
        "channel": "video",
    }


def payroll_dispersion_mx(g: Gen) -> Any:
    paternal, maternal, given = g.person.last_name(), g.person.last_name(), g.person.first_name()
    curp_value = v.mx_curp(g.rng, paternal, maternal, given)
    return {
        "dispersion": {
            "folio": v.digits(g.rng, 12),
            "fechaPago": g.day(),
            "empleado": {
                "numeroEmpleado": f"E{v.digits(g.rng, 5)}",
                "nombre": S("person_name", given),
                "apellidoPaterno": S("person_name", paternal),
                "apellidoMaterno": S("person_name", maternal),
                "curp": S("national_id", curp_value),
                "rfc": S("tax_id", v.mx_rfc_person(g.rng, curp_value)),
                "clabe": S("bank_account", v.mx_clabe(g.rng)),
                "correo": S("email", g.person.email()),
                "celular": S("phone", g.person.phone_number()),
            },
            "percepciones": g.amount(6000, 60000),
            "deducciones": g.amount(500, 9000),
            "moneda": "MXN",
        }
    }


def traffic_citation_us(g: Gen) -> Any:
    state, number = v.us_drivers_license(g.rng)
    lat, lng = g.lat_lng()
    return {
        "citationNumber": f"{state}{v.digits(g.rng, 9)}",
        "issuedAt": g.ts(),
        "violation": {
            "code": f"VC{g.rng.randint(21000, 23999)}",
            "fine": g.rng.choice([35, 238, 490]),
        },
        "location": {"lat": S("geo_location", lat), "lon": S("geo_location", lng)},
        "driver": {
            "name": S("person_name", g.person.full_name()),
            "dob": S("date_of_birth", g.dob()),
            "licenseNumber": S("drivers_license", number),
            "licenseState": state,
            "homeAddress": S("street_address", g.street()),
        },
        "vehicle": {
            "plate": v.token(g.rng, 7).upper(),
            "vin": v.token(g.rng, 17, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"),
            "color": g.rng.choice(["black", "white", "silver"]),
        },
        "officerBadge": str(g.rng.randint(1000, 9999)),
    }


def developer_credentials(g: Gen) -> Any:
    db_user, db_host = g.person.username().replace(".", "_"), g.internet.hostname()
    return {
        "app": {"id": g.rng.randint(10**5, 10**6), "name": g.text.word(), "created_at": g.ts()},
        "client_id": v.hex_id(g.rng, 20),
        "client_secret": S("secret_key", v.token(g.rng, 40)),
        "webhook_signing_secret": S("secret_key", "whsec_" + v.token(g.rng, 32)),
        "access_token": S(
            "jwt",
            v.jwt(
                g.rng,
                {
                    "sub": v.uuid4(g.rng),
                    "scope": "read write",
                    "exp": g.rng.randint(1_700_000_000, 1_800_000_000),
                },
            ),
        ),
        "refresh_token": S(
            "secret_key",
            v.token(g.rng, 48, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
        ),
        "token_type": "bearer",
        "expires_in": 3600,
        "database_url": S(
            "secret_key", f"postgres://{db_user}:{v.token(g.rng, 16)}@{db_host}:5432/app"
        ),
        "region": g.internet.cloud_region(),
        "scopes": ["read", "write"],
    }


def benefits_enrolment_us(g: Gen) -> Any:
    deps = [
        {
            "dependentId": g.rng.randint(1, 99),
            "relationship": g.rng.choice(["SPOUSE", "CHILD"]),
            "firstName": S("person_name", g.person.first_name()),
            "lastName": S("person_name", g.person.last_name()),
            "birthDate": S("date_of_birth", g.dob()),
            "ssn": S("us_ssn", v.us_ssn(g.rng, dashed=g.rng.random() < 0.6)),
        }
        for _ in range(g.rng.randint(1, 3))
    ]
    return {
        "enrollmentId": f"ENR{v.digits(g.rng, 9)}",
        "planYear": 2026,
        "planCode": g.rng.choice(["PPO-500", "HDHP-3000", "HMO-BASIC"]),
        "subscriber": {
            "employeeNumber": v.digits(g.rng, 6),
            "fullName": S("person_name", g.person.full_name()),
            "sex": S("gender", g.rng.choice(["M", "F"])),
            "taxpayerId": S("us_ssn", v.us_ssn(g.rng)),
            "homePhone": S("phone", g.person.phone_number()),
        },
        "dependents": deps,
        "premium": {"employee": g.amount(50, 400), "employer": g.amount(300, 1200)},
        "effectiveDate": g.day(),
    }


def vendor_onboarding_us(g: Gen) -> Any:
    return {
        "vendor": {
            "vendorNumber": f"V{v.digits(g.rng, 6)}",
            "legalEntityName": g.finance.company(),
            "ein": S("tax_id", v.us_ein(g.rng)),
            "remitTo": {
                "line1": S("street_address", g.street()),
                "city": g.address.city(),
                "state": g.address.state(abbr=True),
            },
            "contact": {
                "name": S("person_name", g.person.full_name()),
                "email": S("email", g.person.email()),
            },
            "ach": {
                "routingNumber": S("bank_account", v.aba_routing(g.rng)),
                "accountNumber": S("bank_account", v.digits(g.rng, g.rng.randint(9, 12))),
                "accountType": g.rng.choice(["checking", "savings"]),
            },
            "paymentTerms": g.rng.choice(["NET30", "NET45"]),
            "invoiceNumbers": [v.luhn_order_number(g.rng) for _ in range(2)],
            "w9ReceivedAt": g.ts(),
        }
    }


def card_dispute(g: Gen) -> Any:
    return {
        "dispute": {
            "id": f"dp_{v.token(g.rng, 16)}",
            "reason": g.rng.choice(["fraudulent", "product_not_received", "duplicate"]),
            "amount": g.rng.randint(500, 90000),
            "currency": g.rng.choice(["eur", "usd", "sek"]),
            "card": {
                "pan": S("credit_card", v.card_number(g.rng, spaced=g.rng.random() < 0.3)),
                "expiry": f"{g.rng.randint(1, 12):02d}/{g.rng.randint(26, 31)}",
                "cardholder": S("person_name", g.person.full_name()),
            },
            "merchantOrderNumber": v.luhn_order_number(g.rng),
            "arn": v.digits(g.rng, 23),
            "evidence": {
                "customerEmail": S("email", g.person.email()),
                "customerIp": S("ip_address", g.ipv4()),
            },
            "createdAt": g.ts(),
        }
    }


def gym_member_ie(g: Gen) -> Any:
    return {
        "member": {
            "memberId": g.rng.randint(10**6, 10**7),
            "givenName": S("person_name", g.person.first_name()),
            "surname": S("person_name", g.person.last_name()),
            "dob": S("date_of_birth", g.dob()),
            "mobile": S("phone", g.person.phone_number()),
            "emergencyContact": {
                "name": S("person_name", g.person.full_name()),
                "phone": S("phone", g.person.phone_number()),
            },
            "directDebit": {
                "iban": S("iban", v.iban(g.rng, "IE")),
                "mandateRef": f"GYM{v.digits(g.rng, 8)}",
            },
            "membershipType": g.rng.choice(["OFF_PEAK", "ANYTIME", "STUDENT"]),
            "homeClub": g.rng.randint(1, 40),
            "accessCardUid": v.hex_id(g.rng, 8).upper(),
            "joined": g.day(),
        }
    }


def router_provisioning(g: Gen) -> Any:
    pppoe_user = g.person.username()
    return {
        "cpe": {
            "serialNumber": f"CP{v.digits(g.rng, 10)}",
            "oui": v.hex_id(g.rng, 6).upper(),
            "productClass": g.rng.choice(["FRITZ!Box 7590", "HG8245Q2", "Archer VR600"]),
            "softwareVersion": v.version(g.rng),
            "wanMac": S("mac_address", g.internet.mac_address()),
            "wanIp": S("ip_address", g.ipv4()),
        },
        "subscriber": {
            "accountNumber": f"ISP{v.digits(g.rng, 9)}",
            "name": S("person_name", g.person.full_name()),
            "installAddress": S("street_address", g.street()),
        },
        "pppoe": {
            "username": S("username", f"dsl-{pppoe_user}"),
            "password": S("password", g.person.password(length=g.rng.randint(10, 16))),
        },
        "wifi": {
            "ssid": f"Home-{v.hex_id(g.rng, 4).upper()}",
            "security": "WPA2-PSK",
            "preSharedKey": S("password", g.person.password(length=12)),
            "channel": g.rng.choice([1, 6, 11, 36, 44]),
        },
        "adminPassword": S("password", g.person.password(length=14)),
        "provisionedAt": g.ts(),
    }


FAMILIES: dict[str, tuple[Locale, Family]] = {
    "insurance_claim_uk": (Locale.EN_GB, insurance_claim),
    "fhir_patient": (Locale.EN, fhir_patient),
    "payroll_run_se": (Locale.SV, payroll_run_se),
    "kyc_onboarding_tr": (Locale.TR, kyc_onboarding_tr),
    "seller_payout_pt": (Locale.PT, seller_payout_pt),
    "ride_trip": (Locale.EN_AU, ride_trip),
    "sim_activation_dk": (Locale.DA, sim_activation_dk),
    "loyalty_member_no": (Locale.NO, loyalty_member_no),
    "school_enrolment_fi": (Locale.FI, school_enrolment_fi),
    "tax_return_cz": (Locale.CS, tax_return_cz),
    "lease_application_ca": (Locale.EN_CA, lease_application_ca),
    "crypto_withdrawal_ko": (Locale.KO, crypto_withdrawal_ko),
    "hotel_guest_gr": (Locale.EL, hotel_guest_gr),
    "customs_shipment_cn": (Locale.ZH, customs_shipment_cn),
    "webhook_deliveries": (Locale.EN, webhook_deliveries),
    "audit_log": (Locale.EN, audit_log),
    "feature_flags": (Locale.EN, feature_flags),
    "iot_telemetry": (Locale.EN, iot_telemetry),
    "search_results": (Locale.EN, search_results),
    "graphql_members": (Locale.EN, graphql_members),
    "jsonapi_clients_nl": (Locale.NL_BE, jsonapi_patients_nl),
    "hal_staff_at": (Locale.DE_AT, hal_staff_at),
    "odata_persons_ru": (Locale.RU, odata_counterparties_ru),
    "telehealth_ae": (Locale.AR_AE, telehealth_ar),
    "payroll_dispersion_mx": (Locale.ES_MX, payroll_dispersion_mx),
    "traffic_citation_us": (Locale.EN, traffic_citation_us),
    "developer_credentials": (Locale.EN, developer_credentials),
    "benefits_enrolment_us": (Locale.EN, benefits_enrolment_us),
    "vendor_onboarding_us": (Locale.EN, vendor_onboarding_us),
    "card_dispute": (Locale.EN_GB, card_dispute),
    "gym_member_ie": (Locale.EN_GB, gym_member_ie),
    "router_provisioning_de": (Locale.DE, router_provisioning),
}


def build(per_family: int = PER_FAMILY, seed: int = SEED) -> list[dict[str, Any]]:
    """Every document, family by family, as ``{"family", "body", "labels"}``."""
    docs = []
    for i, (name, (locale, make)) in enumerate(FAMILIES.items()):
        g = Gen(locale, seed ^ zlib.crc32(name.encode()))
        for _ in range(per_family):
            body, labels = materialize(add_envelope(g, make(g), nested=i % 2 == 1))
            docs.append({"family": f"v2mimesis/{name}", "body": body, "labels": sorted(labels)})
    return docs


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=False)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    docs = build()
    OUT.write_text("".join(dumps(d) + "\n" for d in docs), encoding="utf-8")
    print(f"wrote {len(docs)} documents to {OUT}")


if __name__ == "__main__":
    main()
