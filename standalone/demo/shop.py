"""The shop's behaviour, independent of how requests travel.

`ShopService.handle` answers one request of one service and may call others through
``call``; `Shopper.visit` is one customer's visit as the frontend drives it. The live demo
runs them behind real HTTP servers (`standalone.demo.services`); the shipped capture is
made by running the same code against a recorder (`standalone.demo.capture_file`).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from standalone.demo import loyalty
from standalone.demo.people import Person, make_person, session_token

Json = Any
Call = Callable[[str, str, str, Json], tuple[int, Json]]
"""``call(role, method, target, body)`` → (status, parsed JSON body): one downstream request."""

SKUS = (("SKU-1042", 19.99), ("SKU-2210", 5.49), ("SKU-3307", 129.0), ("SKU-4419", 42.5))


def hash_of(text: str) -> str:
    """A short stable id derived from ``text`` (the same in every process and run)."""
    return hashlib.sha256(text.encode()).hexdigest()[:10]


class ShopService:
    """The state and handlers of one service of the shop (one per process)."""

    def __init__(self, role: str, seed: int = 7, clock: Callable[[], float] | None = None) -> None:
        self.role = role
        self.rng = random.Random(f"{role}:{seed}")  # noqa: S311 - made-up data, not secrets
        self.clock = clock or (lambda: 1_780_000_000.0)
        self.users: dict[str, Person] = {}
        self.orders: dict[str, Json] = {}
        self.balances: dict[str, int] = {}
        self._next_user = 10_000
        self._next_order = 500_000

    def handle(self, method: str, target: str, body: Json, call: Call) -> tuple[int, Json]:
        """Answer one request; unknown routes are 404."""
        parts = urlsplit(target)
        segments = [s for s in parts.path.split("/") if s]
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        handler = getattr(self, f"_{self.role}", None)
        if handler is None:
            return 404, {"error": "not found"}
        result: tuple[int, Json] = handler(method, segments, query, body, call)
        return result

    # --- users (namespace accounts) ------------------------------------------------------
    def _users(
        self, method: str, seg: list[str], query: dict[str, str], body: Json, call: Call
    ) -> tuple[int, Json]:
        if method == "POST" and seg == ["users"] and isinstance(body, dict):
            self._next_user += self.rng.randint(1, 17)
            uid = str(self._next_user)
            address = body.get("address") or {}
            self.users[uid] = Person(
                first_name=str(body.get("firstName", "")),
                last_name=str(body.get("lastName", "")),
                email=str(body.get("email", "")),
                phone=str(body.get("phone", "")),
                password=str(body.get("password", "")),
                date_of_birth=str(body.get("dateOfBirth", "")),
                street=str(address.get("street", "")),
                city=str(address.get("city", "")),
                postal_code=str(address.get("postalCode", "")),
                country=str(address.get("country", "")),
                card_number="",
                card_expiry="",
            )
            return 201, {"id": uid, "email": body.get("email"), "status": "active"}
        if method == "POST" and seg == ["sessions"] and isinstance(body, dict):
            for uid, person in self.users.items():
                if person.email == body.get("email") and person.password == body.get("password"):
                    token = session_token(uid, int(self.clock()))
                    return 200, {"userId": uid, "accessToken": token, "expiresIn": 3600}
            return 401, {"error": "invalid credentials"}
        if method == "GET" and len(seg) == 2 and seg[0] == "users":
            user = self.users.get(seg[1])
            if user is None:
                return 404, {"error": "no such user"}
            return 200, {
                "id": seg[1],
                "fullName": user.full_name,
                "email": user.email,
                "phone": user.phone,
                "dateOfBirth": user.date_of_birth,
                "address": user.address(),
                "marketingOptIn": self.rng.random() < 0.5,
            }
        return 404, {"error": "not found"}

    # --- orders (namespace shop) ---------------------------------------------------------
    def _orders(
        self, method: str, seg: list[str], query: dict[str, str], body: Json, call: Call
    ) -> tuple[int, Json]:
        if method == "POST" and seg == ["orders"] and isinstance(body, dict):
            self._next_order += self.rng.randint(1, 9)
            oid = str(self._next_order)
            total = round(sum(i["unitPrice"] * i["quantity"] for i in body.get("items", [])), 2)
            card = body.get("payment") or {}
            status, charge = call(
                "payments",
                "POST",
                "/payments/charges",
                {
                    "orderId": oid,
                    "amount": total,
                    "currency": "EUR",
                    "card": {
                        "number": card.get("cardNumber"),
                        "holderName": card.get("cardholderName"),
                        "expiry": card.get("expiry"),
                    },
                    "billingEmail": body.get("email"),
                },
            )
            paid = status == 201
            order = {
                "orderId": oid,
                "customerId": body.get("customerId"),
                "status": "paid" if paid else "payment_failed",
                "total": total,
                "items": body.get("items", []),
                "shippingAddress": body.get("shippingAddress"),
            }
            self.orders[oid] = order
            points = None
            if paid:
                status, earned = call(
                    "loyalty",
                    "POST",
                    loyalty.EARN,
                    {
                        "customer_email": body.get("email"),
                        "card_holder_name": card.get("cardholderName"),
                        "order_id": oid,
                        "points": int(total),
                    },
                )
                if status == 200 and isinstance(earned, dict):
                    points = earned.get("balance")
                address = body.get("shippingAddress") or {}
                call(
                    "notifications",
                    "POST",
                    "/notifications/email",
                    {
                        "to": body.get("email"),
                        "recipientName": address.get("fullName"),
                        "template": "order-confirmation",
                        "orderId": oid,
                    },
                )
            return (201 if paid else 402), {
                "orderId": oid,
                "status": order["status"],
                "total": total,
                "chargeId": charge.get("chargeId") if isinstance(charge, dict) else None,
                "loyaltyPoints": points,
            }
        if method == "GET" and seg == ["orders"]:
            mine = [o for o in self.orders.values() if o["customerId"] == query.get("customer")]
            return 200, {"orders": [{"orderId": o["orderId"], "total": o["total"]} for o in mine]}
        if method == "GET" and len(seg) == 2 and seg[0] == "orders":
            found = self.orders.get(seg[1])
            return (200, found) if found else (404, {"error": "no such order"})
        return 404, {"error": "not found"}

    # --- payments (namespace payments) ---------------------------------------------------
    def _payments(
        self, method: str, seg: list[str], query: dict[str, str], body: Json, call: Call
    ) -> tuple[int, Json]:
        if method == "POST" and seg == ["payments", "charges"] and isinstance(body, dict):
            card = body.get("card") or {}
            month, _, year = str(card.get("expiry", "")).partition("/")
            status, answer = call(
                "paygate",
                "POST",
                "/v1/charges",
                {
                    "amount": round(float(body.get("amount", 0)) * 100),
                    "currency": str(body.get("currency", "EUR")).lower(),
                    "source": {
                        "number": card.get("number"),
                        "exp_month": month,
                        "exp_year": f"20{year}",
                        "name": card.get("holderName"),
                    },
                    "receipt_email": body.get("billingEmail"),
                    "metadata": {"order": body.get("orderId")},
                },
            )
            if status != 200 or not isinstance(answer, dict):
                return 502, {"error": "gateway failed"}
            return 201, {"chargeId": answer.get("id"), "status": answer.get("status")}
        return 404, {"error": "not found"}

    # --- notifications (namespace messaging) ---------------------------------------------
    def _notifications(
        self, method: str, seg: list[str], query: dict[str, str], body: Json, call: Call
    ) -> tuple[int, Json]:
        if method == "POST" and seg[:1] == ["notifications"] and isinstance(body, dict):
            return 202, {"messageId": f"msg-{self.rng.getrandbits(48):012x}", "queued": True}
        return 404, {"error": "not found"}

    # --- loyalty (namespace rewards; gRPC, `standalone.demo.loyalty`) ---------------------
    def _loyalty(
        self, method: str, seg: list[str], query: dict[str, str], body: Json, call: Call
    ) -> tuple[int, Json]:
        if method == "POST" and "/" + "/".join(seg) == loyalty.EARN and isinstance(body, dict):
            email = str(body.get("customer_email", ""))
            balance = self.balances[email] = self.balances.get(email, 0) + int(
                body.get("points", 0)
            )
            tier = "gold" if balance >= 500 else "silver" if balance >= 150 else "bronze"
            member = f"M-{hash_of(email)}"
            return 200, {"member_id": member, "balance": balance, "tier": tier}
        return 404, {"error": "not found"}

    # --- the external payment gateway ----------------------------------------------------
    def _paygate(
        self, method: str, seg: list[str], query: dict[str, str], body: Json, call: Call
    ) -> tuple[int, Json]:
        if method == "POST" and seg == ["v1", "charges"] and isinstance(body, dict):
            return 200, {
                "id": f"ch_{self.rng.getrandbits(64):016x}",
                "object": "charge",
                "amount": body.get("amount"),
                "status": "succeeded",
                "paid": True,
            }
        return 404, {"error": "not found"}


class Shopper:
    """The frontend's side: customer visits, each a few requests to the shop's services."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(f"shopper:{seed}")  # noqa: S311 - made-up data
        self.known: list[tuple[str, Person]] = []
        self.orders: list[str] = []

    def visit(self, call: Call) -> int:
        """One customer visit; returns how many requests the frontend made."""
        rng = self.rng
        made = 0
        if not self.known or rng.random() < 0.3:
            person = make_person(rng)
            status, created = call(
                "users",
                "POST",
                "/users",
                {
                    "firstName": person.first_name,
                    "lastName": person.last_name,
                    "email": person.email,
                    "phone": person.phone,
                    "password": person.password,
                    "dateOfBirth": person.date_of_birth,
                    "address": person.address(),
                },
            )
            made += 1
            if status == 201 and isinstance(created, dict):
                self.known.append((str(created["id"]), person))
                del self.known[:-50]
        if not self.known:
            return made
        uid, person = rng.choice(self.known)
        call("users", "POST", "/sessions", {"email": person.email, "password": person.password})
        call("users", "GET", f"/users/{uid}", None)
        made += 2
        if rng.random() < 0.1:
            call("users", "GET", f"/users/{rng.randint(1, 999)}", None)  # a 404
            made += 1
        if rng.random() < 0.8:
            items = [
                {"sku": sku, "quantity": rng.randint(1, 3), "unitPrice": price}
                for sku, price in rng.sample(SKUS, rng.randint(1, 3))
            ]
            status, order = call(
                "orders",
                "POST",
                "/orders",
                {
                    "customerId": uid,
                    "email": person.email,
                    "items": items,
                    "shippingAddress": {"fullName": person.full_name, **person.address()},
                    "payment": {
                        "cardNumber": person.card_number,
                        "cardholderName": person.full_name,
                        "expiry": person.card_expiry,
                    },
                },
            )
            made += 1
            if isinstance(order, dict) and order.get("orderId"):
                self.orders.append(str(order["orderId"]))
                del self.orders[:-50]
        if self.orders and rng.random() < 0.5:
            call("orders", "GET", f"/orders/{rng.choice(self.orders)}", None)
            made += 1
        if rng.random() < 0.3:
            call("orders", "GET", f"/orders?customer={uid}&page=1", None)
            made += 1
        return made
