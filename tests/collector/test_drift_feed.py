"""Policies naming drift states are fed by the API catalogue (collector.drift_feed)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collector.drift_feed import DriftFeed
from collector.policies import parse_policies
from collector.specs import SpecRegistry
from collector.store import Store
from collector.web import create_app
from tests.collector.conftest import _postgres_schema_url
from tests.collector.factories import batch, field, report, workload

WEB, USERS = workload("web"), workload("users")
POLICY = """
policies:
  - name: no-pii-on-shadow
    rule: no_sensitive_data_on_drift
    drift_states: [shadow]
"""
WRITE = {"X-Sieve-Write-Token": "w-token"}


def spec(*paths: str) -> str:
    """A document for shop/users with a POST operation at each of ``paths``."""
    ops = "".join(
        f"  {p}:\n    post:\n      responses:\n        '200':\n          description: ok\n"
        for p in paths
    )
    return f"openapi: 3.1.0\ninfo:\n  title: users\n  version: '1'\npaths:\n{ops}"


@pytest.fixture(params=["sqlite-memory", "sqlite-file", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store on in-memory SQLite (one shared connection), a SQLite file and
    PostgreSQL."""
    urls: Iterator[str]
    if request.param == "sqlite-memory":
        urls = iter(["sqlite://"])
    elif request.param == "sqlite-file":
        urls = iter([f"sqlite:///{tmp_path / 'collector.db'}"])
    else:
        urls = _postgres_schema_url()
    store = Store(next(urls))
    store.migrate()
    try:
        yield store
    finally:
        store.close()
        for _ in urls:  # drops the PostgreSQL schema
            pass


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_shadow_violation_raised_then_cleared_by_a_spec_upload(
    any_store: Store, tmp_path: Path
) -> None:
    tokens = tmp_path / "write-tokens"
    tokens.write_text("w-token\n")
    registry = SpecRegistry(upload_dir=tmp_path / "uploaded", write_token_file=tokens)
    feed = DriftFeed(any_store, registry)
    app = create_app(any_store, parse_policies(POLICY), specs=registry)
    feed.attach()
    feed.start()
    try:
        with TestClient(app) as c:

            def violated() -> list[str]:
                body = c.get("/api/v1/violations").json()
                return sorted(f"{v['policy']}:{v['path_template']}" for v in body)

            # the server is covered by a document that does not document /signup
            put = c.put("/api/v1/specs/users?workload=shop/users", content=spec("/health"),
                        headers=WRITE)  # fmt: skip
            assert put.status_code == 201, put.text
            email = [("email", "medium", 0.9, 5)]
            signup = report(WEB, USERS, "POST", "/signup", request=[field("$.email", detect=email)])
            any_store.ingest_batch(batch(1, signup, report(WEB, USERS, "POST", "/health")))
            wait_for(lambda: violated() == ["no-pii-on-shadow:/signup"], "the shadow violation")
            # documenting it clears the violation
            put = c.put("/api/v1/specs/users?workload=shop/users",
                        content=spec("/health", "/signup"), headers=WRITE)  # fmt: skip
            assert put.status_code == 201, put.text
            wait_for(lambda: violated() == [], "the violation to clear")
            # and a later document that drops it raises it again
            put = c.put("/api/v1/specs/users?workload=shop/users", content=spec("/health"),
                        headers=WRITE)  # fmt: skip
            assert put.status_code == 201, put.text
            wait_for(lambda: violated() == ["no-pii-on-shadow:/signup"], "the violation back")
            # a new endpoint after that is judged too, without any document change
            any_store.ingest_batch(batch(2, report(WEB, USERS, "POST", "/export", response=[
                field("$.owner", detect=email)])))  # fmt: skip
            wait_for(
                lambda: violated() == ["no-pii-on-shadow:/export", "no-pii-on-shadow:/signup"],
                "the new endpoint's violation",
            )
    finally:
        feed.stop()


def test_idle_without_a_policy_naming_drift(store: Store) -> None:
    registry = SpecRegistry()
    registry.put("users", spec("/health"), "shop/users", persist=False)
    feed = DriftFeed(store, registry)
    feed.attach()
    store.ingest_batch(batch(1, report(WEB, USERS, "POST", "/signup")))
    assert feed.refresh() == set()  # no rule names a drift state: nothing computed
    assert feed.states() == {}
    store.set_policies(parse_policies(POLICY))
    changed = feed.refresh()
    assert [e.path_template for e in store.endpoints() if e.id in changed] == ["/signup"]
    assert feed.states() == {min(changed): {"shadow"}}


SIGNUP_SPEC = """{"openapi": "3.1.0", "info": {"title": "users", "version": "1"},
 "paths": {"/signup": {"post": {
   "requestBody": {"content": {"application/json": {"schema": {"type": "object",
     "properties": {"email": {"type": "string", "format": "email"},
                    "contact": {"type": "string", "format": "email"}}}}}},
   "responses": {"200": {"description": "ok"}}}}}}"""


def test_a_new_detection_on_a_known_field_recomputes_drift(store: Store) -> None:
    registry = SpecRegistry()
    registry.put("users", SIGNUP_SPEC, "shop/users", persist=False)
    feed = DriftFeed(store, registry)
    store.set_policies(parse_policies(POLICY.replace("shadow", "undeclared_sensitive")))
    feed.attach()
    feed.start()
    try:
        email = [("email", "medium", 0.9, 5)]
        store.ingest_batch(batch(1, report(WEB, USERS, "POST", "/signup", request=[
            field("$.email", detect=email), field("$.contact", detect=email)])))  # fmt: skip
        # declared: nothing to say; the feed has computed over both fields
        wait_for(lambda: bool(feed.states() == {} and feed._known), "the first computation")
        assert store.violations() == []
        phone = [("phone", "medium", 0.8, 5)]
        store.ingest_batch(batch(2, report(WEB, USERS, "POST", "/signup", request=[
            field("$.contact", detect=phone)])))  # fmt: skip
        wait_for(
            lambda: sorted(v.data_type for v in store.violations()) == ["email", "phone"],
            "the undeclared phone to put the endpoint in drift",
        )
    finally:
        feed.stop()
