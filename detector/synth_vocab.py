# ruff: noqa: RUF001, E501  (words in their own scripts; one vocabulary per line block)
"""Key vocabularies in other languages and scripts, and non-personal identifier keys.

A general dictionary of the words APIs use for each type (German, French, Spanish, Italian,
Portuguese, Dutch, Polish, Swedish, Danish, Norwegian, Finnish, Turkish, Czech, Hungarian,
Romanian, Japanese, Chinese, Korean, Russian; Greek, Arabic, Hebrew, Hindi and Ukrainian in
`MORE_SCRIPTS`), with and without diacritics, used by
`detector.synth` as literal keys. Written from the languages, not from evaluation documents.
"""

from __future__ import annotations

MULTILINGUAL: dict[str, tuple[str, ...]] = {
    "person_name": (
        "Vorname", "Nachname", "vollständiger_name", "Familienname", "Rufname", "Kontoinhaber",
        "prenom", "prénom", "nom_de_famille", "nom_complet", "titulaire", "nombre_completo",
        "apellido", "primer_apellido", "segundo_apellido", "titular", "nome_completo", "cognome",
        "intestatario", "nome_proprio", "sobrenome", "primeiro_nome", "nome_titular", "voornaam",
        "achternaam", "volledige_naam", "tussenvoegsel", "rekeninghouder", "imie", "imię",
        "nazwisko", "imie_nazwisko", "drugie_imie", "förnamn", "fornamn", "efternamn",
        "fullständigt_namn", "fornavn", "efternavn", "etternavn", "mellemnavn", "etunimi",
        "sukunimi", "koko_nimi", "ad", "adı", "soyad", "soyadı", "ad_soyad", "isim", "jmeno",
        "jméno", "prijmeni", "příjmení", "keresztnev", "keresztnév", "vezeteknev", "vezetéknév",
        "prenume", "nume", "nume_complet", "名前", "氏名", "姓", "名", "お名前", "フリガナ", "姓名",
        "名字", "客户姓名", "收件人", "이름", "성명", "성", "고객명", "имя", "фамилия", "отчество",
        "фио", "holderName", "cardHolderName", "accountHolderName", "given", "family", "forename",
        "middle_name", "middleName", "real_name", "legal_name", "full_legal_name", "fullName",
        "name_on_card", "beneficiary", "payee_name", "debtor_name", "creditor_name",
    ),
    "email": (
        "E-Mail", "e_mail", "email_adresse", "mail_adresse", "courriel", "adresse_email",
        "correo", "correo_electronico", "correo_electrónico", "posta_elettronica", "indirizzo_email",
        "pec", "endereco_email", "endereço_de_email", "e_mailadres", "emailadres", "adres_email",
        "e_post", "epost", "e_postadress", "sähköposti", "e_posta", "eposta",
        "emailova_adresa", "email_cim", "adresa_email", "メールアドレス", "メール", "电子邮件", "邮箱",
        "이메일", "электронная_почта", "почта", "emailAddr", "mailAddress", "$email",
    ),
    "phone": (
        "Telefonnummer", "Telefon", "Mobilnummer", "Handynummer", "Rufnummer", "telephone",
        "téléphone", "numero_de_telephone", "portable", "mobile_fr", "teléfono", "telefono_movil",
        "móvil", "movil", "celular", "cellulare", "numero_di_telefono", "telefone",
        "telemóvel", "numero_celular", "telefoonnummer", "mobiel", "mobielnummer", "telefon",
        "numer_telefonu", "komórka", "komorka", "telefonnummer", "mobilnummer", "mobiltelefon",
        "puhelin", "puhelinnumero", "matkapuhelin", "cep_telefonu", "telefon_no", "gsm",
        "telefonni_cislo", "telefonszam", "telefonszám", "numar_telefon", "電話番号", "電話",
        "携帯電話", "携帯番号", "电话", "手机", "手机号", "联系电话", "전화번호", "휴대폰", "연락처",
        "телефон", "мобильный", "номер_телефона", "tel_no", "phoneNo", "ph_no", "mob",
    ),
    "street_address": (
        "Straße", "Strasse", "Anschrift", "Adresse", "Hausnummer", "Wohnadresse", "adresse_postale",
        "rue", "ligne_adresse", "direccion", "dirección", "domicilio", "calle", "indirizzo",
        "endereco", "endereço", "logradouro", "morada", "rua", "adres", "straat",
        "woonadres", "huisadres", "ulica", "adres_zamieszkania", "gatuadress", "adress",
        "gateadresse", "osoite", "katuosoite", "sokak", "ulice", "utca", "cím", "strada",
        "住所", "所在地", "番地", "地址", "详细地址", "收货地址", "주소", "상세주소", "адрес", "улица",
        "addr_line1", "addr_ln1", "address_line", "street_line1", "street1", "line_1",
    ),
    "date_of_birth": (
        "Geburtsdatum", "Geburtstag", "geb_datum", "date_naissance", "date_de_naissance",
        "fecha_nacimiento", "fecha_de_nacimiento", "data_nascita", "data_di_nascita",
        "data_nascimento", "data_de_nascimento", "geboortedatum", "data_urodzenia",
        "födelsedatum", "fodelsedatum", "fødselsdato", "syntymäaika", "dogum_tarihi",
        "doğum_tarihi", "datum_narozeni", "datum_narození", "szuletesi_datum", "születési_dátum",
        "data_nasterii", "生年月日", "誕生日", "出生日期", "生日", "생년월일", "дата_рождения",
        "birthDate", "born_on", "birth_dt", "dob_date",
    ),
    "gender": (
        "Geschlecht", "Anrede", "sexe", "civilite", "civilité", "genero", "género", "sexo",
        "sesso", "geslacht", "plec", "płeć", "kön", "kon", "kjønn", "sukupuoli", "cinsiyet",
        "pohlavi", "pohlaví", "sex", "性別", "性别", "성별", "пол", "genderCode", "salutation",
    ),
    "username": (
        "Benutzername", "Benutzer", "Anmeldename", "nom_utilisateur", "identifiant_connexion",
        "pseudo", "usuario", "nombre_usuario", "nome_utente", "utente", "nome_usuario",
        "gebruikersnaam", "nazwa_uzytkownika", "login_uzytkownika", "användarnamn",
        "brukernavn", "käyttäjätunnus", "kullanici_adi", "kullanıcı_adı", "uzivatelske_jmeno",
        "felhasznalonev", "nume_utilizator", "ユーザー名", "ユーザーID", "用户名", "账号", "사용자명",
        "아이디", "логин", "имя_пользователя", "handle", "screenName", "twitter_handle", "nick",
    ),
    "password": (
        "Passwort", "Kennwort", "mot_de_passe", "mdp", "contraseña", "contrasena", "clave",
        "password_utente", "senha", "wachtwoord", "haslo", "hasło", "lösenord", "losenord",
        "passord", "adgangskode", "salasana", "sifre", "şifre", "parola", "heslo", "jelszo",
        "jelszó", "パスワード", "密码", "비밀번호", "пароль", "pass_word", "pswd", "secret_password",
        "passphrase", "pre_shared_key", "preSharedKey", "psk", "wifi_password", "wpa_key",
    ),
    "ip_address": (
        "IP_Adresse", "adresse_ip", "direccion_ip", "indirizzo_ip", "endereco_ip", "ip_adres",
        "adres_ip", "ip_adress", "ip_osoite", "ip_adresi", "IPアドレス", "IP地址", "IP주소", "ip_адрес",
        "client_ip_addr", "remote_ip_address", "ipAddr", "lastIp", "last_ip", "source_address",
    ),
    "mac_address": (
        "MAC_Adresse", "adresse_mac", "direccion_mac", "indirizzo_mac", "endereco_mac",
        "mac_adres", "adres_mac", "MACアドレス", "MAC地址", "macAddr", "wifiMac", "bt_mac",
    ),
    "geo_location": (
        "Breitengrad", "Längengrad", "latitud", "longitud", "latitudine", "longitudine",
        "breedtegraad", "lengtegraad", "szerokosc", "dlugosc", "enlem", "boylam", "緯度", "経度",
        "纬度", "经度", "위도", "경도", "широта", "долгота",
    ),
    "credit_card": (
        "Kartennummer", "Kreditkartennummer", "numero_carte", "numéro_de_carte", "numero_tarjeta",
        "número_de_tarjeta", "numero_carta", "numero_cartao", "número_do_cartão", "kaartnummer",
        "numer_karty", "kortnummer", "kortnummer_dk", "kortin_numero", "kart_numarasi",
        "kart_numarası", "cislo_karty", "kartyaszam", "numar_card", "カード番号", "卡号", "银行卡号",
        "카드번호", "номер_карты", "cardNumber", "card_no", "ccNumber", "pan_number",
    ),
    "iban": ("IBAN_Nummer", "numero_iban", "código_iban", "iban_nummer", "numer_iban", "IBAN番号"),
    "bank_account": (
        "Kontonummer", "Konto", "Bankleitzahl", "BLZ", "numero_compte", "numéro_de_compte", "RIB",
        "code_banque", "code_guichet", "numero_cuenta", "número_de_cuenta", "cuenta_bancaria",
        "clabe", "CLABE", "conto_corrente", "numero_conto", "ABI", "CAB", "conta", "conta_corrente",
        "agencia", "agência", "numero_conta", "rekeningnummer", "numer_konta", "numer_rachunku",
        "kontonummer_se", "clearingnummer", "registreringsnummer", "tilinumero", "hesap_no",
        "hesap_numarası", "cislo_uctu", "číslo_účtu", "szamlaszam", "számlaszám", "cont_bancar",
        "口座番号", "支店番号", "銀行コード", "账号_银行", "银行账号", "계좌번호", "номер_счета",
        "расчетный_счет", "БИК", "routing_number", "routingNumber", "aba_routing", "sort_code",
        "sortCode", "bsb", "BSB", "bsb_number", "transit_number", "institution_number",
        "branch_code", "branch_number", "bank_code", "ifsc", "ifsc_code", "account_no",
        "acct_number", "accountNumber", "bank_account_no", "wire_routing", "ach_routing",
    ),
    "us_ssn": ("social_security_no", "ss_no", "ssn_last_full", "socialSecurityNumber", "SSN_ID"),
    "national_id": (
        "Personalausweisnummer", "Ausweisnummer", "Identifikationsnummer", "numero_secu",
        "numéro_de_sécurité_sociale", "nir", "carte_identite", "DNI", "NIE", "documento_identidad",
        "cedula", "cédula", "codice_fiscale", "carta_identita", "CPF", "RG", "cpf_numero", "NIF_pt",
        "BSN", "burgerservicenummer", "PESEL", "numer_dowodu", "dowod_osobisty", "personnummer",
        "personnr", "cpr", "CPR", "fødselsnummer", "henkilötunnus", "hetu", "tc_kimlik_no",
        "tckn", "kimlik_no", "rodne_cislo", "rodné_číslo", "szemelyi_szam", "CNP", "cnp",
        "マイナンバー", "個人番号", "身份证号", "身份证", "주민등록번호", "СНИЛС", "снилс",
        "nino", "ni_number", "nhs_number", "sin", "SIN", "aadhaar", "curp", "CURP", "rut",
        "national_identity_number", "citizen_number", "personal_code", "id_card_number",
    ),
    "passport_number": (
        "Reisepassnummer", "Passnummer", "numero_passeport", "numéro_de_passeport",
        "numero_pasaporte", "número_de_pasaporte", "numero_passaporto", "numero_passaporte",
        "paspoortnummer", "numer_paszportu", "passnummer", "passinumero", "pasaport_no",
        "cislo_pasu", "utlevelszam", "numar_pasaport", "旅券番号", "パスポート番号", "护照号", "护照号码",
        "여권번호", "паспорт", "номер_паспорта", "passportNo", "passport_num", "travel_doc_number",
    ),
    "drivers_license": (
        "Führerscheinnummer", "Fuehrerscheinnummer", "numero_permis", "permis_de_conduire",
        "licencia_de_conducir", "numero_licencia", "patente_di_guida", "numero_patente",
        "carteira_de_motorista", "cnh", "CNH", "rijbewijsnummer", "prawo_jazdy",
        "numer_prawa_jazdy", "körkortsnummer", "korkortsnummer", "førerkort", "ajokortti",
        "ehliyet_no", "ridicsky_prukaz", "jogositvany", "permis_conducere", "運転免許証番号",
        "驾驶证号", "운전면허번호", "водительское_удостоверение", "dl_num", "driverLicense",
        "drivers_licence_number", "licenseNumber", "driving_license_no",
    ),
    "tax_id": (
        "Steuernummer", "Steuer_ID", "Steueridentifikationsnummer", "USt_IdNr", "UStIdNr",
        "numero_fiscal", "numéro_fiscal", "SIREN", "SIRET", "numero_tva", "NIF", "CIF", "RFC",
        "partita_iva", "codice_iva", "CNPJ", "cnpj", "NIPC", "btw_nummer", "btw", "RSIN", "NIP",
        "nip", "REGON", "momsnummer", "organisationsnummer", "orgnr", "skattenummer", "CVR",
        "y_tunnus", "vergi_no", "vergi_numarası", "VKN", "DIC", "dič", "ICO", "adoszam",
        "adószám", "CUI", "cod_fiscal", "法人番号", "税号", "纳税人识别号", "사업자등록번호",
        "ИНН", "инн", "КПП", "vat", "vat_no", "vatNumber", "vat_reg_no", "tax_no", "taxpayer_number",
        "TIN", "itin", "ITIN", "EIN", "pan_card", "GSTIN", "abn", "ABN", "utr",
    ),
    "jwt": ("id_token", "idToken", "access_jwt", "bearer", "jwt_token", "Authorization", "at"),
    "secret_key": (
        "api_schluessel", "cle_api", "clé_api", "clave_api", "chiave_api", "chave_api",
        "api_sleutel", "klucz_api", "api_nyckel", "APIキー", "密钥", "API密钥", "비밀키", "ключ_api",
        "refresh_token", "refreshToken", "rt", "access_key_id", "aws_access_key_id",
        "aws_secret_access_key", "private_key", "privateKey", "client_secret", "clientSecret",
        "connection_string", "connectionString", "database_url", "DATABASE_URL", "dsn",
        "github_token", "slack_token", "bot_token", "stripe_key", "sendgrid_api_key",
        "webhook_secret", "signing_key", "otp_secret", "totp_secret", "session_secret",
        "basic_auth", "encryption_key", "master_key", "service_account_key",
    ),
}  # fmt: skip

