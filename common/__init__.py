"""The small runtime every Sieve service shares: settings, logging, ops server, Kafka, shutdown."""
