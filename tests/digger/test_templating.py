"""Endpoint templating: value-like segments, learned cardinality, query names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digger.templating import Templater, normalize_method, parameter_name
from digger.values import is_name, is_value_like


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/users/42/orders/9f1c2a7be4d04c1f", "/users/{userId:int}/orders/{orderId:hex}"),
        ("/users/3fa85f64-5717-4562-b3fc-2c963f66afa6", "/users/{userId:uuid}"),
        ("/files/deadbeef01/raw", "/files/{fileId:hex}/raw"),
        ("/t/eyJhbGciOiJIUzI1NiJ9aBcDeFgH12", "/t/{tId}"),
        ("/by-email/alice%40example.org/profile", "/by-email/{email:email}/profile"),
        ("/by-email/alice@example.org", "/by-email/{email:email}"),
        ("/days/2024-05-01", "/days/{day:date}"),
        ("/orders/ORD-000123", "/orders/{orderId}"),
        ("/search/hello%20world", "/search/{searchId}"),
        ("/api/v1/health", "/api/v1/health"),
        ("/", "/"),
        ("/items/", "/items/"),
        ("http://proxy.example/users/7", "/users/{userId:int}"),
    ],
)
def test_value_like_segments_become_placeholders(target: str, expected: str):
    assert Templater().template(target).path == expected


def test_high_cardinality_segments_are_learned_per_prefix():
    t = Templater(cardinality_threshold=5)
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]
    paths = [t.template(f"/users/{n}/profile").path for n in names]
    assert paths[:5] == [f"/users/{n}/profile" for n in names[:5]]
    assert paths[5:] == ["/users/{userId}/profile", "/users/{userId}/profile"]
    # templates made before the lesson are rewritten at flush time
    assert t.refine("/users/alice/profile") == "/users/{userId}/profile"
    # another prefix is unaffected
    assert t.template("/teams/red").path == "/teams/red"
    assert t.refine("/teams/red") == "/teams/red"


def test_prefix_memory_is_bounded():
    t = Templater(cardinality_threshold=1000, max_prefixes=10)
    for i in range(100):
        t.template(f"/a{chr(97 + i % 26)}x/b/c/{chr(97 + i // 26)}z")
    assert len(t._prefixes) <= 10
    assert t.prefixes_evicted > 0


def test_query_keeps_identifier_names_never_values():
    tmpl = Templater().template("/search?q=secret+value&page=2&user%40x.com&expand=orders&12345=x")
    assert tmpl.query_names == ("expand", "page", "q")
    assert "secret" not in repr(tmpl)


def test_query_name_count_is_capped():
    target = "/x?" + "&".join(f"p{chr(97 + i)}=1" for i in range(20))
    assert len(Templater(max_query_names=5).template(target).query_names) == 5


def test_methods_are_normalized():
    assert normalize_method("get") == "GET"
    assert normalize_method("X-CANARY") == "OTHER"


@pytest.mark.parametrize(
    "text",
    [
        "42",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "a@b.io",
        "2024-01-02",
        "deadbeef99",
        "QmFzZTY0RW5jb2RlZFN0cmluZzEy",
        "x" * 80,
        "A1B2C3",
    ],
)
def test_values(text: str):
    assert is_value_like(text)
    assert not is_name(text)


@pytest.mark.parametrize(
    "text", ["email", "firstName", "address_line_1", "sha256", "@type", "имя", "v1", "userId"]
)
def test_names(text: str):
    assert is_name(text)


_SEGMENT = st.sampled_from(["a", "b", "c", "d", "42", "x%20y", "", "v1"])


@settings(max_examples=200, deadline=None)
@given(
    paths=st.lists(
        st.lists(_SEGMENT, min_size=1, max_size=4).map(lambda segs: "/" + "/".join(segs)),
        min_size=1,
        max_size=40,
    )
)
def test_remembered_paths_change_no_result(paths: list[str]) -> None:
    # a Templater that remembers paths answers, learns and evicts as one that never does
    remembering, forgetting = Templater(2, max_prefixes=3), Templater(2, max_prefixes=3)
    for path in paths * 2:
        got = remembering.template(path + "?q=1")
        want = forgetting.template(path + "?q=1")
        forgetting._paths.clear()
        assert got == want
        assert list(remembering._prefixes) == list(forgetting._prefixes)
        assert [(p.literals, p.variable) for p in remembering._prefixes.values()] == [
            (p.literals, p.variable) for p in forgetting._prefixes.values()
        ]
        assert remembering.prefixes_evicted == forgetting.prefixes_evicted


def test_paths_are_remembered_without_values_only() -> None:
    t = Templater()
    for _ in range(2):  # remembered once templating it teaches nothing new
        t.template("/api/orders?page=2")
        t.template("/api/users/42")
    assert set(t._paths) == {"/api/orders"}
    assert t.template("/api/orders?page=3").path == "/api/orders"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/customers/7/orders/12", "/customers/{customerId:int}/orders/{orderId:int}"),
        ("/api/v1/people/5/addresses/2", "/api/v1/people/{personId:int}/addresses/{addressId:int}"),
        ("/categories/12/items", "/categories/{categoryId:int}/items"),
        ("/order-items/5", "/order-items/{orderItemId:int}"),
        ("/userAccounts/5", "/userAccounts/{userAccountId:int}"),
        ("/product_keys/ab12cd34", "/product_keys/{productKey:hex}"),
        # no static segment before: "id", and repeats are numbered left to right
        ("/7/8/9", "/{id:int}/{id2:int}/{id3:int}"),
        ("/users/1/users/2", "/users/{userId:int}/users/{userId2:int}"),
        ("/metadata/5", "/metadata/{metadataId:int}"),
        # a version or "api" segment names nothing
        ("/api/v2/12", "/api/v2/{id:int}"),
        ("/repositories-v1/12", "/repositories-v1/{repositoryId:int}"),
        # ...but "api" inside a word is part of it
        ("/api-keys/12", "/api-keys/{apiKey:int}"),
        # Latin and German plurals
        ("/indices/3/matrices/4", "/indices/{indexId:int}/matrices/{matrixId:int}"),
        ("/rechnungen/9", "/rechnungen/{rechnungId:int}"),
        # a date is called "date" unless the segment before names a date unit
        ("/reports/daily/2026-01-31", "/reports/daily/{date:date}"),
        ("/days/2026-01-31", "/days/{day:date}"),
    ],
)
def test_parameters_are_named_after_the_segment_before(target: str, expected: str):
    assert Templater().template(target).path == expected


def test_parameter_names_are_the_same_on_every_templater():
    # stable across runs and replicas: the name depends on the template alone
    targets = [f"/shops/{i}/carts/{i * 7919:06x}ff12" for i in range(1, 50)]
    first = {Templater().template(t).path for t in targets}
    second = {Templater().template(t).path for t in reversed(targets)}
    assert first == second == {"/shops/{shopId:int}/carts/{cartId:hex}"}


def test_a_refined_template_is_renamed():
    t = Templater(cardinality_threshold=2)
    early = t.template("/teams/red/members/5").path
    assert early == "/teams/red/members/{memberId:int}"
    for name in ("blue", "green", "gold"):
        t.template(f"/teams/{name}/members/5")
    assert t.refine(early) == "/teams/{teamId}/members/{memberId:int}"


@pytest.mark.parametrize(
    "before", ["alice@example.org", "42", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "a b", ""]
)
def test_a_segment_that_looks_like_data_never_becomes_a_name(before: str):
    assert parameter_name(before) == "id"
