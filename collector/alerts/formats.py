"""Rendering an event for each kind of receiver (sans-IO: event in, bytes and headers out).

Generic webhook signature: ``X-Sieve-Signature: v1=<hex>`` where ``<hex>`` is
HMAC-SHA256(key, ``<X-Sieve-Timestamp>`` + ``.`` + body); the timestamp is Unix seconds.
Receivers recompute it over the raw body and reject timestamps older than `REPLAY_WINDOW_SECONDS`
(and event ids they have already seen: ``X-Sieve-Event-Id``).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from typing import Any

import orjson

SIGNATURE_HEADER = "X-Sieve-Signature"
TIMESTAMP_HEADER = "X-Sieve-Timestamp"
EVENT_ID_HEADER = "X-Sieve-Event-Id"
REPLAY_WINDOW_SECONDS = 300

_TITLES = {
    "opened": "Policy violation",
    "still_open": "Policy violation still open",
    "resolved": "Policy violation resolved",
}
# Sieve severity → PagerDuty severity (critical, error, warning, info).
_PAGERDUTY_SEVERITY = {
    "critical": "critical",
    "high": "error",
    "medium": "warning",
    "low": "info",
    "info": "info",
}
# Sieve severity → syslog severity (RFC 5424: 2 critical .. 6 informational).
_SYSLOG_SEVERITY = {"critical": 2, "high": 3, "medium": 4, "low": 5, "info": 6}


def dumps(value: Any) -> bytes:
    """Compact, key-sorted JSON (the signed bytes)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def sign(key: bytes, timestamp: int, body: bytes) -> str:
    """The ``X-Sieve-Signature`` value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(key, str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(key: bytes, headers: dict[str, str], body: bytes, now: float) -> bool:
    """A receiver's check: signature matches and the timestamp is inside the replay window."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        timestamp = int(lowered[TIMESTAMP_HEADER.lower()])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > REPLAY_WINDOW_SECONDS:
        return False
    expected = sign(key, timestamp, body)
    return hmac.compare_digest(expected, lowered.get(SIGNATURE_HEADER.lower(), ""))


def link(dashboard_url: str, event: dict[str, Any]) -> str:
    """The dashboard page of the violation's endpoint ("" without a dashboard URL)."""
    if not dashboard_url:
        return ""
    endpoint_id = event["violation"]["endpoint"]["id"]
    return f"{dashboard_url.rstrip('/')}/#/endpoints/{endpoint_id}"


def summary(event: dict[str, Any]) -> str:
    """One line: title, severity, policy and message."""
    v = event["violation"]
    title = _TITLES.get(event["state"], "Policy violation")
    return f"{title} [{v['severity']}] {v['policy']}: {v['message']}"


def webhook(
    event: dict[str, Any], dashboard_url: str, key: bytes | None, now: int
) -> tuple[bytes, dict[str, str]]:
    """The generic webhook: the event with its dashboard link, signed when ``key`` is set."""
    body = dumps({**event, "dashboard_url": link(dashboard_url, event)})
    headers = {
        "Content-Type": "application/json",
        EVENT_ID_HEADER: event["id"],
        TIMESTAMP_HEADER: str(now),
    }
    if key:
        headers[SIGNATURE_HEADER] = sign(key, now, body)
    return body, headers


def _party(workload: dict[str, Any]) -> str:
    """``namespace/name`` of an alert's workload, ``cluster:`` first when it names one."""
    cluster = workload.get("cluster")
    bare = workload["namespace"] + "/" + workload["name"]
    return f"{cluster}:{bare}" if cluster else bare


