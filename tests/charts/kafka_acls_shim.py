"""Stands in for ``kafka-acls.sh --add`` when the chart's setup script runs on this machine.

The test machine has the broker's jars but not Kafka's tools jar (AclCommand), so the
chart's calls are applied with the Kafka admin API instead: the same arguments, parsed
strictly (an option this shim does not know fails the test rather than being ignored).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from confluent_kafka.admin import (  # type: ignore[attr-defined]
    AclBinding,
    AclOperation,
    AclPermissionType,
    AdminClient,
    ResourcePatternType,
    ResourceType,
)


def client_config(bootstrap: str, command_config: Path) -> dict[str, Any]:
    """librdkafka settings from a Java client properties file (SASL PLAIN/SCRAM only)."""
    props = dict(
        line.split("=", 1)
        for line in command_config.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    jaas = props["sasl.jaas.config"]
    user = re.search(r'username="([^"]*)"', jaas)
    password = re.search(r'password="([^"]*)"', jaas)
    assert user is not None
    assert password is not None
    return {
        "bootstrap.servers": bootstrap,
        "security.protocol": props["security.protocol"].lower(),
        "sasl.mechanism": props["sasl.mechanism"],
        "sasl.username": user.group(1),
        "sasl.password": password.group(1),
    }


def main(argv: list[str]) -> int:
    """Apply one ``kafka-acls.sh --add`` call; exit status as the tool's."""
    parser = argparse.ArgumentParser(prog="kafka-acls.sh", allow_abbrev=False)
    parser.add_argument("--bootstrap-server", required=True)
    parser.add_argument("--command-config", required=True, type=Path)
    parser.add_argument("--add", action="store_true", required=True)
    parser.add_argument("--allow-principal", required=True)
    parser.add_argument("--operation", action="append", required=True)
    parser.add_argument("--topic")
    parser.add_argument("--group")
    parser.add_argument(
        "--resource-pattern-type", default="literal", choices=["literal", "prefixed"]
    )
    args = parser.parse_args(argv)
    if (args.topic is None) == (args.group is None):
        parser.error("exactly one of --topic and --group")
    resource = ResourceType.TOPIC if args.topic is not None else ResourceType.GROUP
    name = args.topic if args.topic is not None else args.group
    admin = AdminClient(client_config(args.bootstrap_server, args.command_config))
    bindings = [
        AclBinding(
            resource,
            name,
            ResourcePatternType[args.resource_pattern_type.upper()],
            args.allow_principal,
            "*",
            AclOperation[op.upper()],
            AclPermissionType.ALLOW,
        )
        for op in args.operation
    ]
    try:
        for future in admin.create_acls(bindings, request_timeout=20).values():
            future.result(20)
    except Exception as exc:  # the real tool prints and exits non-zero too
        print(f"kafka-acls shim: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
