#!/bin/sh
# Kafka's ACL tool (kafka-tools).
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.AclCommand "$@"
