"""Load the independent evaluation set and its dev/test split (by family, made once)."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

DATA = Path(__file__).resolve().parent / "data"
SOURCES = ("faker", "openapi", "hand")
#: The unseen set (made after the v1 split was retired, by an author who never saw the
#: detector's code, training data or errors): scored as a whole, never tuned on.
V2_SOURCES = ("v2/mimesis", "v2/openapi", "v2/hand")
#: Real example payloads published by API vendors and HL7 (``make_v3``), labelled by an
#: author who never saw the detector's internals; split once into v3dev and v3test.
V3_SOURCES = ("v3/real",)
#: More real example payloads and recorded traffic of other vendors (``make_v4``), labelled
#: by another author who never saw the detector's internals; split once into v4dev and v4test.
V4_SOURCES = ("v4/real",)
#: Real example payloads, SDK fixtures and recorded traffic of 18 more sources (``make_v5``),
#: labelled by an author who never saw the detector's internals; split once into v5dev and v5test.
V5_SOURCES = ("v5/real",)
#: Real example payloads, SDK fixtures and recorded traffic of fifteen more sources (``make_v6``),
#: labelled by an author who never saw the detector's internals; split once into v6dev and v6test.
V6_SOURCES = ("v6/real",)
#: Real example payloads, SDK fixtures, recorded traffic and test data of fourteen more sources
#: (``make_v7``), labelled by an author who never saw the detector's internals; split once into
#: v7dev and v7test. Scored sealed once (session 9); v7dev has been tuned on since session 10.
V7_SOURCES = ("v7/real",)
#: Real example payloads, SDK fixtures, mock-server stubs, recorded traffic and test
#: configurations of twenty-two more sources (``make_v8``), labelled by an author who never saw the
#: detector's internals; split once into v8dev and v8test. Scored sealed once (session 10);
#: v8dev tuned on since session 11.
V8_SOURCES = ("v8/real",)
#: SDK fixtures, mock data, API-reference samples, converter outputs and configurations of
#: sixteen more sources (``make_v9``), labelled by an author who never saw the detector's
#: internals; split once into v9dev and v9test. Scored sealed (session 11); v9dev tuned on since.
V9_SOURCES = ("v9/real",)
#: SDK fixtures, recorded traffic, mock data and API-description examples of nineteen more
#: repositories (``make_v10``), labelled by an author who never saw the detector's internals;
#: split once into v10dev and v10test. Scored sealed (session 11); v10dev tuned on since.
V10_SOURCES = ("v10/real",)
#: SDK fixtures, recorded traffic, example data and mock responses of thirteen more repositories
#: of eleven publishers (``make_v11``), labelled by an author who never saw the detector's
#: internals; split once into v11dev and v11test. Sealed: scored once, errors unread.
V11_SOURCES = ("v11/real",)
#: SDK fixtures, test resources, form examples and documentation examples of eighteen more
#: repositories of seventeen publishers (``make_v12``), labelled by an author who never saw the
#: detector's internals; split once into v12dev and v12test. Sealed: scored once, errors unread.
V12_SOURCES = ("v12/real",)
#: SDK and client test fixtures and API documentation examples of thirty-six more repositories
#: of thirty-three publishers (``make_v13``), labelled by an author who never saw the detector's
#: internals; split once into v13dev and v13test. Sealed: scored once, errors unread.
V13_SOURCES = ("v13/real",)
#: SDK and client test fixtures, recorded traffic, Postman suites and API documentation examples
#: of twenty-four more repositories of twenty-three publishers (``make_v14``), labelled by an author
#: who never saw the detector's internals; split once into v14dev and v14test. Sealed.
V14_SOURCES = ("v14/real",)
#: Recorded traffic (VCR cassettes) and client test fixtures of twenty-six repositories of
#: twenty-six publishers (``make_v15``), labelled by an author who never saw the detector's
#: internals; split once into v15dev and v15test. Sealed: scored once, errors unread.
V15_SOURCES = ("v15/real",)
#: Recorded traffic, client and SDK test fixtures and API reference examples of fourteen
#: repositories of fourteen publishers (``make_v16``), the first set labelled by the one
#: convention of the data README, by an author who never saw the detector's internals; split once
#: into v16dev and v16test. Sealed: scored once by the lead, as tables only.
V16_SOURCES = ("v16/real",)
#: Client test fixtures, recorded traffic and the examples of published API descriptions and
#: standards of fifteen repositories of fourteen publishers (``make_v17``), labelled under the one
#: convention from v16 on by an author who never saw the detector's internals; split once into
#: v17dev and v17test. Sealed: neither half's errors are read.
V17_SOURCES = ("v17/real",)
#: Client test fixtures, contract tests and the examples of published API descriptions and
#: standards of thirty-three repositories of eleven publishers (``make_v18``: health claims, teacher
#: training, telecom standards, public services, identity servers, mobile money), labelled under
#: the one convention from v16 on by an author who never saw the detector's internals; split
#: once into v18dev and v18test. Sealed: the lead scores it once, as tables only.
V18_SOURCES = ("v18/real",)
#: Client test fixtures, recorded traffic, Postman collections and the examples of published API
#: descriptions of sixteen publishers (``make_v19``), labelled under the one convention from
#: v16 on by an author who never saw the detector's internals; split once into v19dev and
#: v19test. Sealed: scored once by the lead, as tables only.
V19_SOURCES = ("v19/real",)
#: The example records of standards bodies and open data standards (e-invoicing, sports booking,
#: learning records, open payments, verifiable credentials, air cargo, SCIM, FHIR health records,
#: HR Open) and Ukraine's public procurement documentation, of thirteen publishers
#: (``make_v20``), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v20dev and v20test. Sealed: the lead scores it once, as
#: tables only.
V20_SOURCES = ("v20/real",)
#: Client test fixtures, recorded traffic, Postman collections, FHIR test data and the examples
#: of published API descriptions and specifications of eleven publishers with labels (``make_v21``:
#: scheduling, messaging, e-signature, ride hailing, health records, UAE open finance, Turkish
#: and Indian payments, infrastructure), labelled under the one convention from v16 on by an
#: author who never saw the detector's internals; split once into v21dev and v21test. Sealed.
V21_SOURCES = ("v21/real",)
#: API documentation examples, Postman collections, API descriptions, test data and contract
#: templates of twenty-three publishers (``make_v22``: hotels, rentals, restaurants, tours and
#: travel agencies, payroll and HR, donations and social care, shipping, trucking and mobility,
#: Argentine and Japanese public geocoding, a mobile core network, legal templates,
#: tracing), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v22dev and v22test. Sealed: the lead scores it once, as
#: tables only.
V22_SOURCES = ("v22/real",)
#: API documentation examples, sample shop data and protocol test bodies of twenty-seven
#: publishers (``make_v23``: loyalty and retail CRMs, e-commerce, point of sale and rentals,
#: newsletters and sales outreach, insurance, a car marketplace, football clubs, off-grid energy,
#: EV charging, video), labelled under the one convention from v16 on by an author who never saw
#: the detector's internals; split once into v23dev and v23test. Sealed: the lead scores it once,
#: as tables only.
V23_SOURCES = ("v23/real",)
#: API documentation examples of twenty publishers (``make_v24``: clinics, care management and
#: patient scheduling, events and ticketing, restaurant reservations and food delivery,
#: recruiting, property management, SMS gateways, payments and core banking outside the US, cab
#: booking), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v24dev and v24test. Sealed: the lead scores it once, as
#: tables only.
V24_SOURCES = ("v24/real",)
#: API documentation examples of twenty-six publishers (``make_v25``: field service and
#: inspections, construction supply, freight forwarding, rail freight and parcel shipping, team
#: fundraising, trade fairs, car repair, gyms' heart-rate training, public communications and
#: open data, invoicing, payroll and payments in Spain, the Americas and the Philippines),
#: labelled under the one convention from v16 on by an author who never saw the detector's
#: internals; split once into v25dev and v25test. Sealed: the lead scores it once, as tables only.
V25_SOURCES = ("v25/real",)
#: API documentation examples of twenty-four publishers (``make_v26``: education and learning
#: platforms, HR, performance, time tracking and staff scheduling, e-signature, church texting,
#: search and rescue teams, civic voting, library services (FOLIO's example bodies) and
#: museums), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v26dev and v26test. Sealed: the lead scores it once, as
#: tables only.
V26_SOURCES = ("v26/real",)
#: API documentation examples of twenty-five publishers (``make_v27``: hotels, vacation rentals,
#: venues, airport services and travel search, car insurance claims, delivery dispatch and supply
#: chains, SMS and telephony, solar energy, banking, payments and lending in Indonesia, South
#: Africa, Liechtenstein, the EU and the Americas), labelled under the one convention from v16 on
#: by an author who never saw the detector's internals; split once into v27dev and v27test.
#: Sealed: the lead scores it once, as tables only.
V27_SOURCES = ("v27/real",)
#: API documentation examples of thirty-nine publishers (``make_v28``: event ticketing and venue
#: booking, property management, rentals and property transactions, a veterinary hospital's
#: flowsheets, food ordering and food deals, sports and wellness, senior care, clinics' patients,
#: shops, loyalty and invoicing in Japan, Thailand, Peru, Chile, Mexico, France, the Netherlands,
#: Norway, Australia and the Americas), labelled under the one convention from v16 on by an
#: author who never saw the detector's internals; split once into v28dev and v28test. Sealed:
#: the lead scores it once, as tables only.
V28_SOURCES = ("v28/real",)
#: API documentation examples of thirty-three publishers (``make_v29``: fleet telematics and GPS
#: tracking, pet health records, insurance and risk, public services' open data, municipal
#: services and flood reports, ISP routers, TV subscriptions, subscription billing, marketing
#: automation, e-mail marketing, sales outreach, surveys and feedback, local marketing,
#: crowdfunding, smart buildings and IoT, crypto payments, race wagering), labelled under the one
#: convention from v16 on by an author who never saw the detector's internals; split once into
#: v29dev and v29test. Sealed: the lead scores it once, as tables only.
V29_SOURCES = ("v29/real",)
#: API documentation examples of twenty-seven publishers (``make_v30``: identity verification
#: and KYC, banking as a service with IBANs and UK accounts, card and Pix payments, payouts and
#: wallets, remittances into African and other currencies, peer-to-peer and small-business
#: lending, electronic tax invoices and bank slips in Brazil, escrow, personal finance, advisers'
#: risk analytics, crypto payments), labelled under the one convention from v16 on by an author
#: who never saw the detector's internals; split once into v30dev and v30test. Sealed: the lead
#: scores it once, as tables only.
V30_SOURCES = ("v30/real",)
#: API documentation examples of seventy-seven publishers (``make_v31``: pharmacy benefits,
#: radiology referrals, patients' appointment booking, care management, medication adherence,
#: couriers and parcel shipping, order fulfilment, school administration, student government,
#: travel and hotel bookings, car dealers, CRM, invoicing, tokenized payment data), labelled
#: under the one convention from v16 on by an author who never saw the detector's internals;
#: split once into v31dev and v31test. Sealed: the lead scores it once, as tables only.
V31_SOURCES = ("v31/real",)
#: API documentation examples of twenty-five publishers (``make_v32``: e-mail sending and test
#: inboxes, CI/CD and continuous delivery, hosting and cloud management, mesh VPNs, DNS hosting
#: and DNS firewalls, an API gateway, credential managers, LoRaWAN and sensor device fleets,
#: network sources of truth, monitoring and threat intelligence, a self-hosted media server),
#: labelled under the one convention from v16 on by an author who never saw the detector's
#: internals; split once into v32dev and v32test. Sealed: the lead scores it once, as tables only.
V32_SOURCES = ("v32/real",)
#: API documentation examples of forty-nine publishers (``make_v33``: subscription billing and
#: invoicing, invoice financing, recognition at work, accounts with cards, Brazilian credit
#: notes with CPFs, Chilean tax documents and payroll books, Belgian payments, Dutch ledgers with
#: IBANs, Russian wallets with passports and taxpayer numbers, investment accounts, and many small
#: SaaS APIs), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v33dev and v33test. Sealed: the lead scores it once, as
#: tables only.
V33_SOURCES = ("v33/real",)
#: API documentation examples of thirty-three publishers (``make_v34``: social networks and feeds,
#: messaging and chat, a sports community, fantasy sports, esports tournaments and game APIs,
#: video and comics platforms, event registration, an Indonesian forum and shops, a ride-sharing
#: app and a few small SaaS APIs), labelled under the one convention from v16 on by an author who
#: never saw the detector's internals; split once into v34dev and v34test. Sealed: the lead
#: scores it once, as tables only.
V34_SOURCES = ("v34/real",)
#: API documentation and standards examples of twenty-two publishers in twenty-six repositories
#: (``make_v35``: credentials for agricultural activities, citizenship, permanent residence,
#: vaccination and steel mill test reports (the W3C Credentials Community Group), health and
#: safety documents for construction work, construction field management, a sports event's
#: volunteers in Norway, a city's building records, geocoding, Korean public-housing listings,
#: relationship management, an Italian business-management system, bicycle trade, NFT payments,
#: a lab notebook, location-based audio and on-call alerts), labelled under the one convention
#: from v16 on by an author who never saw the detector's internals; split once into v35dev and
#: v35test. Sealed: the lead scores it once, as tables only.
V35_SOURCES = ("v35/real",)
#: v36: staging payloads, example records and documentation examples of eight more publishers
#: (``make_v36``: French public services' staging data for family allowances, students, tax and
#: companies (Etalab), tribunal appeal callbacks with National Insurance numbers (HM Courts &
#: Tribunals Service), a benefits health assessment prototype (DWP), court e-filing for state
#: courts (Suffolk LIT Lab), a tax benefits prototype with social insurance numbers (Canadian
#: Digital Service), energy-market business objects (BO4E), insurance of solar plants and a
#: charity CRM's donations), labelled under the one convention from v16 on by an author who never
#: saw the detector's internals; split once into v36dev and v36test. Sealed: neither half is read.
V36_SOURCES = ("v36/real",)
#: API documentation examples of nineteen publishers (``make_v37``: a mobile-network
#: operator's SIM and device events, a hotel, flight and transfer booking exchange, a learning
#: platform for digital circuits, a university assignment's driving-licence renewals, customer
#: service and hotels in Brazil, couriers and last-mile delivery, lending in India, e-signatures
#: in Singapore and a few small APIs), labelled under the one convention from v16 on by an author
#: who never saw the detector's internals; split once into v37dev and v37test. Sealed: the lead
#: scores it once, as tables only.
V37_SOURCES = ("v37/real",)
#: v38: the examples publishers keep in their own repositories as Postman collections and OpenAPI
#: descriptions (``make_v38``: boleto and Pix payments in Brazil with CPF and CNPJ numbers, a
#: marketplace's orders, shipments and vendors, collaboration, meetings and calling, hotel guests
#: and group profiles, unified accounting, HR and CRM APIs, astrology and birth charts, customer
#: engagement, a corporate messenger in Russia, fundraising, a learning platform, analytics and
#: network devices), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v38dev and v38test. Sealed: the lead scores it once, as
#: tables only.
V38_SOURCES = ("v38/real",)
#: API bodies of six publishers writing in languages other than English (``make_v39``: an order
#: management platform for online shops in Germany, e-invoicing in Mexico, payments and
#: marketplace accounts in Brazil, billing and service invoices in Brazil, web checkout payments
#: in Colombia, Korean login, messaging, maps and search APIs), labelled under the one convention
#: from v16 on by an author who never saw the detector's internals; split once into v39dev and
#: v39test. Sealed: the lead scores it once, as tables only.
V39_SOURCES = ("v39/real",)
#: v40: the examples publishers keep in their own repositories as Postman collections, OpenAPI
#: descriptions and sample payloads (``make_v40``: identity governance with employees' and
#: contractors' identities, shipping labels and addresses, freight orders and tracking events of
#: a logistics network, a health service's patient demographics, construction project
#: collections), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v40dev and v40test. Scored once, sealed, at the end of
#: session 22; its dev half is read since.
V40_SOURCES = ("v40/real",)
#: The JSON fixtures SDKs' and client libraries' tests read, of seventeen publishers in Japan,
#: Russia, the Netherlands, France, Korea, Tanzania, Australia, the Philippines, the Gulf, Poland,
#: Germany, Denmark, the UK and New Zealand (``make_v41``: point of sale, the self-employed's tax
#: app, newsletters, home solar and thermostats, company disclosures, payments, an electricity
#: supplier, project management, a bank's app, non-profit payments, nurseries, cloud hosting,
#: investing), labelled under the one convention from v16 on by an author who never saw the
#: detector's internals; split once into v41dev and v41test. Scored once, sealed, at the end of
#: session 22; its dev half is read since.
V41_SOURCES = ("v41/real",)
#: The mocked API bodies public-service publishers keep beside their services as stubs and
#: canned responses (``make_v42``: the UK's driving-test examiners' mock journal and its vehicle
#: testing services' canned records, the Office for National Statistics' survey respondents'
#: service, Canada's dental care plan, the UK's Healthy Start vouchers, the City of Boston's
#: registry certificates and the City of Helsinki's excavation permits), labelled under the one
#: convention from v16 on by an author who never saw the detector's internals; split once into
#: v42dev and v42test. Scored once, sealed, in session 23; its dev half is read since.
V42_SOURCES = ("v42/real",)
#: API bodies of five publishers writing in Chinese, Turkish, Dutch, Italian and Russian
#: (``make_v43``: expense management and reimbursement in China, an ERP in Turkey, point of sale
#: and workshops of bicycle shops in the Netherlands, the e-services of Italy's universities, an
#: API standard for online shops in Ukraine documented in Russian), labelled under the one
#: convention from v16 on by an author who never saw the detector's internals; split once into
#: v43dev and v43test. Scored once, sealed, in session 23; its dev half is read since.
V43_SOURCES = ("v43/real",)
#: The webhook, callback and event payload samples publishers keep in their own repositories, of
#: fourteen publishers in India, Canada, Thailand, the UK, Spain, Brazil, Australia, Norway, the US
#: and elsewhere (``make_v44``: shipping and returns, HR and payroll events and employees, insurance
#: applications and renewals, identity checks, dental referrals, a call centre's calls, payment
#: disputes, leak detection, a WhatsApp inbox's customers, a crypto wallet's partner transfers, a
#: customer data platform), labelled under the one convention from v16 on by an author who never
#: saw the detector's internals; split once into v44dev and v44test. Scored once, sealed, in
#: session 23; its dev half is read since.
V44_SOURCES = ("v44/real",)
SPLIT_FILE = DATA / "split.json"
SPLIT_SEED = 20261205
#: v2's own split (made once, before any v2 error was read): tune on v2dev, report v2test.
V2_SPLIT_FILE = DATA / "v2" / "split.json"
V2_SPLIT_SEED = 20261206
#: v3's split (made once, before any v3 error was read): tune on v3dev, report v3test. v3 has
#: one file but four sources; a family's prefix (``v3adyen``, ``v3fhir``, …) names its source.
V3_SPLIT_FILE = DATA / "v3" / "split.json"
V3_SPLIT_SEED = 20261207
V3_PARTS = ("v3adyen", "v3stripe", "v3gocardless", "v3fhir")
#: v4's split (made once, after v4 had been scored only as aggregate tables and before any v4
#: error was read): tune on v4dev, report v4test. A family's prefix names its vendor.
V4_SPLIT_FILE = DATA / "v4" / "split.json"
V4_SPLIT_SEED = 20261208
V4_PARTS = (
    "v4amadeus",
    "v4auth0",
    "v4checkout",
    "v4checkr",
    "v4intercom",
    "v4keycloak",
    "v4mollie",
    "v4moov",
    "v4paypal",
    "v4shopify",
    "v4twilio",
    "v4zendesk",
)
#: v5's split (made once, before the detector was ever run on v5): tune on v5dev, report v5test.
V5_SPLIT_FILE = DATA / "v5" / "split.json"
V5_SPLIT_SEED = 20261209
V5_PARTS = (
    "v5braintree",
    "v5camara",
    "v5cartography",
    "v5clerk",
    "v5duffel",
    "v5easypost",
    "v5govuk",
    "v5jose",
    "v5lob",
    "v5mangopay",
    "v5mercadopago",
    "v5nylas",
    "v5razorpay",
    "v5unifi",
)
#: v6's split (made once, before the detector was ever run on v6): tune on v6dev, report v6test.
V6_SPLIT_FILE = DATA / "v6" / "split.json"
V6_SPLIT_SEED = 20261210
V6_PARTS = (
    "v6currencycloud",
    "v6dwolla",
    "v6finix",
    "v6lithic",
    "v6logingov",
    "v6mailgun",
    "v6matrix",
    "v6moip",
    "v6mx",
    "v6netatmo",
    "v6paddle",
    "v6plivo",
    "v6sinch",
    "v6truelayer",
    "v6workos",
)
#: v7's split (made once, before the detector was ever run on v7): tune on v7dev, report v7test.
V7_SPLIT_FILE = DATA / "v7" / "split.json"
V7_SPLIT_SEED = 20261211
V7_PARTS = (
    "v7bunq",
    "v7conekta",
    "v7dgcert",
    "v7dropboxsign",
    "v7ecs",
    "v7googleauth",
    "v7kratos",
    "v7mastodon",
    "v7obb",
    "v7omise",
    "v7paystack",
    "v7scim",
    "v7shippo",
    "v7taxjar",
)
#: v8's split (made once, before the detector was ever run on v8): sealed, scored as tables only.
V8_SPLIT_FILE = DATA / "v8" / "split.json"
V8_SPLIT_SEED = 20261213
V8_PARTS = (
    "v8aftership",
    "v8alertmanager",
    "v8atlassian",
    "v8authelia",
    "v8bandwidth",
    "v8bluebutton",
    "v8brasilapi",
    "v8freee",
    "v8freshbooks",
    "v8freshdesk",
    "v8hmrc",
    "v8icloud",
    "v8ingenico",
    "v8jambonz",
    "v8line",
    "v8napalm",
    "v8netbox",
    "v8nhspds",
    "v8strava",
    "v8sylius",
    "v8telegraf",
    "v8waltid",
)

#: v9's split (made once, before the detector was ever run on v9): v9test scored as tables only.
V9_SPLIT_FILE = DATA / "v9" / "split.json"
V9_SPLIT_SEED = 20261206
V9_PARTS = (
    "v9cbv",
    "v9dex",
    "v9dhis2",
    "v9directfile",
    "v9dojah",
    "v9fhirconv",
    "v9ibanity",
    "v9iyzico",
    "v9keystone",
    "v9messagebird",
    "v9neutron",
    "v9personio",
    "v9redfish",
    "v9setu",
    "v9smarthr",
    "v9sunbird",
)

#: v10's split (made once, before the detector was ever run on v10): v10test scored as tables
#: only. (Its names start with ``v10``: code telling v1's names apart tests ``v10`` first.)
V10_SPLIT_FILE = DATA / "v10" / "split.json"
V10_SPLIT_SEED = 20261207
V10_PARTS = (
    "v10bamboohr",
    "v10bmw",
    "v10bods",
    "v10cdr",
    "v10efi",
    "v10facturapi",
    "v10fhircore",
    "v10ksef",
    "v10mojaloop",
    "v10myinfo",
    "v10nav",
    "v10navmodia",
    "v10onfido",
    "v10opensrp",
    "v10renault",
    "v10smartthings",
    "v10uhi",
    "v10upcloud",
    "v10upcloudgo",
)

#: v11's split (made once, before the detector was ever run on v11): scored sealed in session
#: 11; since session 12 v11dev is tuned on and v11test scored as tables only. (Its names start
#: with ``v11``: code telling v1's names apart tests ``v10``/``v11`` first.)
V11_SPLIT_FILE = DATA / "v11" / "split.json"
V11_SPLIT_SEED = 20261208
V11_PARTS = (
    "v11bcgov",
    "v11care",
    "v11cuenca",
    "v11mati",
    "v11midtrans",
    "v11overkiz",
    "v11simplisafe",
    "v11smsapi",
    "v11sundsvall",
    "v11tenable",
    "v11tile",
    "v11unzer",
    "v11vicare",
)

#: v12's split (made once, before the detector was ever run on v12): sealed, scored as tables
#: only. (Its names start with ``v12``: code telling v1's names apart tests ``v10`` to ``v12``
#: first.)
V12_SPLIT_FILE = DATA / "v12" / "split.json"
V12_SPLIT_SEED = 20261209
V12_PARTS = (
    "v12backlog",
    "v12divoc",
    "v12fakturoid",
    "v12gios",
    "v12greenhouse",
    "v12healthcards",
    "v12librelinkup",
    "v12mobileid",
    "v12n26",
    "v12nubank",
    "v12omh",
    "v12prison",
    "v12reportstream",
    "v12skoda",
    "v12smartid",
    "v12toyota",
    "v12va",
    "v12wled",
)

#: v13's split (made once, before the detector was ever run on v13): sealed, scored as tables
#: only. (Its names start with ``v13``: code telling v1's names apart tests ``v10`` to ``v13``
#: first.)
V13_SPLIT_FILE = DATA / "v13" / "split.json"
V13_SPLIT_SEED = 20261210
V13_PARTS = (
    "v13arrow",
    "v13automower",
    "v13beddit",
    "v13besepa",
    "v13billogram",
    "v13billwerk",
    "v13bsblan",
    "v13canvas",
    "v13chappointments",
    "v13chargepoint",
    "v13choverseas",
    "v13chprofile",
    "v13chpsc",
    "v13colorme",
    "v13commercetools",
    "v13curdbee",
    "v13ecwid",
    "v13fastbill",
    "v13frank",
    "v13harvest",
    "v13hyundai",
    "v13kounta",
    "v13lago",
    "v13mealie",
    "v13octopus",
    "v13pagarme",
    "v13skybell",
    "v13solidus",
    "v13soracom",
    "v13spree",
    "v13stellar",
    "v13teamwork",
    "v13veeqo",
    "v13vend",
    "v13wotc",
    "v13yalexs",
)

#: v14's split (made once, before the detector was ever run on v14): sealed, scored as tables
#: only. (Its names start with ``v14``: code telling v1's names apart tests ``v10`` to ``v14``
#: first.)
V14_SPLIT_FILE = DATA / "v14" / "split.json"
V14_SPLIT_SEED = 20261211
V14_PARTS = (
    "v14alma",
    "v14breathe",
    "v14cddojos",
    "v14cdusers",
    "v14chatwork",
    "v14discourse",
    "v14docusign",
    "v14edfi",
    "v14fhirkit",
    "v14free5gc",
    "v14groupme",
    "v14inferno",
    "v14netology",
    "v14odk",
    "v14plangrade",
    "v14rakuten",
    "v14resumator",
    "v14smileid",
    "v14uc4",
    "v14validic",
    "v14vodafone",
    "v14wechat",
    "v14workable",
    "v14yoti",
)

#: v15's split (made once, before the detector was ever run on v15): sealed, scored as tables
#: only. (Its names start with ``v15``: code telling v1's names apart tests it first.)
V15_SPLIT_FILE = DATA / "v15" / "split.json"
V15_SPLIT_SEED = 20261212
V15_PARTS = (
    "v15artsy",
    "v15cirro",
    "v15clientsuccess",
    "v15cloudlayer",
    "v15constantcontact",
    "v15contactually",
    "v15desk",
    "v15digicert",
    "v15electio",
    "v15expedia",
    "v15fareharbor",
    "v15fintoc",
    "v15gauges",
    "v15mailerlite",
    "v15postmates",
    "v15prestashop",
    "v15promoter",
    "v15quaderno",
    "v15scaleway",
    "v15spark",
    "v15surveygizmo",
    "v15unfuddle",
    "v15weebly",
    "v15whatconverts",
    "v15xendit",
    "v15zip",
)
#: v16's split (made once, on the final data, before anything was scored): sealed, scored as tables
#: only. (Its names start with ``v16``: code telling v1's names apart tests it first.)
V16_SPLIT_FILE = DATA / "v16" / "split.json"
V16_SPLIT_SEED = 20261213
V16_PARTS = (
    "v16aeries",
    "v16athena",
    "v16canvasmedical",
    "v16clever",
    "v16jumio",
    "v16kopokopo",
    "v16moyasar",
    "v16nokia",
    "v16pokitdok",
    "v16redox",
    "v16smartrecruiters",
    "v16teamtailor",
    "v16tidepool",
    "v16tsubaiso",
)

#: v17's split (made once, on the final data, before the detector was ever run on v17): sealed,
#: scored as tables only. (Its names start with ``v17``: code telling v1's names apart tests it
#: with the other three-letter prefixes.)
V17_SPLIT_FILE = DATA / "v17" / "split.json"
V17_SPLIT_SEED = 20261214
V17_PARTS = (
    "v17bol",
    "v17campaignmonitor",
    "v17chartmogul",
    "v17dcsa",
    "v17dnsimple",
    "v17exoscale",
    "v17fakturownia",
    "v17mailjet",
    "v17moneybird",
    "v17opin",
    "v17osdm",
    "v17packlink",
    "v17retailcrm",
    "v17tomp",
)

#: v18's split (made once, on the final data, before the detector was ever run on v18): sealed,
#: scored as tables only. (Its names start with ``v18``: code telling v1's names apart tests it
#: with the other three-letter prefixes.)
V18_SPLIT_FILE = DATA / "v18" / "split.json"
V18_SPLIT_SEED = 20261215
V18_PARTS = (
    "v18availity",
    "v18candid",
    "v18changehealth",
    "v18dfe",
    "v18gsma",
    "v18mef",
    "v18nava",
    "v18ocds",
    "v18signalwire",
    "v18tmforum",
    "v18wso2",
)

#: v19's split (made once, on the final data, before the detector was ever run on v19): sealed,
#: scored as tables only. (Its names start with ``v19``: code telling v1's names apart tests it
#: with the other three-letter prefixes.)
V19_SPLIT_FILE = DATA / "v19" / "split.json"
V19_SPLIT_SEED = 20261216
V19_PARTS = (
    "v19attentive",
    "v19epages",
    "v19fattureincloud",
    "v19gemfury",
    "v19geoapify",
    "v19klaviyo",
    "v19mds",
    "v19openpay",
    "v19paynow",
    "v19ratepay",
    "v19resend",
    "v19stackit",
    "v19stancer",
    "v19tflow",
    "v19wise",
    "v19zenvia",
)
#: v20's split (made once, on the final data, before the detector was ever run on v20): sealed,
#: scored as tables only. (Its names start with ``v20``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V20_SPLIT_FILE = DATA / "v20" / "split.json"
V20_SPLIT_SEED = 20261217
V20_PARTS = (
    "v20aehrc",
    "v20aries",
    "v20beda",
    "v20dif",
    "v20elimity",
    "v20gematik",
    "v20gobl",
    "v20hropen",
    "v20onerecord",
    "v20openactive",
    "v20openpayments",
    "v20prozorro",
    "v20xapi",
)

#: v21's split (made once, on the final data, before the detector was ever run on v21): sealed,
#: scored as tables only. (Its names start with ``v21``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V21_SPLIT_FILE = DATA / "v21" / "split.json"
V21_SPLIT_SEED = 20261218
V21_PARTS = (
    "v21calendly",
    "v21chargebee",
    "v21doist",
    "v21hl7au",
    "v21instamojo",
    "v21jmap",
    "v21kuveytturk",
    "v21line",
    "v21moby",
    "v21nebras",
    "v21pinterest",
    "v21signnow",
    "v21uber",
    "v21zaim",
)

#: v22's split (made once, on the final data, before the detector was ever run on v22): sealed,
#: scored as tables only. (Its names start with ``v22``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V22_SPLIT_FILE = DATA / "v22" / "split.json"
V22_SPLIT_SEED = 20261219
V22_PARTS = (
    "v22abrjp",
    "v22accord",
    "v22amitruck",
    "v22donordrive",
    "v22eetnu",
    "v22ezus",
    "v22fooddrivr",
    "v22georef",
    "v22gigapay",
    "v22givewp",
    "v22hostaway",
    "v22jaeger",
    "v22joinup",
    "v22lecollectionist",
    "v22magma",
    "v22monami",
    "v22oracle",
    "v22otel",
    "v22pakkelabels",
    "v22rotaville",
    "v22seabookings",
    "v22talentnest",
    "v22welcomekit",
)

#: v23's split (made once, on the final data, before the detector was ever run on v23): sealed,
#: scored as tables only. (Its names start with ``v23``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V23_SPLIT_FILE = DATA / "v23" / "split.json"
V23_SPLIT_SEED = 20261220
V23_PARTS = (
    "v23aplazame",
    "v23autoscout",
    "v23bboxx",
    "v23booqable",
    "v23booqable4",
    "v23capillary",
    "v23crmplatform",
    "v23directiq",
    "v23flowplayer",
    "v23fluentcrm",
    "v23focusnfe",
    "v23ganadero",
    "v23kem",
    "v23ktfootball",
    "v23lemlist",
    "v23loadingplay",
    "v23mailwizz",
    "v23nexopos",
    "v23ocpp",
    "v23pavo",
    "v23portify",
    "v23receiptful",
    "v23saleor",
    "v23sellf",
    "v23simicart",
    "v23sise",
    "v23talkable",
    "v23vitamojo",
    "v23zego",
)

#: v24's split (made once, on the final data, before the detector was ever run on v24): sealed,
#: scored as tables only. (Its names start with ``v24``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V24_SPLIT_FILE = DATA / "v24" / "split.json"
V24_SPLIT_SEED = 20261221
V24_PARTS = (
    "v24ando",
    "v24artsvp",
    "v24bantotal",
    "v24billplz",
    "v24firstbird",
    "v24gotable",
    "v24heysummit",
    "v24honeydew",
    "v24invitepeople",
    "v24labsaude",
    "v24letom",
    "v24libro",
    "v24mrdelivery",
    "v24opencabs",
    "v24performanceimmo",
    "v24runara",
    "v24totalvoice",
    "v24trakstar",
    "v24welkin",
    "v24xon",
)

#: v25's split (made once, on the final data, before the detector was ever run on v25): sealed,
#: scored as tables only. (Its names start with ``v25``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V25_SPLIT_FILE = DATA / "v25" / "split.json"
V25_SPLIT_SEED = 20261222
V25_PARTS = (
    "v25accelo",
    "v25aonsolutions",
    "v25apunto",
    "v25autobutler",
    "v25cendr",
    "v25cinx",
    "v25dbcargo",
    "v25dineoncampus",
    "v25dispatch",
    "v25heartzones",
    "v25lumiform",
    "v25musskema",
    "v25nutcache",
    "v25omniship",
    "v25opendatasoft",
    "v25posko",
    "v25profairs",
    "v25quipu",
    "v25rebill",
    "v25rotessa",
    "v25shipamax",
    "v25shore",
    "v25snapraise",
    "v25stackpoint",
    "v25trinity",
    "v25whispir",
)

#: v26's split (made once, on the final data, before the detector was ever run on v26): sealed,
#: scored as tables only. (Its names start with ``v26``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V26_SPLIT_FILE = DATA / "v26" / "split.json"
V26_SPLIT_SEED = 20261223
V26_PARTS = (
    "v26alumnispaces",
    "v26brighthr",
    "v26cerego",
    "v26charitybase",
    "v26codeschool",
    "v26cognalearn",
    "v26edvisor",
    "v26enbraun",
    "v26engagedly",
    "v26flowback",
    "v26folioacq",
    "v26foliocirc",
    "v26foliocourses",
    "v26foliofees",
    "v26foliopatron",
    "v26foliousers",
    "v26learnamp",
    "v26lessonly",
    "v26measureone",
    "v26mifiel",
    "v26openwebslides",
    "v26redseed",
    "v26rmngp",
    "v26sareye",
    "v26studip",
    "v26tenkft",
    "v26testpress",
    "v26textinchurch",
    "v26zhiren",
)

#: v27's split (made once, on the final data, before the detector was ever run on v27): sealed,
#: scored as tables only. (Its names start with ``v27``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V27_SPLIT_FILE = DATA / "v27" / "split.json"
V27_SPLIT_SEED = 20261224
V27_PARTS = (
    "v27bankfrick",
    "v27bcainsurance",
    "v27carebnb",
    "v27fonestorm",
    "v27gac",
    "v27gsmtasks",
    "v27highline",
    "v27hotelrunner",
    "v27nebeus",
    "v27nmicros",
    "v27oneconnect",
    "v27oy",
    "v27partially",
    "v27pazemo",
    "v27plutus",
    "v27plutusapp",
    "v27qbilling",
    "v27skyscanner",
    "v27slide",
    "v27smso",
    "v27strivve",
    "v27tabhub",
    "v27tripisco",
    "v27truelight",
    "v27ulaap",
    "v27zarpay",
)

#: v28's split (made once, on the final data, before the detector was ever run on v28): sealed,
#: scored as tables only. (Its names start with ``v28``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V28_SPLIT_FILE = DATA / "v28" / "split.json"
V28_SPLIT_SEED = 20261225
V28_PARTS = (
    "v28actiun",
    "v28avana",
    "v28captureproof",
    "v28caring",
    "v28centry",
    "v28dealgrocer",
    "v28epharmix",
    "v28evocalize",
    "v28fidelisa",
    "v28guestmanager",
    "v28hiper",
    "v28inch",
    "v28incmty",
    "v28ingresso",
    "v28inviplay",
    "v28juvonno",
    "v28kvass",
    "v28leasecloud",
    "v28lossexpress",
    "v28metastreet",
    "v28nexme",
    "v28occasion",
    "v28onboardflow",
    "v28openkitchen",
    "v28openreza",
    "v28opentrip",
    "v28ordermentum",
    "v28providi",
    "v28roomeze",
    "v28rundl",
    "v28sansiri",
    "v28sirclo",
    "v28smartflow",
    "v28tastytab",
    "v28trendeo",
    "v28vin65",
    "v28wealthpark",
    "v28yonodesperdicio",
    "v28zipbooks",
)

#: v29's split (made once, on the final data, before the detector was ever run on v29): sealed,
#: scored as tables only. (Its names start with ``v29``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V29_SPLIT_FILE = DATA / "v29" / "split.json"
V29_SPLIT_SEED = 20261226
V29_PARTS = (
    "v29allphins",
    "v29apollo",
    "v29bboxrouter",
    "v29blast",
    "v29brightlocal",
    "v29checkbox",
    "v29cognicity",
    "v29connctd",
    "v29contactdynamix",
    "v29convertkit",
    "v29copo",
    "v29derby",
    "v29igloo",
    "v29lamah",
    "v29mailnode",
    "v29navixy",
    "v29nextplease",
    "v29ohana",
    "v29onramp",
    "v29openchirp",
    "v29paket",
    "v29paketdocs",
    "v29patreon",
    "v29pawprint",
    "v29quantum",
    "v29questionr",
    "v29rfds",
    "v29salesseek",
    "v29segmetrics",
    "v29siera",
    "v29squadrun",
    "v29surco",
    "v29wcsubs",
    "v29woo",
    "v29wufoo",
)

#: v30's split (made once, on the final data, before the detector was ever run on v30): sealed,
#: scored as tables only. (Its names start with ``v30``: code telling v3's names apart tests it
#: with the other three-letter prefixes.)
V30_SPLIT_FILE = DATA / "v30" / "split.json"
V30_SPLIT_SEED = 20261227
V30_PARTS = (
    "v30buttercoin",
    "v30cobrato",
    "v30coinberry",
    "v30cryptoprocessing",
    "v30dataspike",
    "v30dompetkilat",
    "v30emites",
    "v30flowfinance",
    "v30huione",
    "v30lunchmoney",
    "v30mimospay",
    "v30nexway",
    "v30noncents",
    "v30payhub",
    "v30paymey",
    "v30payswitch",
    "v30pooul",
    "v30qbitpay",
    "v30quaypay",
    "v30railsbank",
    "v30safecrow",
    "v30slydo",
    "v30spaceinvoices",
    "v30stratifi",
    "v30subscriptionbase",
    "v30transferzero",
    "v30youpay",
    "v30yoyo",
)

#: v31's split (made once, on the final data, before the detector was ever run on v31): sealed,
#: scored as tables only. (Its names start with ``v31``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V31_SPLIT_FILE = DATA / "v31" / "split.json"
V31_SPLIT_SEED = 20261228
V31_PARTS = (
    "v31airjob",
    "v31ajaysridharan",
    "v31alheka",
    "v31amolbrid",
    "v31andregarivay",
    "v31andyyluo",
    "v31aruxsoftware",
    "v31autoids",
    "v31b2connectsvedh",
    "v31basistheory",
    "v31bauxy",
    "v31bjuretic",
    "v31bookwhen",
    "v31bvinsite",
    "v31ccquadx",
    "v31cultivatehfc",
    "v31dbs",
    "v31dionno",
    "v31dringorepo",
    "v31easyparcel",
    "v31engagio",
    "v31esbeee",
    "v31fossa",
    "v31freaky3",
    "v31gametize",
    "v31gravitant",
    "v31hashtagbe",
    "v31hng",
    "v31inquicker",
    "v31instalocate",
    "v31inxite",
    "v31jalagrange",
    "v31jellytelly",
    "v31jessethebuilde",
    "v31jinnial",
    "v31jocoonopa",
    "v31joshuajfogg",
    "v31karma",
    "v31kdadler",
    "v31keenancandide",
    "v31llzw",
    "v31mahsacharandab",
    "v31merchantsbondi",
    "v31mevia",
    "v31miora",
    "v31namespaceee",
    "v31newedgesolutio",
    "v31newsletter2go",
    "v31notihub",
    "v31optimalbits",
    "v31pabloco",
    "v31pulse",
    "v31raviteq",
    "v31robwittman",
    "v31rotorvideos",
    "v31sengabplatform",
    "v31sergej2705",
    "v31shevonj",
    "v31simplyprint",
    "v31solon",
    "v31sparkweb",
    "v31stroll",
    "v31talkpal",
    "v31teezily",
    "v31tloger",
    "v31tomyuetw",
    "v31transitlab",
    "v31valiant",
    "v31vega",
    "v31verisolutions",
    "v31wangzheng47166",
    "v31webstreak",
    "v31white",
    "v31withme",
    "v31wosigor",
    "v31yigit",
    "v31zinc",
)

#: v32's split (made once, on the final data, before the detector was ever run on v32): sealed,
#: scored as tables only. (Its names start with ``v32``: code telling v2's names apart tests it
#: with the other three-letter prefixes.)
V32_SPLIT_FILE = DATA / "v32" / "split.json"
V32_SPLIT_SEED = 20261230
V32_PARTS = (
    "v32apisix",
    "v32audiobookshelf",
    "v32balena",
    "v32buildkite",
    "v32cloud66",
    "v32cloudca",
    "v32credhub",
    "v32desec",
    "v32dnsvault",
    "v32etintel",
    "v32fly",
    "v32gocd",
    "v32healthchecks",
    "v32librato",
    "v32mailsac",
    "v32morpheus",
    "v32nautobot",
    "v32netbird",
    "v32rpzdb",
    "v32skeddly",
    "v32slicer",
    "v32smartcitizen",
    "v32sparkpost",
    "v32tailscale",
    "v32thethings",
)

#: v33's split (made once, on the final data, before the detector was ever run on v33): sealed,
#: scored as tables only. (Its names start with ``v33``: code telling v3's names apart tests it
#: with the other three-letter prefixes.)
V33_SPLIT_FILE = DATA / "v33" / "split.json"
V33_SPLIT_SEED = 20261231
V33_PARTS = (
    "v33alt36",
    "v33amrshakya",
    "v33anboto",
    "v33appia",
    "v33bananatron",
    "v33bindeo",
    "v33briq",
    "v33chillipharm",
    "v33clicksign",
    "v33clickx",
    "v33coursemapper",
    "v33datalab",
    "v33decidento",
    "v33digiteal",
    "v33duda",
    "v33emma",
    "v33enginer",
    "v33evilzorge",
    "v33gaelcloud",
    "v33gymsales",
    "v33hugobast",
    "v33icemanoozj",
    "v33intempt",
    "v33iworq",
    "v33jin56",
    "v33killbill",
    "v33lix",
    "v33loomis",
    "v33manhattandev",
    "v33mitraman",
    "v33neat",
    "v33novicap",
    "v33onemt",
    "v33openguilds",
    "v33phrenzi",
    "v33plate",
    "v33ptrade",
    "v33rcp",
    "v33rees46",
    "v33repconnex",
    "v33reproconnect",
    "v33sfs",
    "v33sitcom",
    "v33sixpark",
    "v33swimtopia",
    "v33tanda",
    "v33todaysplan",
    "v33upwave",
    "v33workplacearcade",
)

#: v34's split (made once, on the final data, before the detector was ever run on v34): sealed,
#: scored as tables only. (Its names start with ``v34``: code telling v3's names apart tests it
#: with the other three-letter prefixes.)
V34_SPLIT_FILE = DATA / "v34" / "split.json"
V34_SPLIT_SEED = 20270101
V34_PARTS = (
    "v34animethemes",
    "v34bukalapak",
    "v34caigun",
    "v34carrotquest",
    "v34codewars",
    "v34dialogram",
    "v34donreach",
    "v34doxmatch",
    "v34effe",
    "v34ello",
    "v34eventelf",
    "v34freefeed",
    "v34getsocial",
    "v34hushmesh",
    "v34ishoupbuddy",
    "v34jarvis",
    "v34kanmaoxian",
    "v34letstalk",
    "v34loadorder",
    "v34madefire",
    "v34madome",
    "v34nadeo",
    "v34ngorder",
    "v34nocvp",
    "v34planetside",
    "v34poi",
    "v34ridemyway",
    "v34scores365",
    "v34sleeper",
    "v34sportsnconnect",
    "v34spotskim",
    "v34turnej",
    "v34ucic",
)

#: v35's split (made once, on the final data, before the detector was ever run on v35): sealed,
#: scored as tables only. (Its names start with ``v35``: code telling v3's names apart tests it
#: with the other three-letter prefixes.)
V35_SPLIT_FILE = DATA / "v35" / "split.json"
V35_SPLIT_SEED = 20270102
V35_PARTS = (
    "v35adamo",
    "v35affinity",
    "v35attensa",
    "v35beitostolen",
    "v35citizenship",
    "v35cognation",
    "v35cube",
    "v35fieldwire",
    "v35handshq",
    "v35letlife",
    "v35lovelyads",
    "v35nycbuildings",
    "v35pagertree",
    "v35pelias",
    "v35practitest",
    "v35prophet",
    "v35roundware",
    "v35salesforceiq",
    "v35scinote",
    "v35swapay",
    "v35traceability",
    "v35twist",
    "v35vaccination",
    "v35vcexamples",
    "v35wallet",
    "v35workersurvey",
)

#: v36's split (made once, on the final data, before the detector was ever run on v36): sealed,
#: both halves refused by the error lister. (Its names start with ``v36``: code telling v3's
#: names apart tests it with the other three-letter prefixes.)
V36_SPLIT_FILE = DATA / "v36" / "split.json"
V36_SPLIT_SEED = 20270203
V36_PARTS = (
    "v36bo4e",
    "v36cra",
    "v36dwp",
    "v36efile",
    "v36hmcts",
    "v36n3o",
    "v36siade",
    "v36sunereum",
)
#: v37's split (made once, on the final data, before the detector was ever run on v37): sealed,
#: scored as tables only. (Its names start with ``v37``: code telling v3's names apart tests it
#: with the other three-letter prefixes.)
V37_SPLIT_FILE = DATA / "v37" / "split.json"
V37_SPLIT_SEED = 20270204
V37_PARTS = (
    "v37amplo",
    "v37atendimento",
    "v37bex",
    "v37capitalfloat",
    "v37circuitverse",
    "v37codesnippets",
    "v37dedoco",
    "v37emnify",
    "v37footballclub",
    "v37lendet",
    "v37licencerenewal",
    "v37niklaskks",
    "v37postpone",
    "v37remarq",
    "v37spouser",
    "v37taskplus",
    "v37travelgatex",
    "v37tray",
    "v37veho",
)
#: v38's split (made once, on the final data, before the detector was ever run on v38): sealed,
#: both halves refused by the error lister. (Its names start with ``v38``: code telling v3's
#: names apart tests it with the other three-letter prefixes.)
V38_SPLIT_FILE = DATA / "v38" / "split.json"
V38_SPLIT_SEED = 20270205
V38_PARTS = (
    "v38adobe",
    "v38amazon",
    "v38apideck",
    "v38aruba",
    "v38brightspace",
    "v38cloudbeds",
    "v38gofundmepro",
    "v38kobana",
    "v38netgate",
    "v38pachca",
    "v38roxy",
    "v38unblu",
    "v38webex",
)
#: v39's split (made once, on the final data, before the detector was ever run on v39): sealed,
#: scored as tables only. (Its names start with ``v39``: code telling v3's names apart tests it
#: with the other three-letter prefixes.)
V39_SPLIT_FILE = DATA / "v39" / "split.json"
V39_SPLIT_SEED = 20270206
V39_PARTS = (
    "v39billbee",
    "v39billimatic",
    "v39facturama",
    "v39iugu",
    "v39kakao",
    "v39placetopay",
)
#: v40's split (made once, on the final data, before the detector was ever run on v40): sealed,
#: both halves refused by the error lister. (Its names start with ``v40``: code telling v4's
#: names apart tests it with the other three-letter prefixes.)
V40_SPLIT_FILE = DATA / "v40" / "split.json"
V40_SPLIT_SEED = 20270207
V40_PARTS = (
    "v40autodesk",
    "v40autodeskapi",
    "v40dhcw",
    "v40sailpoint",
    "v40sap",
    "v40shipengine",
)
#: v41's split (made once, on the final data, before the detector was ever run on v41): sealed,
#: scored as tables only. (Its names start with ``v41``: code telling v4's names apart tests it
#: with the other three-letter prefixes.)
V41_SPLIT_FILE = DATA / "v41" / "split.json"
V41_SPLIT_SEED = 20270208
V41_PARTS = (
    "v41awork",
    "v41brightbox",
    "v41dart",
    "v41dawasco",
    "v41energa",
    "v41famly",
    "v41helloasso",
    "v41laposta",
    "v41mylight",
    "v41nalogo",
    "v41payrex",
    "v41payway",
    "v41sharesies",
    "v41smaregi",
    "v41tado",
    "v41tap",
    "v41tbank",
)
#: v42's split (made once, on the final data, before the detector was ever run on v42): sealed,
#: scored as tables only. (Its names start with ``v42``: code telling v4's names apart tests it
#: with the other three-letter prefixes.)
V42_SPLIT_FILE = DATA / "v42" / "split.json"
V42_SPLIT_SEED = 20270209
V42_PARTS = (
    "v42boston",
    "v42cdcp",
    "v42dvsa",
    "v42dvsacert",
    "v42dvsatech",
    "v42dvsatests",
    "v42helsinki",
    "v42htbhf",
    "v42ons",
)
#: v43's split (made once, on the final data, before the detector was ever run on v43): sealed,
#: both halves refused by the error lister. (Its names start with ``v43``: code telling v4's
#: names apart tests it with the other three-letter prefixes.)
V43_SPLIT_FILE = DATA / "v43" / "split.json"
V43_SPLIT_SEED = 20270210
V43_PARTS = (
    "v43aaro",
    "v43cyclesoftware",
    "v43ekuaibao",
    "v43pllano",
    "v43unifam",
)
#: v44's split (made once, on the final data, before the detector was ever run on v44): sealed,
#: scored as tables only. (Its names start with ``v44``: code telling v4's names apart tests it
#: with the other three-letter prefixes.)
V44_SPLIT_FILE = DATA / "v44" / "split.json"
V44_SPLIT_SEED = 20270211
V44_PARTS = (
    "v44acrosure",
    "v44adp",
    "v44atendesimples",
    "v44cabital",
    "v44chargehound",
    "v44clickpost",
    "v44dentalreferrals",
    "v44herolabs",
    "v44humi",
    "v44ibercheck",
    "v44lexer",
    "v44paymentshield",
    "v44sobot",
    "v44visma",
)

#: ``all``: v1's dev and test together (the v1 split was retired once both had been
#: studied); ``v2``: the unseen set, ``v2dev`` its part tuned on, ``v2test`` its part only
#: ever scored as aggregate tables; ``v3``: real vendor example payloads, ``v3dev`` its part
#: tuned on, ``v3test`` its part only ever scored as aggregate tables; ``v4``: other vendors'
#: example payloads and recorded traffic, ``v4dev`` tuned on, ``v4test`` tables only; ``v5``:
#: 18 more sources, ``v5dev`` tuned on, ``v5test`` tables only; ``v6``: fifteen more sources, same;
#: ``v7``: fourteen more sources, scored once sealed, then ``v7dev`` tuned on, ``v7test`` tables
#: only; ``v8``: twenty-two more sources, the same since session 11; ``v9``: sixteen more
#: sources, scored sealed once, then ``v9dev`` tuned on, ``v9test`` tables only; ``v10``:
#: nineteen more repositories, the same; ``v11``: thirteen more repositories, the same since
#: session 12; ``v12``: eighteen more repositories, sealed (``v12dev`` and ``v12test`` scored as
#: tables only); ``v13``: thirty-six more repositories, sealed (``v13dev`` and ``v13test``
#: scored as tables only); ``v14``: twenty-four more repositories, sealed (the same); ``v15``:
#: twenty-six more repositories, sealed (the same); ``v16``: fourteen more repositories, the first
#: set labelled by the one convention, sealed (the same); ``v17``: fifteen more repositories
#: under the one convention, sealed (the same); ``v18``: thirty-three more repositories of eleven
#: publishers under the one convention, sealed (the same); ``v19``: sixteen more publishers
#: under the one convention, sealed (the same); ``v20``: thirteen more publishers of standards'
#: examples under the one convention, sealed (the same); ``v21``: eleven more publishers with
#: labels under the one convention, sealed (the same); ``v22``: twenty-three more publishers under
#: the one convention, sealed (the same); ``v23``: twenty-seven more publishers under the one
#: convention, sealed (the same); ``v24``: twenty more publishers under the one convention,
#: sealed (the same); ``v25``: twenty-six more publishers under the one convention, sealed
#: (the same); ``v26``: twenty-four more publishers under the one convention, sealed (the same).
#: (the same); ``v27``: twenty-five more publishers under the one convention, sealed (the same);
#: ``v28``: thirty-nine more publishers under the one convention, sealed (the same);
#: ``v29``: thirty-three more publishers under the one convention, sealed (the same);
#: ``v30``: twenty-seven more publishers under the one convention, sealed (the same);
#: ``v31``: seventy-seven more publishers under the one convention, sealed (the same);
#: ``v32``: twenty-five more publishers under the one convention, sealed (the same);
#: ``v33``: forty-nine more publishers under the one convention, sealed (the same);
#: ``v34``: thirty-three more publishers under the one convention, sealed (the same);
#: ``v35``: twenty-two more publishers under the one convention, sealed (the same);
#: ``v36``: eight more publishers under the one convention, sealed (neither half read).
#: ``v37``: nineteen more publishers under the one convention, sealed (the same).
#: ``v38``: thirteen more publishers' Postman collections and OpenAPI examples under the one
#: convention, sealed (neither half read).
#: ``v39``: six more publishers writing in other languages than English, under the one
#: convention, sealed (the same).
#: ``v40``: five more publishers' Postman collections, OpenAPI examples and sample payloads under
#: the one convention, sealed (neither half read).
#: ``v41``: seventeen more publishers' SDK test fixtures under the one convention, sealed
#: (neither half read).
#: ``v42``: six more publishers' mocked API bodies (stubs and canned responses) under the one
#: convention, sealed (neither half read).
#: ``v43``: five more publishers writing in Chinese, Turkish, Dutch, Italian and Russian, under
#: the one convention, sealed (neither half read).
#: ``v44``: fourteen more publishers' webhook, callback and event payload samples under the one
#: convention, sealed (neither half read).
_V1_TO_V4 = Literal[
    "dev", "test", "all", "v2", "v2dev", "v2test", "v3", "v3dev", "v3test", "v4", "v4dev", "v4test"
]
Split = Literal[
    _V1_TO_V4,
    "v5",
    "v5dev",
    "v5test",
    "v6",
    "v6dev",
    "v6test",
    "v7",
    "v7dev",
    "v7test",
    "v8",
    "v8dev",
    "v8test",
    "v9",
    "v9dev",
    "v9test",
    "v10",
    "v10dev",
    "v10test",
    "v11",
    "v11dev",
    "v11test",
    "v12",
    "v12dev",
    "v12test",
    "v13",
    "v13dev",
    "v13test",
    "v14",
    "v14dev",
    "v14test",
    "v15",
    "v15dev",
    "v15test",
    "v16",
    "v16dev",
    "v16test",
    "v17",
    "v17dev",
    "v17test",
    "v18",
    "v18dev",
    "v18test",
    "v19",
    "v19dev",
    "v19test",
    "v20",
    "v20dev",
    "v20test",
    "v21",
    "v21dev",
    "v21test",
    "v22",
    "v22dev",
    "v22test",
    "v23",
    "v23dev",
    "v23test",
    "v24",
    "v24dev",
    "v24test",
    "v25",
    "v25dev",
    "v25test",
    "v26",
    "v26dev",
    "v26test",
    "v27",
    "v27dev",
    "v27test",
    "v28",
    "v28dev",
    "v28test",
    "v29",
    "v29dev",
    "v29test",
    "v30",
    "v30dev",
    "v30test",
    "v31",
    "v31dev",
    "v31test",
    "v32",
    "v32dev",
    "v32test",
    "v33",
    "v33dev",
    "v33test",
    "v34",
    "v34dev",
    "v34test",
    "v35",
    "v35dev",
    "v35test",
    "v36",
    "v36dev",
    "v36test",
    "v37",
    "v37dev",
    "v37test",
    "v38",
    "v38dev",
    "v38test",
    "v39",
    "v39dev",
    "v39test",
    "v40",
    "v40dev",
    "v40test",
    "v41",
    "v41dev",
    "v41test",
    "v42",
    "v42dev",
    "v42test",
    "v43",
    "v43dev",
    "v43test",
    "v44",
    "v44dev",
    "v44test",
]


@dataclass(frozen=True, slots=True)
class EvalDoc:
    """One labelled document of the independent set."""

    family: str
    source: str
    body: Any
    labels: frozenset[tuple[str, str]]


def group(family: str) -> str:
    """The unit of the split: one API (``openapi/api.github.com`` joins ``openapi/github.com``)."""
    return family.replace("openapi/api.", "openapi/", 1)


def empty(value: Any) -> bool:
    """Whether a leaf holds no data: null, a boolean, an empty or blank string, or an empty
    container. No detector reports one, and no convention makes one sensitive data."""
    return (
        value is None
        or isinstance(value, bool)
        or value in ("", [], {})
        or (isinstance(value, str) and not value.strip())
    )


def with_data(doc: EvalDoc) -> EvalDoc:
    """``doc`` without its labels on paths none of whose values hold data (`empty`): the sets
    before v16 label a few nulls (v15 37, v14 6, v4 to v9 six in all), which no finding can
    match. The data files and the splits drawn from them stay as they are."""
    values = leaf_values(doc.body)
    kept = frozenset(
        (p, t) for p, t in doc.labels if p not in values or not all(map(empty, values[p]))
    )
    return doc if kept == doc.labels else EvalDoc(doc.family, doc.source, doc.body, kept)


def load_all(sources: Iterable[str] = SOURCES) -> list[EvalDoc]:
    """Every document of the given sources, in file order."""
    out = []
    for source in sources:
        with (DATA / f"{source}.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                labels = frozenset((p, t) for p, t in d["labels"])
                out.append(EvalDoc(d["family"], source, d["body"], labels))
    return out


def leaf_values(node: Any, path: str = "$") -> dict[str, list[Any]]:
    """Every scalar leaf path (arrays as ``[*]``) with its values; containers are not leaves."""
    out: dict[str, list[Any]] = {}

    def go(n: Any, p: str) -> None:
        if isinstance(n, dict):
            for k, v in n.items():
                go(v, f"{p}.{k}")
        elif isinstance(n, list):
            for v in n:
                go(v, f"{p}[*]")
        else:
            out.setdefault(p, []).append(n)

    go(node, path)
    return out


def family_source(doc: EvalDoc) -> str:
    """A v3 or v4 document's source: its family's prefix (``v3adyen/Checkout`` → ``v3adyen``)."""
    return doc.family.split("/", 1)[0]


def make_split(
    docs: list[EvalDoc],
    seed: int = SPLIT_SEED,
    sources: tuple[str, ...] = SOURCES,
    source_of: Callable[[EvalDoc], str] = lambda d: d.source,
) -> dict[str, list[str]]:
    """Groups of each source (``source_of`` names a document's), shuffled with ``seed``, go
    one by one to the split that holds the smaller share of the group's labelled types (so
    every type has support in both)."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible split, not a secret)
    counts: dict[str, Counter[str]] = {}
    for d in docs:
        counts.setdefault(group(d.family), Counter()).update(t for _, t in d.labels)
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    held: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    split: dict[str, list[str]] = {"dev": [], "test": []}
    for source in sources:
        groups = sorted({group(d.family) for d in docs if source_of(d) == source})
        rng.shuffle(groups)
        for i, g in enumerate(groups):
            c = counts[g]

            def share(name: str, c: Counter[str] = c) -> float:
                return sum(n * held[name][t] / total[t] for t, n in c.items())

            dev, test = share("dev"), share("test")
            name = (
                ("dev" if i % 2 else "test") if dev == test else ("dev" if dev < test else "test")
            )
            split[name].append(g)
            held[name].update(c)
    return {k: sorted(v) for k, v in split.items()}


