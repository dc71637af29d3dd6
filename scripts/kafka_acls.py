"""The Kafka ACLs of Sieve's principals: one table for the chart's broker and the tests.

Interceptors may only write exchanges and read pod identities; the digger reads exchanges in
its group, writes pod identities and its own state topics (``sieve.digger.`` prefix) and
creates the topics it owns. The chart renders the same rules as ``kafka-acls.sh`` calls
(``charts/sieve/templates/kafka-configmap.yaml``); a chart test compares the two, and an
integration test applies these rules to a real broker and checks what each principal can do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

ResourceType = Literal["topic", "group", "cluster"]
Pattern = Literal["literal", "prefixed"]

#: Prefix of the topics that hold the digger's learned state.
DIGGER_STATE_TOPIC_PREFIX = "sieve.digger."
#: Consumer groups of the digger (its group id and the sieve.pods reader) start with this.
DIGGER_GROUP_PREFIX = "sieve-digger"
#: Each interceptor reads sieve.pods in a group of its own named ``sieve-interceptor-…``.
INTERCEPTOR_GROUP_PREFIX = "sieve-interceptor-"


@dataclass(frozen=True)
class AclRule:
    """Allow ``principal`` the ``operations`` on one resource (name or name prefix)."""

    principal: str
    resource: ResourceType
    name: str
    pattern: Pattern
    operations: tuple[str, ...]


def sieve_acls(
    *,
    interceptor: str,
    digger: str,
    exchanges: str = "sieve.exchanges",
    pods: str = "sieve.pods",
) -> list[AclRule]:
    """The rules for the interceptor and digger user names given (``User:`` is added)."""
    icp, dig = f"User:{interceptor}", f"User:{digger}"
    return [
        AclRule(icp, "topic", exchanges, "literal", ("Write", "Describe")),
        AclRule(icp, "topic", pods, "literal", ("Read", "Describe")),
        AclRule(icp, "group", INTERCEPTOR_GROUP_PREFIX, "prefixed", ("Read",)),
        AclRule(dig, "topic", exchanges, "literal", ("Read", "Describe", "Create")),
        AclRule(dig, "topic", pods, "literal", ("Read", "Write", "Describe", "Create")),
        AclRule(
            dig,
            "topic",
            DIGGER_STATE_TOPIC_PREFIX,
            "prefixed",
            ("Read", "Write", "Describe", "Create"),
        ),
        AclRule(dig, "group", DIGGER_GROUP_PREFIX, "prefixed", ("Read", "Describe")),
    ]


def apply_acls(admin_config: dict[str, Any], rules: list[AclRule], timeout: float = 15.0) -> None:
    """Create ``rules`` through the admin API, as a super user configured by ``admin_config``."""
    from confluent_kafka.admin import (  # type: ignore[attr-defined]
        AclBinding,
        AclOperation,
        AclPermissionType,
        AdminClient,
        ResourcePatternType,
        ResourceType,
    )

    bindings = [
        AclBinding(
            ResourceType[rule.resource.upper()],
            rule.name,
            ResourcePatternType[rule.pattern.upper()],
            rule.principal,
            "*",
            AclOperation[op.upper()],
            AclPermissionType.ALLOW,
        )
        for rule in rules
        for op in rule.operations
    ]
    admin = AdminClient(admin_config)
    for future in admin.create_acls(bindings, request_timeout=timeout).values():
        future.result(timeout)