def _facts(event: dict[str, Any]) -> list[tuple[str, str]]:
    v = event["violation"]
    return [
        ("Policy", v["policy"]),
        ("Severity", v["severity"]),
        ("Data type", f"{v['data_type']} ({v['sensitivity']})"),
        ("From", _party(v["sender"])),
        ("To", _party(v["receiver"])),
        ("Endpoint", f"{v['endpoint']['method']} {v['endpoint']['path_template']}"),
        ("Opened", v["opened_at"]),
    ]


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack(event: dict[str, Any], dashboard_url: str) -> bytes:
    """A Slack incoming-webhook message: text fallback plus Block Kit sections."""
    url = link(dashboard_url, event)
    text = _slack_escape(summary(event))
    fields = [
        {"type": "mrkdwn", "text": f"*{name}*\n{_slack_escape(value)}"}
        for name, value in _facts(event)
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {"type": "section", "fields": fields[:10]},
    ]
    if url:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "text": {"type": "plain_text", "text": "Open in Sieve"},
                     "url": url}
                ],
            }
        )  # fmt: skip
    return dumps({"text": text + (f" <{url}|open>" if url else ""), "blocks": blocks})


def teams(event: dict[str, Any], dashboard_url: str) -> bytes:
    """A Microsoft Teams message holding an Adaptive Card (1.4)."""
    url = link(dashboard_url, event)
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "size": "Medium", "weight": "Bolder", "wrap": True,
             "text": summary(event)},
            {"type": "FactSet",
             "facts": [{"title": name, "value": value} for name, value in _facts(event)]},
        ],
    }  # fmt: skip
    if url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open in Sieve", "url": url}]
    return dumps(
        {
            "type": "message",
            "attachments": [
                {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
            ],
        }
    )


def pagerduty(event: dict[str, Any], dashboard_url: str, routing_key: str) -> bytes:
    """A PagerDuty Events API v2 event: trigger (opened, still open) or resolve."""
    v = event["violation"]
    body: dict[str, Any] = {
        "routing_key": routing_key,
        "event_action": "resolve" if event["state"] == "resolved" else "trigger",
        "dedup_key": v["key"],
    }
    if event["state"] != "resolved":
        body["payload"] = {
            "summary": summary(event)[:1024],
            "source": _party(v["receiver"]),
            "severity": _PAGERDUTY_SEVERITY.get(v["severity"], "warning"),
            "timestamp": event["occurred_at"],
            "component": f"{v['endpoint']['method']} {v['endpoint']['path_template']}"[:255],
            "group": v["policy"][:255],
            "class": v["data_type"],
            "custom_details": v,
        }
        url = link(dashboard_url, event)
        if url:
            body["links"] = [{"href": url, "text": "Open in Sieve"}]
    return dumps(body)


def _sd_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def syslog(
    event: dict[str, Any], *, facility: int, app_name: str, hostname: str, now: datetime
) -> bytes:
    """One RFC 5424 message, octet-counted for TCP (RFC 6587): ``LEN SP MSG``."""
    v = event["violation"]
    pri = facility * 8 + _SYSLOG_SEVERITY.get(v["severity"], 4)
    stamp = now.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    params = {
        "id": event["id"],
        "state": event["state"],
        "policy": v["policy"],
        "severity": v["severity"],
        "data_type": v["data_type"],
        "sender": _party(v["sender"]),
        "receiver": _party(v["receiver"]),
        "endpoint": f"{v['endpoint']['method']} {v['endpoint']['path_template']}",
    }
    # 32473: the enterprise number RFC 5612 reserves for documentation and examples.
    pairs = " ".join(f'{k}="{_sd_escape(str(val))}"' for k, val in params.items())
    sd = f"[sieve@32473 {pairs}]"
    host = "".join(c for c in hostname if "!" <= c <= "~")[:255] or "-"
    header = f"<{pri}>1 {stamp} {host} {app_name} - {event['state']} {sd} "
    message = header.encode() + b"\xef\xbb\xbf" + summary(event).encode()
    return str(len(message)).encode() + b" " + message


def json_line(event: dict[str, Any], dashboard_url: str) -> bytes:
    """The event as one JSON line (with its dashboard link)."""
    return dumps({**event, "dashboard_url": link(dashboard_url, event)}) + b"\n"
