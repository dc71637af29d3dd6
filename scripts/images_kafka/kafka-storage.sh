#!/bin/sh
# Kafka's storage tool (format the KRaft log directories).
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512M}" exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