def make_v4_split() -> dict[str, list[str]]:
    """v4 split by family per vendor (a vendor's resource or API is one family), with
    ``V4_SPLIT_SEED``."""
    return make_split(load_all(V4_SOURCES), V4_SPLIT_SEED, V4_PARTS, family_source)


def make_v5_split() -> dict[str, list[str]]:
    """v5 split by family per vendor, with ``V5_SPLIT_SEED``."""
    return make_split(load_all(V5_SOURCES), V5_SPLIT_SEED, V5_PARTS, family_source)


def make_v6_split() -> dict[str, list[str]]:
    """v6 split by family per vendor, with ``V6_SPLIT_SEED``."""
    return make_split(load_all(V6_SOURCES), V6_SPLIT_SEED, V6_PARTS, family_source)


def make_v7_split() -> dict[str, list[str]]:
    """v7 split by family per vendor, with ``V7_SPLIT_SEED``."""
    return make_split(load_all(V7_SOURCES), V7_SPLIT_SEED, V7_PARTS, family_source)


def make_v8_split() -> dict[str, list[str]]:
    """v8 split by family per vendor, with ``V8_SPLIT_SEED``."""
    return make_split(load_all(V8_SOURCES), V8_SPLIT_SEED, V8_PARTS, family_source)


def make_v9_split() -> dict[str, list[str]]:
    """v9 split by family per vendor, with ``V9_SPLIT_SEED``."""
    return make_split(load_all(V9_SOURCES), V9_SPLIT_SEED, V9_PARTS, family_source)