#: Key words of five more languages and scripts (Greek, Arabic, Hebrew, Hindi, Ukrainian),
#: merged into `MULTILINGUAL` below; written from the languages' own forms.
MORE_SCRIPTS: dict[str, tuple[str, ...]] = {
    "person_name": (
        "όνομα", "επώνυμο", "ονοματεπώνυμο", "πατρώνυμο", "μητρώνυμο", "ονομα", "επωνυμο",
        "الاسم", "الاسم_الأول", "اسم_العائلة", "الاسم_الكامل", "اسم", "الكنية", "שם", "שם_פרטי",
        "שם_משפחה", "שם_מלא", "नाम", "पहला_नाम", "उपनाम", "पूरा_नाम", "ім'я", "прізвище",
        "по_батькові", "піб",
    ),
    "email": (
        "ηλεκτρονικό_ταχυδρομείο", "διεύθυνση_email", "البريد_الإلكتروني", "البريد", "דואר_אלקטרוני",
        "אימייל", "ईमेल", "ई_मेल", "електронна_пошта",
    ),
    "phone": (
        "τηλέφωνο", "κινητό", "αριθμός_τηλεφώνου", "τηλεφωνο", "رقم_الهاتف", "الهاتف", "رقم_الجوال",
        "الجوال", "هاتف", "טלפון", "נייד", "מספר_טלפון", "फ़ोन", "फोन", "मोबाइल", "मोबाइल_नंबर",
        "телефон_мобільний", "номер_телефону",
    ),
    "street_address": (
        "διεύθυνση", "οδός", "διευθυνση", "العنوان", "عنوان", "الشارع", "כתובת", "רחוב", "पता",
        "गली", "адреса", "вулиця",
    ),
    "date_of_birth": (
        "ημερομηνία_γέννησης", "ημερομηνια_γεννησης", "تاريخ_الميلاد", "تاريخ_الولادة",
        "תאריך_לידה", "जन्म_तिथि", "जन्मतिथि", "дата_народження",
    ),
    "gender": ("φύλο", "φυλο", "الجنس", "مין", "מין", "מגדר", "लिंग", "стать"),
    "username": (
        "όνομα_χρήστη", "اسم_المستخدم", "שם_משתמש", "उपयोगकर्ता_नाम", "ім'я_користувача",
    ),
    "password": ("κωδικός_πρόσβασης", "συνθηματικό", "كلمة_المرور", "סיסמה", "पासवर्ड", "пароль_користувача"),
    "credit_card": ("αριθμός_κάρτας", "رقم_البطاقة", "מספר_כרטיס", "कार्ड_नंबर", "номер_картки"),
    "bank_account": (
        "αριθμός_λογαριασμού", "رقم_الحساب", "מספר_חשבון", "מספר_סניף", "खाता_संख्या",
        "खाता_नंबर", "номер_рахунку", "МФО",
    ),
    "national_id": (
        "ΑΜΚΑ", "αμκα", "ΑΔΤ", "αριθμός_ταυτότητας", "αριθμός_δελτίου_ταυτότητας", "رقم_الهوية",
        "الهوية_الوطنية", "رقم_الهوية_الوطنية", "الرقم_الوطني", "תעודת_זהות", "מספר_זהות", "ת_ז",
        "आधार", "आधार_संख्या", "РНОКПП_особи", "страховой_номер", "номер_пфр",
    ),
    "passport_number": (
        "αριθμός_διαβατηρίου", "διαβατήριο", "رقم_جواز_السفر", "جواز_السفر", "דרכון",
        "מספר_דרכון", "पासपोर्ट_संख्या", "पासपोर्ट", "номер_паспорта_укр",
    ),
    "drivers_license": (
        "αριθμός_διπλώματος", "δίπλωμα_οδήγησης", "رخصة_القيادة", "רישיון_נהיגה",
        "ड्राइविंग_लाइसेंस", "посвідчення_водія",
    ),
    "tax_id": (
        "ΑΦΜ", "αφμ", "αριθμός_φορολογικού_μητρώου", "الرقم_الضريبي", "رقم_التسجيل_الضريبي",
        "מספר_עוסק", "מספר_תיק_במס", "पैन", "पैन_नंबर", "जीएसटीआईएन", "РНОКПП", "ІПН", "ЄДРПОУ",
    ),
    "secret_key": ("μυστικό_κλειδί", "مفتاح_api", "المفتاح_السري", "מפתח_api", "गुप्त_कुंजी"),
}  # fmt: skip
for _type, _words in MORE_SCRIPTS.items():
    MULTILINGUAL[_type] = MULTILINGUAL.get(_type, ()) + _words

