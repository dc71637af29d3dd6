"""The e2e demo application: ``python -m tests.e2e.app ROLE --topology FILE --out DIR``.

Five services (users, orders, payments, notifications, inventory) serve JSON over HTTP/1.1
keep-alive, each in its own pod; the frontend drives customer visits. Every request carries
personal data (names, e-mails, cards, phones) and this run's canaries: in bodies, header
values, query values, path segments and value-like JSON keys. Each server counts what it
served per (client role, method, path template) and writes ``DIR/<role>.counts.json`` when
it stops (SIGTERM); the frontend writes ``DIR/frontend.done.json`` (visits, errors).
"""

from __future__ import annotations

import argparse
import http.client
import json
import signal
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Json = Any
SERVERS = ("users", "orders", "payments", "notifications", "inventory")
ROLES = ("frontend", *SERVERS)


def luhn_card(prefix: str, serial: int) -> str:
    """A 16-digit Luhn-valid card number starting with ``prefix``."""
    body = (prefix + f"{serial:015d}"[len(prefix) :])[:15]
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


class Topology:
    """Roles → addresses, and this run's canary values (from the topology file)."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text())
        self.pods: dict[str, dict[str, Any]] = data["pods"]
        self.canaries: dict[str, str] = data["canaries"]
        self.role_of_ip = {p["ip"]: role for role, p in self.pods.items()}


class Client(threading.local):
    """Keep-alive JSON client: one connection per upstream and thread."""

    def __init__(self, topo: Topology) -> None:
        self.topo = topo
        self.conns: dict[str, http.client.HTTPConnection] = {}
        self.errors = 0

    def call(
        self, role: str, method: str, target: str, body: Json, headers: dict[str, str] | None = None
    ) -> tuple[int, Json]:
        pod = self.topo.pods[role]
        data = None if body is None else json.dumps(body).encode()
        head = {"Host": f"{role}.{pod['namespace']}", "Accept": "application/json"}
        head.update(headers or {})
        if data is not None:
            head["Content-Type"] = "application/json"
        conn = self.conns.get(role)
        if conn is None:
            conn = http.client.HTTPConnection(pod["ip"], pod["port"], timeout=10)
            self.conns[role] = conn
        try:
            conn.request(method, target, body=data, headers=head)
            resp = conn.getresponse()
            raw = resp.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            self.conns.pop(role, None)
            self.errors += 1
            return 0, None
        return resp.status, json.loads(raw) if raw else None


class Shop:
    """The handlers of one server role."""

    def __init__(self, role: str, topo: Topology) -> None:
        self.role = role
        self.topo = topo
        self.c = topo.canaries
        self.client = Client(topo)
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.seq = 0

    def handle(self, client_ip: str, method: str, target: str, body: Json) -> tuple[int, Json]:
        path = target.split("?", 1)[0]
        seg = [s for s in path.split("/") if s]
        status, answer, template = getattr(self, "_" + self.role)(method, seg, body)
        source = self.topo.role_of_ip.get(client_ip, client_ip)
        with self.lock:
            self.counts[f"{source} {self.role} {method} {template}"] += 1
            self.seq += 1
        return status, answer

    def _users(self, method: str, seg: list[str], body: Json) -> tuple[int, Json, str]:
        c = self.c
        if method == "POST" and seg == ["users"]:
            return 201, {"id": self.seq + 1000, "email": body["email"]}, "/users"
        return (
            200,
            {
                "id": seg[-1],
                "fullName": c["name"],
                "email": c["email"],
                "phone": c["phone"],
                "contacts": {c["key_email"]: {"kind": "primary"}},
            },
            "/users/{userId:uuid}",
        )

    def _orders(self, method: str, seg: list[str], body: Json) -> tuple[int, Json, str]:
        c = self.c
        if method == "POST":
            oid = str(700_000 + self.seq)
            status, _ = self.client.call(
                "payments",
                "POST",
                "/payments/charges",
                {
                    "orderId": oid,
                    "amount": 42.5,
                    "card": {
                        "number": body["payment"]["cardNumber"],
                        "holderName": body["payment"]["cardholderName"],
                        "expiry": "09/29",
                    },
                    "billingEmail": body["email"],
                },
            )
            self.client.call(
                "notifications",
                "POST",
                "/notifications/email",
                {"recipientEmail": body["email"], "recipientName": c["name"], "phone": c["phone"]},
            )
            self.client.call(
                "inventory",
                "GET",
                f"/inventory/items/{self.seq % 5000 + 10_000}?warehouse={c['query']}",
                None,
            )
            return (201 if status == 201 else 502), {"orderId": oid, "email": c["email"]}, "/orders"
        return (
            200,
            {"orderId": seg[-1], "customerEmail": c["email"], "total": 42.5},
            "/orders/{orderId:int}",
        )

    def _payments(self, method: str, seg: list[str], body: Json) -> tuple[int, Json, str]:
        return (
            201,
            {"chargeId": f"ch-{self.seq}", "holder": body["card"]["holderName"]},
            ("/payments/charges"),
        )

    def _notifications(self, method: str, seg: list[str], body: Json) -> tuple[int, Json, str]:
        return 202, {"queued": True, "to": body["recipientEmail"]}, "/notifications/email"

    def _inventory(self, method: str, seg: list[str], body: Json) -> tuple[int, Json, str]:
        return 200, {"sku": seg[-1], "available": 3}, "/inventory/items/{itemId:int}"


def serve(role: str, topo: Topology, out: Path) -> None:
    shop = Shop(role, topo)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            status, answer = shop.handle(
                self.client_address[0], self.command, self.path, json.loads(raw) if raw else None
            )
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _serve  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:
            pass

    pod = topo.pods[role]
    server = ThreadingHTTPServer((pod["ip"], pod["port"]), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    (out / f"{role}.ready").write_text("1")
    server.serve_forever(poll_interval=0.1)
    with shop.lock:
        (out / f"{role}.counts.json").write_text(json.dumps(dict(shop.counts)))


def visit(client: Client, c: dict[str, str], n: int) -> int:
    """One customer visit: four requests from the frontend (three more behind the order)."""
    bad = 0
    person = {
        "firstName": c["first"],
        "lastName": c["last"],
        "email": c["email"],
        "phone": c["phone"],
        "devices": {c["key_uuid"]: {"trusted": True}},
    }
    status, created = client.call("users", "POST", "/users", person)
    bad += status != 201
    status, _ = client.call(
        "users",
        "GET",
        f"/users/{c['path_id']}?session={c['query']}",
        None,
        headers={"X-Api-Key": c["header"], "Authorization": f"Bearer {c['header']}"},
    )
    bad += status != 200
    order = {
        "customerId": created["id"] if created else 0,
        "email": c["email"],
        "items": [{"sku": "SKU-1042", "quantity": 1 + n % 3}],
        "payment": {"cardNumber": c["card"], "cardholderName": c["name"]},
    }
    status, placed = client.call("orders", "POST", "/orders", order)
    bad += status != 201
    status, _ = client.call("orders", "GET", f"/orders/{placed['orderId'] if placed else 1}", None)
    bad += status != 200
    return bad


def drive(topo: Topology, out: Path, visits: int, rate: float, threads: int) -> None:
    """``visits`` visits in total (0: until SIGTERM) at ``rate`` per second over ``threads``."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    done = Counter[str]()
    lock = threading.Lock()
    started = time.monotonic()

    def worker(k: int) -> None:
        client = Client(topo)
        i = k
        while not stop.is_set() and (visits == 0 or i < visits):
            due = started + i / rate
            if stop.wait(max(0.0, due - time.monotonic())):
                break
            bad = visit(client, topo.canaries, i)
            with lock:
                done["visits"] += 1
                done["bad"] += bad
            i += threads
        with lock:
            done["errors"] += client.errors

    workers = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    done["seconds_x1000"] = int((time.monotonic() - started) * 1000)
    (out / "frontend.done.json").write_text(json.dumps(dict(done)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.app")
    parser.add_argument("role", choices=ROLES)
    parser.add_argument("--topology", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--visits", type=int, default=0)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    topo = Topology(args.topology)
    if args.role == "frontend":
        drive(topo, args.out, args.visits, args.rate, args.threads)
    else:
        serve(args.role, topo, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