def make_v10_split() -> dict[str, list[str]]:
    """v10 split by family per vendor, with ``V10_SPLIT_SEED``."""
    return make_split(load_all(V10_SOURCES), V10_SPLIT_SEED, V10_PARTS, family_source)


def make_v11_split() -> dict[str, list[str]]:
    """v11 split by family per vendor, with ``V11_SPLIT_SEED``."""
    return make_split(load_all(V11_SOURCES), V11_SPLIT_SEED, V11_PARTS, family_source)


def make_v12_split() -> dict[str, list[str]]:
    """v12 split by family per vendor, with ``V12_SPLIT_SEED``."""
    return make_split(load_all(V12_SOURCES), V12_SPLIT_SEED, V12_PARTS, family_source)


def make_v13_split() -> dict[str, list[str]]:
    """v13 split by family per vendor, with ``V13_SPLIT_SEED``."""
    return make_split(load_all(V13_SOURCES), V13_SPLIT_SEED, V13_PARTS, family_source)


def make_v14_split() -> dict[str, list[str]]:
    """v14 split by family per vendor, with ``V14_SPLIT_SEED``."""
    return make_split(load_all(V14_SOURCES), V14_SPLIT_SEED, V14_PARTS, family_source)


def make_v15_split() -> dict[str, list[str]]:
    """v15 split by family per vendor, with ``V15_SPLIT_SEED``."""
    return make_split(load_all(V15_SOURCES), V15_SPLIT_SEED, V15_PARTS, family_source)


