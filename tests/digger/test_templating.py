"""Endpoint templating: value-like segments, learned cardinality, query names."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digger.templating import Templater, normalize_method, parameter_name, value_meaning
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
        ("/api-keys/12", "/api-keys/{apiKeyId:int}"),
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


def _learned(templater: Templater, targets: list[str]) -> str:
    """The template of the last target, after the others taught the templater."""
    for target in targets[:-1]:
        templater.template(target)
    return templater.template(targets[-1]).path


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # a year not after a collection word, then month and day after it
        ("/blog/2019/03", "/blog/{year:int}/{month:int}"),
        ("/archive/2024/12/31", "/archive/{year:int}/{month:int}/{day:int}"),
        ("/2024/7", "/{year:int}/{month:int}"),
        # after a plural noun a 4-digit number is one of them; 13 is no month
        ("/orders/2019", "/orders/{orderId:int}"),
        ("/blog/2019/13", "/blog/{year:int}/{id:int}"),
        ("/blog/1850", "/blog/{blogId:int}"),
        # a number after "keys", "names", "codes" identifies one (a hex key is the key)
        ("/api-keys/12", "/api-keys/{apiKeyId:int}"),
        ("/product_keys/ab12cd34", "/product_keys/{productKey:hex}"),
        ("/by-name/12", "/by-name/{name:int}"),
    ],
)
def test_numbers_that_mean_a_date_part_are_named_by_it(target: str, expected: str) -> None:
    assert Templater().template(target).path == expected


@pytest.mark.parametrize(
    ("value", "kind", "before", "previous", "expected"),
    [
        ("summer-linen-dress-42", "", "articles", "", "slug"),
        ("my-project", "", "repos", "", "slug"),
        ("linen", "", "articles", "", ""),  # one word: the segment names it
        ("a8kd-93kd", "", "articles", "", ""),  # random-looking parts: not words
        ("1.4.2", "", "versions", "", "version"),
        ("v2.0.1-rc.1", "", "releases", "", "version"),
        ("45.55.96.47", "", "floating_ips", "", ""),  # an IPv4 address is no version
        ("en-US", "", "translations", "", "locale"),
        ("pt_BR", "", "", "", "locale"),
        ("zh-Hant-TW", "", "locales", "", "locale"),
        ("DE", "", "countries", "", "countryCode"),
        ("EUR", "", "currencies", "", "currencyCode"),
        ("LHR", "", "airports", "", "airportCode"),
        ("US", "", "", "", "code"),
        ("SUMMER25", "", "coupons", "", "code"),
        ("SKU-01234-A", "", "inventory", "", "sku"),
        ("AB-1234-XL", "", "products", "", "sku"),
        ("ORD-000123", "", "orders", "", ""),  # an order's number: the segment names it
        ("1Z999AA10123456784", "", "shipments", "", "trackingNumber"),
        ("ABCD", "", "projects", "", ""),
        ("2026", "int", "reports", "", ""),
        ("2026", "int", "year", "", "year"),
        ("07", "int", "", "year", "month"),
        ("31", "int", "", "month", "day"),
        ("32", "int", "", "month", ""),
        ("deadbeef", "hex", "", "", ""),
        ("3fa85f64-5717-4562-b3fc-2c963f66afa6", "uuid", "", "", ""),
    ],
)
def test_value_meanings(value: str, kind: str, before: str, previous: str, expected: str) -> None:
    assert value_meaning(value, kind, before, previous) == expected


def test_learned_segments_are_named_by_their_values_meaning() -> None:
    slugs = [f"/v1/articles/{w}-linen-{i}" for i, w in enumerate(["red", "blue", "oak"])]
    assert _learned(Templater(cardinality_threshold=2), slugs) == "/v1/articles/{slug}"
    countries = [f"/v1/countries/{c}/cities/5" for c in ("DE", "FR", "US")]
    expected = "/v1/countries/{countryCode}/cities/{cityId:int}"
    assert _learned(Templater(cardinality_threshold=2), countries) == expected
    coupons = [f"/coupons/{c}" for c in ("SUMMER25", "WELCOME10", "SPRING5")]
    assert _learned(Templater(cardinality_threshold=2), coupons) == "/coupons/{code}"


def test_meaning_names_collide_deterministically() -> None:
    t = Templater(cardinality_threshold=1)
    pairs = (("red", "blue"), ("tall", "low"), ("old", "new"), ("big", "small"))
    targets = [f"/compare/{a}-oak/{b}-pine" for a, b in pairs]
    assert _learned(t, targets) == "/compare/{slug}/{slug2}"


def test_refine_keeps_meaning_names_and_gives_learned_literals_theirs() -> None:
    t = Templater(cardinality_threshold=2)
    early = t.template("/blog/2019/03/red-oak-chair").path
    assert early == "/blog/{year:int}/{month:int}/red-oak-chair"
    for slug in ("blue-oak-lamp", "green-pine-desk", "gold-teak-bed"):
        t.template(f"/blog/2019/03/{slug}")
    assert t.refine(early) == "/blog/{year:int}/{month:int}/{slug}"
    # a name from the segment before still follows that segment when it is learned away
    t2 = Templater(cardinality_threshold=2)
    early2 = t2.template("/teams/red/slugs/red-oak-chair").path
    for team in ("blue", "green", "gold"):
        t2.template(f"/teams/{team}/members/5")
    refined = t2.refine("/teams/red/members/{memberId:int}")
    assert refined == "/teams/{teamId}/members/{memberId:int}"
    assert t2.refine(early2) == "/teams/{teamId}/slugs/red-oak-chair"


def test_meaning_names_are_the_same_on_every_templater() -> None:
    targets = [f"/blog/{2000 + i % 20}/{i % 12 + 1:02d}" for i in range(60)]
    first = {Templater().template(t).path for t in targets}
    second = {Templater().template(t).path for t in reversed(targets)}
    assert first == second == {"/blog/{year:int}/{month:int}"}


def test_a_learned_position_has_one_name_whatever_each_value_looks_like() -> None:
    # repository names: some look like slugs, most do not; before, each kind of value named
    # the position its own way and one route became several endpoints
    t = Templater(cardinality_threshold=3)
    repos = ["linux", "hello-world-app", "redis", "awesome-python-list", "vscode"]
    paths = {t.template(f"/repos/{r}/issues/5").path for r in repos}
    assert "/repos/hello-world-app/issues/{issueId:int}" in paths
    expected = "/repos/{repoId}/issues/{issueId:int}"
    assert t.template("/repos/my-tiny-project/issues/5").path == expected
    assert t.template("/repos/git/issues/5").path == expected
    assert {t.refine(p) for p in paths} == {expected}


def test_a_learned_position_keeps_the_meaning_all_its_values_share() -> None:
    t = Templater(cardinality_threshold=3)
    slugs = ["red-oak-chair", "blue-pine-desk", "tall-teak-lamp", "low-ash-bed", "old-elm-box"]
    paths = {t.template(f"/articles/{s}").path for s in slugs}
    assert t.template("/articles/new-birch-shelf").path == "/articles/{slug}"
    assert {t.refine(p) for p in paths} == {"/articles/{slug}"}


def test_a_number_at_a_position_learned_to_hold_strings_is_one_of_those_strings() -> None:
    # Jira's /issue/{issueIdOrKey}: PROJ-12 or 10023, one endpoint and no int kind
    t = Templater(cardinality_threshold=3)
    early = t.template("/rest/issue/10023/comments").path
    assert early == "/rest/issue/{issueId:int}/comments"
    for key in ("PROJ-12", "WEB-7", "OPS-301", "DATA-44"):
        t.template(f"/rest/issue/{key}/comments")
    assert t.template("/rest/issue/10024/comments").path == "/rest/issue/{issueId}/comments"
    assert t.refine(early) == "/rest/issue/{issueId}/comments"


def test_paths_are_learned_per_server() -> None:
    # many image names after /v2/ on a registry say nothing of another server's /v2/ words
    t = Templater(cardinality_threshold=3)
    for image in ("nginx", "redis", "postgres", "alpine", "busybox"):
        t.template(f"/v2/{image}/manifests/latest", scope="registry")
    assert t.template("/v2/zebra/manifests/latest", scope="registry").path == (
        "/v2/{id}/manifests/latest"
    )
    assert t.template("/v2/meetings/81234567890", scope="zoom").path == (
        "/v2/meetings/{meetingId:int}"
    )
    assert t.template("/v2/meetings/81234567890").path == "/v2/meetings/{meetingId:int}"
    assert t.refine("/v2/meetings/{meetingId:int}", scope="zoom") == (
        "/v2/meetings/{meetingId:int}"
    )
    assert t.refine("/v2/zebra/manifests/latest", scope="registry") == ("/v2/{id}/manifests/latest")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # Google Calendar and Gmail, Zoom: an e-mail given for a user is that user's id
        ("/calendars/team@example.com/events", "/calendars/{calendarId:email}/events"),
        ("/users/ada@example.org/meetings", "/users/{userId:email}/meetings"),
        ("/by-email/ada@example.org", "/by-email/{email:email}"),
        ("/emails/ada@example.org", "/emails/{email:email}"),
    ],
)
def test_an_email_after_a_collection_identifies_one_of_it(target: str, expected: str) -> None:
    assert Templater().template(target).path == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1503435956.000247", ""),  # a Slack message's timestamp
        ("2024.10.31", "version"),  # a calendar version
        ("10.2", "version"),
    ],
)
def test_a_version_has_short_numbers(value: str, expected: str) -> None:
    assert value_meaning(value, "", "messages") == expected


def test_learned_names_are_the_same_in_any_order() -> None:
    # a replica sees the values in another order: the learned name does not depend on it
    # while the values agree (all slugs) or plainly disagree (names of all shapes)
    rng = random.Random(7)
    words = ["red", "oak", "tall", "pine", "lamp", "desk", "blue", "ash"]
    slugs = [f"/articles/{rng.choice(words)}-{rng.choice(words)}-{i}" for i in range(60)]
    mixed = [f"/repos/{w}{i}" if i % 2 else f"/repos/{w}-{w}-x" for i, w in enumerate(words * 8)]
    for targets, expected in ((slugs, "/articles/{slug}"), (mixed, "/repos/{repoId}")):
        names = set()
        for order in (targets, targets[::-1], rng.sample(targets, len(targets))):
            t = Templater(cardinality_threshold=8)
            made = [t.template(p).path for p in order]
            names |= {t.refine(p) for p in made}
        assert names == {expected}
