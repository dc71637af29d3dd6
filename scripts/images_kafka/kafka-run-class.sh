#!/bin/sh
# A Kafka class on the jars in /opt/kafka/libs, with the environment Apache Kafka's script of
# this name reads (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS).
set -e
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:-} \
  -Djava.awt.headless=true ${KAFKA_LOG4J_OPTS:-} ${KAFKA_OPTS:-} \
  -cp '/opt/kafka/libs/*' "$@"