def make_v16_split() -> dict[str, list[str]]:
    """v16 split by family per vendor, with ``V16_SPLIT_SEED``."""
    return make_split(load_all(V16_SOURCES), V16_SPLIT_SEED, V16_PARTS, family_source)


def make_v17_split() -> dict[str, list[str]]:
    """v17 split by family per publisher, with ``V17_SPLIT_SEED``."""
    return make_split(load_all(V17_SOURCES), V17_SPLIT_SEED, V17_PARTS, family_source)


def make_v18_split() -> dict[str, list[str]]:
    """v18 split by family per publisher, with ``V18_SPLIT_SEED``."""
    return make_split(load_all(V18_SOURCES), V18_SPLIT_SEED, V18_PARTS, family_source)


def make_v19_split() -> dict[str, list[str]]:
    """v19 split by family per publisher, with ``V19_SPLIT_SEED``."""
    return make_split(load_all(V19_SOURCES), V19_SPLIT_SEED, V19_PARTS, family_source)


def make_v20_split() -> dict[str, list[str]]:
    """v20 split by family per publisher, with ``V20_SPLIT_SEED``."""
    return make_split(load_all(V20_SOURCES), V20_SPLIT_SEED, V20_PARTS, family_source)


def make_v21_split() -> dict[str, list[str]]:
    """v21 split by family per publisher, with ``V21_SPLIT_SEED``."""
    return make_split(load_all(V21_SOURCES), V21_SPLIT_SEED, V21_PARTS, family_source)


