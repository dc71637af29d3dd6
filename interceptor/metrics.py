"""Prometheus metrics of the interceptor, read from the live counters at scrape time."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from interceptor.live import LiveCapture
from interceptor.sink import KafkaSink


class InterceptorCollector(Collector):
    """Exports packets/bytes per interface, kernel drops, connections, exchanges, drops."""

    def __init__(self, live: LiveCapture, sink: KafkaSink | None) -> None:
        self.live = live
        self.sink = sink

    def collect(self) -> Iterator[Metric]:
        """The metric families (called by the registry at scrape time)."""
        core = self.live.core
        packets = CounterMetricFamily(
            "sieve_interceptor_packets", "Frames captured.", labels=["interface"]
        )
        for iface, n in list(core.packets.items()):
            packets.add_metric([iface], n)
        yield packets
        nbytes = CounterMetricFamily(
            "sieve_interceptor_bytes", "Bytes of frames captured.", labels=["interface"]
        )
        for iface, n in list(core.bytes.items()):
            nbytes.add_metric([iface], n)
        yield nbytes
        kdrops = CounterMetricFamily(
            "sieve_interceptor_kernel_drops",
            "Frames the kernel dropped before capture (PACKET_STATISTICS).",
            labels=["interface"],
        )
        for iface, n in list(self.live.kernel_drops.items()):
            kdrops.add_metric([iface], n)
        yield kdrops
        yield GaugeMetricFamily(
            "sieve_interceptor_interfaces", "Interfaces captured now.", len(self.live.interfaces)
        )
        attribution = core.attribution
        yield GaugeMetricFamily(
            "sieve_interceptor_cluster_addresses",
            "Other cluster addresses known (pods of other nodes, Service addresses): "
            "connections to them are left to the server's node.",
            len(attribution.cluster_ips),
        )
        yield GaugeMetricFamily(
            "sieve_interceptor_cluster_networks",
            "Cluster networks given by hand (SIEVE_INTERCEPTOR_CLUSTER_CIDRS), merged.",
            attribution.cluster_networks.count,
        )
        yield GaugeMetricFamily(
            "sieve_interceptor_active_connections",
            "TCP connections tracked.",
            core.active_connections,
        )
        yield GaugeMetricFamily(
            "sieve_interceptor_buffered_bytes",
            "Out-of-order bytes buffered over all connections.",
            core.budget.used,
        )
        body_budget = core.http_limits.body_budget
        yield GaugeMetricFamily(
            "sieve_interceptor_buffered_body_bytes",
            "Body bytes held for messages in flight.",
            body_budget.used if body_budget is not None else 0,
        )
        yield CounterMetricFamily(
            "sieve_interceptor_exchanges", "JSON exchanges paired.", core.exchanges_emitted
        )
        gaps = CounterMetricFamily(
            "sieve_interceptor_gaps",
            "Lost bytes declared on a connection (capture loss), per interface.",
            labels=["interface"],
        )
        anchored = CounterMetricFamily(
            "sieve_interceptor_resyncs",
            "Pairing proven again on TCP evidence after lost bytes or a mid-stream join.",
            labels=["interface"],
        )
        lost = CounterMetricFamily(
            "sieve_interceptor_gap_lost_messages",
            "Requests and responses dropped because lost bytes touched them or their "
            "pairing could not be proven (never paired by guess).",
            labels=["interface"],
        )
        share = GaugeMetricFamily(
            "sieve_interceptor_gap_lost_share",
            "Share of exchanges lost to lost bytes so far: lost messages / (lost + reported).",
            labels=["interface"],
        )
        for iface, pstats in list(core.pairing_by_iface.items()):
            gaps.add_metric([iface], pstats.gaps)
            anchored.add_metric([iface], pstats.anchored_again)
            lost.add_metric([iface], pstats.lost_messages)
            share.add_metric([iface], pstats.lost_share)
        yield gaps
        yield anchored
        yield lost
        yield share
        dropped = CounterMetricFamily(
            "sieve_interceptor_dropped",
            "Things dropped, by reason (limits, gaps, parse errors, not JSON, Kafka queue).",
            labels=["reason"],
        )
        reasons = dict(core.dropped)
        stats = core.stream_stats
        reasons["retransmitted_segment"] = stats.retransmitted_segments
        reasons["stream_gap"] = stats.gaps
        reasons["stream_gap_bytes"] = stats.gap_bytes
        reasons["stream_buffer_limit"] = stats.limit_drops
        if self.sink is not None:
            reasons["kafka_queue_full"] = self.sink.dropped_queue_full
            reasons["kafka_delivery_failed"] = self.sink.delivery_failed
        for reason, n in sorted(reasons.items()):
            dropped.add_metric([reason], n)
        yield dropped
        if self.sink is not None:
            yield from _sink_metrics(self.sink)


def _sink_metrics(sink: KafkaSink) -> Iterator[Metric]:
    """What the Kafka sink delivered, how it chose partitions, and refused credentials."""
    yield CounterMetricFamily(
        "sieve_interceptor_kafka_delivered",
        "Exchanges acknowledged by Kafka.",
        sink.delivered,
    )
    yield CounterMetricFamily(
        "sieve_interceptor_exchanges_placed",
        "Exchanges produced to the partition the digger placed their server IP on.",
        sink.placed,
    )
    hashed = CounterMetricFamily(
        "sieve_interceptor_exchanges_hashed",
        "Exchanges whose partition the key's hash chose, with placements on: server IP "
        "not placed, topic partition count not known yet, or placement beyond it.",
        labels=["reason"],
    )
    for reason, n in sorted(sink.hashed.items()):
        hashed.add_metric([reason], n)
    yield hashed
    yield CounterMetricFamily(
        "sieve_interceptor_kafka_auth_failures",
        "Connections Kafka refused: wrong SASL credentials or a failed TLS handshake.",
        sink.auth_failures,
    )
