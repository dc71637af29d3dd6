"""What a URL carries: credentials in its query, e-mail addresses, a host's IP address."""

from __future__ import annotations

import pytest

from detector.engine import DetectionEngine
from detector.url_values import in_url

_SIGNED = (
    "https://bucket.s3.eu-central-1.amazonaws.com/uploads/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAEXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=900"
    "&X-Amz-Signature=0f3a9b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
)
_S3 = _SIGNED + "&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJH"


@pytest.mark.parametrize(
    "url",
    [
        _S3,
        "https://api.example.com/messages/1?view=summary&apikey=498na7dk2mQ0xz81LPq",
        "https://zoom.us/j/8912345?pwd=Q3RNdTVm",
        "https://app.example.com/callback#access_token=ya29.A0ARrdaM8xkq1&token_type=Bearer",
        "https://cdn.example.com/img.png?e=1508121315&token=2XprF4r3g5ksaGp6G:Xy1Zq",
    ],
)
def test_credentials_in_a_query_or_fragment(url: str) -> None:
    assert in_url(url) == ("secret_key",)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/items?page_token=CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA",  # a cursor
        "https://api.example.com/?token={token}",  # a template
        "https://api.example.com/?api_key=YOUR_API_KEY",
        "https://api.example.com/?key=value",  # a word, no key
        "https://api.example.com/?pwd=xxxxxx",  # a mask
        "https://example.com/search?q=token&sort=desc",
        # a signed link's signature alone: not settled as a credential
        _SIGNED,
        "https://files.example.net/get/6c343bcd?Signature=cU7WXirwQ2x9Lk%2Fz&KeyID=52462340",
        "https://acct.blob.core.windows.net/c/f.pdf?sv=2021-08-06&se=2024-01-01&sig=Zm9vYmFyYmF6cXV4MTIz",
    ],
)
def test_no_credential(url: str) -> None:
    assert "secret_key" not in in_url(url)


def test_e_mail_addresses_in_a_path_or_query() -> None:
    assert in_url("https://share.example.com/by/customer@example.com") == ("email",)
    assert in_url("https://api.example.com/leads/richard%40piedpiper.com") == ("email",)
    assert in_url("https://api.example.com/invitees?count=2&email=foo%40example.com") == ("email",)
    # the user part of the authority is a login at most; a picture drawn twice as large
    assert in_url("https://alice@example.com/repo.git") == ()
    assert in_url("https://media.example.tv/media/df79/icon@2x.png") == ()


def test_a_host_written_as_an_ip_address() -> None:
    assert in_url("http://35.197.208.182/api/v1/companies/?page=2") == ("ip_address",)
    assert in_url("http://[2001:db8::1]:8080/notify") == ("ip_address",)
    assert in_url("http://127.0.0.1:5000/callback") == ()  # the reader's own machine
    assert in_url("https://api.example.com/v1.2.3.4/x") == ()


def test_not_a_url() -> None:
    assert in_url("see https://x.example.com/?token=abcdefghij1234567890 for more") == ()
    assert in_url("token=abcdefghij1234567890") == ()
    assert in_url("http://[::1") == ()  # unparsable


def test_the_engine_reports_what_a_url_carries_at_its_path(engine: DetectionEngine) -> None:
    found = {
        (d.path, d.type)
        for d in engine.detect(
            {
                "data": {"image_url": _S3, "next": "https://x.example.com/?email=a%40example.org"},
                "icon": "https://cdn.example.com/icon@3x.png",
                "docs": "https://docs.example.com/api/v2/tokens",
            }
        )
    }
    assert found == {("$.data.image_url", "secret_key"), ("$.data.next", "email")}


def test_address_lists_and_a_mail_headers_address(engine: DetectionEngine) -> None:
    body = {
        "settings": {"addresses": "george@example.com,fred@example.com"},
        "headers": {"Return-Path": "<me@here.com>", "Message-ID": "<id-1@mail.example.com>"},
        "template": "<email>",
    }
    assert {(d.path, d.type) for d in engine.detect(body)} == {
        ("$.settings.addresses", "email"),
        ("$.headers.Return-Path", "email"),
    }