def make_v22_split() -> dict[str, list[str]]:
    """v22 split by family per publisher, with ``V22_SPLIT_SEED``."""
    return make_split(load_all(V22_SOURCES), V22_SPLIT_SEED, V22_PARTS, family_source)


def make_v23_split() -> dict[str, list[str]]:
    """v23 split by family per publisher, with ``V23_SPLIT_SEED``."""
    return make_split(load_all(V23_SOURCES), V23_SPLIT_SEED, V23_PARTS, family_source)


def make_v24_split() -> dict[str, list[str]]:
    """v24 split by family per publisher, with ``V24_SPLIT_SEED``."""
    return make_split(load_all(V24_SOURCES), V24_SPLIT_SEED, V24_PARTS, family_source)


def make_v25_split() -> dict[str, list[str]]:
    """v25 split by family per publisher, with ``V25_SPLIT_SEED``."""
    return make_split(load_all(V25_SOURCES), V25_SPLIT_SEED, V25_PARTS, family_source)


def make_v26_split() -> dict[str, list[str]]:
    """v26 split by family per publisher, with ``V26_SPLIT_SEED``."""
    return make_split(load_all(V26_SOURCES), V26_SPLIT_SEED, V26_PARTS, family_source)


def make_v27_split() -> dict[str, list[str]]:
    """v27 split by family per publisher, with ``V27_SPLIT_SEED``."""
    return make_split(load_all(V27_SOURCES), V27_SPLIT_SEED, V27_PARTS, family_source)


