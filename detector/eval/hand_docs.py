# ruff: noqa: RUF001, E501  (documents in their own scripts, one per line)
"""Hand-written documents, one per line, grouped in families by failure class.

    python -m detector.eval.hand_docs   # rewrites data/hand.jsonl

Written for this evaluation (not taken from `detector.synth`): opaque keys, free text, keys in
other languages and scripts, every casing, identifiers that are not personal, secrets and
vendor key shapes, bank details beyond IBAN. `S(type, value)` marks a labelled leaf.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from detector.eval.labels import S, materialize

OUT = Path(__file__).resolve().parent / "data" / "hand.jsonl"


def _b64(obj: dict[str, Any]) -> str:
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(
    sub: str, alg: str = "RS256", sig: str = "dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"
) -> str:
    """A JWS compact token with the given subject (signature made up)."""
    return f"{_b64({'alg': alg, 'typ': 'JWT'})}.{_b64({'sub': sub, 'iat': 1733000000})}.{sig}"


J1, J2, J3 = (
    jwt("user-1842"),
    jwt("a9f3", "HS256", "x4Qm_2LpZ0aB8sK1vW9nT6yR3eJ7cU5hG0iD2fO8pLk"),
    jwt("svc-billing", "ES256"),
)
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA PRIVATE KEY-----"
PEM_EC = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n-----END EC PRIVATE KEY-----"
PEM_PKCS8 = "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----"

FAMILIES: dict[str, list[Any]] = {
    # ------------------------------------------------------------ opaque keys: value decides
    "hand/opaque_pairs": [
        {
            "fields": [
                {"name": "email", "value": S("email", "lena.kraus@posteo.de")},
                {"name": "plan", "value": "pro"},
            ]
        },
        {
            "fields": [
                {"name": "card_number", "value": S("credit_card", "4111 1111 1111 1111")},
                {"name": "currency", "value": "EUR"},
            ]
        },
        {
            "attributes": [
                {"key": "phone", "value": S("phone", "+49 30 901820")},
                {"key": "tier", "value": "gold"},
            ]
        },
        {
            "custom_fields": [
                {"id": 360012, "value": S("email", "m.rossi@libero.it")},
                {"id": 360013, "value": "priority"},
            ]
        },
        {"properties": [{"property": "iban", "value": S("iban", "DE89 3704 0044 0532 0130 00")}]},
        {
            "data": [
                {"type": "ssn", "value": S("us_ssn", "536-22-8741")},
                {"type": "zip", "value": "94107"},
            ]
        },
        {
            "meta": [
                {"label": "Mobile", "value": S("phone", "+44 7700 900123")},
                {"label": "Segment", "value": "B2C"},
            ]
        },
        {
            "traits": [
                {"name": "ip", "value": S("ip_address", "203.0.113.77")},
                {"name": "plan", "value": "free"},
            ]
        },
        {
            "fields": [
                {"field": "mac", "value": S("mac_address", "3c:22:fb:12:9a:0e")},
                {"field": "model", "value": "X200"},
            ]
        },
        {"fields": [{"name": "token", "value": S("jwt", J1)}, {"name": "ttl", "value": 3600}]},
        {
            "answers": [
                {"question": "Your e-mail?", "answer": S("email", "kofi.mensah@gmail.com")},
                {"question": "Size?", "answer": "M"},
            ]
        },
        {
            "fields": [
                {"name": "order_number", "value": "4242-118-77"},
                {"name": "status", "value": "shipped"},
            ]
        },
    ],
    "hand/opaque_value_keys": [
        {"value": S("email", "ines.duarte@sapo.pt"), "kind": "contact"},
        {"val": S("credit_card", "5555555555554444")},
        {"data": S("iban", "GB82WEST12345698765432"), "verified": True},
        {"custom1": S("email", "ravi.k@rediffmail.com"), "custom2": "blue", "custom3": 42},
        {"field_7": S("credit_card", "378282246310005"), "field_8": "2027-09"},
        {"attributes": {"x": S("ip_address", "2001:db8:85a3::8a2e:370:7334"), "y": "edge"}},
        {"v": S("mac_address", "00-1A-2B-3C-4D-5E")},
        {"payload": S("jwt", J2)},
        {"item": {"content": S("us_ssn", "512-44-3098")}},
        {"col_3": S("iban", "FR1420041010050500013M02606"), "col_4": "EUR"},
        {"raw": S("credit_card", "4012888888881881")},
        {"extra_1": S("email", "noor.hassan@outlook.com"), "extra_2": "2024-03-01"},
        {"entry": S("ip_address", "198.51.100.23")},
        {"x1": S("credit_card", "6011111111111117"), "x2": 1},
        {"value": S("iban", "NL91ABNA0417164300")},
        {"input": S("email", "pat.oneill@eircom.net")},
        {"value": "4000-8823-119"},
        {"value": "shipped"},
        {"value": 1733000000},
        {"data": "0f8fad5b-d9cb-469f-a165-70867728950e"},
    ],
    # ------------------------------------------------------------ free text
    "hand/free_text_support": [
        {
            "message": S(
                "email",
                "Hi, please send the invoice to jonas.berg@telia.se instead of my old address.",
            ),
            "ticket": 4411,
        },
        {
            "note": S("phone", "Customer asked us to call back on +44 20 7946 0958 after 5pm."),
            "status": "open",
        },
        {
            "comment": S(
                "credit_card", "I paid with 4111 1111 1111 1111 but the charge failed twice"
            ),
            "rating": 2,
        },
        {
            "description": S(
                "us_ssn", "Applicant SSN 401-72-1188 was entered incorrectly on form W-4"
            ),
            "type": "correction",
        },
        {
            "instructions": S(
                "phone", "Leave at the back door, ring 0151 496 0123 if nobody answers"
            ),
            "slot": "AM",
        },
        {
            "error": {
                "message": S("email", "User with email priya.s@yahoo.co.in already exists"),
                "code": "E409",
            }
        },
        {
            "text": S("iban", "Please refund to my account DE89 3704 0044 0532 0130 00, thanks"),
            "lang": "en",
        },
        {"body": S("jwt", f"Authorization failed for token {J3} (expired)"), "level": "warn"},
        {"message": "Your order 77812 has shipped and will arrive on Tuesday.", "channel": "sms"},
        {"note": "Gate code is 4471, dog is friendly.", "status": "delivered"},
        {"description": "Replaced the fan assembly; firmware 2.14.3 installed.", "tech": 17},
        {
            "comment": S(("email", "phone"), "Contact: amara.obi@gmail.com or +234 803 123 4567"),
            "stars": 5,
        },
        {
            "error": {
                "message": "timeout after 30000 ms contacting upstream 10.0.3.7:8443",
                "code": "E504",
            }
        },
        {
            "reason": S("credit_card", "card 5105105105105100 declined: insufficient funds"),
            "attempt": 3,
        },
        {"memo": S("iban", "Transfer from ES9121000418450200051332 for rent March"), "amount": 950},
        {
            "message": S(
                "email", "Forwarded from yuki.tanaka@docomo.ne.jp: the package arrived damaged"
            ),
            "id": 88,
        },
        {"summary": "Meeting moved to 14:30; bring the Q3 figures.", "room": "B2"},
        {"log": S("us_ssn", "verify(ssn=233-56-7890) -> mismatch"), "svc": "kyc"},
    ],
    "hand/free_text_forms": [
        {
            "bio": S("email", "Photographer based in Lisbon. Bookings: hello@anaferreira.pt"),
            "followers": 1200,
        },
        {"about": "Family-run bakery since 1952, open every day but Monday.", "rating": 4.7},
        {"notes": S("phone", "Mobile 0612345678, prefers WhatsApp"), "country": "NL"},
        {
            "additional_info": S(
                "credit_card", "use card ending 4242? no, full number is 4242 4242 4242 4242"
            ),
            "ok": False,
        },
        {"feedback": "The app crashes when I rotate the screen on Android 14.", "build": "5.2.1"},
        {
            "remarks": S("email", "cc: finance-team@contoso.com, j.lee@contoso.com"),
            "ref": "PO-99812",
        },
        {"delivery_note": S("phone", "Tel. 030 1234567 (Hinterhaus, 2. OG)"), "window": "9-12"},
        {"message": "Thanks for your order! Use code SPRING24 for 10% off.", "template": "promo"},
        {
            "description": S("iban", "Zahlung bitte auf IBAN AT61 1904 3002 3457 3201 überweisen"),
            "status": "due",
        },
        {"text": "Build 2024.11.3 passed 1,284 tests in 312 s.", "ci": True},
        {
            "comment": S("email", "Mail me at sofia.lopez@gmail.com if the size is wrong"),
            "size": "M",
        },
        {"note": S("jwt", f"debug: bearer {J1}"), "env": "staging"},
    ],
    # ------------------------------------------------------------ multilingual keys
    "hand/lang_de_fr_es": [
        {
            "Vorname": S("person_name", "Jürgen"),
            "Nachname": S("person_name", "Großmann"),
            "Kundennummer": "K-220341",
        },
        {
            "Geburtsdatum": S("date_of_birth", "14.02.1979"),
            "Telefonnummer": S("phone", "+49 89 2180 0"),
            "Status": "aktiv",
        },
        {"Straße": S("street_address", "Lindenallee 14"), "PLZ": "50968", "Ort": "Köln"},
        {
            "Steuernummer": S("tax_id", "181/815/08155"),
            "Kontonummer": S("bank_account", "0532013000"),
            "Bankleitzahl": S("bank_account", "37040044"),
        },
        {
            "Reisepassnummer": S("passport_number", "C01X00T47"),
            "Führerscheinnummer": S("drivers_license", "B072RRE2I55"),
            "Land": "DE",
        },
        {"Passwort": S("password", "Sommer2024!"), "Benutzername": S("username", "jgrossmann")},
        {"prénom": S("person_name", "Hélène"), "nom": S("person_name", "Lefèvre"), "ville": "Lyon"},
        {
            "date_de_naissance": S("date_of_birth", "1985-07-23"),
            "téléphone": S("phone", "06 12 34 56 78"),
            "civilité": S("gender", "Mme"),
        },
        {"adresse": S("street_address", "12 rue de la Paix"), "code_postal": "75002"},
        {
            "numéro_de_sécurité_sociale": S("national_id", "1 85 07 75 116 042 37"),
            "mot_de_passe": S("password", "Ch@teau88"),
        },
        {
            "nombre": S("person_name", "Alejandro"),
            "apellidos": S("person_name", "García Márquez"),
            "pedido": 10442,
        },
        {
            "fecha_nacimiento": S("date_of_birth", "03/11/1990"),
            "teléfono": S("phone", "+34 612 345 678"),
            "dirección": S("street_address", "Calle Mayor 5, 3º B"),
        },
        {
            "DNI": S("national_id", "12345678Z"),
            "contraseña": S("password", "Madrid#1990"),
            "usuario": S("username", "agarcia90"),
        },
        {"NIF": S("tax_id", "B12345674"), "razón_social": "Talleres Sur SL"},
    ],
    "hand/lang_it_pt_nl": [
        {
            "nome": S("person_name", "Giulia"),
            "cognome": S("person_name", "Bianchi"),
            "codice_cliente": "C88213",
        },
        {
            "data_di_nascita": S("date_of_birth", "1992-05-30"),
            "telefono": S("phone", "+39 06 6982 1234"),
            "indirizzo": S("street_address", "Via Garibaldi 21"),
        },
        {
            "codice_fiscale": S("national_id", "BNCGLI92E70H501Z"),
            "partita_iva": S("tax_id", "IT01234567890"),
        },
        {
            "sobrenome": S("person_name", "Oliveira"),
            "nome": S("person_name", "João"),
            "protocolo": "2024000123",
        },
        {
            "data_de_nascimento": S("date_of_birth", "12/08/1987"),
            "telefone": S("phone", "+55 11 98765-4321"),
            "endereço": S("street_address", "Rua Augusta 1500, apto 42"),
        },
        {
            "CPF": S("national_id", "529.982.247-25"),
            "senha": S("password", "Brasil@2024"),
            "agência": S("bank_account", "1234-5"),
            "conta": S("bank_account", "98765-0"),
        },
        {
            "voornaam": S("person_name", "Sanne"),
            "achternaam": S("person_name", "de Vries"),
            "klantnummer": 77120,
        },
        {
            "geboortedatum": S("date_of_birth", "1975-01-09"),
            "telefoonnummer": S("phone", "+31 20 123 4567"),
            "adres": S("street_address", "Keizersgracht 123"),
        },
        {
            "BSN": S("national_id", "111222333"),
            "wachtwoord": S("password", "Tulp!2023"),
            "rekeningnummer": S("iban", "NL91ABNA0417164300"),
        },
        {"gebruikersnaam": S("username", "sannedv"), "email_adres": S("email", "sanne@ziggo.nl")},
    ],
    "hand/lang_pl_sv_tr": [
        {
            "imię": S("person_name", "Krzysztof"),
            "nazwisko": S("person_name", "Wiśniewski"),
            "nr_zamówienia": "ZAM/118/2024",
        },
        {
            "data_urodzenia": S("date_of_birth", "1983-09-17"),
            "telefon": S("phone", "+48 601 234 567"),
            "adres": S("street_address", "ul. Marszałkowska 84/92"),
        },
        {
            "PESEL": S("national_id", "83091712345"),
            "NIP": S("tax_id", "526-000-12-46"),
            "hasło": S("password", "Wawa#83kw"),
        },
        {
            "förnamn": S("person_name", "Astrid"),
            "efternamn": S("person_name", "Lindqvist"),
            "kundnummer": 50221,
        },
        {
            "födelsedatum": S("date_of_birth", "1969-12-01"),
            "telefonnummer": S("phone", "+46 8 123 456 78"),
            "gatuadress": S("street_address", "Drottninggatan 53"),
        },
        {
            "personnummer": S("national_id", "196912011234"),
            "lösenord": S("password", "Midsommar69"),
            "clearingnummer": S("bank_account", "8327-9"),
            "kontonummer": S("bank_account", "914 658 384-2"),
        },
        {
            "ad": S("person_name", "Elif"),
            "soyad": S("person_name", "Yılmaz"),
            "sipariş_no": "SP-55102",
        },
        {
            "doğum_tarihi": S("date_of_birth", "1995-04-22"),
            "telefon": S("phone", "+90 532 123 45 67"),
            "adres": S("street_address", "Atatürk Caddesi No: 15"),
        },
        {
            "tc_kimlik_no": S("national_id", "10000000146"),
            "şifre": S("password", "Istanbul34!"),
            "vergi_no": S("tax_id", "1234567890"),
        },
        {
            "kullanıcı_adı": S("username", "elifyilmaz95"),
            "e_posta": S("email", "elif.yilmaz@hotmail.com"),
        },
    ],
    "hand/lang_cjk_ru": [
        {"名": S("person_name", "太郎"), "姓": S("person_name", "山田"), "会員ランク": "ゴールド"},
        {
            "生年月日": S("date_of_birth", "1980-03-15"),
            "電話番号": S("phone", "03-1234-5678"),
            "住所": S("street_address", "東京都千代田区丸の内1-9-1"),
        },
        {
            "パスワード": S("password", "Sakura#2024"),
            "ユーザー名": S("username", "yamada_t"),
            "マイナンバー": S("national_id", "1234 5678 9018"),
        },
        {
            "姓名": S("person_name", "王小明"),
            "手机号": S("phone", "+86 138 0013 8000"),
            "订单号": "202411050001",
        },
        {
            "身份证号": S("national_id", "11010519491231002X"),
            "地址": S("street_address", "北京市朝阳区建国路88号"),
        },
        {
            "이름": S("person_name", "김민수"),
            "전화번호": S("phone", "+82 10-1234-5678"),
            "주소": S("street_address", "서울특별시 강남구 테헤란로 152"),
        },
        {
            "имя": S("person_name", "Алексей"),
            "фамилия": S("person_name", "Смирнов"),
            "номер_заказа": "ЗК-4410",
        },
        {
            "телефон": S("phone", "+7 916 123-45-67"),
            "адрес": S("street_address", "ул. Тверская, д. 7, кв. 12"),
            "паспорт": S("passport_number", "4509 235857"),
        },
        {
            "дата_рождения": S("date_of_birth", "1988-06-30"),
            "пароль": S("password", "Moskva!88"),
            "ИНН": S("tax_id", "500100732259"),
        },
        {"メールアドレス": S("email", "t.yamada@example.co.jp"), "登録日": "2024-01-10"},
    ],
    # ------------------------------------------------------------ casings and abbreviations
    "hand/casings": [
        {
            "firstName": S("person_name", "Maya"),
            "lastName": S("person_name", "Patel"),
            "userId": 88123,
        },
        {
            "FirstName": S("person_name", "Owen"),
            "LastName": S("person_name", "Hughes"),
            "RecordType": "Lead",
        },
        {
            "first-name": S("person_name", "Chloé"),
            "last-name": S("person_name", "Martin"),
            "x-request-id": "b6f1c2d4-8e2a-4f0b-9c1d-2a3b4c5d6e7f",
        },
        {
            "FIRST_NAME": S("person_name", "ROBERT"),
            "LAST_NAME": S("person_name", "NOWAK"),
            "BRANCH_CODE": "WAW01",
        },
        {
            "$email": S("email", "kim.nguyen@icloud.com"),
            "$name": S("person_name", "Kim Nguyen"),
            "$plan": "team",
        },
        {
            "dob": S("date_of_birth", "1991-10-02"),
            "ssn": S("us_ssn", "670-12-4455"),
            "mrn": "MRN-0048812",
        },
        {"rt": S("secret_key", "rt_9fKq2LmX8vB4nZ7pW1sD6hJ3"), "at": S("jwt", J2), "exp": 3600},
        {"EMAIL_ADDR": S("email", "ops@fabrikam.io"), "PHONE_NO": S("phone", "+1 415 555 0198")},
        {
            "PhoneNo": S("phone", "(212) 555-0147"),
            "FaxNo": S("phone", "(212) 555-0148"),
            "AcctStatus": "A",
        },
        {
            "ph_num": S("phone", "+61 2 9374 4000"),
            "addr_ln1": S("street_address", "1 Macquarie St"),
            "st": "NSW",
        },
        {
            "e-mail": S("email", "b.schulz@gmx.net"),
            "tel": S("phone", "+49 40 123456"),
            "plz": "20095",
        },
        {
            "cust_nm": S("person_name", "Ahmed Karim"),
            "cust_dob": S("date_of_birth", "1977-08-19"),
            "cust_seg": "retail",
        },
        {
            "fname": S("person_name", "Lucia"),
            "lname": S("person_name", "Ferrari"),
            "mname": S("person_name", "Anna"),
        },
        {
            "userEmail": S("email", "d.okafor@proton.me"),
            "userPhone": S("phone", "+44 7911 123456"),
            "userTier": 2,
        },
        {
            "givenName": S("person_name", "Sven"),
            "sn": S("person_name", "Eriksson"),
            "mail": S("email", "sven.eriksson@telia.se"),
            "uid": S("username", "seriksson"),
        },
        {
            "DOB": S("date_of_birth", "07/04/1968"),
            "SSN": S("us_ssn", "233-56-7890"),
            "EIN": S("tax_id", "12-3456789"),
        },
        {
            "ipAddr": S("ip_address", "192.0.2.146"),
            "macAddr": S("mac_address", "a4:83:e7:2b:11:0c"),
            "osVer": "14.2.1",
        },
        {
            "pwd": S("password", "Tr0ub4dor&3"),
            "pwd_confirm": S("password", "Tr0ub4dor&3"),
            "remember": True,
        },
        {"ccNum": S("credit_card", "3530111333300000"), "ccExp": "11/27", "ccType": "JCB"},
        {"PAN": S("credit_card", "5200828282828210"), "CVV_PRESENT": True, "MID": "000000012345"},
    ],
    # ------------------------------------------------------------ nested contact objects
    "hand/nested_contacts": [
        {
            "contact": {
                "name": {"given": S("person_name", "Fatima"), "family": S("person_name", "Zahra")},
                "emails": [S("email", "fz@hey.com")],
            }
        },
        {
            "owner": {
                "display": S("person_name", "Tomás Álvarez"),
                "handle": S("username", "talvarez"),
            },
            "repo": "infra",
        },
        {
            "patient": {
                "name": [
                    {"family": S("person_name", "Okonkwo"), "given": [S("person_name", "Chinedu")]}
                ],
                "birthDate": S("date_of_birth", "1959-02-11"),
                "gender": S("gender", "male"),
            }
        },
        {
            "billing": {
                "holder": S("person_name", "Emma Laurent"),
                "account": {"iban": S("iban", "BE68539007547034"), "bic": "GEBABEBB"},
            }
        },
        {
            "recipient": {
                "fullName": S("person_name", "Liam O'Connor"),
                "phone": {"number": S("phone", "+353 87 123 4567"), "type": "mobile"},
            }
        },
        {
            "guarantor": {
                "person": {"first": S("person_name", "Hannah"), "last": S("person_name", "Becker")},
                "relation": "mother",
            }
        },
        {
            "signer": {
                "name": S("person_name", "Dr. Kwame Asante"),
                "title": "CFO",
                "signedAt": "2024-06-01T10:00:00Z",
            }
        },
        {
            "emergencyContact": {
                "name": S("person_name", "Isabel Cruz"),
                "mobile": S("phone", "+52 55 1234 5678"),
            }
        },
        {
            "author": {
                "name": S("person_name", "Nina Petrova"),
                "email": S("email", "nina.petrova@yandex.ru"),
            },
            "commit": "9fceb02",
        },
        {
            "driver": {
                "name": S("person_name", "Marco Conti"),
                "license": {"number": S("drivers_license", "U1A234567B"), "country": "IT"},
            }
        },
        {
            "traveler": {
                "passport": {"number": S("passport_number", "YA1234567"), "expires": "2031-05-20"},
                "nationality": "ES",
            }
        },
        {
            "company": {
                "name": "Nordwind Logistik GmbH",
                "registration": "HRB 123456",
                "vat": S("tax_id", "DE123456789"),
            }
        },
    ],
    # ------------------------------------------------------------ non-personal identifiers (negatives)
    "hand/ids_paging_tracing": [
        {"next_cursor": "eyJwYWdlIjoyLCJsaW1pdCI6NTB9", "has_more": True},
        {"cursor": "dXNlcjpVMDYxTkZUVDI=", "limit": 100},
        {
            "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
            "span_id": "00f067aa0ba902b7",
            "sampled": True,
        },
        {"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
        {
            "request_id": "req_8Xk2mQ9vLp3nR7sT",
            "idempotency_key": "5f2b1c8e-0d4a-4e6b-9a7c-3e8f1d2b6a90",
        },
        {
            "x-amzn-RequestId": "c6a7f3b2-11e9-4d3c-8a5e-0b9d2f4e6c81",
            "x-amz-id-2": "a21yZ2xrNWhzaXNvcmhzbG9xcGZoZGZnYWRsNg==",
        },
        {"page_token": "CAoQABoGCJDw4MEG", "pageSize": 20},
        {"etag": '"33a64df551425fcc55e4d42a148795d9f25f89d4"', "version": 17},
        {"correlationId": "ORD-2024-000912-A", "spanId": "a3ce929d0e0e4736"},
        {"continuation": "MTcxMjAwMDAwMHwxMjM0NQ", "count": 50},
        {"operation_id": "op-7f3e9a21c4", "status": "RUNNING", "progress": 0.45},
        {"job_id": 1882734, "run_id": "run_2024_11_05_0412", "attempt": 2},
    ],
    "hand/ids_commerce": [
        {"order_number": "4000000000000002", "status": "paid", "total": 129.9},
        {"order_id": "1000000000000008", "items": 3},
        {"invoice_number": "INV-2024-004417", "due": "2024-12-01"},
        {"application_id": "APP-88213-2024", "stage": "review"},
        {"sku": "TSHRT-BLK-XL", "ean": "4006381333931", "upc": "036000291452"},
        {"tracking_number": "1Z999AA10123456784", "carrier": "UPS"},
        {"confirmation_code": "XK7P2Q", "seats": ["14C", "14D"]},
        {"order_no": 4155550123, "channel": "web"},
        {"receipt": "2024-11-05-000184", "register": 4},
        {"po_number": "PO-448812", "vendor_id": "V-0091"},
        {"reference": "8123456789012344", "amount": 250},
        {"asin": "B08N5WRWNW", "isbn": "978-3-16-148410-0"},
        {"cart_id": "c_7e1f9a2b3c4d", "coupon": "WELCOME10"},
        {"serial_number": "SN-4C2A-88F1-0042", "batch": "L2409"},
        {"shipment_id": 992817261, "weight_kg": 2.4},
    ],
    "hand/ids_tech": [
        {"version": "1.4.12.3", "build": "2024.11.05.1", "api_version": "2023-10-16"},
        {"commit": "9fceb02d0ae598e95dc970b74767f19372d61af8", "branch": "main"},
        {"sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"created_at": "2024-11-05T09:12:44.512Z", "updated_at": 1730797964, "ttl": 86400},
        {"uuid": "123e4567-e89b-12d3-a456-426614174000", "kind": "widget"},
        {
            "image": "registry.local/app@sha256:9b2a4f1c",
            "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        },
        {"pod_ip_range": "10.244.0.0/16", "port": 8443, "protocol": "TCP"},
        {"checksum": "d41d8cd98f00b204e9800998ecf8427e", "size": 0},
        {"semver": "10.0.0-beta.1", "min_version": "2.1.0"},
        {
            "account_id": "123456789012",
            "region": "eu-west-1",
            "arn": "arn:aws:iam::123456789012:role/deploy",
        },
        {"project_id": "proj-7731", "workspace": "ws_3f8a", "node_id": "MDQ6VXNlcjE="},
        {"published": "2019-06-04", "expires_on": "2026-01-31", "valid_from": "2024-01-01"},
        {"color": "#1e90ff", "font": "Inter", "locale": "de-DE", "tz": "Europe/Berlin"},
        {"lat_bucket": 12, "grid": "u33dc0", "zoom": 14},
    ],
    # ------------------------------------------------------------ secrets and vendor keys
    "hand/secrets_vendor": [
        {
            "aws_access_key_id": S("secret_key", "AKIAIOSFODNN7EXAMPLE"),
            "aws_secret_access_key": S("secret_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        },
        {
            "github_token": S("secret_key", "ghp_x7Kq9LmP2vR8sT4wB6nZ1cD3fH5jK0aQ2eY9"),
            "owner": "acme",
        },
        {"token": S("secret_key", "gho_16C7e42F292c6912E7710c838347Ae178B4a"), "scope": "repo"},
        {
            "slack": {
                "bot_token": S("secret_key", "xoxb-2048-1234567890-aBcDeFgHiJkLmNoPqRsTuVwX"),
                "channel": "C024BE91L",
            }
        },
        {"webhook": S("secret_key", "xoxp-1111-2222-3333-4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f")},
        {
            "stripe": {
                "secret": S("secret_key", "sk_live_51H8aBcDeFgHiJkLmNoPqRsTu"),
                "publishable": S("secret_key", "pk_live_51H8xYzAbCdEfGhIjKlMnOpQr"),
            }
        },
        {"key": S("secret_key", "rk_live_4eC39HqLyjWDarjtT1zdp7dc"), "mode": "restricted"},
        {
            "sendgrid_api_key": S(
                "secret_key",
                "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",
            )
        },
        {"google": {"maps_key": S("secret_key", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY")}},
        {"gitlab_pat": S("secret_key", "glpat-xxRz8nP2qYb4Lw6TfK1s"), "project": 4411},
        {"npm_token": S("secret_key", "npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")},
        {"shopify": {"access_token": S("secret_key", "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")}},
        {
            "twilio": {
                "api_key_sid": S("secret_key", "SK2a0747eba6abf96b7e3c3ff0b4530f6e"),
                "account_sid": "AC4f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c",
            }
        },
        {"openai_api_key": S("secret_key", "sk-proj-Tq8vN3xR5wZ2kL9mJ4bC7yF1hD6gS0aE")},
        {"mailgun": S("secret_key", "key-3ax6xnjp29jd6fds4gc373sgvjxteol0")},
        {
            "credentials": {
                "private_key": S("secret_key", PEM),
                "client_email": S("email", "deployer@acme-prod.iam.gserviceaccount.com"),
            }
        },
        {
            "tls": {
                "key": S("secret_key", PEM_EC),
                "cert_fingerprint": "5E:FF:56:A2:AF:15:88:25:35:12:A0:8C",
            }
        },
        {"signing_key": S("secret_key", PEM_PKCS8)},
        {"api_key_id": "key_01HF3K2M9Q", "api_key_last4": "8f2a", "created": "2024-01-01"},
        {
            "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ci@host"
        },
    ],
    "hand/secrets_tokens": [
        {
            "access_token": S("jwt", J1),
            "refresh_token": S("secret_key", "8xLOxBtZp8" + "Qv3nR2kT9wY4mZ7pL1sD6hJ3fG5"),
            "token_type": "Bearer",
            "expires_in": 3600,
        },
        {
            "refresh_token": S("secret_key", "1//0gLx7Yq2Pz9kC2NwR8sT4vB6nM3xQ1"),
            "scope": "openid email",
        },
        {
            "authorization": S("secret_key", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"),
            "accept": "application/json",
        },
        {"Authorization": S("jwt", f"Bearer {J3}"), "User-Agent": "okhttp/4.12.0"},
        {
            "headers": {
                "Authorization": S("secret_key", "Basic dXNlcjpQQHNzdzByZA=="),
                "Content-Type": "application/json",
            }
        },
        {
            "database_url": S("secret_key", "postgres://app:S3cr3tPa55@db.internal:5432/orders"),
            "pool": 10,
        },
        {
            "MONGO_URI": S(
                "secret_key",
                "mongodb+srv://admin:hunter2xyz@cluster0.mongodb.example.net/prod?retryWrites=true",
            )
        },
        {
            "connectionString": S(
                "secret_key",
                "Server=tcp:sql01,1433;Database=crm;User Id=sa;Password=Passw0rd!2024;",
            )
        },
        {"redis": S("secret_key", "redis://:pA55w0rdR3dis@cache:6379/0")},
        {"amqp_url": S("secret_key", "amqps://svc:Rabb1tMQpw@mq.internal:5671/vhost")},
        {
            "session": {
                "id": S("secret_key", "s%3Ab7Xk2Lq9mP4vN8rT1wY6zC3fH5jD0aE.Qz8"),
                "expires": "2024-11-06T00:00:00Z",
            }
        },
        {"client_secret": S("secret_key", "gX7!pQ2#vL9zK4mB8nR1sT6wY3"), "client_id": "web-portal"},
        {"id_token": S("jwt", J2), "state": "af0ifjsldkj", "nonce": "n-0S6_WzA2Mj"},
        {"csrf_token": "e8f2a1c9", "theme": "dark"},
        {"api_token": S("secret_key", "8f14e45fceea167a5a36dedd4bea2543c2f6a0b1"), "user": 12},
        {"otp_secret": S("secret_key", "JBSWY3DPEHPK3PXPJBSWY3DP"), "digits": 6},
        {"webhookSecret": S("secret_key", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")},
        {
            "password_reset_token": S("secret_key", "prt_3kQ9vX2mL8nR5sT1wY7zB4cF6hJ"),
            "email": S("email", "reset.me@fastmail.com"),
        },
    ],
    # ------------------------------------------------------------ bank details beyond IBAN
    "hand/bank_details": [
        {
            "account_number": S("bank_account", "000123456789"),
            "routing_number": S("bank_account", "021000021"),
            "account_type": "checking",
        },
        {
            "ach": {
                "routing": S("bank_account", "011401533"),
                "account": S("bank_account", "9876543210"),
            }
        },
        {
            "sort_code": S("bank_account", "20-00-00"),
            "account_number": S("bank_account", "55779911"),
            "bank": "Barclays",
        },
        {
            "sortCode": S("bank_account", "404784"),
            "accountNumber": S("bank_account", "12345678"),
            "currency": "GBP",
        },
        {
            "bsb": S("bank_account", "062-000"),
            "account_number": S("bank_account", "1234 5678"),
            "country": "AU",
        },
        {"clabe": S("bank_account", "032180000118359719"), "banco": "BBVA México"},
        {
            "branch_code": S("bank_account", "0001"),
            "institution_number": S("bank_account", "003"),
            "transit_number": S("bank_account", "12345"),
            "account": S("bank_account", "7654321"),
        },
        {
            "agencia": S("bank_account", "0001-9"),
            "conta_corrente": S("bank_account", "12345-6"),
            "banco": "001",
        },
        {
            "ifsc": S("bank_account", "HDFC0000123"),
            "account_no": S("bank_account", "50100123456789"),
            "beneficiary": S("person_name", "Ananya Rao"),
        },
        {"aba": S("bank_account", "026009593"), "swift": "CHASUS33", "amount": 12000},
        {
            "payout": {
                "bank_account": {
                    "routing_number": S("bank_account", "121000358"),
                    "last4": "6789",
                    "account_holder_name": S("person_name", "Grace Liu"),
                }
            }
        },
        {
            "wire": {
                "beneficiary_account": S("bank_account", "4401928374"),
                "beneficiary_bank_aba": S("bank_account", "091000019"),
            }
        },
        {"iban": S("iban", "CH93 0076 2011 6238 5295 7"), "bic": "UBSWCHZH80A"},
        {
            "creditor": {
                "iban": S("iban", "IT60X0542811101000000123456"),
                "name": S("person_name", "Paolo Greco"),
            }
        },
        {
            "debtorAccount": {"iban": S("iban", "PL61109010140000071219812874")},
            "endToEndId": "E2E-20241105-0001",
        },
        {"bank_code": "37040044", "bank_name": "Commerzbank", "country": "DE"},
        {"routing_table": "main", "route_count": 12},
        {"account_balance": 1023.55, "account_currency": "EUR", "account_status": "open"},
    ],
    # ------------------------------------------------------------ more opaque keys and free text
    "hand/opaque_forms": [
        {
            "form_id": 77,
            "responses": {"q1": S("email", "tariq.aziz@zoho.com"), "q2": "Yes", "q3": 4},
        },
        {"answers": {"field_12": S("phone", "+33 6 12 34 56 78"), "field_13": "Paris"}},
        {
            "submission": [
                {"label": "Card", "val": S("credit_card", "371449635398431")},
                {"label": "Exp", "val": "08/29"},
            ]
        },
        {"kv": [{"k": "ssn", "v": S("us_ssn", "401-72-1188")}, {"k": "state", "v": "OH"}]},
        {"params": {"p1": S("ip_address", "192.0.2.200"), "p2": "GET", "p3": 200}},
        {"row": [S("email", "lea.moreau@orange.fr"), "Moreau", 31, "FR"]},
        {"cells": ["2024-11-01", S("iban", "SE4550000000058398257466"), "1200.00"]},
        {"metadata": {"custom_a": S("credit_card", "2223003122003222"), "custom_b": "promo"}},
        {"extras": {"c7": S("mac_address", "ac:de:48:00:11:22"), "c8": "lobby"}},
        {"inputs": [{"name": "identity_token", "value": S("jwt", J3)}]},
        {"values": [12, 44, 91, 3]},
        {"data": {"value": "ORD-20241105-8812", "value2": "3 items"}},
        {"custom_fields": {"cf_1001": "gold member", "cf_1002": 3, "cf_1003": "2024-02-02"}},
        {"attrs": {"v1": S("email", "sam.taylor@btinternet.com"), "v2": "newsletter"}},
        {"tuple": ["Alice Wong", S("phone", "+852 9123 4567")], "kind": "contact"},
    ],
    "hand/free_text_chat": [
        {
            "messages": [
                {
                    "role": "user",
                    "content": S("email", "my email is carlos.mendes@uol.com.br, why no reply?"),
                },
                {"role": "agent", "content": "We are looking into it."},
            ]
        },
        {"chat": {"text": S("phone", "whatsapp me on +27 82 123 4567")}, "ts": 1730797964},
        {"content": S("credit_card", "Card: 6011 0009 9013 9424 exp 10/26"), "redact": False},
        {
            "prompt": S("us_ssn", "Fill the form for John, his social is 670-12-4455"),
            "model": "m-large",
        },
        {
            "subject": "Re: your order",
            "body": S("email", "Hello,\nplease confirm with finance@northwind.example.com.\nBest"),
        },
        {"status_message": "All systems operational", "incidents": 0},
        {"caption": "Sunset over the harbour, shot on 35mm", "likes": 240},
        {"notes": S("iban", "IBAN: TR33 0006 1005 1978 6457 8413 26 (Ziraat)"), "paid": False},
        {"description": S("phone", "Office hours Mon-Fri, call (415) 555-0176"), "open": True},
        {
            "error": {
                "detail": S(
                    "email", "Invalid recipient: wrong@@example..com or kai.lund@telenor.no"
                ),
                "status": 400,
            }
        },
        {"text": "Version 3.2.1 fixes a crash on launch (issue #4412).", "release": True},
        {"review": "Great stay, room 412 was quiet. Breakfast 7-10.", "score": 9},
    ],
    "hand/negatives_lookalike": [
        {"temperature": 21.5, "humidity": 0.43, "pressure_hpa": 1013.2},
        {"zip": "10001", "country_code": "US", "currency": "USD"},
        {"count": 123456789, "bytes": 10485760, "ms": 250000},
        {"price": "1234.56", "tax": "234.57", "discount": "0.00"},
        {"isbn13": "9780306406157", "pages": 412, "edition": "2nd"},
        {"imei": "490154203237518", "model": "Pixel 8"},
        {"vin": "1HGCM82633A004352", "plate": "B-MW 1234", "year": 2019},
        {"gtin": "00012345600012", "lot": "A12B"},
        {"status": "active", "role": "admin", "type": "premium", "name": "Basic plan"},
        {"filename": "report_2024_Q3.pdf", "mime": "application/pdf", "pages": 12},
        {"url": "https://docs.example.com/api/v2/users?page=3", "method": "GET"},
        {"hex_color": "#a4b3c2", "css_class": "btn-primary"},
        {"ipv4_count": 254, "subnet_bits": 24, "vlan": 110},
        {"date": "2024-11-05", "due_date": "2024-12-05", "period": "2024-11"},
        {"company_name": "Globex Corporation", "industry": "Manufacturing", "employees": 5400},
        {"city": "Zürich", "region": "ZH", "country": "Switzerland"},
        {"license": "MIT", "license_key": "mit", "spdx_id": "MIT"},
        {"phone_verified": True, "email_verified": False, "has_password": True},
        {"password_policy": {"min_length": 12, "require_symbols": True}, "mfa": "totp"},
        {"token_type": "Bearer", "expires_in": 3599, "scope": "read write"},
    ],
    "hand/health_hr_gov": [
        {
            "Patient": {
                "mrn": "MRN-7781234",
                "name": S("person_name", "Eleanor Whitfield"),
                "dob": S("date_of_birth", "1948-03-02"),
                "sex": S("gender", "female"),
                "ward": "3B",
            }
        },
        {
            "insured": {
                "member_id": "XJH448812001",
                "first_name": S("person_name", "Rafael"),
                "last_name": S("person_name", "Souza"),
                "relationship": "self",
            }
        },
        {
            "nhs_number": S("national_id", "943 476 5919"),
            "gp_practice": "Y01234",
            "postcode": "LS1 4AP",
        },
        {"ni_number": S("national_id", "QQ123456C"), "tax_code": "1257L", "payroll_id": "P-00412"},
        {"sin": S("national_id", "046 454 286"), "province": "ON", "employer": "Maple Foods"},
        {
            "aadhaar": S("national_id", "2345 6789 0123"),
            "pan": S("tax_id", "ABCPE1234F"),
            "state": "KA",
        },
        {
            "steuer_id": S("tax_id", "12 345 678 901"),
            "krankenkasse": "TK",
            "versichertennummer": S("national_id", "A123456780"),
        },
        {"itin": S("tax_id", "912-70-1234"), "filing_status": "single", "year": 2023},
        {
            "employee": {
                "work_email": S("email", "r.singh@initech.com"),
                "home_phone": S("phone", "+1 312 555 0190"),
                "badge": "B-4471",
                "title": "Engineer",
            }
        },
        {
            "visa": {
                "passport_number": S("passport_number", "X12345678"),
                "visa_type": "H-1B",
                "expires": "2026-09-30",
            }
        },
        {
            "citizen": {
                "personal_code": S("national_id", "38001085718"),
                "name": S("person_name", "Mart Tamm"),
                "county": "Harju",
            }
        },
        {"driver_license_no": S("drivers_license", "D123-4567-8901"), "state": "FL", "class": "E"},
    ],
    # ------------------------------------------------------------ mixed realistic bodies
    "hand/mixed_bodies": [
        {
            "user": {
                "id": 9921,
                "login": S("username", "hkim"),
                "email": S("email", "hyun.kim@naver.com"),
                "last_login_ip": S("ip_address", "211.234.10.5"),
                "created_at": "2023-02-01T08:00:00Z",
            }
        },
        {
            "customer": {
                "id": "cus_P3q9XvL2",
                "name": S("person_name", "Olivia Brown"),
                "phone": S("phone", "+1 646 555 0132"),
                "address": {
                    "line1": S("street_address", "350 Fifth Avenue"),
                    "city": "New York",
                    "postal_code": "10118",
                },
            }
        },
        {
            "device": {
                "serial": "F4GXK2L9Q1",
                "wifi_mac": S("mac_address", "f0:18:98:aa:bb:cc"),
                "os": "iOS 17.1",
                "location": {
                    "lat": S("geo_location", 52.520008),
                    "lon": S("geo_location", 13.404954),
                },
            }
        },
        {
            "kyc": {
                "full_name": S("person_name", "Dmitri Volkov"),
                "date_of_birth": S("date_of_birth", "1986-11-23"),
                "passport_no": S("passport_number", "753123456"),
                "nationality": "LV",
            }
        },
        {
            "employee": {
                "emp_no": "E-10442",
                "ssn": S("us_ssn", "512-44-3098"),
                "salary": 88000,
                "dept": "R&D",
                "gender": S("gender", "F"),
            }
        },
        {
            "payment": {
                "card": {
                    "number": S("credit_card", "4000056655665556"),
                    "exp_month": 4,
                    "exp_year": 2028,
                    "cvc_check": "pass",
                },
                "amount": 2599,
            }
        },
        {
            "session": {
                "token": S("jwt", J1),
                "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
                "ip": S("ip_address", "100.64.12.9"),
            }
        },
        {
            "shipment": {
                "to": {
                    "name": S("person_name", "Aisha Bello"),
                    "street": S("street_address", "24 Admiralty Way"),
                    "city": "Lagos",
                },
                "tracking": "JD014600006281234567",
            }
        },
        {
            "lead": {
                "Company": "Brightwave Ltd",
                "Email": S("email", "sales@brightwave.co.uk"),
                "Phone": S("phone", "+44 161 496 0000"),
                "Employees": 120,
            }
        },
        {
            "account": {
                "holder": S("person_name", "Lukas Novák"),
                "iban": S("iban", "AT611904300234573201"),
                "opened": "2019-04-01",
                "branch": "Wien 1",
            }
        },
        {
            "log": {
                "level": "info",
                "msg": "request completed",
                "duration_ms": 42,
                "client_ip": S("ip_address", "172.16.4.20"),
                "path": "/api/v2/orders",
            }
        },
        {
            "rider": {
                "first_name": S("person_name", "Kenji"),
                "last_name": S("person_name", "Watanabe"),
                "pickup": {
                    "latitude": S("geo_location", 35.681236),
                    "longitude": S("geo_location", 139.767125),
                },
            }
        },
        {
            "applicant": {
                "names": {"legal": S("person_name", "María José Herrera")},
                "tax_id": S("tax_id", "HEMM850101AB3"),
                "curp": S("national_id", "HEMM850101MDFRRR09"),
            }
        },
        {
            "product": {
                "id": 55012,
                "title": "Trail Runner 3",
                "price": 119.0,
                "stock": 42,
                "rating": 4.6,
                "tags": ["running", "outdoor"],
            }
        },
        {
            "webhook": {
                "event": "invoice.paid",
                "id": "evt_1OaBcD",
                "created": 1730797964,
                "livemode": True,
            }
        },
    ],
    # ------------------------------------------------------------ added after the split (dev):
    # a number whose kind a sibling names, SSN / tax id / national id under local key words,
    # people (and things) under parents no earlier document used
    "hand/kinds_and_parents": [
        {
            "identityDocument": {
                "documentType": "PASSPORT",
                "number": S("passport_number", "C4J7RT2X9"),
                "issuingCountry": "DE",
                "expiryDate": "2031-08-14",
            }
        },
        {
            "kyc": {
                "documents": [
                    {
                        "docType": "DRIVING_LICENCE",
                        "docNumber": S("drivers_license", "MORGA753116SM9IJ"),
                        "country": "GB",
                    },
                    {
                        "docType": "PASSPORT",
                        "docNumber": S("passport_number", "548723196"),
                        "country": "GB",
                    },
                ]
            }
        },
        {
            "verification": {
                "idType": "NATIONAL_ID",
                "idNumber": S("national_id", "X2417985H"),
                "status": "verified",
            }
        },
        {
            "identifiers": [
                {"type": "SSN", "value": S("us_ssn", "287-65-4321")},
                {"type": "CUSTOMER_REF", "value": "CR-88213"},
            ]
        },
        {
            "identifiers": [
                {"kind": "tax_id", "value": S("tax_id", "47-1923856")},
                {"kind": "order", "value": "SO-102938"},
            ]
        },
        {"document": {"type": "invoice", "number": "INV-2024-00817", "total": 1290.5}},
        {
            "document": {
                "type": "receipt",
                "number": "4012888888881881",
                "issuedAt": "2024-03-02T10:11:12Z",
            }
        },
        {"applicant": {"taxpayer": {"ssnLast4": "1120", "fullSsn": S("us_ssn", "412-56-7390")}}},
        {
            "w9": {
                "payee": {"tin_type": "SSN", "tin": S("us_ssn", "536-90-4321")},
                "entity": {"tin_type": "EIN", "tin": S("tax_id", "84-2918471")},
            }
        },
        {
            "employee": {
                "steuerIdentifikationsnummer": S("tax_id", "65929970489"),
                "sozialversicherungsnummer": S("national_id", "65 170839 J 003"),
            }
        },
        {
            "client": {
                "numeroSecuriteSociale": S("national_id", "1 84 12 76 451 089 46"),
                "numeroFiscal": S("tax_id", "30 23 217 600 053"),
            }
        },
        {
            "cliente": {
                "codiceFiscale": S(("national_id", "tax_id"), "RSSMRA85T10A562S"),
                "partitaIva": S("tax_id", "12345670017"),
            }
        },
        {
            "guardian": {
                "name": S("person_name", "Margarethe Vogel"),
                "relationship": "mother",
                "phone": S("phone", "+49 171 2345678"),
            }
        },
        {
            "beneficialOwner": {
                "name": S("person_name", "Tomasz Wiśniewski"),
                "ownershipPercent": 40,
            }
        },
        {"cosigner": {"name": S("person_name", "Dr. Aiyana Whitehorse"), "id": 77120}},
        {"next_of_kin": {"name": S("person_name", "Ms Priya Raman"), "relation": "sister"}},
        {
            "interviewer": {
                "name": S("person_name", "Oluwaseun Adeyemi"),
                "login": S("username", "oadeyemi"),
            },
            "stage": "onsite",
        },
        {"merged_by": {"login": S("username", "hubot-fan"), "id": 583231, "type": "User"}},
        {"approved_by": {"login": S("username", "k.nakamura"), "site_admin": False}},
        {"pharmacist": {"fullName": S("person_name", "Inês Carvalho"), "licenseNo": "PH-22817"}},
        {
            "tutor": {"displayName": S("person_name", "Giulia Romano")},
            "course": {"displayName": "Intro to Statistics"},
        },
        {
            "columns": [
                {"displayName": "Invoice Date", "id": "col_1"},
                {"displayName": "Amount Due", "id": "col_2"},
            ]
        },
        {
            "schema": {
                "fields": {
                    "customerName": {"displayName": "Customer Name", "type": "string"},
                    "dueDate": {"displayName": "Due Date", "type": "date"},
                }
            }
        },
        {
            "routeStops": [{"name": "Hauptbahnhof Süd"}, {"name": "Marienplatz"}],
            "operator": {"name": "Stadtwerke Verkehr GmbH"},
        },
        {
            "filters": [{"label": "Price: low to high", "sortName": "price_asc"}],
            "facet": {"title": "Brand"},
        },
        {
            "cart": {
                "checkoutToken": "9f86d081884c7d659a2feaa0c55ad015",
                "cartToken": "c2a1e5b7-3f0d-4d7a-9a51-2b8e1c0f7d33",
                "items": 3,
            }
        },
        {"session": {"connectionKey": "0c9e8f1a-7b6d-4e5c-9a3b-2d1f0e9c8b7a", "expiresIn": 3600}},
        {
            "payout": {
                "recipient": {
                    "holder": S("person_name", "Henrik Lindqvist"),
                    "accountNumber": S("bank_account", "5020 1234 5678"),
                }
            }
        },
        {
            "patient": {
                "emergencyContact": {
                    "name": S("person_name", "Chidi Okafor"),
                    "phone": S("phone", "+234 803 123 4567"),
                }
            }
        },
        {
            "contract": {
                "signatory": {"name": S("person_name", "Anneke van der Berg"), "title": "CFO"},
                "counterparty": {"name": "Noordzee Logistiek B.V."},
            }
        },
    ],
}


def generate() -> list[dict[str, Any]]:
    """Every hand-written document with its labels."""
    out = []
    for family, docs in FAMILIES.items():
        for doc in docs:
            body, labels = materialize(doc)
            out.append({"family": family, "body": body, "labels": sorted(labels)})
    return out


def main() -> None:
    docs = generate()
    with OUT.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents → {OUT}")


if __name__ == "__main__":
    main()
