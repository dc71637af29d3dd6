"""The read model: what the JSON API and the dashboard ask the store (workloads, flows,
endpoints, data types, violations, totals). Read-only; the rows are loaded in one go and the
views assembled in Python (`_Snapshot`)."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, exists, func, or_, select

from collector.cluster_links import Links, find_links
from collector.policies import SENSITIVITY_NAMES, WorkloadRef
from collector.schema import (
    agent_clusters,
    batches,
    detections,
    endpoint_data_types,
    endpoints,
    entry_hosts,
    fields,
    flow_data_types,
    query_parameters,
    violations,
    workload_data_types,
    workloads,
)
from collector.stored_rows import (
    PROTOCOL_NAMES,
    StoredDetection,
    among,
    count_value,
    detection_view,
    endpoint_detail,
    field_view,
    iso,
    kind_name,
    load_detections,
    load_endpoints,
    load_status_codes,
    sensitivity_name,
    short_ref,
    workload_label,
    workload_ref,
)
from collector.validation import INT64_MAX
from collector.views import (
    ClusterLinksView,
    ClusterLinkView,
    DataTypeOnFlow,
    DataTypeView,
    DetectionView,
    EndpointDetail,
    EndpointPairView,
    EndpointSummary,
    Filters,
    FlowView,
    SummaryView,
    ViolationView,
    WorkloadRefView,
    WorkloadView,
)
from protos.sieve.v1 import identity_pb2


class ReadModel:
    """The API's and dashboard's queries over the store's tables."""

    def __init__(self, read: Callable[[], contextlib.AbstractContextManager[Connection]]) -> None:
        # A connection for reading (the store's: it guards a shared in-memory SQLite).
        self._read = read

    def _snapshot(self) -> _Snapshot:
        with self._read() as conn:
            return _Snapshot(
                workloads={row.id: row for row in conn.execute(select(workloads))},
                endpoints=load_endpoints(conn),
                detections=load_detections(conn),
                entry_hosts=[(int(r[0]), str(r[1])) for r in conn.execute(select(entry_hosts))],
            )

    def workloads(self, filters: Filters | None = None) -> list[WorkloadView]:
        """Workloads (in ``filters.namespace`` when set), with the data types each sends and
        receives; with a data type or sensitivity filter, only those that send or receive it."""
        filters = filters or Filters()
        if not (filters.data_type or filters.min_sensitivity):
            return self._workloads_by_roles(filters.namespace, filters.cluster)
        return self._workloads_carrying(filters)

    def _workloads_by_roles(self, namespace: str | None, cluster: str | None) -> list[WorkloadView]:
        """`workloads` from the workloads table and ``workload_data_types`` alone."""
        query = select(workloads)
        roles_query = select(
            workload_data_types.c.workload_id,
            workload_data_types.c.role,
            workload_data_types.c.data_type,
        )
        conditions: list[Any] = []
        if namespace:
            conditions.append(workloads.c.namespace == namespace)
        if cluster is not None:
            conditions.append(workloads.c.cluster == cluster)
        if conditions:
            query = query.where(*conditions)
            roles_query = roles_query.where(
                workload_data_types.c.workload_id.in_(select(workloads.c.id).where(*conditions))
            )
        with self._read() as conn:
            refs = {row.id: row for row in conn.execute(query)}
            roles: dict[int, tuple[set[str], set[str]]] = {w: (set(), set()) for w in refs}
            for wid, role, data_type in conn.execute(roles_query):
                roles[wid][0 if role == "sends" else 1].add(data_type)
        snap = _Snapshot(workloads=refs, endpoints=[], detections=[], roles=roles)
        views = snap.workload_views().values()
        return sorted(views, key=lambda w: (w.external, w.cluster, w.namespace, w.name))

    def _workloads_carrying(self, filters: Filters) -> list[WorkloadView]:
        """`workloads` with a data type or sensitivity filter: the clients and servers of the
        `endpoint_data_types` rows the filters keep (parties of a transfer they keep)."""
        found: set[int] = set()
        with self._read() as conn:
            for client, server in conn.execute(
                select(endpoint_data_types.c.client_id, endpoint_data_types.c.server_id)
                .where(*_data_type_conditions(filters))
                .distinct()
            ):
                found.update((int(client), int(server)))
        views = self._workloads_by_roles(filters.namespace, filters.cluster)
        return [view for view in views if view.id in found]

    def _workloads_from_snapshot(self, filters: Filters) -> list[WorkloadView]:
        snap = self._snapshot()
        out = []
        for wid, view in snap.workload_views().items():
            if filters.namespace and view.namespace != filters.namespace:
                continue
            if filters.cluster is not None and view.cluster != filters.cluster:
                continue
            if (filters.data_type or filters.min_sensitivity) and not any(
                wid in (t.sender, t.receiver) for t in snap.transfers(filters)
            ):
                continue
            out.append(view)
        return sorted(out, key=lambda w: (w.external, w.cluster, w.namespace, w.name))

    def flows(self, filters: Filters | None = None) -> list[FlowView]:
        """Source → destination pairs with their data types and highest sensitivity. On
        PostgreSQL aggregated by the database (endpoints grouped per pair, data types from
        ``flow_data_types``); on SQLite (one machine's data) assembled from every row."""
        filters = filters or Filters()
        with self._read() as conn:
            if conn.dialect.name == "postgresql":
                return self._flows_by_aggregate(conn, filters)
        return self._snapshot().flows(filters)

    def _flows_by_aggregate(self, conn: Connection, filters: Filters) -> list[FlowView]:
        pair = (endpoints.c.source_id, endpoints.c.destination_id)
        rows = conn.execute(
            select(
                *pair,
                func.count(),
                func.sum(endpoints.c.exchange_count),
                func.min(endpoints.c.first_seen_us),
                func.max(endpoints.c.last_seen_us),
            ).group_by(*pair)
        ).all()
        types: dict[tuple[int, int], dict[str, tuple[int, set[str]]]] = defaultdict(dict)
        for row in conn.execute(select(flow_data_types)):
            flow_types = types[(row.source_id, row.destination_id)]
            level, dirs = flow_types.get(row.data_type, (0, set()))
            flow_types[row.data_type] = (max(level, row.sensitivity), dirs | {row.direction})
        refs = {row.id: row for row in conn.execute(select(workloads))}
        roles: dict[int, tuple[set[str], set[str]]] = {w: (set(), set()) for w in refs}
        for wid, role, data_type in conn.execute(select(workload_data_types)):
            roles[wid][0 if role == "sends" else 1].add(data_type)
        aggregates = [
            _Flow(
                source, destination, int(n), min(max(int(total or 0), 0), INT64_MAX),
                int(first), int(last), types.get((source, destination), {}),
            )
            for source, destination, n, total, first, last in rows
        ]  # fmt: skip
        # Cross-cluster links need endpoint rows, read only when some cluster reported entry
        # hosts (several clusters into one collector).
        hosts = [(int(r[0]), str(r[1])) for r in conn.execute(select(entry_hosts))]
        ends: list[Any] = []
        if hosts:
            ends = list(
                conn.execute(
                    select(
                        endpoints.c.id,
                        endpoints.c.source_id,
                        endpoints.c.destination_id,
                        endpoints.c.method,
                        endpoints.c.path_template,
                    )
                )
            )
        snap = _Snapshot(
            workloads=refs, endpoints=ends, detections=[], roles=roles, entry_hosts=hosts
        )
        return snap.flow_views(aggregates, filters)

    def endpoints(self, filters: Filters | None = None) -> list[EndpointSummary]:
        """Endpoints matching ``filters``, busiest first."""
        return self._snapshot().endpoint_summaries(filters or Filters())

    def endpoint(self, endpoint_id: int) -> EndpointDetail | None:
        """One endpoint with its field schema and detections, or None."""
        with self._read() as conn:
            rows = load_endpoints(conn, [endpoint_id])
            if not rows:
                return None
            end = rows[0]
            ids = (end.source_id, end.destination_id)
            refs = {
                row.id: row
                for row in conn.execute(select(workloads).where(workloads.c.id.in_(ids)))
            }
            field_rows = list(
                conn.execute(
                    select(fields)
                    .where(fields.c.endpoint_id == endpoint_id)
                    .order_by(fields.c.direction, fields.c.json_path)
                )
            )
            det_rows = load_detections(conn, [endpoint_id])
            codes = load_status_codes(conn, [endpoint_id])
            params = sorted(
                conn.execute(
                    select(query_parameters.c.name).where(
                        query_parameters.c.endpoint_id == endpoint_id
                    )
                ).scalars()
            )
        snap = _Snapshot(workloads=refs, endpoints=rows, detections=det_rows)
        summary = snap.endpoint_summaries(Filters())[0]
        by_field: dict[tuple[str, str], list[DetectionView]] = defaultdict(list)
        for det in det_rows:
            by_field[(det.direction, det.json_path)].append(detection_view(det))
        views = {
            direction: [
                field_view(row, by_field.get((row.direction, row.json_path), []))
                for row in field_rows
                if row.direction == direction
            ]
            for direction in ("request", "response")
        }
        return endpoint_detail(
            summary, end, params, views["request"], views["response"], codes=codes.get(endpoint_id)
        )

    def data_types(self, filters: Filters | None = None) -> list[DataTypeView]:
        """The inventory: each data type seen, who sends it and who receives it; counted by
        the database from ``endpoint_data_types`` (parties unfiltered from
        ``workload_data_types``, filtered from the rows the filters keep)."""
        filters = filters or Filters()
        edt = endpoint_data_types.c
        conditions = _data_type_conditions(filters)
        totals_query = (
            select(
                edt.data_type, func.max(edt.sensitivity), func.count(edt.endpoint_id.distinct()),
                func.sum(edt.field_count), func.min(edt.first_seen_us), func.max(edt.last_seen_us),
            )
            .where(*conditions)
            .group_by(edt.data_type)
        )  # fmt: skip
        parties: dict[tuple[str, str], set[int]] = defaultdict(set)
        with self._read() as conn:
            totals = conn.execute(totals_query).all()
            if filters == Filters():
                for wid, role, data_type in conn.execute(select(workload_data_types)):
                    parties[(data_type, role)].add(wid)
            else:
                for data_type, direction, client, server in conn.execute(
                    select(edt.data_type, edt.direction, edt.client_id, edt.server_id)
                    .where(*conditions)
                    .distinct()
                ):
                    pair = (client, server) if direction == "request" else (server, client)
                    parties[(data_type, "sends")].add(pair[0])
                    parties[(data_type, "receives")].add(pair[1])
            ids = set().union(*parties.values()) if parties else set()
            refs = {
                row.id: row
                for row in conn.execute(select(workloads).where(workloads.c.id.in_(sorted(ids))))
            }

        def named(wids: set[int]) -> list[WorkloadRefView]:
            return sorted((short_ref(refs[w]) for w in wids), key=lambda r: r.label)

        out = [
            DataTypeView(
                data_type=name,
                sensitivity=SENSITIVITY_NAMES.get(level, "unknown"),
                senders=named(parties[(name, "sends")]),
                receivers=named(parties[(name, "receives")]),
                endpoint_count=int(endpoint_count),
                field_count=int(field_count),
                first_seen=iso(first),
                last_seen=iso(last),
            )
            for name, level, endpoint_count, field_count, first, last in totals
        ]
        return sorted(
            out, key=lambda v: (-SENSITIVITY_LEVELS_BY_NAME.get(v.sensitivity, 0), v.data_type)
        )

    def cluster_links(self, cluster: str | None = None) -> ClusterLinksView:
        """Calls between clusters both sides reported (``cluster``: as client or server)."""
        snap = self._snapshot()
        found = snap.links()
        refs = snap.workloads
        views = [
            ClusterLinkView(
                host=link.host,
                client_cluster=link.client_cluster,
                server_cluster=link.server_cluster,
                external=short_ref(refs[link.external_id]),
                clients=snap._refs(link.client_ids),
                servers=snap._refs(link.server_ids),
                endpoint_pairs=[
                    EndpointPairView(client_endpoint_id=c, server_endpoint_id=s)
                    for c, s in sorted(link.endpoint_pairs)
                ],
            )
            for link in found.links
            if cluster is None or cluster in (link.client_cluster, link.server_cluster)
        ]
        return ClusterLinksView(links=views, ambiguous_hosts=found.ambiguous_hosts)

    def violations(self, filters: Filters | None = None) -> list[ViolationView]:
        """Current policy violations, most recent first."""
        return self.violations_page(filters or Filters(), None, 0)[0]

    def violations_page(
        self, filters: Filters, limit: int | None, offset: int
    ) -> tuple[list[ViolationView], int]:
        """One page of `violations` (``limit`` None: all from ``offset``) and their total,
        filtered, ordered and cut by the database (index ``ix_violations_recent``)."""
        conditions: list[Any] = []
        if filters.namespace:
            sender, receiver = workloads.alias("sender"), workloads.alias("receiver")
            for party, column in ((sender, violations.c.sender_id),
                                  (receiver, violations.c.receiver_id)):  # fmt: skip
                conditions.append(
                    exists().where(party.c.id == column, party.c.namespace == filters.namespace)
                )
            conditions = [or_(*conditions)]
        if filters.cluster is not None:  # a violation's parties share their cluster
            conditions.append(
                violations.c.sender_id.in_(
                    select(workloads.c.id).where(workloads.c.cluster == filters.cluster)
                )
            )
        if filters.data_type:
            conditions.append(violations.c.data_type == filters.data_type)
        if filters.min_sensitivity:
            conditions.append(violations.c.sensitivity >= filters.min_sensitivity)
        query = (
            select(violations, endpoints.c.method, endpoints.c.path_template)
            .join(endpoints, endpoints.c.id == violations.c.endpoint_id)
            .where(*conditions)
            .order_by(violations.c.last_seen_us.desc(), violations.c.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            total = conn.execute(
                select(func.count()).select_from(violations).where(*conditions)
            ).scalar_one()
            rows = list(conn.execute(query))
            ids = {r.sender_id for r in rows} | {r.receiver_id for r in rows}
            refs = {
                row.id: row
                for row in conn.execute(select(workloads).where(workloads.c.id.in_(sorted(ids))))
            }
        out = [
            ViolationView(
                id=row.id,
                policy=row.policy_name,
                message=row.message,
                data_type=row.data_type,
                sensitivity=SENSITIVITY_NAMES.get(row.sensitivity, "unknown"),
                direction=row.direction,
                sender=short_ref(refs[row.sender_id]),
                receiver=short_ref(refs[row.receiver_id]),
                endpoint_id=row.endpoint_id,
                method=row.method,
                path_template=row.path_template,
                first_seen=iso(row.first_seen_us),
                last_seen=iso(row.last_seen_us),
            )
            for row in rows
        ]
        return out, int(total)

    def endpoints_page(
        self, filters: Filters, limit: int, offset: int
    ) -> tuple[list[EndpointSummary], int]:
        """One page of `endpoints` and their total: filtered, ordered (busiest first, index
        ``ix_endpoints_busiest``) and cut by the database; only the page's rows are loaded,
        its workloads' data types come from ``workload_data_types``, its own data types and
        the data-type and sensitivity filters from ``endpoint_data_types``. A deep ``offset``
        walks the narrow page index (an index-only scan once vacuum has marked the table's
        pages all-visible)."""
        conditions: list[Any] = []
        if filters.namespace:
            parties = select(workloads.c.id).where(workloads.c.namespace == filters.namespace)
            conditions.append(
                or_(endpoints.c.source_id.in_(parties), endpoints.c.destination_id.in_(parties))
            )
        if filters.cluster is not None:  # an endpoint's workloads share their cluster
            conditions.append(
                endpoints.c.source_id.in_(
                    select(workloads.c.id).where(workloads.c.cluster == filters.cluster)
                )
            )
        conditions.extend(carries(filters))
        total_query = select(func.count()).select_from(endpoints).where(*conditions)
        if filters.data_type or filters.min_sensitivity:  # counted in endpoint_data_types
            total_query = _carrying_count(filters)
        with self._read() as conn:
            total = conn.execute(total_query).scalar_one()
            ids = list(
                conn.execute(
                    select(endpoints.c.id)
                    .where(*conditions)
                    .order_by(endpoints.c.exchange_count.desc(), endpoints.c.id)
                    .limit(limit)
                    .offset(offset)
                ).scalars()
            )
            rows = load_endpoints(conn, ids) if ids else []
            refs, roles = parties_of(conn, rows)
            types = endpoint_types(conn, ids)
        snap = _Snapshot(
            workloads=refs, endpoints=rows, detections=[], roles=roles, endpoint_types=types
        )
        return snap.endpoint_summaries(Filters()), int(total)

    def summary(self) -> SummaryView:
        """Totals and the namespaces seen (counted by the database, not loaded)."""

        def total(query: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(query)).scalar_one())

        with self._read() as conn:
            pairs = select(endpoints.c.source_id, endpoints.c.destination_id).distinct()
            reporting = set(conn.execute(select(agent_clusters.c.cluster)).scalars())
            reporting |= set(conn.execute(select(workloads.c.cluster).distinct()).scalars())
            return SummaryView(
                clusters=sorted(reporting),
                workloads=total(workloads),
                flows=total(pairs.subquery()),
                endpoints=total(endpoints),
                data_types=total(select(detections.c.data_type).distinct().subquery()),
                violations=total(violations),
                batches=total(batches),
                namespaces=sorted(
                    conn.execute(
                        select(workloads.c.namespace).where(workloads.c.namespace != "").distinct()
                    ).scalars()
                ),
            )


@dataclass(frozen=True)
class _Transfer:
    endpoint_id: int
    sender: int
    receiver: int
    detection: StoredDetection


@dataclass(frozen=True)
class _Flow:
    """One client → server pair over all its endpoints."""

    source_id: int
    destination_id: int
    endpoint_count: int
    exchange_count: int
    first_seen_us: int
    last_seen_us: int
    # data type → (highest sensitivity, directions)
    types: dict[str, tuple[int, set[str]]]


def parties_of(
    conn: Connection, endpoint_rows: list[Any]
) -> tuple[dict[int, Any], dict[int, tuple[set[str], set[str]]]]:
    """The workload rows of the clients and servers of ``endpoint_rows``, and per workload
    the data types it sends and receives (`workload_data_types`)."""
    ids = sorted({r.source_id for r in endpoint_rows} | {r.destination_id for r in endpoint_rows})
    refs = {row.id: row for row in conn.execute(select(workloads).where(workloads.c.id.in_(ids)))}
    roles: dict[int, tuple[set[str], set[str]]] = {w: (set(), set()) for w in refs}
    for wid, role, data_type in conn.execute(
        select(
            workload_data_types.c.workload_id,
            workload_data_types.c.role,
            workload_data_types.c.data_type,
        ).where(workload_data_types.c.workload_id.in_(ids))
    ):
        roles[wid][0 if role == "sends" else 1].add(data_type)
    return refs, roles


def endpoint_summaries(
    workload_rows: dict[int, Any],
    endpoint_rows: list[Any],
    detection_rows: list[StoredDetection],
    roles: dict[int, tuple[set[str], set[str]]],
) -> list[EndpointSummary]:
    """Summaries of ``endpoint_rows`` (busiest first) from rows already read: their
    workloads, their detections, and each workload's (sent, received) data types."""
    snap = _Snapshot(
        workloads=workload_rows, endpoints=endpoint_rows, detections=detection_rows, roles=roles
    )
    return snap.endpoint_summaries(Filters())


@dataclass
class _Snapshot:
    """Rows loaded in one go; views are assembled in Python (dashboard-sized data)."""

    workloads: dict[int, Any]
    endpoints: list[Any]
    detections: list[StoredDetection]
    entry_hosts: list[tuple[int, str]] = field(default_factory=list)

    def links(self) -> Links:
        return find_links(self.workloads, self.endpoints, self.entry_hosts)

    # Workload id → (data types it sends, receives) when known beyond these rows.
    roles: dict[int, tuple[set[str], set[str]]] | None = None
    # Endpoint id → data type → (highest sensitivity, directions), when read from
    # ``endpoint_data_types`` instead of derived from ``detections``.
    endpoint_types: dict[int, dict[str, tuple[int, set[str]]]] | None = None

    def transfers(self, filters: Filters) -> list[_Transfer]:
        ends = {e.id: e for e in self.endpoints}
        out = []
        for det in self.detections:
            end = ends.get(det.endpoint_id)
            if end is None:
                continue
            if filters.data_type and det.data_type != filters.data_type:
                continue
            if filters.min_sensitivity and det.sensitivity < filters.min_sensitivity:
                continue
            pair = (end.source_id, end.destination_id)
            sender, receiver = pair if det.direction == "request" else pair[::-1]
            if filters.namespace and filters.namespace not in (
                self.workloads[sender].namespace,
                self.workloads[receiver].namespace,
            ):
                continue
            if filters.cluster is not None and self.workloads[sender].cluster != filters.cluster:
                continue
            out.append(_Transfer(det.endpoint_id, sender, receiver, det))
        return out

    def workload_views(self) -> dict[int, WorkloadView]:
        sends: dict[int, set[str]] = defaultdict(set)
        receives: dict[int, set[str]] = defaultdict(set)
        if self.roles is not None:
            for wid, (sent, received) in self.roles.items():
                sends[wid], receives[wid] = sent, received
        else:
            for t in self.transfers(Filters()):
                sends[t.sender].add(t.detection.data_type)
                receives[t.receiver].add(t.detection.data_type)
        out = {}
        for wid, row in self.workloads.items():
            ref = workload_ref(row)
            out[wid] = WorkloadView(
                id=wid,
                cluster=row.cluster,
                kind=kind_name(row.kind),
                namespace=row.namespace,
                name=row.name,
                label=workload_label(row),
                external=ref.external,
                first_seen=iso(row.first_seen_us),
                last_seen=iso(row.last_seen_us),
                sends=sorted(sends[wid]),
                receives=sorted(receives[wid]),
            )
        return out

    def _types_by_endpoint(self) -> dict[int, dict[str, tuple[int, set[str]]]]:
        """endpoint id → data type → (highest sensitivity, directions)."""
        if self.endpoint_types is not None:
            return self.endpoint_types
        out: dict[int, dict[str, tuple[int, set[str]]]] = defaultdict(dict)
        for det in self.detections:
            level, directions = out[det.endpoint_id].get(det.data_type, (0, set()))
            out[det.endpoint_id][det.data_type] = (
                max(level, det.sensitivity),
                directions | {det.direction},
            )
        return out

    @staticmethod
    def _on_flow(types: dict[str, tuple[int, set[str]]]) -> list[DataTypeOnFlow]:
        return [
            DataTypeOnFlow(
                data_type=name,
                sensitivity=SENSITIVITY_NAMES.get(level, "unknown"),
                direction="both" if len(dirs) > 1 else next(iter(dirs)),
            )
            for name, (level, dirs) in sorted(types.items(), key=lambda kv: (-kv[1][0], kv[0]))
        ]

    def _matches(self, end: Any, types: dict[str, tuple[int, set[str]]], filters: Filters) -> bool:
        if filters.namespace and filters.namespace not in (
            self.workloads[end.source_id].namespace,
            self.workloads[end.destination_id].namespace,
        ):
            return False
        if filters.cluster is not None and self.workloads[end.source_id].cluster != filters.cluster:
            return False
        if filters.data_type and filters.data_type not in types:
            return False
        highest = max((level for level, _ in types.values()), default=0)
        return not (filters.min_sensitivity and highest < filters.min_sensitivity)

    def endpoint_summaries(self, filters: Filters) -> list[EndpointSummary]:
        views = self.workload_views()
        by_endpoint = self._types_by_endpoint()
        out = []
        for end in self.endpoints:
            types = by_endpoint.get(end.id, {})
            if not self._matches(end, types, filters):
                continue
            highest = max((level for level, _ in types.values()), default=0)
            out.append(
                EndpointSummary(
                    id=end.id,
                    source=views[end.source_id],
                    destination=views[end.destination_id],
                    method=end.method,
                    path_template=end.path_template,
                    protocol=PROTOCOL_NAMES.get(end.protocol),
                    exchange_count=count_value(end.exchange_count),
                    inspected_count=count_value(end.inspected_count),
                    data_types=self._on_flow(types),
                    highest_sensitivity=sensitivity_name(highest),
                    first_seen=iso(end.first_seen_us),
                    last_seen=iso(end.last_seen_us),
                )
            )
        return sorted(out, key=lambda e: (-e.exchange_count, e.id))

    def flows(self, filters: Filters) -> list[FlowView]:
        by_endpoint = self._types_by_endpoint()
        grouped: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for end in self.endpoints:
            grouped[(end.source_id, end.destination_id)].append(end)
        aggregates = []
        for (source_id, destination_id), ends in grouped.items():
            types: dict[str, tuple[int, set[str]]] = {}
            for end in ends:
                for name, (level, dirs) in by_endpoint.get(end.id, {}).items():
                    old_level, old_dirs = types.get(name, (0, set()))
                    types[name] = (max(level, old_level), old_dirs | dirs)
            aggregates.append(
                _Flow(
                    source_id, destination_id, len(ends),
                    min(sum(count_value(e.exchange_count) for e in ends), INT64_MAX),
                    min(e.first_seen_us for e in ends), max(e.last_seen_us for e in ends), types,
                )
            )  # fmt: skip
        return self.flow_views(aggregates, filters)

    def linked_servers(self) -> dict[int, set[int]]:
        """EXTERNAL workload id → the other clusters' servers it was linked to."""
        linked: dict[int, set[int]] = defaultdict(set)
        for link in self.links().links:
            linked[link.external_id] |= link.server_ids
        return linked

    def flow_views(self, aggregates: list[_Flow], filters: Filters) -> list[FlowView]:
        """The flows the filters keep, as the API shows them."""
        views = self.workload_views()
        linked = self.linked_servers()
        out = []
        for flow in aggregates:
            if not self._matches(flow, flow.types, filters):
                continue
            highest = max((level for level, _ in flow.types.values()), default=0)
            out.append(
                FlowView(
                    source=views[flow.source_id],
                    destination=views[flow.destination_id],
                    endpoint_count=flow.endpoint_count,
                    exchange_count=flow.exchange_count,
                    data_types=self._on_flow(flow.types),
                    highest_sensitivity=sensitivity_name(highest),
                    first_seen=iso(flow.first_seen_us),
                    last_seen=iso(flow.last_seen_us),
                    linked_servers=self._refs(linked.get(flow.destination_id, set())),
                )
            )
        return sorted(out, key=lambda f: (f.source.label, f.destination.label))

    def data_type_views(self, filters: Filters) -> list[DataTypeView]:
        grouped: dict[str, list[_Transfer]] = defaultdict(list)
        for t in self.transfers(filters):
            grouped[t.detection.data_type].append(t)
        out = []
        for name, items in grouped.items():
            level = max(t.detection.sensitivity for t in items)
            out.append(
                DataTypeView(
                    data_type=name,
                    sensitivity=SENSITIVITY_NAMES.get(level, "unknown"),
                    senders=self._refs({t.sender for t in items}),
                    receivers=self._refs({t.receiver for t in items}),
                    endpoint_count=len({t.endpoint_id for t in items}),
                    field_count=len(
                        {
                            (t.endpoint_id, t.detection.direction, t.detection.json_path)
                            for t in items
                        }
                    ),
                    first_seen=iso(min(t.detection.first_seen_us for t in items)),
                    last_seen=iso(max(t.detection.last_seen_us for t in items)),
                )
            )
        return sorted(
            out, key=lambda v: (-SENSITIVITY_LEVELS_BY_NAME.get(v.sensitivity, 0), v.data_type)
        )

    def _refs(self, ids: set[int]) -> list[WorkloadRefView]:
        return sorted((short_ref(self.workloads[i]) for i in ids), key=lambda r: r.label)


SENSITIVITY_LEVELS_BY_NAME = {name: level for level, name in SENSITIVITY_NAMES.items()}


def linked_clusters(conn: Connection, external: dict[int, WorkloadRef]) -> dict[int, str]:
    """EXTERNAL workload id → the other cluster it is linked to, by the rule of
    `collector.cluster_links` (exactly one other cluster reported its name as an entry
    host); for policies judging cross-cluster calls."""
    names = sorted({ref.name.lower() for ref in external.values()})
    if not names:
        return {}
    claims: dict[str, set[str]] = defaultdict(set)
    for host, cluster in conn.execute(
        select(entry_hosts.c.host, workloads.c.cluster)
        .join(endpoints, endpoints.c.id == entry_hosts.c.endpoint_id)
        .join(workloads, workloads.c.id == endpoints.c.destination_id)
        .where(entry_hosts.c.host.in_(names))
        .distinct()
    ):
        claims[str(host)].add(str(cluster))
    out: dict[int, str] = {}
    for wid, ref in external.items():
        others = claims.get(ref.name.lower(), set()) - {ref.cluster}
        if len(others) == 1:
            out[wid] = next(iter(others))
    return out


def endpoints_calling_entry_hosts(conn: Connection, endpoint_ids: set[int]) -> set[int]:
    """Endpoints of other clusters whose EXTERNAL destination is named by an entry host of
    ``endpoint_ids``: the client sides a new entry host may link (to re-judge them)."""
    if not endpoint_ids:
        return set()
    server = workloads.alias("server")
    hosts = (
        select(entry_hosts.c.host, server.c.cluster)
        .join(endpoints, endpoints.c.id == entry_hosts.c.endpoint_id)
        .join(server, server.c.id == endpoints.c.destination_id)
        .where(entry_hosts.c.endpoint_id.in_(sorted(endpoint_ids)))
        .distinct()
    )
    claimed = {(str(host), str(cluster)) for host, cluster in conn.execute(hosts)}
    if not claimed:
        return set()
    rows = conn.execute(
        select(endpoints.c.id, workloads.c.name, workloads.c.cluster)
        .join(workloads, workloads.c.id == endpoints.c.destination_id)
        .where(
            workloads.c.kind == identity_pb2.WORKLOAD_KIND_EXTERNAL,
            func.lower(workloads.c.name).in_(sorted({host for host, _ in claimed})),
        )
    )
    return {
        int(row.id)
        for row in rows
        if any(h == row.name.lower() and c != row.cluster for h, c in claimed)
    }


def _data_type_conditions(filters: Filters) -> list[Any]:
    """Which ``endpoint_data_types`` rows ``filters`` keep: the data type, at least the
    sensitivity, a party in the namespace, the cluster (an endpoint's parties share it)."""
    edt = endpoint_data_types.c
    out: list[Any] = []
    if filters.data_type:
        out.append(edt.data_type == filters.data_type)
    if filters.min_sensitivity:
        out.append(edt.sensitivity >= filters.min_sensitivity)
    if filters.namespace:
        parties = select(workloads.c.id).where(workloads.c.namespace == filters.namespace)
        out.append(or_(edt.client_id.in_(parties), edt.server_id.in_(parties)))
    if filters.cluster is not None:
        out.append(edt.cluster == filters.cluster)
    return out


def _carrying_count(filters: Filters) -> Any:
    """How many endpoints `endpoints_page` lists with a data type or sensitivity filter,
    counted in ``endpoint_data_types`` alone (its rows carry the endpoint's parties and
    cluster; the data type's index serves the count)."""
    edt = endpoint_data_types.c
    conditions = _data_type_conditions(replace(filters, min_sensitivity=None))
    if filters.min_sensitivity:
        if not filters.data_type:
            conditions.append(edt.sensitivity >= filters.min_sensitivity)
        else:  # the type and some type at that sensitivity: each on its own
            other = endpoint_data_types.alias("other")
            conditions.append(
                exists().where(
                    other.c.endpoint_id == edt.endpoint_id,
                    other.c.sensitivity >= filters.min_sensitivity,
                )
            )
    return select(func.count(edt.endpoint_id.distinct())).where(*conditions)


def carries(filters: Filters) -> list[Any]:
    """Conditions on ``endpoints`` rows: a detection of ``filters.data_type``, and one of at
    least ``filters.min_sensitivity`` (each on its own, like the whole list's filter)."""
    edt = endpoint_data_types.c
    out: list[Any] = []
    if filters.data_type:
        out.append(
            exists().where(edt.endpoint_id == endpoints.c.id, edt.data_type == filters.data_type)
        )
    if filters.min_sensitivity:
        out.append(
            exists().where(
                edt.endpoint_id == endpoints.c.id, edt.sensitivity >= filters.min_sensitivity
            )
        )
    return out


def endpoint_types(
    conn: Connection, endpoint_ids: list[int]
) -> dict[int, dict[str, tuple[int, set[str]]]]:
    """Per endpoint of ``endpoint_ids``: data type → (highest sensitivity, directions)."""
    out: dict[int, dict[str, tuple[int, set[str]]]] = defaultdict(dict)
    if not endpoint_ids:
        return out
    edt = endpoint_data_types.c
    for eid, direction, data_type, level in conn.execute(
        select(edt.endpoint_id, edt.direction, edt.data_type, edt.sensitivity).where(
            among(conn, edt.endpoint_id, endpoint_ids)
        )
    ):
        old_level, directions = out[eid].get(data_type, (0, set()))
        out[eid][data_type] = (max(old_level, level), directions | {direction})
    return out