def make_v28_split() -> dict[str, list[str]]:
    """v28 split by family per publisher, with ``V28_SPLIT_SEED``."""
    return make_split(load_all(V28_SOURCES), V28_SPLIT_SEED, V28_PARTS, family_source)


def make_v29_split() -> dict[str, list[str]]:
    """v29 split by family per publisher, with ``V29_SPLIT_SEED``."""
    return make_split(load_all(V29_SOURCES), V29_SPLIT_SEED, V29_PARTS, family_source)


def make_v30_split() -> dict[str, list[str]]:
    """v30 split by family per publisher, with ``V30_SPLIT_SEED``."""
    return make_split(load_all(V30_SOURCES), V30_SPLIT_SEED, V30_PARTS, family_source)


def make_v31_split() -> dict[str, list[str]]:
    """v31 split by family per publisher, with ``V31_SPLIT_SEED``."""
    return make_split(load_all(V31_SOURCES), V31_SPLIT_SEED, V31_PARTS, family_source)


def make_v32_split() -> dict[str, list[str]]:
    """v32 split by family per publisher, with ``V32_SPLIT_SEED``."""
    return make_split(load_all(V32_SOURCES), V32_SPLIT_SEED, V32_PARTS, family_source)


def make_v33_split() -> dict[str, list[str]]:
    """v33 split by family per publisher, with ``V33_SPLIT_SEED``."""
    return make_split(load_all(V33_SOURCES), V33_SPLIT_SEED, V33_PARTS, family_source)