#: Keys of identifiers that are not personal data (with numbers, codes and references).
NON_PERSONAL_ID_KEYS: tuple[str, ...] = (
    "receipt_number", "receiptNumber", "confirmation_number", "confirmation_code", "booking_ref",
    "employee_number", "employeeNumber", "employee_id", "emp_no", "staff_id", "payroll_id",
    "creditor_id", "creditorId", "mandate_reference", "node_id", "gravatar_id", "crm_id",
    "owner_crm_id", "asset_number", "assetId", "case_number", "ticket_id", "claim_number",
    "policy_number", "member_id", "customer_number", "customerNumber", "client_number",
    "Kundennummer", "Bestellnummer", "Rechnungsnummer", "Auftragsnummer", "Artikelnummer",
    "numero_client", "numero_commande", "numero_facture", "numero_cliente", "numero_pedido",
    "numero_factura", "numero_ordine", "codice_cliente", "numero_pedido_br", "klantnummer",
    "ordernummer", "factuurnummer", "numer_klienta", "numer_zamowienia", "kundnummer",
    "ordernummer_se", "sipariş_no", "siparis_no", "musteri_no", "注文番号", "会員番号", "订单号",
    "客户编号", "주문번호", "회원번호", "номер_заказа", "номер_клиента", "cursor", "next_cursor",
    "page_token", "next_page_token", "continuation_token", "after", "before", "trace_id",
    "span_id", "parent_span_id", "traceparent", "request_id", "correlation_id", "operation_id",
    "job_id", "run_id", "build_id", "message_id", "event_id", "session_ref", "external_ref",
    "order_no", "invoice_no", "po_number", "reference_no", "transaction_ref", "application_id",
    "application_number", "protocol_number", "protocolo", "shipment_id", "tracking_code",
    "serial_no", "device_serial", "batch_no", "lot_number", "vin", "imei", "ean", "upc",
    "gtin", "isbn", "asin", "sku_code", "kid", "key_id", "api_key_id", "client_id",
    "account_sid", "workspace_id", "project_id", "tenant_id", "org_id",
)  # fmt: skip
