#!/bin/sh
# Kafka's storage tool (format the KRaft log directories) on the jars in /opt/kafka/libs.
set -e
# shellcheck disable=SC2086
exec java -Xmx512M -Djava.awt.headless=true ${KAFKA_LOG4J_OPTS:-} ${KAFKA_OPTS:-} \
  -cp '/opt/kafka/libs/*' kafka.tools.StorageTool "$@"