def make_v34_split() -> dict[str, list[str]]:
    """v34 split by family per publisher, with ``V34_SPLIT_SEED``."""
    return make_split(load_all(V34_SOURCES), V34_SPLIT_SEED, V34_PARTS, family_source)


def make_v35_split() -> dict[str, list[str]]:
    """v35 split by family per publisher, with ``V35_SPLIT_SEED``."""
    return make_split(load_all(V35_SOURCES), V35_SPLIT_SEED, V35_PARTS, family_source)


def make_v36_split() -> dict[str, list[str]]:
    """v36 split by family per publisher, with ``V36_SPLIT_SEED``."""
    return make_split(load_all(V36_SOURCES), V36_SPLIT_SEED, V36_PARTS, family_source)


def make_v37_split() -> dict[str, list[str]]:
    """v37 split by family per publisher, with ``V37_SPLIT_SEED``."""
    return make_split(load_all(V37_SOURCES), V37_SPLIT_SEED, V37_PARTS, family_source)


def make_v38_split() -> dict[str, list[str]]:
    """v38 split by family per publisher, with ``V38_SPLIT_SEED``."""
    return make_split(load_all(V38_SOURCES), V38_SPLIT_SEED, V38_PARTS, family_source)


def make_v39_split() -> dict[str, list[str]]:
    """v39 split by family per publisher, with ``V39_SPLIT_SEED``."""
    return make_split(load_all(V39_SOURCES), V39_SPLIT_SEED, V39_PARTS, family_source)


def make_v40_split() -> dict[str, list[str]]:
    """v40 split by family per publisher, with ``V40_SPLIT_SEED``."""
    return make_split(load_all(V40_SOURCES), V40_SPLIT_SEED, V40_PARTS, family_source)


def make_v41_split() -> dict[str, list[str]]:
    """v41 split by family per publisher, with ``V41_SPLIT_SEED``."""
    return make_split(load_all(V41_SOURCES), V41_SPLIT_SEED, V41_PARTS, family_source)


def make_v42_split() -> dict[str, list[str]]:
    """v42 split by family per publisher, with ``V42_SPLIT_SEED``."""
    return make_split(load_all(V42_SOURCES), V42_SPLIT_SEED, V42_PARTS, family_source)


def make_v43_split() -> dict[str, list[str]]:
    """v43 split by family per publisher, with ``V43_SPLIT_SEED``."""
    return make_split(load_all(V43_SOURCES), V43_SPLIT_SEED, V43_PARTS, family_source)


def make_v44_split() -> dict[str, list[str]]:
    """v44 split by family per publisher, with ``V44_SPLIT_SEED``."""
    return make_split(load_all(V44_SOURCES), V44_SPLIT_SEED, V44_PARTS, family_source)


