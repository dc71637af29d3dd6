#!/bin/sh
# Kafka's config tool (SCRAM credentials, dynamic configs).
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
