# ruff: noqa: RUF001, E501  (documents in their own scripts, one per line)
"""Hand-written documents of the v2 set, grouped in families by failure class of issue 13.

    python -m detector.eval.hand_docs_v2   # rewrites data/v2/hand.jsonl

Written for v2 by someone who has not seen the detector's code, training generator or
errors. Values are fictitious; numbers whose real counterparts carry a check digit (cards,
IBANs, SSNs, routing numbers, national ids) are completed with it. ``S(type, value)`` marks
a labelled leaf; a field of free text is labelled at its own path with every type it holds.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.us import rtn

from detector.eval.labels import S, materialize

OUT = Path(__file__).resolve().parent / "data" / "v2" / "hand.jsonl"


def lc(body: str) -> str:
    """``body`` completed with its Luhn check digit."""
    return str(body + luhn.calc_check_digit(body))


def grouped(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def ib(country: str, bban: str) -> str:
    """An IBAN of ``country`` for ``bban`` with its check digits (validated by stdnum)."""
    value = country + std_iban.calc_check_digits(country + "00" + bban) + bban
    if not std_iban.is_valid(value):
        raise ValueError(f"not a valid IBAN for {country}")
    return str(value)


def aba(body: str) -> str:
    return str(body + rtn.calc_check_digit(body))


def _b64(obj: dict[str, Any]) -> str:
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(
    claims: dict[str, Any], alg: str = "RS256", sig: str = "Qm9ndXNTaWduYXR1cmVGb3JUZXN0c09ubHlfMDE"
) -> str:
    """A compact JWS with ``claims`` (the signature is made up)."""
    return f"{_b64({'alg': alg, 'typ': 'JWT', 'kid': 'k1'})}.{_b64(claims)}.{sig}"


JA = jwt(
    {
        "sub": "8f14e45f",
        "iss": "https://login.acme-health.example",
        "aud": "portal",
        "exp": 1767225600,
    }
)
JB = jwt(
    {"sub": "auth0|64ab19", "email": "r.okafor@proton.me", "iat": 1735689600},
    "HS256",
    "n3K9xQ2vT7bL0sR5wY8mZ1cF4hJ6dG_aPe-Uo0iLk",
)
JC = jwt(
    {"client_id": "svc-ledger", "scope": "ledger.write", "exp": 1770000000},
    "ES256",
    "MEUCIQDvZ9b1_w7kq3T0o2cHq5Lr8xJp4sVy6mN1eA",
)
JD = jwt(
    {"sub": "u_2291", "role": "admin", "tenant": "t-77"},
    "HS512",
    "Zx81-Qpw_44LmnoPq77aaZZTyuiop0912KLmnB34cde",
)

PEM_RSA = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi1NQ6PUlbX7Q6uZb3Rkz0aXhQn\nq9Lr0wqRfzY2c4cA9YtG0eE1d7fJcQkB2h8sN5m4VvUo3pXr6tK8yWzLa1bC2dE3\n-----END RSA PRIVATE KEY-----\n"
PEM_EC = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIN2d7pQ8sV1kA9xR4mT0bW6yL3cF5hJ8gE2nZ7uO1iPqoAoGCCqGSM49\nAwEHoUQDQgAEx3Lr0q9ZkT2vB7mN4cW1yF8hS5jD6gA0eR3uP2oI9tK1lQ7wX4zC\n-----END EC PRIVATE KEY-----"
PEM_PKCS8 = "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7rN4pX2mQ9sL1\nvT8kB3yZ6cW0hF5jD2gA7eR1uP4oI3tK9lQ8wX6zCnM5bV2xS0dR7fG1hJ4kL8mN\n-----END PRIVATE KEY-----"
PUB_KEY = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEx3Lr0q9ZkT2vB7mN4cW1yF8hS5jD\n6gA0eR3uP2oI9tK1lQ7wX4zCnM5bV2xS0dR7fG1hJ4kL8mN3pQ==\n-----END PUBLIC KEY-----"

# Card numbers in real IIN ranges (Visa, Mastercard 5x and 2-series, Amex, Discover, JCB, Maestro).
C_VISA, C_MC, C_MC2 = lc("411111874230159"), lc("549813300271468"), lc("222300159026774")
C_AMEX, C_DISC, C_JCB = lc("37828224631000"), lc("601100487532091"), lc("353011336021987")
C_VISA2, C_MAESTRO = lc("492182060418773"), lc("675911024578301")
# Luhn-valid 16-digit numbers outside every card range: order, invoice and loyalty numbers.
N_ORDER1, N_ORDER2, N_ORDER3 = lc("100004587213360"), lc("900120245567801"), lc("700011223344556")

IB_DE, IB_GB = ib("DE", "370400440532013000"), ib("GB", "NWBK60161331926819")
IB_NL, IB_CH = ib("NL", "INGB0001234567"), ib("CH", "00762011623852957")
IB_SE, IB_DK = ib("SE", "50000000058398257466"), ib("DK", "00400440116243")
IB_AT, IB_LU = ib("AT", "1904300234573201"), ib("LU", "0019400644750000")
IB_PL, IB_IE = ib("PL", "109010140000071219812874"), ib("IE", "AIBK93115212345678")
IB_TR, IB_NO = ib("TR", "0006100519786457841326"), ib("NO", "86011117947")

R_CHASE, R_BOFA, R_WF = aba("02100002"), aba("02600959"), aba("12100024")


def _opaque_keys() -> list[Any]:
    return [
        {
            "value": S("email", "mette.lund@fastmail.dk"),
            "type": "string",
            "updated": "2025-03-02T10:00:00Z",
        },
        {"val": S("phone", "+46 70 123 45 67"), "kind": "contact", "verified": True},
        {"data": S("credit_card", C_VISA), "status": "tokenize_pending"},
        {"custom1": S("us_ssn", "512-44-8867"), "custom2": "gold", "custom3": "2025-01-14"},
        {"field_7": S("iban", IB_NL), "field_8": "EUR", "field_9": 1200},
        {"attributes": {"x": S("email", "ozan.yilmaz@gmail.com"), "y": 42, "z": "tr"}},
        {"props": {"p1": S("phone", "+905321234567"), "p2": "istanbul", "p3": False}},
        {"payload": S("jwt", JA), "encoding": "compact", "ttl": 300},
        {"v": S("ip_address", "83.145.201.17"), "k": "last_seen_from"},
        {"extra": {"a": S("mac_address", "3c:22:fb:91:0e:6d"), "b": "wlan0", "c": 1500}},
        {
            "col_1": "2025-06-01",
            "col_2": S("credit_card", grouped(C_MC)),
            "col_3": "EUR",
            "col_4": 39.9,
        },
        {
            "cells": [S("email", "kari.nordmann@online.no"), S("email", "ola.hansen@vg.no")],
            "sheet": "contacts",
            "row": 17,
        },
        {"meta": {"custom_field_1": S("person_name", "Bjørn Ødegård"), "custom_field_2": "VIP"}},
        {"value": S("iban", IB_DE), "currency": "EUR", "primary": True},
        {"input": S("us_ssn", "671-20-4418"), "mask": "###-##-####", "step": 3},
        {"text1": S("phone", "(415) 555-0199"), "text2": "call after 5", "text3": 2},
        {"answer": S("date_of_birth", "1988-11-23"), "question_id": "q_dob", "required": True},
        {"data": {"raw": S("credit_card", C_AMEX), "source": "pos-terminal-14", "lane": 3}},
        {"prop_a": S("passport_number", "X5627193"), "prop_b": "NL", "prop_c": "2031-04-30"},
        {"param": S("secret_key", "sk_live_51NxQe2KzW8mLr0pTuvA4cD7fGhJ9kLmN"), "scope": "server"},
        {
            "item": {
                "v1": S("geo_location", 59.913868),
                "v2": S("geo_location", 10.752245),
                "v3": "oslo-hub",
            }
        },
        {"tag": "billing", "value": S("email", "facturen@bakkerij-devries.nl")},
    ]


def _opaque_pairs() -> list[Any]:
    return [
        {"fields": [{"name": "phone", "value": S("phone", "+358 40 7654321")}]},
        {"custom_fields": [{"id": 360011, "key": "ssn", "val": S("us_ssn", "304-61-2277")}]},
        {"attributes": [{"key": "email", "value": S("email", "h.novak@seznam.cz")}]},
        {"properties": [{"label": "Date of birth", "content": S("date_of_birth", "14/02/1979")}]},
        {"params": [{"Name": "DB_PASSWORD", "Value": S("password", "Tr0mbone!Sunset77")}]},
        {"Tags": [{"Key": "owner-email", "Value": S("email", "platform-team-lead@nordvik.io")}]},
        {"metadata": [{"k": "card", "v": S("credit_card", C_DISC)}]},
        {"traits": [{"trait": "full_name", "value": S("person_name", "Ayşe Demir")}]},
        {"answers": [{"question": "What is your IBAN?", "answer": S("iban", IB_SE)}]},
        {
            "env": [
                {
                    "name": "STRIPE_SECRET_KEY",
                    "value": S("secret_key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc9Z3xF1"),
                }
            ]
        },
        {"headers": [{"name": "Authorization", "value": S("jwt", "Bearer " + JC)}]},
        {
            "inputs": [
                {
                    "id": "home_address",
                    "value": S("street_address", "Drottninggatan 71, 111 36 Stockholm"),
                }
            ]
        },
        {"identifiers": [{"type": "NATIONAL_ID", "value": S("national_id", "19850317-2382")}]},
        {
            "customFieldValues": [
                {"fieldName": "Passport", "fieldValue": S("passport_number", "P4419302")}
            ]
        },
        {"fields": [{"name": "plan", "value": "enterprise"}, {"name": "seats", "value": 40}]},
        {"attributes": [{"key": "color", "value": "teal"}, {"key": "size", "value": "XL"}]},
    ]


def _free_text() -> list[Any]:
    return [
        {
            "message": S(
                "email", "Hej! Please send the receipt to anna.lindqvist@gmail.com, thanks"
            ),
            "ticket_id": 88123,
        },
        {
            "note": S("phone", "Customer asked to be called back on 0612 345 678 after 14:00"),
            "priority": "low",
        },
        {
            "comment": S(
                "credit_card", f"paid with card {grouped(C_MC2)} exp 09/27, please refund"
            ),
            "order": "ORD-55120",
        },
        {
            "description": S(
                "us_ssn", "Applicant SSN 431-76-2290 was entered twice, merge records"
            ),
            "case": "CS-4471",
        },
        {
            "instructions": S(
                "iban", f"Wire the deposit to {std_iban.format(IB_GB)} before Friday"
            ),
            "dueDays": 3,
        },
        {"error": {"code": "invalid_token", "message": S("jwt", f"token {JD} has expired")}},
        {
            "body": S(
                "email",
                "From: Jiří Dvořák <jiri.dvorak@email.cz>\nSubject: faktura\n\nDobrý den, posílám fakturu.",
            ),
            "folder": "INBOX",
        },
        {"text": S("phone", "Ring mig på +46 8 555 010 20 om leveransen"), "channel": "sms"},
        {
            "summary": S("email", "Kunde meldet sich unter max.huber@web.de wegen Rückerstattung"),
            "status": "open",
        },
        {
            "reason": S("credit_card", f"Customer read out {C_VISA2} over chat, card replaced"),
            "redacted": False,
        },
        {
            "log": S("ip_address", "login failed for user id 7712 from 185.220.101.34 (attempt 3)"),
            "level": "warn",
        },
        {"remarks": S("iban", f"Nieuwe rekening: {IB_NL}"), "updated_by": "ops-bot"},
        {
            "content": S(
                ("email", "phone"), "Contact me at yusuf.kaya@outlook.com or 0532 555 12 34."
            ),
            "role": "user",
        },
        {
            "notes": S("us_ssn", "ssn on file: 078051120? no, corrected to 536-22-7781"),
            "reviewed": True,
        },
        {
            "bio": S("email", "Keramiker i Bergen. Bestillinger: post@leirverket.no"),
            "followers": 912,
        },
        {"feedback": "The checkout was slow but the support agent was great.", "rating": 4},
        {"message": "Deployment 2025.06.1 rolled out to eu-west-1 at 14:02 UTC", "sha": "9f2c1ab"},
        {
            "description": "Order 4000-1234 shipped in 2 boxes; tracking to follow.",
            "carrier": "postnord",
        },
        {"subject": S("person_name", "Welcome aboard, Henrik Sørensen!"), "template": "welcome_v3"},
        {
            "chat": [
                {
                    "from": "customer",
                    "text": S("phone", "my number changed, new one is +47 912 34 567"),
                }
            ]
        },
        {
            "error_message": S(
                "email",
                'duplicate key value violates unique constraint "users_email_key": (email)=(lea.moreau@orange.fr)',
            ),
            "sqlstate": "23505",
        },
        {"memo": S("credit_card", f"manual auth {C_JCB} approved by phone"), "amount": 120.0},
        {
            "address_note": S(
                "street_address", "Leave at the back door of Storgata 14B, 0155 Oslo"
            ),
            "delivery_window": "08-12",
        },
        {
            "reply": S(
                "email",
                "Ich habe meine neue Adresse schon an kundenservice@beispielbank.de geschickt, bitte bestätigen: sabine.krause@t-online.de",
            ),
            "lang": "de",
        },
        {
            "description": "Reset rate-limit for API key id ak_2291 (not the secret).",
            "assignee": "sre",
        },
        {
            "comment": S(
                "jwt", f"Reproduce with: curl -H 'Authorization: Bearer {JA}' https://api/x"
            ),
            "issue": 3312,
        },
        {"message": S("phone", "WhatsApp'tan yazın: +90 533 444 55 66"), "dil": "tr"},
        {
            "note": S(
                "iban", f"Refund to IBAN {std_iban.format(IB_DK)} (account holder confirmed)"
            ),
            "refund_id": "rf_2201",
        },
    ]


def _lang_keys() -> list[Any]:
    return [
        {
            "förnamn": S("person_name", "Linnéa"),
            "efternamn": S("person_name", "Åkesson"),
            "personnummer": S("national_id", "19900212-7752"),
            "kundnummer": "K-200413",
        },
        {
            "gatuadress": S("street_address", "Kungsgatan 12"),
            "postnummer": "411 19",
            "ort": "Göteborg",
            "mobilnummer": S("phone", "070-123 45 67"),
        },
        {
            "adı": S("person_name", "Emre"),
            "soyadı": S("person_name", "Çelik"),
            "doğum_tarihi": S("date_of_birth", "1992-07-19"),
            "sipariş_no": "SP-220019",
        },
        {
            "telefon_numarası": S("phone", "+90 216 555 01 22"),
            "e_posta": S("email", "emre.celik@yandex.com.tr"),
            "şehir": "İzmir",
        },
        {
            "nome_completo": S("person_name", "Inês Carvalho"),
            "morada": S("street_address", "Rua Augusta 101, 2.º Esq."),
            "número_contribuinte": S("tax_id", "232945373"),
            "nº_encomenda": "PT-99812",
        },
        {
            "fornavn": S("person_name", "Sofie"),
            "efternavn": S("person_name", "Kjær"),
            "fødselsdato": S("date_of_birth", "03-05-1987"),
            "kundenr": "55120",
        },
        {
            "etternavn": S("person_name", "Haugen"),
            "fødselsnummer": S("national_id", "01129955151"),
            "kontonummer": S("bank_account", "8601.11.17947"),
            "avdeling": "Oslo",
        },
        {
            "etunimi": S("person_name", "Aino"),
            "sukunimi": S("person_name", "Mäkinen"),
            "puhelinnumero": S("phone", "040 123 4567"),
            "tilausnumero": "TIL-4410",
        },
        {
            "jméno": S("person_name", "Tereza"),
            "příjmení": S("person_name", "Svobodová"),
            "číslo_účtu": S("bank_account", "19-2000145399/0800"),
            "číslo_objednávky": "OBJ-7781",
        },
        {
            "όνομα": S("person_name", "Ελένη"),
            "επώνυμο": S("person_name", "Παπαδοπούλου"),
            "κινητό": S("phone", "+30 694 123 4567"),
            "κωδικός_πελάτη": "GR-1187",
        },
        {
            "이름": S("person_name", "김민준"),
            "전화번호": S("phone", "010-2345-6789"),
            "주소": S("street_address", "서울특별시 강남구 테헤란로 152"),
            "주문번호": "20250612-000183",
        },
        {
            "姓名": S("person_name", "王芳"),
            "手机": S("phone", "138 0013 8000"),
            "电子邮箱": S("email", "wangfang88@163.com"),
            "订单号": "E20250611093512",
        },
        {
            "фамилия": S("person_name", "Смирнова"),
            "имя": S("person_name", "Ольга"),
            "отчество": S("person_name", "Игоревна"),
            "номер_заказа": "ЗК-00981",
        },
        {
            "паспорт": {
                "серия_номер": S("passport_number", "4509 235857"),
                "кем_выдан": "ОВД Тверского района",
                "дата_выдачи": "2015-08-11",
            }
        },
        {
            "الاسم": S("person_name", "ليلى حداد"),
            "البريد_الالكتروني": S("email", "layla.haddad@gmail.com"),
            "رقم_الطلب": "ORD-5521",
        },
        {
            "שם_פרטי": S("person_name", "נועה"),
            "שם_משפחה": S("person_name", "כהן"),
            "מספר_זהות": S("national_id", "039337423"),
            "מספר_הזמנה": "IL-20913",
        },
        {
            "Geburtsdatum": S("date_of_birth", "07.04.1981"),
            "Anschrift": S("street_address", "Lindenstraße 23"),
            "Steuer-ID": S("tax_id", "65929970489"),
            "Auftragsnummer": "A-2025-0042",
        },
        {
            "numéro_de_sécurité_sociale": S("national_id", "2 84 12 75 115 023 81"),
            "date_de_naissance": S("date_of_birth", "1984-12-03"),
            "ville": "Paris",
        },
        {
            "apellidos": S("person_name", "Fernández Ruiz"),
            "DNI": S("national_id", "12345678Z"),
            "teléfono_móvil": S("phone", "612 34 56 78"),
            "provincia": "Sevilla",
        },
        {
            "codice_fiscale": S("national_id", "RSSMRA85T10A562S"),
            "indirizzo_email": S("email", "m.rossi@libero.it"),
            "partita_iva": S("tax_id", "01114601006"),
            "comune": "Roma",
        },
        {
            "achternaam": S("person_name", "Jansen"),
            "geboortedatum": S("date_of_birth", "1975-09-30"),
            "burgerservicenummer": S("national_id", "111222333"),
            "woonplaats": "Utrecht",
        },
        {
            "numer_pesel": S("national_id", "02070803628"),
            "nazwisko_rodowe": S("person_name", "Kowalczyk"),
            "numer_konta": S("iban", IB_PL),
            "miasto": "Kraków",
        },
        {
            "氏名": S("person_name", "佐藤 花子"),
            "フリガナ": S("person_name", "サトウ ハナコ"),
            "郵便番号": "150-0041",
            "住所": S("street_address", "東京都渋谷区神南1-19-11"),
            "注文番号": "JP-771209",
        },
        {
            "マイナンバー": S("national_id", "123456789018"),
            "生年月日": S("date_of_birth", "1990年4月1日"),
            "性別": S("gender", "女性"),
        },
        {
            "cpf": S("national_id", "529.982.247-25"),
            "nome_mae": S("person_name", "Maria Aparecida Souza"),
            "celular": S("phone", "(11) 98765-4321"),
            "protocolo": "20250612001",
        },
        {
            "Straße": S("street_address", "Mariahilfer Straße 88"),
            "PLZ": "1070",
            "Geschlecht": S("gender", "weiblich"),
            "Kundennummer": "AT-44019",
        },
    ]


def _casings() -> list[Any]:
    return [
        {
            "FIRST_NAME": S("person_name", "Harriet"),
            "LAST_NAME": S("person_name", "Okonjo"),
            "ACCOUNT_ID": 44810,
            "CREATED_TS": "2025-02-11T08:00:00Z",
        },
        {
            "first-name": S("person_name", "Tomasz"),
            "last-name": S("person_name", "Zieliński"),
            "member-since": "2019-05-01",
        },
        {
            "FirstName": S("person_name", "Priya"),
            "LastName": S("person_name", "Raman"),
            "EmailAddress": S("email", "priya.raman@zoho.in"),
            "Id": 918,
        },
        {
            "$email": S("email", "noor.ali@hey.com"),
            "$name": S("person_name", "Noor Ali"),
            "$created": "2025-03-20T11:11:11Z",
            "$city": "Dubai",
        },
        {
            "dob": S("date_of_birth", "1969-12-31"),
            "ssn": S("us_ssn", "219-44-0981"),
            "mrn": "MRN00912231",
        },
        {
            "rt": S("secret_key", "1//0gLk7vT2QpZc8CgYIARAAGBASNwF-L9IrXa3bYt2uN0mVw4kqG5rB"),
            "at": S("jwt", JB),
            "exp": 3599,
        },
        {
            "fname": S("person_name", "Rosa"),
            "lname": S("person_name", "Delgado"),
            "tel": S("phone", "+52 55 1234 5678"),
            "zip": "06700",
        },
        {
            "usr": S("username", "rdelgado"),
            "pwd": S("password", "Cielito#Lindo2024"),
            "remember": True,
        },
        {
            "uname": S("username", "nightowl_42"),
            "passwd": S("password", "hunter2-but-longer!"),
            "lang": "en",
        },
        {
            "addr1": S("street_address", "4 Privet Drive"),
            "addr2": "Flat 2",
            "cty": "Little Whinging",
            "pc": "RG12 9FG",
        },
        {"DOB": S("date_of_birth", "04/07/1990"), "SEX": S("gender", "M"), "HT_CM": 181},
        {
            "e-mail": S("email", "karin.vogt@gmx.ch"),
            "handynummer": S("phone", "079 555 12 34"),
            "kanton": "ZH",
        },
        {
            "EMAIL_ADDR": S("email", "billing@okafor-and-sons.ng"),
            "CUST_NM": S("person_name", "Chidi Okafor"),
            "CUST_NO": "C0009912",
        },
        {
            "emailAddr": S("email", "j.park@kakao.com"),
            "mobileNo": S("phone", "010-9876-5432"),
            "memberNo": "M20250611",
        },
        {"phoneNumber": S("phone", "+61 2 9374 4000"), "PhoneType": "WORK", "phone_verified": True},
        {"SSN_LAST4": "4418", "SSN": S("us_ssn", "671204418"), "TaxYear": 2024},
        {
            "userName": S("username", "lmoreau"),
            "userId": "00u1f2g3h4i5j6k7l8",
            "userType": "employee",
        },
        {
            "ip_addr": S("ip_address", "2a02:2f0c:8000::1d4"),
            "IPV4": S("ip_address", "10.24.7.19"),
            "port": 443,
        },
        {"MacAddr": S("mac_address", "00-1B-63-84-45-E6"), "hw_type": "ethernet", "vlan": 120},
        {"lat": S("geo_location", 41.0082), "long": S("geo_location", 28.9784), "accuracy_m": 12},
        {"gender_identity": S("gender", "non-binary"), "pronouns": "they/them", "locale": "en-GB"},
        {
            "BirthDt": S("date_of_birth", "19770815"),
            "NatlId": S("national_id", "770815-1234560"),
            "CtryCd": "KR",
        },
    ]


def _ids_negative() -> list[Any]:
    return [
        {
            "next_cursor": "Y3Vyc29yOnYyOpK5MjAyNS0wNi0xMlQxMDowMDowMFo=",
            "prev_cursor": None,
            "limit": 100,
        },
        {
            "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
            "span_id": "00f067aa0ba902b7",
            "parent_span_id": "b7ad6b7169203331",
        },
        {
            "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "tracestate": "congo=t61rcWkgMzE",
        },
        {
            "x-request-id": "f058ebd6-02f7-4d3f-942e-904344e8cde5",
            "x-amzn-trace-id": "Root=1-67891233-abcdef012345678912345678",
        },
        {"order_number": N_ORDER1, "status": "shipped", "total": 84.5, "currency": "EUR"},
        {"invoice_no": N_ORDER2, "invoice_date": "2025-05-31", "amount_due": 1290.0},
        {"loyalty_card_number": N_ORDER3, "tier": "silver", "points": 4410},
        {
            "application_id": "APP-2025-000918",
            "reference_number": "REF7781236612",
            "submitted": "2025-06-01",
        },
        {"sku": "SHOE-RUN-42-BLK", "ean": "4006381333931", "upc": "036000291452", "stock": 31},
        {"isbn": "978-0-306-40615-7", "issn": "0317-8471", "edition": 3},
        {"imei": "490154203237518", "iccid": "89460850007008261513", "imsi": "240080012345678"},
        {"tracking_number": "1Z999AA10123456784", "carrier": "UPS", "service": "ground"},
        {
            "commit": "3f786850e387550fdab836ed7e6dc881de23001b",
            "tree": "9bc3b1f2",
            "branch": "main",
        },
        {"sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "size": 0},
        {"version": "2.14.0-rc.3", "build": "20250612.4", "git_describe": "v2.13.9-41-g0b1c2d3"},
        {"created_at": "2025-06-12T09:41:22.518Z", "updated_at": 1749721282, "deleted_at": None},
        {"amount": "1234.56", "currency": "SEK", "country": "SE", "fx_rate": 11.02},
        {
            "id": "cus_Q8wX3kL2mN9pR4",
            "object": "customer",
            "livemode": True,
            "default_source": "card_1PQ2rS3tU4vW5x",
        },
        {
            "uuid": "7d444840-9dc0-11d1-b245-5ffdce74fad2",
            "ulid": "01J0B4W8Q5Z0M3G7Y9RKX2C6VA",
            "ksuid": "2HbR8xhbWRnO4mwz9Z2xwhh0xyA",
        },
        {
            "etag": '"33a64df551425fcc55e4d42a148795d9f25f89d4"',
            "last_modified": "Wed, 11 Jun 2025 07:28:00 GMT",
        },
        {"booking_ref": "K9TQ2L", "flight": "SK1463", "seat": "14C", "fare_class": "Y"},
        {"vin": "WVWZZZ1JZXW000001", "license_plate": "AB 12 345", "odometer_km": 120443},
        {"employee_id": "E-00291", "cost_center": "4100-OPS", "grade": "L5"},
        {
            "api_key_id": "ak_live_id_8812",
            "publishable_key": "pk_live_51Hx2aBcD3eFgH4iJkLmN5oPq",
            "account_sid": "AC3f2b9c8d7e6f5a4b3c2d1e0f9a8b7c6d",
        },
        {
            "google_client_id": "181902447719-3ak8fj2pq0o1lnr7jo3m9k2s1t4u5v6w.apps.googleusercontent.com",
            "redirect_uri": "https://app.example/callback",
        },
        {"session_id": "sess_2025_06_12_0001", "csrf": "ignored-in-logs", "locale": "fi-FI"},
        {
            "device_id": "A1B2C3D4-E5F6-4788-99AA-BBCCDDEEFF00",
            "os": "iOS 18.2",
            "app_version": "7.3.1",
        },
        {"postal_code": "SW1A 1AA", "country_code": "GB", "region": "ENG", "city": "London"},
        {"transaction_id": "txn_00000000000000000000001", "batch": 77, "checksum": "0x5f3759df"},
        {
            "phone_verified": True,
            "email_verified": False,
            "mfa_enabled": True,
            "password_last_changed": "2025-01-03",
        },
        {
            "name": "Premium Plan (annual)",
            "display_name": "Premium",
            "description": "All features, billed yearly",
        },
        {"company_name": "Nordvik Logistics AB", "registry": "Bolagsverket", "industry": "freight"},
        {
            "gender_options": ["female", "male", "other"],
            "default_locale": "sv-SE",
            "currency": "SEK",
        },
        {"token_type": "Bearer", "expires_in": 3600, "scope": "openid profile"},
        {"user_count": 1200, "active_users": 804, "email_sent": 1710, "phone_calls": 12},
        {"iban_country_lengths": {"DE": 22, "GB": 22, "NO": 15}, "iban_validation": "strict"},
    ]


def _secrets() -> list[Any]:
    return [
        {
            "aws_access_key_id": S("secret_key", "AKIA4QZ7TR2XWMB3KLNP"),
            "aws_secret_access_key": S("secret_key", "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"),
            "region": "eu-north-1",
        },
        {
            "credentials": {
                "AccessKeyId": S("secret_key", "ASIAZ3MNB7QW4RTX8YKP"),
                "SecretAccessKey": S("secret_key", "wR4nT8kP1xZ6cV0bN3mQ7sL2dF9gH5jK8aE1uI4o"),
                "SessionToken": S(
                    "secret_key", "IQoJb3JpZ2luX2VjEHsaCXVzLWVhc3QtMSJHMEUCIQD7kXa9Wn2"
                ),
                "Expiration": "2025-06-12T12:00:00Z",
            }
        },
        {
            "github_token": S("secret_key", "ghp_R7kP2mX9vL4nQ8sT1wZ6cB3dF5gH0jK2aE7u"),
            "repo": "acme/infra",
            "ref": "main",
        },
        {
            "GH_PAT": S(
                "secret_key",
                "github_pat_11ABCDE2Q0aZ9xY8wV7u6T_5sR4qP3oN2mL1kJ0iH9gF8eD7cB6aZ5yX4wV3uT2sR1qP0oN9mL8kJ7",
            ),
            "scopes": ["repo"],
        },
        {
            "slack": {
                "bot_token": S(
                    "secret_key", "xoxb-2048301957-5529180034112-pQ8rS2tU4vW6xY8zA0bC2dE4"
                ),
                "channel": "C05ABCD1234",
                "team": "T01ABC2DEF",
            }
        },
        {
            "webhook_url": S(
                "secret_key",
                "https://hooks.slack.com/services/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",
            ),
            "bot_name": "deploy-bot",
        },
        {
            "stripe": {
                "secret_key": S("secret_key", "sk_live_51PqR2sT3uV4wX5yZ6aB7cD8eF9gH0iJ1kL2mN3oP4"),
                "publishable_key": "pk_live_51PqR2sT3uV4wX5yZ6aB7cD8eF",
                "restricted_key": S("secret_key", "rk_live_51PqR2sTzz9Yx8Wv7Ut6Sr5Qp4"),
            }
        },
        {
            "google_api_key": S("secret_key", "AIzaSyD8x2Q4v6T8b0N2m4K6j8H0g2F4d6S8a0P"),
            "project": "maps-prod-2231",
        },
        {
            "twilio": {
                "account_sid": "AC9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
                "auth_token": S("secret_key", "f3c9a2b8e1d7c4a06b5e9f2d8c1a7b3e"),
                "api_key_sid": "SK2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e",
            }
        },
        {
            "SENDGRID_API_KEY": S(
                "secret_key", "SG.q7Wm2Xr9Tz4Kp1Nv6Bs8Dc.3Fh5Jl7Gk9Lm1Qn3Pr5Ts7Vx9Zb1Dc3Fe5Hg7Jk9M"
            ),
            "from": S("email", "noreply@mail.acme.example"),
        },
        {
            "npm_token": S("secret_key", "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"),
            "registry_scope": "@acme",
        },
        {
            "gitlab": {
                "private_token": S("secret_key", "glpat-x9Yz8W7v6U5t4S3r2Q1p"),
                "url": "https://gitlab.acme.example",
            }
        },
        {
            "openai_api_key": S("secret_key", "sk-proj-Zq3W8e2R7t1Y6u0I5o9P4a8S3d7F2g6H1j5K0l4Z9x"),
            "model": "gpt-4o-mini",
        },
        {
            "shopify": {
                "shop": "nordic-socks.myshopify.com",
                "access_token": S("secret_key", "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"),
            }
        },
        {
            "DIGITALOCEAN_TOKEN": S(
                "secret_key",
                "dop_v1_8c2f0a9e7b6d5c4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a",
            ),
            "droplet": 339112,
        },
        {
            "azure_storage": S(
                "secret_key",
                "DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=Xk3p9QvB2mN7sL4dF8gH1jK5aE0uI6oP3rT9wZ2cV8bN4mQ7sL1dF5gH9jK3aE7uI==;EndpointSuffix=core.windows.net",
            )
        },
        {
            "database": {
                "url": S(
                    "secret_key",
                    "postgresql://ledger_app:V7m!pQ2x#Lr9@db-primary.internal:5432/ledger",
                ),
                "pool": 20,
            }
        },
        {
            "MONGO_URI": S(
                "secret_key",
                "mongodb+srv://reporting:Xp4Lw9Qz2Tb7@cluster0.ab1cd.mongodb.net/analytics?retryWrites=true",
            ),
            "MONGO_DB": "analytics",
        },
        {"redis_url": S("secret_key", "redis://:s3cr3tRedisPass2025@cache-01:6379/0"), "ttl": 600},
        {
            "amqp": S("secret_key", "amqps://orders:Hq8Zt3Wm1Xv6@rabbit.internal:5671/%2F"),
            "prefetch": 50,
        },
        {
            "headers": {
                "Authorization": S(
                    "secret_key", "Basic c2VydmljZS1hY2NvdW50OlBhc3N3MHJkIVdpbnRlcjIwMjU="
                ),
                "Accept": "application/json",
            }
        },
        {
            "proxy": {
                "http": S("secret_key", "http://scraper:Tr4ffic!2025@proxy.acme.example:3128"),
                "no_proxy": "localhost,127.0.0.1",
            }
        },
        {
            "private_key": S("secret_key", PEM_RSA),
            "key_id": "deploy-2025-06",
            "public_key": PUB_KEY,
        },
        {"signing_key_pem": S("secret_key", PEM_EC), "alg": "ES256"},
        {
            "service_account": {
                "type": "service_account",
                "project_id": "billing-eu",
                "private_key_id": "4f1d0e9a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e",
                "private_key": S("secret_key", PEM_PKCS8),
                "client_email": S("email", "exporter@billing-eu.iam.gserviceaccount.com"),
            }
        },
        {
            "refresh_token": S(
                "secret_key",
                "def50200a8b3c47e9f0d2c1b6a5e4f3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1",
            ),
            "token_type": "bearer",
            "expires_in": 7200,
        },
        {
            "oauth": {
                "access_token": S("jwt", JA),
                "refresh_token": S("secret_key", "rt_9Kq2Wm7Xz4Tp1Lv8Nb3Cs6Dg0Fh5Jk2"),
                "id_token": S("jwt", JB),
            }
        },
        {
            "client_secret": S("secret_key", "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"),
            "client_id": "181902447719-abc.apps.googleusercontent.com",
        },
        {
            "webhook": {
                "secret": S("secret_key", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                "url": "https://api.acme.example/hooks/stripe",
            }
        },
        {
            "api_key": S("secret_key", "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"),
            "domain": "mg.acme.example",
            "provider": "mailgun",
        },
        {
            "apiKey": S("secret_key", "ak_prod_Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2Ih1Gf0Ed"),
            "apiKeyId": "key_01HZX3",
            "createdAt": "2025-01-01",
        },
        {
            "x-api-key": S("secret_key", "3b1f7c9e2d4a6b8c0e1f3a5b7c9d1e2f"),
            "x-request-id": "c0ffee00-1234-4abc-9def-001122334455",
        },
        {"cookie": S("jwt", f"session={JD}; Path=/; HttpOnly"), "user_agent": "Mozilla/5.0"},
        {
            "password": S("password", "Fjord&Pine!8812"),
            "password_confirmation": S("password", "Fjord&Pine!8812"),
            "accept_tos": True,
        },
        {
            "new_password": S("password", "correct-horse-battery-staple"),
            "current_password": S("password", "Tr0ub4dor&3"),
            "user_id": 5512,
        },
        {
            "smtp": {
                "host": "smtp.mail.example",
                "port": 587,
                "user": S("username", "alerts"),
                "pass": S("password", "Sm7p!Relay#44"),
            }
        },
    ]


def _bank_details() -> list[Any]:
    return [
        {
            "routing_number": S("bank_account", R_CHASE),
            "account_number": S("bank_account", "483920117265"),
            "account_holder_type": "individual",
        },
        {
            "ach": {
                "aba": S("bank_account", R_BOFA),
                "dda": S("bank_account", "000123987654"),
                "sec_code": "PPD",
            }
        },
        {
            "direct_deposit": {
                "bankRoutingNumber": S("bank_account", R_WF),
                "bankAccountNumber": S("bank_account", "9912004471"),
                "allocationPercent": 100,
            }
        },
        {
            "sort_code": S("bank_account", "20-00-00"),
            "account_number": S("bank_account", "55779911"),
            "bank_name": "Barclays",
        },
        {
            "sortCode": S("bank_account", "401276"),
            "accountNo": S("bank_account", "31926819"),
            "payeeRef": "RENT-JUNE",
        },
        {
            "bsb": S("bank_account", "062-000"),
            "account_number": S("bank_account", "12345678"),
            "account_name": S("person_name", "Jack Thompson"),
        },
        {
            "bsbNumber": S("bank_account", "082902"),
            "accountNumber": S("bank_account", "518493027"),
            "nickname": "Everyday",
        },
        {
            "clabe": S("bank_account", "002010077777777771"),
            "banco": "BANAMEX",
            "beneficiario": S("person_name", "Lucía Hernández"),
        },
        {
            "ifsc": S("bank_account", "HDFC0001234"),
            "account_no": S("bank_account", "50100234567891"),
            "upi_enabled": True,
        },
        {
            "ifsc_code": S("bank_account", "SBIN0005943"),
            "beneficiary_account": S("bank_account", "30012845671"),
            "beneficiary_name": S("person_name", "Arjun Mehta"),
        },
        {
            "institution_number": S("bank_account", "003"),
            "transit_number": S("bank_account", "12345"),
            "account_number": S("bank_account", "7654321"),
        },
        {
            "dadosBancarios": {
                "banco": S("bank_account", "341"),
                "agencia": S("bank_account", "1234"),
                "conta": S("bank_account", "56789-0"),
                "tipo": "corrente",
            }
        },
        {
            "銀行コード": S("bank_account", "0005"),
            "支店番号": S("bank_account", "123"),
            "口座番号": S("bank_account", "1234567"),
            "口座種別": "普通",
        },
        {
            "Kontonummer": S("bank_account", "0532013000"),
            "Bankleitzahl": S("bank_account", "37040044"),
            "Bank": "Commerzbank",
        },
        {
            "bankgiro": S("bank_account", "5050-1055"),
            "clearingnummer": S("bank_account", "8327-9"),
            "kontonr": S("bank_account", "914 123 456-7"),
        },
        {
            "reg_nr": S("bank_account", "1551"),
            "konto_nr": S("bank_account", "3210987654"),
            "bank": "Danske Bank",
        },
        {
            "bank_account": {
                "iban": S("iban", IB_CH),
                "bic": "UBSWCHZH80A",
                "holder": S("person_name", "Luca Meier"),
            }
        },
        {
            "payout": {
                "iban": S("iban", std_iban.format(IB_LU)),
                "swift": "BCEELULL",
                "currency": "EUR",
            }
        },
        {
            "cuenta": {
                "numero": S("bank_account", "0049-1500-05-1234567892"),
                "entidad": "Santander",
                "moneda": "EUR",
            }
        },
        {
            "bankAccount": {
                "accountNumber": S("bank_account", "1234 5678 9012"),
                "branchCode": S("bank_account", "250655"),
                "bank": "FNB",
                "country": "ZA",
            }
        },
        {
            "swift_bic": "DEUTDEFF",
            "bank_country": "DE",
            "bank_name": "Deutsche Bank",
            "currency": "EUR",
        },
        {
            "iban": S("iban", IB_AT),
            "mandate_reference": "MNDT-2025-00018",
            "creditor_id": "AT61ZZZ01234567890",
        },
        {"refund": {"to_iban": S("iban", IB_IE), "amount": 49.0, "reason": "duplicate"}},
        {
            "hesap": {
                "iban": S("iban", IB_TR),
                "banka": "Ziraat",
                "şube_kodu": S("bank_account", "0610"),
            }
        },
        {
            "kontonummer_iban": S("iban", IB_NO),
            "betalingsreferanse": "KID 2345678901",
            "beløp": 1499,
        },
    ]


def _documents() -> list[Any]:
    return [
        {
            "document": {
                "type": "passport",
                "number": S("passport_number", "533380006"),
                "country": "US",
                "expires": "2030-02-28",
            }
        },
        {"passportNo": S("passport_number", "GB1234567"), "nationality": "GBR", "visaType": "B2"},
        {
            "travel_document": {
                "kind": "PASSPORT",
                "doc_number": S("passport_number", "C01X00T47"),
                "issuing_state": "D",
            }
        },
        {
            "pasaporte": S("passport_number", "PAA123456"),
            "país_emisor": "ESP",
            "vencimiento": "2029-10-12",
        },
        {"passeport": {"numéro": S("passport_number", "18AB12345"), "délivré_le": "2018-03-01"}},
        {"旅券番号": S("passport_number", "TK1234567"), "国籍": "JPN", "有効期限": "2032-05-20"},
        {"护照号码": S("passport_number", "E12345678"), "签发地": "上海"},
        {"여권번호": S("passport_number", "M12345678"), "만료일": "2030-07-01"},
        {
            "driver": {
                "license_no": S("drivers_license", "D1234567"),
                "state": "CA",
                "class": "C",
                "expires": "2028-09-01",
            }
        },
        {"dl_number": S("drivers_license", "S530-460-74-212-0"), "dl_state": "FL", "points": 0},
        {
            "drivingLicence": {
                "number": S("drivers_license", "MORGA657054SM9IJ"),
                "issuer": "DVLA",
                "categories": ["B"],
            }
        },
        {
            "Führerscheinnummer": S("drivers_license", "B072RRE2I55"),
            "Klasse": "B",
            "Ausstellungsdatum": "2012-04-17",
        },
        {"permis_de_conduire": S("drivers_license", "120575100123"), "catégories": "B"},
        {
            "kørekortnummer": S("drivers_license", "32415876"),
            "kategori": "B",
            "udstedt": "2016-09-02",
        },
        {
            "licence": {
                "number": S("drivers_license", "12345678"),
                "state": "NSW",
                "card_number": "2011223344",
            }
        },
        {
            "identity": {
                "document_type": "DRIVERS_LICENSE",
                "document_number": S("drivers_license", "123456789"),
                "issuing_region": "NY",
            }
        },
        {
            "identity": {
                "document_type": "NATIONAL_ID",
                "document_number": S("national_id", "AB1234567"),
                "issuing_country": "FR",
            }
        },
        {
            "nino": S("national_id", "JG103759A"),
            "employer_paye_ref": "123/AB456",
            "tax_code": "1257L",
        },
        {
            "aadhaar": S("national_id", "2341 2341 2346"),
            "pan": S("tax_id", "ABCPE1234F"),
            "state": "KA",
        },
        {"sin": S("national_id", "146 454 285"), "province": "ON", "employee_no": "CA-8841"},
        {
            "tfn": S("tax_id", "123 456 782"),
            "abn": S("tax_id", "51 824 753 556"),
            "super_fund": "AustralianSuper",
        },
        {"ein": S("tax_id", "12-3456789"), "entity_type": "LLC", "state_of_formation": "DE"},
        {"itin": S("tax_id", "912-70-1234"), "filing_status": "single", "tax_year": 2024},
        {
            "vat_number": S("tax_id", "SE556677889901"),
            "company": "Nordvik Logistics AB",
            "contact_person": S("person_name", "Elsa Berg"),
        },
        {
            "tax_identification_number": S("tax_id", "DE 123 456 788"),
            "tin_type": "VAT",
            "holder": "sole_trader",
            "holder_name": S("person_name", "Jonas Weber"),
        },
        {
            "rfc": S("tax_id", "GODE561231GR8"),
            "curp": S("national_id", "GODE561231HDFRRN00"),
            "regimen": "605",
        },
        {
            "nif": S("tax_id", "123456789"),
            "cartão_de_cidadão": S("national_id", "00000000 0 ZZ4"),
            "distrito": "Lisboa",
        },
        {
            "tckn": S("national_id", "10000000146"),
            "vergi_no": S("tax_id", "1234567890"),
            "il": "Ankara",
        },
    ]


def _network_geo() -> list[Any]:
    return [
        {
            "remote_addr": S("ip_address", "203.0.113.77"),
            "method": "POST",
            "path": "/v1/login",
            "status": 401,
        },
        {
            "client": {
                "ip": S("ip_address", "2001:db8:85a3::8a2e:370:7334"),
                "asn": 64500,
                "country": "NL",
            }
        },
        {
            "X-Forwarded-For": S("ip_address", "198.51.100.23, 10.0.0.4"),
            "X-Real-IP": S("ip_address", "198.51.100.23"),
        },
        {"bssid": S("mac_address", "a4:5e:60:c2:11:9f"), "ssid": "Cafe_Guest", "channel": 6},
        {
            "device": {
                "wlan_mac": S("mac_address", "F0:18:98:3A:7C:21"),
                "bt_mac": S("mac_address", "f0:18:98:3a:7c:22"),
                "model": "iPhone15,2",
            }
        },
        {
            "position": {
                "latitude": S("geo_location", -33.8688),
                "longitude": S("geo_location", 151.2093),
            },
            "speed": 0,
        },
        {"coords": S("geo_location", "52.5200,13.4050"), "accuracy": 8.5, "source": "gps"},
        {
            "geo": {
                "type": "Point",
                "coordinates": [S("geo_location", 18.0686), S("geo_location", 59.3293)],
            }
        },
        {
            "home_location": {"lat": S("geo_location", 60.1699), "lon": S("geo_location", 24.9384)},
            "timezone": "Europe/Helsinki",
        },
        {
            "subnet": "10.24.0.0/16",
            "gateway": "10.24.0.1",
            "dns": ["1.1.1.1", "8.8.8.8"],
            "mtu": 9000,
        },
        {"server": {"hostname": "api-7.eu-west-1.internal", "port": 8443, "version": "1.27.3"}},
        {
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
            "accept_language": "sv-SE,sv;q=0.9",
            "referer": "https://shop.example/cart",
        },
    ]


def _nested_people() -> list[Any]:
    return [
        {
            "order": {
                "id": 9912,
                "billing": {
                    "contact": {
                        "name": {
                            "first": S("person_name", "Matilda"),
                            "last": S("person_name", "Nyström"),
                        },
                        "email": S("email", "matilda.nystrom@bredband.net"),
                    }
                },
            }
        },
        {
            "beneficiaries": [
                {
                    "fullName": S("person_name", "Kofi Mensah"),
                    "relationship": "brother",
                    "share": 50,
                }
            ]
        },
        {
            "emergency": {
                "contactName": S("person_name", "Aaliyah Brooks"),
                "contactPhone": S("phone", "+1 312 555 0142"),
                "relation": "spouse",
            }
        },
        {
            "guardian": {
                "name": S("person_name", "Paulo Ferreira"),
                "mobile": S("phone", "+351 912 345 678"),
            },
            "student_id": "STU-2025-118",
        },
        {
            "recipient": {
                "display": S("person_name", "Dr. Hannah Schmid"),
                "addr": {
                    "street": S("street_address", "Bahnhofstrasse 10"),
                    "zip": "8001",
                    "city": "Zürich",
                },
            }
        },
        {
            "sender": {
                "name": "Acme Fulfilment Ltd",
                "address": {
                    "line1": S("street_address", "Unit 4, Riverside Park"),
                    "city": "Leeds",
                },
            },
            "parcel_id": "PX-0098",
        },
        {
            "author": {
                "login": S("username", "m-okonkwo"),
                "name": S("person_name", "Mary Okonkwo"),
            },
            "commits": 41,
        },
        {
            "assignee": {
                "username": S("username", "j.virtanen"),
                "displayName": S("person_name", "Jussi Virtanen"),
                "avatarUrls": {"48x48": "https://avatars.example/j48.png"},
            }
        },
        {
            "owner": {
                "id": "usr_01HZ",
                "profile": {
                    "nickname": S("username", "sunnyfjord"),
                    "birthday": S("date_of_birth", "1995-06-21"),
                    "gender": S("gender", "female"),
                },
            }
        },
        {
            "passengers": [
                {
                    "title": S("gender", "MRS"),
                    "given": S("person_name", "Grace"),
                    "surname": S("person_name", "Ndlovu"),
                    "dob": S("date_of_birth", "1983-01-09"),
                }
            ]
        },
        {
            "product": {
                "name": "Merino Crew Sock",
                "brand": {"name": "Fjällgarn"},
                "variants": [{"sku": "MCS-38-GRY", "size": "38-40"}],
            }
        },
        {
            "city": {
                "name": "Trondheim",
                "country": {"name": "Norway", "code": "NO"},
                "population": 212660,
            }
        },
    ]


C_VISA3, C_MC3, C_AMEX2 = lc("400360123498765"), lc("510510783421903"), lc("34012998765432")
IB_FI, IB_BE = ib("FI", "21234560000785"), ib("BE", "001234567803")
JE = jwt({"sub": "pat_5521", "aud": "fhir", "scope": "patient/*.read", "exp": 1767000000})


def _more_free_text() -> list[Any]:
    return [
        {
            "comment": S(
                "credit_card", f"Kortnummer {grouped(C_VISA3)}, utgår 11/27 – debitera igen"
            ),
            "lang": "sv",
        },
        {
            "note": S("us_ssn", "Verified identity by SSN 287-65-4321 and DOB on call"),
            "agent": "a-118",
        },
        {
            "message": S("iban", f"Lütfen ödemeyi {std_iban.format(IB_TR)} hesabına yapın"),
            "dil": "tr",
        },
        {
            "description": S("jwt", f"Replayed the webhook with header X-Auth: {JE}"),
            "status": "resolved",
        },
        {
            "text": S(
                ("email", "phone"), "Nouveau contact : chloe.bernard@free.fr / 06 12 34 56 78"
            ),
            "source": "form",
        },
        {"body": S("credit_card", f"AMEX {C_AMEX2} exp 0428 cvv on file"), "queue": "chargebacks"},
        {"details": S("iban", f"Tilinumero vaihtui: {IB_FI}"), "asiakas": 44102},
        {
            "notes": S("phone", "Patient prefers text messages to (312) 555-0187 for reminders"),
            "mrn": "MRN-3321",
        },
        {
            "message": S("email", "Bounce: delivery to k.nakamura@docomo.ne.jp failed (550 5.1.1)"),
            "attempts": 3,
        },
        {
            "reason": S("us_ssn", "Mismatch: applicant typed 441-23-9087 but payroll has another"),
            "severity": "high",
        },
        {
            "text": S(
                "street_address", "Please deliver to 1600 Amphitheatre Pkwy, Building 43, reception"
            ),
            "order": "W-88213",
        },
        {
            "memo": S(
                "credit_card", f"Card ending 1234? No — full number {C_MC3} was pasted by customer"
            ),
            "redact": True,
        },
        {"comment": S("iban", f"Terugbetaling naar {std_iban.format(IB_BE)} graag"), "taal": "nl"},
        {
            "message": "Your order 1000-4587-2133-6019 has shipped and will arrive Tuesday.",
            "channel": "email",
        },
        {"note": "Call scheduled for 2025-07-01 15:30 CET with the finance team.", "owner": "ops"},
        {
            "description": "Card payments failed for 3% of EU customers between 14:00 and 14:20.",
            "incident": "INC-2231",
        },
        {
            "summary": "Build 4.12.0 fixed the IBAN validation bug in the checkout form.",
            "labels": ["bug", "payments"],
        },
        {
            "text": S("person_name", "Thanks Dr. Amara Nwosu for reviewing the chart today"),
            "kind": "kudos",
        },
    ]


def _more_opaque() -> list[Any]:
    return [
        {"v": S("credit_card", C_MC3), "t": "pan", "ts": 1749700000},
        {"field_12": S("us_ssn", "287654321"), "field_13": "W2", "field_14": 2024},
        {"data": {"value": S("jwt", JE), "format": "jws"}},
        {"custom_attributes": {"attr_3": S("phone", "+44 7700 900123"), "attr_4": "newsletter"}},
        {
            "values": [S("email", "o.petrov@mail.ru"), S("email", "anya.petrova@yandex.ru")],
            "type": "list",
        },
        {"x1": S("ip_address", "91.198.174.192"), "x2": "GET", "x3": 200},
        {"misc": S("mac_address", "b8:27:eb:4f:12:9a"), "misc2": "raspberrypi", "misc3": 3},
        {"k": "dob", "v": S("date_of_birth", "1991-02-17")},
        {"property_value": S("iban", IB_FI), "property_key": "payout"},
        {"metadata": {"note1": S("username", "@lena_codes"), "note2": "community"}},
    ]


def _lookalikes() -> list[Any]:
    return [
        {"os_version": "10.0.19045", "kernel": "6.8.0-45-generic", "agent_version": "7.52.1"},
        {"zip_plus4": "98052-6399", "po_box": "PO Box 1200", "county_code": "033"},
        {"created_date": "1987-06-14", "record_type": "legacy_import", "archived": True},
        {"release_date": "1999-03-31", "title": "The Matrix", "runtime_min": 136},
        {"founded": "1976-04-01", "company": "Apple", "hq_city": "Cupertino"},
        {"order_id": "123-45-6789-A", "channel": "marketplace", "items": 2},
        {"ticket": "472-19-3385", "queue": "billing", "opened": "2025-03-04"},
        {"support_phone": S("phone", "1-800-275-2273"), "hours": "24/7", "company": "Apple"},
        {"firmware": "2.4.10.18", "hw_rev": "C", "bootloader": "1.0.0.3"},
        {"mac_os_version": "14.5", "device_name": "Build Agent 7", "serial": "C02ZK1XYMD6M"},
        {"gender_neutral_copy": True, "salutation_style": "first_name", "locale": "de-DE"},
        {"name": "Visa Platinum Rewards", "network": "visa", "annual_fee": 95},
        {"bin_range": "400000-499999", "scheme": "VISA", "test_card": "see docs"},
        {"product_code": "4006381333931", "batch": "2025-06-12-07", "lot": "L0092"},
        {"template": "Hello {{first_name}}, your code is {{otp}}", "channel": "sms"},
        {"placeholder_email": "you@example", "hint": "Enter your work e-mail", "field": "email"},
        {"example_iban_format": "CCkk BBBB BBBB BBBB BBBB BB", "country": "DE"},
        {"hash_sha1": "da39a3ee5e6b4b0d3255bfef95601890afd80709", "algo": "sha1"},
        {"coordinates_format": "lat,lng", "precision": 6, "datum": "WGS84"},
        {"password_policy": {"min_length": 12, "require_symbol": True, "max_age_days": 90}},
        {"username_rules": "3-20 characters, letters and digits", "taken": False},
        {"ip_allowlist_enabled": True, "ip_count": 4, "mac_randomization": "on"},
    ]


FAMILIES: dict[str, list[Any]] = {
    "opaque_keys": _opaque_keys(),
    "opaque_pairs": _opaque_pairs(),
    "free_text": _free_text(),
    "lang_keys": _lang_keys(),
    "casings": _casings(),
    "ids_negative": _ids_negative(),
    "secrets": _secrets(),
    "bank_details": _bank_details(),
    "identity_documents": _documents(),
    "network_geo": _network_geo(),
    "nested_people": _nested_people(),
    "free_text_more": _more_free_text(),
    "opaque_more": _more_opaque(),
    "lookalikes": _lookalikes(),
}


def generate() -> list[dict[str, Any]]:
    """Every hand-written document as ``{"family", "body", "labels"}``."""
    out = []
    for family, docs in FAMILIES.items():
        for doc in docs:
            body, labels = materialize(doc)
            out.append({"family": f"v2hand/{family}", "body": body, "labels": sorted(labels)})
    return out


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    docs = generate()
    OUT.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    print(f"wrote {len(docs)} documents to {OUT}")


if __name__ == "__main__":
    main()