def make_v3_split() -> dict[str, list[str]]:
    """v3 split by family per source (an Adyen service, a Stripe resource, a FHIR
    resourceType is one family), with ``V3_SPLIT_SEED``."""
    return make_split(load_all(V3_SOURCES), V3_SPLIT_SEED, V3_PARTS, family_source)


def load(split: Split) -> list[EvalDoc]:
    """The documents of one split (``all``: v1's both; ``v2`` … ``v5``: the unseen sets) as
    scored: labels on leaves without data are left out (`with_data`); an unknown split name or
    a v1 family missing from ``split.json`` is an error."""
    return [with_data(d) for d in _load(split)]


#: Every set after v1: its sources and the file of its one split into dev and test.
_SETS: dict[str, tuple[tuple[str, ...], Path]] = {
    f"v{n}": (sources, split_file)
    for n, sources, split_file in (
        (2, V2_SOURCES, V2_SPLIT_FILE),
        (3, V3_SOURCES, V3_SPLIT_FILE),
        (4, V4_SOURCES, V4_SPLIT_FILE),
        (5, V5_SOURCES, V5_SPLIT_FILE),
        (6, V6_SOURCES, V6_SPLIT_FILE),
        (7, V7_SOURCES, V7_SPLIT_FILE),
        (8, V8_SOURCES, V8_SPLIT_FILE),
        (9, V9_SOURCES, V9_SPLIT_FILE),
        (10, V10_SOURCES, V10_SPLIT_FILE),
        (11, V11_SOURCES, V11_SPLIT_FILE),
        (12, V12_SOURCES, V12_SPLIT_FILE),
        (13, V13_SOURCES, V13_SPLIT_FILE),
        (14, V14_SOURCES, V14_SPLIT_FILE),
        (15, V15_SOURCES, V15_SPLIT_FILE),
        (16, V16_SOURCES, V16_SPLIT_FILE),
        (17, V17_SOURCES, V17_SPLIT_FILE),
        (18, V18_SOURCES, V18_SPLIT_FILE),
        (19, V19_SOURCES, V19_SPLIT_FILE),
        (20, V20_SOURCES, V20_SPLIT_FILE),
        (21, V21_SOURCES, V21_SPLIT_FILE),
        (22, V22_SOURCES, V22_SPLIT_FILE),
        (23, V23_SOURCES, V23_SPLIT_FILE),
        (24, V24_SOURCES, V24_SPLIT_FILE),
        (25, V25_SOURCES, V25_SPLIT_FILE),
        (26, V26_SOURCES, V26_SPLIT_FILE),
        (27, V27_SOURCES, V27_SPLIT_FILE),
        (28, V28_SOURCES, V28_SPLIT_FILE),
        (29, V29_SOURCES, V29_SPLIT_FILE),
        (30, V30_SOURCES, V30_SPLIT_FILE),
        (31, V31_SOURCES, V31_SPLIT_FILE),
        (32, V32_SOURCES, V32_SPLIT_FILE),
        (33, V33_SOURCES, V33_SPLIT_FILE),
        (34, V34_SOURCES, V34_SPLIT_FILE),
        (35, V35_SOURCES, V35_SPLIT_FILE),
        (36, V36_SOURCES, V36_SPLIT_FILE),
        (37, V37_SOURCES, V37_SPLIT_FILE),
        (38, V38_SOURCES, V38_SPLIT_FILE),
        (39, V39_SOURCES, V39_SPLIT_FILE),
        (40, V40_SOURCES, V40_SPLIT_FILE),
        (41, V41_SOURCES, V41_SPLIT_FILE),
        (42, V42_SOURCES, V42_SPLIT_FILE),
        (43, V43_SOURCES, V43_SPLIT_FILE),
        (44, V44_SOURCES, V44_SPLIT_FILE),
    )
}


def _load(split: Split) -> list[EvalDoc]:
    if split not in get_args(Split):
        raise ValueError(f"unknown split {split!r}; one of {', '.join(get_args(Split))}")
    if split in _SETS:
        return load_all(_SETS[split][0])
    # the set a half belongs to: the longest set name it starts with (v25dev is v25's, not v2's)
    for name in sorted(_SETS, key=len, reverse=True):
        if split.startswith(name) and split[len(name) :] in ("dev", "test"):
            sources, split_file = _SETS[name]
            return _assigned(load_all(sources), split_file, split[len(name) :])
    return _assigned(load_all(), SPLIT_FILE, split)


def _assigned(docs: list[EvalDoc], split_file: Path, split: str) -> list[EvalDoc]:
    """The documents whose group ``split_file`` puts in ``split`` (``all``: every one)."""
    assignment = json.loads(split_file.read_text(encoding="utf-8"))
    where = {g: name for name, groups in assignment.items() for g in groups}
    missing = {group(d.family) for d in docs} - set(where)
    if missing:
        raise ValueError(f"families not in {split_file.name}: {sorted(missing)[:5]}")
    return [d for d in docs if split in ("all", where[group(d.family)])]


def _write_once(split_file: Path, split: dict[str, list[str]]) -> None:
    if split_file.exists():
        raise SystemExit(f"{split_file} exists: the split is made once")
    split_file.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {split_file}")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["v2"]:
        _write_once(V2_SPLIT_FILE, make_split(load_all(V2_SOURCES), V2_SPLIT_SEED, V2_SOURCES))
    elif sys.argv[1:] == ["v3"]:
        _write_once(V3_SPLIT_FILE, make_v3_split())
    elif sys.argv[1:] == ["v4"]:
        _write_once(V4_SPLIT_FILE, make_v4_split())
    elif sys.argv[1:] == ["v5"]:
        _write_once(V5_SPLIT_FILE, make_v5_split())
    elif sys.argv[1:] == ["v6"]:
        _write_once(V6_SPLIT_FILE, make_v6_split())
    elif sys.argv[1:] == ["v7"]:
        _write_once(V7_SPLIT_FILE, make_v7_split())
    elif sys.argv[1:] == ["v8"]:
        _write_once(V8_SPLIT_FILE, make_v8_split())
    elif sys.argv[1:] == ["v9"]:
        _write_once(V9_SPLIT_FILE, make_v9_split())
    elif sys.argv[1:] == ["v10"]:
        _write_once(V10_SPLIT_FILE, make_v10_split())
    elif sys.argv[1:] == ["v11"]:
        _write_once(V11_SPLIT_FILE, make_v11_split())
    elif sys.argv[1:] == ["v12"]:
        _write_once(V12_SPLIT_FILE, make_v12_split())
    elif sys.argv[1:] == ["v13"]:
        _write_once(V13_SPLIT_FILE, make_v13_split())
    elif sys.argv[1:] == ["v14"]:
        _write_once(V14_SPLIT_FILE, make_v14_split())
    elif sys.argv[1:] == ["v15"]:
        _write_once(V15_SPLIT_FILE, make_v15_split())
    elif sys.argv[1:] == ["v16"]:
        _write_once(V16_SPLIT_FILE, make_v16_split())
    elif sys.argv[1:] == ["v17"]:
        _write_once(V17_SPLIT_FILE, make_v17_split())
    elif sys.argv[1:] == ["v18"]:
        _write_once(V18_SPLIT_FILE, make_v18_split())
    elif sys.argv[1:] == ["v19"]:
        _write_once(V19_SPLIT_FILE, make_v19_split())
    elif sys.argv[1:] == ["v20"]:
        _write_once(V20_SPLIT_FILE, make_v20_split())
    elif sys.argv[1:] == ["v21"]:
        _write_once(V21_SPLIT_FILE, make_v21_split())
    elif sys.argv[1:] == ["v22"]:
        _write_once(V22_SPLIT_FILE, make_v22_split())
    elif sys.argv[1:] == ["v23"]:
        _write_once(V23_SPLIT_FILE, make_v23_split())
    elif sys.argv[1:] == ["v24"]:
        _write_once(V24_SPLIT_FILE, make_v24_split())
    elif sys.argv[1:] == ["v25"]:
        _write_once(V25_SPLIT_FILE, make_v25_split())
    elif sys.argv[1:] == ["v26"]:
        _write_once(V26_SPLIT_FILE, make_v26_split())
    elif sys.argv[1:] == ["v27"]:
        _write_once(V27_SPLIT_FILE, make_v27_split())
    elif sys.argv[1:] == ["v28"]:
        _write_once(V28_SPLIT_FILE, make_v28_split())
    elif sys.argv[1:] == ["v29"]:
        _write_once(V29_SPLIT_FILE, make_v29_split())
    elif sys.argv[1:] == ["v30"]:
        _write_once(V30_SPLIT_FILE, make_v30_split())
    elif sys.argv[1:] == ["v31"]:
        _write_once(V31_SPLIT_FILE, make_v31_split())
    elif sys.argv[1:] == ["v32"]:
        _write_once(V32_SPLIT_FILE, make_v32_split())
    elif sys.argv[1:] == ["v33"]:
        _write_once(V33_SPLIT_FILE, make_v33_split())
    elif sys.argv[1:] == ["v34"]:
        _write_once(V34_SPLIT_FILE, make_v34_split())
    elif sys.argv[1:] == ["v35"]:
        _write_once(V35_SPLIT_FILE, make_v35_split())
    elif sys.argv[1:] == ["v36"]:
        _write_once(V36_SPLIT_FILE, make_v36_split())
    elif sys.argv[1:] == ["v37"]:
        _write_once(V37_SPLIT_FILE, make_v37_split())
    elif sys.argv[1:] == ["v38"]:
        _write_once(V38_SPLIT_FILE, make_v38_split())
    elif sys.argv[1:] == ["v39"]:
        _write_once(V39_SPLIT_FILE, make_v39_split())
    elif sys.argv[1:] == ["v40"]:
        _write_once(V40_SPLIT_FILE, make_v40_split())
    elif sys.argv[1:] == ["v41"]:
        _write_once(V41_SPLIT_FILE, make_v41_split())
    elif sys.argv[1:] == ["v42"]:
        _write_once(V42_SPLIT_FILE, make_v42_split())
    elif sys.argv[1:] == ["v43"]:
        _write_once(V43_SPLIT_FILE, make_v43_split())
    elif sys.argv[1:] == ["v44"]:
        _write_once(V44_SPLIT_FILE, make_v44_split())
    else:
        _write_once(SPLIT_FILE, make_split(load_all()))
