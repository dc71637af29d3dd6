# Apache Kafka broker jars for the tests' real broker (cached under $SIEVE_CACHE).
python -m scripts.kafka_dev fetch >/dev/null
